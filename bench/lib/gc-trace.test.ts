import { describe, expect, it } from 'vitest';
import { parseTrace, summarize } from './gc-trace.mjs';

// Lines as Node 24 (V8 13) prints them, and one as Node 20 (V8 11, no `pooled:`) does.
const TRACE = `
[3412:0x12b96000]     1847 ms: Scavenge 69.9 (109.1) -> 50.9 (113.1) MB, pooled: 0 MB, 10.40 / 0.00 ms  (average mu = 0.991, current mu = 0.991) task;
[3412:0x12b96000]     1936 ms: Scavenge 74.6 (113.6) -> 55.6 (117.6) MB, pooled: 0 MB, 11.48 / 0.00 ms  (average mu = 0.991, current mu = 0.991) task;
[3412:0x12b96000]     2070 ms: Mark-Compact 60.4 (186.1) -> 19.5 (159.6) MB, pooled: 26 MB, 20.43 / 0.00 ms  (+ 9.0 ms in 101 steps since start of marking, biggest step 4.4 ms)
some other output
[3412:0x12b96000]     2100 ms: Scavenge 30.1 (160.0) -> 19.4 (160.0) MB, 0.35 / 0.00 ms  (average mu = 0.991, current mu = 0.991) allocation failure;
`;

describe('the --trace-gc reader', () => {
  it('reads every GC line, with and without the pooled field, and nothing else', () => {
    expect(parseTrace(TRACE)).toEqual([
      { kind: 'Scavenge', before: 69.9, after: 50.9, ms: 10.4 },
      { kind: 'Scavenge', before: 74.6, after: 55.6, ms: 11.48 },
      { kind: 'Mark-Compact', before: 60.4, after: 19.5, ms: 20.43 },
      { kind: 'Scavenge', before: 30.1, after: 19.4, ms: 0.35 },
    ]);
  });

  it('counts what each scavenge kept from the heap after the event before it, mark-compacts apart', () => {
    const s = summarize(parseTrace(TRACE), 1024);
    // Kept: 55.6 - 50.9 = 4.7 MB at the second scavenge; the one after the mark-compact shrank.
    expect(s.scavenges).toBe(2);
    expect(s.keptKbPerStream).toBeCloseTo((4.7 * 1024) / 1024, 5);
    expect([s.pauseMsMedian, s.pauseMsMax]).toEqual([(11.48 + 0.35) / 2, 11.48]);
    expect([s.markCompacts, s.markCompactMsMax]).toEqual([1, 20.43]);
  });

  it('an empty trace: no scavenges, nothing kept, no pauses', () => {
    expect(summarize([], 1000)).toEqual({
      scavenges: 0,
      pauseMsMedian: null,
      pauseMsMax: null,
      keptKbPerStream: 0,
      markCompacts: 0,
      markCompactMsMax: null,
    });
  });
});
