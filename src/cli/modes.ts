/**
 * The processing mode flags (`--request-body-mode`, `--response-header-mode`...) of `attache dev`,
 * `attache send` and `attache envoy overrides`.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import type { BodySendMode, HeaderSendMode, ProcessingModeInput } from '../protocol/processing-mode.js';

const BODY_MODES = ['none', 'streamed', 'buffered', 'buffered_partial', 'full_duplex_streamed'] as const;
const HEADER_MODES = ['default', 'send', 'skip'] as const;

/** One mode flag, case-insensitive: `choices[0]` when absent, else one of `choices`. */
function modeFlag<M extends string>(
  choices: readonly string[],
  value: string | undefined,
  flag: string,
  command: string,
): M {
  const mode = (value ?? (choices[0] as string)).toLowerCase();
  if (!choices.includes(mode)) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${command}: ${flag} must be one of ${choices.join('|')}, got "${value}"`,
    );
  }
  return mode.toUpperCase() as M;
}

/** A header or trailer send mode flag (case-insensitive); absent: `DEFAULT`. */
export const headerModeFlag = (value: string | undefined, flag: string, command: string): HeaderSendMode =>
  modeFlag<HeaderSendMode>(HEADER_MODES, value, flag, command);

/** A body send mode flag (case-insensitive); absent: `NONE`. */
export const bodyModeFlag = (value: string | undefined, flag: string, command: string): BodySendMode =>
  modeFlag<BodySendMode>(BODY_MODES, value, flag, command);

/**
 * The simulated filter's processing mode: `base` (the config's `envoy.processingMode`, else
 * Envoy's defaults: headers sent, bodies NONE, trailers skipped) with the body modes the flags
 * give. A direction whose body streams (STREAMED or FULL_DUPLEX_STREAMED) also sends its trailers
 * unless `base` says otherwise: Envoy requires it with FULL_DUPLEX_STREAMED (§4.1), and under
 * STREAMED the trailers are how attache sees a body with trailers end (README, "Limits and
 * edges"), so it is how a filter in front of attache should be set.
 *
 * @throws AttacheError naming the flag for an unknown mode.
 */
export function processingModeFromFlags(
  command: string,
  request: string | undefined,
  response: string | undefined,
  base: ProcessingModeInput = {},
): ProcessingModeInput {
  const requestBodyMode =
    request === undefined && base.requestBodyMode !== undefined
      ? base.requestBodyMode
      : bodyModeFlag(request, '--request-body-mode', command);
  const responseBodyMode =
    response === undefined && base.responseBodyMode !== undefined
      ? base.responseBodyMode
      : bodyModeFlag(response, '--response-body-mode', command);
  const streams = (mode: BodySendMode) => mode === 'STREAMED' || mode === 'FULL_DUPLEX_STREAMED';
  return {
    ...base,
    requestBodyMode,
    responseBodyMode,
    ...(streams(requestBodyMode) && base.requestTrailerMode === undefined
      ? { requestTrailerMode: 'SEND' as const }
      : {}),
    ...(streams(responseBodyMode) && base.responseTrailerMode === undefined
      ? { responseTrailerMode: 'SEND' as const }
      : {}),
  };
}
