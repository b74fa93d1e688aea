// Splits a server's V8 .cpuprofile (from `bench/streams.mjs --profile DIR`) into areas by self
// time, start-up (module loading) left out, and with the run's CPU µs per stream turns each
// share into µs per stream:
//   node bench/lib/cpuprofile-areas.mjs <file.cpuprofile> [cpu-us-per-stream]
import { readFileSync } from 'node:fs';

const [file, perStreamArg] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: node bench/lib/cpuprofile-areas.mjs <file.cpuprofile> [cpu-us-per-stream]');
  process.exit(2);
}
const perStream = Number(perStreamArg) || 0;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const STARTUP = /internal\/modules\/|module_job|compileSourceTextModule/;
/** Whether a sample lies under module loading (start-up, not per-stream work). */
function inStartup(id) {
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const f = byId.get(at).callFrame;
    if (STARTUP.test(f.url) || STARTUP.test(f.functionName)) return true;
  }
  return false;
}

/** The area a function belongs to, by its file. */
function area(callFrame) {
  const url = callFrame.url;
  if (url === '') {
    if (callFrame.functionName === '(garbage collector)') return 'GC';
    if (callFrame.functionName === '(program)') return '(program): V8 and native, unattributed';
    return 'native (writeBuffer, string slices, ...)';
  }
  if (url.includes('/src/gen/') || url.includes('@bufbuild') || url.includes('/src/protocol/'))
    return 'attache protocol (decode/encode)';
  if (url.includes('/src/transport/') || url.includes('/src/server/')) return 'attache transport';
  if (url.includes('/dist/src/')) return 'attache processor (stream, pipeline, plugin, headers)';
  if (url.includes('/bench/')) return 'bench server script';
  if (url.includes('grpc-js')) return 'grpc-js';
  if (url.includes('internal/http2')) return 'node http2';
  if (url === 'node:buffer' || url.includes('internal/buffer')) return 'node Buffer objects';
  if (url.includes('internal/streams') || url === 'node:stream') return 'node streams';
  if (url.includes('internal/process') || url.includes('internal/timers')) return 'node nextTick/timers';
  return 'node other';
}

const self = new Map();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  const node = byId.get(id);
  if (node.callFrame.functionName === '(idle)' || inStartup(id)) continue;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  total += dt;
  const key = area(node.callFrame);
  self.set(key, (self.get(key) ?? 0) + dt);
}
console.log(`busy ${(total / 1e3).toFixed(0)} ms without start-up`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1])) {
  const share = us / total;
  const micros = perStream > 0 ? `  ${(share * perStream).toFixed(1).padStart(5)} µs/stream` : '';
  console.log(`${(share * 100).toFixed(1).padStart(5)}%${micros}  ${key}`);
}
