/**
 * The public shape of worker tasks: what a worker module exports, what `api.workers()` takes and
 * what it returns.
 *
 * @module
 */
import type { PhaseContextBase } from '../plugin/types.js';

/**
 * What a worker module exports as its default export. The module runs in worker threads (and,
 * for inputs below the threshold, on the main thread), so it imports only what its work needs,
 * not attache.
 *
 * @typeParam O - the options `setup` receives (structured-clonable: they are sent to each thread).
 * @typeParam S - the per-thread state `setup` prepares (compiled templates, tables).
 * @typeParam A - the small extra argument of each task (structured-clonable), if any.
 * @typeParam R - what a task returns (structured-clonable; `Uint8Array`s in it, at its top level
 *   or one level down, travel back without a copy).
 *
 * @example
 * ```ts
 * import type { WorkerModule } from 'attache-extproc';
 *
 * export default {
 *   setup: (o: { word: string }) => new RegExp(o.word, 'g'),
 *   run: (bytes, re) => Buffer.from(Buffer.from(bytes).toString().replace(re, '***')),
 * } satisfies WorkerModule<{ word: string }, RegExp, undefined, Uint8Array>;
 * ```
 */
export interface WorkerModule<O = never, S = unknown, A = undefined, R = unknown> {
  /** Runs once per thread (and once on the main thread) before its first task. */
  setup?(options: O): S | Promise<S>;
  /**
   * One task: `bytes` are the task's own (a copy, or the transferred body), free to change.
   * A throw fails only this task's exchange.
   */
  run(bytes: Uint8Array, state: S, arg: A): R | Promise<R>;
}

// biome-ignore lint/suspicious/noExplicitAny: matches any worker module.
type AnyWorkerModule = WorkerModule<any, any, any, any>;

/** The options type of a worker module. */
export type WorkerOptionsOf<W extends AnyWorkerModule> = undefined extends W['setup']
  ? Parameters<NonNullable<W['setup']>>[0] | undefined
  : Parameters<NonNullable<W['setup']>>[0];
/** The task argument type of a worker module. */
export type WorkerArgOf<W extends AnyWorkerModule> = Parameters<W['run']>[2];
/** The result type of a worker module's tasks. */
export type WorkerResultOf<W extends AnyWorkerModule> = Awaited<ReturnType<W['run']>>;

/** What `api.workers()` takes. */
export interface WorkersSpec<W extends AnyWorkerModule> {
  /**
   * The worker module: a path relative to the plugin's own file (`./mask.worker.js`), a package
   * specifier resolved from the plugin's folder (`my-plugin/worker`), or a `file:` URL (e.g.
   * `new URL('./mask.worker.js', import.meta.url)`). Must be JavaScript: worker threads load it
   * with Node's own `import`.
   */
  readonly module: string | URL;
  /** What the module's `setup` receives, in every thread (structured-clonable). */
  readonly options?: WorkerOptionsOf<W>;
  /**
   * Inputs of at least this many bytes run in the worker pool; smaller ones run inline, on the
   * main thread, through the same `run` function. Default {@link DEFAULT_WORKER_THRESHOLD}.
   */
  readonly threshold?: number;
}

/** Runs a worker module's tasks, inline or in the pool by size (from `api.workers()`). */
export interface Workers<A = undefined, R = unknown> {
  /** The size from which inputs go to the pool. */
  readonly threshold: number;
  /** The plugin instance the tasks count for (pool statistics). */
  readonly plugin: string;
  /**
   * Runs one task over `bytes` for the message of `ctx`. Below the threshold this calls the
   * module's `run` right here and returns what it returns (a plain value stays synchronous).
   * From the threshold on, the task goes to the pool with what is left of the message's time:
   * when that runs out before a thread takes it, it is shed (rejected with
   * `ATTACHE_ERR_WORKER_SHED`, never run); when the stream ends first, it is dropped and a
   * running one is stopped; when its function throws or its thread dies, it rejects with
   * `ATTACHE_ERR_WORKER_FAILED`. Either way the plugin's failure mode decides the exchange.
   *
   * `bytes` are transferred to the thread, without a copy, when they are the body attache
   * collected for this step (`ctx.body.bytes()` / `ctx.chunk.bytes()` of a collected body) and
   * the plugin fails closed; they come back with the result. Anything else is copied once.
   */
  run(
    bytes: Uint8Array,
    ctx: PhaseContextBase,
    ...arg: A extends undefined ? [arg?: A] : [arg: A]
  ): R | Promise<R>;
}

/**
 * Default of {@link WorkersSpec.threshold}: 256 KiB, the break-even measured by `bench/pool.mjs`
 * (the body size from which offloading costs the main thread less than running inline) on a
 * quiet machine, Node 24, two runs (64 KiB still cheaper inline, 256 KiB cheaper offloaded; runs
 * on a loaded machine ranged from 16 KiB to 256 KiB: see bench/README.md).
 */
export const DEFAULT_WORKER_THRESHOLD = 256 * 1024;

/**
 * The worker pool of the process (`workers` in attache.yaml). One pool serves every plugin; it
 * starts with the first task that needs it and stops when no plugin uses it any more.
 */
export interface WorkerPoolOptions {
  /**
   * Threads in the pool. Default: the cores this process may use, minus one for its main
   * thread, at least 1; with `attache serve --processes N` the cores are shared by N processes
   * (`max(1, floor(cores / N) - 1)`).
   */
  readonly threads?: number;
  /** Tasks that may wait for a thread; more are refused as failed (default 1024). */
  readonly maxQueue?: number;
  /** Heap limit of each thread in MiB; a task that exceeds it fails and its thread is replaced. */
  readonly maxHeapMb?: number;
}

export type { AnyWorkerModule };
