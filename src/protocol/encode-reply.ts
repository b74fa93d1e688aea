/**
 * A hand-written encoder for the `ProcessingResponse`s attache sends on almost every stream
 * (headers, body and trailers replies with header and body mutations), writing exactly the
 * bytes the generated encoder writes, behind the 5-byte gRPC prefix, into one buffer of the
 * frame's exact size.
 *
 * Why: the generated (ts-proto) encoder runs the protobuf writer's fork/join for every nested
 * message (five levels for one header), keeps a list of chunks and copies them together at the
 * end. Here a first pass adds up the sizes and a second writes the bytes once.
 *
 * Scope: these replies, with or without a `mode_override` (what a headers reply carries under
 * `allow_mode_override`), and FULL_DUPLEX_STREAMED body chunks (`streamed_response`). Replies
 * outside them (immediate responses, dynamic metadata, timeouts, non-ASCII strings, anything
 * unexpected) make it return `null`, and the generated encoder encodes them as before.
 *
 * A reply's body (a replaced body or chunk) can also be left out of the buffer and sent by
 * reference ({@link encodeReplyFrameParts}): the buffer then holds the bytes before it (and a
 * tail after it, when the reply has fields after the body), and the transport writes the parts
 * back to back. The body's bytes are then read when the socket takes them, not when the reply
 * is encoded: see the ownership rule on `replaceBody` (src/plugin/types.ts).
 *
 * @module
 */
import type { HeaderValueOption } from '../gen/envoy/config/core/v3/base.js';
import type { ProcessingMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type {
  BodyMutation,
  CommonResponse,
  HeaderMutation,
  ProcessingResponse,
  StreamedBodyResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { fieldSize, WireWriter } from './wire-writer.js';

/** Returned by the size functions for a shape outside the fast path. */
const NO = -1;

/** Length of `s` when every character is ASCII (its UTF-8 bytes are its char codes), else NO. */
function asciiLength(s: unknown): number {
  if (typeof s !== 'string') return NO;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return NO;
  return s.length;
}

/** A small non-negative integer written as a one-byte varint, or NO. */
function smallInt(n: unknown): number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 0x80 ? n : NO;
}

function isBytes(b: unknown): b is Uint8Array {
  return b instanceof Uint8Array;
}

// Size pass: each returns the encoded size of the message (without its own tag and length), or NO.

function headerValueOptionSize(o: HeaderValueOption): number {
  let n = 0;
  const h = o.header;
  if (h !== undefined) {
    let hn = 0;
    if (h.key !== undefined && h.key !== '') {
      const k = asciiLength(h.key);
      if (k === NO) return NO;
      hn += fieldSize(k);
    }
    if (h.value !== undefined && h.value !== '') {
      const v = asciiLength(h.value);
      if (v === NO) return NO;
      hn += fieldSize(v);
    }
    if (h.rawValue !== undefined) {
      if (!isBytes(h.rawValue)) return NO;
      if (h.rawValue.length !== 0) hn += fieldSize(h.rawValue.length);
    }
    n += fieldSize(hn);
  }
  if (o.append !== undefined) n += o.append !== false ? 4 : 2;
  if (o.appendAction !== undefined && o.appendAction !== 0) {
    if (smallInt(o.appendAction) === NO) return NO;
    n += 2;
  }
  if (o.keepEmptyValue !== undefined && o.keepEmptyValue !== false) n += 2;
  return n;
}

function headerMutationSize(m: HeaderMutation): number {
  let n = 0;
  const set = m.setHeaders;
  if (set !== undefined) {
    for (const o of set) {
      const s = headerValueOptionSize(o);
      if (s === NO) return NO;
      n += fieldSize(s);
    }
  }
  const remove = m.removeHeaders;
  if (remove !== undefined) {
    for (const r of remove) {
      const s = asciiLength(r);
      if (s === NO) return NO;
      n += fieldSize(s);
    }
  }
  return n;
}

/** Size of a `StreamedBodyResponse` (a FULL_DUPLEX_STREAMED chunk), or NO. */
function streamedSize(r: StreamedBodyResponse): number {
  let n = 0;
  if (r.body !== undefined) {
    if (!isBytes(r.body)) return NO;
    if (r.body.length !== 0) n += fieldSize(r.body.length);
  }
  if (r.endOfStream !== undefined && r.endOfStream !== false) n += 2;
  if (r.endOfStreamWithoutMessage !== undefined && r.endOfStreamWithoutMessage !== false) n += 2;
  if (r.grpcMessageCompressed !== undefined && r.grpcMessageCompressed !== false) n += 2;
  return n;
}

function bodyMutationSize(b: BodyMutation): number {
  const mutation = b.mutation;
  if (mutation === undefined) return 0;
  if (mutation.$case === 'body') return isBytes(mutation.value) ? fieldSize(mutation.value.length) : NO;
  if (mutation.$case === 'clearBody') return 2;
  if (mutation.$case === 'streamedResponse') {
    const n =
      typeof mutation.value === 'object' && mutation.value !== null ? streamedSize(mutation.value) : NO;
    return n === NO ? NO : fieldSize(n);
  }
  return NO;
}

/** The body bytes a (sized) body mutation carries, if any: what may go by reference. */
function bodyBytesOf(b: BodyMutation | undefined): Uint8Array | undefined {
  const mutation = b?.mutation;
  if (mutation?.$case === 'body') return mutation.value;
  if (mutation?.$case === 'streamedResponse') return mutation.value.body;
  return undefined;
}

function commonResponseSize(c: CommonResponse): number {
  let n = 0;
  if (c.status !== undefined && c.status !== 0) {
    if (smallInt(c.status) === NO) return NO;
    n += 2;
  }
  if (c.headerMutation !== undefined) {
    const s = headerMutationSize(c.headerMutation);
    if (s === NO) return NO;
    n += fieldSize(s);
  }
  if (c.bodyMutation !== undefined) {
    const s = bodyMutationSize(c.bodyMutation);
    if (s === NO) return NO;
    n += fieldSize(s);
  }
  if (c.trailers !== undefined) return NO;
  if (c.clearRouteCache !== undefined && c.clearRouteCache !== false) n += 2;
  return n;
}

/** Size of one `ProcessingMode` enum field: 2 bytes when set and small, 0 when DEFAULT, or NO. */
function enumSize(value: number | undefined): number {
  if (value === undefined || value === 0) return 0;
  return smallInt(value) === NO ? NO : 2;
}

function processingModeSize(m: ProcessingMode): number {
  // Each field read by name: a keyed loop over the names made this slower than the generated encoder.
  const a = enumSize(m.requestHeaderMode);
  const b = enumSize(m.responseHeaderMode);
  const c = enumSize(m.requestBodyMode);
  const d = enumSize(m.responseBodyMode);
  const e = enumSize(m.requestTrailerMode);
  const f = enumSize(m.responseTrailerMode);
  return a === NO || b === NO || c === NO || d === NO || e === NO || f === NO ? NO : a + b + c + d + e + f;
}

/** The field number of each `response` case the fast path encodes, and whether it is a trailers reply. */
const CASES: ReadonlyMap<string, readonly [field: number, trailers: boolean]> = new Map([
  ['requestHeaders', [1, false]],
  ['responseHeaders', [2, false]],
  ['requestBody', [3, false]],
  ['responseBody', [4, false]],
  ['requestTrailers', [5, true]],
  ['responseTrailers', [6, true]],
]);

/** What the phase replies of the `response` oneof hold (`HeadersResponse`, `BodyResponse`, `TrailersResponse`). */
interface PhaseReply {
  readonly response?: CommonResponse | undefined;
  readonly headerMutation?: HeaderMutation | undefined;
}

// Write pass: the sizes were checked above, so these only write.

function writeHeaderValueOption(out: WireWriter, o: HeaderValueOption): void {
  out.open(10, headerValueOptionSize(o));
  const h = o.header;
  if (h !== undefined) {
    let hn = 0;
    if (h.key !== undefined && h.key !== '') hn += fieldSize(h.key.length);
    if (h.value !== undefined && h.value !== '') hn += fieldSize(h.value.length);
    if (h.rawValue !== undefined && h.rawValue.length !== 0) hn += fieldSize(h.rawValue.length);
    out.open(10, hn);
    if (h.key !== undefined && h.key !== '') out.ascii(10, h.key);
    if (h.value !== undefined && h.value !== '') out.ascii(18, h.value);
    if (h.rawValue !== undefined && h.rawValue.length !== 0) out.bytes(26, h.rawValue);
  }
  if (o.append !== undefined) {
    // A google.protobuf.BoolValue: empty when false.
    if (o.append !== false) {
      out.open(18, 2);
      out.small(8, o.append ? 1 : 0);
    } else out.open(18, 0);
  }
  if (o.appendAction !== undefined && o.appendAction !== 0) out.small(24, o.appendAction);
  if (o.keepEmptyValue !== undefined && o.keepEmptyValue !== false) out.small(32, o.keepEmptyValue ? 1 : 0);
}

function writeHeaderMutation(out: WireWriter, tag: number, m: HeaderMutation, size: number): void {
  out.open(tag, size);
  if (m.setHeaders !== undefined) for (const o of m.setHeaders) writeHeaderValueOption(out, o);
  if (m.removeHeaders !== undefined) for (const r of m.removeHeaders) out.ascii(18, r);
}

/** An enum field of `ProcessingMode`, when set (sized by {@link enumSize}). */
function writeEnum(out: WireWriter, tag: number, value: number | undefined): void {
  if (value !== undefined && value !== 0) out.small(tag, value);
}

function writeProcessingMode(out: WireWriter, m: ProcessingMode, size: number): void {
  out.open(74, size);
  writeEnum(out, 8, m.requestHeaderMode);
  writeEnum(out, 16, m.responseHeaderMode);
  writeEnum(out, 24, m.requestBodyMode);
  writeEnum(out, 32, m.responseBodyMode);
  writeEnum(out, 40, m.requestTrailerMode);
  writeEnum(out, 48, m.responseTrailerMode);
}

/** A body (field 1 of its message): left out of the buffer when it is the one sent by reference. */
function writeBody(out: WireWriter, body: Uint8Array, byReference: Uint8Array | undefined): void {
  if (body === byReference) out.reference(10, body);
  else out.bytes(10, body);
}

function writeCommonResponse(
  out: WireWriter,
  c: CommonResponse,
  size: number,
  byReference: Uint8Array | undefined,
): void {
  out.open(10, size);
  if (c.status !== undefined && c.status !== 0) out.small(8, c.status);
  if (c.headerMutation !== undefined)
    writeHeaderMutation(out, 18, c.headerMutation, headerMutationSize(c.headerMutation));
  const b = c.bodyMutation;
  if (b !== undefined) {
    out.open(26, bodyMutationSize(b));
    const mutation = b.mutation;
    if (mutation?.$case === 'body') writeBody(out, mutation.value, byReference);
    else if (mutation?.$case === 'clearBody') out.small(16, mutation.value ? 1 : 0);
    else if (mutation?.$case === 'streamedResponse') {
      const r = mutation.value;
      out.open(26, streamedSize(r));
      if (r.body !== undefined && r.body.length !== 0) writeBody(out, r.body, byReference);
      if (r.endOfStream !== undefined && r.endOfStream !== false) out.small(16, 1);
      if (r.endOfStreamWithoutMessage !== undefined && r.endOfStreamWithoutMessage !== false)
        out.small(24, 1);
      if (r.grpcMessageCompressed !== undefined && r.grpcMessageCompressed !== false) out.small(32, 1);
    }
  }
  if (c.clearRouteCache !== undefined && c.clearRouteCache !== false)
    out.small(40, c.clearRouteCache ? 1 : 0);
}

/**
 * A reply frame in parts that, written back to back, are the frame: the head (room for the
 * 5-byte prefix, then the message up to its body), the body itself, and the message's bytes
 * after the body when there are any.
 */
export type FrameParts =
  | readonly [head: Buffer, body: Uint8Array]
  | readonly [head: Buffer, body: Uint8Array, tail: Buffer];

/**
 * Bodies of at least this many bytes go by reference in {@link encodeReplyFrameParts}: below it,
 * copying them behind the head (one buffer, one stream write) costs less than a second write.
 */
export const BY_REFERENCE_BYTES = 1024;

/**
 * `reply` encoded behind room for gRPC's 5-byte message prefix (left for the caller to fill),
 * in a new buffer of exactly that size; `null` when the reply is outside the shapes encoded
 * here (see the module comment).
 */
export function encodeReplyAfterPrefix(reply: ProcessingResponse): Buffer | null {
  return encode(reply, Number.POSITIVE_INFINITY) as Buffer | null;
}

/**
 * As {@link encodeReplyAfterPrefix}, except that a body of at least `minReference` bytes is not
 * copied: the result is then {@link FrameParts} (the body is the caller's bytes themselves).
 * The prefix room is the head's first 5 bytes; the message is everything after them.
 */
export function encodeReplyFrameParts(
  reply: ProcessingResponse,
  minReference = BY_REFERENCE_BYTES,
): Buffer | FrameParts | null {
  return encode(reply, minReference);
}

function encode(reply: ProcessingResponse, minReference: number): Buffer | FrameParts | null {
  if (reply.dynamicMetadata !== undefined || reply.overrideMessageTimeout !== undefined) return null;
  const response = reply.response;
  let field = 0;
  // The phase reply's one field (CommonResponse, or the trailers' HeaderMutation) and its size.
  let common: CommonResponse | undefined;
  let mutation: HeaderMutation | undefined;
  let part = 0;
  let size = 0;
  if (response !== undefined) {
    const shape = CASES.get(response.$case);
    if (shape === undefined) return null;
    field = shape[0];
    const value = response.value as PhaseReply;
    if (shape[1]) mutation = value.headerMutation;
    else common = value.response;
    if (common !== undefined) part = commonResponseSize(common);
    else if (mutation !== undefined) part = headerMutationSize(mutation);
    if (part === NO) return null;
    size += fieldSize(common === undefined && mutation === undefined ? 0 : fieldSize(part));
  }
  const mode = reply.modeOverride;
  let modeSize = 0;
  if (mode !== undefined) {
    modeSize = processingModeSize(mode);
    if (modeSize === NO) return null;
    size += fieldSize(modeSize);
  }
  const drain = reply.requestDrain !== undefined && reply.requestDrain !== false;
  if (drain) size += 2;
  let byReference = common === undefined ? undefined : bodyBytesOf(common.bodyMutation);
  if (byReference !== undefined && (byReference.length === 0 || byReference.length < minReference))
    byReference = undefined;
  const out = new WireWriter(Buffer.allocUnsafe(5 + size - (byReference?.length ?? 0)), 5);
  if (response !== undefined) {
    out.open((field << 3) | 2, common === undefined && mutation === undefined ? 0 : fieldSize(part));
    if (common !== undefined) writeCommonResponse(out, common, part, byReference);
    else if (mutation !== undefined) writeHeaderMutation(out, 10, mutation, part);
  }
  if (mode !== undefined) writeProcessingMode(out, mode, modeSize);
  if (drain) out.small(96, reply.requestDrain ? 1 : 0);
  const buf = out.buf;
  if (byReference === undefined) return buf;
  const split = out.split;
  return split === buf.length
    ? [buf, byReference]
    : [buf.subarray(0, split), byReference, buf.subarray(split)];
}
