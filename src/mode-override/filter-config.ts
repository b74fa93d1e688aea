/**
 * What the Envoy ext_proc filter should say about mode overrides for a pipeline, in Envoy's own
 * field names: the model `attache envoy overrides` prints (as YAML lines or JSON).
 *
 * @module
 */
import type { ProcessingModeConfig } from '../protocol/processing-mode.js';
import type { AllowedOverrides } from './allowed.js';

/** Envoy's field names, in its order, with the proto3 default left out of the output. */
const FIELDS = [
  ['requestHeaderMode', 'request_header_mode', 'DEFAULT'],
  ['responseHeaderMode', 'response_header_mode', 'DEFAULT'],
  ['requestBodyMode', 'request_body_mode', 'NONE'],
  ['responseBodyMode', 'response_body_mode', 'NONE'],
  ['requestTrailerMode', 'request_trailer_mode', 'DEFAULT'],
  ['responseTrailerMode', 'response_trailer_mode', 'DEFAULT'],
] as const;

/** A processing mode as Envoy's JSON/YAML writes it: snake_case, default fields omitted. */
export function envoyProcessingMode(mode: Partial<ProcessingModeConfig>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, name, fallback] of FIELDS) {
    const value = mode[key];
    if (value !== undefined && value !== fallback) out[name] = value;
  }
  return out;
}

/** The filter's mode-override fields, as in its `typed_config`. */
export interface FilterOverrideConfig {
  /** Whether attache sends any override Envoy would apply. */
  readonly allow_mode_override: boolean;
  /** Exactly the overrides attache may send (empty when `allow_mode_override` is false). */
  readonly allowed_override_modes: ReadonlyArray<Record<string, string>>;
  /** Why Envoy ignores every override with this filter mode, when it does. */
  readonly ignored?: string;
}

/** The filter fields for `result`. */
export function filterOverrideConfig(result: AllowedOverrides): FilterOverrideConfig {
  const allow = result.ignored === null && result.modes.length > 0;
  return {
    allow_mode_override: allow,
    allowed_override_modes: allow ? result.modes.map(envoyProcessingMode) : [],
    ...(result.ignored === null ? {} : { ignored: result.ignored }),
  };
}
