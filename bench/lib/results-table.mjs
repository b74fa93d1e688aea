// The one table of `npm run bench` (bench/run.mjs) and bench/RESULTS.md, from the --json results
// of bench/streams.mjs, bench/transform.mjs and bench/latency.mjs. Pure functions: bench/lib/results-table.test.ts.

const int = (x) =>
  x === null || x === undefined || !Number.isFinite(x) ? '-' : Math.round(x).toLocaleString('en-US');
const fix = (x, d) => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));
const signed = (x) => (x === null || x === undefined ? '-' : `${x >= 0 ? '+' : '−'}${int(Math.abs(x))}`);

const PROXY = { dev: 'dev proxy', envoy: 'Envoy' };

/** ", 3 failed with, 1 without": responses that were not 2xx, or errors (timeouts, resets). */
function failures(withP, without) {
  const n = (x) => (x ? x.errors + x.non2xx : 0);
  const parts = [];
  if (n(withP) > 0) parts.push(`${n(withP)} failed with`);
  if (n(without) > 0) parts.push(`${n(without)} without`);
  return parts.length === 0 ? '' : `; ${parts.join(', ')}`;
}

/** Rows `{ node, measure, case, attache, baseline, ratio }` for one or more runs (one per Node). */
export function tableRows(runs) {
  const rows = [];
  for (const run of runs) {
    const node = run.streams[0]?.meta.node ?? run.transform?.meta.node ?? run.latency?.meta.node ?? run.node;
    for (const { meta, summary } of run.streams) {
      const a = summary.servers.A;
      const c = summary.servers.C;
      // The default transport's rows keep their plain case name; another transport's say which.
      const transport = meta.options?.transport ?? 'http2';
      const kase = transport === 'http2' ? meta.scenario : `${meta.scenario}, ${transport}`;
      rows.push({
        node,
        measure: 'processor only: streams/s (CPU µs/stream)',
        case: kase,
        attache: `${int(a.streamsPerSec.median)} (${fix(a.cpuUsPerStream.median, 1)})`,
        baseline: `raw h2: ${int(c.streamsPerSec.median)} (${fix(c.cpuUsPerStream.median, 1)})`,
        ratio: `${fix(summary.ratios['A/C'].median, 2)}× streams/s, ${fix(summary.cpuRatios['A/C'].median, 2)}× CPU`,
      });
      // The Go baseline (server D), in the runs it joined.
      const d = summary.servers.D;
      if (d !== undefined) {
        rows.push({
          node,
          measure: 'processor only: streams/s (CPU µs/stream)',
          case: kase,
          attache: `${int(a.streamsPerSec.median)} (${fix(a.cpuUsPerStream.median, 1)})`,
          baseline: `Go grpc-go: ${int(d.streamsPerSec.median)} (${fix(d.cpuUsPerStream.median, 1)})`,
          ratio: `${fix(summary.ratios['A/D']?.median, 2)}× streams/s, ${fix(summary.cpuRatios['A/D']?.median, 2)}× CPU`,
        });
      }
      for (const block of summary.resets ?? []) {
        const x = block.servers.A;
        for (const [y, name] of [
          [block.servers.C, 'raw h2'],
          [block.servers.D, 'Go grpc-go'],
        ]) {
          if (y === undefined) continue;
          rows.push({
            node,
            measure: `Envoy close: GOAWAY / lost per 100k streams, ${block.concurrency} in flight`,
            case: kase,
            attache: `${fix(x.goawaysPer100k, 1)} / ${fix(x.lostPer100k, 1)}`,
            baseline: `${name}: ${fix(y.goawaysPer100k, 1)} / ${fix(y.lostPer100k, 1)}`,
            ratio: `of ${int(x.streams)} streams`,
          });
        }
      }
    }
    for (const r of run.transform?.results ?? []) {
      rows.push({
        node,
        measure: 'transform processor: µs per message',
        case: r.scenario,
        attache: fix(r.transformUs, 2),
        baseline: `hand-written: ${fix(r.handUs, 2)}`,
        ratio: `${fix(r.ratio, 2)}×`,
      });
    }
    for (const r of run.latency?.rows ?? []) {
      const proxy = PROXY[r.proxy] ?? r.proxy;
      const pair = (x) => `${int(x?.p50Us)} / ${int(x?.p99Us)}`;
      rows.push({
        node,
        measure: `${proxy}: max req/s (p50 / p99 µs)`,
        case: r.case,
        attache: `${int(r.max.with.rps)} (${pair(r.max.with)})`,
        baseline: `${r.withoutLabel}: ${int(r.max.without.rps)} (${pair(r.max.without)})`,
        ratio: `${fix(r.max.with.rps / r.max.without.rps, 2)}× req/s${failures(r.max.with, r.max.without)}`,
      });
      rows.push({
        node,
        measure: `${proxy}: p50 / p99 µs at ${int(r.fixed.rate)} req/s`,
        case: r.case,
        attache: pair(r.fixed.with),
        baseline: `${r.withoutLabel}: ${pair(r.fixed.without)}`,
        ratio: `${signed(r.addedP50Us)} µs p50 added${failures(r.fixed.with, r.fixed.without)}`,
      });
      if (r.fixed.direct !== null && r.fixed.direct !== undefined) {
        rows.push({
          node,
          measure: `${proxy} own cost: p50 / p99 µs at ${int(r.fixed.rate)} req/s`,
          case: r.case,
          attache: `${r.withoutLabel}: ${pair(r.fixed.without)}`,
          baseline: `upstream direct: ${pair(r.fixed.direct)}`,
          ratio: `${signed(r.proxyOwnP50Us)} µs p50 for the proxy`,
        });
      }
    }
  }
  return rows;
}

const COLUMNS = [
  ['node', 'Node'],
  ['measure', 'measure'],
  ['case', 'case'],
  ['attache', 'attache (with the processor)'],
  ['baseline', 'baseline'],
  ['ratio', 'attache vs baseline'],
];

/** A Markdown table with padded columns (the layout Biome's formatter keeps). */
export function markdownTable(rows) {
  const cells = rows.map((r) => COLUMNS.map(([key]) => String(r[key]).replaceAll('|', '\\|')));
  const widths = COLUMNS.map(([, title], i) => Math.max(title.length, 3, ...cells.map((c) => c[i].length)));
  const line = (values) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(COLUMNS.map(([, title]) => title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}
