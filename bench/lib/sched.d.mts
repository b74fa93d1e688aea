/** One thread's (or several threads' summed) scheduler counters. */
export interface SchedCounters {
  readonly runNs: number;
  readonly waitNs: number;
  readonly slices: number;
  readonly voluntary: number;
  readonly involuntary: number;
}
/** A process's main thread and all its threads; null when it is gone. */
export type SchedSnapshot = { readonly main: SchedCounters; readonly all: SchedCounters } | null;
export function schedSnapshot(pid: number, mainTid?: number): SchedSnapshot;
/** Where a process's event loop spent a window between two snapshots. */
export function schedDelta(
  start: SchedSnapshot,
  end: SchedSnapshot,
  elapsedMs: number,
  ops: number,
): {
  mainRunPct: number;
  mainWaitPct: number;
  mainSleepPct: number;
  mainWakeups: number;
  mainPreemptions: number;
  mainWakeupsPerOp: number | null;
  allRunPct: number;
  allWaitPct: number;
} | null;
