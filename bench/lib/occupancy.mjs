// Streams in flight per endpoint over time, as the load generator sees them (sent, reply not yet
// read): how long each endpoint had none at all, and how many it had on average. An endpoint
// with no stream in flight has nothing to do, whatever the cores are doing: that share of a
// window is time the load generator itself left that server without work.
import { performance } from 'node:perf_hooks';

export class Occupancy {
  #now;
  #inflight;
  #since;
  #emptyMs;
  #areaMs;

  /** `now`: the clock in ms (a test passes its own). */
  constructor(endpoints, now = () => performance.now()) {
    this.#now = now;
    this.#inflight = new Array(endpoints).fill(0);
    this.#since = new Array(endpoints).fill(now());
    this.#emptyMs = new Array(endpoints).fill(0);
    this.#areaMs = new Array(endpoints).fill(0);
  }

  #advance(e, now) {
    const dt = now - this.#since[e];
    if (this.#inflight[e] === 0) this.#emptyMs[e] += dt;
    else this.#areaMs[e] += dt * this.#inflight[e];
    this.#since[e] = now;
  }

  /** A stream was sent to endpoint `e`. */
  started(e) {
    this.#advance(e, this.#now());
    this.#inflight[e]++;
  }

  /** A stream of endpoint `e` ended (answered or failed). */
  ended(e) {
    this.#advance(e, this.#now());
    this.#inflight[e]--;
  }

  /** Streams in flight at endpoint `e` now. */
  inflight(e) {
    return this.#inflight[e];
  }

  /** Running totals up to now, for a window edge: per endpoint, ms empty and stream-ms in flight. */
  mark() {
    const now = this.#now();
    for (let e = 0; e < this.#inflight.length; e++) this.#advance(e, now);
    return { t: now, emptyMs: [...this.#emptyMs], areaMs: [...this.#areaMs] };
  }

  /** Per endpoint between two marks: % of the window with nothing in flight, mean in flight. */
  static between(start, end) {
    const ms = end.t - start.t;
    return end.emptyMs.map((empty, e) => ({
      emptyPct: ((empty - start.emptyMs[e]) / ms) * 100,
      meanInflight: (end.areaMs[e] - start.areaMs[e]) / ms,
    }));
  }
}
