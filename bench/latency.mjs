#!/usr/bin/env node
// Added latency of an attache processor behind a front proxy: the same HTTP load (autocannon)
// through the proxy without the processor and with it, in one run. See bench/README.md.
//
//   npm run build && node bench/latency.mjs
//
// Front proxies: `attache dev`'s development proxy (always), and Envoy when ENVOY_BIN is set.
// Cases: headers (a plugin sets a request header), body4k (a BUFFERED 4 KiB request body is
// replaced), immediate (a plugin answers 200/403 itself; the upstream is not called).
// Phases per case: max (closed loop, --connections clients) gives req/s and p50/p99 each side;
// fixed load (--load × the slower side's max, evenly spaced requests: lib/paced-load.mjs) gives
// the p50 comparison.
// For `attache dev` (both sides) each window also reports the CPU the whole dev process (every
// thread: proxy, simulated filter, gRPC server, plugins) spent per request, from /proc on Linux:
// on a shared machine it is steadier than req/s.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHistogram } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { children, killAll } from './lib/children.mjs';
import { numberOption, UsageError } from './lib/cli-options.mjs';
import { envoyBootstrap } from './lib/envoy-bootstrap.mjs';
import { REQUEST_BODY } from './lib/latency/bodies.mjs';
import { pacedLoad } from './lib/paced-load.mjs';
import { WARMUP_WINDOW_MS, warmedUp } from './lib/warmup.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
let CLI = here('../dist/src/cli/main.js');

const USAGE = `Usage: node bench/latency.mjs [options]     (after npm run build)

  --cases LIST          headers,body4k,immediate (default: all three)
  --proxies LIST        dev and/or envoy (default: dev, plus envoy when ENVOY_BIN is set)
  --transport T         attache's gRPC transport, http2, wire or grpc-js (default http2)
  --cli FILE            the attache CLI to run (default: this checkout's dist/src/cli/main.js;
                        the case plugins still import this checkout's attache-extproc)
  --connections N       autocannon connections (default 10)
  --seconds S           max-rate window per target (default 5)
  --load-seconds S      fixed-load window per target (default 5)
  --load F              fixed load as a fraction of the with-processor max req/s (default 0.2)
  --fixed-driver D      how the fixed load is sent: paced (default; evenly spaced requests, open
                        loop, lib/paced-load.mjs) or autocannon (its overallRate, which sends
                        each second's share back to back as the second starts: bench/README.md)
  --initial-warmup auto|S
                        before a target's first measurement: auto (default) loads it in 1 s
                        windows until its CPU per request (req/s where there is no process to
                        read) stops improving (lib/warmup.mjs, at least 3 and at most 10 windows);
                        S: one fixed window of S seconds (0: none)
  --warmup S            discarded warm-up per target before each later phase (default 1)
  --dev-flags LIST      extra flags for attache dev with the processor, comma-separated
                        (e.g. --server-thread; default none)
  --envoy-graceful-close
                        Envoy with ext_proc_graceful_grpc_close (default: Envoy's reset close)
  --json                print the result as JSON on stdout (progress goes to stderr)
  -h, --help`;

const CASES = {
  headers: { plugin: 'set-header.js', method: 'GET', body: null, processingMode: {} },
  body4k: {
    plugin: 'replace-body.js',
    method: 'POST',
    body: REQUEST_BODY,
    processingMode: { requestBodyMode: 'BUFFERED' },
  },
  immediate: { plugin: 'answer.js', method: 'GET', body: null, processingMode: {} },
};
const ENVOY_BODY_MODE = { BUFFERED: 'BUFFERED' };
/**
 * Where `attache dev` runs when pinning: both cores, so its V8 helper threads (GC, compiler) and,
 * with --server-thread, its gRPC server's thread can use the second one (the Node forwarder, one
 * thread, stays on 0).
 */
const DEV_CORES = '0,1';

function options() {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: 'headers,body4k,immediate' },
      proxies: { type: 'string' },
      transport: { type: 'string', default: 'http2' },
      cli: { type: 'string' },
      connections: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '5' },
      'load-seconds': { type: 'string', default: '5' },
      load: { type: 'string', default: '0.2' },
      'fixed-driver': { type: 'string', default: 'paced' },
      warmup: { type: 'string', default: '1' },
      'initial-warmup': { type: 'string', default: 'auto' },
      'dev-flags': { type: 'string', default: '' },
      'envoy-graceful-close': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const num = (name, min, max, integer) => numberOption(values, name, min, max, integer);
  const cases = values.cases.split(',').map((c) => c.trim());
  for (const c of cases) if (!(c in CASES)) throw new UsageError(`--cases: unknown case "${c}"`);
  const proxies = (values.proxies ?? (process.env.ENVOY_BIN ? 'dev,envoy' : 'dev'))
    .split(',')
    .map((p) => p.trim());
  for (const p of proxies)
    if (p !== 'dev' && p !== 'envoy') throw new UsageError(`--proxies: unknown "${p}"`);
  if (!['http2', 'wire', 'grpc-js'].includes(values.transport))
    throw new UsageError('--transport must be http2, wire or grpc-js');
  if (values.cli !== undefined) CLI = path.resolve(values.cli);
  if (!['paced', 'autocannon'].includes(values['fixed-driver']))
    throw new UsageError('--fixed-driver must be paced or autocannon');
  return {
    cases,
    proxies,
    transport: values.transport,
    connections: num('connections', 1, 1000, true),
    seconds: num('seconds', 0.2, 600, false),
    loadSeconds: num('load-seconds', 0.2, 600, false),
    load: num('load', 0.01, 1, false),
    fixedDriver: values['fixed-driver'],
    warmup: num('warmup', 0, 60, false),
    initialWarmup: values['initial-warmup'] === 'auto' ? 'auto' : num('initial-warmup', 0, 60, false),
    envoyGracefulClose: values['envoy-graceful-close'],
    devFlags: values['dev-flags']
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f !== ''),
    json: values.json,
  };
}

// ---------------------------------------------------------------------------------------------
// Processes

function canPin() {
  if (os.availableParallelism() < 2) return false;
  return spawnSync('taskset', ['-c', '1', 'true'], { stdio: 'ignore' }).status === 0;
}

/** Starts `argv` (pinned to `core` when `pin`), keeping the last 8 KB of its output for errors. */
function start(name, argv, { core, pin, ipc = false }) {
  const [cmd, ...args] = pin ? ['taskset', '-c', String(core), ...argv] : argv;
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])] });
  children.add(child);
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-8192);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => children.delete(child));
  return {
    name,
    child,
    exited,
    output: () => output.trim(),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGINT: attache dev and serve stop at once (SIGTERM would drain first), Envoy too.
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A bench child (bench/lib/child.mjs): resolves its port from the `ready` message. */
function startNodeChild(name, script, args, core, pin) {
  const proc = start(name, [process.execPath, script, ...args], { core, pin, ipc: true });
  const port = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name}: not ready within 15 s\n${proc.output()}`)),
      15_000,
    );
    proc.child.on('message', (m) => {
      if (m?.type === 'ready') {
        clearTimeout(timer);
        resolve(m.port);
      }
    });
    proc.exited.then(({ code }) => reject(new Error(`${name} exited (code ${code})\n${proc.output()}`)));
  });
  return { ...proc, port };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Waits until `check()` resolves true, the process exits (an error with its output) or 20 s pass. */
async function waitUntil(proc, what, check) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null)
      throw new Error(`${proc.name} exited before ${what}:\n${proc.output()}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${proc.name}: ${what} not within 20 s:\n${proc.output()}`);
}

const accepts = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Whether this build's `attache dev` has --bypass (forward without running the processor). */
function devHasBypass() {
  const help = spawnSync(process.execPath, [CLI, 'dev', '--help'], { encoding: 'utf8' });
  return /--bypass\b/.test(`${help.stdout}${help.stderr}`);
}

function writeConfig(dir, name, kase, transport, grpcPort) {
  const mode = Object.entries(CASES[kase].processingMode)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      `# Generated by bench/latency.mjs (case ${kase}).`,
      'grpc:',
      `  address: 127.0.0.1:${grpcPort}`,
      `  transport: ${transport}`,
      'log:',
      '  level: warn',
      ...(mode === '' ? [] : ['envoy:', `  processingMode: { ${mode} }`]),
      'plugins:',
      `  - use: ${JSON.stringify(here(`./lib/latency/${CASES[kase].plugin}`))}`,
      '',
    ].join('\n'),
  );
  return file;
}

// ---------------------------------------------------------------------------------------------
// Load

/**
 * CPU µs (user + system, all threads) process `pid` has used so far, from /proc on Linux (clock
 * ticks of 10 ms, the kernel's USER_HZ on every Linux Node supports); null elsewhere.
 */
function processCpuMicros(pid, thread = false) {
  if (pid === undefined || os.platform() !== 'linux') return null;
  try {
    // The name field may hold spaces and parentheses: the fields after its last ')' are fixed.
    const stat = readFileSync(thread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

/**
 * Starts reading process `pid`'s CPU; the function returned gives what it spent since, per
 * request of `requests`, in all its threads and in its main thread (nulls without /proc or pid).
 */
function cpuMeter(pid) {
  const cpuBefore = processCpuMicros(pid);
  const mainBefore = processCpuMicros(pid, true);
  return (requests) => {
    const perRequest = (before, after) =>
      before === null || after === null || requests === 0 ? null : (after - before) / requests;
    return {
      cpuUsPerRequest: perRequest(cpuBefore, processCpuMicros(pid)),
      mainThreadCpuUsPerRequest: perRequest(mainBefore, processCpuMicros(pid, true)),
    };
  };
}

/**
 * One autocannon run against `url`. autocannon's own histogram holds whole milliseconds, so each
 * 2xx response time (a float in ms) also goes into a µs histogram here. With `pid`, also the CPU
 * that process spent per request meanwhile (`cpuUsPerRequest`; null where /proc is missing), and
 * its main thread's share (`mainThreadCpuUsPerRequest`: attache dev's proxy and, unless
 * --server-thread, its gRPC server; the rest is V8's helper threads and any server thread).
 */
function load(url, kase, opts, { seconds, rate, pid }) {
  if (rate !== undefined && opts.fixedDriver === 'paced')
    return paced(url, kase, opts, { seconds, rate, pid });
  const hist = createHistogram();
  const cpu = cpuMeter(pid);
  const { method, body } = CASES[kase];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method,
        connections: opts.connections,
        duration: seconds,
        ...(body === null ? {} : { body, headers: { 'content-type': 'application/json' } }),
        ...(rate === undefined ? {} : { overallRate: Math.max(1, Math.round(rate)) }),
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const ok = hist.count;
        resolve({
          ...cpu(result.requests.total),
          requests: result.requests.total,
          rps: result.requests.total / (result.duration || seconds),
          ok,
          p50Us: ok === 0 ? null : hist.percentile(50),
          p99Us: ok === 0 ? null : hist.percentile(99),
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) hist.record(Math.max(1, Math.round(ms * 1000)));
    });
  });
}

/** {@link load}'s fixed-rate window sent by lib/paced-load.mjs: the same result, plus `lateP99Us`. */
async function paced(url, kase, opts, { seconds, rate, pid }) {
  const { method, body } = CASES[kase];
  const cpu = cpuMeter(pid);
  const r = await pacedLoad({
    url,
    rate,
    seconds,
    connections: opts.connections,
    method,
    body,
    headers: body === null ? {} : { 'content-type': 'application/json' },
  });
  return {
    ...cpu(r.requests),
    requests: r.requests,
    rps: r.rps,
    ok: r.ok,
    p50Us: r.p50Us,
    p99Us: r.p99Us,
    errors: r.errors,
    non2xx: r.non2xx,
    lateP99Us: r.lateP99Us,
  };
}

/** One request through `url`; checks that the processor's decision (or its absence) arrived. */
async function probe(target, kase) {
  const { method, body } = CASES[kase];
  const send = async () => {
    const r = await fetch(`${target.url}/`, {
      method,
      ...(body === null ? {} : { body, headers: { 'content-type': 'application/json' } }),
    });
    return { res: r, text: await r.text() };
  };
  // A cold process (plugin import, JIT) can miss Envoy's 200 ms message_timeout on its very first
  // request, which the simulated filter answers with 504 as Envoy would: retry that, a few times.
  let { res, text } = await send();
  for (let i = 0; i < 5 && res.status === 504; i++) ({ res, text } = await send());
  const saw = res.headers.get('x-upstream-saw');
  const processed = target.side === 'with';
  const expected =
    kase === 'immediate' && processed
      ? { status: 200, answeredBy: 'attache', saw: null }
      : {
          status: 200,
          answeredBy: null,
          saw:
            kase === 'headers'
              ? `${processed ? 'headers' : '-'};0;none`
              : kase === 'body4k'
                ? `-;${body.length};${processed ? 'replaced' : 'original'}`
                : '-;0;none',
        };
  const got = { status: res.status, answeredBy: res.headers.get('x-answered-by'), saw };
  if (JSON.stringify(got) !== JSON.stringify(expected))
    throw new Error(
      `probe ${kase} through ${target.label}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}` +
        ` (body ${JSON.stringify(text.slice(0, 200))})`,
    );
  if (kase === 'immediate' && processed) {
    const denied = await fetch(`${target.url}/admin`);
    await denied.text();
    if (denied.status !== 403)
      throw new Error(`probe immediate /admin through ${target.label}: ${denied.status}`);
  }
}

// ---------------------------------------------------------------------------------------------

/** Starts the front proxies of one case; returns the targets (without/with per proxy, plus direct). */
async function startCase(kase, opts, ctx) {
  const { dir, pin, upstreamPort, bypass } = ctx;
  const procs = [];
  const targets = [
    { proxy: 'none', side: 'direct', label: 'upstream direct', url: `http://127.0.0.1:${upstreamPort}` },
  ];
  const upstream = `http://127.0.0.1:${upstreamPort}`;
  const bodyFlag = CASES[kase].processingMode.requestBodyMode ? ['--request-body-mode', 'buffered'] : [];
  if (opts.proxies.includes('dev')) {
    for (const side of ['without', 'with']) {
      if (side === 'without' && !bypass) {
        const fwd = startNodeChild(
          'node forwarder',
          here('./lib/http-forward.mjs'),
          [String(upstreamPort)],
          0,
          pin,
        );
        procs.push(fwd);
        targets.push({
          proxy: 'dev',
          side,
          label: 'node forwarder',
          url: `http://127.0.0.1:${await fwd.port}`,
        });
        continue;
      }
      const port = await freePort();
      const config = writeConfig(dir, `${kase}-dev-${side}`, kase, opts.transport, 0);
      const proc = start(
        `attache dev${side === 'without' ? ' --bypass' : ''}`,
        [
          process.execPath,
          CLI,
          'dev',
          '--config',
          config,
          '--upstream',
          upstream,
          '--listen',
          `127.0.0.1:${port}`,
          ...bodyFlag,
          ...(side === 'without' ? ['--bypass'] : opts.devFlags),
        ],
        // Both cores: see DEV_CORES.
        { core: DEV_CORES, pin },
      );
      procs.push(proc);
      await waitUntil(proc, 'listening', () => accepts(port));
      targets.push({
        proxy: 'dev',
        side,
        label: side === 'with' ? ['attache dev', ...opts.devFlags].join(' ') : 'attache dev --bypass',
        url: `http://127.0.0.1:${port}`,
        pid: proc.child.pid,
      });
    }
  }
  if (opts.proxies.includes('envoy')) {
    const [grpcPort, adminPort, withPort, withoutPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const config = writeConfig(dir, `${kase}-envoy`, kase, opts.transport, grpcPort);
    const serve = start('attache serve', [process.execPath, CLI, 'serve', '--config', config], {
      core: 0,
      pin,
    });
    procs.push(serve);
    await waitUntil(serve, 'listening', () => accepts(grpcPort));
    const bodyMode = CASES[kase].processingMode.requestBodyMode;
    const bootstrap = envoyBootstrap({
      adminPort,
      withPort,
      withoutPort,
      upstreamPort,
      processorPort: grpcPort,
      processingMode: bodyMode ? { request_body_mode: ENVOY_BODY_MODE[bodyMode] } : {},
      gracefulClose: opts.envoyGracefulClose,
    });
    const file = path.join(dir, `${kase}-envoy.json`);
    writeFileSync(file, JSON.stringify(bootstrap, null, 2));
    const envoy = start(
      'envoy',
      [
        process.env.ENVOY_BIN,
        '-c',
        file,
        '--concurrency',
        '1',
        '--log-level',
        'warn',
        '--base-id',
        String(adminPort),
      ],
      { core: 0, pin },
    );
    procs.push(envoy);
    await waitUntil(envoy, 'ready', async () => (await fetch(`http://127.0.0.1:${adminPort}/ready`)).ok);
    targets.push(
      {
        proxy: 'envoy',
        side: 'without',
        label: 'envoy, no ext_proc',
        url: `http://127.0.0.1:${withoutPort}`,
      },
      { proxy: 'envoy', side: 'with', label: 'envoy + ext_proc', url: `http://127.0.0.1:${withPort}` },
    );
  }
  return { targets, procs };
}

/**
 * A target's first load, before its max-rate window. A fresh `attache dev` needs several seconds
 * of load before V8 has compiled its hot paths (its CPU per request fell from ~330 to ~170 µs
 * between a 1 s and an 8 s warm-up on Node 24): `auto` runs 1 s windows until the cost per
 * request stops improving, as bench/streams.mjs does for its servers. The cost is the target's
 * CPU per request where there is a process to read, else the inverse of its req/s. Returns the
 * costs of the windows (logged, and kept in the JSON).
 */
async function initialWarmup(t, kase, opts, log) {
  if (opts.initialWarmup !== 'auto') {
    if (opts.initialWarmup > 0) await load(t.url, kase, opts, { seconds: opts.initialWarmup });
    return null;
  }
  const costs = [];
  do {
    const r = await load(t.url, kase, opts, { seconds: WARMUP_WINDOW_MS / 1000, pid: t.pid });
    costs.push(r.cpuUsPerRequest ?? (r.rps > 0 ? 1e6 / r.rps : null));
  } while (!warmedUp(costs));
  const what = t.pid === undefined ? 'µs per request of wall time' : 'CPU µs/req';
  log(
    `${kase.padEnd(9)} ${t.label.padEnd(20)} warm-up ${costs.length} windows, ${what} ${costs.map(int).join(' ')}`,
  );
  return { windows: costs.length, costs };
}

async function runCase(kase, opts, ctx, log) {
  const { targets, procs } = await startCase(kase, opts, ctx);
  try {
    for (const t of targets) await probe(t, kase);
    log(`${kase}: probe ok through ${targets.map((t) => t.label).join(', ')}`);
    const warm = async (t, rate) => {
      if (opts.warmup > 0) await load(t.url, kase, opts, { seconds: opts.warmup, rate });
    };
    // Max rate, closed loop: each target in turn, after its initial warm-up.
    for (const t of targets) {
      t.warmup = await initialWarmup(t, kase, opts, log);
      t.max = await load(t.url, kase, opts, { seconds: opts.seconds, pid: t.pid });
      log(line(kase, t, 'max', t.max));
    }
    // Fixed load: the same offered rate on both sides of a proxy, a fraction of the slower one's max.
    for (const proxy of new Set(targets.map((t) => t.proxy))) {
      if (proxy === 'none') continue;
      const pair = targets.filter((t) => t.proxy === proxy);
      const rate = opts.load * Math.min(...pair.map((t) => t.max.rps));
      for (const t of [...pair, ...(proxy === 'dev' ? targets.filter((x) => x.side === 'direct') : [])]) {
        await warm(t, rate);
        const fixed = await load(t.url, kase, opts, { seconds: opts.loadSeconds, rate, pid: t.pid });
        if (t.side === 'direct') t.fixedByProxy = { ...t.fixedByProxy, [proxy]: { rate, ...fixed } };
        else t.fixed = { rate, ...fixed };
        log(line(kase, t, `${Math.round(rate)}/s`, fixed));
      }
    }
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
  return summarizeCase(kase, targets);
}

function summarizeCase(kase, targets) {
  const rows = [];
  const direct = targets.find((t) => t.side === 'direct');
  for (const proxy of new Set(targets.map((t) => t.proxy))) {
    if (proxy === 'none') continue;
    const without = targets.find((t) => t.proxy === proxy && t.side === 'without');
    const withP = targets.find((t) => t.proxy === proxy && t.side === 'with');
    const directFixed = direct.fixedByProxy?.[proxy] ?? null;
    const diff = (a, b) => (a === null || b === null ? null : a - b);
    rows.push({
      case: kase,
      proxy,
      withoutLabel: without.label,
      withLabel: withP.label,
      warmup: { without: without.warmup ?? null, with: withP.warmup ?? null },
      max: { without: without.max, with: withP.max, direct: direct.max },
      fixed: { rate: withP.fixed.rate, without: without.fixed, with: withP.fixed, direct: directFixed },
      addedP50Us: diff(withP.fixed.p50Us, without.fixed.p50Us),
      addedP99Us: diff(withP.fixed.p99Us, without.fixed.p99Us),
      addedP50UsAtMax: diff(withP.max.p50Us, without.max.p50Us),
      proxyOwnP50Us: directFixed === null ? null : diff(without.fixed.p50Us, directFixed.p50Us),
      failures:
        withP.max.errors +
        withP.max.non2xx +
        withP.fixed.errors +
        withP.fixed.non2xx +
        without.max.errors +
        without.max.non2xx,
    });
  }
  return rows;
}

const int = (x) => (x === null || x === undefined ? '-' : Math.round(x).toLocaleString('en-US'));

function line(kase, t, phase, r) {
  return (
    `${kase.padEnd(9)} ${t.label.padEnd(20)} ${phase.padStart(8)}  ${int(r.rps).padStart(7)} req/s` +
    `  p50 ${int(r.p50Us).padStart(7)} µs  p99 ${int(r.p99Us).padStart(7)} µs` +
    (r.cpuUsPerRequest == null
      ? ''
      : `  CPU ${int(r.cpuUsPerRequest).padStart(5)} µs/req (main thread ${int(r.mainThreadCpuUsPerRequest)})`) +
    (r.errors || r.non2xx ? `  errors ${r.errors} non-2xx ${r.non2xx}` : '') +
    // The paced driver's own lateness: past a millisecond the load generator, not the target, set the pace.
    (r.lateP99Us > 1000 ? `  (sends late by up to ${int(r.lateP99Us)} µs at p99)` : '')
  );
}

/** The result rows as a plain-text table (one row per case and proxy). */
export function latencyTable(rows) {
  const head = [
    'case',
    'proxy',
    'req/s max without',
    'req/s max with',
    'fixed req/s',
    'p50 without',
    'p50 with',
    'added p50 µs',
    'p99 without',
    'p99 with',
    'proxy own p50 µs',
    'CPU µs/req without',
    'CPU µs/req with',
  ];
  const body = rows.map((r) => [
    r.case,
    r.proxy,
    int(r.max.without.rps),
    int(r.max.with.rps),
    int(r.fixed.rate),
    int(r.fixed.without.p50Us),
    int(r.fixed.with.p50Us),
    int(r.addedP50Us),
    int(r.fixed.without.p99Us),
    int(r.fixed.with.p99Us),
    int(r.proxyOwnP50Us),
    int(r.max.without.cpuUsPerRequest),
    int(r.max.with.cpuUsPerRequest),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  return [head, ...body].map((cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n');
}

/** Runs every case; returns `{ meta, rows, bypass, envoy }`. Progress lines go to `log`. */
export async function runLatency(opts, log = (l) => console.error(l)) {
  if (!existsSync(CLI)) throw new UsageError('dist/ is missing. Build first: npm run build');
  const pin = canPin();
  if (pin) spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const envoy = opts.proxies.includes('envoy');
  if (envoy && !process.env.ENVOY_BIN) throw new UsageError('--proxies envoy needs ENVOY_BIN');
  if (!envoy)
    log(
      'latency: ENVOY_BIN is not set, so the Envoy front-proxy rows are skipped (set it to an Envoy binary to run them)',
    );
  const bypass = devHasBypass();
  if (opts.proxies.includes('dev') && !bypass)
    log(
      'latency: this build of attache dev has no --bypass; the "without" side is a plain node:http forwarder',
    );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attache-latency-'));
  const upstream = startNodeChild('upstream', here('./lib/http-upstream.mjs'), [], 1, pin);
  try {
    const ctx = { dir, pin, upstreamPort: await upstream.port, bypass };
    const rows = [];
    for (const kase of opts.cases) rows.push(...(await runCase(kase, opts, ctx, log)));
    return {
      meta: {
        date: new Date().toISOString(),
        node: process.version,
        nproc: os.availableParallelism(),
        pinned: pin
          ? `Envoy and attache serve on core 0, attache dev on cores ${DEV_CORES}, the load generator (autocannon, the paced driver) and upstream on core 1`
          : 'not pinned',
        options: { ...opts, json: undefined },
        bypass,
        envoy: envoy ? process.env.ENVOY_BIN : null,
      },
      rows,
    };
  } finally {
    await upstream.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const opts = options();
  const result = await runLatency(opts);
  if (opts.json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(
      `\nAdded latency, node ${result.meta.node}, ${opts.connections} connections; fixed load = ${opts.load} × the slower side's max; µs` +
        "; CPU µs/req: the whole attache dev process's at max rate",
    );
    console.log(latencyTable(result.rows));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`latency: ${error instanceof UsageError ? error.message : (error?.stack ?? error)}`);
    if (error instanceof UsageError) console.error(`\n${USAGE}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
    killAll();
  });
}
