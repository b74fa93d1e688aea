/**
 * The start-up half of "no body byte silently lost" (the run-time half is
 * `stream/body-end.ts`): a declared filter processing mode that streams a body to body plugins
 * while the filter skips its trailers, and attache cannot ask for them, is refused.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import type { Direction, Handlers } from '../plugin/types.js';
import type { ProcessingModeInput } from '../protocol/processing-mode.js';

/** What the check reads of the pipeline options. */
export interface BodyEndOptions {
  readonly processingMode?: ProcessingModeInput;
  readonly processingModeWhere?: string;
  readonly allowModeOverride?: boolean;
}

/** Per direction: whether the filter's trailer mode is declared SEND. */
export function trailersDeclared(mode: ProcessingModeInput | undefined): {
  readonly request: boolean;
  readonly response: boolean;
} {
  return { request: mode?.requestTrailerMode === 'SEND', response: mode?.responseTrailerMode === 'SEND' };
}

const ENVOY_FIELD = { request: 'request_trailer_mode', response: 'response_trailer_mode' } as const;

/** The ways out, in Envoy's and attache's config words. */
export function bodyEndFix(direction: Direction): string {
  return `set ${ENVOY_FIELD[direction]}: SEND on the Envoy filter (and in envoy.processingMode), use FULL_DUPLEX_STREAMED, or set allow_mode_override: true on the filter with envoy.allowModeOverride: true so attache asks for the trailers`;
}

function hasBodyHandler(handlers: Handlers, direction: Direction): boolean {
  return direction === 'request'
    ? handlers.requestBody !== undefined || handlers.requestBodyChunk !== undefined
    : handlers.responseBody !== undefined || handlers.responseBodyChunk !== undefined;
}

/**
 * Refuses a declared `processingMode` under which a body that ends with trailers would end
 * without an end-of-stream chunk for body plugins: the direction is STREAMED (or
 * FULL_DUPLEX_STREAMED, which Envoy itself refuses without trailer SEND), the filter's trailer
 * mode is not SEND, some plugin handles that body, and attache cannot ask for the trailers
 * (`allowModeOverride` off, or Envoy ignores overrides because a body mode is
 * FULL_DUPLEX_STREAMED, §9). Without a declared mode the check happens per stream, from
 * `protocol_config`.
 *
 * @throws AttacheError `ATTACHE_ERR_CONFIG_INVALID` naming the field, the reason and the fix.
 */
export function checkBodyEnd(handlers: readonly Handlers[], options: BodyEndOptions): void {
  const mode = options.processingMode;
  if (mode === undefined) return;
  const declared = trailersDeclared(mode);
  const duplex =
    mode.requestBodyMode === 'FULL_DUPLEX_STREAMED' || mode.responseBodyMode === 'FULL_DUPLEX_STREAMED';
  for (const direction of ['request', 'response'] as const) {
    const body = direction === 'request' ? mode.requestBodyMode : mode.responseBodyMode;
    if (body !== 'STREAMED' && body !== 'FULL_DUPLEX_STREAMED') continue;
    if (declared[direction] || !handlers.some((h) => hasBodyHandler(h, direction))) continue;
    if (options.allowModeOverride === true && !duplex) continue;
    const field = `${direction}TrailerMode` as const;
    const why =
      options.allowModeOverride === true
        ? 'Envoy ignores mode_override when a body mode is FULL_DUPLEX_STREAMED'
        : 'envoy.allowModeOverride is false';
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${options.processingModeWhere ?? 'processingMode'}.${field}: the ${direction} body is ${body} to body plugins, but the filter's trailer mode is ${mode[field] ?? 'DEFAULT'} and attache cannot ask for the trailers (${why}): a body that ends with trailers would end without an end-of-stream chunk, and the bytes plugins hold would be lost. Fix: ${bodyEndFix(direction)}`,
    );
  }
}
