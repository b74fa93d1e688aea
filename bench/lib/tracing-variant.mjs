// One variant of bench/tracing.mjs, in a process of its own (a registered provider and its
// AsyncLocalStorage must not leak into the other variants): the processor path of one headers
// Process stream, run on request from the parent over IPC.
//   node bench/lib/tracing-variant.mjs <variant> <dist folder>
// Variants: base (a build without tracing, default options), off (tracing: false), none (no
// provider registered, tracing 'auto'), sampled-out (a provider whose sampler drops every span),
// recording (a provider recording every span, batched to an exporter that discards them), metrics
// (metrics on a prom-client registry, no provider), metrics-recording (both).
import { pathToFileURL } from 'node:url';
import { requestBytes } from './messages.mjs';

const [variant, dist] = process.argv.slice(2);
const url = (p) => pathToFileURL(`${dist}/src/${p}`).href;
const { createProcessor, definePlugin, silentLogger } = await import(url('index.js'));
const codec = await import(url('protocol/codec.js'));

/** Spans the exporter was handed (recording only). */
let exported = 0;

/** Registers OpenTelemetry as an application's `--import ./otel.mjs` would. */
async function registerProvider(sampled) {
  const { context, propagation, trace } = await import('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
  const { W3CTraceContextPropagator } = await import('@opentelemetry/core');
  const { AlwaysOffSampler, BasicTracerProvider, BatchSpanProcessor } = await import(
    '@opentelemetry/sdk-trace-base'
  );
  const exporter = {
    export(spans, done) {
      exported += spans.length;
      done({ code: 0 });
    },
    shutdown: () => Promise.resolve(),
  };
  const provider = new BasicTracerProvider({
    ...(sampled ? {} : { sampler: new AlwaysOffSampler() }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return provider;
}

const provider =
  variant === 'recording' || variant === 'sampled-out' || variant === 'metrics-recording'
    ? await registerProvider(variant !== 'sampled-out')
    : null;
const metrics = variant.startsWith('metrics')
  ? { metrics: { registry: new (await import('prom-client')).Registry() } }
  : {};
const plugin = definePlugin({
  name: 'bench-set-header',
  setup: () => ({
    requestHeaders(ctx) {
      if (ctx.headers.get(':path') !== undefined) ctx.mutate.set('x-a', '1');
    },
  }),
});
const processor = await createProcessor({
  plugins: [{ plugin }],
  log: silentLogger,
  ...(variant === 'off' ? { tracing: false } : {}),
  ...metrics,
});

let written = 0;
const sink = {
  send(reply) {
    written += codec.encodeResponse(reply).length;
    return true;
  },
  whenWritable: () => Promise.resolve(),
  end() {},
  fail(_code, message) {
    throw new Error(`stream failed: ${message}`);
  },
};
const bytes = Buffer.from(requestBytes('headers'));
// With tracing, Envoy ≥ 1.31 sends its span in the call metadata.
const metadata = new Map(
  variant === 'base' || variant === 'off' || variant === 'none' || variant === 'metrics'
    ? []
    : [['traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01']],
);

function stream() {
  const handler = processor.connect(sink, metadata);
  handler.message(codec.decodeRequest(bytes));
  handler.halfClose();
}

/** Streams between two turns of the event loop, where a batch span processor does its work. */
const BURST = 250;

/**
 * Runs `n` streams in bursts; the CPU µs each cost (user + system), the batch processor's work
 * between bursts included.
 */
async function round(n) {
  const before = process.cpuUsage();
  for (let done = 0; done < n; done += BURST) {
    for (let i = 0; i < BURST; i++) stream();
    await new Promise(setImmediate);
  }
  await provider?.forceFlush();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
}

process.on('message', async (message) => {
  if (message.type === 'warmup') {
    await round(message.streams);
    // Probe: the plugin ran (every reply sets x-a), and only the recording variant exports spans.
    process.send({ type: 'ready', written, exported });
  } else if (message.type === 'round') {
    process.send({ type: 'round', us: await round(message.streams) });
  } else if (message.type === 'stop') {
    process.exit(0);
  }
});
process.send({ type: 'loaded' });
