/**
 * How a `Process` call's final status is read from what its HTTP/2 stream reported (header
 * blocks, RST_STREAM codes, connection errors), the way `@grpc/grpc-js` reads it, so a test gets
 * the same status over {@link http2Channel} as over {@link grpcChannel}.
 *
 * @module
 */

import { ErrorCode } from '../h2/frames.js';
import { GrpcStatus } from '../transport/types.js';
import type { CallStatus } from './channel.js';

const {
  NO_ERROR: NGHTTP2_NO_ERROR,
  REFUSED_STREAM: NGHTTP2_REFUSED_STREAM,
  CANCEL: NGHTTP2_CANCEL,
  ENHANCE_YOUR_CALM: NGHTTP2_ENHANCE_YOUR_CALM,
  INADEQUATE_SECURITY: NGHTTP2_INADEQUATE_SECURITY,
  INTERNAL_ERROR: NGHTTP2_INTERNAL_ERROR,
} = ErrorCode;

/** The value of `name` in a decoded header block (`[name, value, …]`), the first if repeated. */
function headerValue(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

/** The status a non-200 HTTP answer without `grpc-status` stands for (gRPC's HTTP mapping). */
export function statusFromHttp(httpStatus: number): CallStatus {
  let code: number;
  switch (httpStatus) {
    case 400:
      code = GrpcStatus.INTERNAL;
      break;
    case 401:
      code = GrpcStatus.UNAUTHENTICATED;
      break;
    case 403:
      code = GrpcStatus.PERMISSION_DENIED;
      break;
    case 404:
      code = GrpcStatus.UNIMPLEMENTED;
      break;
    case 429:
    case 502:
    case 503:
    case 504:
      code = GrpcStatus.UNAVAILABLE;
      break;
    default:
      code = GrpcStatus.UNKNOWN;
  }
  return { code, message: `Received HTTP status code ${httpStatus}` };
}

/**
 * The status carried by trailers (or a trailers-only answer), given as a decoded header block
 * (`[name, value, …]`): `grpc-status` as a number and `grpc-message` percent-decoded with
 * `decodeURI`, kept as sent when it is not valid percent-encoding (grpc-js does exactly this).
 * Without `grpc-status`, the HTTP status decides.
 */
export function statusFromTrailers(fields: readonly string[], httpStatus: number): CallStatus {
  const raw = headerValue(fields, 'grpc-status');
  if (typeof raw !== 'string') {
    return httpStatus !== 0
      ? statusFromHttp(httpStatus)
      : { code: GrpcStatus.UNKNOWN, message: 'No status information received' };
  }
  const encoded = headerValue(fields, 'grpc-message');
  let message = '';
  if (typeof encoded === 'string') {
    try {
      message = decodeURI(encoded);
    } catch {
      message = encoded;
    }
  }
  return { code: Number(raw), message };
}

/** Errors that mean the connection itself failed or dropped: the call is UNAVAILABLE. */
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOENT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * The failure to reach or keep the peer behind `error` (a stream error, or the connection error
 * Node gives as its `cause`), or null when it is something else.
 */
export function connectionError(error: Error | null): Error | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    // TLS failures (a refused client certificate arrives as an alert after the handshake) too.
    if (code !== undefined && (CONNECTION_ERRORS.has(code) || /^ERR_(SSL|TLS)_/.test(code))) return e;
  }
  return null;
}

/**
 * The status of a stream that closed without a gRPC status: from the RST_STREAM code and the
 * error Node reported on the stream, if any (grpc-js's mapping, wording included).
 */
export function statusFromReset(
  rstCode: number,
  httpStatus: number,
  error: Error | null,
  connectionDropped: boolean,
): CallStatus {
  const dropped = connectionError(error);
  if (dropped !== null) return { code: GrpcStatus.UNAVAILABLE, message: dropped.message };
  switch (rstCode) {
    case NGHTTP2_NO_ERROR:
      return httpStatus !== 0 && httpStatus !== 200
        ? statusFromHttp(httpStatus)
        : {
            code: GrpcStatus.INTERNAL,
            message: `Received RST_STREAM with code ${rstCode} (Call ended without gRPC status)`,
          };
    case NGHTTP2_REFUSED_STREAM:
      return { code: GrpcStatus.UNAVAILABLE, message: 'Stream refused by server' };
    case NGHTTP2_CANCEL:
      // Node reports a dropped connection as CANCEL on its streams.
      return connectionDropped
        ? { code: GrpcStatus.UNAVAILABLE, message: 'Connection dropped' }
        : { code: GrpcStatus.CANCELLED, message: 'Call cancelled' };
    case NGHTTP2_ENHANCE_YOUR_CALM:
      return {
        code: GrpcStatus.RESOURCE_EXHAUSTED,
        message: 'Bandwidth exhausted or memory limit exceeded',
      };
    case NGHTTP2_INADEQUATE_SECURITY:
      return { code: GrpcStatus.PERMISSION_DENIED, message: 'Protocol not secure enough' };
    case NGHTTP2_INTERNAL_ERROR:
      return {
        code: GrpcStatus.INTERNAL,
        message:
          error === null
            ? `Received RST_STREAM with code ${rstCode} (Internal server error)`
            : `Received RST_STREAM with code ${rstCode} triggered by internal client error: ${error.message}`,
      };
    default:
      return { code: GrpcStatus.INTERNAL, message: `Received RST_STREAM with code ${rstCode}` };
  }
}
