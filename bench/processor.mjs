// The processor path of one Process stream, in process (no sockets, no HTTP/2): decode the
// request bytes of bench/streams.mjs's scenario, open a stream on a processor running server A's
// plugin, run it, frame each reply as the http2 transport writes it, half-close. Prints the
// median CPU µs per stream over interleaved rounds, for this build and for each --dist build,
// so two builds compare in one run on a machine too busy for bench/streams.mjs.
//   node bench/processor.mjs [--scenario headers|body4k] [--dist DIR]... [--rounds N] [--streams N]
//     [--heap-profile] [--mode-override]
// --heap-profile: after the timed rounds, runs 50,000 more streams per build under V8's sampling
// heap profiler and prints the bytes allocated per stream, in total and by allocating function.
// --mode-override: the processor runs with allowModeOverride (Envoy's allow_mode_override), so
// every headers reply also carries the mode_override that skips the phases no plugin needs.
// (after npm run build; on Node 24: node scripts/with-node.mjs bench/processor.mjs ...)
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BODY_SIZES, requestBytes, scenarioBodies } from './lib/messages.mjs';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'headers' },
    dist: { type: 'string', multiple: true, default: [] },
    rounds: { type: 'string', default: '7' },
    streams: { type: 'string', default: '100000' },
    'heap-profile': { type: 'boolean', default: false },
    'mode-override': { type: 'boolean', default: false },
  },
});
const scenario = values.scenario;
const rounds = Number(values.rounds);
const streams = Number(values.streams);
const bytes = Buffer.from(requestBytes(scenario));
const replacement = scenario in BODY_SIZES ? scenarioBodies(scenario).replacement : null;

/** One build's stream function: everything a Process stream costs above the transport. */
async function load(dist) {
  const url = (p) => pathToFileURL(`${dist}/src/${p}`).href;
  const { createProcessor, definePlugin, silentLogger } = await import(url('index.js'));
  const codec = await import(url('protocol/codec.js'));
  const { frameMessage } = await import(url('transport/grpc-frames.js'));
  // What the http2 transport writes: a frame, or its parts (a body by reference) in builds with
  // encodeResponseFrameParts; builds before encodeResponseFrame framed the encoded reply with a
  // copy (frameMessage).
  const frameOf =
    codec.encodeResponseFrameParts ??
    codec.encodeResponseFrame ??
    ((reply) => frameMessage(codec.encodeResponse(reply)));
  const frame = (reply) => {
    const out = frameOf(reply);
    if (out instanceof Uint8Array) return out.length;
    let n = 0;
    for (const part of out) n += part.length;
    return n;
  };
  const plugin =
    scenario === 'body4k'
      ? definePlugin({
          name: 'bench-replace-body',
          setup: () => ({
            requestBody(ctx) {
              const body = ctx.body.bytes();
              if (body.length > 0 && body[0] === 0x7b) ctx.mutate.replaceBody(replacement);
            },
          }),
        })
      : definePlugin({
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
    allowModeOverride: values['mode-override'],
  });
  let written = 0;
  const sink = {
    send(reply) {
      written += frame(reply);
      return true;
    },
    whenWritable: () => Promise.resolve(),
    end() {},
    fail(_code, message) {
      throw new Error(`stream failed: ${message}`);
    },
  };
  const metadata = new Map();
  return {
    name: dist,
    stream() {
      const handler = processor.connect(sink, metadata);
      handler.message(codec.decodeRequest(bytes));
      handler.halfClose();
    },
    get written() {
      return written;
    },
  };
}

const here = new URL('../dist', import.meta.url).pathname;
const builds = [await load(here), ...(await Promise.all(values.dist.map(load)))];
for (const b of builds) for (let i = 0; i < 20_000; i++) b.stream(); // warm-up
const times = builds.map(() => []);
for (let r = 0; r < rounds; r++) {
  builds.forEach((b, i) => {
    const before = process.cpuUsage();
    for (let n = 0; n < streams; n++) b.stream();
    const used = process.cpuUsage(before);
    times[i].push((used.user + used.system) / streams);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `processor path, scenario ${scenario}${values['mode-override'] ? ' (mode overrides on)' : ''}, node ${process.version}, ${rounds} rounds of ${streams} streams`,
);
builds.forEach((b, i) => {
  const m = median(times[i]);
  const ratio = i === 0 ? '' : `  (this build costs ${(median(times[0]) / m).toFixed(3)}x this one)`;
  console.log(
    `${m.toFixed(2).padStart(7)} µs/stream (min ${Math.min(...times[i]).toFixed(2)})  ${b.name}${ratio}`,
  );
});

/** Bytes allocated per stream by each function (V8's sampling heap profiler, 64-byte interval). */
async function heapProfile(build, streams) {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 64,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let n = 0; n < streams; n++) build.stream();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  const sites = new Map();
  let total = 0;
  // Built-ins (no script) are charged to the function that called them.
  const walk = (node, caller) => {
    const f = node.callFrame;
    const name = f.url
      ? `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`
      : `${f.functionName || '(native)'} <- ${caller}`;
    if (node.selfSize > 0) {
      total += node.selfSize;
      sites.set(name, (sites.get(name) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, f.url ? name : caller);
  };
  walk(profile.head, '(root)');
  console.log(`\nallocated per stream, ${build.name}: ${(total / streams).toFixed(0)} B`);
  for (const [name, bytes] of [...sites].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`${(bytes / streams).toFixed(0).padStart(7)} B  ${name}`);
  }
}

if (values['heap-profile']) for (const b of builds) await heapProfile(b, 50_000);
