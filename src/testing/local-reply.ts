/**
 * Envoy local replies (`sendLocalReply`): how the status, body, header mutation and optional gRPC
 * status turn into response headers and body (doc §5.4, §8).
 *
 * Envoy's local-reply utility (read to settle §5.4's wording) builds a map holding only `:status`,
 * lets the caller mutate it, then:
 * - for a gRPC request (content-type `application/grpc…`), sends a trailers-only reply: `:status`
 *   200, `content-type: application/grpc`, `grpc-status` (the ImmediateResponse's `grpc_status`,
 *   else mapped from the HTTP status) and the body percent-encoded in `grpc-message`. Doubt: doc
 *   §5.4 says "grpc_status (if set, gRPC-style reply)"; Envoy only produces the gRPC form when
 *   the *request* is gRPC, and then does so for every local reply. We follow Envoy.
 * - otherwise, a non-empty body gets `content-length` and (unless set) `content-type: text/plain`;
 *   an empty body removes both.
 *
 * @module
 */
import { HeaderMap } from './header-map.js';

/** A local reply to produce. */
export interface LocalReplySpec {
  status: number;
  body: Buffer;
  /** Mutates the headers before Envoy finalizes them (ImmediateResponse `headers`). */
  mutateHeaders?: ((headers: HeaderMap) => void) | undefined;
  grpcStatus?: number | undefined;
  /** Response code details. */
  details: string;
}

/** The local reply's frames. */
export interface PreparedLocalReply {
  headers: HeaderMap;
  /** Empty for a headers-only reply. */
  body: Buffer;
}

/** Envoy `Grpc::Utility::httpToGrpcStatus`. */
export function httpToGrpcStatus(status: number): number {
  switch (status) {
    case 400:
      return 13; // INTERNAL
    case 401:
      return 16; // UNAUTHENTICATED
    case 403:
      return 7; // PERMISSION_DENIED
    case 404:
      return 12; // UNIMPLEMENTED
    case 429:
    case 502:
    case 503:
    case 504:
      return 14; // UNAVAILABLE
    default:
      return 2; // UNKNOWN
  }
}

/** Envoy `PercentEncoding::encode` as used for grpc-message. */
function percentEncode(text: Buffer): string {
  let out = '';
  for (const c of text) {
    out +=
      c < 0x20 || c > 0x7e || c === 0x25
        ? `%${c.toString(16).toUpperCase().padStart(2, '0')}`
        : String.fromCharCode(c);
  }
  return out;
}

/** Envoy `Grpc::Common::isGrpcRequestHeaders` (content-type check). */
export function isGrpcRequest(requestHeaders: HeaderMap | undefined): boolean {
  const ct = requestHeaders?.getString('content-type');
  if (ct === undefined) return false;
  return (
    ct === 'application/grpc' || ct.startsWith('application/grpc+') || ct.startsWith('application/grpc;')
  );
}

/** Builds the local reply frames for a request with the given headers. */
export function prepareLocalReply(
  spec: LocalReplySpec,
  requestHeaders: HeaderMap | undefined,
): PreparedLocalReply {
  const headers = new HeaderMap('response-headers');
  headers.set(':status', Buffer.from(String(spec.status)));
  spec.mutateHeaders?.(headers);
  let body = spec.body;
  const isHead = requestHeaders?.getString(':method') === 'HEAD';

  if (isGrpcRequest(requestHeaders)) {
    headers.set(':status', Buffer.from('200'));
    headers.set('content-type', Buffer.from('application/grpc'));
    if (headers.get('grpc-status').length === 0) {
      headers.set('grpc-status', Buffer.from(String(spec.grpcStatus ?? httpToGrpcStatus(spec.status))));
    }
    if (body.length > 0 && !isHead) {
      if (body[body.length - 1] === 0x0a) body = body.subarray(0, body.length - 1);
      headers.set('grpc-message', Buffer.from(percentEncode(body)));
    }
    headers.remove('content-length');
    return { headers, body: Buffer.alloc(0) };
  }

  if (body.length > 0) {
    headers.set('content-length', Buffer.from(String(body.length)));
    if (!headers.has('content-type')) headers.set('content-type', Buffer.from('text/plain'));
  } else {
    headers.remove('content-length');
    headers.remove('content-type');
  }
  if (isHead) body = Buffer.alloc(0);
  return { headers, body };
}

/** Envoy `StringUtil::replaceAllEmptySpace`: every whitespace character becomes `_`. */
export function detailsString(text: string): string {
  return text.replace(/\s/g, '_');
}
