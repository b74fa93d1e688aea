#!/usr/bin/env node
// Per-stream cost of attache's server, processor only (no Envoy): performance.md
// §7.4 step 5, targets T4 and T4b. See bench/README.md.
//
//   npm run build && node bench/streams.mjs --scenario headers
//
// Three servers (four with the Go baseline), each in its own child process pinned to core 0, one
// at a time under load from a node:http2 client pinned to core 1, interleaved in rotated rounds
// (ABC, BCA, CAB, ...):
//   A  attache (createServer + a small plugin)
//   B  bare @grpc/grpc-js bidi echo with a precomputed reply (the T4 baseline)
//   C  raw node:http2 with hand-rolled gRPC framing and the same reply bytes (raw-h2 reference)
//   D  the Go baseline: grpc-go with protoc-gen-go types, the same replies (--go; lib/go-extproc.mjs)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { killAll, pinnedTo, startIpcChild } from './lib/children.mjs';
import { numberOption, UsageError } from './lib/cli-options.mjs';
import { buildGoServer, GO_SERVER_LABEL, goServerUnavailable } from './lib/go-extproc.mjs';
import { median } from './lib/median.mjs';
import { buildNativeLoad, nativeLoadUnavailable } from './lib/native-load.mjs';
import { MAX_WARMUP_WINDOWS, MIN_WARMUP_WINDOWS, WARMUP_WINDOW_MS, warmedUp } from './lib/warmup.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

/** attache's transports, and server A's label for each. */
const TRANSPORTS = ['grpc-js', 'http2', 'wire'];
const TRANSPORT_LABELS = { 'grpc-js': 'attache', http2: 'attache h2', wire: 'attache wire' };

const USAGE = `Usage: npm run bench -- [options]     (after npm run build)

  --scenario headers|body4k|body256k
                             message per stream (default headers); body256k runs the node:http2
                             client (the raw one sends a message in one window)
  --transport http2|grpc-js|wire
                             attache's transport for server A (default http2, its own gRPC
                             framing over node:http2; wire, its own HTTP/2 too; README, Transports)
  --rounds N                 interleaved rounds, order rotated ABC/BCA/CAB (default 5)
  --seconds S                measured seconds per block (default 2)
  --warmup S                 warm-up seconds before each block (default 0.5)
  --initial-warmup auto|S    each server's first warm-up: auto = 1 s windows until its CPU per
                             stream stops falling (3 to 10 windows; default), or one of S seconds
  --concurrency N            streams in flight (default 64)
  --connections N            HTTP/2 connections, like Envoy's per-worker ones (default 2)
  --client raw|native|node   load generator: raw HTTP/2 frames over a socket from Node (default;
                             cheap enough to saturate every server), the same from C
                             (bench/native/envoy-load.c: under 1 µs of CPU per stream; needs cc),
                             or node:http2 (saturates its own core first)
  --close rst|graceful       how a stream ends after its reply: rst = half-close then RST_STREAM,
                             Envoy's default; graceful = half-close and wait for the trailers,
                             Envoy's ext_proc_graceful_grpc_close runtime flag (default rst)
  --rst-code cancel|no_error|internal
                             RST_STREAM error code in rst mode (default cancel)
  --t4b-seconds S            long-lived-stream block for A per round, 0 = off (default 1)
  --t4b-depth N              messages in flight on the long-lived stream (default 64)
  --resets LIST              after the rounds, Envoy-close blocks at these streams in flight
                             (comma-separated, default 16,64; "off" = none): GOAWAYs and lost
                             streams per 100,000 streams, every server
  --reset-streams N          streams per server in each --resets block (default 100000)
  --baseline-decode          B and C also decode each request with attache's codec
  --floor-reset-limit        C raises nghttp2's stream reset limit as attache's http2 transport
                             does (Node 22+): no GOAWAY per ~1,000 Envoy-style closes, so C keeps
                             its connections, like A (README: "Where a stream's CPU goes")
  --baseline-dist DIR        B runs attache built in DIR (another checkout's dist/) instead of
                             bare grpc-js: A/B is then this build against that one, in one run
  --baseline-transport T     B's transport with --baseline-dist (default: --transport's); with
                             --baseline-dist dist, A/B compares the transports of one build
  --metrics                  server A counts metrics (a prom-client registry, scraped every 5 s);
                             with --baseline-dist dist, B is the same build without them, so
                             the A/B CPU/stream ratio is what metrics cost a served stream
  --go auto|off              D, the Go baseline (grpc-go 1.33, types generated from protos/;
                             bench/go/extproc-server), in every block, Envoy-close blocks included
                             (default auto: when Go, grpc-go's sources and protoc are installed;
                             otherwise one line says why it is skipped)
  --server-flags="FLAGS"     Node/V8 flags for every Node server process (A, B and C alike), space-
                             separated; the "=" is needed, e.g. --server-flags="--trace-gc"
  --profile DIR              run the servers with node --cpu-prof; profiles go to DIR as
                             server-A.cpuprofile etc. (summarize: node bench/lib/cpuprofile-top.mjs)
  --json                     print the summary as JSON on stdout (progress goes to stderr)
  -h, --help`;

const CLIENT_LABELS = {
  raw: 'raw HTTP/2 frames',
  native: 'raw HTTP/2 frames from C (bench/native/envoy-load.c)',
  node: 'node:http2',
};

const SERVERS = {
  A: { label: 'attache', script: here('./lib/server-attache.mjs') },
  B: { label: 'bare grpc-js', script: here('./lib/server-grpcjs.mjs') },
  C: { label: 'raw-h2 ref', script: here('./lib/server-h2raw.mjs') },
  // The wrapper reports the Go process's pid: its CPU is what the blocks measure.
  D: { label: GO_SERVER_LABEL, script: here('./lib/server-go.mjs') },
};
/** The servers of this run: D joins them in main() when --go allows and Go is here. */
const KEYS = ['A', 'B', 'C'];
const NOISY = 0.2;
const SATURATED_PCT = 85;
/** Other processes' share of the servers' core above which a block's figures are suspect. */
const OTHERS_NOTABLE_PCT = 5;
const T4 = { target: 0.85, floor: 0.7 };
const T4B = { target: 18_000, floor: 12_000 };
const SCENARIO_NAMES = ['headers', 'body4k', 'body256k'];
/** A --resets block's measured windows are at most this long (it repeats them up to the count). */
const RESET_CHUNK_MS = 20_000;
/** HTTP/2 error codes for RST_STREAM (RFC 9113 §7). */
const RST_CODES = { no_error: 0, internal: 2, cancel: 8 };

function options() {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'headers' },
      transport: { type: 'string', default: 'http2' },
      'baseline-transport': { type: 'string' },
      rounds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '0.5' },
      'initial-warmup': { type: 'string', default: 'auto' },
      concurrency: { type: 'string', default: '64' },
      connections: { type: 'string', default: '2' },
      client: { type: 'string' },
      close: { type: 'string', default: 'rst' },
      'rst-code': { type: 'string', default: 'cancel' },
      't4b-seconds': { type: 'string', default: '1' },
      't4b-depth': { type: 'string', default: '64' },
      resets: { type: 'string', default: '16,64' },
      'reset-streams': { type: 'string', default: '100000' },
      'baseline-decode': { type: 'boolean', default: false },
      'floor-reset-limit': { type: 'boolean', default: false },
      'baseline-dist': { type: 'string' },
      metrics: { type: 'boolean', default: false },
      profile: { type: 'string' },
      'server-flags': { type: 'string', default: '' },
      go: { type: 'string', default: 'auto' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const num = (name, min, max, integer) => numberOption(values, name, min, max, integer);
  if (!SCENARIO_NAMES.includes(values.scenario)) {
    throw new UsageError(`--scenario must be one of ${SCENARIO_NAMES.join(', ')}`);
  }
  // The raw client sends a whole message within the server's initial stream window (64 KiB on
  // B and C): a 256 KiB body needs the node:http2 client's flow control.
  const client = values.client ?? (values.scenario === 'body256k' ? 'node' : 'raw');
  if (client !== 'raw' && client !== 'native' && client !== 'node')
    throw new UsageError('--client must be raw, native or node');
  const noCompiler = client === 'native' ? nativeLoadUnavailable() : null;
  if (noCompiler !== null) throw new UsageError(`--client native: ${noCompiler}`);
  if (client !== 'node' && values.scenario === 'body256k')
    throw new UsageError('--scenario body256k needs --client node (a message larger than one stream window)');
  const resets =
    values.resets === 'off' || values.resets === ''
      ? []
      : values.resets.split(',').map((x) => {
          const v = Number(x.trim());
          if (!Number.isInteger(v) || v < 1 || v > 4096)
            throw new UsageError('--resets must be "off" or integers in [1, 4096], comma-separated');
          return v;
        });
  if (values.close !== 'rst' && values.close !== 'graceful')
    throw new UsageError('--close must be rst or graceful');
  if (!(values['rst-code'] in RST_CODES))
    throw new UsageError('--rst-code must be cancel, no_error or internal');
  if (!TRANSPORTS.includes(values.transport))
    throw new UsageError('--transport must be grpc-js, http2 or wire');
  if (values.go !== 'auto' && values.go !== 'off') throw new UsageError('--go must be auto or off');
  const baselineTransport = values['baseline-transport'] ?? values.transport;
  if (!TRANSPORTS.includes(baselineTransport))
    throw new UsageError('--baseline-transport must be grpc-js, http2 or wire');
  if (values['baseline-transport'] !== undefined && values['baseline-dist'] === undefined)
    throw new UsageError('--baseline-transport goes with --baseline-dist');
  const serverFlags = values['server-flags'].split(/\s+/).filter((f) => f !== '');
  const notFlag = serverFlags.find((f) => !f.startsWith('-'));
  if (notFlag !== undefined)
    throw new UsageError(
      `--server-flags takes Node flags only (each starting with "-"), got ${JSON.stringify(notFlag)}`,
    );
  SERVERS.A.label = TRANSPORT_LABELS[values.transport];
  return {
    scenario: values.scenario,
    transport: values.transport,
    baselineTransport,
    client,
    close: values.close,
    rstCode: values['rst-code'],
    rounds: num('rounds', 1, 100, true),
    seconds: num('seconds', 0.2, 120, false),
    warmup: num('warmup', 0, 30, false),
    initialWarmup: values['initial-warmup'] === 'auto' ? 'auto' : num('initial-warmup', 0.1, 60, false),
    concurrency: num('concurrency', 1, 4096, true),
    connections: num('connections', 1, 64, true),
    t4bSeconds: num('t4b-seconds', 0, 120, false),
    t4bDepth: num('t4b-depth', 1, 4096, true),
    resets,
    resetStreams: num('reset-streams', 1, 10_000_000, true),
    baselineDecode: values['baseline-decode'],
    floorResetLimit: values['floor-reset-limit'],
    baselineDist: values['baseline-dist'],
    metrics: values.metrics,
    profile: values.profile,
    serverFlags,
    go: values.go,
    json: values.json,
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes

function canPin() {
  if (os.availableParallelism() < 2) return false;
  const probe = spawnSync('taskset', ['-c', '1', 'true'], { stdio: 'ignore' });
  return probe.status === 0;
}

function clockTicks() {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const v = Number(out.stdout?.trim());
  return out.status === 0 && Number.isInteger(v) && v > 0 ? v : 100;
}

/** Spawns a Node child (pinned to `core` when `pin`) with an IPC channel and its job calls (lib/children.mjs). */
function startChild(name, script, args, core, pin, nodeFlags = []) {
  const [command, argv] = pinnedTo(pin ? core : undefined, process.execPath, [...nodeFlags, script, ...args]);
  return startIpcChild(name, command, argv);
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting

function spread(values) {
  const v = values.filter((x) => x !== null && Number.isFinite(x));
  const med = median(v);
  if (med === null) return { median: null, min: null, max: null, spread: null, noisy: false };
  const min = Math.min(...v);
  const max = Math.max(...v);
  const s = med === 0 ? null : (max - min) / med;
  return { median: med, min, max, spread: s, noisy: s !== null && s > NOISY };
}

const int = (x) => (x === null ? '-' : Math.round(x).toLocaleString('en-US'));
const fix = (x, d) => (x === null ? '-' : x.toFixed(d));
const pad = (s, n) => String(s).padStart(n);

/** Whether servers are pinned to core 0 (set once in main). */
let pinnedCores = false;

/**
 * What other processes used of the servers' core 0 in a block, % of the core: on a shared
 * machine they slow the server under test (and its CPU per stream) without being part of it.
 */
function othersOnServerCore(r) {
  const core = r.coreBusyPct?.[0];
  return core === undefined ? null : Math.max(0, core - r.serverCpuPct);
}

function blockLine(round, key, r, unit) {
  return (
    `round ${round}  ${key} ${SERVERS[key].label.padEnd(12)} ${pad(int(r.rate), 7)} ${unit}/s` +
    (r.p50Us === null ? '' : `  p50 ${pad(int(r.p50Us), 6)} µs  p99 ${pad(int(r.p99Us), 6)} µs`) +
    `  server ${pad(fix(r.serverCpuPerOpUs, 1), 6)} µs CPU/${unit === 'streams' ? 'stream' : 'msg'}` +
    // Node's main thread is where a Node server's JavaScript runs; Go's goroutines run on other
    // threads than its main one, so that figure would mean nothing for D.
    (Number.isFinite(r.serverMainCpuPerOpUs) && key !== 'D'
      ? ` (main thread ${pad(fix(r.serverMainCpuPerOpUs, 1), 5)})`
      : '') +
    ` (${pad(fix(r.serverCpuPct, 0), 3)}% of a core)  client ${pad(fix(r.clientCpuPct, 0), 3)}%` +
    (pinnedCores ? `  others on core 0 ${pad(fix(othersOnServerCore(r), 0), 3)}%` : '') +
    (r.goaways ? `  GOAWAY ${r.goaways}` : '') +
    (r.errors ? `  lost ${r.errors}` : '') +
    (r.inflightAtEnd ? `  unanswered at end ${r.inflightAtEnd}` : '')
  );
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = options();
  if (opts.baselineDist !== undefined) {
    // A against another build of attache (e.g. the commit before a change), in the same run.
    const dist = path.resolve(opts.baselineDist);
    if (!existsSync(path.join(dist, 'src/index.js'))) {
      throw new UsageError(`--baseline-dist: ${dist}/src/index.js not found (build that checkout first)`);
    }
    opts.baselineDist = dist;
    SERVERS.B = { label: 'attache@base', script: SERVERS.A.script };
  }
  const log = (line = '') => console.error(line);
  const out = opts.json ? log : (line = '') => console.log(line);

  if (!existsSync(here('../dist/src/index.js')) || !existsSync(here('../dist/src/protocol/codec.js'))) {
    console.error('bench: dist/ is missing. Build first:\n\n  npm run build && npm run bench\n');
    process.exit(1);
  }
  const { replyBytes, requestBytes } = await import('./lib/messages.mjs');
  const { decodeResponse } = await import('../dist/src/protocol/codec.js');

  let goBinary = null;
  if (opts.go === 'auto') {
    const why = goServerUnavailable();
    if (why === null) {
      const started = Date.now();
      goBinary = await buildGoServer();
      log(
        `D ${SERVERS.D.label}: built in ${((Date.now() - started) / 1000).toFixed(1)} s (cached after the first run)`,
      );
      KEYS.push('D');
    } else {
      log(`D ${SERVERS.D.label}: skipped, ${why}`);
    }
  }

  const pin = canPin();
  pinnedCores = pin;
  const ticks = clockTicks();
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    kernel: os.release(),
    clockTicks: ticks,
    pinned: pin ? 'servers on core 0, load generator on core 1 (taskset)' : 'not pinned',
    scenario: opts.scenario,
    requestBytes: requestBytes(opts.scenario).length,
    replyBytes: replyBytes(opts.scenario).length,
    options: { ...opts, json: undefined },
  };
  const blockMs = (opts.warmup + opts.seconds) * 1000;
  const perRound = KEYS.length * blockMs + (opts.t4bSeconds > 0 ? (opts.warmup + opts.t4bSeconds) * 1000 : 0);
  const initialMs =
    opts.initialWarmup === 'auto' ? MIN_WARMUP_WINDOWS * WARMUP_WINDOW_MS : opts.initialWarmup * 1000;
  const estimate = Math.round((KEYS.length * initialMs + opts.rounds * perRound) / 1000 + 3);
  log(
    `attache stream benchmark, scenario ${opts.scenario}: request ${meta.requestBytes} B, reply ${meta.replyBytes} B`,
  );
  log(`node ${meta.node}, ${meta.nproc} CPUs (${meta.cpuModel}), CLK_TCK ${ticks}, ${meta.pinned}`);
  if (opts.serverFlags.length > 0) log(`server flags: ${opts.serverFlags.join(' ')}`);
  if (!pin) log('warning: taskset unavailable or fewer than 2 CPUs; processes are not pinned');
  if (opts.rounds < 5) log(`warning: ${opts.rounds} rounds; performance.md §7.4 asks for at least 5`);
  log(
    `${opts.rounds} rounds x ${KEYS.length} blocks of ${opts.warmup} s warm-up + ${opts.seconds} s, ` +
      `${opts.concurrency} streams in flight over ${opts.connections} connections; about ${estimate} s${opts.initialWarmup === 'auto' ? ' or more (each warm-up runs until settled)' : ''}`,
  );
  if (opts.resets.length > 0)
    log(
      `then GOAWAY/lost blocks: ${int(opts.resetStreams)} streams per server at ${opts.resets.join(' and ')} in flight`,
    );
  log(
    (opts.close === 'rst'
      ? `streams end like Envoy's: half-close, then RST_STREAM (${opts.rstCode})`
      : 'streams end gracefully: half-close, then wait for the trailers (no RST_STREAM)') +
      `; client ${CLIENT_LABELS[opts.client]}`,
  );
  log();

  // Start everything.
  const serverArgs = [opts.scenario, ...(opts.baselineDecode ? ['--decode'] : [])];
  const attacheArgs = [...serverArgs, '--transport', opts.transport, ...(opts.metrics ? ['--metrics'] : [])];
  if (opts.metrics) SERVERS.A.label += '+metrics';
  const servers = {};
  for (const key of KEYS) {
    const flags = [
      ...opts.serverFlags,
      ...(opts.profile === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${opts.profile}`, `--cpu-prof-name=server-${key}.cpuprofile`]),
    ];
    if (key === 'D') {
      // Node's flags and profiler do not apply to the Go process.
      servers[key] = startChild(
        `server ${key}`,
        SERVERS[key].script,
        [opts.scenario, '--binary', goBinary],
        0,
        pin,
      );
      continue;
    }
    const args =
      key === 'B' && opts.baselineDist !== undefined
        ? [...serverArgs, '--transport', opts.baselineTransport, '--dist', opts.baselineDist]
        : key === 'A'
          ? attacheArgs
          : key === 'C' && opts.floorResetLimit
            ? [...serverArgs, '--reset-limit']
            : serverArgs;
    servers[key] = startChild(`server ${key}`, SERVERS[key].script, args, 0, pin, flags);
  }
  const loadgen = startChild('loadgen', here('./lib/loadgen.mjs'), [opts.scenario, String(ticks)], 1, pin);
  // --client native: built (or taken from the cache) before any server is measured.
  const nativeBinary = opts.client === 'native' ? await buildNativeLoad() : null;
  const info = {};
  for (const key of KEYS) info[key] = await servers[key].ready;
  await loadgen.ready;

  try {
    // Every server must give the same, correct answer before anything is timed.
    const expected = replyBytes(opts.scenario).toString('base64');
    for (const key of KEYS) {
      const p = await loadgen.call({ type: 'probe', port: info[key].port }, 10_000);
      const problem =
        p.grpcStatus !== 0
          ? `grpc-status ${p.grpcStatus}`
          : !/^application\/grpc(\+proto)?$/.test(p.contentType ?? '')
            ? `content-type ${p.contentType}`
            : p.replies.length !== 1
              ? `${p.replies.length} replies`
              : p.replies[0] !== expected
                ? `reply differs from the precomputed one: ${JSON.stringify(
                    decodeResponse(Buffer.from(p.replies[0], 'base64')),
                  )}`
                : null;
      if (problem !== null)
        throw new Error(`server ${key} (${SERVERS[key].label}) failed the probe: ${problem}`);
    }
    log(`probe: ${KEYS.join(', ')} return byte-identical replies, grpc-status 0`);

    const streamsJob = (key, warmupMs, measureMs, concurrency = opts.concurrency) =>
      loadgen.call(
        {
          type: { raw: 'streamsRaw', native: 'streamsNative', node: 'streams' }[opts.client],
          binary: nativeBinary,
          port: info[key].port,
          serverPid: info[key].pid,
          warmupMs,
          measureMs,
          concurrency,
          connections: opts.connections,
          close: opts.close,
          rstCode: RST_CODES[opts.rstCode],
        },
        warmupMs + measureMs + 20_000,
      );

    // Each server's warm-up (discarded, lib/warmup.mjs says why it is adaptive), then the rounds.
    const warmups = {};
    for (const key of KEYS) {
      const cpu = [];
      if (opts.initialWarmup === 'auto') {
        while (!warmedUp(cpu)) cpu.push((await streamsJob(key, 0, WARMUP_WINDOW_MS)).serverCpuPerOpUs);
      } else {
        cpu.push((await streamsJob(key, 0, opts.initialWarmup * 1000)).serverCpuPerOpUs);
      }
      warmups[key] = cpu;
      log(
        `warm-up ${key} ${SERVERS[key].label.padEnd(12)} ${cpu.length} x ` +
          `${opts.initialWarmup === 'auto' ? WARMUP_WINDOW_MS : opts.initialWarmup * 1000} ms, CPU µs/stream: ` +
          cpu.map((x) => fix(x, 1)).join(' ') +
          (opts.initialWarmup === 'auto' && cpu.length >= MAX_WARMUP_WINDOWS
            ? '  (cap reached: not settled)'
            : ''),
      );
    }
    log();

    const rounds = [];
    for (let r = 0; r < opts.rounds; r++) {
      const order = KEYS.map((_, i) => KEYS[(i + r) % KEYS.length]);
      const results = {};
      for (const key of order) {
        results[key] = await streamsJob(key, opts.warmup * 1000, opts.seconds * 1000);
        log(blockLine(r + 1, key, results[key], 'streams'));
      }
      let t4b = null;
      if (opts.t4bSeconds > 0) {
        t4b = await loadgen.call(
          {
            type: 'long',
            port: info.A.port,
            serverPid: info.A.pid,
            warmupMs: opts.warmup * 1000,
            measureMs: opts.t4bSeconds * 1000,
            depth: opts.t4bDepth,
          },
          (opts.warmup + opts.t4bSeconds) * 1000 + 20_000,
        );
        log(`${blockLine(r + 1, 'A', t4b, 'msgs')}  [T4b: 1 long-lived stream, ${opts.t4bDepth} in flight]`);
      }
      rounds.push({ order: order.join(''), results, t4b });
      log();
    }

    const resets = [];
    for (const concurrency of opts.resets) {
      const block = { concurrency, servers: {} };
      for (const key of KEYS) {
        block.servers[key] = await resetBlock(key, concurrency, rounds, opts, streamsJob);
        log(resetLine(concurrency, key, block.servers[key]));
      }
      resets.push(block);
    }
    if (resets.length > 0) log();

    const summary = summarize(rounds, opts);
    summary.resets = resets;
    if (opts.json) console.log(JSON.stringify({ meta, warmups, rounds, summary }, null, 2));
    else printSummary(summary, meta, opts, out);
  } finally {
    await Promise.all([...KEYS.map((k) => servers[k].stop()), loadgen.stop()]);
  }
}

/**
 * Runs server `key` at `concurrency` streams in flight until `opts.resetStreams` streams got a
 * reply, counting GOAWAYs and lost streams (no warm-up: a fresh server connection is what Envoy
 * has too). The window length comes from the rounds' rate, so one or two windows suffice.
 */
async function resetBlock(key, concurrency, rounds, opts, streamsJob) {
  // The first window is short (the rounds' rate may not hold at this load); later ones use the
  // rate just measured.
  let rate = median(rounds.map((r) => r.results[key].rate)) || 1000;
  let cap = 2000;
  let streams = 0;
  let goaways = 0;
  let lost = 0;
  while (streams < opts.resetStreams) {
    const ms = Math.min(cap, Math.max(300, ((opts.resetStreams - streams) / rate) * 1100));
    const r = await streamsJob(key, 0, ms, concurrency);
    if (r.count === 0) throw new Error(`server ${key}: no stream answered in ${Math.round(ms)} ms`);
    streams += r.count;
    goaways += r.goaways;
    lost += r.errors;
    rate = r.rate;
    cap = RESET_CHUNK_MS;
  }
  return {
    streams,
    goaways,
    lost,
    goawaysPer100k: (goaways * 1e5) / streams,
    lostPer100k: (lost * 1e5) / streams,
  };
}

function resetLine(concurrency, key, r) {
  return (
    `resets, ${pad(concurrency, 3)} in flight  ${key} ${SERVERS[key].label.padEnd(12)} ` +
    `${pad(int(r.streams), 9)} streams  GOAWAY ${pad(int(r.goaways), 5)}  lost ${pad(int(r.lost), 6)}` +
    `  per 100,000: GOAWAY ${pad(fix(r.goawaysPer100k, 1), 7)}  lost ${pad(fix(r.lostPer100k, 1), 8)}`
  );
}

function summarize(rounds, opts) {
  const col = (key, field) => rounds.map((r) => r.results[key][field]);
  const servers = {};
  for (const key of KEYS) {
    servers[key] = {
      label: SERVERS[key].label,
      streamsPerSec: spread(col(key, 'rate')),
      cpuUsPerStream: spread(col(key, 'serverCpuPerOpUs')),
      p50Us: spread(col(key, 'p50Us')),
      p99Us: spread(col(key, 'p99Us')),
      serverCpuPct: spread(col(key, 'serverCpuPct')),
      clientCpuPct: spread(col(key, 'clientCpuPct')),
      errors: col(key, 'errors').reduce((a, b) => a + b, 0),
      goaways: col(key, 'goaways').reduce((a, b) => a + b, 0),
      streams: rounds.reduce((a, r) => a + r.results[key].count, 0),
      lastFailure: rounds.map((r) => r.results[key].lastFailure).findLast((f) => f != null) ?? null,
    };
  }
  const perRound = (f) => rounds.map((r) => f(r.results));
  const ratios = {
    'A/B': spread(perRound((x) => x.A.rate / x.B.rate)),
    'A/C': spread(perRound((x) => x.A.rate / x.C.rate)),
    'C/B': spread(perRound((x) => x.C.rate / x.B.rate)),
  };
  const cpuRatios = {
    'A/B': spread(perRound((x) => x.A.serverCpuPerOpUs / x.B.serverCpuPerOpUs)),
    'A/C': spread(perRound((x) => x.A.serverCpuPerOpUs / x.C.serverCpuPerOpUs)),
  };
  if (KEYS.includes('D')) {
    // Against the Go baseline: attache (A) and the raw node:http2 floor (C).
    ratios['A/D'] = spread(perRound((x) => x.A.rate / x.D.rate));
    ratios['C/D'] = spread(perRound((x) => x.C.rate / x.D.rate));
    cpuRatios['A/D'] = spread(perRound((x) => x.A.serverCpuPerOpUs / x.D.serverCpuPerOpUs));
    cpuRatios['C/D'] = spread(perRound((x) => x.C.serverCpuPerOpUs / x.D.serverCpuPerOpUs));
  }
  const addedCpuUsOverB = spread(perRound((x) => x.A.serverCpuPerOpUs - x.B.serverCpuPerOpUs));
  // Rounds where the machine left every server its core: ratios over them alone are the ones a
  // shared machine disturbed least (what the host takes stays invisible; README: "Run-to-run variance").
  const clean = rounds.filter((r) =>
    KEYS.every((key) => {
      const x = r.results[key];
      const others = pinnedCores ? othersOnServerCore(x) : 0;
      return x.serverCpuPct >= SATURATED_PCT && others !== null && others < OTHERS_NOTABLE_PCT;
    }),
  );
  const cleanRounds = {
    count: clean.length,
    ratios: {
      'A/C': spread(clean.map((r) => r.results.A.rate / r.results.C.rate)),
      'A/B': spread(clean.map((r) => r.results.A.rate / r.results.B.rate)),
    },
    cpuRatios: {
      'A/C': spread(clean.map((r) => r.results.A.serverCpuPerOpUs / r.results.C.serverCpuPerOpUs)),
      'A/B': spread(clean.map((r) => r.results.A.serverCpuPerOpUs / r.results.B.serverCpuPerOpUs)),
    },
  };
  const ab = ratios['A/B'].median;
  const t4 = {
    ratio: ab,
    target: T4.target,
    floor: T4.floor,
    verdict:
      ab === null
        ? 'n/a'
        : ab >= T4.target
          ? 'meets target'
          : ab >= T4.floor
            ? 'meets floor only'
            : 'below floor',
  };
  const warnings = [];
  for (const [name, s] of Object.entries(ratios)) {
    if (s.noisy) warnings.push(`ratio ${name} is noisy: (max-min)/median = ${(s.spread * 100).toFixed(0)}%`);
  }
  rounds.forEach((r, i) => {
    for (const key of KEYS) {
      const x = r.results[key];
      if (x.serverCpuPct < SATURATED_PCT) {
        const others = pinnedCores ? othersOnServerCore(x) : null;
        warnings.push(
          others !== null && others >= OTHERS_NOTABLE_PCT
            ? `round ${i + 1}: server ${key} used ${x.serverCpuPct.toFixed(0)}% of its core; other processes took ` +
                `${others.toFixed(0)}% of it, so the machine was busy: its streams/s understates it and its CPU per stream ` +
                'is likely inflated (README: "Run-to-run variance")'
            : `round ${i + 1}: server ${key} used ${x.serverCpuPct.toFixed(0)}% of its core; it was not saturated ` +
                `(the client on the other core, at ${x.clientCpuPct.toFixed(0)}%, may be the limit), so its streams/s understates it`,
        );
      }
    }
  });
  for (const key of KEYS) {
    const x = servers[key];
    if (x.goaways > 0) {
      warnings.push(
        `server ${key} sent GOAWAY ${x.goaways} times (once per ${int(x.streams / x.goaways)} answered streams); ` +
          'the client opened a new connection each time (README: "RST_STREAM rate limit")',
      );
    }
    if (x.errors > 0) {
      warnings.push(
        `server ${key}: ${x.errors} streams got no reply (last reason: ${x.lastFailure ?? 'not recorded by this client'}) and were re-sent`,
      );
    }
  }
  let t4b = null;
  if (rounds[0]?.t4b) {
    const m = (f) => spread(rounds.map((r) => r.t4b[f]));
    t4b = {
      server: 'A',
      depth: opts.t4bDepth,
      messagesPerSec: m('rate'),
      cpuUsPerMessage: m('serverCpuPerOpUs'),
      serverCpuPct: m('serverCpuPct'),
      clientCpuPct: m('clientCpuPct'),
      target: T4B.target,
      floor: T4B.floor,
    };
    const v = t4b.messagesPerSec.median;
    t4b.verdict = v >= T4B.target ? 'meets target' : v >= T4B.floor ? 'meets floor only' : 'below floor';
    if (t4b.serverCpuPct.median < SATURATED_PCT) {
      warnings.push(
        `T4b: server A used ${t4b.serverCpuPct.median.toFixed(0)}% of its core (client ${t4b.clientCpuPct.median.toFixed(0)}%); msgs/s is client-bound`,
      );
    }
  }
  return { servers, ratios, cpuRatios, addedCpuUsOverB, cleanRounds, t4, t4b, warnings };
}

function printSummary(s, meta, opts, out) {
  const range = (x, f) => `${f(x.median)} (${f(x.min)}–${f(x.max)})`;
  out(`Summary: scenario ${meta.scenario}, ${opts.rounds} rounds, median (min–max) across rounds`);
  out(`${meta.date}, node ${meta.node}, ${meta.nproc} CPUs, ${meta.pinned}`);
  if (opts.serverFlags.length > 0) out(`server flags: ${opts.serverFlags.join(' ')}`);
  out(
    `${opts.concurrency} streams in flight over ${opts.connections} connections, client ${opts.client}, close mode ${opts.close}` +
      (opts.close === 'rst' ? ` (${opts.rstCode})` : ''),
  );
  out();
  out(
    `${'server'.padEnd(16)} ${'streams/s'.padStart(24)} ${'CPU µs/stream'.padStart(22)} ${'p50 µs'.padStart(8)} ${'p99 µs'.padStart(8)} ${'srv CPU'.padStart(8)} ${'client'.padStart(7)}`,
  );
  for (const key of KEYS) {
    const x = s.servers[key];
    out(
      `${`${key} ${x.label}`.padEnd(16)} ${range(x.streamsPerSec, int).padStart(24)} ` +
        `${range(x.cpuUsPerStream, (v) => fix(v, 1)).padStart(22)} ${int(x.p50Us.median).padStart(8)} ` +
        `${int(x.p99Us.median).padStart(8)} ${`${fix(x.serverCpuPct.median, 0)}%`.padStart(8)} ` +
        `${`${fix(x.clientCpuPct.median, 0)}%`.padStart(7)}`,
    );
  }
  out();
  const ratio = (x) => `${range(x, (v) => fix(v, 3))}${x.noisy ? '  NOISY' : ''}`;
  out(`streams/s ratio A/B (attache / ${s.servers.B.label}): ${ratio(s.ratios['A/B'])}`);
  out(`streams/s ratio A/C (attache / raw-h2 ref):   ${ratio(s.ratios['A/C'])}`);
  out(`streams/s ratio C/B (raw-h2 / ${s.servers.B.label}):  ${ratio(s.ratios['C/B'])}`);
  out(`CPU/stream ratio A/B: ${ratio(s.cpuRatios['A/B'])};  A/C: ${ratio(s.cpuRatios['A/C'])}`);
  if (s.ratios['A/D'] !== undefined) {
    out(
      `against D (${s.servers.D.label}): streams/s A/D ${ratio(s.ratios['A/D'])}, C/D ${ratio(s.ratios['C/D'])}; ` +
        `CPU/stream A/D ${ratio(s.cpuRatios['A/D'])}, C/D ${ratio(s.cpuRatios['C/D'])}`,
    );
  }
  const c = s.cleanRounds;
  out(
    `rounds where every server had ≥ ${SATURATED_PCT}% of its core and others < ${OTHERS_NOTABLE_PCT}% of it: ${c.count} of ${opts.rounds}` +
      (c.count === 0
        ? ''
        : `; there A/C streams/s ${ratio(c.ratios['A/C'])}, CPU/stream A/C ${ratio(c.cpuRatios['A/C'])}, A/B ${ratio(c.cpuRatios['A/B'])}`),
  );
  out(
    `attache adds ${range(s.addedCpuUsOverB, (v) => fix(v, 1))} µs CPU per stream over ${s.servers.B.label}`,
  );
  if (opts.baselineDist === undefined)
    out(
      `T4 (A/B >= ${s.t4.target} target, >= ${s.t4.floor} floor): ${fix(s.t4.ratio, 3)} -> ${s.t4.verdict}` +
        (meta.scenario !== 'headers'
          ? ` (T4 is defined on the headers message; ${meta.scenario} is for comparison)`
          : ''),
    );
  if (s.t4b !== null) {
    out(
      `T4b, server A only, one long-lived stream, ${s.t4b.depth} messages in flight: ` +
        `${range(s.t4b.messagesPerSec, int)} msgs/s, ${range(s.t4b.cpuUsPerMessage, (v) => fix(v, 1))} µs CPU/msg ` +
        `-> ${s.t4b.verdict} (absolute: >= ${int(s.t4b.target)} target, >= ${int(s.t4b.floor)} floor; not a ratio)`,
    );
  }
  if (s.resets.length > 0) {
    out();
    out(
      `Envoy-style close (${opts.close === 'rst' ? `half-close + RST_STREAM ${opts.rstCode}` : 'graceful'}), ` +
        `${int(opts.resetStreams)} streams per server and load, per 100,000 streams:`,
    );
    for (const block of s.resets) {
      for (const key of KEYS) out(`  ${resetLine(block.concurrency, key, block.servers[key])}`);
    }
  }
  if (s.warnings.length > 0) {
    out();
    for (const w of s.warnings) out(`warning: ${w}`);
  }
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(`bench: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(`bench: ${error?.stack ?? error}`);
    process.exitCode = 1;
  }
  killAll();
});
