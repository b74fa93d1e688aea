/**
 * `request_attributes` / `response_attributes` without CEL (doc §3.9).
 *
 * Envoy evaluates CEL expressions; the kit only knows the plain attribute names below and
 * evaluates them from the simulated stream. Like Envoy, an attribute that is unknown or not
 * available yet (e.g. `response.code` in the request direction) is omitted. Value typing follows
 * Envoy: bool → bool_value, int/uint/double → number_value, null → null_value, everything else →
 * the CEL "print" string (maps print as `CelMap value`, timestamps as absl's RFC 3339 form).
 *
 * | name | value |
 * |---|---|
 * | `request.path` / `request.url_path` / `request.query` | `:path`, without query, query without `?` |
 * | `request.host` / `request.scheme` / `request.method` | `:authority`, `:scheme`, `:method` |
 * | `request.id` / `request.referer` / `request.useragent` | `x-request-id`, `referer`, `user-agent` |
 * | `request.headers` | `CelMap value` |
 * | `request.protocol` | e.g. `HTTP/1.1` |
 * | `request.time` | the exchange start time |
 * | `request.size` / `request.total_size` | content-length (else body bytes so far); + header bytes |
 * | `response.code` / `response.code_details` / `response.flags` | `:status`, `via_upstream`, 0 |
 * | `response.grpc_status` | `grpc-status` header if present |
 * | `response.headers` / `response.trailers` | `CelMap value` |
 * | `response.size` / `response.total_size` | as for requests |
 * | `source.address` / `source.port` / `destination.address` / `destination.port` | from `spec.connection` |
 * | `connection.mtls` | from `spec.connection` |
 *
 * @module
 */
import type { HeaderMap } from './header-map.js';
import { parseUint64 } from './mutation-check.js';

/** What attribute evaluation can see. Response fields are absent in the request direction. */
export interface AttributeContext {
  requestHeaders: HeaderMap;
  requestBodyBytes: number;
  protocol: string;
  startTime: Date;
  responseHeaders?: HeaderMap | undefined;
  responseTrailers?: HeaderMap | undefined;
  responseBodyBytes: number;
  responseCodeDetails?: string | undefined;
  source: { address: string; port: number };
  destination: { address: string; port: number };
  mtls: boolean;
}

type AttrValue = string | number | boolean | null;

// absl::FormatTime default format: RFC 3339 with as many fractional digits as needed.
function formatTime(d: Date): string {
  const iso = d.toISOString(); // 2026-01-13T10:20:30.123Z
  const [base, frac] = iso.slice(0, -1).split('.');
  const fraction = (frac ?? '').replace(/0+$/, '');
  return `${base}${fraction === '' ? '' : `.${fraction}`}+00:00`;
}

function header(map: HeaderMap | undefined, name: string): string | undefined {
  return map?.getString(name);
}

function size(map: HeaderMap | undefined, bodyBytes: number): number | undefined {
  if (map === undefined) return undefined;
  const cl = header(map, 'content-length');
  const parsed = cl === undefined ? undefined : parseUint64(cl);
  return parsed ?? bodyBytes;
}

const EVALUATORS: Record<string, (c: AttributeContext) => AttrValue | undefined> = {
  'request.path': (c) => header(c.requestHeaders, ':path'),
  'request.url_path': (c) => header(c.requestHeaders, ':path')?.split('?')[0],
  'request.query': (c) => {
    const path = header(c.requestHeaders, ':path');
    if (path === undefined) return undefined;
    const i = path.indexOf('?');
    return i < 0 ? '' : path.slice(i + 1);
  },
  'request.host': (c) => header(c.requestHeaders, ':authority'),
  'request.scheme': (c) => header(c.requestHeaders, ':scheme'),
  'request.method': (c) => header(c.requestHeaders, ':method'),
  'request.id': (c) => header(c.requestHeaders, 'x-request-id'),
  'request.referer': (c) => header(c.requestHeaders, 'referer'),
  'request.useragent': (c) => header(c.requestHeaders, 'user-agent'),
  'request.headers': () => 'CelMap value',
  'request.protocol': (c) => c.protocol,
  'request.time': (c) => formatTime(c.startTime),
  'request.size': (c) => size(c.requestHeaders, c.requestBodyBytes),
  'request.total_size': (c) => c.requestHeaders.byteSize() + c.requestBodyBytes,
  'response.code': (c) => {
    const s = header(c.responseHeaders, ':status');
    return s === undefined ? undefined : Number(s);
  },
  'response.code_details': (c) => (c.responseHeaders === undefined ? undefined : c.responseCodeDetails),
  'response.flags': (c) => (c.responseHeaders === undefined ? undefined : 0),
  'response.grpc_status': (c) => {
    const s = header(c.responseTrailers, 'grpc-status') ?? header(c.responseHeaders, 'grpc-status');
    return s === undefined ? undefined : Number(s);
  },
  'response.headers': (c) => (c.responseHeaders === undefined ? undefined : 'CelMap value'),
  'response.trailers': (c) => (c.responseTrailers === undefined ? undefined : 'CelMap value'),
  'response.size': (c) => size(c.responseHeaders, c.responseBodyBytes),
  'response.total_size': (c) =>
    c.responseHeaders === undefined ? undefined : c.responseHeaders.byteSize() + c.responseBodyBytes,
  'source.address': (c) => `${c.source.address}:${c.source.port}`,
  'source.port': (c) => c.source.port,
  'destination.address': (c) => `${c.destination.address}:${c.destination.port}`,
  'destination.port': (c) => c.destination.port,
  'connection.mtls': (c) => c.mtls,
};

/**
 * Attribute names the kit can evaluate for `requestAttributes` / `responseAttributes`.
 *
 * @example
 * ```ts
 * KNOWN_ATTRIBUTES.includes('request.path'); // true
 * ```
 */
export const KNOWN_ATTRIBUTES: readonly string[] = Object.keys(EVALUATORS);

/**
 * Evaluates `names` into the Struct Envoy puts under `attributes["envoy.filters.http.ext_proc"]`.
 * Unknown and unavailable names are omitted.
 */
export function evaluateAttributes(
  names: readonly string[],
  ctx: AttributeContext,
): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  for (const name of names) {
    const value = EVALUATORS[name]?.(ctx);
    if (value !== undefined && !(typeof value === 'number' && Number.isNaN(value))) out[name] = value;
  }
  return out;
}
