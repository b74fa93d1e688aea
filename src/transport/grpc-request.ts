/**
 * The checks a gRPC request's headers get before a call starts, the same for every transport:
 * POST, a gRPC content-type, a known method, no compression, a well-formed `grpc-timeout`.
 *
 * @module
 */
import { type HeaderField, parseGrpcTimeout } from './grpc-headers.js';
import { GrpcStatus } from './types.js';

/** Why a request is refused: a trailers-only gRPC status, with an HTTP status other than 200 when it is not gRPC at all. */
export interface Rejection {
  readonly code: number;
  readonly message: string;
  readonly httpStatus: number;
  /** Fields the trailers-only response carries besides the status (e.g. `grpc-accept-encoding`). */
  readonly fields?: readonly HeaderField[];
}

/**
 * What a compressed call is told it may send instead: gRPC's compression spec has a server that
 * does not take a call's `grpc-encoding` answer UNIMPLEMENTED with the encodings it accepts.
 */
const ACCEPT_IDENTITY = [['grpc-accept-encoding', 'identity']] as const;

const CONTENT_TYPE = /^application\/grpc(\+proto)?(;|$)/;
/** The content-type last accepted: a client sends the same one on every stream. */
let acceptedContentType = 'application/grpc';

/** Whether a request's content-type is gRPC's; the pattern runs once per distinct value. */
function grpcContentType(contentType: string | undefined): boolean {
  if (contentType === acceptedContentType) return true;
  if (contentType === undefined || !CONTENT_TYPE.test(contentType)) return false;
  acceptedContentType = contentType;
  return true;
}

const NOT_POST: Rejection = {
  code: GrpcStatus.UNIMPLEMENTED,
  message: 'gRPC requires POST',
  httpStatus: 405,
};

/** The rejection of a request that is not a gRPC call (method, content-type), or `null`. */
export function callRejection(method: string | undefined, contentType: string | undefined): Rejection | null {
  if (method !== 'POST') return NOT_POST;
  if (grpcContentType(contentType)) return null;
  return {
    code: GrpcStatus.UNKNOWN,
    message: `unsupported content-type ${JSON.stringify(contentType ?? '')}; expected application/grpc`,
    httpStatus: 415,
  };
}

/** The rejection of a call to a method this server does not serve. */
export function unknownMethod(path: string | undefined): Rejection {
  return { code: GrpcStatus.UNIMPLEMENTED, message: `unknown method ${path ?? ''}`, httpStatus: 200 };
}

/** {@link processTimeout}'s answer for a call without `grpc-timeout`. */
export const NO_TIMEOUT = -1;

/**
 * A `Process` call's deadline in ms from its `grpc-encoding` and `grpc-timeout` headers
 * ({@link NO_TIMEOUT} when none), or the rejection of a compressed call or a malformed timeout.
 */
export function processTimeout(
  encoding: string | readonly string[] | undefined,
  timeout: string | readonly string[] | undefined,
): number | Rejection {
  if (encoding !== undefined && encoding !== 'identity') {
    return {
      code: GrpcStatus.UNIMPLEMENTED,
      message: `grpc-encoding ${encoding} is not supported`,
      httpStatus: 200,
      fields: ACCEPT_IDENTITY,
    };
  }
  if (timeout === undefined) return NO_TIMEOUT;
  const ms = typeof timeout === 'string' ? parseGrpcTimeout(timeout) : null;
  if (ms !== null) return ms;
  return {
    code: GrpcStatus.INTERNAL,
    message: `malformed grpc-timeout ${JSON.stringify(timeout)}`,
    httpStatus: 200,
  };
}
