// An open-loop HTTP load at a fixed rate with evenly spaced requests: request i is sent at
// start + i / rate whatever the earlier ones are doing, over `connections` keep-alive connections
// (undici's Pool; a request finding every connection busy waits in the pool's queue, and that wait
// counts in its time). bench/latency.mjs uses it for its fixed-load phase.
//
// Why not autocannon's `overallRate`: autocannon limits each connection to its share of the rate
// per second and sends that share back to back as soon as each second starts (lib/httpClient.js:
// `reqsMadeThisSecond`, reset by a 1 s `setInterval`). At 20% of the maximum that is the maximum
// rate for a fifth of every second, then nothing: each request queues behind the others of its
// burst, so the "fixed load" p50 was the saturated one (bench/README.md, "Fixed load").
//
// Each response's time runs from the moment its request was handed to the pool to the end of its
// body. How late the timer fired against the schedule is reported apart (`lateP99Us`): that is the
// load generator's own delay, not the target's.

import { createHistogram } from 'node:perf_hooks';
import { Pool } from 'undici';

/** Past this many requests in flight the target is not keeping up; the run stops sending. */
const MAX_IN_FLIGHT = 10_000;

/**
 * Sends `rate × seconds` requests to `url` at `rate` per second, evenly spaced, and resolves
 * when every one has been answered or has failed.
 *
 * @param {object} options
 * @param {string} options.url the target; its path (and query) is requested
 * @param {number} options.rate requests per second (> 0)
 * @param {number} options.seconds how long to send for (> 0)
 * @param {number} options.connections keep-alive connections in the pool
 * @param {string} [options.method] default GET
 * @param {string | Buffer | null} [options.body]
 * @param {Record<string, string>} [options.headers]
 * @returns {Promise<import('./paced-load.d.mts').PacedResult>}
 */
export async function pacedLoad({
  url,
  rate,
  seconds,
  connections,
  method = 'GET',
  body = null,
  headers = {},
}) {
  if (!(rate > 0) || !(seconds > 0) || !(connections >= 1)) {
    throw new RangeError(
      `pacedLoad: rate, seconds and connections must be positive (${rate}, ${seconds}, ${connections})`,
    );
  }
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  const path = `${target.pathname}${target.search}`;
  const latency = createHistogram();
  const late = createHistogram();
  const total = Math.max(1, Math.round(rate * seconds));
  const intervalMs = 1000 / rate;
  const statuses = new Map();
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let sent = 0;
  let settled = 0;
  let stoppedEarly = false;
  const start = performance.now();

  await new Promise((resolve) => {
    const settle = () => {
      settled++;
      if (settled === sent && (sent === total || stoppedEarly)) resolve();
    };
    /** One request to its response's last byte; rejects when either fails (a reset mid-body too). */
    const answer = async () => {
      const res = await pool.request({ path, method, headers, body });
      // Read to the end, not `body.dump()`: dump settles quietly when the body is cut short.
      for await (const _ of res.body);
      return res.statusCode;
    };
    const send = (dueMs) => {
      const now = performance.now();
      late.record(Math.max(1, Math.round((now - dueMs) * 1000)));
      sent++;
      answer().then(
        (status) => {
          const us = Math.max(1, Math.round((performance.now() - now) * 1000));
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 200 && status < 300) {
            ok++;
            latency.record(us);
          } else non2xx++;
          settle();
        },
        () => {
          errors++;
          settle();
        },
      );
    };
    const tick = () => {
      const now = performance.now();
      // Every request whose time has come goes now: a timer that fired late sends the ones it
      // owes at once, so the count per second stays the rate.
      while (sent < total && start + sent * intervalMs <= now) {
        if (sent - settled >= MAX_IN_FLIGHT) {
          stoppedEarly = true; // the last of those in flight to settle resolves
          return;
        }
        send(start + sent * intervalMs);
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
    };
    tick();
  });
  const elapsedS = (performance.now() - start) / 1000;
  await pool.close();
  return {
    requests: sent,
    rps: settled / elapsedS,
    ok,
    non2xx,
    errors,
    statuses: Object.fromEntries(statuses),
    p50Us: ok === 0 ? null : latency.percentile(50),
    p99Us: ok === 0 ? null : latency.percentile(99),
    lateP99Us: late.percentile(99),
    stoppedEarly,
  };
}
