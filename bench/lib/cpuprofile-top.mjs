// Prints the top self-time functions of a V8 .cpuprofile (as written by `node --cpu-prof`).
//   node bench/lib/cpuprofile-top.mjs <file.cpuprofile> [count]
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [file, countArg] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: node bench/lib/cpuprofile-top.mjs <file.cpuprofile> [count]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const hits = new Map();
const deltas = profile.timeDeltas;
// Each sample's time is the delta to the next sample.
for (let i = 0; i < profile.samples.length; i++) {
  const dt = deltas[i + 1] ?? 0;
  hits.set(profile.samples[i], (hits.get(profile.samples[i]) ?? 0) + dt);
}
const self = new Map();
let total = 0;
let idle = 0;
for (const [id, us] of hits) {
  const { callFrame } = byId.get(id);
  if (callFrame.functionName === '(idle)') {
    idle += us;
    continue;
  }
  total += us;
  const where = callFrame.url ? `${path.basename(callFrame.url)}:${callFrame.lineNumber + 1}` : '';
  const key = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + us);
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(countArg) || 15);
console.log(`busy ${(total / 1e3).toFixed(0)} ms (idle ${(idle / 1e3).toFixed(0)} ms not counted)`);
for (const [name, us] of rows) {
  console.log(
    `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1e3).toFixed(0).padStart(6)} ms  ${name}`,
  );
}
