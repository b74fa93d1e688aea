/**
 * gRPC and ext_proc on top of the raw HTTP/2 test peer (h2-test-peer.ts): the request header
 * blocks an ext_proc call sends, the messages Envoy writes, and the reading of a reply stream.
 *
 * @module
 */
import { ProcessingMode_BodySendMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { decodeResponse, encodeRequest } from '../protocol/codec.js';
import { PROCESS_PATH } from '../protocol/service.js';
import { type H2Peer, literalBlock, RequestHeaderEncoder, type StreamReply } from './h2-test-peer.js';

/** The request headers of an ext_proc call, as Envoy sends them (its cluster's :authority aside). */
export const CALL_FIELDS: ReadonlyArray<readonly [string, string]> = [
  [':method', 'POST'],
  [':scheme', 'http'],
  [':path', PROCESS_PATH],
  [':authority', 'attache'],
  ['content-type', 'application/grpc'],
  ['te', 'trailers'],
];

/**
 * {@link CALL_FIELDS} with some replaced (same name) or removed (value `null`), as literals
 * ({@link literalBlock}): for calls that are not quite right.
 */
export function callBlock(changes: Readonly<Record<string, string | null>> = {}): Buffer {
  const fields = CALL_FIELDS.filter(([name]) => changes[name] !== null).map(
    ([name, value]) => [name, changes[name] ?? value] as const,
  );
  for (const [name, value] of Object.entries(changes)) {
    if (value !== null && !CALL_FIELDS.some(([known]) => known === name)) fields.push([name, value]);
  }
  return literalBlock(fields);
}

/** An encoder of {@link CALL_FIELDS} through the server's dynamic table, as Envoy's nghttp2 does; one per connection. */
export function envoyEncoder(): RequestHeaderEncoder {
  return new RequestHeaderEncoder(CALL_FIELDS);
}

/** A length-prefixed gRPC message (`compressed`: flag 1). */
export function grpcFrame(message: Uint8Array, compressed = false): Buffer {
  const out = Buffer.alloc(5 + message.length);
  out[0] = compressed ? 1 : 0;
  out.writeUInt32BE(message.length, 1);
  out.set(message, 5);
  return out;
}

/** A ProcessingRequest as one gRPC message. */
export function requestFrame(request: ProcessingRequest): Buffer {
  return grpcFrame(encodeRequest(request));
}

/** Envoy's first message of a call: the request headers (`:path` = `path`), no body. */
export function requestHeadersFrame(path = '/'): Buffer {
  return requestFrame({
    request: {
      $case: 'requestHeaders',
      value: {
        headers: { headers: [{ key: ':path', value: '', rawValue: Buffer.from(path) }] },
        endOfStream: true,
      },
    },
  });
}

/** A request_body message of `body` (BUFFERED mode announced in protocol_config). */
export function requestBodyFrame(body: Buffer, endOfStream = true): Buffer {
  return requestFrame({
    request: { $case: 'requestBody', value: { body, endOfStream, endOfStreamWithoutMessage: false } },
    protocolConfig: { requestBodyMode: ProcessingMode_BodySendMode.BUFFERED },
  });
}

/**
 * The complete gRPC messages of a reply body, decoded; throws on a torn message or a compressed
 * one (attache never compresses), so a broken reply fails the case that reads it.
 */
export function replies(reply: StreamReply): ProcessingResponse[] {
  const body = reply.body();
  const out: ProcessingResponse[] = [];
  let at = 0;
  while (at < body.length) {
    if (at + 5 > body.length) throw new Error(`torn gRPC message prefix at byte ${at} of ${body.length}`);
    if (body[at] !== 0) throw new Error(`gRPC message with flag ${body[at]}`);
    const length = body.readUInt32BE(at + 1);
    if (at + 5 + length > body.length) throw new Error(`torn gRPC message at byte ${at} of ${body.length}`);
    out.push(decodeResponse(body.subarray(at + 5, at + 5 + length)));
    at += 5 + length;
  }
  return out;
}

/** The grpc-status of a finished call: from the trailers, or the headers of a trailers-only reply. */
export function grpcStatus(reply: StreamReply): number | undefined {
  const value = (reply.trailers ?? reply.headers)?.['grpc-status'];
  return value === undefined ? undefined : Number(value);
}

/** Whether the body so far holds at least `count` complete gRPC messages. */
export function hasMessages(reply: StreamReply, count: number): boolean {
  const body = reply.body();
  let at = 0;
  let seen = 0;
  while (at + 5 <= body.length) {
    const end = at + 5 + body.readUInt32BE(at + 1);
    if (end > body.length) break;
    seen++;
    at = end;
  }
  return seen >= count;
}

/**
 * A whole call as Envoy makes one, on `streamId`: HEADERS, the `messages` in one DATA frame each,
 * then (once the server answered each) END_STREAM on an empty DATA frame; resolves when the server
 * closed its side. `block`: the header block (default {@link callBlock}).
 */
export async function call(
  peer: H2Peer,
  streamId: number,
  messages: readonly Buffer[],
  block: Buffer = callBlock(),
): Promise<StreamReply> {
  const reply = peer.stream(streamId);
  peer.headers(streamId, block);
  for (const message of messages) peer.data(streamId, message);
  await peer.until(
    () => reply.closed || hasMessages(reply, messages.length),
    `replies on stream ${streamId}`,
  );
  if (!reply.closed) peer.data(streamId, Buffer.alloc(0), { endStream: true });
  await peer.until(() => reply.closed, `the end of stream ${streamId}`);
  return reply;
}

/**
 * A case's name on `transport`, and whether it is skipped there: `reasons` names the transports
 * that knowingly deviate from what the case checks (an upstream library's behaviour, a Node
 * version's limit), and the reason goes into the name so the skip shows in every report.
 */
export function onTransport(
  name: string,
  transport: string,
  reasons: Readonly<Record<string, string | undefined>>,
): { name: string; skip: boolean } {
  const reason = reasons[transport];
  return reason === undefined
    ? { name, skip: false }
    : { name: `${name} [skipped on ${transport}: ${reason}]`, skip: true };
}
