// The soak's verdict from its per-second records: memory at the start and end of the run, its
// slope, the event-loop delay, stream outcomes, and the bounds that make bench/soak.mjs exit 1.
// Pure functions (bench/lib/soak-summary.test.ts checks them on made-up records).

/** Memory bounds, in MiB (bench/README.md, "Soak", says why these). */
export const DEFAULT_BOUNDS = { idleHeapMiB: 8, rssMiB: 64, rssShare: 0.5 };

const median = (xs) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Least-squares slope of `ys` over `xs`, per unit of x (null with fewer than 2 points). */
export function slope(xs, ys) {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/**
 * Records are `{ t (s since the soak began), rssMiB, heapUsedMiB, eldP50Ms, eldP99Ms, eldMaxMs,
 * started, ok, failed, cancelled, lost, wrong, reloads }`, one per second, the counts being those
 * of that second. `end` holds what was
 * measured around the traffic: `{ idleBefore, idleAfter, clientOpen, serverOpen, warmup }`, idle*
 * being the server's `{ heapUsedMiB, rssMiB }` after a full GC with no stream open, and `warmup`
 * the `{ lost, wrong }` of the maximum measurement before the soak (they fail the run too).
 * A record's `reloadFailures` is the count since the server started.
 */
export function summarize(records, end, bounds = DEFAULT_BOUNDS) {
  if (records.length === 0) throw new Error('the soak recorded no second');
  // "The first and last minute", or quarters of a run shorter than 4 minutes.
  const w = Math.max(1, Math.min(60, Math.floor(records.length / 4)));
  const first = records.slice(0, w);
  const last = records.slice(-w);
  const col = (rs, k) => rs.map((r) => r[k]);
  const sum = (k) => records.reduce((a, r) => a + r[k], 0);
  const ts = col(records, 't');
  const memory = {
    windowSeconds: w,
    rssFirstMiB: median(col(first, 'rssMiB')),
    rssLastMiB: median(col(last, 'rssMiB')),
    // The lowest heap of a window is the nearest to what survives the GCs in it.
    heapFloorFirstMiB: Math.min(...col(first, 'heapUsedMiB')),
    heapFloorLastMiB: Math.min(...col(last, 'heapUsedMiB')),
    rssSlopeMiBPerMin: slope(ts, col(records, 'rssMiB')) * 60,
    heapSlopeMiBPerMin: slope(ts, col(records, 'heapUsedMiB')) * 60,
    idleHeapBeforeMiB: end.idleBefore.heapUsedMiB,
    idleHeapAfterMiB: end.idleAfter.heapUsedMiB,
  };
  const outcomes = {
    started: sum('started'),
    ok: sum('ok'),
    failed: sum('failed'),
    cancelled: sum('cancelled'),
    lost: sum('lost'),
    wrong: sum('wrong'),
    hungClient: end.clientOpen,
    hungServer: end.serverOpen,
  };
  const eld = {
    p50MedianMs: median(col(records, 'eldP50Ms')),
    p99MaxMs: Math.max(...col(records, 'eldP99Ms')),
    maxMs: Math.max(...col(records, 'eldMaxMs')),
  };
  const seconds = records.length;
  const answered = outcomes.ok + outcomes.failed + outcomes.cancelled + outcomes.lost + outcomes.wrong;
  const rssGrowth = memory.rssLastMiB - memory.rssFirstMiB;
  const rssBound = Math.max(bounds.rssMiB, memory.rssFirstMiB * bounds.rssShare);
  const idleGrowth = memory.idleHeapAfterMiB - memory.idleHeapBeforeMiB;
  const failures = [];
  const warm = end.warmup ?? { lost: 0, wrong: 0 };
  if (warm.lost + warm.wrong > 0) {
    failures.push(`${warm.lost} lost and ${warm.wrong} wrong stream(s) while measuring the maximum`);
  }
  const reloadFailures = records.at(-1).reloadFailures ?? 0;
  if (reloadFailures > 0) failures.push(`${reloadFailures} reload(s) failed`);
  if (outcomes.lost > 0) failures.push(`${outcomes.lost} stream(s) lost`);
  if (outcomes.wrong > 0) failures.push(`${outcomes.wrong} stream(s) with a wrong reply or an error status`);
  if (outcomes.hungClient > 0)
    failures.push(`${outcomes.hungClient} stream(s) still open at the client at the end`);
  if (outcomes.hungServer > 0)
    failures.push(`${outcomes.hungServer} stream(s) still open in the server at the end`);
  if (idleGrowth > bounds.idleHeapMiB) {
    failures.push(
      `heap after a full GC grew ${idleGrowth.toFixed(1)} MiB (${memory.idleHeapBeforeMiB} -> ${memory.idleHeapAfterMiB}), over the ${bounds.idleHeapMiB} MiB bound`,
    );
  }
  if (rssGrowth > rssBound) {
    failures.push(
      `RSS grew ${rssGrowth.toFixed(1)} MiB from the first to the last ${w} s, over the ${rssBound.toFixed(0)} MiB bound`,
    );
  }
  return {
    seconds,
    rate: answered / seconds,
    reloads: sum('reloads'),
    memory,
    eld,
    outcomes,
    bounds: { idleHeapMiB: bounds.idleHeapMiB, rssMiB: rssBound },
    failures,
  };
}
