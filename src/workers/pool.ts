/**
 * The process's one worker pool (piscina), shared by every plugin that asked for workers. It is
 * created with the first task that needs a thread, and destroyed when the last registration is
 * released (its plugins closed: shutdown, or a reload that dropped them).
 *
 * Sizing: a process has `availableParallelism()` cores to itself unless `attache serve
 * --processes N` runs N processes on the machine; each then counts `floor(cores / N)`, keeps one
 * for its main thread (the gRPC streams) and gives the rest, at least one, to its pool. N
 * processes × (1 main + threads) then stays at about the core count; `workers.threads` in
 * attache.yaml sets it outright.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { TaskMessage, TaskReply } from './entry.js';
import { createSlots, QUEUED, SHED, SLOT_COUNT, type Slots } from './slots.js';
import type { WorkerPoolOptions } from './types.js';

/** How a pool task ended, as counted (`attache_worker_tasks_total{outcome}`). */
export type TaskOutcome = 'ok' | 'threw' | 'crashed' | 'shed' | 'cancelled';

/** Per plugin instance: tasks by outcome and the run time of finished ones. */
export interface PluginTaskStats {
  readonly tasks: Readonly<Record<TaskOutcome, number>>;
  /** Seconds from submission to result, summed over tasks that ran (ok, threw, crashed). */
  readonly durationSeconds: { readonly count: number; readonly sum: number; readonly max: number };
}

/** A snapshot of the pool, for metrics (`attache_worker_*`) and tests. */
export interface WorkerPoolStats {
  /** Whether the pool exists right now. */
  readonly running: boolean;
  /** Threads the pool may run (its size). */
  readonly threads: number;
  /** Tasks waiting for a thread. */
  readonly queueSize: number;
  /** Per plugin instance name. */
  readonly plugins: Readonly<Record<string, PluginTaskStats>>;
}

/** Called once per finished pool task (for a duration histogram). */
export type TaskListener = (plugin: string, outcome: TaskOutcome, seconds: number) => void;

/** What the pool answers a task with, after its own retries. */
export type PoolResult =
  | { readonly kind: 'done'; readonly value: unknown; readonly input: Uint8Array | undefined }
  | {
      readonly kind: 'threw';
      readonly message: string;
      readonly name: string;
      readonly input: Uint8Array | undefined;
    }
  | { readonly kind: 'shed'; readonly input?: Uint8Array | undefined }
  | { readonly kind: 'crashed'; readonly error: Error }
  /** The pool did not take it (its queue is full, `workers.maxQueue`): it never ran. */
  | { readonly kind: 'refused'; readonly error: Error }
  | { readonly kind: 'cancelled' };

/** One task as a registration hands it over. */
export interface PoolTask {
  readonly bytes: Uint8Array;
  readonly arg: unknown;
  /** Whether `bytes` is attache's lent body (transferred, comes back). */
  readonly lent: boolean;
  /** Deadline in epoch ms; re-read by {@link PoolTask.extendedDeadline} when it passes. */
  readonly deadline: number;
  /** The deadline now (it may have moved: `ctx.requestMoreTime`); `-Infinity` once it is over. */
  extendedDeadline(): number;
  /** Aborted when the task's stream ends. */
  readonly signal: AbortSignal | undefined;
}

let settings: WorkerPoolOptions = {};
let processCount = 1;

/**
 * Sets the pool's options (attache.yaml `workers`); they take effect when the pool is next
 * created.
 */
export function configureWorkerPool(options: WorkerPoolOptions | undefined): void {
  settings = options ?? {};
}

/** Tells the pool how many attache processes share this machine (`attache serve --processes`). */
export function setProcessCount(n: number): void {
  processCount = Math.max(1, Math.floor(n));
}

/** The default pool size for `cores` shared by `processes` processes (see the module comment). */
export function defaultThreads(cores: number, processes: number): number {
  return Math.max(1, Math.floor(cores / Math.max(1, processes)) - 1);
}

/** The pool size the settings give now. */
export function poolThreads(): number {
  return settings.threads ?? defaultThreads(availableParallelism(), processCount);
}

const DEFAULT_MAX_QUEUE = 1024;

/**
 * The thread entry. Run from the TypeScript sources (tests), the compiled one beside them in
 * `dist/` is used: threads load JavaScript with Node's own loader.
 */
function entryFile(): string {
  const here = fileURLToPath(new URL('./entry.js', import.meta.url));
  if (existsSync(here)) return here;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return path.join(root, 'dist', path.relative(root, here));
}

const EMPTY_STATS = (): { tasks: Record<TaskOutcome, number>; count: number; sum: number; max: number } => ({
  tasks: { ok: 0, threw: 0, crashed: 0, shed: 0, cancelled: 0 },
  count: 0,
  sum: 0,
  max: 0,
});

class SharedPool {
  #piscina: Piscina | null = null;
  #slots: Slots | null = null;
  /** Tasks that may wait for a thread (checked here: piscina counts only unabortable ones). */
  #maxQueue = DEFAULT_MAX_QUEUE;
  #nextId = 0;
  #nextKey = 1;
  readonly #live = new Set<number>();
  readonly #stats = new Map<string, ReturnType<typeof EMPTY_STATS>>();
  readonly #listeners = new Set<TaskListener>();
  #destroying: Promise<void> | null = null;

  register(): number {
    const key = this.#nextKey++;
    this.#live.add(key);
    return key;
  }

  async release(key: number): Promise<void> {
    if (!this.#live.delete(key) || this.#live.size > 0) return;
    const pool = this.#piscina;
    this.#piscina = null;
    this.#slots = null;
    if (pool !== null) {
      const destroying = pool.destroy();
      this.#destroying = destroying;
      await destroying;
      if (this.#destroying === destroying) this.#destroying = null;
    }
  }

  /** The lowest live key: threads drop state of registrations below it. */
  #floor(): number {
    let floor = this.#nextKey;
    for (const k of this.#live) if (k < floor) floor = k;
    return floor;
  }

  #pool(): { piscina: Piscina; slots: Slots } {
    if (this.#piscina === null || this.#slots === null) {
      const slots = createSlots();
      const threads = poolThreads();
      this.#maxQueue = Math.min(settings.maxQueue ?? DEFAULT_MAX_QUEUE, SLOT_COUNT - 2 * threads - 64);
      this.#piscina = new Piscina({
        filename: entryFile(),
        minThreads: 1,
        maxThreads: threads,
        // An idle thread goes after a minute; one stays, so a burst does not wait for a start.
        idleTimeout: 60_000,
        workerData: { slots },
        resourceLimits:
          settings.maxHeapMb === undefined ? undefined : { maxOldGenerationSizeMb: settings.maxHeapMb },
      });
      // A thread that dies fails its task (reported there); piscina replaces it.
      this.#piscina.on('error', () => {});
      this.#slots = slots;
    }
    return { piscina: this.#piscina, slots: this.#slots };
  }

  stats(): WorkerPoolStats {
    const plugins: Record<string, PluginTaskStats> = {};
    for (const [name, s] of this.#stats) {
      plugins[name] = { tasks: { ...s.tasks }, durationSeconds: { count: s.count, sum: s.sum, max: s.max } };
    }
    return {
      running: this.#piscina !== null,
      threads: this.#piscina?.maxThreads ?? poolThreads(),
      queueSize: this.#piscina?.queueSize ?? 0,
      plugins,
    };
  }

  onTask(listener: TaskListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #count(plugin: string, outcome: TaskOutcome, startedAt: number): void {
    let s = this.#stats.get(plugin);
    if (s === undefined) this.#stats.set(plugin, (s = EMPTY_STATS()));
    s.tasks[outcome]++;
    const seconds = (performance.now() - startedAt) / 1000;
    if (outcome === 'ok' || outcome === 'threw' || outcome === 'crashed') {
      s.count++;
      s.sum += seconds;
      if (seconds > s.max) s.max = seconds;
    }
    for (const listener of this.#listeners) listener(plugin, outcome, seconds);
  }

  /**
   * Starts the pool if needed and loads registration `key` in one thread (module and setup), so
   * the first large body does not pay for a thread start. Rejects with the thread's error.
   */
  async warm(key: number, url: string, options: unknown): Promise<void> {
    if (this.#destroying !== null) await this.#destroying;
    const { piscina } = this.#pool();
    const message: TaskMessage = {
      k: key,
      f: this.#floor(),
      u: url,
      o: { value: options },
      b: new Uint8Array(0),
      a: undefined,
      s: 0,
      t: false,
      w: true,
    };
    const reply = (await piscina.run(message)) as TaskReply;
    if (reply.kind === 'threw') throw new Error(`${reply.name}: ${reply.message}`);
  }

  /** Runs `task` for registration `key` (module `url`, `options`) of `plugin` in the pool. */
  async run(key: number, url: string, options: unknown, plugin: string, task: PoolTask): Promise<PoolResult> {
    const startedAt = performance.now();
    const result = await this.#run(key, url, options, task);
    const kind = result.kind;
    this.#count(plugin, kind === 'done' ? 'ok' : kind === 'refused' ? 'shed' : kind, startedAt);
    return result;
  }

  async #run(key: number, url: string, options: unknown, task: PoolTask): Promise<PoolResult> {
    if (this.#destroying !== null) await this.#destroying;
    const { piscina, slots } = this.#pool();
    if (piscina.queueSize >= this.#maxQueue) {
      return { kind: 'refused', error: new Error(`${piscina.queueSize} tasks already wait for a thread`) };
    }
    const id = this.#nextId++;
    const s = id % SLOT_COUNT;
    Atomics.store(slots.state, s, QUEUED);
    slots.deadline[s] = task.deadline;
    const abort = new AbortController();
    let ended: 'shed' | 'cancelled' | null = null;

    /** Sheds the task if no thread took it yet; true when it did. */
    const shed = (): boolean => Atomics.compareExchange(slots.state, s, QUEUED, SHED) === QUEUED;
    let timer: NodeJS.Timeout | undefined;
    const arm = (at: number): void => {
      if (!Number.isFinite(at)) return;
      timer = setTimeout(
        () => {
          const later = task.extendedDeadline();
          if (later > at) {
            // `ctx.requestMoreTime`: the thread sees the new deadline too.
            slots.deadline[s] = later;
            arm(later);
          } else if (shed()) {
            ended = 'shed';
            abort.abort();
          }
        },
        Math.max(0, at - (performance.timeOrigin + performance.now())),
      );
    };
    arm(task.deadline);
    const onStreamEnd = (): void => {
      // Queued: shed. Running: piscina stops its thread (and starts another).
      ended = shed() ? 'shed' : 'cancelled';
      abort.abort();
    };
    task.signal?.addEventListener('abort', onStreamEnd, { once: true });
    const send = (bytes: Uint8Array, withOptions: boolean): Promise<TaskReply> => {
      const message: TaskMessage = {
        k: key,
        f: this.#floor(),
        u: url,
        o: withOptions ? { value: options } : undefined,
        b: bytes,
        a: task.arg,
        s,
        t: task.lent,
      };
      return piscina.run(message, {
        signal: abort.signal,
        // The bytes are the task's own (a copy, or the lent body): never cloned again.
        transferList: bytes.byteLength > 0 ? [bytes.buffer as ArrayBuffer] : [],
      }) as Promise<TaskReply>;
    };
    try {
      let reply = await send(task.bytes, false);
      // The thread had not met this registration: the bytes came back; the options go along.
      if (reply.kind === 'missing') reply = await send(reply.input, true);
      if (reply.kind === 'missing' || reply.kind === 'ready') {
        return { kind: 'crashed', error: new Error('registration lost') };
      }
      return reply;
    } catch (error) {
      if (ended !== null) return { kind: ended };
      const state = Atomics.load(slots.state, s);
      if (state === SHED) return { kind: 'shed' };
      // Never taken by a thread, yet failed: piscina refused it.
      if (state === QUEUED) return { kind: 'refused', error: error as Error };
      return { kind: 'crashed', error: error as Error };
    } finally {
      clearTimeout(timer);
      task.signal?.removeEventListener('abort', onStreamEnd);
      // A task that never reached a thread leaves its slot free.
      Atomics.compareExchange(slots.state, s, QUEUED, SHED);
    }
  }
}

const shared = new SharedPool();

/** @internal The process's pool. */
export function sharedPool(): SharedPool {
  return shared;
}

/**
 * @internal Pool statistics: queue size, tasks by plugin and outcome, task durations (the
 * source of `attache_worker_tasks_total`, `attache_worker_queue_size` and
 * `attache_worker_task_duration_seconds`).
 */
export function workerPoolStats(): WorkerPoolStats {
  return shared.stats();
}

/** @internal Calls `listener` for every finished pool task; returns the unsubscribe function. */
export function onWorkerTask(listener: TaskListener): () => void {
  return shared.onTask(listener);
}
