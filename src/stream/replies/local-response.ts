/**
 * Responses whose body a plugin produces piece by piece (`respond(status, { body: iterable })`).
 *
 * From `requestHeaders`, with the request body mode NONE or FULL_DUPLEX_STREAMED, they go out as
 * Envoy 1.37+'s StreamedImmediateResponse: `headers_response`, then `body_response` pieces, then
 * end-of-stream or `trailers_response` (§5.5). Elsewhere Envoy cannot stream a local response,
 * so the pieces are collected into one ImmediateResponse.
 *
 * @module
 */
import { withDeadline } from '../../deadline.js';
import { AttacheError, ErrorCode } from '../../errors.js';
import type {
  ProcessingResponse,
  StreamedImmediateResponse,
} from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { BodySource, ImmediateResponse } from '../../plugin/respond.js';
import { STREAMED_CHUNK_BYTES } from './body.js';

type HeaderList = ReadonlyArray<readonly [string, Buffer]>;

function toBytes(piece: string | Uint8Array): Buffer {
  if (typeof piece === 'string') return Buffer.from(piece, 'utf8');
  if (piece instanceof Uint8Array) return Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  throw new AttacheError(
    ErrorCode.HANDLER_RESULT,
    `respond(): a streamed body yielded ${typeof piece}; yield strings or Uint8Arrays`,
  );
}

function headerMap(list: HeaderList) {
  return { headers: list.map(([key, rawValue]) => ({ key, rawValue })) };
}

function localReply(
  response: StreamedImmediateResponse['response'],
  metadata?: Record<string, unknown> | null,
): ProcessingResponse {
  return {
    response: { $case: 'streamedImmediateResponse', value: { response } },
    dynamicMetadata: metadata ?? undefined,
  };
}

/** Where a streamed local response goes. */
export interface LocalResponseSink {
  /** Whether the stream ended (Envoy closed it): stop producing. */
  readonly ended: boolean;
  /** `false`: the transport's buffer is full; wait for {@link LocalResponseSink.whenWritable}. */
  send(reply: ProcessingResponse): boolean;
  whenWritable(): Promise<void>;
}

/**
 * Sends `r` as a StreamedImmediateResponse. Resolves when the body is done or the stream
 * ended; rejects with the producer's error (the caller resets the stream: a response that has
 * started cannot become another outcome, §8).
 */
export async function streamLocalResponse(
  sink: LocalResponseSink,
  r: ImmediateResponse,
  metadata: Record<string, unknown> | null,
): Promise<void> {
  const headers: HeaderList = [[':status', Buffer.from(String(r.status))], ...r.headers];
  sink.send(
    localReply(
      { $case: 'headersResponse', value: { headers: headerMap(headers), endOfStream: false } },
      metadata,
    ),
  );
  for await (const piece of r.stream as BodySource) {
    if (sink.ended) return;
    const bytes = toBytes(piece);
    let writable = true;
    for (let at = 0; at < bytes.length; at += STREAMED_CHUNK_BYTES) {
      const body = bytes.subarray(at, at + STREAMED_CHUNK_BYTES);
      writable = sink.send(localReply({ $case: 'bodyResponse', value: { body, endOfStream: false } }));
    }
    // Backpressure: the producer is not asked for more while Envoy (or the client behind it)
    // reads slower than it produces, so a fast generator cannot fill memory.
    if (!writable) {
      await sink.whenWritable();
      if (sink.ended) return;
    }
  }
  if (sink.ended) return;
  if (r.trailers.length > 0) {
    sink.send(localReply({ $case: 'trailersResponse', value: headerMap(r.trailers) }));
  } else {
    sink.send(localReply({ $case: 'bodyResponse', value: { body: Buffer.alloc(0), endOfStream: true } }));
  }
}

/**
 * Collects a streamed body into one buffer of at most `maxBytes`, within `timeoutMs`.
 *
 * @throws AttacheError `ATTACHE_ERR_HANDLER_RESULT` (too large) or `ATTACHE_ERR_HANDLER_TIMEOUT`, or the
 *   producer's error.
 */
export async function collectBody(source: BodySource, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  const collect = async () => {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const piece of source) {
      const bytes = toBytes(piece);
      size += bytes.length;
      if (size > maxBytes) {
        throw new AttacheError(
          ErrorCode.HANDLER_RESULT,
          `respond(): the response body exceeds ${maxBytes} bytes (maxBodyBytes)`,
        );
      }
      parts.push(bytes);
    }
    return Buffer.concat(parts, size);
  };
  return withDeadline(
    collect(),
    timeoutMs,
    () =>
      new AttacheError(
        ErrorCode.HANDLER_TIMEOUT,
        `respond(): the response body was not complete within ${timeoutMs} ms; Envoy can stream a local response only from requestHeaders with request body mode NONE or FULL_DUPLEX_STREAMED`,
      ),
  );
}
