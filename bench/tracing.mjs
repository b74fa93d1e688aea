// What tracing and metrics cost per headers-only stream, in one run: the processor path of
// bench/processor.mjs (decode, stream, plugin, reply; no sockets) in one child process per
// variant (bench/lib/tracing-variant.mjs), rounds interleaved, median CPU µs per stream and the
// median of its per-round ratios to the baseline. The target (issue 14): no provider registered costs ≤ 1% over a build
// without tracing code (--base DIR, e.g. a build of main; without it, `tracing: false` of this
// build is the baseline).
//   npm run build && node bench/tracing.mjs [--base DIR] [--rounds N] [--streams N] [--json]
//   node scripts/with-node.mjs bench/tracing.mjs ...      (Node 24)
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadAverage } from './lib/machine.mjs';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    rounds: { type: 'string', default: '31' },
    streams: { type: 'string', default: '20000' },
    warmup: { type: 'string', default: '20000' },
    json: { type: 'boolean', default: false },
  },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist');
if (!existsSync(path.join(dist, 'src/index.js'))) {
  console.error('bench/tracing.mjs: no build in dist/; run npm run build first');
  process.exit(2);
}
const base = values.base === undefined ? null : path.resolve(values.base);
if (base !== null && !existsSync(path.join(base, 'src/index.js'))) {
  console.error(`bench/tracing.mjs: --base ${base} holds no build (src/index.js)`);
  process.exit(2);
}
const rounds = Number(values.rounds);
const streams = Number(values.streams);

/** The variants, the baseline first; its second copy shows the noise floor of the run (A/A). */
const VARIANTS = [
  ...(base === null
    ? [
        { name: 'off', dist, what: 'this build, tracing: false' },
        { name: 'off', dist, what: 'the same again (A/A: the noise floor)' },
      ]
    : [
        { name: 'base', dist: base, what: 'build without tracing code (--base)' },
        { name: 'base', dist: base, what: 'the same again (A/A: the noise floor)' },
        { name: 'off', dist, what: 'this build, tracing: false' },
      ]),
  { name: 'none', dist, what: 'this build, no provider registered (default auto)' },
  { name: 'metrics', dist, what: 'this build, metrics on (prom-client registry), no provider' },
  { name: 'metrics-recording', dist, what: 'metrics on and a provider recording every span' },
  { name: 'sampled-out', dist, what: 'provider registered, sampler drops every span' },
  { name: 'recording', dist, what: 'provider recording every span, batched to a discarding exporter' },
];

/** A variant's child, answering one message at a time. */
function start(variant) {
  const child = fork(path.join(here, 'lib/tracing-variant.mjs'), [variant.name, variant.dist], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const queue = [];
  child.on('message', (m) => queue.shift()?.(m));
  const next = () => new Promise((resolve) => queue.push(resolve));
  return {
    ...variant,
    child,
    loaded: next(),
    ask(message) {
      const answer = next();
      child.send(message);
      return answer;
    },
  };
}

const loadBefore = loadAverage();
const children = VARIANTS.map(start);
try {
  for (const c of children) await c.loaded;
  // Warm-up, one child at a time, and the probe: every variant wrote the same reply bytes, and
  // only the recording one exported spans.
  const probes = [];
  for (const c of children) probes.push(await c.ask({ type: 'warmup', streams: Number(values.warmup) }));
  const bytes = new Set(probes.map((p) => p.written));
  if (bytes.size !== 1)
    throw new Error(`probe: the variants wrote different replies: ${[...bytes].join(', ')} bytes`);
  children.forEach((c, i) => {
    const exported = probes[i].exported;
    if (c.name.endsWith('recording') !== exported > 0) {
      throw new Error(`probe: variant ${c.name} exported ${exported} spans`);
    }
  });

  const times = children.map(() => []);
  for (let r = 0; r < rounds; r++) {
    // Interleaved, and in a rotating order, so drift in the machine's load spreads over all.
    for (let k = 0; k < children.length; k++) {
      const i = (k + r) % children.length;
      times[i].push((await children[i].ask({ type: 'round', streams })).us);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const baseline = median(times[0]);
  // Each round's ratio to the baseline's time in the same round, then their median: a paired
  // comparison, steadier than a ratio of medians when the machine's load drifts.
  const rows = children.map((c, i) => ({
    variant: c.name,
    what: c.what,
    medianUs: median(times[i]),
    minUs: Math.min(...times[i]),
    ratio: median(times[i].map((t, r) => t / times[0][r])),
    ratioOfMedians: median(times[i]) / baseline,
  }));
  const result = {
    node: process.version,
    rounds,
    streams,
    baseline: children[0].name,
    loadBefore,
    loadAfter: loadAverage(),
    rows,
  };
  if (values.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(
      `tracing and metrics cost per headers-only stream (processor path), node ${process.version}, ${rounds} rounds of ${streams} streams, load ${loadBefore.join(' ')} → ${result.loadAfter.join(' ')}\n` +
        'median µs/stream, min, median of per-round ratios to the baseline (ratio of medians)',
    );
    for (const row of rows) {
      const ratio =
        row === rows[0] ? 'baseline' : `${row.ratio.toFixed(3)}x (${row.ratioOfMedians.toFixed(3)}x)`;
      console.log(
        `${row.medianUs.toFixed(2).padStart(7)} µs/stream (min ${row.minUs.toFixed(2)})  ${ratio.padStart(18)}  ${row.variant}: ${row.what}`,
      );
    }
  }
} finally {
  for (const c of children) c.child.kill();
}
