// V8's --trace-gc lines, read back by bench/gc.mjs: how many young-generation collections a run
// had, their pauses, and what each left in the heap. Pure functions: gc-trace.test.ts.
import { median } from './median.mjs';

/**
 * One --trace-gc line: kind, heap MB before and after, pause ms. The format is V8's:
 * `[pid:isolate]  1234 ms: Scavenge 69.9 (109.1) -> 50.9 (113.1) MB, [pooled: 0 MB, ]10.40 / 0.00 ms ...`
 */
const GC_LINE =
  /ms: (Scavenge|Mark-Compact|Minor Mark-Sweep)[^\d]*([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ [\d.]+ ms/;

/** The GC events of a trace: `{ kind, before, after, ms }`. */
export function parseTrace(text) {
  const events = [];
  for (const line of text.split('\n')) {
    const m = GC_LINE.exec(line);
    if (m !== null) events.push({ kind: m[1], before: Number(m[2]), after: Number(m[3]), ms: Number(m[4]) });
  }
  return events;
}

/**
 * What the young collections of `events` say, over `streams` streams: how many there were, their
 * pauses, and how much each left in the heap (its `after` less the previous event's `after`: what
 * survived it, promoted or copied; the first scavenge has no event before it), in KB per stream.
 * Mark-compacts are counted apart.
 */
export function summarize(events, streams) {
  const young = [];
  let previousAfter = null;
  for (const e of events) {
    if (e.kind !== 'Mark-Compact' && previousAfter !== null)
      young.push({ ms: e.ms, kept: Math.max(0, e.after - previousAfter) });
    previousAfter = e.after;
  }
  const full = events.filter((e) => e.kind === 'Mark-Compact');
  const keptMb = young.reduce((a, y) => a + y.kept, 0);
  return {
    scavenges: young.length,
    pauseMsMedian: median(young.map((y) => y.ms)),
    pauseMsMax: young.length === 0 ? null : Math.max(...young.map((y) => y.ms)),
    keptKbPerStream: streams > 0 ? (keptMb * 1024) / streams : null,
    markCompacts: full.length,
    markCompactMsMax: full.length === 0 ? null : Math.max(...full.map((e) => e.ms)),
  };
}
