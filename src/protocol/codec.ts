/**
 * Wire encoding of the `Process` messages, shared by every transport.
 *
 * @module
 */
import {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { decodeRequestFast } from './decode-request.js';

const kEncoded = Symbol('attache.encoded');

/** A reply that carries its own encoding (constant replies are encoded once at startup). */
type PreEncoded = ProcessingResponse & { readonly [kEncoded]?: Buffer };

function asBuffer(bytes: Uint8Array): Buffer {
  // A view, not a copy: grpc-js wants a Buffer, the protobuf writer returns a Uint8Array.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Encodes a reply as a Buffer; constant replies made by {@link constantReply} cost nothing. */
export function encodeResponse(reply: ProcessingResponse): Buffer {
  return (reply as PreEncoded)[kEncoded] ?? asBuffer(ProcessingResponse.encode(reply).finish());
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
export function decodeRequest(bytes: Uint8Array): ProcessingRequest {
  return decodeRequestFast(bytes) ?? ProcessingRequest.decode(bytes);
}

/** Freezes a reply and attaches its encoding, for replies sent unchanged on many streams. */
export function constantReply(reply: ProcessingResponse): ProcessingResponse {
  const encoded = asBuffer(ProcessingResponse.encode(reply).finish());
  return Object.freeze(Object.assign(reply, { [kEncoded]: encoded }));
}
