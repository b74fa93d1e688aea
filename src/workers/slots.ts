/**
 * The memory the main thread and the pool's threads share about tasks in flight: per task slot,
 * whether a thread took it or it was shed, and its deadline. Taking and shedding are one
 * compare-and-swap each, so a task is either run or shed, never both, whatever the timing.
 *
 * @module
 */

/** Slots in the ring; a task's slot is its id modulo this. More than tasks can be in flight. */
export const SLOT_COUNT = 8192;
/** The slot's task is waiting for a thread. */
export const QUEUED = 1;
/** A thread took the slot's task. */
export const RUNNING = 2;
/** The slot's task was shed before a thread took it. */
export const SHED = 3;

/** The shared arrays (created by the main thread, passed to each thread in `workerData`). */
export interface Slots {
  /** Per slot: {@link QUEUED}, {@link RUNNING} or {@link SHED}. */
  readonly state: Int32Array;
  /** Per slot: the deadline, in ms since the epoch (`performance.timeOrigin + performance.now()`). */
  readonly deadline: Float64Array;
}

/** Fresh shared slots. */
export function createSlots(): Slots {
  return {
    state: new Int32Array(new SharedArrayBuffer(SLOT_COUNT * 4)),
    deadline: new Float64Array(new SharedArrayBuffer(SLOT_COUNT * 8)),
  };
}

/** Now, on the clock every thread shares (ms since the epoch, sub-millisecond). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
