/**
 * Replies to headers messages: the plugins' header changes, CONTINUE_AND_REPLACE, and the
 * `mode_override` for the rest of the exchange.
 *
 * @module
 */
import {
  ProcessingMode_BodySendMode as BodySendMode,
  type ProcessingMode,
} from '../../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import {
  type CommonResponse,
  CommonResponse_ResponseStatus,
  type HeaderMutation,
  type ProcessingResponse,
} from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { HeaderMap } from '../../http/header-map.js';
import { headersOverride } from '../../mode-override/headers-override.js';
import { mergeOverrides, skipOverride } from '../../mode-override/phase-skip.js';
import { modeOverride } from '../../mode-override/proto.js';
import { askTrailers } from '../../mode-override/trailers.js';
import type { ModeOverride } from '../../plugin/types.js';
import type { DirectionState } from '../direction-state.js';
import { type Exchange, holdsHeaders, UNKNOWN_MODE } from '../exchange.js';
import { CONTINUE, type MetadataOut } from './common.js';

/** A headers reply; `replacement` makes it CONTINUE_AND_REPLACE with that body. */
export function headersReply(
  phase: 'requestHeaders' | 'responseHeaders',
  mutation: HeaderMutation | undefined,
  replacement: Buffer | null,
  mode: ProcessingMode | undefined,
  metadata: MetadataOut,
): ProcessingResponse {
  // Only the fields that say something (one left out is absent on the wire too): the usual
  // reply, a header change, is then two smaller objects.
  const common: CommonResponse =
    replacement === null
      ? { headerMutation: mutation }
      : {
          status: CommonResponse_ResponseStatus.CONTINUE_AND_REPLACE,
          headerMutation: mutation,
          bodyMutation: { mutation: { $case: 'body', value: replacement } },
        };
  const response = { $case: phase, value: { response: common } } as ProcessingResponse['response'];
  if (mode === undefined && metadata === null) return { response };
  return { response, modeOverride: mode, dynamicMetadata: metadata ?? undefined };
}

/**
 * A body that will stream while Envoy kept `content-length` (its 1.38+
 * `allow_content_length_header`, or a mode_override into a streamed mode after Envoy had
 * decided, §6.4, §9): body plugins may change its length, which is unknown while the headers
 * are answered, so the header is removed. Returns whether it was.
 */
function dropContentLength(x: Exchange, dir: DirectionState, map: HeaderMap, eos: boolean): boolean {
  if (!dir.lengthKept || eos || !x.pipeline.hasBody[dir.direction]) return false;
  const mode = x.bodyMode(dir.direction);
  if (mode !== BodySendMode.STREAMED && mode !== BodySendMode.FULL_DUPLEX_STREAMED) return false;
  // Removed whether attache saw it or not: forward_rules may hide the one Envoy kept.
  map.remove('content-length');
  return true;
}

/** A body mode as Envoy acts on it: one never announced is NONE. */
function current(mode: number): number {
  return mode === UNKNOWN_MODE ? BodySendMode.NONE : mode;
}

/**
 * The reply to a headers message: the plugins' changes, CONTINUE_AND_REPLACE, and a
 * mode_override made of the plugins' explicit one over the phases nobody running needs. Records
 * the body modes the override puts in force. `checked`: the changes of `map` the post-run checks
 * computed (`null` when they did not, `undefined` when there were none), reused unless the map changed since.
 */
export function answerHeaders(
  x: Exchange,
  dir: DirectionState,
  phase: 'requestHeaders' | 'responseHeaders',
  map: HeaderMap,
  eos: boolean,
  explicit: ModeOverride | null,
  replacement: Buffer | null,
  metadata: MetadataOut,
  checked: HeaderMutation | undefined | null,
): ProcessingResponse {
  let mode: ProcessingMode | undefined;
  // The reply when nothing else is said (no header change, body or metadata): made once, except
  // with a plugin's explicit override (`null`: built below).
  let unchanged: ProcessingResponse | null = CONTINUE[phase];
  const requestBody = current(x.requestBodyMode);
  const responseBody = current(x.responseBodyMode);
  if (x.pipeline.allowModeOverride && x.modeRefusal === null && !x.observability) {
    if (explicit === null) {
      // Depends on nothing a plugin said: made once per combination (headers-override.ts).
      const made = headersOverride(x.pipeline, x.runs, x.requestRuns, phase, eos, requestBody, responseBody);
      mode = made.mode;
      if (mode !== undefined) unchanged = made.unchanged;
    } else {
      const skip = skipOverride(
        x.pipeline,
        x.runs,
        phase,
        !eos && phase === 'requestHeaders' && requestBody !== BodySendMode.NONE,
        responseBody !== BodySendMode.NONE,
      );
      // Ask for the trailers of a streamed body that body plugins see, to see its end (body-end.ts).
      const wanted = askTrailers(
        x.pipeline,
        x.requestRuns,
        x.runs,
        phase,
        !eos && phase === 'requestHeaders',
        mergeOverrides(skip, explicit),
        requestBody,
        responseBody,
      );
      // Not null: the plugin's explicit override is part of it.
      mode = modeOverride(wanted as ModeOverride, requestBody, responseBody);
      unchanged = null;
    }
  } else if (explicit !== null) {
    mode = modeOverride(explicit, requestBody, responseBody);
    unchanged = null;
  }
  if (mode !== undefined) {
    x.requestBodyMode = mode.requestBodyMode ?? BodySendMode.NONE;
    x.responseBodyMode = mode.responseBodyMode ?? BodySendMode.NONE;
    x.observer?.modeOverrideSent(phase);
    // The override decides this direction's body mode, and with it whether Envoy holds the
    // headers for the body reply (§9, §4.4).
    dir.headersHeld = !eos && holdsHeaders(x.bodyMode(dir.direction));
  }
  const dropped = replacement === null && dropContentLength(x, dir, map, eos);
  const mutation = checked === null || dropped ? map.mutation() : checked;
  // Later changes are relative to what this reply carried, but only a body reply while Envoy
  // holds the headers can change them again: otherwise the map is only read from now on, and
  // committing would copy every header into a new baseline for nothing.
  if (dir.headersHeld) map.commit();
  if (replacement !== null) dir.replaced = true;
  if (unchanged !== null && mutation === undefined && replacement === null && metadata === null) {
    return unchanged;
  }
  return headersReply(phase, mutation, replacement, mode, metadata);
}
