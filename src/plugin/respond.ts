/**
 * Immediate responses: what a handler returns to stop the exchange and answer the client.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import { headerValueBytes, normalizeHeaderName } from '../http/header-rules.js';

const kImmediate = Symbol.for('attache.immediate-response');

/** Headers given as a record (a string or list per name) or as `[name, value]` pairs. */
export type HeaderInit =
  | Readonly<Record<string, string | readonly string[]>>
  | ReadonlyArray<readonly [string, string | Uint8Array]>;

/** A body produced piece by piece, for a streamed response. */
export type BodySource = Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** Options of {@link respond}. */
export interface RespondInit {
  /** Response headers. Envoy applies its mutation rules to them (e.g. no `x-envoy-*`). */
  readonly headers?: HeaderInit;
  /**
   * Response body. An (async) iterable streams the response from the `requestHeaders` phase
   * (Envoy 1.37+'s StreamedImmediateResponse): each piece goes to the client as it is produced.
   * Envoy allows that only while the filter's request body mode is NONE or FULL_DUPLEX_STREAMED;
   * otherwise, and in later phases, attache collects the pieces and answers with one response.
   * Stop producing when `ctx.stream.signal` aborts (the client went away).
   */
  readonly body?: string | Uint8Array | BodySource;
  /** Trailers after a streamed body (ignored for a body given in one piece). */
  readonly trailers?: HeaderInit;
  /** Answer as gRPC: Envoy sends a trailers-only reply with this `grpc-status`, the body as `grpc-message`. */
  readonly grpcStatus?: number;
  /** Response code details for Envoy's access log (never sent to the client). */
  readonly details?: string;
}

/** A response that ends the exchange; create it with {@link respond}. */
export interface ImmediateResponse {
  readonly status: number;
  /** Validated headers: lower-case names, encoded values. */
  readonly headers: ReadonlyArray<readonly [string, Buffer]>;
  readonly body: Buffer | undefined;
  /** The pieces of a streamed body, or `null`. */
  readonly stream: BodySource | null;
  /** Validated trailers of a streamed body. */
  readonly trailers: ReadonlyArray<readonly [string, Buffer]>;
  readonly grpcStatus: number | undefined;
  readonly details: string | undefined;
  readonly [kImmediate]: true;
}

/**
 * Builds a response that stops processing and answers the client instead of the upstream.
 *
 * @example
 * ```ts
 * requestHeaders(ctx) {
 *   if (!ctx.headers.has('authorization')) return respond(401, { body: 'login required' });
 * }
 * ```
 * @throws AttacheError `ATTACHE_ERR_INVALID_ARGUMENT` for a status outside 200–599 or a body
 *   that is not a string, bytes or an iterable of them; `ATTACHE_ERR_INVALID_HEADER` for an
 *   invalid header.
 */
export function respond(status: number, init: RespondInit = {}): ImmediateResponse {
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    // Envoy turns a missing or <200 status into 200, which is never what a plugin means.
    throw new AttacheError(
      ErrorCode.INVALID_ARGUMENT,
      `respond(): status must be an integer 200-599, got ${status}`,
    );
  }
  const headers = toHeaderList(init.headers);
  const input = init.body;
  const stream =
    input === undefined || typeof input === 'string' || input instanceof Uint8Array ? null : input;
  if (stream !== null && !isBodySource(stream)) {
    throw new AttacheError(
      ErrorCode.INVALID_ARGUMENT,
      'respond(): body must be a string, a Uint8Array or an (async) iterable of them',
    );
  }
  if (stream !== null && init.grpcStatus !== undefined) {
    throw new AttacheError(
      ErrorCode.INVALID_ARGUMENT,
      'respond(): a gRPC reply (grpcStatus) cannot stream a body',
    );
  }
  const body =
    input === undefined || stream !== null
      ? undefined
      : typeof input === 'string'
        ? Buffer.from(input)
        : Buffer.from(input as Uint8Array);
  return {
    status,
    headers,
    body,
    stream,
    trailers: toHeaderList(init.trailers),
    grpcStatus: init.grpcStatus,
    details: init.details,
    [kImmediate]: true,
  };
}

function toHeaderList(input: HeaderInit | undefined): Array<readonly [string, Buffer]> {
  const headers: Array<readonly [string, Buffer]> = [];
  if (input === undefined) return headers;
  const pairs: Iterable<readonly [string, string | Uint8Array | readonly string[]]> = Array.isArray(input)
    ? (input as ReadonlyArray<readonly [string, string | Uint8Array]>)
    : Object.entries(input as Record<string, string | readonly string[]>);
  for (const [name, value] of pairs) {
    const key = normalizeHeaderName(name);
    const values = typeof value === 'string' || value instanceof Uint8Array ? [value] : value;
    for (const v of values) headers.push([key, headerValueBytes(key, v)]);
  }
  return headers;
}

function isBodySource(value: unknown): value is BodySource {
  const v = value as Record<symbol, unknown> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (typeof v[Symbol.iterator] === 'function' || typeof v[Symbol.asyncIterator] === 'function')
  );
}

/** Whether `value` was made by {@link respond} (works across copies of attache). */
export function isImmediateResponse(value: unknown): value is ImmediateResponse {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[kImmediate] === true
  );
}
