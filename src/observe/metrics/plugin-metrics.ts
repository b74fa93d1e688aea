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
import type { HistogramSpec, MetricCounter, MetricGauge, MetricHistogram, PluginMetrics } from './api.js';

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
