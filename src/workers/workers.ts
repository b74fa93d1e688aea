/**
 * `api.workers()`: one plugin's registration of a worker module, and the handle its handlers
 * run tasks through (inline below the threshold, in the shared pool from it).
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import { ownsWhole } from '../http/body.js';
import type { Logger } from '../log.js';
import { messageOfContext } from '../plugin/context/phase-contexts.js';
import type { PhaseContextBase } from '../plugin/types.js';
import { locateWorkerModule } from './locate.js';
import { type PoolResult, sharedPool } from './pool.js';
import { epochNow } from './slots.js';
import { type AnyWorkerModule, DEFAULT_WORKER_THRESHOLD, type Workers, type WorkersSpec } from './types.js';

/** Who registers: the plugin instance and where its definition lives. */
export interface WorkersOwner {
  /** Instance name. */
  readonly plugin: string;
  /** The file that defined the plugin (`null`: unknown). */
  readonly pluginFile: string | null;
  /** Locates errors, e.g. `attache.yaml: plugins[1] (pan-mask)`. */
  readonly at: string;
  /** The plugin's logger (a module that loads here but not in a thread is reported there). */
  readonly log: Logger;
}

type RunFn = (bytes: Uint8Array, state: unknown, arg: unknown) => unknown;

/** Buffers on loan to a thread: running a second task over them before they are back is refused. */
const lentOut = new WeakSet<Uint8Array>();

function shedError(plugin: string, why: string): AttacheError {
  return new AttacheError(ErrorCode.WORKER_SHED, `worker task of ${plugin} shed: ${why}`);
}

/** A registration (see the module comment); {@link release} ends it. */
class WorkersImpl implements Workers<unknown, unknown> {
  readonly threshold: number;
  readonly plugin: string;
  readonly #key: number;
  readonly #url: string;
  readonly #options: unknown;
  readonly #run: RunFn;
  readonly #state: unknown;
  #released = false;

  constructor(
    owner: WorkersOwner,
    key: number,
    url: string,
    options: unknown,
    threshold: number,
    run: RunFn,
    state: unknown,
  ) {
    this.plugin = owner.plugin;
    this.threshold = threshold;
    this.#key = key;
    this.#url = url;
    this.#options = options;
    this.#run = run;
    this.#state = state;
  }

  run(bytes: Uint8Array, ctx: PhaseContextBase, arg?: unknown): unknown {
    if (lentOut.has(bytes)) {
      throw new AttacheError(
        ErrorCode.INVALID_ARGUMENT,
        'workers.run(): these bytes are in a worker thread; await the task that has them first',
      );
    }
    if (bytes.byteLength < this.threshold || this.#released) return this.#run(bytes, this.#state, arg);
    return this.#offload(bytes, ctx, arg);
  }

  async #offload(bytes: Uint8Array, ctx: PhaseContextBase, arg: unknown): Promise<unknown> {
    const message = messageOfContext(ctx);
    const runner = message?.owner.runner;
    // The runner's clock is performance.now(); threads compare epoch times.
    const toEpoch = performance.timeOrigin;
    const deadlineNow = (): number =>
      runner === undefined ? Number.POSITIVE_INFINITY : runner.deadline() + toEpoch;
    const deadline = deadlineNow();
    if (deadline <= epochNow()) throw shedError(this.plugin, 'the message had no time left');
    const signal = ctx.stream?.signal;
    if (signal?.aborted === true) throw shedError(this.plugin, 'the stream has ended');
    const body = message?.body;
    // Lend the body itself only when attache made it, nothing else holds it, and a failure
    // cannot need it again (fail-open passes the step's input on unchanged).
    const lend =
      body !== undefined && body.bytes() === bytes && message?.step?.failure === 'closed' && ownsWhole(bytes);
    const sent = lend ? bytes : new Uint8Array(bytes);
    if (lend) lentOut.add(bytes);
    let result: PoolResult;
    try {
      result = await sharedPool().run(this.#key, this.#url, this.#options, this.plugin, {
        bytes: sent,
        arg,
        lent: lend,
        deadline,
        extendedDeadline: deadlineNow,
        signal,
      });
    } finally {
      if (lend) lentOut.delete(bytes);
    }
    if (lend && 'input' in result && result.input !== undefined && message !== null && body !== undefined) {
      const back = Buffer.from(result.input.buffer, result.input.byteOffset, result.input.byteLength);
      if (body.bytes() === bytes) body.restore(back);
      message.flow?.restoreInput(bytes as Buffer, back);
    }
    switch (result.kind) {
      case 'done':
        return result.value;
      case 'threw':
        throw new AttacheError(
          ErrorCode.WORKER_FAILED,
          `worker task of ${this.plugin} threw ${result.name}: ${result.message}`,
        );
      case 'crashed':
        throw new AttacheError(
          ErrorCode.WORKER_FAILED,
          `worker thread of ${this.plugin} failed: ${result.error.message}`,
          { cause: result.error },
        );
      case 'shed':
        throw shedError(this.plugin, 'the message ran out of time before a thread was free');
      case 'refused':
        throw shedError(this.plugin, `the pool did not take it (${result.error.message}; workers.maxQueue)`);
      case 'cancelled':
        throw shedError(this.plugin, 'the stream ended while it ran (its thread was stopped)');
    }
  }

  /** Whether {@link release} was called. */
  get released(): boolean {
    return this.#released;
  }

  /** Ends the registration (the plugin closed); the pool stops with the last one. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    await sharedPool().release(this.#key);
  }
}

/**
 * Registers a worker module for a plugin: locates it, loads it and runs its `setup` on the main
 * thread (so a module that cannot load, or whose setup throws, fails the start naming it), and
 * returns the handle. `release` is called when the plugin closes.
 *
 * @throws AttacheError `ATTACHE_ERR_PLUGIN_SETUP` naming the plugin and the module.
 */
export async function createWorkers<W extends AnyWorkerModule>(
  spec: WorkersSpec<W>,
  owner: WorkersOwner,
): Promise<{ handle: Workers<unknown, unknown>; release: () => Promise<void> }> {
  const fail = (why: string, cause?: unknown): never => {
    throw new AttacheError(ErrorCode.PLUGIN_SETUP, `${owner.at}: workers(): ${why}`, { cause });
  };
  if (typeof spec !== 'object' || spec === null) fail('takes { module, options?, threshold? }');
  const threshold = spec.threshold ?? DEFAULT_WORKER_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 0)
    fail(`threshold must be a non-negative integer, got ${threshold}`);
  const url = locateWorkerModule(spec.module, owner.pluginFile, owner.at);
  try {
    structuredClone(spec.options);
  } catch (cause) {
    fail(
      `options must be structured-clonable (they are sent to each thread): ${(cause as Error).message}`,
      cause,
    );
  }
  let run: RunFn | undefined;
  let state: unknown;
  try {
    const mod = (await import(url)) as { default?: unknown };
    const def = (mod.default ?? mod) as { setup?: (o: unknown) => unknown; run?: unknown };
    if (typeof def.run !== 'function') fail(`worker module ${url} has no run function in its default export`);
    run = def.run as RunFn;
    state = typeof def.setup === 'function' ? await def.setup(spec.options) : undefined;
  } catch (cause) {
    if (cause instanceof AttacheError) throw cause;
    fail(
      `worker module ${url} failed to load or set up: ${(cause as Error)?.message ?? String(cause)}`,
      cause,
    );
  }
  const pool = sharedPool();
  const key = pool.register();
  const handle = new WorkersImpl(owner, key, url, spec.options, threshold, run as RunFn, state);
  // Not awaited: the start does not wait for a thread. A thread that cannot load the module (it
  // loaded here) is reported now, and each task it fails fails its exchange. A warm-up cut short
  // by the pool stopping (the plugin already closed) is no news.
  pool.warm(key, url, spec.options).catch((error: unknown) => {
    if (!handle.released) {
      owner.log.error({ err: error, module: url }, 'worker module failed to load in a worker thread');
    }
  });
  return { handle, release: () => handle.release() };
}
