/**
 * A small deterministic PRNG (mulberry32): a run or a randomised test names its seed, and the
 * seed replays the same sequence. Plain JavaScript so bench scripts use it without a build; the
 * tests import it through test/support/prng.ts.
 *
 * @param {number} seed
 * @returns {() => number} numbers in [0, 1)
 */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
