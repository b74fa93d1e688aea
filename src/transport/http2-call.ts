/**
 * The server side of one gRPC call on a `node:http2` stream: response headers once, then
 * length-prefixed messages, then the status in trailers (or a trailers-only response when the
 * call ends before any message), with HTTP/2 flow control surfaced as backpressure.
 *
 * @module
 */
import type { OutgoingHttpHeaders, ServerHttp2Stream } from 'node:http2';
import { frameMessage } from './grpc-frames.js';
import { grpcStatusFields, type HeaderField } from './grpc-headers.js';

const RESPONSE_HEADERS: OutgoingHttpHeaders = { ':status': 200, 'content-type': 'application/grpc' };
const OK_TRAILERS: OutgoingHttpHeaders = { 'grpc-status': '0' };
const OK_TRAILERS_ONLY: OutgoingHttpHeaders = { ...RESPONSE_HEADERS, ...OK_TRAILERS };
const RESPOND_OPTIONS = { waitForTrailers: true } as const;
const END_OPTIONS = { endStream: true } as const;

/** The status trailers of a call that ends with `code` and `message`, as node:http2 takes headers. */
function statusTrailers(code: number, message: string): OutgoingHttpHeaders {
  return Object.fromEntries(grpcStatusFields(code, message));
}

/**
 * Ends a stream that never became a call (unknown method, bad request) with a trailers-only
 * gRPC status; `httpStatus` other than 200 for requests that are not gRPC at all.
 */
export function rejectStream(
  stream: ServerHttp2Stream,
  code: number,
  message: string,
  httpStatus = 200,
  fields: readonly HeaderField[] = [],
): void {
  if (stream.destroyed || stream.closed || stream.headersSent) return;
  try {
    stream.respond(
      {
        ...RESPONSE_HEADERS,
        ':status': httpStatus,
        ...Object.fromEntries(fields),
        ...statusTrailers(code, message),
      },
      END_OPTIONS,
    );
  } catch {
    // Reset by the client meanwhile: nobody is left to tell.
  }
}

const kCall = Symbol('attache.grpc-call');

/** A stream with the call it carries, so stream listeners are shared functions, not closures. */
type CallStream<C extends GrpcCall> = ServerHttp2Stream & { [kCall]?: C };

/**
 * The call `stream` carries: what a listener shared by every stream (called with the stream as
 * `this`) works on, until the stream closed. Only for streams given to a {@link GrpcCall}.
 */
export function callOf<C extends GrpcCall>(stream: ServerHttp2Stream): C | undefined {
  return (stream as CallStream<C>)[kCall];
}

function sendTrailers(this: ServerHttp2Stream): void {
  try {
    this.sendTrailers(callOf(this)?.trailers ?? OK_TRAILERS);
  } catch {
    // Reset by the client between the last message and the trailers.
  }
}

/**
 * One gRPC call's outgoing side. `finish` ends it once; every call after that, and every call
 * after the stream was closed by the peer, does nothing.
 */
export class GrpcCall {
  readonly stream: ServerHttp2Stream;
  #responded = false;
  #finished = false;
  /** The status trailers, sent once the messages are out. */
  trailers: OutgoingHttpHeaders = OK_TRAILERS;

  constructor(stream: ServerHttp2Stream) {
    this.stream = stream;
    (stream as CallStream<this>)[kCall] = this;
  }

  /** True once the call was finished by us or closed by the peer. */
  get finished(): boolean {
    return this.#finished;
  }

  /**
   * Marks the call over because the stream closed under it (reset, session gone), and unlinks
   * the call from the stream. Node keeps a closed stream reachable from its native handle until
   * a full (mark-compact) GC, so every young-generation collection until then would copy, then
   * promote, all the call's per-stream objects the stream still pointed to; unlinked, they die young.
   */
  markClosed(): void {
    this.#finished = true;
    (this.stream as CallStream<this>)[kCall] = undefined;
  }

  /** Sends one encoded message; `false` when the stream's buffer is full (wait for {@link whenWritable}). */
  sendMessage(message: Buffer): boolean {
    const frame = frameMessage(message);
    if (!Array.isArray(frame)) return this.sendFrame(frame);
    const stream = this.stream;
    if (this.#finished || stream.destroyed) return true;
    stream.cork();
    this.sendFrame(frame[0]);
    const writable = this.sendFrame(frame[1]);
    stream.uncork();
    return writable;
  }

  /**
   * Sends bytes already framed as gRPC messages (prefix included); `false` as for
   * {@link sendMessage}. The stream may keep `frame` until written: never reuse it.
   */
  sendFrame(frame: Uint8Array): boolean {
    const stream = this.stream;
    if (this.#finished || stream.destroyed) return true;
    try {
      if (!this.#responded) {
        this.#responded = true;
        stream.respond(RESPONSE_HEADERS, RESPOND_OPTIONS);
        // 'wantTrailers' comes once: `on` spares the wrapper `once` makes per stream.
        stream.on('wantTrailers', sendTrailers);
      }
      stream.write(frame);
    } catch {
      // The peer reset the stream between our check and the write: the 'close' event ends the call.
      return true;
    }
    return !stream.writableNeedDrain;
  }

  /**
   * Sends one gRPC message frame given in parts (prefix and message head, a body by reference,
   * perhaps a tail: `encodeResponseFrameParts`), corked so that they reach the session as one
   * write and leave in the same DATA frame(s) as a single buffer would; `false` as for
   * {@link sendMessage}. The stream reads the parts when the socket takes them: never reuse them.
   */
  sendFrameParts(parts: readonly Uint8Array[]): boolean {
    const stream = this.stream;
    if (this.#finished || stream.destroyed) return true;
    stream.cork();
    for (let i = 0; i < parts.length; i++) this.sendFrame(parts[i] as Uint8Array);
    stream.uncork();
    return !stream.writableNeedDrain;
  }

  /** Resolves when the stream can take more, or when the call is over. */
  whenWritable(): Promise<void> {
    const stream = this.stream;
    if (this.#finished || stream.destroyed || !stream.writableNeedDrain) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
    });
  }

  /** Ends the call with a status: trailers after the messages, or a trailers-only response. */
  finish(code: number, message: string): void {
    if (this.#finished) return;
    this.#finished = true;
    const stream = this.stream;
    if (stream.destroyed || stream.closed) return;
    try {
      if (!this.#responded) {
        this.#responded = true;
        stream.respond(
          code === 0 && message === ''
            ? OK_TRAILERS_ONLY
            : { ...RESPONSE_HEADERS, ...statusTrailers(code, message) },
          END_OPTIONS,
        );
        return;
      }
      if (code !== 0 || message !== '') this.trailers = statusTrailers(code, message);
      stream.end(); // 'wantTrailers' follows once the messages are out
    } catch {
      // Reset by the client meanwhile (Envoy's half-close then reset): the call is over anyway.
    }
  }
}
