// `attache serve --processes 1` against `--processes 2`: what a second process buys, measured
// with a load generator that behaves like Envoy in front of several endpoints.
//
//   npm run build && node scripts/with-node.mjs bench/processes.mjs [--rounds 3] [--seconds 3]
//
// Both servers are the built CLI (`dist/src/cli/main.js serve`, http2 transport, the built-in
// `headers` plugin setting one header), started once and idle while the other is measured; beside
// them, in the same rounds, the floor: raw node:http2 (lib/server-h2raw.mjs) as one process and as
// two, so attache's 2/1 reads against what a second process buys any Node HTTP/2 server here, and
// a probe of what the machine's two cores give a CPU-bound job (lib/core-scaling.mjs). The
// load generator (bench/native/envoy-load.c, or with --client raw lib/loadgen.mjs's raw HTTP/2
// frames from Node) plays an Envoy with `--envoy-workers`
// worker threads (default 2): each worker holds one connection to every endpoint and sends each
// new stream to the next endpoint in turn; every stream ends as Envoy ends it (END_STREAM, then
// RST_STREAM). The load is closed (--concurrency streams in flight, each answered one replaced at
// once) or open (--load open: streams arrive at a rate whatever the servers answer, and the rate
// grows until the servers stop keeping up). Each server is warmed up until its CPU per stream
// stops falling. Rounds alternate 1, 2, 1, 2, ... (then 2, 1, ...). Nothing is pinned by default:
// on a 2-core machine the two server processes and the load generator share both cores, so the
// load generator's own CPU is reported beside the servers', and so is throughput per server core
// (streams/s divided by the servers' CPU, in cores), which the load generator's share does not
// bias. Each round also says where the time went: the machine's idle share, each event loop's
// share running, waiting for a core and asleep, and how long each endpoint had no stream in
// flight. See bench/README.md, "Processes".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { children, killAll, pinnedTo, startIpcChild, startReadyChild } from './lib/children.mjs';
import { coreScaling } from './lib/core-scaling.mjs';
import { median } from './lib/median.mjs';
import { buildNativeLoad, nativeLoadUnavailable } from './lib/native-load.mjs';
import { WARMUP_WINDOW_MS, warmedUp } from './lib/warmup.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const CLI = here('../dist/src/cli/main.js');

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    concurrency: { type: 'string' },
    load: { type: 'string', default: 'closed' },
    'open-start': { type: 'string', default: '10000' },
    'open-step': { type: 'string', default: '1.1' },
    'envoy-workers': { type: 'string', default: '2' },
    lb: { type: 'string', default: 'round-robin' },
    client: { type: 'string', default: 'native' },
    'no-floor': { type: 'boolean', default: false },
    pin: { type: 'boolean', default: false },
    'pin-servers': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  process.stdout.write(
    'Usage: node scripts/with-node.mjs bench/processes.mjs [--rounds N] [--seconds S] [--warmup S]\n' +
      '       (defaults: 3 rounds; windows of 3 s after 1 s closed, 1 s after 0.3 s open)\n' +
      '       [--concurrency N] [--envoy-workers N] [--load closed|open] [--open-start R] [--open-step F]\n' +
      '       [--lb round-robin|least-request] [--client native|raw] [--no-floor] [--pin] [--pin-servers] [--json]\n' +
      '--no-floor: skip the floor, raw node:http2 (lib/server-h2raw.mjs) as 1 and 2 processes measured the\n' +
      '       same way in the same rounds: what a second process buys any Node HTTP/2 server on this machine.\n' +
      '--quick: a check that it runs (CI): one round of 0.3 s windows, one warm-up window per server, a\n' +
      '       short probe; the figures mean nothing.\n' +
      '--client: the load generator: native (bench/native/envoy-load.c, built with cc: about a\n' +
      '       microsecond of CPU per stream) or raw (the same frames from Node, lib/h2-frames.mjs in\n' +
      '       lib/loadgen.mjs: 3-11 µs, a fifth of a 2-core machine at 60k streams/s). native falls back\n' +
      '       to raw, saying so, without cc.\n' +
      "--lb: how each stream picks its endpoint: round-robin (Envoy's default lb_policy) or\n" +
      "       least-request (Envoy's LEAST_REQUEST: the less busy of two endpoints drawn at random).\n" +
      '--load closed: --concurrency (default 64) streams in flight, each answered one replaced at once.\n' +
      '--load open: streams arrive at a rate, whatever the servers answer; the rate starts at --open-start\n' +
      '       (10000/s) and grows by --open-step (1.1x) while the servers keep up; --concurrency (default\n' +
      "       1024, Envoy's default circuit breaker) caps streams in flight, arrivals above it are dropped.\n" +
      '--pin: the load generator on the last core, the servers on the others (taskset), so it does not\n' +
      '       compete with them; on 2 cores that leaves one core to the servers.\n' +
      '--pin-servers: each server process, all its threads, on a core of its own (the first process on\n' +
      '       core 0, the second on core 1; one process on core 0), the load generator unpinned: one\n' +
      "       process gets one core, as in issue 10's table, instead of spreading its GC over both.\n",
  );
  process.exit(0);
}
if (!existsSync(CLI)) {
  console.error(`bench: ${CLI} is missing; run \`npm run build\` first`);
  process.exit(1);
}
const num = (name) => {
  const v = Number(opts[name]);
  if (!(v > 0)) throw new Error(`--${name} must be a positive number, got ${opts[name]}`);
  return v;
};
if (opts.quick) {
  opts.rounds = '1';
  opts.seconds ??= '0.3';
  opts.warmup ??= '0.1';
  opts['open-step'] = '2';
}
const ROUNDS = num('rounds');
const FLOOR = !opts['no-floor'];
if (opts.load !== 'closed' && opts.load !== 'open')
  throw new Error(`--load must be closed or open, got ${opts.load}`);
const OPEN = opts.load === 'open';
opts.concurrency ??= OPEN ? '1024' : '64';
// An open-load search runs many short windows; a closed-load round, one long one per server.
opts.seconds ??= OPEN ? '1' : '3';
opts.warmup ??= OPEN ? '0.3' : '1';
const SECONDS = num('seconds');
const WARMUP = num('warmup');
const CONCURRENCY = num('concurrency');
const OPEN_START = num('open-start');
const OPEN_STEP = num('open-step');
if (OPEN_STEP <= 1) throw new Error(`--open-step must be above 1, got ${OPEN_STEP}`);
/**
 * An open-load step is sustained when this share of the streams offered in its window was
 * answered in it (arrivals dropped at the cap count as not answered).
 */
const SUSTAINED = 0.97;
/** How many times the open load's rate may fall below --open-start looking for a sustained one. */
const MAX_DOWN_STEPS = 8;
/** Streams in flight in the warm-up windows (a closed load, whatever --load says). */
const WARMUP_CONCURRENCY = Math.min(CONCURRENCY, 64);
const ENVOY_WORKERS = num('envoy-workers');
const LB = opts.lb;
if (LB !== 'round-robin' && LB !== 'least-request') {
  console.error('--lb must be round-robin or least-request');
  process.exit(2);
}
if (opts.client !== 'native' && opts.client !== 'raw') {
  console.error('--client must be native or raw');
  process.exit(2);
}
const CORES = os.availableParallelism();
const PIN = opts.pin && CORES >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const log = (line) => process.stderr.write(`${line}\n`);

const ticks = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const v = Number(out.stdout?.trim());
  return out.status === 0 && Number.isInteger(v) && v > 0 ? v : 100;
})();

const dir = mkdtempSync(path.join(os.tmpdir(), 'attache-bench-processes-'));
const config = path.join(dir, 'attache.yaml');
writeFileSync(
  config,
  'grpc:\n  address: 127.0.0.1:0\n  transport: http2\nlog:\n  level: warn\ntimeouts:\n  drainDelayMs: 0\n  shutdownGraceMs: 1000\nadmin:\n  address: "off"\n' +
    'plugins:\n  - use: headers\n    options: { request: { set: { x-a: "1" } } }\n',
);

/** The ids of the processes whose parent is `pid`. */
function childPids(pid) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
/** Starts `attache serve --processes n`; resolves with its ports and server pids once all listen. */
async function startServe(n) {
  const endpointsFile = path.join(dir, `endpoints-${n}.json`);
  const cpuList = PIN ? Array.from({ length: CORES - 1 }, (_, i) => i).join(',') : null;
  const argv = [
    CLI,
    'serve',
    '--config',
    config,
    '--processes',
    String(n),
    '--endpoints-file',
    endpointsFile,
  ];
  const [command, args] = pinnedTo(cpuList ?? undefined, process.execPath, argv);
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  children.add(child);
  child.on('exit', (code, signal) => {
    if (!children.has(child)) return;
    log(`bench: attache serve --processes ${n} exited (${signal ?? code}); stopping`);
    killAll();
    process.exit(1);
  });
  const deadline = Date.now() + 30_000;
  while (!existsSync(endpointsFile)) {
    if (Date.now() > deadline) throw new Error(`attache serve --processes ${n}: no endpoints file in 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const { endpoints } = JSON.parse(readFileSync(endpointsFile, 'utf8'));
  const ports = endpoints.map((e) => Number(e.address.slice(e.address.lastIndexOf(':') + 1)));
  // One process serves in `attache serve` itself; more run as its children (the supervisor idles).
  const pids = n === 1 ? [child.pid] : [child.pid, ...childPids(child.pid)];
  if (pids.length !== (n === 1 ? 1 : n + 1))
    throw new Error(`expected ${n} workers, found ${pids.length - 1}`);
  // --pin-servers: `taskset -a` moves every thread of the process (V8's GC and compiler threads
  // too), so one process is held to one core; the supervisor of two idles where it started.
  if (opts['pin-servers'])
    for (const [i, pid] of (n === 1 ? pids : pids.slice(1)).entries()) pinServer(pid, i);
  return {
    n,
    label: `attache ×${n}`,
    ports,
    pids,
    // More than one process: pids[0] is the supervisor, which serves no stream.
    supervised: n > 1,
    async stop() {
      children.delete(child);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** --pin-servers: `taskset -a` moves every thread of `pid` (V8's GC and compiler threads too). */
function pinServer(pid, core) {
  const r = spawnSync('taskset', ['-a', '-cp', String(core % CORES), String(pid)]);
  if (r.status !== 0) throw new Error(`taskset failed for ${pid}`);
}

/**
 * The floor: `n` processes of raw node:http2 with hand-rolled gRPC framing (lib/server-h2raw.mjs,
 * the `headers` reply, nghttp2's reset limit raised as attache's transport raises it), one
 * endpoint each, pinned as attache's are. What a second process buys a Node HTTP/2 server that
 * does nothing else, on this machine, with this load generator.
 */
async function startFloor(n) {
  const cpuList = PIN ? Array.from({ length: CORES - 1 }, (_, i) => i).join(',') : undefined;
  const started = [];
  for (let i = 0; i < n; i++) {
    const [command, argv] = pinnedTo(cpuList, process.execPath, [
      here('./lib/server-h2raw.mjs'),
      'headers',
      '--reset-limit',
    ]);
    started.push(await startReadyChild(`raw node:http2 ${i + 1}/${n}`, command, argv));
  }
  if (opts['pin-servers']) for (const [i, s] of started.entries()) pinServer(s.pid, i);
  return {
    n,
    label: `raw node:http2 ×${n}`,
    ports: started.map((s) => s.port),
    pids: started.map((s) => s.pid),
    supervised: false,
    stop: () => Promise.all(started.map((s) => s.stop())),
  };
}

/** The load generator (lib/loadgen.mjs), ready, with its job calls (lib/children.mjs). */
async function startLoadgen() {
  const [command, argv] = pinnedTo(PIN ? CORES - 1 : undefined, process.execPath, [
    here('./lib/loadgen.mjs'),
    'headers',
    String(ticks),
  ]);
  const loadgen = startIpcChild('loadgen', command, argv);
  await loadgen.ready;
  return loadgen;
}

const schedPart = (label, s) =>
  s === null || s === undefined
    ? `${label} n/a`
    : `${label} ${s.mainRunPct.toFixed(0)}/${s.mainWaitPct.toFixed(0)}/${s.mainSleepPct.toFixed(0)}%, ${s.mainWakeupsPerOp.toFixed(2)}`;
const schedLine = (row) =>
  [
    ...row.serverSched.map((s, i) => schedPart(`server ${i}`, s)),
    schedPart('load generator', row.loadgenSched),
  ].join('; ');

const range = (xs) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;

async function main() {
  log(
    `node ${process.version}, ${CORES} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(
        ' ',
      )}; ${PIN ? `servers on cores 0-${CORES - 2}, load generator on core ${CORES - 1}` : opts['pin-servers'] ? 'each server process on a core of its own, the load generator unpinned' : 'nothing pinned'}`,
  );
  log(
    `load: ${OPEN ? `open, rate from ${OPEN_START}/s up by ${OPEN_STEP}x while sustained, at most ${CONCURRENCY}` : CONCURRENCY} streams in flight, an Envoy with ${ENVOY_WORKERS} workers (one connection per worker per endpoint, ${LB === 'round-robin' ? 'round robin per stream' : 'least request (two random choices) per stream'}), END_STREAM+RST close`,
  );
  // The C load generator unless asked for the Node one or no compiler is there.
  const noNative = opts.client === 'native' ? nativeLoadUnavailable() : null;
  const binary = opts.client === 'native' && noNative === null ? await buildNativeLoad() : null;
  log(
    binary === null
      ? `load generator: lib/loadgen.mjs (Node, raw HTTP/2 frames)${noNative === null ? '' : `, because ${noNative}`}`
      : `load generator: bench/native/envoy-load.c (${binary}), its worker threads the Envoy workers`,
  );
  // What two cores give a CPU-bound Node process on this machine, before any server runs.
  const cores = CORES >= 2 ? await coreScaling(opts.quick ? 100 : 1000) : null;
  if (cores !== null)
    log(
      `this machine: a CPU-bound Node job did ${cores.alone.join(' and ')} rounds/s alone on core 0 and core 1, ` +
        `${cores.together} on both at once: two cores give ${cores.ratio.toFixed(2)}x one (lib/core-scaling.mjs)`,
    );
  // Per kind of server, 1 and 2 processes: attache serve, and the floor unless --no-floor.
  const kinds = FLOOR ? ['attache', 'floor'] : ['attache'];
  const servers = { attache: { 1: await startServe(1), 2: await startServe(2) } };
  if (FLOOR) servers.floor = { 1: await startFloor(1), 2: await startFloor(2) };
  const loadgen = await startLoadgen();
  const job = (server, warmupMs, measureMs, rate = 0, concurrency = CONCURRENCY) =>
    loadgen.call({
      type: binary === null ? 'streamsRaw' : 'streamsNative',
      binary,
      port: server.ports[0],
      ports: server.ports,
      serverPid: server.pids,
      warmupMs,
      measureMs,
      concurrency,
      connections: ENVOY_WORKERS,
      close: 'rst',
      rstCode: 8, // CANCEL, Envoy's default
      rate,
      lb: LB,
    });
  /**
   * Closed load: one window. Open load: windows at a growing rate until two in a row are not
   * sustained (under SUSTAINED of the offer answered: one stall of a shared machine does not
   * end the search); the result is the fastest sustained
   * window, with how many steps were run (its rate is the capacity found). When not even
   * --open-start is sustained, the rate falls by the same factor until one is (at most
   * MAX_DOWN_STEPS times).
   */
  const measure = async (server) => {
    if (!OPEN) return job(server, WARMUP * 1000, SECONDS * 1000);
    const sustained = (m) => m.rate >= SUSTAINED * m.offeredRate;
    let best = null;
    let steps = 0;
    for (let rate = OPEN_START, misses = 0; misses < 2; rate *= OPEN_STEP) {
      steps++;
      const m = await job(server, WARMUP * 1000, SECONDS * 1000, rate);
      if (!sustained(m)) misses++;
      else {
        misses = 0;
        if (best === null || m.rate > best.rate) best = m;
      }
    }
    for (let rate = OPEN_START / OPEN_STEP, down = 0; best === null && down < MAX_DOWN_STEPS; down++) {
      steps++;
      const m = await job(server, WARMUP * 1000, SECONDS * 1000, rate);
      if (sustained(m)) best = m;
      rate /= OPEN_STEP;
    }
    if (best === null)
      throw new Error(`no open-load rate from ${OPEN_START}/s down was sustained by ${server.n} process(es)`);
    return { ...best, steps };
  };
  try {
    // Discarded warm-up, closed load, in windows until the CPU per stream stops falling
    // (lib/warmup.mjs): attache's server needs about 4 s of load to tier up, and each of n
    // processes gets 1/n of the streams, so n processes get windows n times as long (each process
    // sees as many streams per window as one process does). A fixed 1.5 s left the first rounds
    // of 2 processes measuring code V8 was still compiling; 1 s windows for 2 processes ended the
    // warm-up on a plateau that was not one (92 100 108 152 µs, then 36-55 in the rounds).
    for (const kind of kinds) {
      for (const n of [1, 2]) {
        const cpu = [];
        const windowMs = WARMUP_WINDOW_MS * n;
        while (opts.quick ? cpu.length === 0 : !warmedUp(cpu))
          cpu.push((await job(servers[kind][n], 0, windowMs, 0, WARMUP_CONCURRENCY)).serverCpuPerOpUs);
        log(
          `warm-up, ${servers[kind][n].label}: ${cpu.length} windows of ${windowMs} ms, CPU µs/stream ${cpu
            .map((c) => c?.toFixed(1) ?? '-')
            .join(' ')}`,
        );
      }
    }
    const results = Object.fromEntries(kinds.map((kind) => [kind, { 1: [], 2: [] }]));
    for (let r = 0; r < ROUNDS; r++) {
      // Each round measures every server once; odd rounds run the list backwards.
      const order = kinds.flatMap((kind) => [1, 2].map((n) => [kind, n]));
      for (const [kind, n] of r % 2 === 0 ? order : order.reverse()) {
        const server = servers[kind][n];
        // --pin-servers: one process takes core 0 and core 1 in turn, round by round: a virtual
        // machine's cores need not be equal (the probe above), and the one process would
        // otherwise always get the same one.
        if (opts['pin-servers'] && n === 1) pinServer(server.pids[0], r % 2);
        const m = await measure(server);
        const serverCores = m.serverCpuPct / 100;
        // A supervisor's share (pids[0] of attache with 2 processes) is apart from the servers'.
        const serving = (list) => (server.supervised ? list.slice(1) : list);
        const row = {
          round: r + 1,
          server: kind,
          processes: n,
          streamsPerSec: m.rate,
          serverCpuPct: m.serverCpuPct,
          serverCpuPctEach: serving(m.serverCpuPctEach),
          supervisorCpuPct: server.supervised ? m.serverCpuPctEach[0] : 0,
          loadgenCpuPct: m.clientCpuPct,
          serverCpuUsPerStream: m.serverCpuPerOpUs,
          streamsPerServerCore: m.rate / serverCores,
          p50Us: m.p50Us,
          p99Us: m.p99Us,
          goaways: m.goaways,
          errors: m.errors,
          // The machine's idle share in the window, % of all cores (other processes included).
          idlePct: 100 - m.coreBusyPct.reduce((a, b) => a + b, 0) / m.coreBusyPct.length,
          serverSched: serving(m.serverSched),
          loadgenSched: m.clientSched,
          endpoints: m.endpoints,
          repliesPerRead: m.repliesPerRead,
          offeredRate: m.offeredRate,
          openSteps: m.steps ?? null,
        };
        results[kind][n].push(row);
        log(
          `round ${row.round}, ${server.label}: ${row.streamsPerSec.toFixed(0)} streams/s, ` +
            `servers ${row.serverCpuPct.toFixed(0)}% (${row.serverCpuPctEach.map((p) => `${p.toFixed(0)}%`).join(' + ')}), ` +
            `load generator ${row.loadgenCpuPct.toFixed(0)}%, ${row.serverCpuUsPerStream.toFixed(1)} µs CPU/stream, ` +
            `${row.streamsPerServerCore.toFixed(0)} streams/s per server core, GOAWAYs ${row.goaways}, ` +
            `machine idle ${row.idlePct.toFixed(0)}%`,
        );
        if (OPEN)
          log(
            `  open load: ${row.offeredRate.toFixed(0)} streams/s offered, the fastest sustained of ${row.openSteps} steps`,
          );
        log(`  event loops (run / run-queue wait / asleep, wake-ups per stream): ${schedLine(row)}`);
        log(
          `  streams in flight per endpoint (mean; % of the window with none): ${row.endpoints
            .map((e) => `${e.meanInflight.toFixed(1)}; ${e.emptyPct.toFixed(1)}%`)
            .join(' | ')}; replies per load-generator read ${row.repliesPerRead?.toFixed(1)}`,
        );
      }
    }
    /** Per round, 2 processes ÷ 1 process of `kind`. */
    const perRound = (kind, key) => results[kind][2].map((row, i) => row[key] / results[kind][1][i][key]);
    const ratios = (kind) => ({
      streamsPerSec: median(perRound(kind, 'streamsPerSec')),
      streamsPerServerCore: median(perRound(kind, 'streamsPerServerCore')),
      serverCpuUsPerStream: median(perRound(kind, 'serverCpuUsPerStream')),
    });
    const floorRounds = FLOOR ? perRound('floor', 'streamsPerSec') : null;
    const summary = {
      node: process.version,
      cpus: CORES,
      loadAverage: os.loadavg(),
      pinned: PIN,
      pinnedServers: opts['pin-servers'],
      rounds: ROUNDS,
      seconds: SECONDS,
      load: opts.load,
      concurrency: CONCURRENCY,
      envoyWorkers: ENVOY_WORKERS,
      loadGenerator: binary === null ? 'raw' : 'native',
      coreScaling: cores,
      results,
      ratio2to1: ratios('attache'),
      floorRatio2to1: FLOOR ? ratios('floor') : null,
      // Per round, attache's 2/1 ÷ the floor's 2/1 (the same round's four windows); the median.
      ratio2to1OfFloor: FLOOR
        ? median(perRound('attache', 'streamsPerSec').map((a, i) => a / floorRounds[i]))
        : null,
    };
    if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    const line = (kind, n) => {
      const rows = results[kind][n];
      const pick = (k) => rows.map((r) => r[k]);
      return `| ${servers[kind][n].label} | ${median(pick('streamsPerSec')).toFixed(0)} (${range(pick('streamsPerSec'))}) | ${median(pick('serverCpuPct')).toFixed(0)}% | ${median(pick('loadgenCpuPct')).toFixed(0)}% | ${median(pick('serverCpuUsPerStream')).toFixed(1)} | ${median(pick('streamsPerServerCore')).toFixed(0)} | ${median(pick('p50Us')).toFixed(0)} / ${median(pick('p99Us')).toFixed(0)} |`;
    };
    const ratioLine = (label, r) =>
      `${label}: 2 processes / 1 process: streams/s ${r.streamsPerSec.toFixed(2)}x, ` +
      `streams/s per server core ${r.streamsPerServerCore.toFixed(2)}x, ` +
      `server CPU per stream ${r.serverCpuUsPerStream.toFixed(2)}x (medians of per-round ratios)`;
    const out = [
      '',
      '| server | streams/s (min-max) | servers CPU | load generator CPU | server CPU µs/stream | streams/s per server core | p50 / p99 µs |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...kinds.flatMap((kind) => [line(kind, 1), line(kind, 2)]),
      '',
      ratioLine('attache', summary.ratio2to1),
      ...(FLOOR
        ? [
            ratioLine('raw node:http2 (the floor)', summary.floorRatio2to1),
            `attache's 2/1 ÷ the floor's 2/1: ${summary.ratio2to1OfFloor.toFixed(2)} (median of per-round ratios)`,
          ]
        : []),
      '',
    ];
    log(out.join('\n'));
  } finally {
    await Promise.all([
      loadgen.stop(),
      ...kinds.flatMap((kind) => [servers[kind][1].stop(), servers[kind][2].stop()]),
    ]);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench: ${error?.stack ?? error}`);
  killAll();
  process.exit(1);
});
