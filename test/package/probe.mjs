// Run by surface.test.ts in a plain `node` process: imports attache the way a plugin does (by
// its package name, so Node resolves the package's `exports` to dist/), runs exchanges in every
// phase and body mode, and prints as JSON every name reachable on the objects handlers receive.
import * as root from 'attache-extproc';
import * as testing from 'attache-extproc/testing';

const { createProcessor, definePlugin } = root;
const { runExchange } = testing;

/** Every property name of `value`: own ones (enumerable or not) and those of its prototypes. */
function names(value) {
  const found = new Set();
  for (
    let o = value;
    o !== null && o !== Object.prototype && o !== Function.prototype;
    o = Object.getPrototypeOf(o)
  ) {
    for (const key of Reflect.ownKeys(o)) {
      if (key !== 'constructor') found.add(typeof key === 'symbol' ? key.toString() : key);
    }
  }
  return [...found].sort();
}

const seen = {};
/** Records the names of `ctx` and of each object it leads to, under `label`. */
function record(label, ctx, parts) {
  const entry = {
    ctx: names(ctx),
    stream: names(ctx.stream),
    grpcMetadata: names(ctx.stream.grpcMetadata),
    log: typeof ctx.log.info,
  };
  for (const part of parts) entry[part] = ctx[part] === undefined ? null : names(ctx[part]);
  entry.mutate = names(ctx.mutate);
  (seen[label] ??= []).push(entry);
}

const whole = definePlugin({
  name: 'whole',
  setup: () => ({
    requestHeaders: (ctx) => record('headers', ctx, ['headers']),
    responseHeaders: (ctx) => record('headers', ctx, ['headers']),
    requestBody: (ctx) => record('body', ctx, ['body', 'headers']),
    responseBody: (ctx) => record('body', ctx, ['body', 'headers']),
    requestTrailers: (ctx) => record('trailers', ctx, ['trailers']),
    responseTrailers: (ctx) => record('trailers', ctx, ['trailers']),
    streamEnd: (stream) => void (seen.streamEnd ??= []).push({ stream: names(stream) }),
  }),
});
const chunks = definePlugin({
  name: 'chunks',
  setup: () => ({
    requestBodyChunk: (ctx) => record('chunk', ctx, ['chunk', 'headers']),
    responseBodyChunk: (ctx) => record('chunk', ctx, ['chunk', 'headers']),
  }),
});

/** Context labels recorded per body mode: every mode must reach the body handlers. */
const byMode = {};
for (const mode of ['BUFFERED', 'STREAMED', 'FULL_DUPLEX_STREAMED']) {
  const processingMode = {
    requestBodyMode: mode,
    responseBodyMode: mode,
    requestTrailerMode: 'SEND',
    responseTrailerMode: 'SEND',
  };
  // The filter's mode, declared as `envoy.processingMode` would: attache refuses STREAMED body
  // plugins whose end it could not see.
  const each = await createProcessor({ plugins: [{ plugin: whole }, { plugin: chunks }], processingMode });
  const before = Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, v.length]));
  // Under STREAMED, trailers would leave the whole-body plugin's collected body unsendable (the
  // exchange fails: README, "Limits and edges"); the other modes carry them.
  const trailers = mode !== 'STREAMED';
  const result = await runExchange(each, {
    envoy: { processingMode },
    request: { method: 'POST', body: ['a', 'b'], ...(trailers ? { trailers: { 'x-t': '1' } } : {}) },
    upstream: { body: ['c', 'd'], ...(trailers ? { trailers: { 'x-t': '2' } } : {}) },
  });
  if (result.violations.length > 0) throw new Error(`${mode}: ${JSON.stringify(result.violations)}`);
  if (result.downstream.status !== 200) throw new Error(`${mode}: status ${result.downstream.status}`);
  // streamEnd is left out: Envoy may end the stream after the exchange (BUFFERED ends it when the
  // HTTP exchange is destroyed), so it can come after runExchange resolves.
  byMode[mode] = Object.keys(seen)
    .filter((k) => k !== 'streamEnd' && seen[k].length > (before[k] ?? 0))
    .sort();
  await each.close();
}
const processor = await createProcessor({ plugins: [{ plugin: whole }, { plugin: chunks }] });
const handler = processor.connect(
  { send: () => true, whenWritable: () => Promise.resolve(), end() {}, fail() {} },
  new Map(),
);
const surface = {
  exports: { root: Object.keys(root).sort(), testing: Object.keys(testing).sort() },
  contexts: seen,
  processor: names(processor),
  streamHandler: names(handler),
  processorStatics: Object.getOwnPropertyNames(root.Processor)
    .filter((n) => !['length', 'name', 'prototype'].includes(n))
    .sort(),
  byMode,
};
handler.cancel();
await processor.close();
// What setup receives, without metrics and with them (a registry of prom-client, as an app has).
surface.setupApi = {};
const { Registry } = await import('prom-client');
for (const [key, metrics] of [
  ['off', undefined],
  ['on', { registry: new Registry(), defaultMetrics: false }],
]) {
  const probe = definePlugin({
    name: 'probe',
    setup: (_options, api) => {
      surface.setupApi[key] = names(api);
      surface.setupApi[`${key}Metrics`] = names(api.metrics);
      surface.setupApi[`${key}Enabled`] = api.metrics.enabled;
      surface.setupApi[`${key}Counter`] = names(api.metrics.counter({ name: 'probe_total', help: 'probe' }));
      return {};
    },
  });
  await (await createProcessor({ plugins: [{ plugin: probe }], ...(metrics ? { metrics } : {}) })).close();
}
const server = await root.createServer({ plugins: [], log: root.silentLogger, strayErrors: 'off' });
surface.server = names(server);
surface.strayErrors = names(server.strayErrors);
await server.close(0);
process.stdout.write(JSON.stringify(surface));
