// The soak's plot (bench/soak.png): the server's memory, its event-loop delay and the streams'
// outcomes per second over the run, three panels sharing the time axis, reload times marked.
// An SVG rendered to PNG by headless Chromium (plot.mjs's renderPng), as latency.png is.

const esc = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** A "nice" tick step for a 0..max axis with about `n` ticks. */
function tickStep(max, n) {
  if (!(max > 0)) return 1;
  const raw = max / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((t) => raw <= t) ?? p * 10;
}

const fmt = (v) =>
  v >= 100 || Number.isInteger(v) ? Math.round(v).toLocaleString('en-US') : String(+v.toFixed(2));

/** One panel of lines: `series` are `{ name, color, values }` over the shared `ts`. */
function panel(out, { x, y, w, h, title, unit, ts, tMax, series, reloads }) {
  const yMax = Math.max(1e-9, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  const step = tickStep(yMax, 4);
  const top = Math.ceil(yMax / step) * step;
  const px = (t) => x + (t / tMax) * w;
  const py = (v) => y + h - (v / top) * h;
  out.push(`<text x="${x}" y="${y - 8}" font-size="13" font-weight="bold">${esc(title)}</text>`);
  for (let v = 0; v <= top + step / 2; v += step) {
    out.push(
      `<line x1="${x}" x2="${x + w}" y1="${py(v)}" y2="${py(v)}" stroke="#e4e4e4"/>`,
      `<text x="${x - 6}" y="${py(v) + 4}" text-anchor="end" font-size="10">${fmt(v)}</text>`,
    );
  }
  out.push(
    `<text x="${x - 44}" y="${y + h / 2}" transform="rotate(-90 ${x - 44} ${y + h / 2})" text-anchor="middle" font-size="11">${esc(unit)}</text>`,
  );
  for (const t of reloads) {
    out.push(
      `<line x1="${px(t)}" x2="${px(t)}" y1="${y}" y2="${y + h}" stroke="#c9a0dc" stroke-dasharray="2,3"/>`,
    );
  }
  for (const s of series) {
    const pts = s.values.map(
      (v, i) => `${px(ts[i]).toFixed(1)},${py(Number.isFinite(v) ? v : 0).toFixed(1)}`,
    );
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${pts.join(' ')}"/>`);
  }
  let lx = x + w;
  for (const s of [...series].reverse()) {
    const label = esc(s.name);
    lx -= 22 + label.length * 5.6;
    out.push(
      `<rect x="${lx}" y="${y - 19}" width="12" height="4" fill="${s.color}"/>`,
      `<text x="${lx + 16}" y="${y - 13}" font-size="10">${label}</text>`,
    );
  }
  out.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="#999"/>`);
}

/** `{ svg, width, height }` of the soak's records (see soak-summary.mjs for their fields). */
export function soakSvg(records, title) {
  const width = 1000;
  const left = 80;
  const w = width - left - 30;
  const h = 170;
  const gap = 70;
  const top = 70;
  const height = top + 3 * h + 2 * gap + 60;
  const ts = records.map((r) => r.t);
  const tMax = Math.max(1, ...ts);
  const reloads = records.filter((r) => r.reloads > 0).map((r) => r.t);
  const col = (k) => records.map((r) => r[k]);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="white"/>',
    `<text x="${left}" y="24" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<text x="${left}" y="42" font-size="11" fill="#555">dotted lines: pipeline reloads (processor.reload)</text>`,
  ];
  const common = { x: left, w, h, ts, tMax, reloads };
  panel(out, {
    ...common,
    y: top,
    title: 'Server memory',
    unit: 'MiB',
    series: [
      { name: 'RSS', color: '#1f77b4', values: col('rssMiB') },
      { name: 'heap used', color: '#2ca02c', values: col('heapUsedMiB') },
    ],
  });
  panel(out, {
    ...common,
    y: top + h + gap,
    title: 'Server event-loop delay, per second',
    unit: 'ms',
    series: [
      { name: 'p50', color: '#2ca02c', values: col('eldP50Ms') },
      { name: 'p99', color: '#ff7f0e', values: col('eldP99Ms') },
      { name: 'max', color: '#d62728', values: col('eldMaxMs') },
    ],
  });
  panel(out, {
    ...common,
    y: top + 2 * (h + gap),
    title: 'Stream outcomes per second',
    unit: 'streams/s',
    series: [
      { name: 'ok', color: '#2ca02c', values: col('ok') },
      { name: 'failed as configured', color: '#ff7f0e', values: col('failed') },
      { name: 'cancelled', color: '#9467bd', values: col('cancelled') },
      { name: 'lost', color: '#d62728', values: col('lost') },
      { name: 'wrong', color: '#000000', values: col('wrong') },
    ],
  });
  const axisY = top + 3 * h + 2 * gap;
  const step = tickStep(tMax, 10);
  for (let t = 0; t <= tMax; t += step) {
    const x = left + (t / tMax) * w;
    out.push(`<text x="${x}" y="${axisY + 16}" text-anchor="middle" font-size="10">${fmt(t)}</text>`);
  }
  out.push(
    `<text x="${left + w / 2}" y="${axisY + 36}" text-anchor="middle" font-size="11">seconds since the soak began</text>`,
    '</svg>',
  );
  return { svg: out.join('\n'), width, height };
}
