/**
 * Whether Envoy applies a reply's `mode_override` (doc §9). The merge itself lives in
 * `src/protocol/processing-mode.ts`, shared with attache's own list of the overrides it sends.
 *
 * @module
 */
import type { ProcessingMode } from '../../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import { effectiveModeOverride, sameOverrideMode } from '../../protocol/processing-mode.js';
import type { NormalizedConfig, ProcessingModeConfig } from '../config.js';

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
