/**
 * The `--request-body-mode` / `--response-body-mode` flags of `attache dev` and `attache send`.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import type { BodySendMode, ProcessingModeInput } from '../testing/config.js';

const BODY_MODES = ['none', 'streamed', 'buffered', 'buffered_partial', 'full_duplex_streamed'] as const;

function bodyMode(value: string | undefined, flag: string, command: string): BodySendMode {
  const mode = (value ?? 'none').toLowerCase();
  if (!(BODY_MODES as readonly string[]).includes(mode)) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${command}: ${flag} must be one of ${BODY_MODES.join('|')}, got "${value}"`,
    );
  }
  return mode.toUpperCase() as BodySendMode;
}

/**
 * The simulated filter's processing mode from the flags: Envoy's defaults (headers sent, bodies
 * NONE, trailers skipped) except the body modes given. FULL_DUPLEX_STREAMED also sends that
 * direction's trailers, which Envoy requires with it (§4.1).
 *
 * @throws AttacheError naming the flag for an unknown mode.
 */
export function processingModeFromFlags(
  command: string,
  request: string | undefined,
  response: string | undefined,
): ProcessingModeInput {
  const requestBodyMode = bodyMode(request, '--request-body-mode', command);
  const responseBodyMode = bodyMode(response, '--response-body-mode', command);
  return {
    requestBodyMode,
    responseBodyMode,
    ...(requestBodyMode === 'FULL_DUPLEX_STREAMED' ? { requestTrailerMode: 'SEND' as const } : {}),
    ...(responseBodyMode === 'FULL_DUPLEX_STREAMED' ? { responseTrailerMode: 'SEND' as const } : {}),
  };
}
