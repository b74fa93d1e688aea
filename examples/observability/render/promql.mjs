// The part of PromQL the dashboard's queries use, evaluated over scrapes this script took itself,
// so the picture draws exactly the dashboard's expressions (not a re-statement of them):
// selectors with = and =~ matchers, rate() and increase() over a range, sum/max/min/avg with an
// optional `by (...)`, histogram_quantile(), and `/` between vectors with the same labels.
// Hand-written: the npm PromQL parsers are editor grammars (Lezer) without an evaluator, and a
// Prometheus server is not available here. An expression outside this subset is an error.

/** The samples of one scrape: `{ t: seconds, series: [{ name, labels, value }] }`. */

const AGGREGATIONS = new Set(['sum', 'max', 'min', 'avg']);
const RANGE_FUNCTIONS = new Set(['rate', 'increase']);

function tokenize(text) {
  const tokens = [];
  const re =
    /\s*(?:(=~|!=|[(){}[\],=/])|("(?:[^"\\]|\\.)*")|([0-9]+(?:\.[0-9]+)?(?:ms|s|m|h)?)|([a-zA-Z_:][a-zA-Z0-9_:]*))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (m === null) throw new Error(`promql: cannot read ${JSON.stringify(text.slice(at))}`);
    at = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'punct', value: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'string', value: JSON.parse(m[2]) });
    else if (m[3] !== undefined) tokens.push({ kind: 'number', value: m[3] });
    else tokens.push({ kind: 'ident', value: m[4] });
  }
  return tokens;
}

function durationSeconds(text) {
  const m = /^([0-9.]+)(ms|s|m|h)$/.exec(text);
  if (m === null) throw new Error(`promql: bad duration ${text}`);
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2]];
}

/**
 * Parses `expr` after substituting Grafana variables (`vars`: e.g. `{ $__rate_interval: '20s',
 * $job: '.*' }`); returns the syntax tree.
 */
export function parse(expr, vars = {}) {
  let text = expr;
  for (const [name, value] of Object.entries(vars)) text = text.split(name).join(value);
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`promql: unexpected end of ${expr}`);
    return t;
  };
  const expect = (value) => {
    const t = next();
    if (t.value !== value) throw new Error(`promql: expected ${value}, got ${t.value} in ${expr}`);
  };
  const labelList = () => {
    expect('(');
    const labels = [];
    while (peek()?.value !== ')') {
      labels.push(next().value);
      if (peek()?.value === ',') next();
    }
    expect(')');
    return labels;
  };
  const selector = (name) => {
    const matchers = [];
    if (peek()?.value === '{') {
      next();
      while (peek()?.value !== '}') {
        const label = next().value;
        const op = next().value;
        const value = next();
        if (value.kind !== 'string' || !['=', '=~', '!='].includes(op)) {
          throw new Error(`promql: bad matcher in ${expr}`);
        }
        matchers.push({ label, op, value: value.value });
        if (peek()?.value === ',') next();
      }
      expect('}');
    }
    return { type: 'selector', name, matchers };
  };
  const term = () => {
    const t = next();
    if (t.kind === 'number') return { type: 'number', value: Number(t.value) };
    if (t.kind !== 'ident') throw new Error(`promql: unexpected ${t.value} in ${expr}`);
    if (AGGREGATIONS.has(t.value)) {
      let by = [];
      if (peek()?.value === 'by') {
        next();
        by = labelList();
      }
      expect('(');
      const inner = binary();
      expect(')');
      return { type: 'aggregate', op: t.value, by, inner };
    }
    if (RANGE_FUNCTIONS.has(t.value)) {
      expect('(');
      const sel = selector(next().value);
      expect('[');
      const range = durationSeconds(next().value);
      expect(']');
      expect(')');
      return { type: 'range', fn: t.value, selector: sel, range };
    }
    if (t.value === 'histogram_quantile') {
      expect('(');
      const q = Number(next().value);
      expect(',');
      const inner = binary();
      expect(')');
      return { type: 'quantile', q, inner };
    }
    return selector(t.value);
  };
  const binary = () => {
    let left = term();
    while (peek()?.value === '/') {
      next();
      left = { type: 'divide', left, right: term() };
    }
    return left;
  };
  const tree = binary();
  if (i !== tokens.length) throw new Error(`promql: unexpected ${tokens[i].value} in ${expr}`);
  return tree;
}

/** The metric names an expression reads (histogram `_bucket` names as written). */
export function metricNames(tree) {
  switch (tree.type) {
    case 'selector':
      return [tree.name];
    case 'range':
      return [tree.selector.name];
    case 'aggregate':
    case 'quantile':
      return metricNames(tree.inner);
    case 'divide':
      return [...metricNames(tree.left), ...metricNames(tree.right)];
    default:
      return [];
  }
}

const key = (labels) =>
  JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );

function matches(series, sel) {
  if (series.name !== sel.name) return false;
  return sel.matchers.every(({ label, op, value }) => {
    const v = series.labels[label] ?? '';
    if (op === '=') return v === value;
    if (op === '!=') return v !== value;
    return new RegExp(`^(?:${value})$`).test(v);
  });
}

/** Evaluates `tree` at time `t` over `scrapes` (sorted by t); returns `[{ labels, value }]`. */
export function evaluate(tree, scrapes, t) {
  switch (tree.type) {
    case 'number':
      return [{ labels: {}, value: tree.value }];
    case 'selector': {
      const scrape = scrapes.findLast((s) => s.t <= t);
      if (scrape === undefined) return [];
      return scrape.series
        .filter((s) => matches(s, tree))
        .map((s) => ({ labels: without(s.labels, []), value: s.value }));
    }
    case 'range': {
      const window = scrapes.filter((s) => s.t <= t && s.t > t - tree.range);
      const points = new Map();
      for (const scrape of window) {
        for (const s of scrape.series) {
          if (!matches(s, tree.selector)) continue;
          const k = key(s.labels);
          if (!points.has(k)) points.set(k, { labels: s.labels, samples: [] });
          points.get(k).samples.push([scrape.t, s.value]);
        }
      }
      const out = [];
      for (const { labels, samples } of points.values()) {
        if (samples.length < 2) continue;
        let increase = 0;
        for (let j = 1; j < samples.length; j++) {
          const d = samples[j][1] - samples[j - 1][1];
          increase += d >= 0 ? d : samples[j][1]; // a counter reset starts from 0
        }
        // Over the samples in the window, without Prometheus' extrapolation to its edges: the
        // scrapes here may cover less than the range (a short run), where extrapolating would
        // invent counts.
        const span = samples.at(-1)[0] - samples[0][0];
        out.push({ labels, value: tree.fn === 'rate' ? increase / span : increase });
      }
      return out;
    }
    case 'aggregate': {
      const groups = new Map();
      for (const s of evaluate(tree.inner, scrapes, t)) {
        const labels = Object.fromEntries(tree.by.filter((l) => l in s.labels).map((l) => [l, s.labels[l]]));
        const k = key(labels);
        if (!groups.has(k)) groups.set(k, { labels, values: [] });
        groups.get(k).values.push(s.value);
      }
      return [...groups.values()].map(({ labels, values }) => ({
        labels,
        value:
          tree.op === 'sum'
            ? values.reduce((a, b) => a + b, 0)
            : tree.op === 'avg'
              ? values.reduce((a, b) => a + b, 0) / values.length
              : Math[tree.op](...values),
      }));
    }
    case 'quantile': {
      const groups = new Map();
      for (const s of evaluate(tree.inner, scrapes, t)) {
        const labels = without(s.labels, ['le']);
        const k = key(labels);
        if (!groups.has(k)) groups.set(k, { labels, buckets: [] });
        groups
          .get(k)
          .buckets.push([s.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(s.labels.le), s.value]);
      }
      const out = [];
      for (const { labels, buckets } of groups.values()) {
        buckets.sort((a, b) => a[0] - b[0]);
        const total = buckets.at(-1)?.[1] ?? 0;
        if (!(total > 0)) continue;
        const rank = tree.q * total;
        let lower = 0;
        let below = 0;
        for (const [le, count] of buckets) {
          if (count >= rank) {
            const value =
              le === Number.POSITIVE_INFINITY
                ? lower
                : lower + (le - lower) * ((rank - below) / (count - below || 1));
            out.push({ labels, value });
            break;
          }
          lower = le;
          below = count;
        }
      }
      return out;
    }
    case 'divide': {
      const right = new Map(evaluate(tree.right, scrapes, t).map((s) => [key(s.labels), s.value]));
      return evaluate(tree.left, scrapes, t)
        .filter((s) => (right.get(key(s.labels)) ?? 0) !== 0)
        .map((s) => ({ labels: s.labels, value: s.value / right.get(key(s.labels)) }));
    }
    default:
      throw new Error(`promql: cannot evaluate ${tree.type}`);
  }
}

function without(labels, drop) {
  const out = {};
  for (const [k, v] of Object.entries(labels)) if (!drop.includes(k)) out[k] = v;
  return out;
}

/** Parses Prometheus text exposition into `[{ name, labels, value }]` (comments skipped). */
export function parseExposition(text) {
  const series = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (m === null) continue;
    const labels = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[k] = v.replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
    }
    series.push({ name: m[1], labels, value: m[3] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[3]) });
  }
  return series;
}
