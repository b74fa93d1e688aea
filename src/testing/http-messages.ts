/**
 * Turning a test's request / upstream-response description into the frames Envoy's filter chain
 * sees: a header map (with what the codec and HCM add), DATA frames and trailers.
 *
 * Modelled behaviour (documented choices):
 * - request pseudo-headers `:method`, `:scheme`, `:authority`, `:path`, in that order; an HTTP/1
 *   `host` header becomes `:authority` (doc §3.2);
 * - duplicate names of Envoy's inline headers are folded with `,` as the codecs do (§19.6);
 * - `content-length` is added for a body given as one string/Uint8Array (unless `chunked`), never
 *   for an array of chunks; a response without body gets `content-length: 0`;
 * - with `hcmHeaders` the HCM adds `x-forwarded-proto` and `x-request-id` to requests (if absent)
 *   and the router adds `x-envoy-upstream-service-time` to responses (doc §3.3);
 * - empty trailers count as no trailers.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { HeaderMap, toBytes } from './header-map.js';
import type { BodyInit, HeaderInit, RequestSpec, UpstreamResponseSpec } from './spec.js';

/** The frames of one HTTP message, in order. */
export interface MessageFrames {
  headers: HeaderMap;
  /** End-of-stream on the headers (no body and no trailers). */
  headersEnd: boolean;
  /** DATA frames; the last carries end-of-stream unless there are trailers. */
  data: Buffer[];
  trailers: HeaderMap | null;
}

/** Normalizes {@link HeaderInit} into ordered `[name, bytes]` pairs with lower-case names. */
export function headerPairs(init: HeaderInit | undefined): Array<[string, Buffer]> {
  if (init === undefined) return [];
  const out: Array<[string, Buffer]> = [];
  if (Array.isArray(init)) {
    for (const [k, v] of init as ReadonlyArray<readonly [string, string | Uint8Array]>) {
      out.push([k.toLowerCase(), toBytes(v)]);
    }
    return out;
  }
  for (const [k, v] of Object.entries(init as Record<string, string | readonly string[]>)) {
    const values = typeof v === 'string' ? [v] : v;
    for (const one of values) out.push([k.toLowerCase(), toBytes(one)]);
  }
  return out;
}

function bodyFrames(body: BodyInit | undefined): { frames: Buffer[]; single: boolean } {
  if (body === undefined) return { frames: [], single: false };
  if (typeof body === 'string' || body instanceof Uint8Array)
    return { frames: [toBytes(body)], single: true };
  return { frames: (body as ReadonlyArray<string | Uint8Array>).map(toBytes), single: false };
}

function trailerMap(
  kind: 'request-trailers' | 'response-trailers',
  init: HeaderInit | undefined,
): HeaderMap | null {
  const pairs = headerPairs(init);
  return pairs.length === 0 ? null : HeaderMap.of(kind, pairs);
}

/** Builds the downstream request's frames. */
export function requestFrames(spec: RequestSpec, hcmHeaders: boolean): MessageFrames {
  const headers = new HeaderMap('request-headers');
  const scheme = spec.scheme ?? 'http';
  const pairs = headerPairs(spec.headers);
  const host = pairs.find(([k]) => k === 'host');
  headers.addOwned(':method', toBytes(spec.method ?? 'GET'));
  headers.addOwned(':scheme', toBytes(scheme));
  headers.addOwned(':authority', host?.[1] ?? toBytes(spec.authority ?? 'example.com'));
  headers.addOwned(':path', toBytes(spec.path ?? '/'));
  for (const [k, v] of pairs) {
    if (k === 'host') continue; // stored in the :authority slot (doc §3.2)
    headers.addOwned(k, v);
  }
  const { frames, single } = bodyFrames(spec.body);
  if (single && !spec.chunked && !headers.has('content-length')) {
    headers.addOwned('content-length', toBytes(String(frames[0]?.length ?? 0)));
  }
  if (hcmHeaders) {
    if (!headers.has('x-forwarded-proto')) headers.addOwned('x-forwarded-proto', toBytes(scheme));
    if (!headers.has('x-request-id')) headers.addOwned('x-request-id', toBytes(randomUUID()));
  }
  const trailers = trailerMap('request-trailers', spec.trailers);
  return { headers, headersEnd: frames.length === 0 && trailers === null, data: frames, trailers };
}

/** Builds the upstream response's frames. */
export function responseFrames(
  spec: UpstreamResponseSpec,
  hcmHeaders: boolean,
  serviceTimeMs: number,
): MessageFrames {
  const headers = new HeaderMap('response-headers');
  headers.addOwned(':status', toBytes(String(spec.status ?? 200)));
  for (const [k, v] of headerPairs(spec.headers)) headers.addOwned(k, v);
  const { frames, single } = bodyFrames(spec.body);
  const trailers = trailerMap('response-trailers', spec.trailers);
  if (!headers.has('content-length') && !spec.chunked) {
    if (single) headers.addOwned('content-length', toBytes(String(frames[0]?.length ?? 0)));
    else if (frames.length === 0 && trailers === null) headers.addOwned('content-length', toBytes('0'));
  }
  if (hcmHeaders && !headers.has('x-envoy-upstream-service-time')) {
    headers.addOwned('x-envoy-upstream-service-time', toBytes(String(serviceTimeMs)));
  }
  return { headers, headersEnd: frames.length === 0 && trailers === null, data: frames, trailers };
}
