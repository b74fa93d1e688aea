/** A small deterministic PRNG (mulberry32): the seed replays the same sequence in [0, 1). */
export function prng(seed: number): () => number;
