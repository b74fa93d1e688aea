/**
 * The supervisor's admin listener (`attache serve --processes N`): one `/metrics`, `/healthz`,
 * `/readyz` for the whole pod or host, as Prometheus and Kubernetes see one target.
 *
 * - `/metrics` asks every serving worker for its registry over IPC (prom-client
 *   `getMetricsAsJSON()`) and merges them with prom-client's `AggregatorRegistry.aggregate`:
 *   counters and histograms are summed, gauges aggregated as each metric declares (summed by
 *   default; the event-loop lag ones averaged). No `worker` label: the workers are identical
 *   replicas behind one load balancer, so per-worker series would multiply every series by N for
 *   a distinction Envoy's own per-endpoint stats already make; the readiness below names a
 *   worker that is down.
 * - `/readyz` is ready only while every worker serves: a worker that died and is restarting, or
 *   is not yet up, makes the whole set unready until it is back (its endpoint is refusing
 *   connections meanwhile), and the body names it.
 *
 * @module
 */
import { AggregatorRegistry, Registry } from 'prom-client';
import { type AdminServer, type MetricsRegistry, startAdminServer } from '../admin/admin-server.js';
import { registerReadinessMetrics } from '../admin/readiness-metrics.js';
import type { AdminSetting } from '../cli/serve.js';
import type { Logger } from '../log.js';
import { DEFAULT_METRICS_PREFIX } from '../observe/metrics/metrics.js';
import type { Readiness, ReadinessReport } from '../server/readiness.js';
import type { WorkerHandle } from './worker-handle.js';

/** How long a scrape waits for a worker's metrics; a worker that does not answer is left out. */
const METRICS_TIMEOUT_MS = 5_000;

/** `/readyz` of the supervisor: its own state, and each worker's. */
export interface SupervisorReadinessReport extends ReadinessReport {
  readonly workers: ReadonlyArray<{
    readonly worker: number;
    readonly ready: boolean;
    readonly pid?: number;
  }>;
}

/** The supervisor's readiness: its own state (starting, serving, draining) and every worker ready. */
export function supervisorReadiness(
  readiness: Readiness,
  workers: readonly WorkerHandle[],
): SupervisorReadinessReport {
  const own = readiness.report();
  const down = workers.filter((w) => !w.ready);
  const reasons = [...own.reasons];
  if (own.state === 'serving') {
    for (const w of down) {
      reasons.push(
        w.running
          ? `worker ${w.index} (${w.address}) is not serving yet`
          : `worker ${w.index} (${w.address}) is down; restarting`,
      );
    }
  }
  return {
    ...own,
    ready: own.ready && down.length === 0,
    reasons,
    workers: workers.map((w) =>
      w.pid === undefined
        ? { worker: w.index, ready: w.ready }
        : { worker: w.index, ready: w.ready, pid: w.pid },
    ),
  };
}

/**
 * The workers' metrics merged into one exposition, with the supervisor's own readiness gauges in
 * place of the workers' (so `attache_ready` is 0 while a worker is restarting, though the
 * restarting worker has no metrics to send).
 */
export function aggregatedMetrics(
  workers: readonly WorkerHandle[],
  report: () => ReadinessReport,
  prefix = DEFAULT_METRICS_PREFIX,
): MetricsRegistry {
  const own = new Registry();
  registerReadinessMetrics(own, report, prefix);
  const ownNames = ['ready', 'config_last_reload_successful'].map((n) => `${prefix}${n}`);
  let nextId = 0;
  return {
    contentType: own.contentType,
    async metrics() {
      const id = ++nextId;
      const answers = await Promise.all(workers.map((w) => w.metrics(id, METRICS_TIMEOUT_MS)));
      const merged: Registry = AggregatorRegistry.aggregate(answers.filter((a) => a !== null));
      for (const name of ownNames) merged.removeSingleMetric(name);
      return Registry.merge([merged, own]).metrics();
    },
  };
}

/** Starts the supervisor's admin listener. */
export function startSupervisorAdmin(
  admin: AdminSetting,
  workers: readonly WorkerHandle[],
  readiness: Readiness,
  log: Logger,
  prefix: string = DEFAULT_METRICS_PREFIX,
): Promise<AdminServer> {
  const report = () => supervisorReadiness(readiness, workers);
  return startAdminServer({
    ...admin,
    registry: aggregatedMetrics(workers, report, prefix),
    readiness: report,
    health: () => ({ state: readiness.state }),
    log,
  });
}
