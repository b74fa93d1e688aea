/**
 * The public side of metrics: what `createServer` / `createProcessor` take (`metrics`), and what
 * a plugin's `setup` gets to register its own metrics (`api.metrics`). The implementation is in
 * `metrics.ts` and `plugin-metrics.ts`.
 *
 * @module
 */
import type { Registry } from 'prom-client';

/** Where a processor's metrics go (`createServer({ metrics })`, `createProcessor({ metrics })`). */
export interface MetricsOptions {
  /** The prom-client registry to register on (`new Registry()` from `prom-client`). */
  readonly registry: Registry;
  /** Prefix of every metric name, attache's and plugins' (default `attache_`). */
  readonly prefix?: string;
  /**
   * Also register prom-client's default process and Node.js metrics (CPU, memory, event-loop
   * lag, GC...) under the prefix (default true). Set false when the application registers them
   * itself on this registry.
   */
  readonly defaultMetrics?: boolean;
}

/** Label values of a plugin metric, by label name. */
export type MetricLabels<L extends string> = Partial<Record<L, string | number>>;

/** What a plugin metric is declared with. */
export interface MetricSpec<L extends string = never> {
  /** Name without the prefix (`[a-zA-Z_:][a-zA-Z0-9_:]*`); counters should end in `_total`. */
  readonly name: string;
  /** One line saying what it counts (the `# HELP` line). */
  readonly help: string;
  /**
   * Label names. Keep their values bounded (a status, a kind, a brand): never paths, header
   * values or tenant ids, each new value is a new time series in Prometheus.
   */
  readonly labelNames?: readonly L[];
}

/** What a plugin histogram is declared with. */
export interface HistogramSpec<L extends string = never> extends MetricSpec<L> {
  /** Bucket upper bounds, ascending (default: attache's handler buckets, 10 µs to 5 s, in seconds). */
  readonly buckets?: readonly number[];
}

/** A counter: only goes up. */
export interface MetricCounter<L extends string = never> {
  /** Adds `value` (default 1) to the series without labels. */
  inc(value?: number): void;
  /** Adds `value` (default 1) to the series of `labels`. */
  inc(labels: MetricLabels<L>, value?: number): void;
}

/** A gauge: a value that goes up and down. */
export interface MetricGauge<L extends string = never> {
  /** Sets the series without labels. */
  set(value: number): void;
  /** Sets the series of `labels`. */
  set(labels: MetricLabels<L>, value: number): void;
  /** Adds `value` (default 1). */
  inc(value?: number): void;
  /** Adds `value` (default 1) to the series of `labels`. */
  inc(labels: MetricLabels<L>, value?: number): void;
  /** Subtracts `value` (default 1). */
  dec(value?: number): void;
  /** Subtracts `value` (default 1) from the series of `labels`. */
  dec(labels: MetricLabels<L>, value?: number): void;
}

/** A histogram: counts observations into buckets. */
export interface MetricHistogram<L extends string = never> {
  /** Observes `value` (seconds, for a duration). */
  observe(value: number): void;
  /** Observes `value` in the series of `labels`. */
  observe(labels: MetricLabels<L>, value: number): void;
}

/**
 * How a plugin registers its own metrics (`api.metrics` in `setup`). Each call returns a
 * prom-client metric named `<prefix><name>` on the server's registry, or, when the server runs
 * without metrics, an object whose methods do nothing (the same code works either way).
 * Asking again for a metric of the same name, type and labels (a reload, a second instance of
 * the plugin) returns the existing one; the same name with another type or labels, or a name
 * attache uses, throws at `setup`.
 *
 * Call these in `setup`, never per message, and keep the returned object. To tell instances of
 * one plugin apart, give the metric a `plugin` label and pass `api.name`.
 *
 * @example
 * ```ts
 * const hits = api.metrics.counter({ name: 'cache_hits_total', help: 'Cache hits', labelNames: ['plugin'] });
 * return { requestHeaders: () => hits.inc({ plugin: api.name }) };
 * ```
 */
export interface PluginMetrics {
  /** Whether metrics are on (the server was given a registry); off, every metric is a no-op. */
  readonly enabled: boolean;
  /** A counter. @throws AttacheError `ATTACHE_ERR_CONFIG_INVALID` on a bad or conflicting declaration. */
  counter<L extends string = never>(spec: MetricSpec<L>): MetricCounter<L>;
  /** A gauge. @throws AttacheError `ATTACHE_ERR_CONFIG_INVALID` on a bad or conflicting declaration. */
  gauge<L extends string = never>(spec: MetricSpec<L>): MetricGauge<L>;
  /** A histogram. @throws AttacheError `ATTACHE_ERR_CONFIG_INVALID` on a bad or conflicting declaration. */
  histogram<L extends string = never>(spec: HistogramSpec<L>): MetricHistogram<L>;
}
