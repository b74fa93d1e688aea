// A fixed CPU-bound JavaScript job for lib/core-scaling.mjs: for `argv[2]` ms it allocates small
// objects, strings, arrays and maps (as a server's per-request code does, so V8's scavenger runs
// too) and prints how many rounds it did.
const ms = Number(process.argv[2]) || 1000;
let keep = [];
let sink = 0;
let rounds = 0;
const until = performance.now() + ms;
while (performance.now() < until) {
  for (let i = 0; i < 1024; i++) {
    const o = { a: i, b: String(rounds + i), c: [i, i + 1, i + 2] };
    if ((i & 255) === 0) keep.push(o);
    sink += o.b.length + o.c[2];
    const m = new Map([['x', o]]);
    sink += m.size;
  }
  if (keep.length > 4000) keep = [];
  rounds++;
}
process.stdout.write(`${rounds} ${sink > 0 ? 'ok' : 'none'}\n`);
