/** The stop rule of bench/streams.mjs's initial warm-up. */
import { describe, expect, it } from 'vitest';
import { MAX_WARMUP_WINDOWS, MIN_WARMUP_WINDOWS, warmedUp } from './warmup.mjs';

/** The windows after which the rule first says "warmed up", 1-based; null if never. */
function stopsAfter(series: number[]): number | null {
  for (let n = 1; n <= series.length; n++) if (warmedUp(series.slice(0, n))) return n;
  return null;
}

describe('warmedUp', () => {
  it('waits for the minimum number of windows even when flat from the start', () => {
    expect(warmedUp([20, 20])).toBe(false);
    expect(stopsAfter([20, 20, 20, 20])).toBe(Math.max(MIN_WARMUP_WINDOWS, 3));
  });

  it('keeps going while the CPU per stream still falls (attache on Node 24, measured)', () => {
    // 1 s windows of one run: the slow start, then a plateau around 23 µs.
    expect(stopsAfter([46.0, 34.0, 26.6, 26.3, 24.7, 22.6, 23.9, 24.2, 21.8, 24.1])).toBe(8);
  });

  it('needs two settled windows in a row, not one', () => {
    // 26.3 is within 3% of 26.6, but 24.7 then improves again; 24.6 and 24.5 are both settled.
    expect(stopsAfter([46, 34, 26.6, 26.3, 24.7, 24.6, 24.5])).toBe(7);
  });

  it('counts a window that answered nothing as not settled', () => {
    expect(warmedUp([30, 30, null, 30])).toBe(false);
    expect(warmedUp([30, 30, null, 30, 30])).toBe(true);
  });

  it('stops at the cap on a machine that never settles', () => {
    const falling = Array.from({ length: MAX_WARMUP_WINDOWS + 2 }, (_, i) => 100 * 0.9 ** i);
    expect(stopsAfter(falling)).toBe(MAX_WARMUP_WINDOWS);
  });
});
