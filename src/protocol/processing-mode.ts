/**
 * Envoy's `ProcessingMode` by name, and how Envoy merges a `mode_override` into it (doc §9).
 * Shared by the test kit (which applies overrides as Envoy does) and attache's list of the
 * overrides it may send (for the filter's `allowed_override_modes`).
 *
 * @module
 */
import {
  type ProcessingMode,
  ProcessingMode_BodySendMode,
  ProcessingMode_HeaderSendMode,
} from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';

/**
 * `ProcessingMode.HeaderSendMode`. DEFAULT sends headers but skips trailers (§4.1).
 *
 * @example
 * ```ts
 * const mode: HeaderSendMode = 'SKIP';
 * ```
 */
export type HeaderSendMode = 'DEFAULT' | 'SEND' | 'SKIP';

/**
 * `ProcessingMode.BodySendMode` (§2). Envoy's HTTP filter does not implement GRPC (the test kit
 * rejects it).
 *
 * @example
 * ```ts
 * const mode: BodySendMode = 'BUFFERED';
 * ```
 */
export type BodySendMode =
  | 'NONE'
  | 'STREAMED'
  | 'BUFFERED'
  | 'BUFFERED_PARTIAL'
  | 'FULL_DUPLEX_STREAMED'
  | 'GRPC';

/**
 * `ProcessingMode`, every field optional (unset = DEFAULT / NONE, as in proto3).
 *
 * @example
 * ```ts
 * const mode: ProcessingModeInput = { responseHeaderMode: 'SKIP', requestBodyMode: 'BUFFERED' };
 * ```
 */
export interface ProcessingModeInput {
  requestHeaderMode?: HeaderSendMode;
  responseHeaderMode?: HeaderSendMode;
  requestBodyMode?: BodySendMode;
  responseBodyMode?: BodySendMode;
  requestTrailerMode?: HeaderSendMode;
  responseTrailerMode?: HeaderSendMode;
}

/** A fully specified `ProcessingMode`. */
export type ProcessingModeConfig = Required<ProcessingModeInput>;

/** @internal Every header send mode. */
export const HEADER_MODES: readonly HeaderSendMode[] = ['DEFAULT', 'SEND', 'SKIP'];
/** @internal Every body send mode. */
export const BODY_MODES: readonly BodySendMode[] = [
  'NONE',
  'STREAMED',
  'BUFFERED',
  'BUFFERED_PARTIAL',
  'FULL_DUPLEX_STREAMED',
  'GRPC',
];

/** @internal `mode` with proto3's defaults for the unset fields (DEFAULT / NONE), as Envoy reads it. */
export function withDefaults(mode: ProcessingModeInput | undefined): ProcessingModeConfig {
  return {
    requestHeaderMode: mode?.requestHeaderMode ?? 'DEFAULT',
    responseHeaderMode: mode?.responseHeaderMode ?? 'DEFAULT',
    requestBodyMode: mode?.requestBodyMode ?? 'NONE',
    responseBodyMode: mode?.responseBodyMode ?? 'NONE',
    requestTrailerMode: mode?.requestTrailerMode ?? 'DEFAULT',
    responseTrailerMode: mode?.responseTrailerMode ?? 'DEFAULT',
  };
}

/** @internal Body-mode names → protobuf enum values. */
export const BODY_MODE_ENUM: Record<BodySendMode, ProcessingMode_BodySendMode> = {
  NONE: ProcessingMode_BodySendMode.NONE,
  STREAMED: ProcessingMode_BodySendMode.STREAMED,
  BUFFERED: ProcessingMode_BodySendMode.BUFFERED,
  BUFFERED_PARTIAL: ProcessingMode_BodySendMode.BUFFERED_PARTIAL,
  FULL_DUPLEX_STREAMED: ProcessingMode_BodySendMode.FULL_DUPLEX_STREAMED,
  GRPC: ProcessingMode_BodySendMode.GRPC,
};

/** @internal A header send mode's name, or `undefined` for a value Envoy does not know. */
export function headerModeName(value: number | undefined): HeaderSendMode | undefined {
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

/** @internal A body send mode's name, or `undefined` for a value Envoy does not know. */
export function bodyModeName(value: number | undefined): BodySendMode | undefined {
  const v = value ?? 0;
  return (Object.keys(BODY_MODE_ENUM) as BodySendMode[]).find((k) => BODY_MODE_ENUM[k] === v);
}

/**
 * The mode Envoy compares with `allowed_override_modes` and then applies (§9): header and trailer
 * fields left DEFAULT keep the filter-level mode (not a per-route one, §12); body modes always
 * come from the override. `undefined` for enum values Envoy would not know (it ignores those).
 * @internal
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

/** @internal The fields Envoy compares with `allowed_override_modes`: all but request_header_mode (§9). */
export const OVERRIDE_COMPARED_FIELDS = [
  'responseHeaderMode',
  'requestBodyMode',
  'responseBodyMode',
  'requestTrailerMode',
  'responseTrailerMode',
] as const;

/** @internal §9 allow-list: exact match on everything but request_header_mode (DEFAULT ≠ SEND). */
export function sameOverrideMode(a: ProcessingModeConfig, b: ProcessingModeConfig): boolean {
  return OVERRIDE_COMPARED_FIELDS.every((f) => a[f] === b[f]);
}
