/**
 * Metrics of a processor: the counters, the observer that fills them, the metrics registered on
 * the prom-client registry and the plugin metrics API. One per registry and prefix, shared by
 * every processor given them (the counts are per process), surviving reloads.
 *
 * @module
 */
import { collectDefaultMetrics, type Registry } from 'prom-client';
import { AttacheError, ErrorCode } from '../../errors.js';
import type { MetricsOptions, PluginMetrics } from './api.js';
import { add, MetricCounts } from './counts.js';
import { DURATION_BUCKETS } from './labels.js';
import { disabledPluginMetrics, PluginMetricsRegistry } from './plugin-metrics.js';
import { registerMetrics } from './register.js';
import { MetricsObserver } from './stream-metrics.js';
import { registerWorkerPoolMetrics } from './worker-pool.js';

/** Default of {@link MetricsOptions.prefix}. */
export const DEFAULT_METRICS_PREFIX = 'attache_';

const PREFIX = /^([a-zA-Z_:][a-zA-Z0-9_:]*)?$/;

/** Something whose open streams are counted (a processor). */
interface StreamSource {
  readonly activeStreams: number;
}

/** The metrics of one registry and prefix (see the module comment). */
export class ProcessMetrics {
  readonly counts = new MetricCounts();
  readonly observer: MetricsObserver;
  readonly #plugins: PluginMetricsRegistry;
  readonly #sources = new Set<StreamSource>();

  constructor(registry: Registry, prefix: string, defaults: boolean) {
    this.observer = new MetricsObserver(this.counts);
    registerMetrics(registry, prefix, this.counts, () => {
      let open = 0;
      for (const source of this.#sources) open += source.activeStreams;
      return open;
    });
    registerWorkerPoolMetrics(registry, prefix);
    if (defaults) collectDefaultMetrics({ register: registry, prefix });
    this.#plugins = new PluginMetricsRegistry(registry, prefix, DURATION_BUCKETS);
  }

  /** The plugin metrics API for the instance `where` names. */
  pluginApi(where: string): PluginMetrics {
    return this.#plugins.api(where);
  }

  /** Counts `source`'s open streams in `streams_active` (until {@link ProcessMetrics.detach}). */
  attach(source: StreamSource): void {
    this.#sources.add(source);
  }

  detach(source: StreamSource): void {
    this.#sources.delete(source);
  }

  /** A reload was taken (`ok`) or rejected. */
  reloaded(ok: boolean): void {
    add(this.counts.reloads, ok ? 0 : 1, 1);
  }
}

const byRegistry = new WeakMap<Registry, Map<string, ProcessMetrics>>();

/**
 * The metrics of `options.registry` under its prefix, created (and registered) on first use.
 *
 * @throws AttacheError `ATTACHE_ERR_CONFIG_INVALID` for a registry that is not one, or a prefix
 *   that cannot start a Prometheus metric name.
 */
export function metricsFor(options: MetricsOptions): ProcessMetrics {
  const { registry } = options;
  if (
    registry === null ||
    typeof registry !== 'object' ||
    typeof registry.registerMetric !== 'function' ||
    typeof registry.getSingleMetric !== 'function'
  ) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      'metrics.registry must be a prom-client Registry (new Registry() from prom-client)',
    );
  }
  const prefix = options.prefix ?? DEFAULT_METRICS_PREFIX;
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `metrics.prefix must be empty or start a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), got ${JSON.stringify(prefix)}`,
    );
  }
  let prefixes = byRegistry.get(registry);
  if (prefixes === undefined) {
    prefixes = new Map();
    byRegistry.set(registry, prefixes);
  }
  let metrics = prefixes.get(prefix);
  if (metrics === undefined) {
    metrics = new ProcessMetrics(registry, prefix, options.defaultMetrics !== false);
    prefixes.set(prefix, metrics);
  }
  return metrics;
}

/** The plugin metrics API of a processor without metrics (no-op metrics). */
export function noPluginMetrics(where: string): PluginMetrics {
  return disabledPluginMetrics(where, DURATION_BUCKETS);
}
