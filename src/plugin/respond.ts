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

/** Options of {@link respond}. */
export interface RespondInit {
  /** Response headers. Envoy applies its mutation rules to them (e.g. no `x-envoy-*`). */
  readonly headers?: HeaderInit;
  /** Response body. */
  readonly body?: string | Uint8Array;
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
 * @throws AttacheError for a status outside 200–599 or an invalid header.
 */
export function respond(status: number, init: RespondInit = {}): ImmediateResponse {
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    // Envoy turns a missing or <200 status into 200, which is never what a plugin means.
    throw new AttacheError(
      ErrorCode.INVALID_HEADER,
      `respond(): status must be an integer 200-599, got ${status}`,
    );
  }
  const headers: Array<readonly [string, Buffer]> = [];
  const input = init.headers;
  if (input !== undefined) {
    const pairs: Iterable<readonly [string, string | Uint8Array | readonly string[]]> = Array.isArray(input)
      ? (input as ReadonlyArray<readonly [string, string | Uint8Array]>)
      : Object.entries(input as Record<string, string | readonly string[]>);
    for (const [name, value] of pairs) {
      const key = normalizeHeaderName(name);
      const values = typeof value === 'string' || value instanceof Uint8Array ? [value] : value;
      for (const v of values) headers.push([key, headerValueBytes(key, v)]);
    }
  }
  const body =
    init.body === undefined
      ? undefined
      : typeof init.body === 'string'
        ? Buffer.from(init.body)
        : Buffer.from(init.body);
  return {
    status,
    headers,
    body,
    grpcStatus: init.grpcStatus,
    details: init.details,
    [kImmediate]: true,
  };
}

/** Whether `value` was made by {@link respond} (works across copies of attache). */
export function isImmediateResponse(value: unknown): value is ImmediateResponse {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[kImmediate] === true
  );
}
