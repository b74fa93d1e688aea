/**
 * A plugin-side {@link ModeOverride} as Envoy's `ProcessingMode` proto, the shape a reply's
 * `mode_override` carries.
 *
 * @module
 */
import {
  type ProcessingMode,
  ProcessingMode_BodySendMode,
  ProcessingMode_HeaderSendMode,
} from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type { BodyMode, ModeOverride } from '../plugin/types.js';

const BODY_MODES: Record<BodyMode, ProcessingMode_BodySendMode> = {
  none: ProcessingMode_BodySendMode.NONE,
  streamed: ProcessingMode_BodySendMode.STREAMED,
  buffered: ProcessingMode_BodySendMode.BUFFERED,
  buffered_partial: ProcessingMode_BodySendMode.BUFFERED_PARTIAL,
  full_duplex_streamed: ProcessingMode_BodySendMode.FULL_DUPLEX_STREAMED,
};

/** Maps a plugin's body mode name to Envoy's enum. */
export function bodyModeValue(mode: BodyMode): ProcessingMode_BodySendMode {
  const value = BODY_MODES[mode];
  if (value === undefined) throw new TypeError(`unknown body mode ${JSON.stringify(mode)}`);
  return value;
}

function sendMode(mode: 'send' | 'skip' | undefined): ProcessingMode_HeaderSendMode | undefined {
  if (mode === undefined) return undefined; // DEFAULT: Envoy keeps the filter-level setting (§9)
  if (mode === 'send') return ProcessingMode_HeaderSendMode.SEND;
  if (mode === 'skip') return ProcessingMode_HeaderSendMode.SKIP;
  throw new TypeError(`unknown send mode ${JSON.stringify(mode)}`);
}

/**
 * Envoy's `mode_override`. Body modes are always restated: Envoy takes both from the override,
 * so an omitted one would switch that body off (§9).
 */
export function modeOverride(
  override: ModeOverride,
  currentRequestBody: ProcessingMode_BodySendMode,
  currentResponseBody: ProcessingMode_BodySendMode,
): ProcessingMode {
  return {
    responseHeaderMode: sendMode(override.responseHeaders),
    requestBodyMode:
      override.requestBody === undefined ? currentRequestBody : bodyModeValue(override.requestBody),
    responseBodyMode:
      override.responseBody === undefined ? currentResponseBody : bodyModeValue(override.responseBody),
    requestTrailerMode: sendMode(override.requestTrailers),
    responseTrailerMode: sendMode(override.responseTrailers),
  };
}
