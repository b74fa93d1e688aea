/**
 * One `Process` call of {@link http2Channel}: the HTTP/2 stream, its framing, its status, its
 * close (reset or graceful) and its retry when a GOAWAY refused it before processing.
 *
 * @module
 */
import type { ProcessingRequest } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { ErrorCode } from '../h2/frames.js';
import { decodeResponse, encodeRequest } from '../protocol/codec.js';
import { type FrameProblem, frameMessage, MessageReader } from '../transport/grpc-frames.js';
import { GrpcStatus } from '../transport/types.js';
import type { CallStatus, ClientSideStream, ClientStreamEvents } from './channel.js';
import type { ChannelContext } from './channel-http2.js';
import { encodeRequestFrame } from './encode-request.js';
import type { H2Connection, H2Stream, StreamHandler } from './h2/connection.js';
import { checkField } from './h2/hpack-encoder.js';
import { statusFromReset, statusFromTrailers } from './http2-status.js';

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The value of `name` in a decoded header block (`[name, value, …]`), the first if repeated. */
function field(fields: string[], name: string): string | undefined {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

/** The client side of one call; see {@link ClientSideStream} for the contract. */
export class Http2Call implements ClientSideStream, StreamHandler {
  readonly #context: ChannelContext;
  readonly #events: ClientStreamEvents;
  readonly #reader: MessageReader;
  /** Per-call metadata fields (checked), or the reason they cannot be sent. */
  readonly #metadata: Array<[string, string]> | null;
  readonly #invalid: string | null;
  #connection: H2Connection | null = null;
  #stream: H2Stream | null = null;
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
  #timer: NodeJS.Timeout | undefined;
  #graceTimer: NodeJS.Timeout | undefined;

  constructor(context: ChannelContext, metadata: Record<string, string>, events: ClientStreamEvents) {
    this.#context = context;
    this.#events = events;
    let fields: Array<[string, string]> | null = null;
    let invalid: string | null = null;
    for (const key in metadata) {
      const name = key.toLowerCase();
      // The call's own request fields win over metadata of the same name (as they always did).
      if (context.requestFields.has(name)) continue;
      const value = String(metadata[key]);
      try {
        checkField(name, value);
      } catch (error) {
        invalid = (error as Error).message;
        break;
      }
      (fields ??= []).push([name, value]);
    }
    this.#metadata = fields;
    this.#invalid = invalid;
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
    if (this.#invalid !== null) {
      // Invalid metadata: nothing goes on the wire.
      this.#later({ code: GrpcStatus.INTERNAL, message: this.#invalid });
      return;
    }
    const connection = this.#context.connection();
    if (connection === null) {
      this.#later({ code: GrpcStatus.UNAVAILABLE, message: 'Channel has been shut down' });
      return;
    }
    this.#connection = connection;
    const stream = connection.request(this, this.#metadata);
    this.#stream = stream;
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
    if (stream === null || stream.closed) return;
    if (this.#context.close === 'graceful' && this.#halfClosed) {
      // Envoy's graceful close: the server's trailers end the stream; reset only if they do not come.
      this.#graceTimer = setTimeout(
        () => stream.reset(ErrorCode.CANCEL),
        this.#context.gracefulCloseTimeoutMs,
      );
      return;
    }
    // Our END_STREAM, when sent, is already queued ahead of this RST_STREAM (Envoy's order).
    stream.reset(ErrorCode.CANCEL);
  }

  /** {@link StreamHandler}: the response headers, then the trailers. */
  headers(fields: string[], endStream: boolean): void {
    if (!this.#responded) {
      this.#responded = true;
      this.#replay = null;
      this.#httpStatus = Number(field(fields, ':status') ?? 0);
      // A trailers-only answer carries the status in its headers.
      if (field(fields, 'grpc-status') !== undefined)
        this.#ended(statusFromTrailers(fields, this.#httpStatus));
      return;
    }
    if (endStream) this.#ended(statusFromTrailers(fields, this.#httpStatus));
  }

  /** {@link StreamHandler}: DATA of the response. */
  data(chunk: Buffer, endStream: boolean): void {
    if (!this.#done && !this.#cancelled && chunk.length > 0) this.#reader.push(chunk);
    // A gRPC response ends with trailers; a server that ends it with DATA sent no status, which
    // a client must not wait for (grpc-js: UNKNOWN, or the HTTP status's code).
    if (endStream) this.#ended(statusFromTrailers([], this.#httpStatus));
  }

  /** {@link StreamHandler}: the stream closed. */
  close(code: number, error: Error | null): void {
    clearTimeout(this.#graceTimer);
    const connection = this.#connection as H2Connection;
    if (this.#done) return;
    if (this.#cancelled) {
      this.#finish();
      return;
    }
    if (this.#status !== null) {
      this.#report(this.#status);
      return;
    }
    if (this.#refused(code, connection)) {
      this.#stream = null;
      this.start();
      return;
    }
    if (!connection.connected) {
      // Never connected (refused, unreachable, TLS handshake failed): UNAVAILABLE, as grpc-js.
      this.#report({
        code: GrpcStatus.UNAVAILABLE,
        message: `No connection established. Last error: ${error?.message ?? 'connection closed'}`,
      });
      return;
    }
    this.#report(statusFromReset(code, this.#httpStatus, error, connection.dropped));
  }

  /**
   * The server ended the call with `status`: report it now (the stream itself closes only once
   * our side ends too) and end our side with END_STREAM, not a reset the server would count.
   */
  #ended(status: CallStatus): void {
    this.#status = status;
    if (this.#done || this.#cancelled) return;
    this.#report(status);
    this.#stream?.end();
  }

  #write(stream: H2Stream, frame: Buffer | [Buffer, Buffer]): void {
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
  #refused(code: number, connection: H2Connection): boolean {
    if (this.#responded || this.#attempts >= this.#context.maxAttempts) return false;
    if (code === ErrorCode.REFUSED_STREAM) return true;
    const last = connection.lastStreamId;
    const id = this.#stream?.id ?? 0;
    return last !== null && (id === 0 || id > last);
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
    if (stream !== null && !stream.closed) stream.reset(ErrorCode.CANCEL);
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
