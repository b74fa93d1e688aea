/**
 * The bounded label values of attache's own metrics, in one place: the counters are indexed by
 * them (typed arrays, not label hashes) and the README table lists them.
 *
 * @module
 */
import type { Phase } from '../../plugin/types.js';
import type { FailureKind } from '../observer.js';

/** `phase` label values, in Envoy's order; index = position. */
export const PHASE_LABELS = [
  'request_headers',
  'request_body',
  'request_trailers',
  'response_headers',
  'response_body',
  'response_trailers',
] as const;

/** Index of `phase` in {@link PHASE_LABELS}, or -1 for anything else. */
export function phaseIndex(phase: Phase | string | undefined): number {
  // A switch on interned strings: a few pointer compares, no hashing.
  switch (phase) {
    case 'requestHeaders':
      return 0;
    case 'requestBody':
      return 1;
    case 'requestTrailers':
      return 2;
    case 'responseHeaders':
      return 3;
    case 'responseBody':
      return 4;
    case 'responseTrailers':
      return 5;
    default:
      return -1;
  }
}

/**
 * `outcome` label values of `streams_total`, by precedence (the first that applies):
 * - `failed`: a plugin failure ended the exchange with an error answer (fail-closed, body limit);
 * - `immediate_response`: a plugin answered the client (`respond(...)`);
 * - `cancelled`: Envoy (or the client behind it) reset the stream before it completed;
 * - `failed_open`: a plugin failed but its failure policy let the messages pass (fail-open);
 * - `ok`: Envoy half-closed the stream, every message answered without a failure.
 */
export const STREAM_OUTCOMES = ['ok', 'immediate_response', 'failed', 'failed_open', 'cancelled'] as const;
/** Indices into {@link STREAM_OUTCOMES}. */
export const OK = 0;
export const IMMEDIATE = 1;
export const FAILED = 2;
export const FAILED_OPEN = 3;
export const CANCELLED = 4;

/** `kind` label values of `plugin_failures_total`; index = position. */
export const FAILURE_KINDS: readonly FailureKind[] = [
  'throw',
  'timeout',
  'refused_mutation',
  'body_limit',
  'invalid_result',
];

/** Index of `kind` in {@link FAILURE_KINDS}. */
export function kindIndex(kind: FailureKind): number {
  switch (kind) {
    case 'throw':
      return 0;
    case 'timeout':
      return 1;
    case 'refused_mutation':
      return 2;
    case 'body_limit':
      return 3;
    default:
      return 4;
  }
}

/** `outcome` label values of `failure_outcomes_total`. */
export const FAILURE_OUTCOMES = ['open', 'closed'] as const;

/** `result` label values of `reloads_total`. */
export const RELOAD_RESULTS = ['ok', 'failed'] as const;

/**
 * The `status` label of `immediate_responses_total`: the HTTP status as a number (100-599, which
 * `respond()` enforces), anything else folded into `other` so the set stays bounded.
 */
export function statusLabel(status: number): string {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : 'other';
}

/**
 * Upper bounds of the handler duration histogram, in seconds: from 10 µs (a synchronous header
 * handler takes a few µs) to 5 s (an async call past every sane budget), about ×2.5 per step.
 */
export const DURATION_BUCKETS: readonly number[] = [
  0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
  0.5, 1, 2.5, 5,
];
