/**
 * attache's own metrics on a prom-client registry, read from {@link MetricCounts} at scrape
 * time: counters and gauges through prom-client's `collect()` hook (the label hashing it does
 * happens once per series per scrape, not per message), the handler histogram through a
 * `Histogram` whose output is built from the bucket arrays (prom-client has no way to set a
 * histogram's buckets, only `observe()` one value at a time).
 *
 * @module
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { BUCKETS, type MetricCounts } from './counts.js';
import {
  DURATION_BUCKETS,
  FAILURE_KINDS,
  FAILURE_OUTCOMES,
  PHASE_LABELS,
  RELOAD_RESULTS,
  STREAM_OUTCOMES,
} from './labels.js';

/** Histogram labels with the bucket bound, which prom-client's label type leaves out. */
type Labels = HistogramData['values'][number]['labels'];

type Emit<L extends string> = (labels: Record<L, string>, value: number) => void;

/** A counter whose series are read from `read` at each scrape. */
function counter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
  read: (emit: Emit<L>) => void,
): void {
  new Counter<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      read((labels, value) => this.inc(labels as never, value));
    },
  });
}

/** Every series of a per-phase array, zeros included (the phases are a fixed set). */
function perPhase(values: Float64Array): (emit: Emit<'phase'>) => void {
  return (emit) => {
    for (const [i, phase] of PHASE_LABELS.entries()) emit({ phase }, values[i] as number);
  };
}

/** The handler duration histogram, built from the bucket arrays at each scrape. */
type HistogramData = Awaited<ReturnType<Histogram<'plugin' | 'phase'>['get']>>;

class HandlerHistogram extends Histogram<'plugin' | 'phase'> {
  readonly #counts: MetricCounts;
  readonly #name: string;
  readonly #help: string;

  constructor(registry: Registry, name: string, counts: MetricCounts) {
    const help =
      'Time a plugin handler took, from the call to its settling (seconds), per plugin instance and phase';
    super({
      name,
      help,
      labelNames: ['plugin', 'phase'],
      buckets: [...DURATION_BUCKETS],
      registers: [registry],
    });
    this.#counts = counts;
    this.#name = name;
    this.#help = help;
  }

  override async get(): Promise<HistogramData> {
    const counts = this.#counts;
    const name = this.#name;
    const values: HistogramData['values'] = [];
    const bucketName = `${name}_bucket`;
    for (const [p, plugin] of counts.plugins.entries()) {
      for (const [f, phase] of PHASE_LABELS.entries()) {
        const slot = p * PHASE_LABELS.length + f;
        const base = slot * BUCKETS;
        let total = 0;
        for (let b = 0; b < BUCKETS; b++) total += counts.durations[base + b] as number;
        // A plugin without a handler in this phase has no series.
        if (total === 0) continue;
        let cumulative = 0;
        for (const [b, le] of DURATION_BUCKETS.entries()) {
          cumulative += counts.durations[base + b] as number;
          values.push({ labels: { plugin, phase, le } as Labels, value: cumulative, metricName: bucketName });
        }
        values.push({
          labels: { plugin, phase, le: '+Inf' } as Labels,
          value: total,
          metricName: bucketName,
        });
        values.push({
          labels: { plugin, phase },
          value: (counts.durationSums[slot] as number) / 1000,
          metricName: `${name}_sum`,
        });
        values.push({ labels: { plugin, phase }, value: total, metricName: `${name}_count` });
      }
    }
    // The shape prom-client's own Histogram returns (its typings declare an enum that the package
    // does not export at run time, hence the cast).
    return {
      name,
      help: this.#help,
      type: 'histogram',
      values,
      aggregator: 'sum',
    } as unknown as HistogramData;
  }

  /** What the registry's text output reads (prom-client prefers it to `get()` for histograms). */
  getForPromString(): Promise<HistogramData> {
    return this.get();
  }
}

/**
 * Registers attache's metrics under `prefix` on `registry`; `active` reads the open streams at
 * scrape time.
 */
export function registerMetrics(
  registry: Registry,
  prefix: string,
  counts: MetricCounts,
  active: () => number,
): void {
  counter(
    registry,
    `${prefix}streams_total`,
    'Process streams ended, by outcome (ok, immediate_response, failed, failed_open, cancelled)',
    ['outcome'],
    (emit) => {
      for (const [i, outcome] of STREAM_OUTCOMES.entries()) emit({ outcome }, counts.streams[i] as number);
    },
  );
  new Gauge({
    name: `${prefix}streams_active`,
    help: 'Process streams open now',
    registers: [registry],
    collect() {
      this.set(active());
    },
  });
  counter(
    registry,
    `${prefix}messages_total`,
    'Messages received from Envoy, by phase',
    ['phase'],
    perPhase(counts.messages),
  );
  new HandlerHistogram(registry, `${prefix}handler_duration_seconds`, counts);
  counter(
    registry,
    `${prefix}immediate_responses_total`,
    'Immediate responses a plugin answered the client with, by plugin instance and HTTP status',
    ['plugin', 'status'],
    (emit) => {
      for (const [key, value] of counts.responses) {
        const code = key % 1000;
        emit(
          {
            plugin: counts.plugins[Math.floor(key / 1000)] as string,
            status: code === 0 ? 'other' : String(code),
          },
          value,
        );
      }
    },
  );
  counter(
    registry,
    `${prefix}plugin_failures_total`,
    'Messages a plugin failed, by plugin instance, phase and kind (throw, timeout, refused_mutation, body_limit, invalid_result)',
    ['plugin', 'phase', 'kind'],
    (emit) => {
      for (const [p, plugin] of counts.plugins.entries()) {
        for (const [f, phase] of PHASE_LABELS.entries()) {
          const base = (p * PHASE_LABELS.length + f) * FAILURE_KINDS.length;
          for (const [k, kind] of FAILURE_KINDS.entries()) {
            const value = counts.failures[base + k] as number;
            if (value > 0) emit({ plugin, phase, kind }, value);
          }
        }
      }
    },
  );
  counter(
    registry,
    `${prefix}failure_outcomes_total`,
    'What failed messages became under the plugin failure policy: passed on (open) or answered with an error (closed)',
    ['plugin', 'outcome'],
    (emit) => {
      for (const [p, plugin] of counts.plugins.entries()) {
        for (const [o, outcome] of FAILURE_OUTCOMES.entries()) {
          const value = counts.failureOutcomes[p * 2 + o] as number;
          if (value > 0) emit({ plugin, outcome }, value);
        }
      }
    },
  );
  counter(
    registry,
    `${prefix}received_bytes_total`,
    'HTTP body bytes received from Envoy in body messages, by phase',
    ['phase'],
    perPhase(counts.receivedBytes),
  );
  counter(
    registry,
    `${prefix}sent_bytes_total`,
    'HTTP body bytes sent to Envoy (replacement bodies, immediate response bodies), by phase',
    ['phase'],
    perPhase(counts.sentBytes),
  );
  counter(
    registry,
    `${prefix}mode_overrides_total`,
    'Processing mode overrides sent to Envoy, by phase of the reply that carried them',
    ['phase'],
    perPhase(counts.overrides),
  );
  counter(
    registry,
    `${prefix}reloads_total`,
    'Pipeline reloads, by result (ok, failed)',
    ['result'],
    (emit) => {
      for (const [i, result] of RELOAD_RESULTS.entries()) emit({ result }, counts.reloads[i] as number);
    },
  );
}
