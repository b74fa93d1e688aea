// The load generator: a node:http2 client that plays Envoy's side of ext_proc `Process` streams.
//
// Run by bench/streams.mjs (pinned to its own core); it receives jobs over IPC:
//   probe:   one stream, one message, half-close, wait for the trailers; returns the reply bytes.
//   streams: N streams in flight over K connections; each stream = one framed message, wait for
//            the reply frame, then half-close and reset (RST_STREAM CANCEL), as Envoy does in
//            headers-only mode; a new stream starts as soon as one gets its reply.
//   long:    one long-lived stream with `depth` messages in flight (per-message cost, T4b).
// Every loop stops at its deadline or after MAX_STREAMS / MAX_MESSAGES, whichever comes first.
// The server's CPU time is read from /proc/<pid>/stat at the edges of the measured window.
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import { createHistogram, performance } from 'node:perf_hooks';
import { childLifecycle } from './child.mjs';
import { FrameReader, GRPC_REQUEST_HEADERS as REQUEST_HEADERS } from './grpc-frames.mjs';
import { RawH2Connection } from './h2-frames.mjs';
import { grpcFrame, requestBytes } from './messages.mjs';
import { startNativeLoad } from './native-load.mjs';
import { Occupancy } from './occupancy.mjs';
import { schedDelta, schedSnapshot } from './sched.mjs';

const scenario = process.argv[2];
const clockTicks = Number(process.argv[3]) || 100;
const FRAME = grpcFrame(requestBytes(scenario));
const { NGHTTP2_CANCEL } = http2.constants;

const MAX_STREAMS = 5_000_000;
const MAX_MESSAGES = 20_000_000;
const MAX_ERRORS = 1000;
const MAX_RECONNECTS = 100_000;
const DRAIN_MS = 3000;
// Envoy's default HTTP/2 windows are 256 MiB; the client side here only receives small replies.
const WINDOW = 16 * 1024 * 1024;

/** utime + stime of a process (all its threads), or of one thread with `tid`, in µs. */
function processCpuUs(pid, tid) {
  const stat = readFileSync(
    tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`,
    'utf8',
  );
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", fields[0] is field 3 (state); utime is field 14, stime field 15.
  return ((Number(fields[11]) + Number(fields[12])) / clockTicks) * 1e6;
}

/** Busy time of each CPU since boot (user, nice, system, irq, softirq, steal), in µs. */
function coreBusyUs() {
  const cores = [];
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    if (!/^cpu\d/.test(line)) continue;
    const f = line.split(/\s+/).map(Number);
    cores.push(((f[1] + f[2] + f[3] + f[6] + f[7] + f[8]) / clockTicks) * 1e6);
  }
  return cores;
}

function selfCpuUs() {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function connect(port, onError) {
  const session = http2.connect(`http://127.0.0.1:${port}`, { settings: { initialWindowSize: WINDOW } });
  session.on('error', onError);
  session.on('connect', () => session.setLocalWindowSize(WINDOW));
  return session;
}

/**
 * Measurement window bookkeeping shared by both load shapes. `serverPid` may be a list (a server
 * of several processes, bench/processes.mjs): `server` is then their sum, `servers` each one.
 */
function windowMarks(serverPid, client = null) {
  const pids = Array.isArray(serverPid) ? serverPid : [serverPid];
  const servers = pids.map((pid) => {
    try {
      return processCpuUs(pid);
    } catch {
      return Number.NaN; // The server process is gone; summarize() turns NaN into an error.
    }
  });
  const server = servers.reduce((a, b) => a + b, 0);
  // The main (JS) thread alone: the rest of `server` is V8's GC helpers (parallel scavenge,
  // concurrent marking and sweeping) and libuv's pool, which a pinned server shares one core with.
  let serverMain = 0;
  for (const pid of pids) {
    try {
      serverMain += processCpuUs(pid, pid);
    } catch {
      serverMain = Number.NaN;
    }
  }
  return {
    t: performance.now(),
    server,
    serverMain,
    servers,
    // The load generator: this process, or `client` ({ pid, tid }: the C one, its first worker
    // thread as the "main" one).
    client: client === null ? selfCpuUs() : processCpuUs(client.pid),
    cores: coreBusyUs(),
    // Run / run-queue wait / sleep of each server process and of the load generator (lib/sched.mjs).
    sched: pids.map((pid) => schedSnapshot(pid)),
    selfSched: client === null ? schedSnapshot(process.pid) : schedSnapshot(client.pid, client.tid),
  };
}

/** Window state a job reads: whether samples count, whether to stop launching, the edge marks. */
function windowState() {
  return { measuring: false, stopping: false, start: null, end: null };
}

/**
 * The measurement window every job uses: warm up, snapshot `mark()` into `w.start` and start
 * counting, measure, snapshot into `w.end` and stop launching, then let in-flight work drain (at
 * most DRAIN_MS) before `finish`.
 */
function runWindow(w, { warmupMs, measureMs, mark, drained, finish }) {
  setTimeout(() => {
    w.start = mark();
    w.measuring = true;
  }, warmupMs);
  setTimeout(() => {
    w.end = mark();
    w.measuring = false;
    w.stopping = true;
    const drainUntil = performance.now() + DRAIN_MS;
    const poll = setInterval(() => {
      if (drained() || performance.now() > drainUntil) {
        clearInterval(poll);
        finish();
      }
    }, 5);
  }, warmupMs + measureMs);
}

function summarize(hist, count, errors, start, end, extra) {
  const elapsedMs = end.t - start.t;
  const serverCpuUs = end.server - start.server;
  if (!Number.isFinite(serverCpuUs))
    throw new Error('cannot read the server process CPU time (did it exit?)');
  const clientCpuUs = end.client - start.client;
  return {
    count,
    errors,
    elapsedMs,
    rate: (count / elapsedMs) * 1000,
    p50Us: hist === null || count === 0 ? null : hist.percentile(50) / 1000,
    p99Us: hist === null || count === 0 ? null : hist.percentile(99) / 1000,
    maxUs: hist === null || count === 0 ? null : hist.max / 1000,
    serverCpuUs,
    serverCpuPerOpUs: count === 0 ? null : serverCpuUs / count,
    serverMainCpuPerOpUs: count === 0 ? null : (end.serverMain - start.serverMain) / count,
    serverCpuPct: (serverCpuUs / (elapsedMs * 1000)) * 100,
    clientCpuPct: (clientCpuUs / (elapsedMs * 1000)) * 100,
    // Everything that ran on each CPU in the window (the server, the load generator and any
    // other process): what else used the server's core is this minus serverCpuPct.
    coreBusyPct: end.cores.map((busy, i) => ((busy - (start.cores[i] ?? busy)) / (elapsedMs * 1000)) * 100),
    ...extra,
  };
}

function probe({ port }) {
  return new Promise((resolve, reject) => {
    const session = connect(port, reject);
    const reader = new FrameReader(true);
    const timer = setTimeout(() => {
      session.destroy();
      reject(new Error('probe: no complete answer within 5 s'));
    }, 5000);
    const req = session.request(REQUEST_HEADERS);
    let headers = null;
    let trailers = null;
    req.on('response', (h) => (headers = h));
    req.on('trailers', (t) => (trailers = t));
    req.on('data', (chunk) => {
      if (reader.push(chunk) > 0) req.end();
    });
    req.on('error', reject);
    req.on('close', () => {
      clearTimeout(timer);
      session.close();
      const status = trailers?.['grpc-status'] ?? headers?.['grpc-status'];
      resolve({
        replies: reader.frames.map((f) => f.toString('base64')),
        grpcStatus: status === undefined ? null : Number(status),
        contentType: headers?.['content-type'] ?? null,
      });
    });
    req.resume();
    req.write(FRAME);
  });
}

/** How a stream ends once its reply arrived. */
const CLOSERS = {
  // Envoy's default (ext_proc client close()): half-close, then RST_STREAM right away.
  rst: (req, code) => req.end(() => req.close(code)),
  // Envoy with runtime ext_proc_graceful_grpc_close=true: half-close, wait for the server's trailers.
  graceful: (req) => req.end(),
};

function streams({ port, serverPid, warmupMs, measureMs, concurrency, connections, close, rstCode }) {
  return new Promise((resolve, reject) => {
    let failed = null;
    const fail = (error) => {
      failed ??= error;
    };
    const closer = CLOSERS[close];
    if (closer === undefined) throw new Error(`unknown close mode ${close}`);
    let goaways = 0;
    let reconnects = 0;
    const goawayCodes = new Set();
    // Like Envoy's connection pool: a connection the server sent GOAWAY on (or closed) is
    // replaced by a new one for the next stream.
    const open = () => {
      const session = connect(port, (error) => {
        if (error?.code !== 'ERR_HTTP2_SESSION_ERROR') fail(error);
      });
      session.on('goaway', (code) => {
        goaways++;
        goawayCodes.add(code);
      });
      return session;
    };
    const sessions = Array.from({ length: connections }, open);
    const sessionFor = (slot) => {
      const i = slot % connections;
      let session = sessions[i];
      if (session.destroyed || session.closed) {
        if (++reconnects > MAX_RECONNECTS) fail(new Error(`more than ${MAX_RECONNECTS} reconnections`));
        sessions[i] = session = open();
      }
      return session;
    };
    const hist = createHistogram();
    const w = windowState();
    let started = 0;
    let inflight = 0;
    let completed = 0;
    let errors = 0;
    let allErrors = 0;
    let allCompleted = 0;

    const launch = (slot) => {
      if (w.stopping || failed !== null || started >= MAX_STREAMS) return;
      const session = sessionFor(slot);
      if (failed !== null) return;
      started++;
      inflight++;
      const begin = performance.now();
      let req;
      try {
        req = session.request(REQUEST_HEADERS);
      } catch (error) {
        // The connection went away between the check and the request: count it, try again later.
        inflight--;
        allErrors++;
        if (w.measuring) errors++;
        setImmediate(() => launch(slot));
        if (error?.code !== 'ERR_HTTP2_GOAWAY_SESSION' && error?.code !== 'ERR_HTTP2_INVALID_SESSION') {
          fail(error);
        }
        return;
      }
      const reader = new FrameReader();
      let answered = false;
      req.on('response', (headers) => {
        const status = headers['grpc-status'];
        if (status !== undefined && status !== '0') fail(new Error(`server answered grpc-status ${status}`));
      });
      req.on('data', (chunk) => {
        if (answered || reader.push(chunk) === 0) return;
        answered = true;
        inflight--;
        allCompleted++;
        if (w.measuring) {
          completed++;
          hist.record(Math.max(1, Math.round((performance.now() - begin) * 1e6)));
        }
        closer(req, rstCode);
        launch(slot);
      });
      req.on('error', () => {});
      req.on('close', () => {
        if (answered) return;
        answered = true;
        inflight--;
        if (w.measuring) errors++;
        // Streams lost with a connection are expected after a GOAWAY; a server that fails
        // most streams is not.
        if (++allErrors > MAX_ERRORS && allErrors > allCompleted) {
          fail(new Error(`${allErrors} streams failed (${allCompleted} answered)`));
        }
        setImmediate(() => launch(slot));
      });
      req.write(FRAME);
    };

    const finish = () => {
      for (const s of sessions) s.destroy();
      if (failed !== null) reject(failed);
      else {
        try {
          resolve(
            summarize(hist, completed, errors, w.start, w.end, {
              inflightAtEnd: inflight,
              goaways: w.end.goaways - w.start.goaways,
              goawayCodes: [...goawayCodes],
            }),
          );
        } catch (error) {
          reject(error);
        }
      }
    };

    let launched = false;
    const go = () => {
      if (launched) return;
      launched = true;
      for (let i = 0; i < concurrency; i++) launch(i);
      runWindow(w, {
        warmupMs,
        measureMs,
        mark: () => ({ ...windowMarks(serverPid), goaways }),
        drained: () => inflight === 0,
        finish,
      });
    };
    let connected = 0;
    for (const s of sessions) {
      s.once('connect', () => {
        if (++connected === sessions.length) go();
      });
    }
    setTimeout(() => {
      if (!launched) {
        for (const s of sessions) s.destroy();
        reject(failed ?? new Error('could not connect within 5 s'));
      }
    }, 5000);
  });
}

/**
 * The load shape of a streamsRaw or streamsNative job, checked: its endpoints, how a stream ends
 * (`rst`: the RST_STREAM code after the half-close, null for none) and how it picks an endpoint.
 */
function loadShape({ port, ports = [port], close, rstCode, rate = 0, lb = 'round-robin' }) {
  if (close !== 'rst' && close !== 'graceful') throw new Error(`unknown close mode ${close}`);
  if (lb !== 'round-robin' && lb !== 'least-request') throw new Error(`unknown lb ${lb}`);
  return { ports, rst: close === 'rst' ? rstCode : null, rate, lb, leastRequest: lb === 'least-request' };
}

/**
 * The same load shape as `streams`, driven by the raw-frame client (lib/h2-frames.mjs), which
 * costs the load generator far less CPU per stream than node:http2. On GOAWAY the connection is
 * replaced for new streams while the streams it still accepted finish on it, as Envoy does.
 *
 * With `ports` (several endpoints, bench/processes.mjs) it plays an Envoy with `connections`
 * worker threads: each worker holds one connection to every endpoint and sends each new stream
 * to the next endpoint in turn (round robin per request); slot i belongs to worker i % connections.
 * `lb: 'least-request'` picks like Envoy's LEAST_REQUEST with its defaults instead (N_CHOICES,
 * choice_count 2): two endpoints drawn at random, each draw independent here, and the one with
 * fewer streams in flight from every worker wins.
 *
 * `rate` > 0 makes the load open: streams arrive at `rate` per second whatever the servers
 * answer (as requests reach an Envoy from many clients), spread over the workers in turn, and
 * `concurrency` is then the cap on streams in flight (Envoy's circuit breaker `max_requests`); an
 * arrival that finds the cap reached is dropped and counted (`overflow`), as Envoy rejects it.
 * Without `rate` the load is closed: `concurrency` streams in flight, each answered stream
 * replaced by a new one at once.
 */
function streamsRaw(job) {
  const { serverPid, warmupMs, measureMs, concurrency, connections } = job;
  const { ports, rst, rate, leastRequest } = loadShape(job);
  return new Promise((resolve, reject) => {
    let failed = null;
    const fail = (error) => {
      failed ??= error;
    };
    const hist = createHistogram();
    const all = new Set();
    const endpoints = ports.length;
    // conns[w * endpoints + e]: worker w's connection to endpoint e; next[w]: its round robin.
    const conns = new Array(connections * endpoints);
    const next = new Array(connections).fill(0);
    const waiting = [];
    const goawayCodes = new Set();
    let goaways = 0;
    let reconnects = 0;
    let connectionErrors = 0;
    const open = rate > 0;
    const w = windowState();
    const occupancy = new Occupancy(endpoints);
    let reads = 0;
    let started = 0;
    let inflight = 0;
    let completed = 0;
    let errors = 0;
    let allErrors = 0;
    let allCompleted = 0;
    let lastFailure = null;

    const retireIfIdle = (conn) => {
      if (conn.draining && conn.streams.size === 0) setImmediate(() => conn.destroy());
    };
    const replace = (i, conn) => {
      if (conns[i] !== conn || w.stopping) return;
      if (++reconnects > MAX_RECONNECTS) fail(new Error(`more than ${MAX_RECONNECTS} reconnections`));
      conns[i] = connect(i);
    };
    const connect = (i) => {
      const endpoint = i % endpoints;
      const conn = new RawH2Connection(ports[endpoint], REQUEST_HEADERS, FRAME, {
        connected: () => drain(),
        windowOpen: () => drain(),
        read: () => reads++,
        reply: (id, state) => {
          occupancy.ended(endpoint);
          inflight--;
          allCompleted++;
          if (w.measuring) {
            completed++;
            hist.record(Math.max(1, Math.round((performance.now() - state.begin) * 1e6)));
          }
          conn.finish(id, rst);
          retireIfIdle(conn);
          if (!open) launch(state.slot);
        },
        failed: (_id, why, state) => {
          occupancy.ended(endpoint);
          inflight--;
          lastFailure = why;
          if (w.measuring) errors++;
          if (++allErrors > MAX_ERRORS && allErrors > allCompleted) {
            fail(new Error(`${allErrors} streams failed (${allCompleted} answered); last: ${why}`));
          }
          retireIfIdle(conn);
          if (!open) setImmediate(() => launch(state.slot));
        },
        goaway: (_last, code) => {
          goaways++;
          goawayCodes.add(code);
          replace(i, conn);
          retireIfIdle(conn);
          drain();
        },
        closed: (error) => {
          all.delete(conn);
          if (error !== null && !w.stopping && ++connectionErrors > 100) fail(error);
          replace(i, conn);
          drain();
        },
      });
      all.add(conn);
      return conn;
    };

    const launch = (slot) => {
      if (w.stopping || failed !== null || started >= MAX_STREAMS) return;
      const worker = slot % connections;
      let endpoint = 0;
      if (endpoints > 1 && leastRequest) {
        const a = Math.floor(Math.random() * endpoints);
        const b = Math.floor(Math.random() * endpoints);
        // Streams in flight per endpoint from every worker, what LEAST_REQUEST compares.
        endpoint = occupancy.inflight(b) < occupancy.inflight(a) ? b : a;
      } else if (endpoints > 1) endpoint = next[worker]++ % endpoints;
      const conn = conns[worker * endpoints + endpoint];
      if (!conn.canStart()) {
        waiting.push(slot);
        return;
      }
      started++;
      inflight++;
      occupancy.started(endpoint);
      conn.start({ slot, begin: performance.now() });
    };
    const drain = () => {
      for (let n = waiting.length; n > 0 && !w.stopping; n--) launch(waiting.shift());
    };

    for (let i = 0; i < conns.length; i++) conns[i] = connect(i);
    let arrived = 0;
    let overflow = 0;
    let arrivals = null;
    if (open) {
      // Arrivals due by now, checked every millisecond: a late timer sends the missed ones at
      // once, as a burst of requests would reach Envoy.
      const t0 = performance.now();
      arrivals = setInterval(() => {
        if (w.stopping) return clearInterval(arrivals);
        const due = Math.floor(((performance.now() - t0) * rate) / 1000);
        for (; arrived < due; arrived++) {
          if (inflight + waiting.length < concurrency) launch(arrived);
          else overflow++;
        }
      }, 1);
    } else for (let slot = 0; slot < concurrency; slot++) launch(slot);

    const finish = () => {
      clearInterval(arrivals);
      for (const conn of all) conn.destroy();
      if (failed !== null) reject(failed);
      else if (completed === 0) reject(new Error(`no stream was answered; last failure: ${lastFailure}`));
      else {
        try {
          resolve(
            summarize(
              hist,
              completed,
              errors,
              w.start,
              w.end,
              rawExtra(w, completed, {
                goawayCodes: [...goawayCodes],
                lastFailure,
                inflightAtEnd: inflight,
                open,
              }),
            ),
          );
        } catch (error) {
          reject(error);
        }
      }
    };
    runWindow(w, {
      warmupMs,
      measureMs,
      mark: () => ({
        ...windowMarks(serverPid),
        goaways,
        reads,
        arrived,
        overflow,
        occupancy: occupancy.mark(),
      }),
      drained: () => inflight === 0,
      finish,
    });
  });
}

/** Figures of streamsRaw's result that come from the load generator, for both clients. */
function rawExtra(w, completed, { goawayCodes, lastFailure, inflightAtEnd, open }) {
  const elapsedMs = w.end.t - w.start.t;
  return {
    inflightAtEnd,
    goaways: w.end.goaways - w.start.goaways,
    goawayCodes,
    lastFailure,
    // Each server process's share, % of a core (one entry for a one-process server).
    serverCpuPctEach: w.end.servers.map((us, i) => ((us - w.start.servers[i]) / (elapsedMs * 1000)) * 100),
    serverSched: w.end.sched.map((end, i) => schedDelta(w.start.sched[i], end, elapsedMs, completed)),
    clientSched: schedDelta(w.start.selfSched, w.end.selfSched, elapsedMs, completed),
    // Per endpoint: % of the window with no stream in flight, and the mean in flight.
    endpoints: Occupancy.between(w.start.occupancy, w.end.occupancy),
    // Open load: streams/s offered in the window, and arrivals dropped at the cap.
    offeredRate: open
      ? ((w.end.arrived - w.start.arrived) / (w.end.occupancy.t - w.start.occupancy.t)) * 1000
      : null,
    overflow: w.end.overflow - w.start.overflow,
    // Replies the load generator took from one socket read (the servers' write batches).
    repliesPerRead: w.end.reads - w.start.reads > 0 ? completed / (w.end.reads - w.start.reads) : null,
  };
}

/**
 * streamsRaw's load shapes and figures, played by bench/native/envoy-load.c (`binary`, built by
 * the caller with lib/native-load.mjs) instead of this process: its worker threads are the
 * Envoy workers. The window's edges are this process's marks of the servers and of the C
 * process's CPU, taken as it reads the C process's own running totals.
 */
async function streamsNative(job) {
  const { binary, serverPid, warmupMs, measureMs, concurrency, connections } = job;
  const { ports, rst, rate, lb } = loadShape(job);
  const load = await startNativeLoad(binary, {
    ports,
    workers: connections,
    concurrency,
    rate,
    lb,
    rstCode: rst,
    headers: REQUEST_HEADERS,
    message: FRAME,
  });
  const client = { pid: load.pid, tid: load.tids[0] };
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  // Its totals under the names streamsRaw's marks use; the window's length on its clock (the
  // streams were counted on it), the CPU on ours.
  const edge = (totals) => ({
    ...windowMarks(serverPid, client),
    t: totals.t,
    goaways: totals.goaways,
    reads: totals.reads,
    arrived: totals.arrived,
    overflow: totals.overflow,
    completed: totals.completed,
    errors: totals.errors,
    occupancy: { t: totals.t, emptyMs: totals.emptyMs, areaMs: totals.areaMs },
  });
  try {
    await sleep(warmupMs);
    const start = edge(await load.start());
    await sleep(measureMs);
    // The window ends at the C process's last totals; the drain after them is not in it.
    const stopped = load.stop();
    const w = { start, end: edge(await stopped.mark) };
    const done = await stopped.done;
    if (done.fatal !== null) throw new Error(`envoy-load: ${done.fatal}; last failure: ${done.lastFailure}`);
    const completed = w.end.completed - w.start.completed;
    if (completed === 0) throw new Error(`no stream was answered; last failure: ${done.lastFailure}`);
    return {
      ...summarize(
        null,
        completed,
        w.end.errors - w.start.errors,
        w.start,
        w.end,
        rawExtra(w, completed, {
          goawayCodes: done.goawayCodes,
          lastFailure: done.lastFailure,
          inflightAtEnd: done.inflight,
          open: rate > 0,
        }),
      ),
      p50Us: done.p50Us,
      p99Us: done.p99Us,
      maxUs: done.maxUs,
      client: 'native',
    };
  } finally {
    load.kill();
  }
}

function long({ port, serverPid, warmupMs, measureMs, depth }) {
  return new Promise((resolve, reject) => {
    let failed = null;
    const fail = (error) => {
      failed ??= error;
    };
    const session = connect(port, fail);
    const reader = new FrameReader();
    const w = windowState();
    let sent = 0;
    let received = 0;
    let counted = 0;
    let req = null;

    const send = () => {
      if (w.stopping || failed !== null || sent >= MAX_MESSAGES) return;
      sent++;
      req.write(FRAME);
    };
    const finish = () => {
      req?.close(NGHTTP2_CANCEL);
      session.destroy();
      if (failed !== null) reject(failed);
      else {
        try {
          resolve(summarize(null, counted, 0, w.start, w.end, { inflightAtEnd: sent - received, depth }));
        } catch (error) {
          reject(error);
        }
      }
    };

    session.once('connect', () => {
      req = session.request(REQUEST_HEADERS);
      req.on('response', (headers) => {
        const status = headers['grpc-status'];
        if (status !== undefined && status !== '0') fail(new Error(`server answered grpc-status ${status}`));
      });
      req.on('data', (chunk) => {
        const n = reader.push(chunk);
        received += n;
        if (w.measuring) counted += n;
        for (let i = 0; i < n; i++) send();
      });
      req.on('error', fail);
      req.on('close', () => {
        if (!w.stopping) fail(new Error('the long-lived stream closed early'));
      });
      for (let i = 0; i < depth; i++) send();
      runWindow(w, {
        warmupMs,
        measureMs,
        mark: () => windowMarks(serverPid),
        drained: () => received >= sent || failed !== null,
        finish,
      });
    });
    setTimeout(() => {
      if (req === null) {
        fail(new Error('could not connect within 5 s'));
        finish();
      }
    }, 5000);
  });
}

const jobs = { probe, streams, streamsRaw, streamsNative, long };

childLifecycle('loadgen');
process.on('message', (message) => {
  const job = jobs[message?.type];
  if (job === undefined) return;
  // A job that throws before its promise (bad options) answers with the error too.
  Promise.resolve(message)
    .then(job)
    .then(
      (result) => process.send({ id: message.id, ok: true, result }),
      (error) => process.send({ id: message.id, ok: false, error: String(error?.stack ?? error) }),
    );
});
process.send({ type: 'ready', pid: process.pid });
