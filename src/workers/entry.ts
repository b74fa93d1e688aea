/**
 * What each pool thread runs: piscina calls the default export once per task. It keeps, per
 * plugin registration, the worker module and the state its `setup` made (once per thread), and
 * runs tasks unless they were shed. It imports nothing of attache but the shared slots, so a
 * thread starts fast.
 *
 * @module
 */
import * as threads from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { epochNow, QUEUED, RUNNING, SHED, type Slots } from './slots.js';

/** One task as the main thread sends it (short keys: it is cloned for every task). */
export interface TaskMessage {
  /** Registration key. */
  readonly k: number;
  /** Keys below this are no longer registered: their state may go. */
  readonly f: number;
  /** Worker module URL. */
  readonly u: string;
  /** Options for `setup`, sent when this thread may not have the registration yet. */
  readonly o?: { readonly value: unknown };
  /** The task's bytes. */
  readonly b: Uint8Array;
  /** The task's argument. */
  readonly a: unknown;
  /** Slot index. */
  readonly s: number;
  /** Whether `b` is the body attache lent (its buffer goes back with the result). */
  readonly t: boolean;
  /** A warm-up: load the module and run its setup in this thread, run no task. */
  readonly w?: true;
}

/** What a task answers. */
/** What a task answers; `input` is the task's bytes, sent back when the main thread needs them. */
export type TaskReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'missing'; readonly input: Uint8Array }
  | { readonly kind: 'shed'; readonly input: Uint8Array | undefined }
  | {
      readonly kind: 'threw';
      readonly message: string;
      readonly name: string;
      readonly input: Uint8Array | undefined;
    }
  | { readonly kind: 'done'; readonly value: unknown; readonly input: Uint8Array | undefined };

interface Loaded {
  readonly run: (bytes: Uint8Array, state: unknown, arg: unknown) => unknown;
  readonly state: unknown;
}

const slots = (threads.workerData as { slots: Slots }).slots;
// Node 21+ only (a named import would fail to link on Node 20).
const untransferable = (threads as { isMarkedAsUntransferable?: (o: unknown) => boolean })
  .isMarkedAsUntransferable;
const registrations = new Map<number, Promise<Loaded>>();

async function load(url: string, options: unknown): Promise<Loaded> {
  const mod = (await import(url)) as { default?: unknown };
  const def = (mod.default ?? mod) as { setup?: (o: unknown) => unknown; run?: unknown };
  if (typeof def.run !== 'function') throw new Error(`${url} has no run function in its default export`);
  const state = typeof def.setup === 'function' ? await def.setup(options) : undefined;
  return { run: def.run as Loaded['run'], state };
}

/** An ArrayBuffer that may go back without a copy: whole, not shared, not Node's pool slab. */
function movable(view: unknown, into: Set<ArrayBuffer>): void {
  if (!(view instanceof Uint8Array)) return;
  const buffer = view.buffer;
  if (!(buffer instanceof ArrayBuffer) || view.byteLength !== buffer.byteLength || buffer.byteLength === 0)
    return;
  // Node 21+ marks its Buffer pool as untransferable (transferring it throws there).
  if (untransferable?.(buffer) === true) return;
  into.add(buffer);
}

function reply(value: TaskReply, transfer: Set<ArrayBuffer>): unknown {
  if (transfer.size === 0) return value;
  // `move` marks the wrapper so piscina sends `value` with these buffers transferred.
  return move({ [transferableSymbol]: [...transfer], [valueSymbol]: value } as never);
}

/** The task's bytes going back, without a copy: always for `missing`, else when lent. */
function back(task: TaskMessage, always: boolean, transfer: Set<ArrayBuffer>): Uint8Array | undefined {
  if (!always && !task.t) return undefined;
  movable(task.b, transfer);
  return task.b;
}

/** Runs one task (see the module comment). */
export default async function runTask(task: TaskMessage): Promise<unknown> {
  for (const key of registrations.keys()) if (key < task.f) registrations.delete(key);
  let loaded = registrations.get(task.k);
  const transfer = new Set<ArrayBuffer>();
  if (loaded === undefined) {
    if (task.o === undefined) {
      return reply({ kind: 'missing', input: back(task, true, transfer) as Uint8Array }, transfer);
    }
    loaded = load(task.u, task.o.value);
    registrations.set(task.k, loaded);
    // A failed load or setup is reported to this task, and tried again by the next one.
    loaded.catch(() => registrations.delete(task.k));
  }
  if (task.w === true) {
    await loaded;
    return { kind: 'ready' };
  }
  const s = task.s;
  if (epochNow() > (slots.deadline[s] as number)) Atomics.compareExchange(slots.state, s, QUEUED, SHED);
  if (Atomics.compareExchange(slots.state, s, QUEUED, RUNNING) !== QUEUED) {
    return reply({ kind: 'shed', input: back(task, false, transfer) }, transfer);
  }
  try {
    const { run, state } = await loaded;
    const value = await run(task.b, state, task.a);
    if (value instanceof Uint8Array) movable(value, transfer);
    else if (typeof value === 'object' && value !== null) {
      for (const v of Object.values(value)) movable(v, transfer);
    }
    return reply({ kind: 'done', value, input: back(task, false, transfer) }, transfer);
  } catch (thrown) {
    const e = thrown instanceof Error ? thrown : new Error(String(thrown));
    const t = new Set<ArrayBuffer>();
    return reply({ kind: 'threw', message: e.message, name: e.name, input: back(task, false, t) }, t);
  }
}
