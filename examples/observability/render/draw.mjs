// Draws the Grafana dashboard (grafana-dashboard.json) as one SVG, Grafana's dark theme and grid
// (24 columns, gridPos rows), each panel's queries evaluated with promql.mjs over the scrapes.
// Timeseries panels draw a line per series (legend from legendFormat), leaving out series that
// are 0 throughout (Grafana draws them flat on the axis; here they would only crowd the legend);
// stat panels draw the last value.
import { evaluate, parse } from './promql.mjs';

const COLUMN = 66;
const ROW = 30;
const GAP = 6;
const PALETTE = [
  '#73bf69',
  '#f2cc0c',
  '#5794f2',
  '#ff780a',
  '#f2495c',
  '#b877d9',
  '#8ab8ff',
  '#fade2a',
  '#ff9830',
  '#96d98d',
];
const esc = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** A value in the panel's unit, short. */
export function formatValue(value, unit) {
  if (!Number.isFinite(value)) return '-';
  const round = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
  switch (unit) {
    case 's':
      if (value === 0) return '0';
      if (value < 1e-3) return `${round(value * 1e6)} µs`;
      if (value < 1) return `${round(value * 1e3)} ms`;
      return `${round(value)} s`;
    case 'percentunit':
      return `${round(value * 100)}%`;
    case 'reqps':
      return `${round(value)}/s`;
    case 'Bps':
      return value >= 1e6
        ? `${round(value / 1e6)} MB/s`
        : value >= 1e3
          ? `${round(value / 1e3)} kB/s`
          : `${round(value)} B/s`;
    default:
      return Number.isInteger(value) ? String(value) : round(value);
  }
}

function legend(format, labels) {
  return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => labels[name] ?? '');
}

/** Every target of `panel` evaluated at each scrape time: `[{ name, points: [[t, v]] }]`. */
function panelSeries(panel, scrapes, vars) {
  const out = new Map();
  for (const target of panel.targets) {
    const tree = parse(target.expr, vars);
    for (const scrape of scrapes) {
      for (const s of evaluate(tree, scrapes, scrape.t)) {
        if (!Number.isFinite(s.value)) continue;
        const name = legend(target.legendFormat ?? '', s.labels) || target.refId;
        if (!out.has(name)) out.set(name, []);
        out.get(name).push([scrape.t, s.value]);
      }
    }
  }
  return [...out.entries()]
    .map(([name, points]) => ({ name, points }))
    .filter((s) => panel.type === 'stat' || s.points.some((p) => p[1] !== 0))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function niceMax(max) {
  if (!(max > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map((m) => m * step).find((v) => v >= max) ?? max;
}

function timeseries(box, series, range, unit) {
  const out = [];
  const legendRows = Math.ceil(series.length / 3);
  const plot = { x: box.x + 62, y: box.y + 30, w: box.w - 74, h: box.h - 52 - legendRows * 15 };
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p[1]))));
  const x = (t) => plot.x + ((t - range.from) / (range.to - range.from)) * plot.w;
  const y = (v) => plot.y + plot.h - (v / max) * plot.h;
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    out.push(
      `<line x1="${plot.x}" x2="${plot.x + plot.w}" y1="${y(v)}" y2="${y(v)}" stroke="#2c3235"/>`,
      `<text x="${plot.x - 6}" y="${y(v) + 4}" text-anchor="end" fill="#8e8e8e" font-size="10">${esc(formatValue(v, unit))}</text>`,
    );
  }
  for (let s = 0; s <= range.to - range.from; s += 30) {
    out.push(
      `<text x="${x(range.from + s)}" y="${plot.y + plot.h + 13}" text-anchor="middle" fill="#8e8e8e" font-size="10">${s}s</text>`,
    );
  }
  if (series.length === 0) {
    out.push(
      `<text x="${plot.x + plot.w / 2}" y="${plot.y + plot.h / 2}" text-anchor="middle" fill="#8e8e8e">No data</text>`,
    );
  }
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const d = s.points
      .map(([t, v], j) => `${j === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`)
      .join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.6"/>`);
    const lx = box.x + 10 + (i % 3) * ((box.w - 20) / 3);
    const ly = plot.y + plot.h + 28 + Math.floor(i / 3) * 15;
    out.push(
      `<rect x="${lx}" y="${ly - 8}" width="10" height="3" fill="${color}"/>`,
      `<text x="${lx + 14}" y="${ly - 3}" fill="#ccccdc" font-size="10">${esc(s.name)}</text>`,
    );
  });
  return out;
}

function stat(panel, box, series, unit) {
  const last = series[0]?.points.at(-1)?.[1];
  const steps = panel.fieldConfig?.defaults?.thresholds?.steps ?? [{ color: 'green', value: null }];
  const color = { green: '#73bf69', orange: '#ff9830', red: '#f2495c' };
  const step = steps.filter((s) => s.value === null || (last ?? 0) >= s.value).at(-1);
  const fill = color[step?.color] ?? '#73bf69';
  const out = [];
  const points = series[0]?.points ?? [];
  if (points.length > 1) {
    const max = Math.max(...points.map((p) => p[1])) || 1;
    const from = points[0][0];
    const span = points.at(-1)[0] - from || 1;
    const d = points
      .map(
        ([t, v], j) =>
          `${j === 0 ? 'M' : 'L'}${(box.x + ((t - from) / span) * box.w).toFixed(1)},${(box.y + box.h - 4 - (v / max) * (box.h * 0.45)).toFixed(1)}`,
      )
      .join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${fill}" stroke-opacity="0.35" stroke-width="2"/>`);
  }
  out.push(
    `<text x="${box.x + box.w / 2}" y="${box.y + box.h / 2 + 16}" text-anchor="middle" fill="${fill}" font-size="30" font-weight="bold">${esc(last === undefined ? 'No data' : formatValue(last, unit))}</text>`,
  );
  return out;
}

/**
 * The dashboard as `{ svg, width, height }`: `scrapes` from render-dashboard.mjs, `vars` the
 * Grafana variables to substitute (`$__rate_interval`, `$job`), `subtitle` under the title.
 */
export function dashboardSvg(dashboard, scrapes, vars, subtitle) {
  const bottom = Math.max(...dashboard.panels.map((p) => p.gridPos.y + p.gridPos.h));
  const top = 56;
  const width = 24 * COLUMN + GAP;
  const height = top + bottom * ROW + GAP;
  const range = { from: scrapes[0]?.t ?? 0, to: scrapes.at(-1)?.t ?? 1 };
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="Inter, Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#111217"/>`,
    `<text x="${GAP + 6}" y="26" fill="#ccccdc" font-size="18" font-weight="500">${esc(dashboard.title)}</text>`,
    `<text x="${GAP + 6}" y="45" fill="#8e8e8e" font-size="11">${esc(subtitle)}</text>`,
  ];
  for (const panel of dashboard.panels) {
    const box = {
      x: GAP + panel.gridPos.x * COLUMN,
      y: top + panel.gridPos.y * ROW,
      w: panel.gridPos.w * COLUMN - GAP,
      h: panel.gridPos.h * ROW - GAP,
    };
    const unit = panel.fieldConfig?.defaults?.unit ?? 'none';
    const series = panelSeries(panel, scrapes, vars);
    out.push(
      `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="3" fill="#181b1f" stroke="#2c3235"/>`,
      `<text x="${box.x + 10}" y="${box.y + 18}" fill="#ccccdc" font-size="12" font-weight="500">${esc(panel.title)}</text>`,
      ...(panel.type === 'stat' ? stat(panel, box, series, unit) : timeseries(box, series, range, unit)),
    );
  }
  out.push('</svg>');
  return { svg: out.join('\n'), width, height };
}
