#!/usr/bin/env node
// Cost of the built-in `transform` processor per message, in process, against a hand-written
// function doing the same work on the same inputs in the same run. See bench/README.md.
//
//   npm run build && node bench/transform.mjs [--rounds R] [--ms MS] [--baseline DIR] [--quick] [--json]
//
// --baseline DIR also runs each scenario with the transform compiled in DIR (another build's
// `dist`, e.g. main's), interleaved in the same rounds, and reports this build / baseline: a
// change's per-message cost measured in one run on one machine.
//
// Each scenario calls the plugin's handler (as the pipeline would, with a minimal context: the
// header view, the body, the mutation calls) and the hand-written handler, interleaved in R
// rounds of about MS milliseconds each; it reports the median µs per message of both and their
// ratio. The framework's own per-message cost (protobuf, the stream) is the same for both and is
// left out (bench/streams.mjs measures it).
//   header          one header template ({{header "x-user-id"}}) vs headers.get + set
//   json4k-hbs      a 4 KiB JSON body reshaped by a Handlebars body template vs JSON.parse + build + stringify
//   json4k-jsonata  the same reshape as a JSONata expression vs the same function
//   json1m-hbs      a 1 MiB JSON body, the same reshape (Handlebars)
//   json1m-jsonata  a 1 MiB JSON body, the same reshape (JSONata)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import transform from '../dist/processors/transform/index.js';
import { silentLogger } from '../dist/src/index.js';
import { noPluginMetrics } from '../dist/src/observe/metrics/metrics.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    ms: { type: 'string', default: '300' },
    baseline: { type: 'string' },
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const baseline =
  values.baseline === undefined
    ? null
    : (await import(pathToFileURL(path.resolve(values.baseline, 'processors/transform/index.js')).href))
        .default;
const ROUNDS = values.quick ? 1 : Number(values.rounds);
const MS = values.quick ? 20 : Number(values.ms);

/** A body with `n` order lines: about 4 KiB at n = 55, 1 MiB at n = 14 100. */
function order(n) {
  const lines = Array.from({ length: n }, (_, i) => ({
    sku: `sku-${i}`,
    qty: (i % 5) + 1,
    unitPrice: Math.round(((i * 7.3) % 100) * 100) / 100,
    note: 'gift wrap, no invoice',
  }));
  return Buffer.from(
    JSON.stringify({
      order: { id: 'o-42', customer: { name: 'Ann "the" Lee', email: 'ann@example.com' }, lines },
    }),
  );
}

// The reshape: id, customer name, item count, skus. The same output from all three.
const HBS =
  '{"id": {{jsonEscape order.id}}, "customer": {{jsonEscape order.customer.name}}, "items": {{order.lines.length}}, "skus": [{{#each order.lines}}{{#unless @first}},{{/unless}}{{jsonEscape sku}}{{/each}}]}';
const JSONATA =
  '{ "id": order.id, "customer": order.customer.name, "items": $count(order.lines), "skus": [order.lines.sku] }';
const handReshape = (bytes) => {
  const o = JSON.parse(bytes.toString('utf8')).order;
  return JSON.stringify({
    id: o.id,
    customer: o.customer.name,
    items: o.lines.length,
    skus: o.lines.map((l) => l.sku),
  });
};

const headers = (entries) => {
  const map = new Map(entries);
  return {
    get: (n) => map.get(n.toLowerCase()),
    getAll: (n) => (map.has(n.toLowerCase()) ? [map.get(n.toLowerCase())] : []),
    has: (n) => map.has(n.toLowerCase()),
  };
};
const sink = { last: undefined };
const mutate = {
  set(_n, v) {
    sink.last = v;
    return this;
  },
  append(_n, v) {
    sink.last = v;
    return this;
  },
  remove() {
    return this;
  },
  replaceBody(b) {
    sink.last = b;
    return this;
  },
  clearBody() {
    return this;
  },
};
const stream = {
  id: 1,
  requestHeaders: undefined,
  get: () => undefined,
  set() {},
  attribute: () => undefined,
  envoyMetadata: () => undefined,
};
const requestHeaders = headers([
  [':path', '/v2/orders/42'],
  ['x-user-id', 'u-7'],
  ['content-type', 'application/json'],
]);
const headersCtx = {
  phase: 'requestHeaders',
  direction: 'request',
  headers: requestHeaders,
  endOfStream: false,
  mutate,
  stream,
  log: silentLogger,
  setMetadata() {},
};
const bodyCtx = (bytes) => ({
  phase: 'requestBody',
  direction: 'request',
  headers: requestHeaders,
  body: { length: bytes.length, partial: false, endOfStream: true, bytes: () => bytes },
  mutate,
  stream,
  log: silentLogger,
  setMetadata() {},
});

/**
 * The part of the plugin API `transform` uses at setup. Its worker pool is never reached: the
 * bodies here are below any threshold, so they run inline, as they would in a server (bench/pool.mjs
 * measures the pool).
 */
const api = {
  name: 'transform',
  log: silentLogger,
  checkHeader() {},
  metrics: noPluginMetrics('bench'),
  workers: async () => ({ threshold: Number.POSITIVE_INFINITY, plugin: 'transform', run() {} }),
};

async function setupWith(plugin, options) {
  const parsed = await plugin.options['~standard'].validate(options);
  if (parsed.issues) throw new Error(JSON.stringify(parsed.issues));
  return plugin.setup(parsed.value, api);
}

/** The handlers of one build. */
async function handlersOf(plugin) {
  return {
    hbsBody: (await setupWith(plugin, { request: { body: { parseAs: 'json', value: HBS } } })).requestBody,
    jsonataBody: (
      await setupWith(plugin, {
        request: { body: { parseAs: 'json', jsonata: JSONATA } },
        jsonataTimeoutMs: 60_000,
      })
    ).requestBody,
    headerTemplate: (await setupWith(plugin, { request: { set: { 'x-user': '{{header "x-user-id"}}' } } }))
      .requestHeaders,
  };
}

const small = order(55);
const big = order(14_100);
const mine = await handlersOf(transform);
const base = baseline === null ? null : await handlersOf(baseline);

/** The scenarios, with the handlers of build `h`. */
const scenariosOf = (h) => [
  {
    name: 'header',
    bytes: 0,
    transform: () => h.headerTemplate(headersCtx),
    hand: () => void mutate.set('x-user', requestHeaders.get('x-user-id') ?? ''),
  },
  ...[
    ['json4k', small],
    ['json1m', big],
  ].flatMap(([name, bytes]) => [
    {
      name: `${name}-hbs`,
      bytes: bytes.length,
      transform: () => h.hbsBody(bodyCtx(bytes)),
      hand: () => void mutate.replaceBody(Buffer.from(handReshape(bytes))),
    },
    {
      name: `${name}-jsonata`,
      bytes: bytes.length,
      transform: () => h.jsonataBody(bodyCtx(bytes)),
      hand: () => void mutate.replaceBody(Buffer.from(handReshape(bytes))),
    },
  ]),
];
const SCENARIOS = scenariosOf(mine);
const BASELINE = base === null ? null : scenariosOf(base);

/** Same output check: the bench measures equal work or it measures nothing. */
for (const s of [...SCENARIOS, ...(BASELINE ?? [])]) {
  await s.transform();
  const a = sink.last;
  s.hand();
  const b = sink.last;
  const same = Buffer.isBuffer(a)
    ? JSON.stringify(JSON.parse(a.toString())) === JSON.stringify(JSON.parse(b.toString()))
    : a === b;
  if (!same) throw new Error(`${s.name}: the transform and the hand-written function disagree`);
}

/** Runs `fn` for about `ms`; µs per call. Awaits only what returns a promise. */
async function time(fn, ms) {
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(ms * 1e6));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 16; i++) {
      const r = fn();
      if (r instanceof Promise) await r;
    }
    n += 16;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / 1000 / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const [i, s] of SCENARIOS.entries()) {
  const b = BASELINE?.[i];
  const t = [];
  const h = [];
  const bt = [];
  await time(s.transform, MS / 3); // warm-up
  await time(s.hand, MS / 3);
  if (b) await time(b.transform, MS / 3);
  for (let r = 0; r < ROUNDS; r++) {
    // The baseline alternates between first and last: whatever runs right after another
    // measurement pays for its garbage, and that must not always be the same build.
    if (b && r % 2 === 1) bt.push(await time(b.transform, MS));
    t.push(await time(s.transform, MS));
    h.push(await time(s.hand, MS));
    if (b && r % 2 === 0) bt.push(await time(b.transform, MS));
  }
  results.push({
    scenario: s.name,
    bytes: s.bytes,
    transformUs: median(t),
    handUs: median(h),
    ratio: median(t) / median(h),
    ...(b ? { baselineUs: median(bt), vsBaseline: median(t) / median(bt) } : {}),
  });
}

if (values.json) {
  // Indented: bench/run.mjs reads the result from its first line that is a lone "{".
  console.log(JSON.stringify({ meta: { node: process.version, rounds: ROUNDS, ms: MS }, results }, null, 2));
} else {
  console.log(
    `transform vs hand-written, ${process.version}, ${ROUNDS} rounds of ${MS} ms (median µs per message)`,
  );
  const withBase = BASELINE !== null;
  console.log(
    `scenario          bytes     transform µs   hand-written µs   ratio${withBase ? '   baseline µs   vs baseline' : ''}`,
  );
  for (const r of results) {
    const vs = withBase
      ? ` ${r.baselineUs.toFixed(2).padStart(13)} ${r.vsBaseline.toFixed(3).padStart(12)}x`
      : '';
    console.log(
      `${r.scenario.padEnd(16)} ${String(r.bytes).padStart(8)} ${r.transformUs.toFixed(2).padStart(14)} ${r.handUs.toFixed(2).padStart(17)} ${r.ratio.toFixed(2).padStart(7)}x${vs}`,
    );
  }
}
