/** One second of the soak. */
export interface SoakRecord {
  t: number;
  rssMiB: number;
  heapUsedMiB: number;
  eldP50Ms: number;
  eldP99Ms: number;
  eldMaxMs: number;
  started: number;
  ok: number;
  failed: number;
  cancelled: number;
  lost: number;
  wrong: number;
  reloads: number;
  reloadFailures?: number;
}
export interface SoakEnd {
  idleBefore: { heapUsedMiB: number; rssMiB: number };
  idleAfter: { heapUsedMiB: number; rssMiB: number };
  clientOpen: number;
  serverOpen: number;
  warmup?: { lost: number; wrong: number };
}
export interface SoakBounds {
  idleHeapMiB: number;
  rssMiB: number;
  rssShare: number;
}
export const DEFAULT_BOUNDS: SoakBounds;
export function slope(xs: number[], ys: number[]): number | null;
export function summarize(
  records: SoakRecord[],
  end: SoakEnd,
  bounds?: SoakBounds,
): {
  seconds: number;
  rate: number;
  reloads: number;
  memory: {
    windowSeconds: number;
    rssFirstMiB: number;
    rssLastMiB: number;
    heapFloorFirstMiB: number;
    heapFloorLastMiB: number;
    rssSlopeMiBPerMin: number;
    heapSlopeMiBPerMin: number;
    idleHeapBeforeMiB: number;
    idleHeapAfterMiB: number;
  };
  eld: { p50MedianMs: number; p99MaxMs: number; maxMs: number };
  outcomes: {
    started: number;
    ok: number;
    failed: number;
    cancelled: number;
    lost: number;
    wrong: number;
    hungClient: number;
    hungServer: number;
  };
  bounds: { idleHeapMiB: number; rssMiB: number };
  failures: string[];
};
