/**
 * `attache serve --processes N` with N > 1: a small supervisor that runs one attache server per
 * process, each on its own endpoint (`endpoints.ts`), and serves as long as they do.
 *
 * - Start: every worker starts at once; the first that fails (bad plugin, port taken) fails the
 *   whole start with its own error, after the others are stopped: no restart loop at start.
 * - A worker that dies later is restarted on the same endpoint, after a backoff that doubles from
 *   {@link RESTART_MIN_MS} to {@link RESTART_MAX_MS} while it keeps dying, logged with why.
 * - SIGTERM: every worker drains (health NOT_SERVING and `/readyz` 503 for
 *   `timeouts.drainDelayMs`, then `timeouts.shutdownGraceMs`); SIGINT skips the delay; a second
 *   signal cuts what is open and stops at once. The result is 0 when every worker stopped
 *   without cutting a stream, else 1.
 * - The admin listener (`admin.address`) runs here, once (admin.ts): workers open none.
 * - SIGHUP (and `--watch`): the config is loaded and checked here, then every worker reloads it.
 *
 * @module
 */
import { fileURLToPath } from 'node:url';
import { startConfigReloader } from '../cli/reloader.js';
import type { AdminSetting } from '../cli/serve.js';
import { waitForSignal } from '../cli/signals.js';
import type { LoadedConfig } from '../config/load-config.js';
import { AttacheError, ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import { Readiness } from '../server/readiness.js';
import { NODE_HAS_RESET_RATE_OPTIONS, RESET_RATE_WARNING } from '../transport/http2.js';
import { startSupervisorAdmin } from './admin.js';
import { endpointAddresses, writeEndpointsFile } from './endpoints.js';
import { describeExit, type WorkerEnd, WorkerHandle } from './worker-handle.js';

/** First restart delay of a worker that died. */
export const RESTART_MIN_MS = 100;
/** Longest restart delay. */
export const RESTART_MAX_MS = 10_000;
/** A worker that served this long before dying restarts after the shortest delay again. */
const STABLE_MS = 30_000;
/** Time a stopping worker gets beyond its drain delay and grace period before it is killed. */
const STOP_MARGIN_MS = 5_000;

/** Options of {@link supervise}. */
export interface SuperviseOptions {
  readonly loaded: LoadedConfig;
  readonly log: Logger;
  readonly processes: number;
  /** `--address`, over the config's `grpc.address`. */
  readonly address: string | undefined;
  readonly watch: boolean;
  readonly endpointsFile: string | undefined;
  /** The admin listener, or null when off. */
  readonly admin: AdminSetting | null;
}

/** Per worker: when it last started serving, and the next restart delay. */
interface Restart {
  since: number;
  delayMs: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Starts the workers and supervises them until SIGTERM or SIGINT; resolves with the exit code
 * (0: every worker drained cleanly).
 *
 * @throws AttacheError the first worker's start error, when one fails to start.
 */
export async function supervise(options: SuperviseOptions): Promise<number> {
  const { log } = options;
  const readiness = new Readiness();
  const workers: WorkerHandle[] = [];
  // Before any worker: a taken admin port fails the start without forking anything, and /readyz
  // answers 503 while the workers start.
  const admin =
    options.admin === null
      ? null
      : await startSupervisorAdmin(
          options.admin,
          workers,
          readiness,
          log,
          options.loaded.config.metrics.prefix,
        );
  try {
    return await superviseWorkers(options, readiness, workers);
  } finally {
    await admin?.close();
  }
}

async function superviseWorkers(
  options: SuperviseOptions,
  readiness: Readiness,
  workers: WorkerHandle[],
): Promise<number> {
  const { loaded, log } = options;
  const where = options.address === undefined ? `${loaded.file}: grpc.address` : '--address';
  const addresses = endpointAddresses(
    options.address ?? loaded.config.grpc.address,
    options.processes,
    where,
  );
  const module = fileURLToPath(new URL('./worker.js', import.meta.url));
  // Said here once, not by each worker (they run on this same Node: fork uses process.execPath).
  if (loaded.config.grpc.transport === 'http2' && !NODE_HAS_RESET_RATE_OPTIONS) log.warn(RESET_RATE_WARNING);

  let stopping = false;
  let started = false;
  const restarts: Restart[] = addresses.map(() => ({ since: 0, delayMs: RESTART_MIN_MS, timer: null }));
  const ends = new Map<WorkerHandle, (end: WorkerEnd) => void>();

  /** Starts `worker` again after its delay, which doubles for the next time. */
  const restart = (worker: WorkerHandle) => {
    const state = restarts[worker.index] as Restart;
    const delay = state.delayMs;
    state.delayMs = Math.min(delay * 2, RESTART_MAX_MS);
    state.timer = setTimeout(async () => {
      state.timer = null;
      if (stopping) return;
      const result = await worker.start();
      if (result.ok) {
        state.since = Date.now();
        log.info({ worker: worker.index, pid: worker.pid, address: result.address }, 'worker restarted');
      }
      // A failed start ends the process: onEnd logs it and tries again.
    }, delay);
  };

  const onEnd = (worker: WorkerHandle, end: WorkerEnd) => {
    const waiting = ends.get(worker);
    if (waiting !== undefined) {
      ends.delete(worker);
      waiting(end);
      return;
    }
    // A worker that fails at the start fails the whole start (no restart loop).
    if (stopping || (!end.wasListening && !started)) return;
    const state = restarts[worker.index] as Restart;
    if (end.wasListening) {
      if (Date.now() - state.since >= STABLE_MS) state.delayMs = RESTART_MIN_MS;
      const why = end.stopped === null ? describeExit(end.code, end.signal) : 'it stopped on its own signal';
      log.error(
        {
          worker: worker.index,
          address: worker.address,
          code: end.code,
          signal: end.signal,
          restartInMs: state.delayMs,
        },
        `worker ${worker.index} ended (${why}); restarting it in ${state.delayMs} ms`,
      );
    } else {
      log.error(
        { worker: worker.index, address: worker.address, err: end.startError, restartInMs: state.delayMs },
        `worker ${worker.index} failed to restart: ${end.startError ?? describeExit(end.code, end.signal)}; trying again in ${state.delayMs} ms`,
      );
    }
    restart(worker);
  };

  workers.push(
    ...addresses.map(
      (address, index) =>
        new WorkerHandle({
          index,
          address,
          module,
          config: loaded.file,
          processes: addresses.length,
          onEnd,
        }),
    ),
  );
  /** Resolves when `worker`'s current process has ended (at once if none runs). */
  const ended = (worker: WorkerHandle): Promise<WorkerEnd | null> =>
    worker.running ? new Promise((resolve) => ends.set(worker, resolve)) : Promise.resolve(null);

  /** Stops every worker; resolves with how each running one ended (null: none was running). */
  const stopAll = async (drain: boolean, second: AbortSignal | null): Promise<(WorkerEnd | null)[]> => {
    stopping = true;
    readiness.set('draining');
    for (const state of restarts) if (state.timer !== null) clearTimeout(state.timer);
    const { drainDelayMs, shutdownGraceMs } = loaded.config.timeouts;
    const results = workers.map(ended);
    let killer = setTimeout(killAll, (drain ? drainDelayMs : 0) + shutdownGraceMs + STOP_MARGIN_MS);
    second?.addEventListener('abort', () => {
      // Each worker cuts its open streams and exits: it only has its plugins' close left.
      for (const worker of workers) worker.stop(false);
      clearTimeout(killer);
      killer = setTimeout(killAll, STOP_MARGIN_MS);
    });
    for (const worker of workers) worker.stop(drain);
    const outcomes = await Promise.all(results);
    clearTimeout(killer);
    return outcomes;
  };
  /** Whether every worker that ran stopped without cutting a stream; logs each that did not. */
  const drainedCleanly = (outcomes: (WorkerEnd | null)[]): boolean => {
    let clean = true;
    for (const [index, end] of outcomes.entries()) {
      // Not running (waiting for a restart), or not yet serving: nothing to drain.
      if (end === null || !end.wasListening) continue;
      if (end.stopped === null || end.stopped.cutStreams > 0 || end.code !== 0) {
        clean = false;
        log.warn(
          {
            worker: index,
            cutStreams: end.stopped?.cutStreams ?? null,
            exit: describeExit(end.code, end.signal),
          },
          `worker ${index} did not drain cleanly`,
        );
      }
    }
    return clean;
  };
  function killAll() {
    for (const worker of workers) {
      if (!worker.running) continue;
      log.error(
        { worker: worker.index, pid: worker.pid },
        `worker ${worker.index} did not stop in time; killing it`,
      );
      worker.kill();
    }
  }

  // Listening from the start: a signal while the workers start stops them as they come up.
  const quit = new AbortController();
  const signalled = waitForSignal(log, quit.signal);
  const starting = Promise.all(workers.map((w) => w.start()));
  const first = await Promise.race([starting, signalled]);
  if (typeof first === 'string') {
    const outcomes = await stopAll(false, null);
    await starting;
    return drainedCleanly(outcomes) ? 0 : 1;
  }
  const results = first;
  const failed = results.findIndex((r) => !r.ok);
  if (failed !== -1) {
    quit.abort();
    await stopAll(false, null);
    const result = results[failed] as Extract<(typeof results)[number], { ok: false }>;
    throw new AttacheError((result.code as ErrorCode | null) ?? ErrorCode.LISTEN_FAILED, result.message);
  }
  started = true;
  readiness.set('serving');
  const now = Date.now();
  for (const state of restarts) state.since = now;

  // SIGHUP is caught before the line below says the processes serve: a client acting on that
  // line can be quicker than this process's next statement, and Node's default for SIGHUP ends it.
  let reloadId = 0;
  const reloader = startConfigReloader({
    file: loaded.file,
    started: loaded.config,
    log,
    watch: options.watch,
    onResult: (ok, error) => readiness.recordReload(ok, error),
    async apply() {
      const id = ++reloadId;
      const serving = workers.filter((w) => w.listening);
      const taken = await Promise.all(serving.map((w) => w.reload(id)));
      const rejected = serving.filter((_, i) => !taken[i]).map((w) => w.index);
      if (rejected.length > 0) {
        const took = serving.filter((_, i) => taken[i]).map((w) => w.index);
        throw new Error(
          `worker ${rejected.join(', ')} rejected it (its log says why)` +
            (took.length > 0 ? `; worker ${took.join(', ')} took it` : ''),
        );
      }
    },
  });
  const endpoints = workers.map((w) => ({ worker: w.index, address: w.address }));
  // The file first: the log line below then tells a reader that it is there.
  try {
    if (options.endpointsFile !== undefined) {
      await writeEndpointsFile(options.endpointsFile, loaded.config.grpc.transport, endpoints);
    }
  } catch (error) {
    quit.abort();
    reloader.stop();
    await stopAll(false, null);
    throw error;
  }
  log.info(
    {
      processes: workers.length,
      endpoints: endpoints.map((e) => e.address),
      pids: workers.map((w) => w.pid),
    },
    `attache serving on ${workers.length} endpoints, one process each`,
  );
  if (process.stderr.isTTY) {
    process.stderr.write(
      `\nattache is serving ${loaded.file} on ${endpoints.map((e) => e.address).join(', ')} (one process each).\n` +
        `Send a request through one (no Envoy needed):\n  npx -p attache-extproc attache send --target ${endpoints[0]?.address} --path /hello\n\n`,
    );
  }

  let signal: NodeJS.Signals;
  try {
    signal = await signalled;
  } finally {
    reloader.stop();
  }
  const second = new AbortController();
  const done = new AbortController();
  void waitForSignal(log, done.signal).then(() => second.abort());
  try {
    const clean = drainedCleanly(await stopAll(signal === 'SIGTERM', second.signal));
    log.info({ clean }, clean ? 'every worker drained cleanly' : 'stopped; not every worker drained cleanly');
    return clean ? 0 : 1;
  } finally {
    done.abort();
  }
}
