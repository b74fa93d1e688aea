// When a server's initial warm-up is over (bench/streams.mjs).
//
// A server's first seconds under load are not its steady state, and how long they last differs
// between servers: measured on Node 24 (bench/README.md, "Run-to-run variance"), attache's
// server needs about 4 s of load before its CPU per stream stops falling (46 -> 34 -> 27 -> 25
// -> 23 µs in 1 s windows), the raw node:http2 server about 1.5 s. Two things make it long:
// V8 tiers up attache's code (more functions than the raw server's) on the one core the server
// shares with its compiler threads, and the first loaded connection that closes deoptimizes
// Node's stream code (a "wrong map" cascade through Readable/Writable/Http2Stream functions),
// which then tiers up again. A fixed 1 s warm-up left round 1 inside that period, so round 1
// measured 1.5-2x the steady cost. The warm-up therefore runs in windows, each its own job
// (connections opened and closed, as the rounds do), until the CPU per stream stops improving.

/** Each warm-up window: a job of this length, its own connections. */
export const WARMUP_WINDOW_MS = 1000;
/** At least this many windows: past the first connection close and its deoptimizations. */
export const MIN_WARMUP_WINDOWS = 3;
/** At most this many windows, whatever the trend (a noisy machine may never settle). */
export const MAX_WARMUP_WINDOWS = 10;
/** A window within this fraction of the best one before it did not improve on it. */
export const SETTLED_WITHIN = 0.03;

/**
 * Whether the warm-up can stop after windows measuring `cpuPerStream` (µs, oldest first; null
 * for a window that answered no stream): at least {@link MIN_WARMUP_WINDOWS}, and the last two
 * each no more than {@link SETTLED_WITHIN} better than the best window before it, or
 * {@link MAX_WARMUP_WINDOWS} reached.
 */
export function warmedUp(cpuPerStream) {
  const n = cpuPerStream.length;
  if (n >= MAX_WARMUP_WINDOWS) return true;
  if (n < Math.max(MIN_WARMUP_WINDOWS, 3)) return false;
  const settled = (i) => {
    const value = cpuPerStream[i];
    if (value === null || !Number.isFinite(value)) return false;
    const before = cpuPerStream.slice(0, i).filter((x) => x !== null && Number.isFinite(x));
    if (before.length === 0) return false;
    return value >= Math.min(...before) * (1 - SETTLED_WITHIN);
  };
  return settled(n - 1) && settled(n - 2);
}
