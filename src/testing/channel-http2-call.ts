/**
 * One `Process` call of {@link http2Channel}: the HTTP/2 stream, its framing, its status, its
 * close (reset or graceful) and its retry when a GOAWAY refused it before processing.
 *
 * @module
 */
import http2 from 'node:http2';
import type { ProcessingRequest } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { decodeResponse, encodeRequest } from '../protocol/codec.js';
import { PROCESS_PATH } from '../protocol/service.js';
import { type FrameProblem, frameMessage, MessageReader } from '../transport/grpc-frames.js';
import { GrpcStatus } from '../transport/types.js';
import type { CallStatus, ClientSideStream, ClientStreamEvents } from './channel.js';
import type { ChannelContext, Connection } from './channel-http2.js';
import { encodeRequestFrame } from './encode-request.js';
import { statusFromReset, statusFromTrailers } from './http2-status.js';

const { NGHTTP2_CANCEL, NGHTTP2_REFUSED_STREAM } = http2.constants;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function ignore(): void {}

/**
 * Drops every listener of a closed stream (ours capture the call, and through it the whole
 * exchange), leaving a no-op `error` listener. Why: node:http2's `session.request()` gives each
 * stream an `AsyncResource.bind` wrapper whose accessors get a hidden class of their own, in old
 * space, that references the stream; so a closed stream outlives young-generation collections
 * until the next full one, and with its listeners it kept every exchange's objects alive too
 * (measured: kit over http2Channel, one exchange at a time, ~33% of new space surviving each
 * scavenge before, ~7% after, with allocation-site pretenuring off; see bench/README.md).
 * `close` is the stream's last event; listeners registered after ours still run for it.
 */
function forget(stream: http2.ClientHttp2Stream): void {
  stream.removeAllListeners();
  stream.on('error', ignore);
}

/** The client side of one call; see {@link ClientSideStream} for the contract. */
export class Http2Call implements ClientSideStream {
  readonly #context: ChannelContext;
  readonly #headers: http2.OutgoingHttpHeaders;
  readonly #events: ClientStreamEvents;
  readonly #reader: MessageReader;
  #connection: Connection | null = null;
  #stream: http2.ClientHttp2Stream | null = null;
  /** Frames written before the server answered: replayed if a GOAWAY refused the stream. */
  #replay: Array<Buffer | [Buffer, Buffer]> | null = [];
  #attempts = 0;
  #halfClosed = false;
  /** Our own cancel(): nothing more is reported. */
  #cancelled = false;
  /** The status was reported (or a local failure ended the call). */
  #done = false;
  #responded = false;
  #httpStatus = 0;
  /** The status the server sent (trailers), once it came. */
  #status: CallStatus | null = null;
  #error: Error | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(context: ChannelContext, metadata: Record<string, string>, events: ClientStreamEvents) {
    this.#context = context;
    this.#events = events;
    const headers: http2.OutgoingHttpHeaders = {};
    for (const key in metadata) headers[key.toLowerCase()] = metadata[key];
    headers[':method'] = 'POST';
    headers[':path'] = PROCESS_PATH;
    headers['content-type'] = 'application/grpc';
    headers.te = 'trailers';
    if (context.deadlineMs !== undefined) headers['grpc-timeout'] = `${Math.ceil(context.deadlineMs)}m`;
    this.#headers = headers;
    this.#reader = new MessageReader(context.maxReceiveMessageBytes, {
      message: (bytes) => this.#message(bytes),
      problem: (problem) => this.#problem(problem),
    });
  }

  /** Opens the HTTP/2 stream (again, after a refusal) and replays what was sent. */
  start(): void {
    if (this.#attempts === 0 && this.#context.deadlineMs !== undefined) {
      this.#timer = setTimeout(
        () => this.#failLocal(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded'),
        this.#context.deadlineMs,
      );
    }
    this.#attempts++;
    const connection = this.#context.connection();
    if (connection === null) {
      this.#later({ code: GrpcStatus.UNAVAILABLE, message: 'Channel has been shut down' });
      return;
    }
    let stream: http2.ClientHttp2Stream;
    try {
      stream = connection.session.request(this.#headers, { endStream: false });
    } catch (error) {
      // Invalid metadata, or a session that is going away under us.
      this.#later({ code: GrpcStatus.INTERNAL, message: (error as Error).message });
      return;
    }
    this.#connection = connection;
    this.#stream = stream;
    stream.on('response', (headers) => {
      if (stream !== this.#stream) return;
      this.#responded = true;
      this.#replay = null;
      this.#httpStatus = Number(headers[':status'] ?? 0);
      // A trailers-only answer carries the status in its headers.
      if (headers['grpc-status'] !== undefined)
        this.#ended(stream, statusFromTrailers(headers, this.#httpStatus));
    });
    stream.on('data', (chunk: Buffer) => {
      if (stream === this.#stream && !this.#done && !this.#cancelled) this.#reader.push(chunk);
    });
    stream.on('trailers', (trailers) => {
      if (stream === this.#stream) this.#ended(stream, statusFromTrailers(trailers, this.#httpStatus));
    });
    stream.on('error', (error: Error & { code?: string }) => {
      // A stream error built from the peer's RST_STREAM says nothing the rstCode does not.
      if (stream === this.#stream && error.code !== 'ERR_HTTP2_STREAM_ERROR') this.#error = error;
    });
    stream.on('close', () => {
      this.#closed(stream, connection);
      forget(stream);
    });
    const replay = this.#replay;
    if (replay !== null) for (const frame of replay) this.#write(stream, frame);
    if (this.#halfClosed) stream.end();
  }

  send(request: ProcessingRequest): void {
    if (this.#done || this.#cancelled || this.#halfClosed) return;
    const fast = encodeRequestFrame(request);
    const length = fast === null ? -1 : fast.length - 5;
    const message = fast === null ? asBuffer(encodeRequest(request)) : null;
    const size = message === null ? length : message.length;
    if (size > this.#context.maxSendMessageBytes) {
      this.#failLocal(
        GrpcStatus.RESOURCE_EXHAUSTED,
        `Sent message larger than max (${size} vs. ${this.#context.maxSendMessageBytes})`,
      );
      return;
    }
    const frame = message === null ? (fast as Buffer) : frameMessage(message);
    this.#replay?.push(frame);
    if (this.#stream !== null) this.#write(this.#stream, frame);
  }

  halfClose(): void {
    if (this.#done || this.#cancelled || this.#halfClosed) return;
    this.#halfClosed = true;
    this.#stream?.end();
  }

  cancel(): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    clearTimeout(this.#timer);
    const stream = this.#stream;
    if (stream === null || stream.closed || stream.destroyed) return;
    if (this.#context.close === 'graceful' && this.#halfClosed) {
      // Envoy's graceful close: the server's trailers end the stream; reset only if they do not come.
      const timer = setTimeout(() => stream.close(NGHTTP2_CANCEL), this.#context.gracefulCloseTimeoutMs);
      stream.once('close', () => clearTimeout(timer));
      return;
    }
    if (this.#halfClosed && !stream.writableFinished && !stream.writableNeedDrain) {
      // END_STREAM first, then RST_STREAM, in that order on the wire (Envoy's close).
      stream.once('finish', () => stream.close(NGHTTP2_CANCEL));
      return;
    }
    stream.close(NGHTTP2_CANCEL);
  }

  /**
   * The server ended the call with `status`: report it now (the stream itself closes only once
   * our side ends too) and end our side with END_STREAM, not a reset the server would count.
   */
  #ended(stream: http2.ClientHttp2Stream, status: CallStatus): void {
    this.#status = status;
    if (this.#done || this.#cancelled) return;
    this.#report(status);
    if (!stream.writableEnded) stream.end();
  }

  #write(stream: http2.ClientHttp2Stream, frame: Buffer | [Buffer, Buffer]): void {
    if (Array.isArray(frame)) {
      stream.write(frame[0]);
      stream.write(frame[1]);
    } else {
      stream.write(frame);
    }
  }

  #message(bytes: Buffer): void {
    let reply: ReturnType<typeof decodeResponse>;
    try {
      reply = decodeResponse(bytes);
    } catch (error) {
      this.#failLocal(GrpcStatus.INTERNAL, `Failed to parse server response: ${(error as Error).message}`);
      return;
    }
    if (!this.#done && !this.#cancelled) this.#events.reply(reply);
  }

  #problem(problem: FrameProblem): void {
    if (problem.kind === 'too-large') {
      this.#failLocal(
        GrpcStatus.RESOURCE_EXHAUSTED,
        `Received message larger than max (${problem.length} vs. ${this.#context.maxReceiveMessageBytes})`,
      );
    } else {
      this.#failLocal(GrpcStatus.INTERNAL, 'Received a compressed message without grpc-encoding');
    }
  }

  /** Whether a GOAWAY (or REFUSED_STREAM) shows the server never processed this stream. */
  #refused(stream: http2.ClientHttp2Stream, connection: Connection): boolean {
    if (this.#responded || this.#attempts >= this.#context.maxAttempts) return false;
    if (stream.rstCode === NGHTTP2_REFUSED_STREAM) return true;
    const last = connection.lastStreamId;
    return last !== null && (stream.id === undefined || stream.id > last);
  }

  #closed(stream: http2.ClientHttp2Stream, connection: Connection): void {
    if (stream !== this.#stream || this.#done) return;
    if (this.#cancelled) {
      this.#finish();
      return;
    }
    if (this.#status !== null) {
      this.#report(this.#status);
      return;
    }
    if (this.#refused(stream, connection)) {
      this.#stream = null;
      this.start();
      return;
    }
    if (!connection.connected) {
      // Never connected (refused, unreachable, TLS handshake failed): UNAVAILABLE, as grpc-js.
      const cause = this.#error?.cause instanceof Error ? this.#error.cause : this.#error;
      this.#report({
        code: GrpcStatus.UNAVAILABLE,
        message: `No connection established. Last error: ${cause?.message ?? 'connection closed'}`,
      });
      return;
    }
    const rstCode = stream.rstCode ?? NGHTTP2_CANCEL;
    this.#report(statusFromReset(rstCode, this.#httpStatus, this.#error, connection.dropped));
  }

  /** A status that cannot be reported synchronously (open() has not returned yet). */
  #later(status: CallStatus): void {
    process.nextTick(() => {
      if (!this.#done && !this.#cancelled) this.#report(status);
    });
  }

  #failLocal(code: number, message: string): void {
    if (this.#done || this.#cancelled) return;
    const stream = this.#stream;
    this.#report({ code, message });
    if (stream !== null && !stream.closed && !stream.destroyed) stream.close(NGHTTP2_CANCEL);
  }

  #report(status: CallStatus): void {
    this.#finish();
    this.#events.close(status);
  }

  #finish(): void {
    this.#done = true;
    this.#replay = null;
    this.#reader.stop();
    clearTimeout(this.#timer);
  }
}
