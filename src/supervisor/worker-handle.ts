/**
 * The supervisor's side of one worker process: forks it, follows its messages and its end, and
 * asks it to reload or stop.
 *
 * `child_process.fork`, not `node:cluster`: a cluster worker's `listen` is routed through the
 * primary (with the default round-robin scheduling the primary even accepts every connection and
 * hands it over), which puts the supervisor on the connection path and makes ports shared
 * handles. Each worker here binds its own endpoint itself; the supervisor only starts, watches
 * and signals. Workers run in their own process group (`detached`), so a Ctrl-C at a terminal
 * reaches the supervisor alone, which decides how each worker stops; the IPC channel closing
 * tells a worker that its supervisor is gone.
 *
 * @module
 */
import { type ChildProcess, fork } from 'node:child_process';
import { type FromWorker, type ToWorker, workerArgv } from './messages.js';

/** How a start attempt ended. */
export type StartResult =
  | { readonly ok: true; readonly address: string }
  | { readonly ok: false; readonly message: string; readonly code: string | null };

/** How a worker process ended. */
export interface WorkerEnd {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Its `stopped` report, when it stopped on request or on its own signal. */
  readonly stopped: { readonly cutStreams: number } | null;
  /** Whether it was serving (had reported `listening`). */
  readonly wasListening: boolean;
  /** Why it did not start, when it ended before listening. */
  readonly startError: string | null;
}

/** One worker process under supervision; a new process on each {@link WorkerHandle.start}. */
export class WorkerHandle {
  readonly index: number;
  /** Where it listens: the configured endpoint, then the bound one (a restart keeps its port). */
  address: string;
  #child: ChildProcess | null = null;
  #listening = false;
  #ready = false;
  readonly #metrics = new Map<number, (metrics: unknown[] | null) => void>();
  #stopped: { cutStreams: number } | null = null;
  /** The stop asked of the current process (`true`: drain), repeated once it listens. */
  #stopAsked: boolean | null = null;
  readonly #reloads = new Map<number, (ok: boolean) => void>();
  readonly #module: string;
  readonly #config: string;
  readonly #processes: number;
  readonly #onEnd: (worker: WorkerHandle, end: WorkerEnd) => void;

  constructor(options: {
    index: number;
    address: string;
    module: string;
    config: string;
    /** How many processes the supervisor runs (default 1). */
    processes?: number;
    onEnd: (worker: WorkerHandle, end: WorkerEnd) => void;
  }) {
    this.#processes = options.processes ?? 1;
    this.index = options.index;
    this.address = options.address;
    this.#module = options.module;
    this.#config = options.config;
    this.#onEnd = options.onEnd;
  }

  /** The running process's id, if one runs. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Whether a process runs (started and not yet ended). */
  get running(): boolean {
    return this.#child !== null;
  }

  /** Whether the running process reported itself ready (serving, not draining). */
  get ready(): boolean {
    return this.#ready;
  }

  /** Whether the running process serves (reported `listening`). */
  get listening(): boolean {
    return this.#listening;
  }

  /**
   * Forks the worker; resolves when it listens, or with its error when it fails to start (it
   * then exits, and `onEnd` follows).
   */
  start(): Promise<StartResult> {
    this.#listening = false;
    this.#ready = false;
    this.#stopped = null;
    this.#stopAsked = null;
    return new Promise((resolve) => {
      let settled = false;
      let startError: string | null = null;
      const settle = (result: StartResult) => {
        if (settled) return;
        settled = true;
        if (!result.ok) startError = result.message;
        resolve(result);
      };
      const child = fork(
        this.#module,
        workerArgv({
          config: this.#config,
          address: this.address,
          index: this.index,
          processes: this.#processes,
        }),
        { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true, serialization: 'json' },
      );
      this.#child = child;
      child.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'listening':
            this.#listening = true;
            this.address = message.address;
            // A stop sent while the worker was loading may have come before it listened for
            // messages: ask again now that it does.
            if (this.#stopAsked !== null) this.#send({ type: 'stop', drain: this.#stopAsked });
            settle({ ok: true, address: message.address });
            break;
          case 'failed':
            settle({ ok: false, message: message.message, code: message.code });
            break;
          case 'reloaded':
            this.#reloads.get(message.id)?.(message.ok);
            this.#reloads.delete(message.id);
            break;
          case 'stopped':
            this.#stopped = { cutStreams: message.cutStreams };
            break;
          case 'readiness':
            this.#ready = message.ready;
            break;
          case 'metrics':
            this.#metrics.get(message.id)?.(message.metrics);
            this.#metrics.delete(message.id);
            break;
        }
      });
      child.on('error', (error) => {
        // The fork itself failed (or a message could not be sent to a process already gone).
        settle({ ok: false, message: `worker ${this.index}: ${error.message}`, code: null });
      });
      // 'close', not 'exit': it comes after the IPC channel delivered the last messages.
      child.on('close', (code, signal) => {
        const wasListening = this.#listening;
        this.#child = null;
        this.#listening = false;
        this.#ready = false;
        for (const answer of this.#reloads.values()) answer(false);
        this.#reloads.clear();
        for (const answer of this.#metrics.values()) answer(null);
        this.#metrics.clear();
        settle({
          ok: false,
          message: `worker ${this.index} (${this.address}) exited before listening (${describeExit(code, signal)})`,
          code: null,
        });
        this.#onEnd(this, { code, signal, stopped: this.#stopped, wasListening, startError });
      });
    });
  }

  /** Asks the worker to reload its config; resolves with whether it took it (false if it ends first). */
  reload(id: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (!this.#listening) {
        resolve(false);
        return;
      }
      this.#reloads.set(id, resolve);
      this.#send({ type: 'reload', id });
    });
  }

  /**
   * Asks the worker for its metrics (prom-client JSON); resolves with null when it is not
   * serving, ends first, or does not answer within `timeoutMs`.
   */
  metrics(id: number, timeoutMs: number): Promise<unknown[] | null> {
    return new Promise((resolve) => {
      if (!this.#listening) {
        resolve(null);
        return;
      }
      const timer = setTimeout(() => {
        this.#metrics.delete(id);
        resolve(null);
      }, timeoutMs);
      this.#metrics.set(id, (metrics) => {
        clearTimeout(timer);
        resolve(metrics);
      });
      this.#send({ type: 'metrics', id });
    });
  }

  /** Asks the worker to stop: `drain` for the SIGTERM sequence, else the grace period only. */
  stop(drain: boolean): void {
    this.#stopAsked = this.#stopAsked === false ? false : drain;
    this.#send({ type: 'stop', drain });
  }

  /** Ends the process at once (it did not stop in time). */
  kill(): void {
    this.#child?.kill('SIGKILL');
  }

  #send(message: ToWorker): void {
    const child = this.#child;
    if (child === null || !child.connected) return;
    // A send that fails means the channel is gone: the worker then stops on its own (IPC
    // disconnect), and its 'close' answers what was waiting.
    child.send(message, () => {});
  }
}

/** `code 1`, `signal SIGKILL`. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal !== null ? `signal ${signal}` : `code ${code}`;
}
