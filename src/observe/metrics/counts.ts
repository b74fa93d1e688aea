/**
 * The numbers behind attache's own metrics: plain counters in typed arrays, written on the hot
 * path with an index and an add, read by prom-client only at scrape time (`collect()`, see
 * `register.ts`). prom-client's own `inc(labels)` / `observe(labels)` hash the label object on
 * every call (about a microsecond), which is the whole per-stream budget of metrics; here a
 * handler's duration costs a WeakMap lookup, a short bucket scan and two adds.
 *
 * Series per plugin × phase live at `slot = plugin * 6 + phase`, plugins numbered by instance
 * name in order of first sight: a reloaded pipeline with the same names keeps its series, new
 * names get new ones. The arrays grow (doubling) as plugins appear.
 *
 * @module
 */
import type { Step } from '../../pipeline/pipeline.js';
import type { Phase } from '../../plugin/types.js';
import type { FailureKind, FailureOutcome } from '../observer.js';
import { DURATION_BUCKETS, FAILURE_KINDS, kindIndex, PHASE_LABELS, phaseIndex } from './labels.js';

const PHASES = PHASE_LABELS.length;
const KINDS = FAILURE_KINDS.length;
/** Bucket upper bounds in ms, as the runner measures. */
const BOUNDS_MS = DURATION_BUCKETS.map((s) => s * 1000);
/** Buckets per series: one per bound, plus the overflow (+Inf). */
export const BUCKETS = BOUNDS_MS.length + 1;

/** Counts of one process, kept across reloads (see the module comment). */
export class MetricCounts {
  /** Messages received from Envoy, per phase. */
  readonly messages = new Float64Array(PHASES);
  /** HTTP body bytes received in body messages, per phase. */
  readonly receivedBytes = new Float64Array(PHASES);
  /** HTTP body bytes sent in replies (replacement bodies, immediate response bodies), per phase. */
  readonly sentBytes = new Float64Array(PHASES);
  /** `mode_override`s sent, per phase of the reply that carried them. */
  readonly overrides = new Float64Array(PHASES);
  /** Ended streams per outcome (labels.ts, STREAM_OUTCOMES). */
  readonly streams = new Float64Array(5);
  /** Reloads: [ok, failed]. */
  readonly reloads = new Float64Array(2);

  /** Plugin instance names in slot order. */
  readonly plugins: string[] = [];
  readonly #pluginSlots = new Map<string, number>();
  /** Per step (one per plugin per phase of a pipeline): its series slot. */
  readonly #stepSlots = new WeakMap<Step, number>();
  #capacity = 0;
  /** Handler duration bucket counts (not cumulative), {@link BUCKETS} per series. */
  durations = new Float64Array(0);
  /** Sum of handler durations in ms, per series. */
  durationSums = new Float64Array(0);
  /** Plugin failures, {@link FAILURE_KINDS} per series. */
  failures = new Float64Array(0);
  /** Failure outcomes per plugin: [open, closed]. */
  failureOutcomes = new Float64Array(0);
  /** Immediate responses, keyed `plugin * 1000 + status` (status 100-599, or 0: other). */
  readonly responses = new Map<number, number>();

  /** The series slot of `step` (a plugin's handler of `phase`). */
  slot(phase: Phase, step: Step): number {
    const known = this.#stepSlots.get(step);
    if (known !== undefined) return known;
    const slot = this.pluginSlot(step.name) * PHASES + phaseIndex(phase);
    this.#stepSlots.set(step, slot);
    return slot;
  }

  /** The slot of plugin instance `name`, given one at first sight. */
  pluginSlot(name: string): number {
    let slot = this.#pluginSlots.get(name);
    if (slot === undefined) {
      slot = this.plugins.length;
      this.plugins.push(name);
      this.#pluginSlots.set(name, slot);
      if (slot >= this.#capacity) this.#grow(Math.max(4, this.#capacity * 2));
    }
    return slot;
  }

  /** A handler of `step` ran `ms`. */
  observe(phase: Phase, step: Step, ms: number): void {
    const slot = this.slot(phase, step);
    let bucket = 0;
    while (bucket < BOUNDS_MS.length && ms > (BOUNDS_MS[bucket] as number)) bucket++;
    add(this.durations, slot * BUCKETS + bucket, 1);
    add(this.durationSums, slot, ms);
  }

  /** `step` failed a message of `phase` as `kind`, which became `outcome`. */
  failed(phase: Phase, step: Step, kind: FailureKind, outcome: FailureOutcome): void {
    const slot = this.slot(phase, step);
    add(this.failures, slot * KINDS + kindIndex(kind), 1);
    const plugin = (slot / PHASES) | 0;
    add(this.failureOutcomes, plugin * 2 + (outcome === 'open' ? 0 : 1), 1);
  }

  /** `step` answered the client with `status`. */
  responded(phase: Phase, step: Step, status: number): void {
    const plugin = (this.slot(phase, step) / PHASES) | 0;
    const code = Number.isInteger(status) && status >= 100 && status <= 599 ? status : 0;
    const key = plugin * 1000 + code;
    this.responses.set(key, (this.responses.get(key) ?? 0) + 1);
  }

  #grow(capacity: number): void {
    const series = capacity * PHASES;
    this.durations = copied(this.durations, series * BUCKETS);
    this.durationSums = copied(this.durationSums, series);
    this.failures = copied(this.failures, series * KINDS);
    this.failureOutcomes = copied(this.failureOutcomes, capacity * 2);
    this.#capacity = capacity;
  }
}

/** `values[index] += n` (the index is in range by construction). */
export function add(values: Float64Array, index: number, n: number): void {
  values[index] = (values[index] as number) + n;
}

function copied(from: Float64Array, length: number): Float64Array<ArrayBuffer> {
  const to = new Float64Array(length);
  to.set(from);
  return to;
}
