/**
 * The soak's verdict (bench/soak.mjs exits 1 on it) and plot, from made-up per-second records:
 * a flat run passes, and each kind of trouble (a leak in the heap, RSS growth, a lost, wrong or
 * hung stream) fails it, named.
 */
import { describe, expect, it } from 'vitest';
import { soakSvg } from './soak-plot.mjs';
import { DEFAULT_BOUNDS, type SoakEnd, type SoakRecord, slope, summarize } from './soak-summary.mjs';

function records(seconds: number, at: (t: number) => Partial<SoakRecord> = () => ({})): SoakRecord[] {
  return Array.from({ length: seconds }, (_, i) => ({
    t: i + 1,
    rssMiB: 80,
    // A GC sawtooth: the floor is 15 MiB whatever the second.
    heapUsedMiB: 15 + (i % 5),
    eldP50Ms: 0.5,
    eldP99Ms: 3,
    eldMaxMs: 8,
    started: 100,
    ok: 80,
    failed: 10,
    cancelled: 10,
    lost: 0,
    wrong: 0,
    reloads: (i + 1) % 10 === 0 ? 1 : 0,
    ...at(i + 1),
  }));
}

const quiet: SoakEnd = {
  idleBefore: { heapUsedMiB: 12, rssMiB: 70 },
  idleAfter: { heapUsedMiB: 12.5, rssMiB: 82 },
  clientOpen: 0,
  serverOpen: 0,
};

describe('soak summary', () => {
  it('passes a flat ten-minute run, comparing its first and last minute', () => {
    const s = summarize(
      records(600, (t) => ({ eldMaxMs: t === 300 ? 41 : 8 })),
      quiet,
    );
    expect(s.failures).toEqual([]);
    expect(s.memory.windowSeconds).toBe(60);
    expect(s.memory.rssFirstMiB).toBe(80);
    expect(s.memory.rssLastMiB).toBe(80);
    expect(s.memory.heapFloorFirstMiB).toBe(15);
    expect(s.memory.heapFloorLastMiB).toBe(15);
    expect(Math.abs(s.memory.rssSlopeMiBPerMin)).toBeLessThan(1e-9);
    expect(s.eld).toEqual({ p50MedianMs: 0.5, p99MaxMs: 3, maxMs: 41 });
    expect(s.reloads).toBe(60);
    expect(s.outcomes).toMatchObject({ started: 60_000, ok: 48_000, failed: 6000, cancelled: 6000, lost: 0 });
    expect(s.rate).toBe(100);
  });

  it('compares quarters of a run shorter than four minutes', () => {
    expect(summarize(records(15), quiet).memory.windowSeconds).toBe(3);
    expect(summarize(records(2), quiet).memory.windowSeconds).toBe(1);
  });

  it('fails a run whose heap after a full GC grew past the bound, naming it', () => {
    const end = { ...quiet, idleAfter: { heapUsedMiB: 12 + DEFAULT_BOUNDS.idleHeapMiB + 1, rssMiB: 90 } };
    const s = summarize(records(120), end);
    expect(s.failures).toHaveLength(1);
    expect(s.failures[0]).toMatch(/heap after a full GC grew 9\.0 MiB .* over the 8 MiB bound/);
  });

  it('fails a run whose RSS keeps growing, with its slope', () => {
    // 0.5 MiB per second: 30 MiB/min, 270 MiB from the first to the last minute.
    const s = summarize(
      records(600, (t) => ({ rssMiB: 80 + t * 0.5 })),
      quiet,
    );
    expect(s.memory.rssSlopeMiBPerMin).toBeCloseTo(30, 6);
    expect(s.failures).toEqual([
      expect.stringMatching(/^RSS grew 270\.0 MiB from the first to the last 60 s, over the 64 MiB bound$/),
    ]);
  });

  it('takes half the starting RSS as the bound when that is larger', () => {
    const big = records(100, (t) => ({ rssMiB: t <= 50 ? 400 : 590 }));
    expect(summarize(big, quiet).failures).toEqual([]);
    const bigger = records(100, (t) => ({ rssMiB: t <= 50 ? 400 : 610 }));
    expect(summarize(bigger, quiet).failures).toEqual([expect.stringMatching(/over the 200 MiB bound/)]);
  });

  it('fails on any lost, wrong or hung stream', () => {
    const s = summarize(
      records(30, (t) => (t === 7 ? { lost: 2, wrong: 1 } : {})),
      { ...quiet, clientOpen: 1, serverOpen: 3 },
    );
    expect(s.failures).toEqual([
      '2 stream(s) lost',
      '1 stream(s) with a wrong reply or an error status',
      '1 stream(s) still open at the client at the end',
      '3 stream(s) still open in the server at the end',
    ]);
  });

  it('fails on streams lost or wrong while measuring the maximum, and on a failed reload', () => {
    const s = summarize(
      records(30, (t) => ({ reloadFailures: t >= 20 ? 1 : 0 })),
      {
        ...quiet,
        warmup: { lost: 1, wrong: 2 },
      },
    );
    expect(s.failures).toEqual([
      '1 lost and 2 wrong stream(s) while measuring the maximum',
      '1 reload(s) failed',
    ]);
  });

  it('refuses a run without records', () => {
    expect(() => summarize([], quiet)).toThrow(/no second/);
  });

  it('computes a least-squares slope', () => {
    expect(slope([1, 2, 3, 4], [3, 5, 7, 9])).toBe(2);
    expect(slope([1, 2, 3], [4, 4, 4])).toBe(0);
    expect(slope([1], [1])).toBeNull();
  });
});

describe('soak plot', () => {
  it('draws three panels of lines and one marker per second with a reload', () => {
    const { svg, width, height } = soakSvg(records(60), 'a soak');
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    // RSS + heap, p50 + p99 + max, five outcomes.
    expect(svg.match(/<polyline /g)).toHaveLength(10);
    // Reloads at 10, 20, ..., 60 s, marked in each of the three panels.
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(18);
    expect(svg).toContain('Stream outcomes per second');
    expect(svg).toContain('a soak');
  });
});
