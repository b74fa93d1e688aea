/**
 * Wire encoding of the `Process` messages, shared by every transport.
 *
 * @module
 */
import { BinaryReader, BinaryWriter } from '@bufbuild/protobuf/wire';
import {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { decodeRequestFast } from './decode-request.js';
import { encodeReplyAfterPrefix, encodeReplyFrameParts, type FrameParts } from './encode-reply.js';

export type { FrameParts };

const kEncoded = Symbol('attache.encoded');
const kFrame = Symbol('attache.frame');

/** A reply that carries its own encoding (constant replies are encoded once at startup). */
type PreEncoded = ProcessingResponse & { readonly [kEncoded]?: Buffer; readonly [kFrame]?: Uint8Array };

/** Room for gRPC's message prefix (1 flag byte, 4-byte big-endian length), written first. */
const PREFIX = new Uint8Array(5);

/**
 * One writer for every reply: it keeps its grown buffer, so a reply costs one copy (its bytes,
 * framed or not) instead of a writer, its buffer growing from scratch, and, to frame it, a copy
 * to add the prefix. Encoding is synchronous and never reenters, so sharing it is safe.
 */
let sharedWriter = new BinaryWriter();

/** A writer whose buffer grew past this is dropped after use, so one huge reply is not kept. */
const KEEP_WRITER_BYTES = 64 * 1024;

function asBuffer(bytes: Uint8Array): Buffer {
  // A view, not a copy: grpc-js wants a Buffer, the protobuf writer returns a Uint8Array.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Encodes a reply as a Buffer; constant replies made by {@link constantReply} cost nothing. */
export function encodeResponse(reply: ProcessingResponse): Buffer {
  const encoded = (reply as PreEncoded)[kEncoded];
  if (encoded !== undefined) return encoded;
  const fast = encodeReplyAfterPrefix(reply);
  return fast === null ? asBuffer(encodeShared(reply, false)) : fast.subarray(5);
}

/** Decodes a reply (test kit, clients). */
export function decodeResponse(bytes: Uint8Array): ProcessingResponse {
  return ProcessingResponse.decode(bytes);
}

/** Encodes a request (test kit, clients). */
export function encodeRequest(request: ProcessingRequest): Uint8Array {
  return ProcessingRequest.encode(request).finish();
}

/**
 * Decodes a request. Unknown fields (newer Envoys) are skipped, as protobuf requires. `bytes`
 * must not be reused by the caller: header values and bodies are views of it.
 */
export function decodeRequest(bytes: Uint8Array, onUnknown?: (fields: number[]) => void): ProcessingRequest {
  const fast = decodeRequestFast(bytes);
  if (fast !== null) return fast;
  const decoded = ProcessingRequest.decode(bytes);
  // Only here, off the fast path: a message outside Envoy's usual shapes, perhaps with fields a
  // later Envoy or a proxyless gRPC client adds (flow control, 12 and 13). They are skipped, as
  // proto3 requires; `onUnknown` hears which, for a debug line.
  if (onUnknown !== undefined) {
    const unknown = unknownFields(bytes);
    if (unknown.length > 0) onUnknown(unknown);
  }
  return decoded;
}

/** `ProcessingRequest`'s field numbers (§2): anything else is a field this build does not know. */
const KNOWN_REQUEST_FIELDS = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

/** The top-level field numbers of an encoded `ProcessingRequest` that this build does not know. */
export function unknownFields(bytes: Uint8Array): number[] {
  const reader = new BinaryReader(bytes);
  const out: number[] = [];
  while (reader.pos < reader.len) {
    const [field, type] = reader.tag();
    if (!KNOWN_REQUEST_FIELDS.has(field) && !out.includes(field)) out.push(field);
    reader.skip(type);
  }
  return out;
}

/**
 * Encodes a reply as one gRPC message frame (the 5-byte prefix, then the message) in a single
 * buffer, for transports that write frames themselves. Constant replies return their frame made
 * once at startup: never modify the result.
 */
export function encodeResponseFrame(reply: ProcessingResponse): Uint8Array {
  const frame = (reply as PreEncoded)[kFrame];
  if (frame !== undefined) return frame;
  const out = encodeReplyAfterPrefix(reply) ?? encodeShared(reply, true);
  writePrefix(out);
  return out;
}

/**
 * As {@link encodeResponseFrame}, except that a large body (a replaced body or chunk of at least
 * `BY_REFERENCE_BYTES`) is not copied into the frame: the frame comes in {@link FrameParts} for
 * the transport to write back to back, the body being the plugin's bytes themselves, which the
 * transport reads when the socket takes them (the ownership rule of `replaceBody`).
 */
export function encodeResponseFrameParts(reply: ProcessingResponse): Uint8Array | FrameParts {
  const frame = (reply as PreEncoded)[kFrame];
  if (frame !== undefined) return frame;
  const out = encodeReplyFrameParts(reply) ?? encodeShared(reply, true);
  if (out instanceof Uint8Array) {
    writePrefix(out);
    return out;
  }
  let length = out[0].length + out[1].length - 5;
  if (out.length === 3) length += out[2].length;
  writePrefix(out[0], length);
  return out;
}

/** Encodes with the shared writer, after room for the prefix when `framed`. */
function encodeShared(reply: ProcessingResponse, framed: boolean): Uint8Array {
  const writer = sharedWriter;
  let out: Uint8Array;
  try {
    out = ProcessingResponse.encode(reply, framed ? writer.raw(PREFIX) : writer).finish();
  } catch (error) {
    sharedWriter = new BinaryWriter(); // a throw left it mid-message
    throw error;
  }
  if (out.length > KEEP_WRITER_BYTES) sharedWriter = new BinaryWriter();
  return out;
}

/**
 * Fills in the prefix of a frame: not compressed, and the length of what follows it (`length`
 * when the frame goes on in other buffers).
 */
function writePrefix(frame: Uint8Array, length = frame.length - 5): void {
  frame[0] = 0;
  frame[1] = length >>> 24;
  frame[2] = (length >>> 16) & 0xff;
  frame[3] = (length >>> 8) & 0xff;
  frame[4] = length & 0xff;
}

/** Freezes a reply and attaches its encoding and frame, for replies sent unchanged on many streams. */
export function constantReply(reply: ProcessingResponse): ProcessingResponse {
  const encoded = asBuffer(ProcessingResponse.encode(reply).finish());
  const frame = new Uint8Array(5 + encoded.length);
  frame.set(encoded, 5);
  writePrefix(frame);
  return Object.freeze(Object.assign(reply, { [kEncoded]: encoded, [kFrame]: frame }));
}
