#!/usr/bin/env node
// In-process cost of metrics per headers-only stream (no gRPC): the same processor, plugin and
// messages with metrics off and on, measured interleaved in R rounds, as CPU per stream and as
// a ratio. See bench/README.md ("Metrics").
//
//   npm run build && node bench/observe.mjs [--streams N] [--rounds R] [--plugins P] [--json]
//
// Each stream is what Envoy's default filter sends on the headers-only path: request headers,
// then response headers, then the half-close; every reply is encoded, as a transport would.
// The processor alone costs a fraction of a served stream (the gRPC and HTTP/2 layers are most
// of it: bench/streams.mjs), so this ratio overstates what metrics add to a served stream; the
// added µs per stream is the figure to carry over (streams.mjs --metrics measures the served one).
import { parseArgs } from 'node:util';
import { Registry } from 'prom-client';
import { createProcessor, definePlugin, silentLogger } from '../dist/src/index.js';
import { decodeRequest, encodeRequest, encodeResponse } from '../dist/src/protocol/codec.js';

const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '7' },
    plugins: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
});
const STREAMS = Number(values.streams);
const ROUNDS = Number(values.rounds);
const PLUGINS = Number(values.plugins);
for (const [name, v, min] of [
  ['--streams', STREAMS, 100],
  ['--rounds', ROUNDS, 1],
  ['--plugins', PLUGINS, 1],
]) {
  if (!Number.isInteger(v) || v < min) {
    console.error(`bench: ${name} must be an integer >= ${min}`);
    process.exit(2);
  }
}

// The plugin of bench/lib/server-attache.mjs (reads :path, sets a header), PLUGINS instances.
const tagger = definePlugin({
  name: 'bench-set-header',
  setup: () => ({
    requestHeaders(ctx) {
      if (ctx.headers.get(':path') !== undefined) ctx.mutate.set('x-a', '1');
    },
  }),
});
const plugins = Array.from({ length: PLUGINS }, (_, i) => ({ plugin: tagger, name: `p${i}` }));

const header = (key, value) => ({ key, rawValue: Buffer.from(value) });
const wire = (request) => encodeRequest(request);
const requestHeaders = wire({
  request: {
    $case: 'requestHeaders',
    value: {
      headers: {
        headers: [
          header(':method', 'GET'),
          header(':path', '/bench'),
          header(':authority', 'example.com'),
          header(':scheme', 'http'),
          header('user-agent', 'bench'),
          header('x-request-id', '0b7c7d66-1d3c-4b8e-9d2c-3f0c7c1f5b11'),
        ],
      },
      endOfStream: true,
    },
  },
});
const responseHeaders = wire({
  request: {
    $case: 'responseHeaders',
    value: {
      headers: { headers: [header(':status', '200'), header('content-type', 'text/plain')] },
      endOfStream: true,
    },
  },
});

/** A sink that encodes each reply, as a transport does. */
let replyBytes = 0;
const sink = {
  send(reply) {
    replyBytes += encodeResponse(reply).length;
    return true;
  },
  whenWritable: () => Promise.resolve(),
  end() {},
  fail(code, message) {
    throw new Error(`stream failed: ${code} ${message}`);
  },
};
const metadata = new Map();

const registry = new Registry();
const off = await createProcessor({ plugins, log: silentLogger });
const on = await createProcessor({ plugins, log: silentLogger, metrics: { registry } });

/** Runs `n` streams through `processor`; returns CPU µs per stream (user + system). */
function run(processor, n) {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const stream = processor.connect(sink, metadata);
    stream.message(decodeRequest(requestHeaders));
    stream.message(decodeRequest(responseHeaders));
    stream.halfClose();
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}

// Warm-up: both paths compiled before anything is timed.
const WARMUP = Math.ceil(STREAMS / 5);
run(off, WARMUP);
run(on, WARMUP);
const rounds = [];
for (let r = 0; r < ROUNDS; r++) {
  // Alternate the order, so a drift in the machine's load favours neither.
  const first = r % 2 === 0 ? 'off' : 'on';
  const result = {};
  for (const which of first === 'off' ? ['off', 'on'] : ['on', 'off']) {
    result[which] = run(which === 'off' ? off : on, STREAMS);
  }
  rounds.push(result);
}
// A scrape, so the counts are checked to be what was driven (and its cost is seen once).
const scrape = performance.now();
const text = await registry.metrics();
const scrapeMs = performance.now() - scrape;
const total = ROUNDS * STREAMS + WARMUP;
const okLine = text.split('\n').find((l) => l.startsWith('attache_streams_total{outcome="ok"}'));
if (Number(okLine?.split(' ')[1]) !== total) throw new Error(`metrics counted ${okLine}, expected ${total}`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const offUs = median(rounds.map((r) => r.off));
const onUs = median(rounds.map((r) => r.on));
const ratios = rounds.map((r) => r.on / r.off);
const summary = {
  node: process.version,
  streams: STREAMS,
  rounds: ROUNDS,
  plugins: PLUGINS,
  cpuUsPerStream: { off: offUs, on: onUs },
  addedUsPerStream: median(rounds.map((r) => r.on - r.off)),
  ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
  scrapeMs,
  loadavg: (await import('node:os')).loadavg(),
};
if (values.json) {
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} else {
  const f = (v, d = 2) => v.toFixed(d);
  console.log(
    `metrics cost, in-process, headers-only streams (request + response headers), ${PLUGINS} plugin(s), node ${process.version}`,
  );
  console.log(
    `${ROUNDS} rounds x ${STREAMS} streams each way, interleaved; load average ${summary.loadavg.map((l) => f(l)).join(' ')}`,
  );
  console.log(`  metrics off: ${f(offUs)} µs CPU/stream (median)`);
  console.log(`  metrics on:  ${f(onUs)} µs CPU/stream (median)`);
  console.log(`  added:       ${f(summary.addedUsPerStream, 3)} µs/stream (median of per-round differences)`);
  console.log(
    `  on/off:      ${f(summary.ratio.median, 3)} (${f(summary.ratio.min, 3)}–${f(summary.ratio.max, 3)}); processor only, so this overstates a served stream's ratio`,
  );
  console.log(`  one scrape of the registry: ${f(scrapeMs)} ms`);
}
await off.close();
await on.close();
if (replyBytes === 0) throw new Error('no replies were sent');
