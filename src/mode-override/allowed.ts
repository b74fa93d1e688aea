/**
 * Every `mode_override` attache can send for a pipeline, as Envoy compares it with the filter's
 * `allowed_override_modes` (§9): what the Envoy config should list so that it allows exactly
 * what attache sends.
 *
 * It explores what can differ between exchanges — which plugins run (their `match`), which of
 * their declared `modeOverrides` they send, whether the request has a body, whether the request
 * override turns the response headers off — and runs each case through the same functions the
 * stream uses to build its reply.
 *
 * @module
 */

import { PHASE_BITS, type Pipeline } from '../pipeline/pipeline.js';
import type { ModeOverride } from '../plugin/types.js';
import { type Processor, pipelineOf } from '../processor.js';
import {
  BODY_MODE_ENUM,
  effectiveModeOverride,
  OVERRIDE_COMPARED_FIELDS,
  type ProcessingModeConfig,
  type ProcessingModeInput,
  withDefaults,
} from '../protocol/processing-mode.js';
import { overrideKey } from './declarations.js';
import { mergeOverrides, skipFor } from './phase-skip.js';
import { modeOverride } from './proto.js';
import { trailersFor } from './trailers.js';

/**
 * One entry of `allowed_override_modes`. `requestHeaderMode` is left out: Envoy ignores it in
 * the comparison (the request headers are already sent).
 */
export type AllowedOverrideMode = Omit<ProcessingModeConfig, 'requestHeaderMode'>;

/** What {@link allowedOverrideModes} found. */
export interface AllowedOverrides {
  /**
   * The merged modes attache may send, in a stable order; empty when it sends none. List them as
   * the filter's `allowed_override_modes` (empty there would allow any override).
   */
  readonly modes: readonly AllowedOverrideMode[];
  /**
   * Why Envoy ignores every override with this filter mode (FULL_DUPLEX_STREAMED, or
   * `send_body_without_waiting_for_header_response`), so the list does not matter; else `null`.
   */
  readonly ignored: string | null;
}

/** The filter settings the answer depends on. */
export interface FilterModeInput {
  /** The filter-level `processing_mode`, written as in the Envoy config (unset = DEFAULT / NONE). */
  readonly processingMode?: ProcessingModeInput;
  /** The filter's `send_body_without_waiting_for_header_response`. */
  readonly sendBodyWithoutWaiting?: boolean;
}

const bit = (phase: Parameters<typeof PHASE_BITS.get>[0]): number => PHASE_BITS.get(phase) as number;
const REQUEST_HEADERS = bit('requestHeaders');
const REQUEST_PHASES = REQUEST_HEADERS | bit('requestBody') | bit('requestTrailers');
const NONE = BODY_MODE_ENUM.NONE;
const RESPONSE_HEADERS = bit('responseHeaders');

/** One way the plugins of an exchange can turn out, as far as the overrides are concerned. */
interface Case {
  /** Phase bits of the plugins running at the request headers. */
  readonly requestNeeded: number;
  /** What they passed to `overrideMode` there, merged (`null`: nothing). */
  readonly requestExplicit: ModeOverride | null;
  /** Phase bits of those still running at the response headers (`responseContentType`). */
  readonly responseNeeded: number;
  readonly responseExplicit: ModeOverride | null;
}

const EMPTY: Case = { requestNeeded: 0, requestExplicit: null, responseNeeded: 0, responseExplicit: null };

/** `null` (no call) and the merge of every sequence of calls with declared overrides. */
function callOutcomes(declared: readonly ModeOverride[]): Array<ModeOverride | null> {
  const found = new Map<string, ModeOverride>();
  let frontier: Array<ModeOverride | null> = [null];
  while (frontier.length > 0) {
    const next: ModeOverride[] = [];
    for (const before of frontier) {
      for (const call of declared) {
        const merged = mergeOverrides(before, call) as ModeOverride;
        const key = overrideKey(merged) as string;
        if (!found.has(key)) {
          found.set(key, merged);
          next.push(merged);
        }
      }
    }
    frontier = next;
  }
  return [null, ...found.values()];
}

const caseKey = (c: Case): string =>
  `${c.requestNeeded}|${c.requestExplicit && overrideKey(c.requestExplicit)}|${c.responseNeeded}|${c.responseExplicit && overrideKey(c.responseExplicit)}`;

/** Every distinct {@link Case}, plugin by plugin in pipeline order (later calls win, as at run time). */
function cases(pipeline: Pipeline, requestHeadersSent: boolean): Case[] {
  let all = new Map<string, Case>([[caseKey(EMPTY), EMPTY]]);
  pipeline.phaseMasks.forEach((mask, i) => {
    const matcher = pipeline.matchers?.[i] ?? null;
    // Without request headers, a plugin with request conditions never runs (evaluateRequest).
    const requestConditional = matcher?.request != null;
    const canRun = requestHeadersSent || !requestConditional;
    const mayBeFilteredOut = matcher?.response != null;
    const declared = pipeline.modeOverrides[i] ?? [];
    const atRequest = mask & REQUEST_HEADERS ? callOutcomes(declared) : [null];
    const atResponse = mask & RESPONSE_HEADERS ? callOutcomes(declared) : [null];
    const next = new Map<string, Case>();
    const add = (c: Case) => next.set(caseKey(c), c);
    for (const c of all.values()) {
      if (requestConditional || !canRun) add(c);
      if (!canRun) continue;
      for (const r of atRequest) {
        const ran = {
          requestNeeded: c.requestNeeded | mask,
          requestExplicit: mergeOverrides(c.requestExplicit, r),
        };
        // Filtered out at the response headers: it still runs the request phases (its request
        // body may still be streaming), which the trailers asked for there restate.
        if (mayBeFilteredOut)
          add({
            ...ran,
            responseNeeded: c.responseNeeded | (mask & REQUEST_PHASES),
            responseExplicit: c.responseExplicit,
          });
        for (const s of atResponse) {
          add({
            ...ran,
            responseNeeded: c.responseNeeded | mask,
            responseExplicit: mergeOverrides(c.responseExplicit, s),
          });
        }
      }
    }
    all = next;
  });
  return [...all.values()];
}

/**
 * Every mode override attache can send for the processor's plugins behind a filter with
 * `filter`'s settings, merged as Envoy merges it before comparing with `allowed_override_modes`
 * (§9). Includes the phase skipping of `allowModeOverride` and every plugin's declared
 * `modeOverrides`; none when `allowModeOverride` is off (`ctx.overrideMode` is refused then).
 *
 * Assumes Envoy 1.34+ (the first message carries `protocol_config`, so attache knows the body
 * modes) and the filter-level mode; a per-route `processing_mode` needs its own list.
 *
 * @example
 * ```ts
 * const processor = await createProcessor({ plugins, allowModeOverride: true });
 * const { modes } = allowedOverrideModes(processor, { processingMode: { requestBodyMode: 'BUFFERED' } });
 * ```
 */
export function allowedOverrideModes(processor: Processor, filter: FilterModeInput = {}): AllowedOverrides {
  return overridesOf(pipelineOf(processor), filter);
}

/** @internal {@link allowedOverrideModes} of a pipeline. */
export function overridesOf(pipeline: Pipeline, filter: FilterModeInput = {}): AllowedOverrides {
  const mode = withDefaults(filter.processingMode);
  if (filter.sendBodyWithoutWaiting === true) {
    return {
      modes: [],
      ignored: 'Envoy ignores mode_override with send_body_without_waiting_for_header_response',
    };
  }
  if (mode.requestBodyMode === 'FULL_DUPLEX_STREAMED' || mode.responseBodyMode === 'FULL_DUPLEX_STREAMED') {
    return { modes: [], ignored: 'Envoy ignores mode_override when a body mode is FULL_DUPLEX_STREAMED' };
  }
  // Without the filter's allow_mode_override attache skips no phase and refuses `overrideMode`.
  if (!pipeline.allowModeOverride) return { modes: [], ignored: null };
  const found = new Map<string, AllowedOverrideMode>();
  // What Envoy compares and then applies, from the override attache builds with the body modes it
  // believes current (both restated, proto.ts).
  const send = (wanted: ModeOverride, requestBody: number, responseBody: number): ProcessingModeConfig => {
    const merged = effectiveModeOverride(modeOverride(wanted, requestBody, responseBody), mode);
    if (merged === undefined) throw new Error('attache: built a mode_override Envoy cannot read');
    const { requestHeaderMode: _, ...compared } = merged;
    found.set(OVERRIDE_COMPARED_FIELDS.map((f) => compared[f]).join(' '), compared);
    return merged;
  };
  let present = 0;
  for (const mask of pipeline.phaseMasks) present |= mask;
  const requestHeadersSent = mode.requestHeaderMode !== 'SKIP';
  const requestBodyOn = mode.requestBodyMode !== 'NONE';
  for (const c of cases(pipeline, requestHeadersSent)) {
    // A request without a body (end_of_stream on its headers) has no body to switch off, nor
    // trailers to ask for (a plugin may switch a body into a streamed mode, so both cases count).
    for (const requestHasBody of [true, false]) {
      let requestBody: number = BODY_MODE_ENUM[mode.requestBodyMode];
      let responseBody: number = BODY_MODE_ENUM[mode.responseBodyMode];
      let responseHeaders = mode.responseHeaderMode;
      if (requestHeadersSent) {
        const skip = skipFor(
          c.requestNeeded,
          present,
          'requestHeaders',
          requestHasBody && requestBodyOn,
          responseBody !== NONE,
        );
        // The trailers attache asks for to see where a streamed body ends (trailers.ts).
        const wanted = trailersFor(
          pipeline.trailersDeclared,
          c.requestNeeded,
          'requestHeaders',
          requestHasBody,
          mergeOverrides(skip, c.requestExplicit),
          requestBody,
          responseBody,
        );
        if (wanted !== null) {
          const applied = send(wanted, requestBody, responseBody);
          requestBody = BODY_MODE_ENUM[applied.requestBodyMode];
          responseBody = BODY_MODE_ENUM[applied.responseBodyMode];
          responseHeaders = applied.responseHeaderMode;
        }
      }
      if (responseHeaders === 'SKIP') continue;
      const skip = skipFor(c.responseNeeded, present, 'responseHeaders', false, responseBody !== NONE);
      const wanted = trailersFor(
        pipeline.trailersDeclared,
        c.responseNeeded,
        'responseHeaders',
        false,
        mergeOverrides(skip, c.responseExplicit),
        requestBody,
        responseBody,
      );
      if (wanted !== null) send(wanted, requestBody, responseBody);
    }
  }
  const modes = [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
  return { modes, ignored: null };
}

/**
 * @internal Everything {@link allowedOverrideModes} reads from a pipeline. Two pipelines with the same
 * signature get the same list behind any filter; a reload that changes it may need the Envoy
 * filter's `allowed_override_modes` updated.
 */
export function overrideSignature(pipeline: Pipeline): string {
  return JSON.stringify([
    pipeline.allowModeOverride,
    pipeline.phaseMasks,
    pipeline.phaseMasks.map((_, i) => {
      const m = pipeline.matchers?.[i] ?? null;
      return [m?.request != null, m?.response != null];
    }),
    pipeline.modeOverrides.map((list) => list.map((o) => overrideKey(o))),
    pipeline.trailersDeclared,
  ]);
}
