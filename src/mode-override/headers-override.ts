/**
 * The `mode_override` of a headers reply no plugin asked for explicitly, made once per
 * combination of what it depends on and shared by every stream of the pipeline.
 *
 * Why: without an explicit override, the phase skip (`phase-skip.ts`), the trailers asked for
 * (`trailers.ts`) and Envoy's `ProcessingMode` (`proto.ts`) depend only on which plugins run,
 * the phase, whether a request body follows and the body modes in force. A pipeline sees few of
 * those combinations, so working them out per stream (two override objects, the proto, and the
 * reply that carries it, encoded by the generated encoder) repeats the same work on every stream.
 *
 * @module
 */
import {
  ProcessingMode_BodySendMode as BodySendMode,
  type ProcessingMode,
} from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type { ProcessingResponse } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { PHASE_BITS, type Pipeline } from '../pipeline/pipeline.js';
import { constantReply } from '../protocol/codec.js';
import { skipFor } from './phase-skip.js';
import { modeOverride } from './proto.js';
import { trailersFor } from './trailers.js';

const REQUEST_PHASES =
  (PHASE_BITS.get('requestHeaders') as number) |
  (PHASE_BITS.get('requestBody') as number) |
  (PHASE_BITS.get('requestTrailers') as number);

/** Combinations kept per pipeline: past this, a new one is worked out per call (still correct). */
export const MAX_HEADERS_OVERRIDES = 256;

/** One combination's override and the reply that carries nothing else. */
export interface HeadersOverride {
  /** Envoy's `mode_override` (frozen, shared), or `undefined` when there is nothing to say. */
  readonly mode: ProcessingMode | undefined;
  /**
   * The reply for the phase with no header change, no body and no metadata, its frame encoded
   * once; `null` when `mode` is undefined (the plain "continue unchanged" reply applies).
   */
  readonly unchanged: ProcessingResponse | null;
}

/**
 * The override of a headers reply without a plugin's explicit one, as `skipFor` then
 * `trailersFor` then `modeOverride` make it. `runs` and `requestRuns` say which plugins run in
 * the response and the request phases (`null`: all); `requestBody` and `responseBody` are the
 * body modes in force as Envoy acts on them (never UNKNOWN).
 */
export function headersOverride(
  pipeline: Pipeline,
  runs: Uint8Array | null,
  requestRuns: Uint8Array | null,
  phase: 'requestHeaders' | 'responseHeaders',
  eos: boolean,
  requestBody: number,
  responseBody: number,
): HeadersOverride {
  // What the skip sees (plugins running for the exchange) and what the trailers rule sees (the
  // same, plus the request phases of a plugin a response condition filtered out).
  let needed = pipeline.phaseBits;
  let trailerNeeded = needed;
  if (runs !== null || requestRuns !== null) {
    needed = 0;
    trailerNeeded = 0;
    const masks = pipeline.phaseMasks;
    for (let i = 0; i < masks.length; i++) {
      const mask = masks[i] as number;
      if (runs === null || runs[i] === 1) {
        needed |= mask;
        trailerNeeded |= mask;
      } else if (requestRuns === null || requestRuns[i] === 1) trailerNeeded |= mask & REQUEST_PHASES;
    }
  }
  // 6 + 6 phase bits, the phase, end of stream, and two body modes of 0..4 (3 bits each).
  const key =
    needed |
    (trailerNeeded << 6) |
    (phase === 'requestHeaders' ? 1 << 12 : 0) |
    (eos ? 1 << 13 : 0) |
    (requestBody << 14) |
    (responseBody << 17);
  // A body mode outside Envoy's 0..4 would not fit its 3 bits: worked out, not kept.
  if (((requestBody | responseBody) & ~7) !== 0)
    return make(pipeline, needed, trailerNeeded, phase, eos, requestBody, responseBody);
  const memo = pipeline.headersOverrides;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const made = make(pipeline, needed, trailerNeeded, phase, eos, requestBody, responseBody);
  if (memo.size < MAX_HEADERS_OVERRIDES) memo.set(key, made);
  return made;
}

function make(
  pipeline: Pipeline,
  needed: number,
  trailerNeeded: number,
  phase: 'requestHeaders' | 'responseHeaders',
  eos: boolean,
  requestBody: number,
  responseBody: number,
): HeadersOverride {
  const bodyFollows = !eos && phase === 'requestHeaders';
  const skip = skipFor(
    needed,
    pipeline.phaseBits,
    phase,
    bodyFollows && requestBody !== BodySendMode.NONE,
    responseBody !== BodySendMode.NONE,
  );
  const wanted = trailersFor(
    pipeline.trailersDeclared,
    trailerNeeded,
    phase,
    bodyFollows,
    skip,
    requestBody,
    responseBody,
  );
  if (wanted === null) return { mode: undefined, unchanged: null };
  const mode = Object.freeze(modeOverride(wanted, requestBody, responseBody));
  const unchanged = constantReply({ response: { $case: phase, value: {} }, modeOverride: mode });
  return { mode, unchanged };
}
