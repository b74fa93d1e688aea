/**
 * One `Process` call, whatever the HTTP/2 beneath it: the sink the processor writes to, the
 * listener of the messages cut from the request stream, the half-close / cancel order the handler
 * hears, and the deadline. Both attache transports (`http2` over node:http2, `wire` over its own
 * HTTP/2) mix it into their per-stream call class, so a stream costs one object.
 *
 * @module
 */
import type { Logger } from '../log.js';
import { limitedLog } from '../log-limit.js';
import { decodeRequest, encodeResponseFrameParts } from '../protocol/codec.js';
import { decodeRequestFast } from '../protocol/decode-request.js';
import { type FrameProblem, type MessageListener, MessageReader } from './grpc-frames.js';
import {
  GrpcStatus,
  type ProcessingResponse,
  type ProcessStreamTarget,
  type StreamHandler,
  type StreamSink,
} from './types.js';
import { unknownFieldsLogger } from './unknown-fields.js';

/** The outgoing side of a gRPC call on a transport's stream. */
export interface CallOutput {
  /** True once the call was finished by us or closed by the peer. */
  readonly finished: boolean;
  /** Sends bytes already framed as gRPC messages; `false` when the buffers are full. */
  sendFrame(frame: Uint8Array): boolean;
  /** Sends one message frame given in parts (never copied, never reused by the caller). */
  sendFrameParts(parts: readonly Uint8Array[]): boolean;
  /** Ends the call with a status (trailers, or a trailers-only response). */
  finish(code: number, message: string): void;
  /** The stream closed under the call: it is over. */
  markClosed(): void;
  /** Resolves when the stream can take more, or the call is over. */
  whenWritable(): Promise<void>;
}

/** What a transport feeds a `Process` call from its stream. */
export interface CallInput {
  /** One DATA chunk of the request stream. */
  push(chunk: Buffer): void;
  /** The client half-closed. */
  onEnd(): void;
  /** The stream closed (ended both ways, reset, or its connection gone). */
  onClose(): void;
  /** The `grpc-timeout` deadline passed. */
  onDeadline(): void;
}

/** What every call of one transport shares: one object per transport, not per stream. */
export interface ProcessContext {
  readonly log: Logger;
  /** Largest request message (`maxReceiveMessageBytes`, or 2^32-1). */
  readonly max: number;
  /** The transport's one listener for unknown fields (no closure per message). */
  readonly onUnknown: (fields: number[]) => void;
}

/** The {@link ProcessContext} of a transport serving `target`. */
export function processContext(target: ProcessStreamTarget, log: Logger): ProcessContext {
  return { log, max: target.maxReceiveMessageBytes ?? 2 ** 32 - 1, onUnknown: unknownFieldsLogger(log) };
}

// biome-ignore lint/suspicious/noExplicitAny: a mixin's base must be `new (...args: any[])` (TypeScript TS2545)
type OutputClass = new (...args: any[]) => CallOutput;

/**
 * The `Process` call class over a transport's call output class `Base`, for one transport (made
 * once, when the transport is created: `context` is shared by its calls, not stored in each).
 * Construct it as `Base`, then set `handler` once the target connected it. The transport feeds
 * it {@link push}, {@link onEnd}, {@link onClose} and {@link onDeadline}.
 */
export function processCall<B extends OutputClass>(Base: B, context: ProcessContext) {
  const { log, max, onUnknown } = context;
  return class ProcessCall extends Base implements StreamSink, MessageListener, CallInput {
    handler: StreamHandler | null = null;
    /** Made at the first chunk that is not one whole message ({@link push}), or when the call rejects. */
    reader: MessageReader | null = null;
    timer: NodeJS.Timeout | null = null;
    /** What the handler was told: 0 nothing yet, 1 Envoy's half-close, 2 the call is over (cancel). */
    told: 0 | 1 | 2 = 0;

    /**
     * Takes one DATA chunk. A chunk that is exactly one whole message (what Envoy sends: each
     * message in one DATA frame) is decoded where it lies; the reader, which splits and joins
     * messages across chunks, is made at the first chunk that is anything else, and from then on
     * reads every chunk.
     */
    push(chunk: Buffer): void {
      let reader = this.reader;
      if (reader === null) {
        if (chunk.length > 5 && chunk[0] === 0) {
          const length = chunk.readUInt32BE(1);
          if (length === chunk.length - 5 && length <= max) {
            this.take(chunk, 5);
            return;
          }
        }
        reader = this.reader = new MessageReader(max, this);
      }
      reader.push(chunk);
    }

    send(reply: ProcessingResponse): boolean {
      const frame = encodeResponseFrameParts(reply);
      return frame instanceof Uint8Array ? this.sendFrame(frame) : this.sendFrameParts(frame);
    }
    end(): void {
      if (this.timer !== null) clearTimeout(this.timer);
      this.finish(GrpcStatus.OK, '');
    }
    fail(code: number, message: string): void {
      if (this.timer !== null) clearTimeout(this.timer);
      this.finish(code, message);
      // As with grpc-js, a call failed by the processor is over for it at once.
      this.settle(false);
    }

    /**
     * Tells the handler Envoy's half-close (`halfClosed`), or that the call is over (a cancel),
     * each at most once. As with grpc-js (and the test kit's in-process channel), every call ends
     * with a cancel for the handler, after the half-close when there was one: Envoy's normal end
     * is half-close then reset, and the handler sees the same events whatever the transport.
     */
    settle(halfClosed: boolean): void {
      if (halfClosed) {
        if (this.told !== 0) return;
        this.told = 1;
        this.handler?.halfClose();
      } else if (this.told !== 2) {
        this.told = 2;
        this.handler?.cancel();
      }
    }

    message(bytes: Buffer): void {
      this.take(bytes, 0);
    }

    /**
     * Decodes the message `buf[start, buf.length)` and hands it to the handler. Decoded in place,
     * so a message behind its frame prefix needs no view of it; a message outside the fast
     * decoder's shapes gets one, for `decodeRequest` (which tries the fast decoder again, then the
     * generated one: only such rare messages pay that twice).
     */
    take(buf: Buffer, start: number): void {
      let request: ReturnType<typeof decodeRequest>;
      try {
        request =
          decodeRequestFast(buf, start) ?? decodeRequest(start === 0 ? buf : buf.subarray(start), onUnknown);
      } catch (error) {
        log.debug({ err: error }, 'undecodable ProcessingRequest');
        this.reject(GrpcStatus.INVALID_ARGUMENT, `malformed ProcessingRequest: ${(error as Error).message}`);
        return;
      }
      if (this.told === 0) this.handler?.message(request);
    }

    problem(problem: FrameProblem): void {
      if (problem.kind === 'too-large') {
        this.reject(
          GrpcStatus.RESOURCE_EXHAUSTED,
          `ProcessingRequest of ${problem.length} bytes exceeds maxMessageBytes (${max}); raise grpc.maxMessageBytes in the attache config`,
        );
      } else {
        // Envoy never compresses ext_proc messages, and no compression was negotiated.
        this.reject(GrpcStatus.UNIMPLEMENTED, 'compressed messages are not supported');
      }
    }

    /** Fails the call for a message it cannot take, logged like the grpc-js transport does. */
    reject(code: number, reason: string): void {
      // A stopped reader ignores every later chunk (made here if no chunk needed one yet).
      (this.reader ??= new MessageReader(max, this)).stop();
      // Rate-limited per status: a client sending garbage on every stream cannot flood the log.
      if (!this.finished) limitedLog(log, 'error', `GRPC_STATUS_${code}`, { code }, reason);
      this.fail(code, reason);
    }

    onEnd(): void {
      if (this.reader?.midMessage && !this.finished) {
        this.reject(GrpcStatus.INTERNAL, 'the client half-closed in the middle of a message');
        return;
      }
      this.settle(true);
    }

    onClose(): void {
      if (this.timer !== null) clearTimeout(this.timer);
      // Reset, aborted or its session gone: whatever was not over yet is cancelled.
      this.markClosed();
      this.settle(false);
    }

    onDeadline(): void {
      this.timer = null;
      if (this.finished) return;
      this.fail(GrpcStatus.DEADLINE_EXCEEDED, 'deadline exceeded (grpc-timeout)');
    }
  };
}
