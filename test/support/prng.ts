/**
 * A small deterministic PRNG (mulberry32) for randomised tests: a failure names its seed, and the
 * seed replays the same sequence. One implementation, shared with the bench scripts.
 */
export { prng } from '../../bench/lib/prng.mjs';
