/**
 * `mode_override` merging and matching (doc §9), and the enum mapping between the kit's string
 * modes and the generated protobuf enums.
 *
 * @module
 */
import {
  type ProcessingMode,
  ProcessingMode_BodySendMode,
  ProcessingMode_HeaderSendMode,
} from '../../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type { BodySendMode, HeaderSendMode, NormalizedConfig, ProcessingModeConfig } from '../config.js';

/** Kit body-mode names → protobuf enum values (for `protocol_config`). */
export const BODY_MODE_ENUM: Record<BodySendMode, ProcessingMode_BodySendMode> = {
  NONE: ProcessingMode_BodySendMode.NONE,
  STREAMED: ProcessingMode_BodySendMode.STREAMED,
  BUFFERED: ProcessingMode_BodySendMode.BUFFERED,
  BUFFERED_PARTIAL: ProcessingMode_BodySendMode.BUFFERED_PARTIAL,
  FULL_DUPLEX_STREAMED: ProcessingMode_BodySendMode.FULL_DUPLEX_STREAMED,
  GRPC: ProcessingMode_BodySendMode.GRPC,
};

function headerModeName(value: number | undefined): HeaderSendMode | undefined {
  switch (value ?? 0) {
    case ProcessingMode_HeaderSendMode.DEFAULT:
      return 'DEFAULT';
    case ProcessingMode_HeaderSendMode.SEND:
      return 'SEND';
    case ProcessingMode_HeaderSendMode.SKIP:
      return 'SKIP';
    default:
      return undefined;
  }
}

function bodyModeName(value: number | undefined): BodySendMode | undefined {
  const v = value ?? 0;
  return (Object.keys(BODY_MODE_ENUM) as BodySendMode[]).find((k) => BODY_MODE_ENUM[k] === v);
}

/**
 * §9 merge: header/trailer fields left DEFAULT keep the filter-level mode (not a per-route one,
 * §12); body modes always come
 * from the override. Returns undefined for enum values Envoy would not know (treated as ignored).
 */
export function effectiveModeOverride(
  target: ProcessingMode,
  filterMode: ProcessingModeConfig,
): ProcessingModeConfig | undefined {
  const pick = (v: number | undefined, current: HeaderSendMode): HeaderSendMode | undefined => {
    const name = headerModeName(v);
    if (name === undefined) return undefined;
    return name === 'DEFAULT' ? current : name;
  };
  const requestHeaderMode = pick(target.requestHeaderMode, filterMode.requestHeaderMode);
  const responseHeaderMode = pick(target.responseHeaderMode, filterMode.responseHeaderMode);
  const requestTrailerMode = pick(target.requestTrailerMode, filterMode.requestTrailerMode);
  const responseTrailerMode = pick(target.responseTrailerMode, filterMode.responseTrailerMode);
  const requestBodyMode = bodyModeName(target.requestBodyMode);
  const responseBodyMode = bodyModeName(target.responseBodyMode);
  if (
    requestHeaderMode === undefined ||
    responseHeaderMode === undefined ||
    requestTrailerMode === undefined ||
    responseTrailerMode === undefined ||
    requestBodyMode === undefined ||
    responseBodyMode === undefined
  ) {
    return undefined;
  }
  return {
    requestHeaderMode,
    responseHeaderMode,
    requestBodyMode,
    responseBodyMode,
    requestTrailerMode,
    responseTrailerMode,
  };
}

/** §9 allow-list: exact match on everything but request_header_mode (DEFAULT ≠ SEND). */
export function sameOverrideMode(a: ProcessingModeConfig, b: ProcessingModeConfig): boolean {
  return (
    a.requestBodyMode === b.requestBodyMode &&
    a.requestTrailerMode === b.requestTrailerMode &&
    a.responseHeaderMode === b.responseHeaderMode &&
    a.responseBodyMode === b.responseBodyMode &&
    a.responseTrailerMode === b.responseTrailerMode
  );
}

function usesFullDuplex(mode: ProcessingModeConfig): boolean {
  return mode.requestBodyMode === 'FULL_DUPLEX_STREAMED' || mode.responseBodyMode === 'FULL_DUPLEX_STREAMED';
}

/** What to do with a reply's `mode_override`. */
export type ModeOverrideDecision =
  | { kind: 'apply'; mode: ProcessingModeConfig }
  | { kind: 'ignore'; reason: string }
  | { kind: 'unsupported'; message: string };

/**
 * §9: an override applies only with `allow_mode_override`, without
 * `send_body_without_waiting_for_header_response`, when no configured body mode is
 * FULL_DUPLEX_STREAMED, while a headers reply is pending in either direction, and (if the list is
 * set) when the merged mode equals one of `allowed_override_modes`.
 */
export function decideModeOverride(
  override: ProcessingMode,
  config: NormalizedConfig,
  inHeaderState: boolean,
): ModeOverrideDecision {
  if (!config.allowModeOverride) return { kind: 'ignore', reason: 'allow_mode_override is false' };
  if (config.sendBodyWithoutWaiting) {
    return { kind: 'ignore', reason: 'send_body_without_waiting_for_header_response is set' };
  }
  if (usesFullDuplex(config.processingMode)) {
    return { kind: 'ignore', reason: 'the configured body mode is FULL_DUPLEX_STREAMED' };
  }
  if (!inHeaderState) return { kind: 'ignore', reason: 'no headers reply is pending' };
  const merged = effectiveModeOverride(override, config.processingMode);
  if (merged === undefined) return { kind: 'ignore', reason: 'unknown enum value' };
  if (
    config.allowedOverrideModes.length > 0 &&
    !config.allowedOverrideModes.some((m) => sameOverrideMode(merged, m))
  ) {
    return { kind: 'ignore', reason: 'not in allowed_override_modes' };
  }
  if (usesFullDuplex(config.routeProcessingMode)) {
    // Doubt: §9 says "neither configured body mode" without saying whether a per-route mode
    // (§12) counts; the kit does not guess.
    return {
      kind: 'unsupported',
      message:
        'mode_override while only the per-route processing mode is FULL_DUPLEX_STREAMED is not supported by the attache test kit (doc §9 is silent)',
    };
  }
  for (const mode of [merged.requestBodyMode, merged.responseBodyMode]) {
    // Doubt (§4.8, #40340, #44201): overriding into FULL_DUPLEX_STREAMED is accepted by Envoy but
    // has known bugs; the kit does not guess their effect.
    if (mode === 'FULL_DUPLEX_STREAMED' || mode === 'GRPC') {
      return {
        kind: 'unsupported',
        message: `mode_override into ${mode} is not supported by the attache test kit`,
      };
    }
  }
  return { kind: 'apply', mode: merged };
}
