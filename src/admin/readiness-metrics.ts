/**
 * The readiness gauges, read at scrape time: `attache_ready` (1 while ready) and
 * `attache_config_last_reload_successful` (0 while the last config reload failed and the
 * previous pipeline serves; 1 otherwise, including before any reload), named as Prometheus names
 * its own reload gauge so the usual alert rule carries over.
 *
 * @module
 */
import { Gauge, type Registry } from 'prom-client';
import { DEFAULT_METRICS_PREFIX } from '../observe/metrics/metrics.js';
import type { ReadinessReport } from '../server/readiness.js';

/**
 * Registers the readiness gauges on `registry`. Under a supervisor, `ready` aggregates with
 * `min` (ready only when every worker is), though the supervisor reports its own view instead.
 */
export function registerReadinessMetrics(
  registry: Registry,
  readiness: () => ReadinessReport,
  prefix = DEFAULT_METRICS_PREFIX,
): void {
  new Gauge({
    name: `${prefix}ready`,
    help: 'Whether this server takes new streams: 1 while serving, 0 while starting, draining or stopped (as /readyz).',
    registers: [registry],
    aggregator: 'min',
    collect() {
      this.set(readiness().ready ? 1 : 0);
    },
  });
  new Gauge({
    name: `${prefix}config_last_reload_successful`,
    help: 'Whether the last config reload was taken: 0 while a rejected config left the previous pipeline serving.',
    registers: [registry],
    aggregator: 'min',
    collect() {
      this.set(readiness().lastReload?.ok === false ? 0 : 1);
    },
  });
}
