/**
 * The parts of gRPC-over-HTTP/2 that live in headers: `grpc-timeout`, the status fields
 * (`grpc-status`, `grpc-message` and its percent-encoding), and the call metadata a plugin may read.
 *
 * @module
 */
import type { IncomingHttpHeaders } from 'node:http2';

const TIMEOUT = /^(\d{1,8})([HMSmun])$/;
const UNIT_MS: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 };

/**
 * Parses a `grpc-timeout` value (gRPC over HTTP/2: at most 8 digits and a unit) into ms,
 * rounded up so a non-zero timeout never becomes zero. `null` when malformed.
 */
export function parseGrpcTimeout(value: string): number | null {
  const match = TIMEOUT.exec(value);
  if (match === null) return null;
  return Math.ceil(Number(match[1]) * (UNIT_MS[match[2] as string] as number));
}

/**
 * Percent-encodes a `grpc-message` as the gRPC spec requires: UTF-8, with every byte outside
 * printable ASCII (0x20-0x7E) and `%` itself written as `%XX`.
 */
export function encodeGrpcMessage(message: string): string {
  if (!/[^\x20-\x24\x26-\x7e]/.test(message)) return message;
  let out = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** One header field as a name and a value. */
export type HeaderField = readonly [name: string, value: string];

/**
 * The status fields a call ends with (in its trailers, or in a trailers-only response):
 * `grpc-status`, then `grpc-message` percent-encoded unless `message` is empty (gRPC leaves an
 * empty message out). Both transports build their header shape from these pairs, so the rules
 * live here once. Not for the hot path: a call that ends OK with no message uses constant headers.
 */
export function grpcStatusFields(code: number, message: string): HeaderField[] {
  const status: HeaderField = ['grpc-status', String(code)];
  return message === '' ? [status] : [status, ['grpc-message', encodeGrpcMessage(message)]];
}

/** Headers that belong to the gRPC transport, not to the call's metadata (as grpc-js drops them). */
const TRANSPORT_HEADERS = new Set([
  'content-type',
  'te',
  'grpc-timeout',
  'grpc-encoding',
  'grpc-accept-encoding',
  'accept-encoding',
]);

/**
 * Call metadata from the request headers (for {@link LazyMetadata}): pseudo-headers, transport
 * headers and binary `-bin` entries are left out; a repeated header's values are joined with `, `.
 */
export function fromRequestHeaders(headers: IncomingHttpHeaders): Map<string, string> {
  const map = new Map<string, string>();
  for (const key in headers) {
    if (!isMetadata(key)) continue;
    const value = headers[key];
    if (typeof value === 'string') map.set(key, value);
    else if (Array.isArray(value)) map.set(key, value.join(', '));
  }
  return map;
}

/** Whether a request header is call metadata (see {@link fromRequestHeaders}). */
function isMetadata(name: string): boolean {
  return !name.startsWith(':') && !name.endsWith('-bin') && !TRANSPORT_HEADERS.has(name);
}

/**
 * Call metadata from a decoded header block (`[name, value, …]`, as the `wire` transport
 * keeps it), by the same rules as {@link fromRequestHeaders}: a repeated header's values are
 * joined with `, ` in the order they came.
 */
export function fromRequestFields(fields: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i] as string;
    if (!isMetadata(name)) continue;
    const value = fields[i + 1] as string;
    const before = map.get(name);
    map.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  return map;
}
