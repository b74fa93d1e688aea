// Server A: attache's server (createServer) with one small plugin, on the transport given by
// --transport (grpc-js by default, http2 or wire), with V8's allocation-site pretenuring off as
// `attache serve` runs it.
//   headers: reads `:path` and sets one request header.
//   body4k, body256k: a BUFFERED request-body plugin that reads the body and replaces it.
//   --dist DIR: run the attache built in DIR (another checkout's dist/) instead of this one, so
//   bench/streams.mjs --baseline-dist can compare two builds in one run.
//   --metrics: count into a prom-client registry (default process metrics included), scraped
//   every 5 s as Prometheus would, so streams.mjs --metrics can measure what metrics cost.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { childLifecycle, ready } from './child.mjs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    dist: { type: 'string' },
    decode: { type: 'boolean' },
    transport: { type: 'string' },
    metrics: { type: 'boolean' },
  },
});
const scenario = positionals[0];
const entry =
  values.dist === undefined
    ? new URL('../../dist/src/index.js', import.meta.url)
    : pathToFileURL(`${values.dist}/src/index.js`);
const { createServer, definePlugin, silentLogger } = await import(entry.href);
// Only after attache's entry, as a user's code or `attache serve` loads it: messages.mjs imports
// attache's protocol/codec.js, and with the codec loaded first this server ran in a slower state
// (more promoted per stream) in seven of eight runs (bench/README.md, "Allocation-site pretenuring").
const { BODY_SIZES, scenarioBodies } = await import('./messages.mjs');
// As `attache serve` runs (src/server/pretenuring.ts): V8's allocation-site pretenuring off, unless
// --server-flags gives node --allocation-site-pretenuring. A --dist build from before has no such
// module and runs with V8's default.
const pretenuring = await import(new URL('server/pretenuring.js', entry).href).catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') return null;
  throw error;
});
pretenuring?.turnOffPretenuring();

const headersPlugin = definePlugin({
  name: 'bench-set-header',
  setup: () => ({
    requestHeaders(ctx) {
      if (ctx.headers.get(':path') !== undefined) ctx.mutate.set('x-a', '1');
    },
  }),
});

const replacement = scenario in BODY_SIZES ? scenarioBodies(scenario).replacement : null;
const bodyPlugin = definePlugin({
  name: 'bench-replace-body',
  setup: () => ({
    requestBody(ctx) {
      const bytes = ctx.body.bytes();
      if (bytes.length > 0 && bytes[0] === 0x7b /* { */) ctx.mutate.replaceBody(replacement);
    },
  }),
});

const plugin = replacement === null ? headersPlugin : bodyPlugin;
const transport = values.transport ?? 'grpc-js';
// (An older --dist build, from before the option, ignores it and runs grpc-js.)
let metrics = {};
if (values.metrics) {
  const { Registry } = await import('prom-client');
  const registry = new Registry();
  metrics = { metrics: { registry } };
  setInterval(() => void registry.metrics(), 5000).unref();
}
const server = await createServer({
  plugins: [{ plugin }],
  log: silentLogger,
  ...(transport === 'grpc-js' ? {} : { transport }),
  ...metrics,
});
childLifecycle('server-attache', () => server.close(0));
const { port } = await server.listen('127.0.0.1:0');
ready(port);
