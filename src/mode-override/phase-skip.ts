/**
 * Fewer round trips: from the plugins that run for an exchange (their `match`) and the phases
 * they handle, the `mode_override` that tells Envoy to skip the rest (§9).
 *
 * @module
 */
import { PHASE_BITS, type Pipeline } from '../pipeline/pipeline.js';
import type { ModeOverride } from '../plugin/types.js';

const bit = (phase: Parameters<typeof PHASE_BITS.get>[0]): number => PHASE_BITS.get(phase) as number;
const REQUEST_BODY = bit('requestBody');
const REQUEST_TRAILERS = bit('requestTrailers');
const RESPONSE_BODY = bit('responseBody');
const RESPONSE_TRAILERS = bit('responseTrailers');
const RESPONSE_ANY = bit('responseHeaders') | RESPONSE_BODY | RESPONSE_TRAILERS;

/**
 * The phases to skip after a headers phase, or `null` when there is nothing to skip. Body modes
 * are switched off only when Envoy would send a body; trailers are skipped only when some plugin
 * of the pipeline handles them (so the filter presumably sends them). The result is one of few
 * shapes, so Envoy's `allowed_override_modes` can list them (see `allowed.ts`).
 */
export function skipOverride(
  pipeline: Pipeline,
  runs: Uint8Array | null,
  phase: 'requestHeaders' | 'responseHeaders',
  requestBodyOn: boolean,
  responseBodyOn: boolean,
): ModeOverride | null {
  const masks = pipeline.phaseMasks;
  let needed = 0;
  for (let i = 0; i < masks.length; i++) if (runs === null || runs[i] === 1) needed |= masks[i] as number;
  return skipFor(needed, pipeline.phaseBits, phase, requestBodyOn, responseBodyOn);
}

/**
 * {@link skipOverride} from the phase bits: `needed` by the plugins running for the exchange,
 * `present` in the whole pipeline.
 */
export function skipFor(
  needed: number,
  present: number,
  phase: 'requestHeaders' | 'responseHeaders',
  requestBodyOn: boolean,
  responseBodyOn: boolean,
): ModeOverride | null {
  const skip: { -readonly [K in keyof ModeOverride]: ModeOverride[K] } = {};
  if (phase === 'requestHeaders') {
    if ((needed & RESPONSE_ANY) === 0) skip.responseHeaders = 'skip';
    if (requestBodyOn && (needed & REQUEST_BODY) === 0) skip.requestBody = 'none';
    if ((present & REQUEST_TRAILERS) !== 0 && (needed & REQUEST_TRAILERS) === 0)
      skip.requestTrailers = 'skip';
  }
  if (responseBodyOn && (needed & RESPONSE_BODY) === 0) skip.responseBody = 'none';
  if ((present & RESPONSE_TRAILERS) !== 0 && (needed & RESPONSE_TRAILERS) === 0)
    skip.responseTrailers = 'skip';
  for (const _ in skip) return skip;
  return null;
}

/** The override a headers reply carries: the plugins' own (`explicit`) over the computed skip. */
export function mergeOverrides(
  skip: ModeOverride | null,
  explicit: ModeOverride | null,
): ModeOverride | null {
  return skip === null ? explicit : { ...skip, ...explicit };
}
