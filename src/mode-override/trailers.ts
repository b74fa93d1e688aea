/**
 * The trailers attache asks for: under STREAMED a body that ends with trailers has no
 * end-of-stream chunk, so where the filter may skip its trailers and attache may send
 * `mode_override`, every headers reply that carries one asks for the trailers of each streamed
 * body its body plugins see (the rest of that rule is in `stream/body-end.ts`).
 *
 * @module
 */
import { ProcessingMode_BodySendMode as BodySendMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import { PHASE_BITS, type Pipeline } from '../pipeline/pipeline.js';
import type { ModeOverride } from '../plugin/types.js';
import { bodyModeValue } from './proto.js';

const REQUEST_BODY = PHASE_BITS.get('requestBody') as number;
const RESPONSE_BODY = PHASE_BITS.get('responseBody') as number;
const REQUEST_PHASES =
  (PHASE_BITS.get('requestHeaders') as number) | REQUEST_BODY | (PHASE_BITS.get('requestTrailers') as number);

/** Whether a body mode sends the body in chunks (so only eos or the trailers end it). */
function chunked(mode: number): boolean {
  return mode === BodySendMode.STREAMED || mode === BodySendMode.FULL_DUPLEX_STREAMED;
}

/**
 * The override a headers reply carries, with the trailers asked for where a streamed body goes
 * to body plugins and the filter may skip its trailers. `needed`: phase bits of the plugins
 * running for the exchange; `requestBodyOn`: at the request headers, whether a request body
 * follows. At the response headers the request trailers are restated only when an override goes
 * out anyway: Envoy resets every trailer field an override leaves DEFAULT to the filter's value
 * (§9), while without an override the earlier one stays in force. A plugin's explicit
 * `requestTrailers: 'skip'` loses against this: the body's bytes come first.
 */
export function trailersFor(
  declared: { readonly request: boolean; readonly response: boolean },
  needed: number,
  phase: 'requestHeaders' | 'responseHeaders',
  requestBodyOn: boolean,
  wanted: ModeOverride | null,
  requestBody: number,
  responseBody: number,
): ModeOverride | null {
  const request = wanted?.requestBody === undefined ? requestBody : bodyModeValue(wanted.requestBody);
  const response = wanted?.responseBody === undefined ? responseBody : bodyModeValue(wanted.responseBody);
  const askResponse = !declared.response && (needed & RESPONSE_BODY) !== 0 && chunked(response);
  const askRequest =
    !declared.request &&
    (needed & REQUEST_BODY) !== 0 &&
    chunked(request) &&
    (phase === 'requestHeaders' ? requestBodyOn : askResponse || wanted !== null);
  if (!askRequest && !askResponse) return wanted;
  const out: { -readonly [K in keyof ModeOverride]: ModeOverride[K] } = { ...wanted };
  if (askRequest) out.requestTrailers = 'send';
  if (askResponse) out.responseTrailers = 'send';
  return out;
}

/**
 * {@link trailersFor} for one exchange: `requestRuns` and `runs` say which plugins run in the
 * request and the response phases (`null`: all); a plugin filtered out by its
 * `responseContentType` still runs the request body.
 */
export function askTrailers(
  pipeline: Pipeline,
  requestRuns: Uint8Array | null,
  runs: Uint8Array | null,
  phase: 'requestHeaders' | 'responseHeaders',
  requestBodyOn: boolean,
  wanted: ModeOverride | null,
  requestBody: number,
  responseBody: number,
): ModeOverride | null {
  const declared = pipeline.trailersDeclared;
  // Cheap exit for the common case: nothing at risk in either direction.
  if ((declared.request || !pipeline.hasBody.request) && (declared.response || !pipeline.hasBody.response))
    return wanted;
  const masks = pipeline.phaseMasks;
  let needed = 0;
  for (let i = 0; i < masks.length; i++) {
    const mask = masks[i] as number;
    if (runs === null || runs[i] === 1) needed |= mask;
    else if (requestRuns === null || requestRuns[i] === 1) needed |= mask & REQUEST_PHASES;
  }
  return trailersFor(declared, needed, phase, requestBodyOn, wanted, requestBody, responseBody);
}
