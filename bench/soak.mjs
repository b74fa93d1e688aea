// The soak: mixed ext_proc traffic at about half the measured maximum through an attache server
// (the built dist/, http2 transport) in a child process, for --minutes, with planned plugin
// failures, cancelled streams and a pipeline reload every --reload-seconds; every second it
// records the server's RSS, heap and event-loop delay and the streams' outcomes. At the end it
// prints a summary, writes bench/SOAK.md and bench/soak.png, and exits 1 when a stream was lost,
// answered wrongly or left open, or memory grew past its bound (bench/README.md, "Soak").
// Loopback only; it stops by itself (the server child also has a lifetime cap).
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { numberOption, UsageError } from './lib/cli-options.mjs';
import { loadAverage, machine } from './lib/machine.mjs';
import { writeSoakFiles } from './lib/soak-report.mjs';
import { DEFAULT_BOUNDS, summarize } from './lib/soak-summary.mjs';

const USAGE = `usage: node bench/soak.mjs [options]   (after npm run build)
  --minutes M         soak length (default 10; --quick: 0.25)
  --rate R            streams/s to hold (default: --load x the maximum measured first)
  --load F            share of the measured maximum to hold (default 0.5)
  --max-seconds S     length of the maximum measurement, the warm-up with --rate (default 5; --quick: 1)
  --reload-seconds S  reload the pipeline every S seconds (default 10; --quick: 2)
  --connections N     HTTP/2 connections to the server (default 4)
  --concurrency N     streams in flight while measuring the maximum (default 32)
  --budget-ms MS      a message without its reply (or status) after this is lost (default 2000)
  --graceful F        share of streams closed gracefully, waiting for the status (default 0.1)
  --seed N            seed of the mix (default 1)
  --heap-bound MiB    most growth of the heap after a full GC, idle before vs after (default ${DEFAULT_BOUNDS.idleHeapMiB})
  --rss-bound MiB     most RSS growth, first vs last minute (default ${DEFAULT_BOUNDS.rssMiB}, or ${DEFAULT_BOUNDS.rssShare * 100}% of the first)
  --label TEXT        a line for SOAK.md about the run (e.g. "machine shared with other sessions")
  --no-files          print only; do not write SOAK.md and soak.png
  --quick             --minutes 0.25 --max-seconds 1 --reload-seconds 2, and no files
  --json              the summary and records as JSON on stdout (progress goes to stderr)`;

const DIST = fileURLToPath(new URL('../dist/src/index.js', import.meta.url));
const SERVER = fileURLToPath(new URL('./lib/soak-server.mjs', import.meta.url));

function options() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      rate: { type: 'string' },
      load: { type: 'string', default: '0.5' },
      'max-seconds': { type: 'string' },
      'reload-seconds': { type: 'string' },
      connections: { type: 'string', default: '4' },
      concurrency: { type: 'string', default: '32' },
      'budget-ms': { type: 'string', default: '2000' },
      graceful: { type: 'string', default: '0.1' },
      seed: { type: 'string', default: '1' },
      'heap-bound': { type: 'string', default: String(DEFAULT_BOUNDS.idleHeapMiB) },
      'rss-bound': { type: 'string', default: String(DEFAULT_BOUNDS.rssMiB) },
      label: { type: 'string' },
      'no-files': { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const q = values.quick;
  values.minutes ??= q ? '0.25' : '10';
  values['max-seconds'] ??= q ? '1' : '5';
  values['reload-seconds'] ??= q ? '2' : '10';
  return {
    minutes: numberOption(values, 'minutes', 0.05, 120, false),
    rate: values.rate === undefined ? null : numberOption(values, 'rate', 1, 1e6, false),
    load: numberOption(values, 'load', 0.01, 1, false),
    maxSeconds: numberOption(values, 'max-seconds', 0.5, 60, false),
    reloadSeconds: numberOption(values, 'reload-seconds', 0.2, 3600, false),
    connections: numberOption(values, 'connections', 1, 64, true),
    concurrency: numberOption(values, 'concurrency', 1, 4096, true),
    budgetMs: numberOption(values, 'budget-ms', 100, 60_000, true),
    graceful: numberOption(values, 'graceful', 0, 1, false),
    seed: numberOption(values, 'seed', 0, 2 ** 32 - 1, true),
    bounds: {
      ...DEFAULT_BOUNDS,
      idleHeapMiB: numberOption(values, 'heap-bound', 0, 1e6, false),
      rssMiB: numberOption(values, 'rss-bound', 0, 1e6, false),
    },
    label: values.label ?? null,
    files: !values['no-files'] && !q,
    quick: q,
    json: values.json,
  };
}

const log = (opts, line) => (opts.json ? console.error(line) : console.log(line));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server child, with a request/response helper over IPC. */
async function startServer(opts) {
  const lifetimeMs = Math.ceil((opts.minutes * 60 + opts.maxSeconds + 120) * 1000);
  const child = fork(SERVER, ['--lifetime-ms', String(lifetimeMs)], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map();
  let nextId = 0;
  let ready;
  const started = new Promise((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code, signal) =>
      reject(new Error(`the soak server exited (${code ?? signal}) before it was ready`)),
    );
    setTimeout(() => reject(new Error('the soak server was not ready within 20 s')), 20_000).unref();
  });
  child.on('message', (m) => {
    if (m?.type === 'ready') ready(m);
    else waiting.get(m?.id)?.(m);
  });
  const ask = (type, extra = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`the soak server did not answer ${type} within 10 s`));
      }, 10_000);
      waiting.set(id, (m) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(m);
      });
      child.send({ type, id, ...extra });
    });
  const { port } = await started;
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.send({ type: 'stop' });
    });
  return { port, ask, stop, child };
}

/** Closed loop: `concurrency` streams in flight for `seconds`; returns streams/s with an outcome. */
async function measureMax(traffic, opts) {
  const before = traffic.totals();
  const t0 = performance.now();
  const end = t0 + opts.maxSeconds * 1000;
  const launch = () => {
    if (performance.now() < end) traffic.start(launch);
  };
  for (let i = 0; i < opts.concurrency; i++) launch();
  await sleep(opts.maxSeconds * 1000);
  const after = traffic.totals();
  const elapsed = (performance.now() - t0) / 1000;
  await traffic.drain(opts.budgetMs + 1000);
  const done = ['ok', 'failed', 'cancelled', 'lost', 'wrong'].reduce((a, k) => a + after[k] - before[k], 0);
  return done / elapsed;
}

const OUT = ['started', 'ok', 'failed', 'cancelled', 'lost', 'wrong'];

/** Open loop at `rate` for the soak, one record per second. */
async function soak(traffic, server, opts, rate) {
  const records = [];
  const ms = opts.minutes * 60_000;
  let prev = traffic.totals();
  let prevReloads = (await server.ask('sample')).sample.reloads;
  let skipped = 0;
  const maxInflight = Math.max(1000, Math.ceil(rate * (opts.budgetMs / 1000) * 2));
  const t0 = performance.now();
  let launched = 0;
  // Stream starts are spread over 5 ms ticks; past `maxInflight` a start is skipped and counted
  // (the server fell behind), so a stalled server cannot grow the client without bound.
  const tick = setInterval(() => {
    const due = Math.floor(((performance.now() - t0) / 1000) * rate) - launched;
    for (let i = 0; i < due; i++) {
      launched++;
      if (traffic.inflight >= maxInflight) skipped++;
      else traffic.start();
    }
  }, 5);
  await server.ask('start-reloads', { periodMs: opts.reloadSeconds * 1000 });
  const seconds = Math.max(1, Math.round(ms / 1000));
  for (let s = 1; s <= seconds; s++) {
    await sleep(t0 + s * 1000 - performance.now());
    const { sample } = await server.ask('sample');
    const now = traffic.totals();
    const record = {
      t: s,
      ...sample,
      reloads: sample.reloads - prevReloads,
      inflight: now.inflight,
      skippedTotal: skipped,
    };
    for (const k of OUT) record[k] = now[k] - prev[k];
    prev = now;
    prevReloads = sample.reloads;
    records.push(record);
    if (s % (opts.quick ? 5 : 30) === 0 || s === seconds) {
      log(
        opts,
        `  ${String(s).padStart(4)} s: RSS ${sample.rssMiB} MiB, heap ${sample.heapUsedMiB} MiB, ELD p99 ${sample.eldP99Ms} ms, ` +
          `${record.ok + record.failed + record.cancelled}/s answered, lost ${traffic.outcomes.lost}, wrong ${traffic.outcomes.wrong}, reloads ${sample.reloads}`,
      );
    }
  }
  clearInterval(tick);
  await server.ask('stop-reloads');
  await traffic.drain(opts.budgetMs + 2000);
  // Outcomes that came in while draining count in the last second.
  const now = traffic.totals();
  const last = records.at(-1);
  for (const k of OUT) last[k] += now[k] - prev[k];
  return { records, skipped };
}

function printSummary(opts, s, ctx) {
  const m = s.memory;
  const o = s.outcomes;
  const lines = [
    '',
    `soak: ${s.seconds} s at ${ctx.rate.toFixed(0)} streams/s (${ctx.rateSource}), ${s.reloads} reloads, Node ${process.version}`,
    `  memory, first vs last ${m.windowSeconds} s: RSS ${m.rssFirstMiB} -> ${m.rssLastMiB} MiB (median), heap floor ${m.heapFloorFirstMiB} -> ${m.heapFloorLastMiB} MiB`,
    `  slope: RSS ${m.rssSlopeMiBPerMin.toFixed(2)} MiB/min, heap ${m.heapSlopeMiBPerMin.toFixed(2)} MiB/min; heap after full GC, idle: ${m.idleHeapBeforeMiB} -> ${m.idleHeapAfterMiB} MiB`,
    `  event-loop delay: p50 ${s.eld.p50MedianMs} ms (median second), p99 ${s.eld.p99MaxMs} ms (worst second), max ${s.eld.maxMs} ms`,
    `  streams: ${o.started} started, ${o.ok} ok, ${o.failed} failed as configured, ${o.cancelled} cancelled, ${o.lost} lost, ${o.wrong} wrong, hung ${o.hungClient} (client) / ${o.hungServer} (server)`,
    `  GOAWAYs from the server: ${s.goaways.count}${s.goaways.count > 0 ? ` (codes ${s.goaways.codes.join(', ')})` : ''}`,
    `  slow handlers (since the start): ${s.slowHandlers.aborted} ended by the exchange's abort signal, ${s.slowHandlers.ownTimer} by their own 1 s timer`,
    ...(s.gcAvailable ? [] : ['  (no --expose-gc in the server: the heap after GC is only a heap sample)']),
    ...(ctx.skipped > 0
      ? [`  ${ctx.skipped} starts skipped: more than the in-flight cap were waiting (the server fell behind)`]
      : []),
    ...ctx.problems.map((p) => `  problem: ${p.kind}: ${p.outcome}: ${p.why}`),
    s.failures.length === 0 ? 'soak: PASS' : `soak: FAIL: ${s.failures.join('; ')}`,
  ];
  log(opts, lines.join('\n'));
}

/** This run's command line, as typed from the repository root (arguments with spaces quoted). */
function commandLine() {
  const args = process.argv
    .slice(2)
    .map((a) => (/^[\w./=:,-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`));
  return ['node', 'bench/soak.mjs', ...args].join(' ');
}

async function main() {
  const opts = options();
  if (!existsSync(DIST)) {
    console.error('bench/soak.mjs runs the built attache: run `npm run build` first');
    process.exit(2);
  }
  const { SoakTraffic } = await import('./lib/soak-traffic.mjs');
  const startedAt = { date: new Date().toISOString(), load: loadAverage() };
  const server = await startServer(opts);
  const traffic = new SoakTraffic({
    port: server.port,
    connections: opts.connections,
    budgetMs: opts.budgetMs,
    gracefulShare: opts.graceful,
    seed: opts.seed,
  });
  let exitCode = 1;
  try {
    await traffic.ready();
    // The maximum is measured with --rate too: it warms the server up (JIT, pools) before the
    // heap is taken as the baseline of the retained-memory check.
    log(
      opts,
      `soak: ${opts.rate === null ? 'measuring the maximum' : 'warming up'} for ${opts.maxSeconds} s (${opts.concurrency} streams in flight)`,
    );
    const maxRate = await measureMax(traffic, opts);
    const rate = opts.rate ?? maxRate * opts.load;
    const rateSource =
      opts.rate === null
        ? `${opts.load} x the measured maximum of ${maxRate.toFixed(0)} streams/s`
        : `--rate; the warm-up reached ${maxRate.toFixed(0)} streams/s`;
    const beforeSoak = traffic.totals();
    const warmup = { lost: beforeSoak.lost, wrong: beforeSoak.wrong };
    const idleBefore = await server.ask('idle-heap');
    log(
      opts,
      `soak: ${opts.minutes} min at ${rate.toFixed(0)} streams/s (${rateSource}), reload every ${opts.reloadSeconds} s`,
    );
    const { records, skipped } = await soak(traffic, server, opts, rate);
    const idleAfter = await server.ask('idle-heap');
    const summary = summarize(
      records,
      { idleBefore, idleAfter, clientOpen: traffic.open.size, serverOpen: idleAfter.openStreams, warmup },
      opts.bounds,
    );
    const ctx = { rate, rateSource, maxRate, skipped, problems: traffic.problems, beforeSoak };
    summary.byKind = traffic.byKind;
    summary.generations = traffic.generations.size;
    summary.gcAvailable = idleAfter.gc;
    summary.goaways = { count: traffic.goaways, codes: [...traffic.goawayCodes] };
    // Counted since the server started (the maximum measurement included).
    summary.slowHandlers = { aborted: idleAfter.slowAborted, ownTimer: idleAfter.slowOwnTimer };
    const finishedAt = { date: new Date().toISOString(), load: loadAverage() };
    printSummary(opts, summary, ctx);
    if (opts.files) {
      const written = await writeSoakFiles({
        summary,
        records,
        opts,
        ctx,
        machine: machine(),
        node: process.version,
        started: startedAt,
        finished: finishedAt,
        command: commandLine(),
      });
      log(opts, written.lines.join('\n'));
    }
    if (opts.json) console.log(JSON.stringify({ summary, records, rate, maxRate, skipped }, null, 1));
    exitCode = summary.failures.length === 0 ? 0 : 1;
  } finally {
    traffic.close();
    await server.stop();
  }
  process.exit(exitCode);
}

main().catch((error) => {
  if (error instanceof UsageError || error?.code?.startsWith?.('ERR_PARSE_ARGS')) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
