/**
 * The table of `npm run bench` and the plot of bench/RESULTS.md, from results shaped like the
 * --json output of bench/streams.mjs and bench/latency.mjs.
 */
import { describe, expect, it } from 'vitest';
import { latencySvg, plotGroups } from './plot.mjs';
import { markdownTable, tableRows } from './results-table.mjs';

const spread = (median: number) => ({ median, min: median, max: median });

function streams(scenario: string, resets: boolean) {
  return {
    meta: { node: 'v24.22.3', scenario },
    summary: {
      servers: {
        A: { streamsPerSec: spread(20_000), cpuUsPerStream: spread(45.25) },
        C: { streamsPerSec: spread(50_000), cpuUsPerStream: spread(18.1) },
      },
      ratios: { 'A/C': spread(0.4) },
      cpuRatios: { 'A/C': spread(2.5) },
      resets: resets
        ? [
            {
              concurrency: 16,
              servers: {
                A: { streams: 100_000, goawaysPer100k: 0, lostPer100k: 0 },
                C: { streams: 100_100, goawaysPer100k: 95.9, lostPer100k: 1500 },
              },
            },
          ]
        : [],
    },
  };
}

const window = (rps: number, p50Us: number, p99Us: number) => ({ rps, p50Us, p99Us, errors: 0, non2xx: 0 });
const latency = {
  meta: { node: 'v24.22.3' },
  rows: [
    {
      case: 'headers',
      proxy: 'dev',
      withoutLabel: 'attache dev --bypass',
      withLabel: 'attache dev',
      max: {
        without: window(8000, 900, 3000),
        with: window(5000, 1500, 4000),
        direct: window(20000, 300, 900),
      },
      fixed: {
        rate: 1000,
        without: window(1000, 400, 900),
        with: window(1000, 650, 1400),
        direct: window(1000, 150, 400),
      },
      addedP50Us: 250,
      addedP99Us: 500,
      proxyOwnP50Us: 250,
    },
  ],
};

const transform = {
  meta: { node: 'v24.22.3', rounds: 7, ms: 300 },
  results: [
    { scenario: 'header', bytes: 0, transformUs: 0.214, handUs: 0.026, ratio: 8.23 },
    { scenario: 'json4k-hbs', bytes: 4084, transformUs: 28.5, handUs: 17.25, ratio: 1.652 },
  ],
};

const runs = [
  { node: '24', streams: [streams('headers', true), streams('body4k', false)], transform, latency },
];

describe('tableRows', () => {
  const rows = tableRows(runs);

  it('gives each processor-only scenario its figures against the raw h2 floor of the same run', () => {
    const headers = rows.find((r) => r.case === 'headers' && r.measure.startsWith('processor only'));
    expect(headers).toMatchObject({
      node: 'v24.22.3',
      attache: '20,000 (45.3)',
      baseline: 'raw h2: 50,000 (18.1)',
      ratio: '0.40× streams/s, 2.50× CPU',
    });
    expect(rows.filter((r) => r.measure.startsWith('processor only')).map((r) => r.case)).toEqual([
      'headers',
      'body4k',
    ]);
  });

  it('names the transport in the case of a run on another than the default (http2)', () => {
    const wire = streams('headers', true);
    const run = {
      node: '24',
      streams: [wire, { ...wire, meta: { ...wire.meta, options: { transport: 'wire' } } }],
    };
    const cases = tableRows([{ ...run, transform: null, latency: null }]).map((r) => r.case);
    expect(cases).toEqual(['headers', 'headers', 'headers, wire', 'headers, wire']);
  });

  it('reports GOAWAYs and lost streams per 100,000 for each in-flight level measured', () => {
    const resets = rows.filter((r) => r.measure.startsWith('Envoy close'));
    expect(resets).toHaveLength(1);
    expect(resets[0]).toMatchObject({
      measure: 'Envoy close: GOAWAY / lost per 100k streams, 16 in flight',
      attache: '0.0 / 0.0',
      baseline: 'raw h2: 95.9 / 1500.0',
    });
  });

  it('adds rows against the Go baseline (server D) in the runs it joined, Envoy close included', () => {
    const withGo = streams('headers', true);
    withGo.summary.servers = {
      ...withGo.summary.servers,
      D: { streamsPerSec: spread(40_000), cpuUsPerStream: spread(22.6) },
    } as typeof withGo.summary.servers;
    Object.assign(withGo.summary.ratios, { 'A/D': spread(0.5) });
    Object.assign(withGo.summary.cpuRatios, { 'A/D': spread(2) });
    const block = withGo.summary.resets[0];
    if (block === undefined) throw new Error('fixture');
    Object.assign(block.servers, { D: { streams: 100_000, goawaysPer100k: 0, lostPer100k: 0 } });
    const goRows = tableRows([{ node: '24', streams: [withGo, streams('body4k', false)] }]).filter((r) =>
      r.baseline.startsWith('Go grpc-go'),
    );
    expect(goRows.map((r) => [r.measure, r.case, r.attache, r.baseline, r.ratio])).toEqual([
      [
        'processor only: streams/s (CPU µs/stream)',
        'headers',
        '20,000 (45.3)',
        'Go grpc-go: 40,000 (22.6)',
        '0.50× streams/s, 2.00× CPU',
      ],
      [
        'Envoy close: GOAWAY / lost per 100k streams, 16 in flight',
        'headers',
        '0.0 / 0.0',
        'Go grpc-go: 0.0 / 0.0',
        'of 100,000 streams',
      ],
    ]);
  });

  it('gives each transform scenario its µs per message against the hand-written function of the same run', () => {
    const t = rows.filter((r) => r.measure === 'transform processor: µs per message');
    expect(t.map((r) => [r.case, r.attache, r.baseline, r.ratio])).toEqual([
      ['header', '0.21', 'hand-written: 0.03', '8.23×'],
      ['json4k-hbs', '28.50', 'hand-written: 17.25', '1.65×'],
    ]);
    // Between the processor-only rows and the latency rows.
    const measures = rows.map((r) => r.measure);
    expect(measures.indexOf('transform processor: µs per message')).toBeGreaterThan(
      measures.lastIndexOf('processor only: streams/s (CPU µs/stream)'),
    );
    expect(tableRows([{ node: 'self', streams: [], transform, latency: null }])[0]?.node).toBe('v24.22.3');
  });

  it('says how many responses failed on each side', () => {
    const failing = structuredClone(latency);
    const row = failing.rows[0];
    if (row === undefined) throw new Error('fixture');
    row.max.with.non2xx = 3;
    row.max.without.errors = 1;
    row.fixed.with.errors = 2;
    const lat = tableRows([{ node: '24', streams: [], latency: failing }]);
    expect(lat.map((r) => r.ratio)).toEqual([
      '0.63× req/s; 3 failed with, 1 without',
      '+250 µs p50 added; 2 failed with',
      '+250 µs p50 for the proxy',
    ]);
  });

  it('reports max req/s, the p50 added at fixed load, and the proxy’s own cost', () => {
    const lat = rows.filter((r) => r.measure.startsWith('dev proxy'));
    expect(lat.map((r) => [r.measure, r.attache, r.baseline, r.ratio])).toEqual([
      [
        'dev proxy: max req/s (p50 / p99 µs)',
        '5,000 (1,500 / 4,000)',
        'attache dev --bypass: 8,000 (900 / 3,000)',
        '0.63× req/s',
      ],
      [
        'dev proxy: p50 / p99 µs at 1,000 req/s',
        '650 / 1,400',
        'attache dev --bypass: 400 / 900',
        '+250 µs p50 added',
      ],
      [
        'dev proxy own cost: p50 / p99 µs at 1,000 req/s',
        'attache dev --bypass: 400 / 900',
        'upstream direct: 150 / 400',
        '+250 µs p50 for the proxy',
      ],
    ]);
  });
});

describe('markdownTable', () => {
  it('pads every column to one width, with a header separator row', () => {
    const lines = markdownTable(tableRows(runs)).split('\n');
    expect(lines).toHaveLength(2 + tableRows(runs).length);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[1]).toMatch(/^\| -+ \| -+ \| -+ \| -+ \| -+ \| -+ \|$/);
  });

  it('escapes a pipe inside a cell', () => {
    const [row] = tableRows(runs);
    expect(markdownTable([{ ...row, measure: 'a|b' } as never])).toContain('a\\|b');
  });
});

describe('the latency plot', () => {
  it('draws four bars (p50 and p99, without and with) per case and proxy, with their values', () => {
    const groups = plotGroups(runs);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.bars.map((b) => [b.name, b.side, b.us])).toEqual([
      ['p50', 'without', 400],
      ['p50', 'with', 650],
      ['p99', 'without', 900],
      ['p99', 'with', 1400],
    ]);
    const { svg, width, height } = latencySvg(groups, 'title & more');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('title &amp; more');
    expect(svg.match(/<rect [^>]*fill="#(8fb3d9|d9534f)"/g)).toHaveLength(4 + 2);
    for (const v of ['400', '650', '900', '1,400']) expect(svg).toContain(`>${v}</text>`);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
  });
});
