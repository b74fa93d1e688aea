/** Per-endpoint streams in flight over a window (bench/processes.mjs's starvation figure). */
import { describe, expect, it } from 'vitest';
import { Occupancy } from './occupancy.mjs';

/** A clock the test moves by hand. */
function clock() {
  let t = 0;
  return { now: () => t, at: (ms: number) => (t = ms) };
}

describe('Occupancy', () => {
  it('counts the time an endpoint had nothing in flight, and the mean in flight', () => {
    const c = clock();
    const occupancy = new Occupancy(2, c.now);
    const start = occupancy.mark(); // t = 0: both empty
    c.at(10);
    occupancy.started(0); // endpoint 0 busy from 10 ms
    occupancy.started(0);
    expect([occupancy.inflight(0), occupancy.inflight(1)]).toEqual([2, 0]);
    c.at(30);
    occupancy.ended(0); // 2 in flight for 20 ms, then 1
    expect(occupancy.inflight(0)).toBe(1);
    c.at(40);
    occupancy.ended(0); // 1 for 10 ms, empty from 40 ms
    c.at(100);
    const [e0, e1] = Occupancy.between(start, occupancy.mark());
    // Endpoint 0: empty 0-10 and 40-100 = 70 of 100 ms; 2x20 + 1x10 = 50 stream-ms.
    expect(e0?.emptyPct).toBeCloseTo(70);
    expect(e0?.meanInflight).toBeCloseTo(0.5);
    // Endpoint 1 never got a stream.
    expect(e1?.emptyPct).toBeCloseTo(100);
    expect(e1?.meanInflight).toBe(0);
  });

  it('measures between any two marks, not from its creation', () => {
    const c = clock();
    const occupancy = new Occupancy(1, c.now);
    c.at(50); // empty for the first 50 ms: before the window
    occupancy.started(0);
    const start = occupancy.mark();
    c.at(150);
    const [e0] = Occupancy.between(start, occupancy.mark());
    expect(e0?.emptyPct).toBe(0);
    expect(e0?.meanInflight).toBeCloseTo(1);
  });
});
