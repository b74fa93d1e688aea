#!/usr/bin/env node
// The worker pool (`api.workers`), in one process, on the compiled code:
//
//   npm run build && node bench/pool.mjs [--seconds S] [--bodies B] [--quick] [--json]
//   node scripts/with-node.mjs bench/pool.mjs        (Node 24)
//
// 1. Headers p99 under body load: B loops each rewrite 1 MiB bodies (pan-mask masking a
//    card-dense JSON body, BUFFERED) while one loop times headers-only exchanges, for S seconds,
//    once with every body scanned inline (workerThreshold huge) and once offloaded
//    (workerThreshold 0). Reported: headers p50/p99 both ways and offload p99 / inline p99.
//    The same for `transform` reshaping a 1 MiB JSON order with a Handlebars body template.
// 2. Per-task overhead: a 64-byte task, sequentially, through the pool and inline; the
//    difference of the mean round trips, in µs.
// 3. Break-even: per body size, the main thread's busy time per body (event-loop utilisation ×
//    wall time ÷ bodies) when the scan runs inline vs in the pool (copy, post, result). The
//    break-even is the smallest size from which offloading costs the main thread less
//    (DEFAULT_WORKER_THRESHOLD is the larger break-even of the Node 20 and Node 24 runs).
//
// Exchanges go through the test kit's in-process channel (no gRPC): the kit's own work is on the
// main thread in both variants, so the ratios compare like with like. No timing is asserted.
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import panMask from '../dist/processors/pan-mask/index.js';
import transform from '../dist/processors/transform/index.js';
import { createProcessor, definePlugin } from '../dist/src/index.js';
import { runExchange } from '../dist/src/testing/index.js';
import { poolThreads, workerPoolStats } from '../dist/src/workers/pool.js';
import { numberOption, UsageError } from './lib/cli-options.mjs';

const USAGE = `Usage: node bench/pool.mjs [--seconds S] [--bodies B] [--quick] [--json]   (after npm run build)
  --seconds S  duration of each load variant (default 8)
  --bodies B   concurrent 1 MiB body loops (default 4)
  --quick      a moment of each (CI: a crash check, no timing asserted)
  --json       print JSON instead of a table`;

let opts;
try {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '8' },
      bodies: { type: 'string', default: '4' },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  opts = {
    seconds: values.quick ? 0.3 : numberOption(values, 'seconds', 0.1, 600, false),
    bodies: numberOption(values, 'bodies', 1, 64, true),
    quick: values.quick,
    json: values.json,
  };
} catch (err) {
  if (!(err instanceof UsageError) && err?.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw err;
  console.error(`${err.message}\n${USAGE}`);
  process.exit(2);
}

const MiB = 1 << 20;
const CARD = '4111 1111 1111 1111';
/** A JSON body of `size` bytes with a card number in every record (~1 per 100 bytes). */
function cardBody(size) {
  const parts = [];
  let n = 2;
  for (let i = 0; n < size - 120; i++) {
    const rec = `{"id":${i},"card":"${CARD}","amount":${(i % 997) / 10}},`;
    parts.push(rec);
    n += rec.length;
  }
  const text = `[${parts.join('').slice(0, -1)}]`;
  return Buffer.from(text.padEnd(size, ' '));
}

const ENVOY = {
  messageTimeoutMs: 60_000,
  // A 1 MiB JSON order padded to size, plus headers: above Envoy's default 1 MiB buffer.
  bufferLimitBytes: 4 * MiB,
  processingMode: { requestBodyMode: 'BUFFERED', requestTrailerMode: 'SEND', responseTrailerMode: 'SEND' },
};
const PROCESSOR = {
  timeoutMs: 30_000,
  messageTimeoutMs: 40_000,
  processingMode: { requestTrailerMode: 'SEND', responseTrailerMode: 'SEND' },
};

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** A JSON order of `size` bytes (padded), for the transform case. */
function orderBody(size) {
  const lines = [];
  let n = 64;
  for (let i = 0; n < size - 200; i++) {
    const line = { sku: `sku-${i}`, qty: (i % 5) + 1, unitPrice: (i % 997) / 10, note: 'gift "wrap" \\ é' };
    lines.push(line);
    n += JSON.stringify(line).length + 1;
  }
  const text = JSON.stringify({ order: { id: 'o-42', customer: { name: 'Ann "the" Lee' }, lines } });
  return Buffer.from(text.padEnd(size, ' '));
}

/** The transform case: a Handlebars body template reshaping the order (bench/transform.mjs's). */
const TRANSFORM_OPTIONS = {
  request: {
    body: {
      parseAs: 'json',
      value:
        '{"id": {{jsonEscape order.id}}, "customer": {{jsonEscape order.customer.name}}, "items": {{order.lines.length}}, "skus": [{{#each order.lines}}{{#unless @first}},{{/unless}}{{jsonEscape sku}}{{/each}}]}',
    },
  },
};

/** What section 1 runs: the plugin (by worker threshold), its 1 MiB body, and a check of its output. */
const CASES = {
  'pan-mask': {
    entry: (workerThreshold) => ({ plugin: panMask, options: { workerThreshold, directions: ['request'] } }),
    body: () => cardBody(MiB),
    done: (out) => !out.includes(CARD),
  },
  transform: {
    entry: (workerThreshold) => ({ plugin: transform, options: { ...TRANSFORM_OPTIONS, workerThreshold } }),
    body: () => orderBody(MiB),
    done: (out) => out.subarray(0, 7).toString() === '{"id": ',
  },
};

/** Section 1: headers latency while `opts.bodies` loops rewrite 1 MiB bodies. */
async function headersUnderLoad(which, workerThreshold) {
  const c = CASES[which];
  const processor = await createProcessor({ ...PROCESSOR, plugins: [c.entry(workerThreshold)] });
  const body = c.body();
  const headers = { 'content-type': 'application/json' };
  let stop = false;
  let bodies = 0;
  const loops = Array.from({ length: opts.bodies }, async () => {
    while (!stop) {
      const r = await runExchange(processor, { envoy: ENVOY, request: { method: 'POST', headers, body } });
      // Checked once per loop: a 1 MiB search per body would load the main thread being measured.
      if (bodies < opts.bodies && (r.upstream === null || !c.done(r.upstream.body))) {
        throw new Error(`${which}: body not rewritten`);
      }
      bodies++;
    }
  });
  const latencies = [];
  const end = performance.now() + opts.seconds * 1000;
  // Let the body loops get going before timing.
  await new Promise((r) => setTimeout(r, opts.quick ? 10 : 300));
  // At least one: on a loaded machine the body loops may hold the event loop past `end` (--quick).
  do {
    const t = performance.now();
    await runExchange(processor, { request: { method: 'GET', path: '/h' } });
    latencies.push(performance.now() - t);
  } while (performance.now() < end);
  stop = true;
  await Promise.all(loops);
  await processor.close();
  latencies.sort((a, b) => a - b);
  return {
    headers: latencies.length,
    bodies,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
  };
}

/** A plugin-less registration of pan-mask's scan worker, for sections 2 and 3. */
async function scanHandles() {
  const handles = {};
  const plugin = definePlugin({
    name: 'bench-scan',
    async setup(_o, api) {
      for (const [which, threshold] of [
        ['inline', 2 ** 31 - 1],
        ['pool', 0],
      ]) {
        handles[which] = await api.workers({
          module: new URL('../dist/processors/pan-mask/scan-worker.js', import.meta.url),
          options: { mask: true, keep: 'last4', maskByte: 0x2a, brands: 0 },
          threshold,
        });
      }
      return {};
    },
  });
  const processor = await createProcessor({ plugins: [{ plugin }] });
  return { handles, close: () => processor.close() };
}

const FAKE_CTX = { stream: {} };
const ARG = { state: 0, last: true };

/** Mean ms per task of `n` sequential runs of `handle` over `bytes`. */
async function meanRun(handle, bytes, n) {
  const t = performance.now();
  for (let i = 0; i < n; i++) await handle.run(bytes, FAKE_CTX, ARG);
  return (performance.now() - t) / n;
}

/** Main-thread busy ms per task over `n` sequential runs (event-loop utilisation). */
async function busyPerTask(handle, bytes, n) {
  const before = performance.eventLoopUtilization();
  for (let i = 0; i < n; i++) await handle.run(bytes, FAKE_CTX, ARG);
  const elu = performance.eventLoopUtilization(before);
  return elu.active / n;
}

async function overheadAndBreakEven() {
  const { handles, close } = await scanHandles();
  const tiny = Buffer.from('x'.repeat(64));
  const n = opts.quick ? 50 : 3000;
  // Warm both paths (thread start, module load, JIT).
  await meanRun(handles.pool, tiny, Math.min(n, 200));
  await meanRun(handles.inline, tiny, Math.min(n, 200));
  const poolMs = await meanRun(handles.pool, tiny, n);
  const inlineMs = await meanRun(handles.inline, tiny, n);
  const sizes = [1024, 4096, 16384, 65536, 262144, MiB];
  const rows = [];
  for (const size of sizes) {
    const body = cardBody(size);
    const runs = opts.quick ? 3 : Math.max(20, Math.min(2000, Math.round((64 * MiB) / size)));
    await busyPerTask(handles.pool, body, Math.min(runs, 10));
    const inline = await busyPerTask(handles.inline, body, runs);
    const pool = await busyPerTask(handles.pool, body, runs);
    rows.push({ size, runs, inlineBusyUs: inline * 1000, poolBusyUs: pool * 1000 });
  }
  await close();
  const even = rows.find((r) => r.poolBusyUs < r.inlineBusyUs);
  return {
    overheadUs: (poolMs - inlineMs) * 1000,
    poolRoundTripUs: poolMs * 1000,
    inlineUs: inlineMs * 1000,
    sizes: rows,
    breakEvenBytes: even?.size ?? null,
  };
}

const load1 = loadavg()[0];
const inline = await headersUnderLoad('pan-mask', 2 ** 31 - 1);
const offload = await headersUnderLoad('pan-mask', 0);
const transformInline = await headersUnderLoad('transform', 2 ** 31 - 1);
const transformOffload = await headersUnderLoad('transform', 0);
const tasks = await overheadAndBreakEven();
const result = {
  node: process.version,
  cores: availableParallelism(),
  poolThreads: poolThreads(),
  loadAverage: { before: load1, after: loadavg()[0] },
  options: opts,
  headersUnderLoad: { inline, offload, p99Ratio: offload.p99Ms / inline.p99Ms },
  transformHeadersUnderLoad: {
    inline: transformInline,
    offload: transformOffload,
    p99Ratio: transformOffload.p99Ms / transformInline.p99Ms,
  },
  perTask: tasks,
  stats: workerPoolStats().plugins,
};

if (opts.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const f = (x, d = 1) => x.toFixed(d);
  console.log(
    `Node ${result.node}, ${result.cores} cores, pool of ${result.poolThreads} thread(s), load ${f(load1, 2)} → ${f(result.loadAverage.after, 2)}`,
  );
  console.log(
    `\nHeaders-only exchanges while ${opts.bodies} loops mask 1 MiB bodies, ${opts.seconds} s each:`,
  );
  console.log('| variant | headers | bodies | p50 ms | p99 ms |');
  console.log('| ------- | ------- | ------ | ------ | ------ |');
  for (const [name, r] of [
    ['all inline', inline],
    ['offloaded', offload],
  ]) {
    console.log(`| ${name} | ${r.headers} | ${r.bodies} | ${f(r.p50Ms, 2)} | ${f(r.p99Ms, 2)} |`);
  }
  console.log(`offload p99 / inline p99 = ${f(result.headersUnderLoad.p99Ratio, 2)}`);
  console.log(
    `\nHeaders-only exchanges while ${opts.bodies} loops transform 1 MiB JSON bodies (Handlebars), ${opts.seconds} s each:`,
  );
  console.log('| variant | headers | bodies | p50 ms | p99 ms |');
  console.log('| ------- | ------- | ------ | ------ | ------ |');
  for (const [name, r] of [
    ['all inline', transformInline],
    ['offloaded', transformOffload],
  ]) {
    console.log(`| ${name} | ${r.headers} | ${r.bodies} | ${f(r.p50Ms, 2)} | ${f(r.p99Ms, 2)} |`);
  }
  console.log(`offload p99 / inline p99 = ${f(result.transformHeadersUnderLoad.p99Ratio, 2)}`);
  console.log(
    `\nPer-task pool overhead (64 B task): ${f(tasks.overheadUs)} µs (pool round trip ${f(tasks.poolRoundTripUs)} µs, inline ${f(tasks.inlineUs)} µs)`,
  );
  console.log('\nMain-thread busy time per body (pan-mask scan):');
  console.log('| size | inline µs | offloaded µs |');
  console.log('| ---- | --------- | ------------ |');
  for (const r of tasks.sizes) console.log(`| ${r.size} | ${f(r.inlineBusyUs)} | ${f(r.poolBusyUs)} |`);
  console.log(
    `break-even: ${tasks.breakEvenBytes === null ? 'none of the sizes' : `${tasks.breakEvenBytes} bytes`}`,
  );
}
