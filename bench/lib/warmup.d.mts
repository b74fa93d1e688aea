export const WARMUP_WINDOW_MS: number;
export const MIN_WARMUP_WINDOWS: number;
export const MAX_WARMUP_WINDOWS: number;
export const SETTLED_WITHIN: number;
/** Whether the initial warm-up can stop after windows measuring these CPU µs per stream. */
export function warmedUp(cpuPerStream: ReadonlyArray<number | null>): boolean;
