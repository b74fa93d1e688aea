/** The pool's default size: the cores a process may use, shared by `serve --processes N`. */
import { describe, expect, it } from 'vitest';
import { defaultThreads } from './pool.js';

describe('defaultThreads', () => {
  it('keeps one core for each main thread and gives the rest of its share to the pool, at least 1', () => {
    expect(defaultThreads(8, 1)).toBe(7);
    expect(defaultThreads(8, 2)).toBe(3);
    expect(defaultThreads(8, 4)).toBe(1);
    expect(defaultThreads(8, 8)).toBe(1);
    expect(defaultThreads(2, 1)).toBe(1);
    expect(defaultThreads(1, 1)).toBe(1);
    expect(defaultThreads(16, 3)).toBe(4);
  });

  it('never oversubscribes beyond one pool thread per process: N × (1 + threads) ≤ max(cores, 2N)', () => {
    for (let cores = 1; cores <= 64; cores++) {
      for (let n = 1; n <= cores + 2; n++) {
        expect(n * (1 + defaultThreads(cores, n))).toBeLessThanOrEqual(Math.max(cores, 2 * n));
      }
    }
  });
});
