// The soak's server (a child of bench/soak.mjs): attache's createServer on the http2 transport,
// from the built dist/, with one plugin per kind of exchange the soak sends. Each exchange names
// its kind in the request header `x-soak`, and every plugin runs only for its kinds (`match`):
//   headers        sets `x-soak-gen: <pipeline generation>` (so the client sees reloads land)
//   immediate      answers 403 itself
//   buffered       replaces a BUFFERED request body with another one of the same size
//   streamed       uppercases every STREAMED chunk (`cancel-body` too, cut by the client)
//   throw-open, slow-open        a plugin that throws / outlives its 50 ms budget, failure open
//   throw-closed, slow-closed    the same, failure closed (`cancel-handler` too, cut by the client)
// Over IPC it answers `sample` (RSS, heap, event-loop delay since the last sample, open streams,
// reloads) and `idle-heap` (heap after a full GC, for the retained-memory check), and from
// `start-reloads` on reloads the pipeline (processor.reload, a new generation) every period.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { childLifecycle, ready } from './child.mjs';
import { scenarioBodies } from './messages.mjs';

const { values } = parseArgs({ options: { 'lifetime-ms': { type: 'string' } } });
const { createServer, definePlugin, respond, silentLogger, z } = await import('../../dist/src/index.js');

/** Budget of the failing plugins' handlers: short, so a slow one is caught quickly. */
const FAIL_BUDGET_MS = 50;
const GEN = z.object({ gen: z.number().int() });
const REPLACEMENT = scenarioBodies('body4k').replacement;

const headersPlugin = definePlugin({
  name: 'soak-headers',
  options: GEN,
  setup: ({ gen }) => {
    const value = String(gen);
    return {
      requestHeaders(ctx) {
        ctx.mutate.set('x-soak-gen', value);
      },
    };
  },
});

const immediatePlugin = definePlugin({
  name: 'soak-immediate',
  setup: () => ({ requestHeaders: () => respond(403, { body: 'denied by the soak\n' }) }),
});

const bufferedPlugin = definePlugin({
  name: 'soak-buffered',
  setup: () => ({
    requestBody(ctx) {
      const bytes = ctx.body.bytes();
      if (bytes.length > 0 && bytes[0] === 0x7b /* { */) ctx.mutate.replaceBody(REPLACEMENT);
    },
  }),
});

const streamedPlugin = definePlugin({
  name: 'soak-streamed',
  setup: () => ({
    requestBodyChunk(ctx) {
      ctx.mutate.replaceChunk(Buffer.from(ctx.chunk.bytes().toString('latin1').toUpperCase(), 'latin1'));
    },
  }),
});

/** How the slow handlers ended: by the exchange's signal (as they should) or their own 1 s timer. */
const slow = { aborted: 0, ownTimer: 0 };

/** Throws, or waits past its budget until the exchange ends (1 s at most), by the kind's prefix. */
const failingPlugin = definePlugin({
  name: 'soak-failing',
  setup: () => ({
    requestHeaders(ctx) {
      if (ctx.headers.get('x-soak')?.startsWith('throw-')) throw new Error('soak: a planned plugin failure');
      const { signal } = ctx.stream;
      return new Promise((resolve) => {
        const timer = setTimeout(() => done(false), 1000);
        const onAbort = () => done(true);
        function done(aborted) {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          if (aborted) slow.aborted++;
          else slow.ownTimer++;
          resolve(undefined);
        }
        if (signal.aborted) done(true);
        else signal.addEventListener('abort', onAbort);
      });
    },
  }),
});

const kinds = (...names) => ({ headers: { 'x-soak': { regex: `^(${names.join('|')})$` } } });

/** The pipeline of generation `gen`. */
function pipeline(gen) {
  return {
    plugins: [
      { plugin: headersPlugin, options: { gen }, match: kinds('headers') },
      { plugin: immediatePlugin, match: kinds('immediate') },
      { plugin: bufferedPlugin, match: kinds('buffered') },
      { plugin: streamedPlugin, match: kinds('streamed', 'cancel-body') },
      {
        plugin: failingPlugin,
        name: 'soak-fail-open',
        failure: 'open',
        timeoutMs: FAIL_BUDGET_MS,
        match: kinds('throw-open', 'slow-open'),
      },
      {
        plugin: failingPlugin,
        name: 'soak-fail-closed',
        failure: 'closed',
        timeoutMs: FAIL_BUDGET_MS,
        match: kinds('throw-closed', 'slow-closed', 'cancel-handler'),
      },
    ],
    // The filter sends the request trailers, so a STREAMED body's end is always seen (README,
    // "Limits and edges"); the soak's streamed bodies end with an end_of_stream chunk anyway.
    processingMode: { requestTrailerMode: 'SEND' },
  };
}

let gen = 1;
let reloads = 0;
let reloadFailures = 0;
const server = await createServer({ ...pipeline(gen), log: silentLogger, transport: 'http2' });
childLifecycle('soak-server', () => server.close(1000), Number(values['lifetime-ms']) || undefined);

// The histogram records each interval of its 10 ms timer, resolution included: the delay is
// what exceeds the resolution.
const ELD_RESOLUTION_MS = 10;
const eld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
eld.enable();
const ms = (ns) => Math.max(0, Math.round(ns / 1e4 - ELD_RESOLUTION_MS * 100) / 100);
const mib = (bytes) => Math.round((bytes / 1048576) * 100) / 100;

function sample() {
  const m = process.memoryUsage();
  const s = {
    rssMiB: mib(m.rss),
    heapUsedMiB: mib(m.heapUsed),
    heapTotalMiB: mib(m.heapTotal),
    externalMiB: mib(m.external),
    eldP50Ms: ms(eld.percentile(50)),
    eldP99Ms: ms(eld.percentile(99)),
    eldMaxMs: ms(eld.max),
    openStreams: server.processor.activeStreams,
    gen,
    reloads,
    reloadFailures,
    slowAborted: slow.aborted,
    slowOwnTimer: slow.ownTimer,
  };
  eld.reset();
  return s;
}

async function reload() {
  try {
    await server.processor.reload(pipeline(gen + 1));
    gen++;
    reloads++;
  } catch (error) {
    reloadFailures++;
    console.error('soak-server: reload failed:', error);
  }
}

let reloadTimer = null;
process.on('message', async (message) => {
  switch (message?.type) {
    case 'sample':
      process.send({ type: 'sample', id: message.id, sample: sample() });
      return;
    case 'start-reloads':
      clearInterval(reloadTimer);
      reloadTimer = setInterval(reload, message.periodMs);
      process.send({ type: 'start-reloads', id: message.id });
      return;
    case 'stop-reloads':
      clearInterval(reloadTimer);
      process.send({ type: 'stop-reloads', id: message.id });
      return;
    case 'idle-heap': {
      // Two full GCs (the second collects what the first's finalizers released).
      globalThis.gc?.();
      globalThis.gc?.();
      const m = process.memoryUsage();
      process.send({
        type: 'idle-heap',
        id: message.id,
        heapUsedMiB: mib(m.heapUsed),
        rssMiB: mib(m.rss),
        openStreams: server.processor.activeStreams,
        slowAborted: slow.aborted,
        slowOwnTimer: slow.ownTimer,
        gc: typeof globalThis.gc === 'function',
      });
      return;
    }
    default:
  }
});

const { port } = await server.listen('127.0.0.1:0');
ready(port);
