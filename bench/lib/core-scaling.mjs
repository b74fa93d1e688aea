// What two cores of this machine give a CPU-bound Node process, against one: lib/cpu-work.mjs
// alone on core 0, alone on core 1, then on both at once, twice each. On a virtual machine the
// two "cores" can be hyperthreads of one physical core, or share it with other guests, so two
// busy processes may each get less than one alone: no server measured here can scale past this.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pinnedTo } from './children.mjs';

const WORK = fileURLToPath(new URL('./cpu-work.mjs', import.meta.url));

/** Rounds of lib/cpu-work.mjs done in `ms` on `core` (taskset, every thread of the process). */
function work(core, ms) {
  return new Promise((resolve, reject) => {
    execFile(...pinnedTo(core, process.execPath, [WORK, String(ms)]), (error, out) => {
      if (error !== null) reject(error);
      else resolve(Number(out.trim().split(' ')[0]));
    });
  });
}

/**
 * Runs the probe (about 6 × `ms`) and resolves with `{ alone, together, ratio }`: rounds per run
 * alone on core 0 and on core 1 (best of two), on both at once (the sum, best of two), and
 * `ratio` = together ÷ the better core alone (2.0: two independent cores).
 */
export async function coreScaling(ms = 1000) {
  const alone = [0, 0];
  let together = 0;
  for (let i = 0; i < 2; i++) {
    alone[0] = Math.max(alone[0], await work(0, ms));
    alone[1] = Math.max(alone[1], await work(1, ms));
    const both = await Promise.all([work(0, ms), work(1, ms)]);
    together = Math.max(together, both[0] + both[1]);
  }
  return { alone, together, ratio: together / Math.max(...alone) };
}
