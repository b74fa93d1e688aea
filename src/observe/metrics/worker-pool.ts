/**
 * The worker pool's metrics (`api.workers`, src/workers/): tasks by plugin and outcome and the
 * queue read from the pool's statistics at scrape time, task durations observed as tasks finish
 * (a pool task costs far more than prom-client's label lookup, so a plain histogram is fine).
 *
 * @module
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { onWorkerTask, workerPoolStats } from '../../workers/pool.js';

/** Task durations: from 100 µs (a small task's round trip) to 10 s. */
const TASK_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10,
];

/** Registers the worker-pool metrics under `prefix` on `registry`. */
export function registerWorkerPoolMetrics(registry: Registry, prefix: string): void {
  new Counter<'plugin' | 'outcome'>({
    name: `${prefix}worker_tasks_total`,
    help: 'Worker-pool tasks, by plugin instance and outcome (ok, threw, crashed: the thread died; shed: not started before its deadline or refused by a full queue; cancelled: its stream ended)',
    labelNames: ['plugin', 'outcome'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [plugin, stats] of Object.entries(workerPoolStats().plugins)) {
        for (const [outcome, n] of Object.entries(stats.tasks)) {
          if (n > 0) this.inc({ plugin, outcome }, n);
        }
      }
    },
  });
  new Gauge({
    name: `${prefix}worker_queue_size`,
    help: 'Worker-pool tasks waiting for a thread',
    registers: [registry],
    collect() {
      this.set(workerPoolStats().queueSize);
    },
  });
  new Gauge({
    name: `${prefix}worker_threads`,
    help: 'Threads the worker pool runs (0 while no plugin uses it)',
    registers: [registry],
    collect() {
      const stats = workerPoolStats();
      this.set(stats.running ? stats.threads : 0);
    },
  });
  const durations = new Histogram<'plugin'>({
    name: `${prefix}worker_task_duration_seconds`,
    help: 'Time from submitting a worker-pool task to its result (queue wait included), by plugin instance',
    labelNames: ['plugin'],
    buckets: TASK_BUCKETS,
    registers: [registry],
  });
  // The pool outlives registries (tests make many): the listener holds the histogram weakly and
  // unsubscribes once the registry, and with it the histogram, is gone.
  const ref = new WeakRef(durations);
  const off = onWorkerTask((plugin, outcome, seconds) => {
    const histogram = ref.deref();
    if (histogram === undefined) {
      off();
      return;
    }
    if (outcome === 'ok' || outcome === 'threw' || outcome === 'crashed')
      histogram.observe({ plugin }, seconds);
  });
}
