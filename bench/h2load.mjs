#!/usr/bin/env node
// Per-stream cost of attache's transports measured with nghttp2's h2load, the load generator of
// issue 10's first table: one gRPC stream per request, as Envoy opens them. A cross-check of
// bench/streams.mjs with a client that is not ours. See bench/README.md, "h2load cross-check".
//
//   npm run build && node bench/h2load.mjs
//
// Each server runs in its own child process pinned to core 0, h2load is pinned to core 1; one
// server under load at a time, in rounds whose order rotates (ABCDE, BCDEA, ...), after a
// warm-up. h2load ends every stream with END_STREAM and waits for the trailers: it never sends
// RST_STREAM, as Envoy does after each reply, so this is the graceful close's cost only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { children, killAll, pinnedTo, startReadyChild } from './lib/children.mjs';
import { numberOption, UsageError } from './lib/cli-options.mjs';
import { buildGoServer, GO_SERVER_LABEL, goServerUnavailable } from './lib/go-extproc.mjs';
import { median } from './lib/median.mjs';
import { probe } from './lib/probe.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const USAGE = `Usage: node bench/h2load.mjs [options]     (after npm run build; needs h2load, apt-get install nghttp2-client)

  --scenario headers|body4k  message per stream (default headers)
  --servers LIST             comma-separated, in this order by default:
                             raw       raw node:http2 with hand-rolled gRPC framing (the floor)
                             http2     attache, http2 transport
                             wire      attache, wire transport
                             grpcjs    bare @grpc/grpc-js
                             attache-grpcjs  attache, grpc-js transport
                             go        the Go baseline: grpc-go with protoc-gen-go types
                                       (bench/go/extproc-server; skipped, with the reason,
                                       when Go, grpc-go's sources or protoc are missing)
  --baseline-dist DIR        also run each attache server of --servers on the attache built in DIR
                             (another checkout's dist/), labelled @base, in the same rounds
  --rounds N                 interleaved rounds, order rotated (default 5)
  --seconds S                measured seconds per block (h2load -D; default 2)
  --requests N               measure N streams per block instead (h2load -n)
  --warmup S                 warm-up seconds before each block (default 0.5)
  --initial-warmup S         each server's first warm-up, discarded (default 2)
  --concurrency N            streams in flight per connection (h2load -m; default 64)
  --connections N            HTTP/2 connections (h2load -c; default 2)
  --json                     print the summary as JSON on stdout (progress goes to stderr)
  -h, --help`;

const SERVERS = {
  raw: { label: 'raw node:http2', script: './lib/server-h2raw.mjs', args: [] },
  http2: { label: 'attache http2', script: './lib/server-attache.mjs', args: ['--transport', 'http2'] },
  wire: { label: 'attache wire', script: './lib/server-attache.mjs', args: ['--transport', 'wire'] },
  grpcjs: { label: 'bare grpc-js', script: './lib/server-grpcjs.mjs', args: [] },
  'attache-grpcjs': {
    label: 'attache grpc-js',
    script: './lib/server-attache.mjs',
    args: ['--transport', 'grpc-js'],
  },
  // The wrapper reports the Go process's pid: its CPU is what the blocks measure.
  go: { label: GO_SERVER_LABEL, script: './lib/server-go.mjs', args: [], go: true },
};
const SCENARIOS = ['headers', 'body4k'];
/** A server below this share of its core was not saturated: its streams/s understates it. */
const SATURATED_PCT = 85;

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        scenario: { type: 'string', default: 'headers' },
        servers: { type: 'string', default: Object.keys(SERVERS).join(',') },
        'baseline-dist': { type: 'string' },
        rounds: { type: 'string', default: '5' },
        seconds: { type: 'string', default: '2' },
        requests: { type: 'string' },
        warmup: { type: 'string', default: '0.5' },
        'initial-warmup': { type: 'string', default: '2' },
        concurrency: { type: 'string', default: '64' },
        connections: { type: 'string', default: '2' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const num = (name, min, max, integer) => numberOption(values, name, min, max, integer);
  if (!SCENARIOS.includes(values.scenario))
    throw new UsageError(`--scenario must be one of ${SCENARIOS.join(', ')}`);
  const keys = values.servers.split(',').map((s) => s.trim());
  const unknown = keys.find((k) => !(k in SERVERS));
  if (unknown !== undefined || keys.length === 0)
    throw new UsageError(`--servers takes names from ${Object.keys(SERVERS).join(', ')}`);
  let baselineDist;
  if (values['baseline-dist'] !== undefined) {
    baselineDist = path.resolve(values['baseline-dist']);
    if (!existsSync(path.join(baselineDist, 'src/index.js')))
      throw new UsageError(
        `--baseline-dist: ${baselineDist}/src/index.js not found (build that checkout first)`,
      );
  }
  return {
    scenario: values.scenario,
    keys,
    baselineDist,
    rounds: num('rounds', 1, 100, true),
    seconds: num('seconds', 0.2, 120, false),
    requests: values.requests === undefined ? undefined : num('requests', 1, 100_000_000, true),
    warmup: num('warmup', 0, 30, false),
    initialWarmup: num('initial-warmup', 0, 60, false),
    concurrency: num('concurrency', 1, 4096, true),
    connections: num('connections', 1, 64, true),
    json: values.json,
  };
}

// ---------------------------------------------------------------------------------------------
// Processes

const found = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const canPin = () => os.availableParallelism() >= 2 && found('taskset', ['-c', '1', 'true']);

/** Starts a bench server child (lib/child.mjs lifecycle); resolves with its port and pid. */
function startServer(name, script, args, pin) {
  const [command, argv] = pinnedTo(pin ? 0 : undefined, process.execPath, [here(script), ...args]);
  return startReadyChild(name, command, argv);
}

function clockTicks() {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const v = Number(out.stdout?.trim());
  return out.status === 0 && Number.isInteger(v) && v > 0 ? v : 100;
}

/** CPU ticks of process `pid`, all its threads (utime + stime, /proc/<pid>/stat fields 14-15). */
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Busy and total jiffies of CPU `core` (/proc/stat), or null when it cannot be read. */
function coreJiffies(core) {
  try {
    const line = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`cpu${core} `));
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - v[3] - v[4], total }; // idle and iowait are not busy
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// h2load

/** Runs h2load (pinned to core 1) with GNU time around it for its own CPU; resolves with its summary. */
function h2load(ctx, port, load) {
  const args = [
    '-H',
    'content-type: application/grpc',
    '-H',
    'te: trailers',
    '-d',
    ctx.dataFile,
    '-c',
    String(ctx.opts.connections),
    '-m',
    String(ctx.opts.concurrency),
    ...load,
    `http://127.0.0.1:${port}${ctx.path}`,
  ];
  const timed = ctx.gnuTime
    ? ['/usr/bin/time', ['-f', 'h2load-cpu %U %S', 'h2load', ...args]]
    : ['h2load', args];
  const [command, argv] = pinnedTo(ctx.pin ? 1 : undefined, timed[0], timed[1]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) => {
      children.delete(child);
      const requests =
        /requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout/.exec(
          output,
        );
      const traffic = /traffic: .*, \S+ \((\d+)\) data/.exec(output);
      const finished = /finished in ([\d.]+)(ms|s),/.exec(output);
      if (code !== 0 || requests === null || traffic === null || finished === null) {
        reject(new Error(`h2load failed (exit ${code}):\n${output}`));
        return;
      }
      const cpu = /h2load-cpu ([\d.]+) ([\d.]+)/.exec(output);
      const [, , started, done, succeeded, failed, errored, timeout] = requests.map(Number);
      resolve({
        started,
        done,
        succeeded,
        failed,
        errored,
        timeout,
        dataBytes: Number(traffic[1]),
        seconds: Number(finished[1]) / (finished[2] === 'ms' ? 1000 : 1),
        clientCpuS: cpu === null ? null : Number(cpu[1]) + Number(cpu[2]),
      });
    });
  });
}

/** One measured block on `server`: h2load's figures with the server's CPU over the same window. */
async function block(ctx, server, load) {
  const before = cpuTicks(server.pid);
  const cores = [coreJiffies(0), coreJiffies(1)];
  const started = process.hrtime.bigint();
  const r = await h2load(ctx, server.port, load);
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuS = (cpuTicks(server.pid) - before) / ctx.ticks;
  const coresAfter = [coreJiffies(0), coreJiffies(1)];
  /** Busy time on `core` not charged to `ownS` seconds of its pinned process, % of the core. */
  const others = (core, ownS) => {
    const [a, b] = [cores[core], coresAfter[core]];
    if (!ctx.pin || a === null || b === null || ownS === null) return null;
    return Math.max(0, ((b.busy - a.busy) / (b.total - a.total)) * 100 - (ownS / wallS) * 100);
  };
  const problems = [];
  if (r.failed + r.errored + r.timeout > 0)
    problems.push(`${r.failed} failed, ${r.errored} errored, ${r.timeout} timed out`);
  // Every stream that succeeded got the whole reply frame (a duration run may add part of the
  // replies in flight at its end).
  if (r.dataBytes < r.succeeded * ctx.replyFrameBytes)
    problems.push(`${r.dataBytes} reply bytes for ${r.succeeded} streams of ${ctx.replyFrameBytes}`);
  if (problems.length > 0) throw new Error(`${server.label}: ${problems.join('; ')}`);
  return {
    rate: r.succeeded / r.seconds,
    streams: r.succeeded,
    cpuUsPerStream: (cpuS * 1e6) / r.succeeded,
    // Over h2load's own clock: the process start and exit around it cost the server nothing. Its
    // connection setup and last replies fall outside that clock, so this can pass 100% a little.
    serverCpuPct: (cpuS / r.seconds) * 100,
    clientCpuPct: r.clientCpuS === null ? null : (r.clientCpuS / r.seconds) * 100,
    // The rest of each core's busy time over the block (spawn to exit): other processes, and the
    // kernel's network work for the loopback traffic that lands outside the pinned process.
    othersOnCore0Pct: others(0, cpuS),
    othersOnCore1Pct: others(1, r.clientCpuS),
  };
}

// ---------------------------------------------------------------------------------------------
// Summary

function spread(values) {
  const v = values.filter((x) => x !== null && Number.isFinite(x));
  return v.length === 0
    ? { median: null, min: null, max: null }
    : { median: median(v), min: Math.min(...v), max: Math.max(...v) };
}
const int = (x) => (x === null ? '-' : Math.round(x).toLocaleString('en-US'));
const fix = (x, d) => (x === null ? '-' : x.toFixed(d));
const range = (x, f) => `${f(x.median)} (${f(x.min)}–${f(x.max)})`;

function summarize(rounds, entries) {
  const floor = entries.find((e) => e.key === 'raw');
  const go = entries.find((e) => e.key === 'go');
  return entries.map((e) => {
    const col = (field) => rounds.map((r) => r[e.id][field]);
    return {
      id: e.id,
      label: e.label,
      streamsPerSec: spread(col('rate')),
      cpuUsPerStream: spread(col('cpuUsPerStream')),
      serverCpuPct: spread(col('serverCpuPct')),
      clientCpuPct: spread(col('clientCpuPct')),
      othersOnCore0Pct: spread(col('othersOnCore0Pct')),
      othersOnCore1Pct: spread(col('othersOnCore1Pct')),
      // Per round, then the median: both servers of a ratio saw the same minutes of the machine.
      rateOverFloor: floor === undefined ? null : spread(rounds.map((r) => r[e.id].rate / r[floor.id].rate)),
      cpuOverFloor:
        floor === undefined
          ? null
          : spread(rounds.map((r) => r[e.id].cpuUsPerStream / r[floor.id].cpuUsPerStream)),
      rateOverGo: go === undefined ? null : spread(rounds.map((r) => r[e.id].rate / r[go.id].rate)),
      cpuOverGo:
        go === undefined ? null : spread(rounds.map((r) => r[e.id].cpuUsPerStream / r[go.id].cpuUsPerStream)),
    };
  });
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = options();
  const log = (line = '') => console.error(line);
  const out = opts.json ? log : (line = '') => console.log(line);
  if (!found('h2load', ['--version'])) {
    log('bench/h2load.mjs: h2load not found (apt-get install nghttp2-client); skipped');
    return;
  }
  if (!existsSync(here('../dist/src/index.js'))) {
    log('bench/h2load.mjs: dist/ is missing. Build first:\n\n  npm run build && node bench/h2load.mjs\n');
    process.exit(1);
  }
  const messages = await import('./lib/messages.mjs');
  const request = messages.grpcFrame(messages.requestBytes(opts.scenario));
  const reply = messages.grpcFrame(messages.replyBytes(opts.scenario));

  let entries = opts.keys.map((key) => ({ id: key, key, ...SERVERS[key], extra: [] }));
  const goEntry = entries.find((e) => e.go);
  if (goEntry !== undefined) {
    const why = goServerUnavailable();
    if (why !== null) {
      log(`${goEntry.label}: skipped, ${why}`);
      entries = entries.filter((e) => e !== goEntry);
      if (entries.length === 0) return;
    } else {
      const started = Date.now();
      goEntry.extra = ['--binary', await buildGoServer()];
      log(
        `${goEntry.label}: built in ${((Date.now() - started) / 1000).toFixed(1)} s (cached after the first run)`,
      );
    }
  }
  if (opts.baselineDist !== undefined) {
    for (const e of [...entries]) {
      if (e.script !== './lib/server-attache.mjs') continue;
      entries.push({
        ...e,
        id: `${e.key}@base`,
        label: `${e.label}@base`,
        extra: ['--dist', opts.baselineDist],
      });
    }
  }
  const pin = canPin();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'attache-h2load-'));
  const dataFile = path.join(dir, 'request.bin');
  await writeFile(dataFile, request);
  const ctx = {
    opts,
    pin,
    ticks: clockTicks(),
    dataFile,
    path: messages.PROCESS_PATH,
    replyFrameBytes: reply.length,
    gnuTime: existsSync('/usr/bin/time') && found('/usr/bin/time', ['-f', '', 'true']),
  };
  const version = /nghttp2\/[\d.]+/.exec(
    spawnSync('h2load', ['--version'], { encoding: 'utf8' }).stdout,
  )?.[0];
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    h2load: version ?? 'unknown',
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    loadAverageBefore: os.loadavg(),
    pinned: pin ? 'servers on core 0, h2load on core 1 (taskset)' : 'not pinned',
    scenario: opts.scenario,
    requestBytes: request.length,
    replyBytes: reply.length,
    options: { ...opts, json: undefined },
  };
  const measure = opts.requests === undefined ? `${opts.seconds} s` : `${int(opts.requests)} streams`;
  log(
    `h2load cross-check, scenario ${opts.scenario}: request frame ${request.length} B, reply frame ${reply.length} B`,
  );
  log(`node ${meta.node}, ${meta.h2load}, ${meta.nproc} CPUs (${meta.cpuModel}), ${meta.pinned}`);
  if (!pin) log('warning: taskset unavailable or fewer than 2 CPUs; processes are not pinned');
  log(
    `${opts.rounds} rounds x ${entries.length} blocks of ${opts.warmup} s warm-up + ${measure}, ` +
      `${opts.connections} connections x ${opts.concurrency} streams in flight (h2load -c ${opts.connections} -m ${opts.concurrency})`,
  );
  log(`load average ${meta.loadAverageBefore.map((x) => x.toFixed(2)).join(' ')}`);
  log();

  const servers = {};
  try {
    for (const e of entries) {
      servers[e.id] = await startServer(e.label, e.script, [opts.scenario, ...e.args, ...e.extra], pin);
      servers[e.id].label = e.label;
    }
    for (const e of entries) {
      const problem = await probe(servers[e.id].port, ctx.path, request, reply);
      if (problem !== null) throw new Error(`${e.label} failed the probe: ${problem}`);
    }
    log(`probe: every server returns the expected ${reply.length}-byte reply frame and grpc-status 0`);

    // h2load's durations take a unit (a bare number must be whole seconds).
    const seconds = (s) => ['-D', `${Math.round(s * 1000)}ms`];
    for (const e of entries) {
      if (opts.initialWarmup > 0) await h2load(ctx, servers[e.id].port, seconds(opts.initialWarmup));
    }
    const load = opts.requests === undefined ? seconds(opts.seconds) : ['-n', String(opts.requests)];
    const rounds = [];
    for (let r = 0; r < opts.rounds; r++) {
      const results = {};
      for (let i = 0; i < entries.length; i++) {
        const e = entries[(i + r) % entries.length];
        if (opts.warmup > 0) await h2load(ctx, servers[e.id].port, seconds(opts.warmup));
        const x = await block(ctx, servers[e.id], load);
        results[e.id] = x;
        log(
          `round ${r + 1}  ${e.label.padEnd(22)} ${int(x.rate).padStart(8)} streams/s  ` +
            `server ${fix(x.cpuUsPerStream, 1).padStart(6)} µs CPU/stream (${fix(x.serverCpuPct, 0).padStart(3)}% of a core)` +
            `  h2load ${x.clientCpuPct === null ? '-' : `${fix(x.clientCpuPct, 0)}%`}` +
            (x.othersOnCore0Pct === null ? '' : `  others on core 0 ${fix(x.othersOnCore0Pct, 0)}%`) +
            (x.othersOnCore1Pct === null ? '' : `, core 1 ${fix(x.othersOnCore1Pct, 0)}%`),
        );
      }
      rounds.push(results);
      log();
    }
    meta.loadAverageAfter = os.loadavg();
    const summary = summarize(rounds, entries);
    if (opts.json) {
      console.log(JSON.stringify({ meta, rounds, summary }, null, 2));
      return;
    }
    out(`Summary: scenario ${opts.scenario}, ${opts.rounds} rounds, median (min–max) across rounds`);
    out(`${meta.date}, node ${meta.node}, ${meta.h2load}, ${meta.pinned}`);
    out(
      `h2load -c ${opts.connections} -m ${opts.concurrency}, ${measure} per block; load average before ` +
        `${meta.loadAverageBefore.map((x) => x.toFixed(2)).join(' ')}, after ${meta.loadAverageAfter.map((x) => x.toFixed(2)).join(' ')}`,
    );
    out();
    out(
      `${'server'.padEnd(22)} ${'streams/s'.padStart(26)} ${'÷ raw'.padStart(20)} ${'CPU µs/stream'.padStart(20)} ${'CPU ÷ raw'.padStart(20)} ${'srv CPU'.padStart(8)} ${'h2load'.padStart(7)} ${'others c0/c1'.padStart(13)}`,
    );
    for (const s of summary) {
      out(
        `${s.label.padEnd(22)} ${range(s.streamsPerSec, int).padStart(26)} ` +
          `${(s.rateOverFloor === null ? '-' : range(s.rateOverFloor, (v) => fix(v, 2))).padStart(20)} ` +
          `${range(s.cpuUsPerStream, (v) => fix(v, 1)).padStart(20)} ` +
          `${(s.cpuOverFloor === null ? '-' : range(s.cpuOverFloor, (v) => fix(v, 2))).padStart(20)} ` +
          `${`${fix(s.serverCpuPct.median, 0)}%`.padStart(8)} ${(s.clientCpuPct.median === null ? '-' : `${fix(s.clientCpuPct.median, 0)}%`).padStart(7)} ` +
          `${`${fix(s.othersOnCore0Pct.median, 0)}%/${fix(s.othersOnCore1Pct.median, 0)}%`.padStart(13)}`,
      );
    }
    if (summary.some((s) => s.rateOverGo !== null)) {
      out();
      out(
        `${'against the Go baseline'.padEnd(22)} ${'streams/s ÷ go'.padStart(26)} ${'CPU ÷ go'.padStart(20)}`,
      );
      for (const s of summary) {
        out(
          `${s.label.padEnd(22)} ${range(s.rateOverGo, (v) => fix(v, 2)).padStart(26)} ` +
            `${range(s.cpuOverGo, (v) => fix(v, 2)).padStart(20)}`,
        );
      }
      out();
    }
    for (const s of summary) {
      if (s.serverCpuPct.median !== null && s.serverCpuPct.median < SATURATED_PCT)
        out(
          `note: ${s.label} used ${fix(s.serverCpuPct.median, 0)}% of its core (median): not saturated ` +
            '(h2load, or what else ran on its core, limited it), so its streams/s understates it',
        );
    }
    out(
      'others c0/c1: busy time of core 0 (servers) and core 1 (h2load) not charged to the pinned process: other ' +
        "processes, and the kernel's loopback work for this traffic outside them",
    );
    out(
      'h2load closes each stream with END_STREAM and waits for the trailers; it sends no RST_STREAM (Envoy does).',
    );
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error);
  killAll();
  process.exit(1);
});
