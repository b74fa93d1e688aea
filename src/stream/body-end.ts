/**
 * Seeing where a streamed body ends, so no body byte is lost silently.
 *
 * Under STREAMED a message that ends with trailers has no end-of-stream chunk: the last chunk
 * carries `end_of_stream=false` and only the trailers say the body is over (§4.6, §18.17). With
 * the filter's trailer mode not SEND, attache never learns that, and what body plugins hold
 * (a whole-body plugin's collected body, a chunk plugin's `holdBack`) would be dropped while the
 * peer receives a truncated body. The same holds for a body switched into a streamed mode by a
 * `mode_override` (Envoy checks "FULL_DUPLEX_STREAMED needs trailer SEND" only in its config).
 *
 * attache's rule, per direction whose body plugins meet a streamed body:
 * - the filter's trailer mode is declared SEND (`envoy.processingMode`): nothing to do;
 * - attache may send `mode_override`: every headers reply that carries one asks for the
 *   trailers (trailer mode SEND), so the end is always seen (`mode-override/trailers.ts`);
 * - otherwise: refused at start-up when the config declares the processing mode
 *   (`pipeline/body-end-check.ts`), or at the first message from its `protocol_config`
 *   ({@link unseenEnd}): the exchange fails by the failure mode (fail-closed: the failure
 *   answer; fail-open, only when every plugin fails open: passed through unprocessed, every
 *   message answered CONTINUE, which Envoy forwards unchanged), never a truncated body.
 *
 * Once the trailers are seen, bytes still held when they arrive under STREAMED cannot be sent
 * (Envoy sends the trailers only after every chunk was answered, and a trailers reply carries
 * no body): that exchange fails closed whatever the plugins' failure mode, since passing it on
 * would forward the body without those bytes (`replies/body.ts`, `unflushable`).
 *
 * @module
 */
import { ProcessingMode_BodySendMode as BodySendMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type { Logger } from '../log.js';
import { bodyEndFix } from '../pipeline/body-end-check.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Direction } from '../plugin/types.js';

/** Envoy's `details` of an exchange refused because attache cannot see where a body ends. */
export const BODY_END_UNSEEN = 'attache_body_end_unseen';

/** Pipelines whose refusal was already logged: once per loaded config, not per exchange. */
const logged = new WeakSet<Pipeline>();

/**
 * At the first message of a stream (with `protocol_config`): the direction whose streamed body
 * goes to body plugins while attache may not see where it ends, or `null`. attache can ask for
 * the trailers only in a headers reply that Envoy honours: `modeRefusal` says why Envoy ignores
 * overrides on this stream (`null`: it honours them); the request direction needs the request
 * headers (the first message when Envoy sends them), the response direction either headers
 * message. Logs the refusal once per pipeline (once per loaded config), not per exchange.
 */
export function unseenEnd(
  pipeline: Pipeline,
  first: string | undefined,
  requestBody: number,
  responseBody: number,
  modeRefusal: string | null,
  log: Logger,
): Direction | null {
  const refusal = pipeline.allowModeOverride ? modeRefusal : 'envoy.allowModeOverride is false';
  let direction: Direction | null = null;
  let why: string | null = null;
  // Only STREAMED: Envoy refuses a FULL_DUPLEX_STREAMED filter config without trailer SEND (§4.1),
  // and a body switched into a streamed mode by an override asks for its trailers (askTrailers).
  if (
    requestBody === BodySendMode.STREAMED &&
    pipeline.hasBody.request &&
    !pipeline.trailersDeclared.request
  ) {
    why =
      refusal ??
      (first === 'requestHeaders'
        ? null
        : 'the filter skips the request headers, whose reply is the only place to ask');
    if (why !== null) direction = 'request';
  }
  if (
    direction === null &&
    responseBody === BodySendMode.STREAMED &&
    pipeline.hasBody.response &&
    !pipeline.trailersDeclared.response
  ) {
    why =
      refusal ??
      (first === 'requestHeaders' || first === 'responseHeaders'
        ? null
        : 'the filter skips the request headers, and may skip the response headers too');
    if (why !== null) direction = 'response';
  }
  if (direction === null) return null;
  if (!logged.has(pipeline)) {
    logged.add(pipeline);
    const open = failsOpen(pipeline);
    log.error(
      { direction, details: BODY_END_UNSEEN },
      `Envoy streams the ${direction} body to body plugins, and attache cannot be sure to see where a body with trailers ends: the filter's ${direction} trailer mode is not declared SEND (envoy.processingMode) and attache cannot ask for the trailers (${why}). These exchanges are ${open ? 'passed through unprocessed (every plugin fails open)' : 'failed (failure mode closed)'} rather than risk forwarding a truncated body. Logged once. Fix: ${bodyEndFix(direction)}`,
    );
  }
  return direction;
}

/**
 * Whether a refused exchange passes through unprocessed: only when every plugin of the pipeline
 * fails open, since passing through skips all of them (an auth plugin failing closed must not be
 * skipped because a body plugin could not see its body's end).
 */
export function failsOpen(pipeline: Pipeline): boolean {
  for (const steps of Object.values(pipeline.steps)) {
    if (steps?.some((s) => s.failure !== 'open')) return false;
  }
  return true;
}
