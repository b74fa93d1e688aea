/** Run / run-queue wait / sleep shares of a process's event loop (bench/processes.mjs). */
import { describe, expect, it } from 'vitest';
import { type SchedCounters, schedDelta, schedSnapshot } from './sched.mjs';

const counters = (runNs: number, waitNs: number, voluntary: number, involuntary = 0): SchedCounters => ({
  runNs,
  waitNs,
  slices: 0,
  voluntary,
  involuntary,
});

describe('schedDelta', () => {
  it('splits a window into running, waiting for a core and asleep', () => {
    const start = { main: counters(0, 0, 100), all: counters(0, 0, 200) };
    // 1 s window: 600 ms on a CPU, 100 ms runnable in a run queue, 50 sleeps, 7 preemptions.
    const end = { main: counters(600e6, 100e6, 150, 7), all: counters(800e6, 150e6, 300) };
    const d = schedDelta(start, end, 1000, 1000);
    expect(d?.mainRunPct).toBeCloseTo(60);
    expect(d?.mainWaitPct).toBeCloseTo(10);
    expect(d?.mainSleepPct).toBeCloseTo(30);
    expect(d?.mainWakeups).toBe(50);
    expect(d?.mainPreemptions).toBe(7);
    expect(d?.mainWakeupsPerOp).toBeCloseTo(0.05);
    expect(d?.allRunPct).toBeCloseTo(80);
    expect(d?.allWaitPct).toBeCloseTo(15);
  });

  it('says nothing for a process that was gone at either edge', () => {
    const snap = { main: counters(0, 0, 0), all: counters(0, 0, 0) };
    expect(schedDelta(null, snap, 1000, 1)).toBeNull();
    expect(schedDelta(snap, null, 1000, 1)).toBeNull();
  });
});

describe('schedSnapshot', () => {
  it.runIf(process.platform === 'linux')(
    'reads this process: its main thread is among all its threads',
    () => {
      const snap = schedSnapshot(process.pid);
      expect(snap).not.toBeNull();
      expect(snap?.main.runNs).toBeGreaterThan(0);
      expect(snap?.all.runNs).toBeGreaterThanOrEqual(snap?.main.runNs ?? Number.POSITIVE_INFINITY);
    },
  );

  it('answers null for a process that does not exist', () => {
    expect(schedSnapshot(2 ** 22 + 1)).toBeNull();
  });
});
