/**
 * Metrics a plugin registers from `setup` (`api.metrics`): on the processor's registry, under its
 * prefix, or no-op objects when metrics are off. Registration is idempotent, so a reloaded
 * plugin (or a second instance of it) that asks for the same metric gets the one already there,
 * with its counts.
 *
 * @module
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { AttacheError, ErrorCode } from '../../errors.js';

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

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

type Kind = 'counter' | 'gauge' | 'histogram';

/** A metric declared through the plugin API, with what it was declared as. */
interface Declared {
  readonly kind: Kind;
  /** Label names and buckets, as compared on a second declaration. */
  readonly shape: string;
  readonly metric: unknown;
}

const noop = (): void => {};
/** Shared by every metric of a server without metrics. */
const NOOP_METRIC: MetricCounter<string> & MetricGauge<string> & MetricHistogram<string> = Object.freeze({
  inc: noop,
  dec: noop,
  set: noop,
  observe: noop,
});

/** Checks a declaration; returns its shape (labels and buckets) for comparisons. */
function check(
  where: string,
  kind: Kind,
  spec: HistogramSpec<string>,
  defaultBuckets: readonly number[],
): string {
  const fail = (reason: string): never => {
    throw new AttacheError(ErrorCode.CONFIG_INVALID, `${where}: metrics.${kind}(): ${reason}`);
  };
  if (spec === null || typeof spec !== 'object') fail('expects { name, help, labelNames? }');
  if (typeof spec.name !== 'string' || !METRIC_NAME.test(spec.name)) {
    fail(`name ${JSON.stringify(spec.name)} is not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)`);
  }
  if (typeof spec.help !== 'string' || spec.help.trim() === '')
    fail(`${spec.name}: help must be a non-empty string`);
  const labels = spec.labelNames ?? [];
  if (!Array.isArray(labels)) fail(`${spec.name}: labelNames must be an array of strings`);
  for (const label of labels) {
    if (typeof label !== 'string' || !LABEL_NAME.test(label) || label.startsWith('__')) {
      fail(`${spec.name}: ${JSON.stringify(label)} is not a Prometheus label name`);
    }
    if (kind === 'histogram' && label === 'le') fail(`${spec.name}: le is reserved for histogram buckets`);
  }
  if (new Set(labels).size !== labels.length) fail(`${spec.name}: labelNames repeat a name`);
  let buckets: readonly number[] = [];
  if (kind === 'histogram') {
    buckets = spec.buckets ?? defaultBuckets;
    const ascending = buckets.every(
      (b, i) => Number.isFinite(b) && (i === 0 || b > (buckets[i - 1] as number)),
    );
    if (!Array.isArray(buckets) || buckets.length === 0 || !ascending) {
      fail(`${spec.name}: buckets must be finite numbers in ascending order`);
    }
  }
  return JSON.stringify([[...labels].sort(), buckets]);
}

/**
 * The plugin metrics of one registry and prefix, shared by every plugin instance and pipeline
 * (reloads included) of the processors using it.
 */
export class PluginMetricsRegistry {
  readonly #registry: Registry;
  readonly #prefix: string;
  readonly #declared = new Map<string, Declared>();
  readonly #defaultBuckets: readonly number[];

  constructor(registry: Registry, prefix: string, defaultBuckets: readonly number[]) {
    this.#registry = registry;
    this.#prefix = prefix;
    this.#defaultBuckets = defaultBuckets;
  }

  /** The API handed to a plugin instance's `setup`; `where` names it in errors. */
  api(where: string): PluginMetrics {
    const get = <M>(kind: Kind, spec: HistogramSpec<string>): M => this.#get(where, kind, spec) as M;
    return Object.freeze({
      enabled: true,
      counter: (spec) => get('counter', spec),
      gauge: (spec) => get('gauge', spec),
      histogram: (spec) => get('histogram', spec),
    } satisfies PluginMetrics);
  }

  #get(where: string, kind: Kind, spec: HistogramSpec<string>): unknown {
    const shape = check(where, kind, spec, this.#defaultBuckets);
    const name = `${this.#prefix}${spec.name}`;
    const known = this.#declared.get(name);
    if (known !== undefined) {
      if (known.kind !== kind || known.shape !== shape) {
        throw new AttacheError(
          ErrorCode.CONFIG_INVALID,
          `${where}: metrics.${kind}(): ${name} is already declared as a ${known.kind} with other labels or buckets (${known.shape}); a metric keeps one type and label set`,
        );
      }
      return known.metric;
    }
    if (this.#registry.getSingleMetric(name) !== undefined) {
      throw new AttacheError(
        ErrorCode.CONFIG_INVALID,
        `${where}: metrics.${kind}(): ${name} is already registered (by attache or the application); choose another name`,
      );
    }
    const config = {
      name,
      help: spec.help,
      labelNames: [...(spec.labelNames ?? [])],
      registers: [this.#registry],
    };
    const metric =
      kind === 'counter'
        ? new Counter(config)
        : kind === 'gauge'
          ? new Gauge(config)
          : new Histogram({ ...config, buckets: [...(spec.buckets ?? this.#defaultBuckets)] });
    this.#declared.set(name, { kind, shape, metric });
    return metric;
  }
}

/**
 * The API of a server without metrics: declarations are checked as with metrics on (a mistake
 * shows in tests either way), and every metric is a shared object whose methods do nothing.
 */
export function disabledPluginMetrics(where: string, defaultBuckets: readonly number[]): PluginMetrics {
  const get = <M>(kind: Kind, spec: HistogramSpec<string>): M => {
    check(where, kind, spec, defaultBuckets);
    return NOOP_METRIC as M;
  };
  return Object.freeze({
    enabled: false,
    counter: (spec) => get('counter', spec),
    gauge: (spec) => get('gauge', spec),
    histogram: (spec) => get('histogram', spec),
  } satisfies PluginMetrics);
}
