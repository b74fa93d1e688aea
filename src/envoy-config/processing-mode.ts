/**
 * The least the Envoy filter must send for a pipeline: each phase only when a plugin reads it, or
 * when attache needs it to decide (a `match` condition, the end of a streamed body).
 *
 * @module
 */
import { PHASE_BITS, type Pipeline } from '../pipeline/pipeline.js';
import type { Phase } from '../plugin/types.js';
import type { ProcessingModeConfig, ProcessingModeInput } from '../protocol/processing-mode.js';

/** A derived mode and, per field, why it has its value. */
export interface DerivedMode {
  readonly mode: ProcessingModeConfig;
  /** `requestBodyMode: STREAMED (plugin "mask" reads the request body in chunks)`... */
  readonly reasons: readonly string[];
}

const bit = (phase: Phase): number => PHASE_BITS.get(phase) as number;

/** The plugin names whose phase bits include `phase`. */
function readers(pipeline: Pipeline, phase: Phase): string[] {
  return pipeline.phaseMasks.flatMap((mask, i) => (mask & bit(phase) ? [pipeline.names[i] as string] : []));
}

const list = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/** The plugin names that change `direction`'s headers from its body (their `headersFromBody`). */
export function headerWriters(pipeline: Pipeline, direction: 'request' | 'response'): string[] {
  return pipeline.names.filter((_, i) => pipeline.headersFromBody[i]?.includes(direction) === true);
}

/**
 * The processing mode a filter in front of `pipeline` needs, field by field; a field `declared`
 * sets (the config's `envoy.processingMode`) wins over the derived one.
 *
 * - request headers: SEND when a plugin reads them, has a `match` (evaluated on them) or changes
 *   them from the body (`headersFromBody`: Envoy applies such changes only to headers it holds),
 *   or when `allowModeOverride` is on (attache sends its `mode_override` in the reply to them);
 *   else SKIP.
 * - response headers: SEND when a plugin reads them, has a response condition
 *   (`responseContentType`) or changes them from the body; else SKIP.
 * - bodies: NONE when no plugin reads that body; BUFFERED when a plugin changes that direction's
 *   headers from the body (`headersFromBody`: Envoy ignores header changes in streamed body
 *   replies), even if others read it in chunks (they see one chunk); STREAMED when a plugin reads
 *   it in chunks (no size limit but attache's `body.maxBytes`); BUFFERED when plugins read it
 *   whole (header changes made with the body still apply, `content-length` stays right).
 * - trailers: SEND when a plugin reads them, or the body streams (attache sees where a body with
 *   trailers ends only through them); else SKIP.
 */
export function deriveProcessingMode(pipeline: Pipeline, declared: ProcessingModeInput = {}): DerivedMode {
  const reasons: string[] = [];
  const matchers = pipeline.matchers ?? [];
  const requestMatch = pipeline.names.filter((_, i) => matchers[i]?.request != null);
  const responseMatch = pipeline.names.filter((_, i) => matchers[i]?.response != null);

  const header = (
    field: 'requestHeaderMode' | 'responseHeaderMode',
    phase: Phase,
    conditions: readonly string[],
    override: boolean,
  ) => {
    if (declared[field] !== undefined) {
      reasons.push(`${field}: ${declared[field]} (envoy.processingMode)`);
      return declared[field];
    }
    const r = readers(pipeline, phase);
    const writers = headerWriters(pipeline, phase === 'requestHeaders' ? 'request' : 'response');
    if (r.length > 0) reasons.push(`${field}: SEND (${list(r)} read${r.length > 1 ? '' : 's'} them)`);
    else if (conditions.length > 0) reasons.push(`${field}: SEND (match conditions of ${list(conditions)})`);
    else if (writers.length > 0)
      reasons.push(
        `${field}: SEND (${list(writers)} change${writers.length > 1 ? '' : 's'} them from the body: Envoy applies that only to headers it holds)`,
      );
    else if (override)
      reasons.push(`${field}: SEND (envoy.allowModeOverride: attache answers them with a mode_override)`);
    else {
      reasons.push(`${field}: SKIP (no plugin reads them)`);
      return 'SKIP';
    }
    return 'SEND';
  };

  const body = (field: 'requestBodyMode' | 'responseBodyMode', direction: 'request' | 'response') => {
    if (declared[field] !== undefined) {
      reasons.push(`${field}: ${declared[field]} (envoy.processingMode)`);
      return declared[field];
    }
    const phase: Phase = direction === 'request' ? 'requestBody' : 'responseBody';
    const steps = pipeline.steps[phase] ?? [];
    if (steps.length === 0) {
      reasons.push(`${field}: NONE (no plugin reads the ${direction} body)`);
      return 'NONE';
    }
    const chunked = steps.filter((s) => s.chunk).map((s) => s.name);
    const writers = headerWriters(pipeline, direction);
    if (writers.length > 0) {
      const also =
        chunked.length > 0
          ? `; ${list(chunked)} read${chunked.length > 1 ? '' : 's'} it in chunks and get${chunked.length > 1 ? '' : 's'} it as one`
          : '';
      reasons.push(
        `${field}: BUFFERED (${list(writers)} change${writers.length > 1 ? '' : 's'} the ${direction} headers from the whole body: Envoy ignores header changes in streamed body replies${also})`,
      );
      return 'BUFFERED';
    }
    if (chunked.length > 0) {
      reasons.push(`${field}: STREAMED (${list(chunked)} read${chunked.length > 1 ? '' : 's'} it in chunks)`);
      return 'STREAMED';
    }
    reasons.push(
      `${field}: BUFFERED (${list(steps.map((s) => s.name))} read${steps.length > 1 ? '' : 's'} it whole)`,
    );
    return 'BUFFERED';
  };

  const trailer = (
    field: 'requestTrailerMode' | 'responseTrailerMode',
    phase: Phase,
    bodyMode: string,
    direction: string,
  ) => {
    if (declared[field] !== undefined) {
      reasons.push(`${field}: ${declared[field]} (envoy.processingMode)`);
      return declared[field];
    }
    const r = readers(pipeline, phase);
    if (r.length > 0) reasons.push(`${field}: SEND (${list(r)} read${r.length > 1 ? '' : 's'} them)`);
    else if (bodyMode === 'STREAMED' || bodyMode === 'FULL_DUPLEX_STREAMED') {
      reasons.push(`${field}: SEND (the ${direction} body streams: its trailers mark where it ends)`);
    } else {
      reasons.push(`${field}: SKIP (no plugin reads them)`);
      return 'SKIP';
    }
    return 'SEND';
  };

  const requestHeaderMode = header(
    'requestHeaderMode',
    'requestHeaders',
    requestMatch,
    pipeline.allowModeOverride,
  );
  const responseHeaderMode = header('responseHeaderMode', 'responseHeaders', responseMatch, false);
  const requestBodyMode = body('requestBodyMode', 'request');
  const responseBodyMode = body('responseBodyMode', 'response');
  const requestTrailerMode = trailer('requestTrailerMode', 'requestTrailers', requestBodyMode, 'request');
  const responseTrailerMode = trailer(
    'responseTrailerMode',
    'responseTrailers',
    responseBodyMode,
    'response',
  );
  return {
    mode: {
      requestHeaderMode,
      responseHeaderMode,
      requestBodyMode,
      responseBodyMode,
      requestTrailerMode,
      responseTrailerMode,
    },
    reasons,
  };
}
