/**
 * {@link inProcessChannel}: drive a {@link ProcessStreamTarget} without a network, but with wire
 * semantics.
 *
 * @module
 */
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { decodeRequest, decodeResponse, encodeRequest, encodeResponse } from '../protocol/codec.js';
import {
  GrpcStatus,
  type ProcessStreamTarget,
  type StreamHandler,
  type StreamSink,
} from '../transport/types.js';
import type { CallStatus, ClientSideStream, ClientStreamEvents, ExtProcChannel } from './channel.js';
import { encodeRequestFrame } from './encode-request.js';

/**
 * Runs queued callbacks in order, asynchronously. Everything queued before a turn runs in that
 * turn, like frames that arrived in one socket read; anything queued meanwhile waits for the
 * next turn.
 */
class SerialQueue {
  #items: Array<() => void> = [];
  #scheduled = false;

  push(fn: () => void): void {
    this.#items.push(fn);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(drainQueue, this);
    }
  }

  /** @internal Runs this turn's batch (called by {@link drainQueue} only). */
  drain(): void {
    const batch = this.#items;
    this.#items = [];
    for (const fn of batch) fn();
    if (this.#items.length > 0) setImmediate(drainQueue, this);
    else this.#scheduled = false;
  }
}

/** The queue goes to `setImmediate` as an argument: no bound function per queue. */
function drainQueue(queue: SerialQueue): void {
  queue.drain();
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

class InProcessCall implements ClientSideStream {
  readonly #events: ClientStreamEvents;
  readonly #maxReceive: number | undefined;
  readonly #toServer = new SerialQueue();
  readonly #toClient = new SerialQueue();
  #handler: StreamHandler | undefined;
  /** The call is over for the server (it ended it, or it failed). */
  #done = false;
  /** The client reset the call: nothing more reaches it. */
  #cancelled = false;
  #halfClosed = false;

  constructor(target: ProcessStreamTarget, metadata: Record<string, string>, events: ClientStreamEvents) {
    this.#events = events;
    this.#maxReceive = target.maxReceiveMessageBytes;
    const meta: ReadonlyMap<string, string> = new Map(
      Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v] as const),
    );
    const sink: StreamSink = {
      send: (reply) => {
        this.#serverSend(reply);
        return true; // replies are handed over in order at once: never full
      },
      whenWritable: () => Promise.resolve(),
      end: () => this.#serverClose({ code: GrpcStatus.OK, message: '' }),
      fail: (code, message) => this.#serverClose({ code, message }),
    };
    this.#toServer.push(() => {
      if (this.#done) return;
      try {
        this.#handler = target.connect(sink, meta);
      } catch (err) {
        this.#serverClose({ code: GrpcStatus.UNKNOWN, message: describe(err) });
      }
    });
  }

  send(request: ProcessingRequest): void {
    if (this.#cancelled || this.#halfClosed) return;
    // Encode now so an unencodable message surfaces in the caller; decode on the "server side".
    // The kit's own encoder, as `http2Channel` sends (byte-identical to the generated one, which
    // takes the messages it does not cover).
    const frame = encodeRequestFrame(request);
    const bytes = frame === null ? encodeRequest(request) : frame.subarray(5);
    this.#toServer.push(() => {
      if (this.#done) return;
      if (this.#maxReceive !== undefined && bytes.length > this.#maxReceive) {
        // grpc-js fails the call with RESOURCE_EXHAUSTED and the handler sees a cancellation.
        this.#done = true;
        this.#deliverClose({
          code: GrpcStatus.RESOURCE_EXHAUSTED,
          message: `Received message larger than max (${bytes.length} vs. ${this.#maxReceive})`,
        });
        this.#handler?.cancel();
        return;
      }
      // The servers' own decoder, so the kit tests what a transport hands the processor.
      this.#callHandler((h) => h.message(decodeRequest(bytes)));
    });
  }

  halfClose(): void {
    if (this.#cancelled || this.#halfClosed) return;
    this.#halfClosed = true;
    this.#toServer.push(() => {
      if (!this.#done) this.#callHandler((h) => h.halfClose());
    });
  }

  cancel(): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.#toServer.push(() => {
      if (this.#done) return;
      this.#done = true;
      this.#handler?.cancel();
    });
  }

  #callHandler(fn: (h: StreamHandler) => void): void {
    const handler = this.#handler;
    if (handler === undefined) return;
    try {
      fn(handler);
    } catch (err) {
      // A throwing handler would crash a real server's call; report it as a failed call.
      this.#serverClose({ code: GrpcStatus.UNKNOWN, message: describe(err) });
    }
  }

  #serverSend(reply: ProcessingResponse): void {
    if (this.#done || this.#cancelled) return;
    let bytes: Uint8Array;
    try {
      // The servers' own reply encoder. A constant reply (frozen, see `constantReply`) carries
      // bytes shared by every stream, and a decoded reply's byte fields are views of what it was
      // decoded from: those are copied first.
      const encoded = encodeResponse(reply);
      bytes = Object.isFrozen(reply) ? Uint8Array.prototype.slice.call(encoded) : encoded;
    } catch (err) {
      // grpc-js ends the call with INTERNAL when a response cannot be serialized.
      this.#serverClose({
        code: GrpcStatus.INTERNAL,
        message: `Error serializing response: ${describe(err)}`,
      });
      return;
    }
    this.#toClient.push(() => {
      if (!this.#cancelled) this.#events.reply(decodeResponse(bytes));
    });
  }

  #serverClose(status: CallStatus): void {
    if (this.#done || this.#cancelled) return;
    this.#done = true;
    this.#deliverClose(status);
  }

  #deliverClose(status: CallStatus): void {
    this.#toClient.push(() => {
      if (!this.#cancelled) this.#events.close(status);
    });
  }
}

/**
 * Wraps an in-process {@link ProcessStreamTarget} (e.g. an attache processor) as an
 * {@link ExtProcChannel} with wire semantics: every message is protobuf-encoded and decoded
 * (so encodability and unknown fields behave as on the wire), delivery is asynchronous and in
 * order, `target.maxReceiveMessageBytes` is enforced like grpc-js (the call fails with
 * RESOURCE_EXHAUSTED and the handler is cancelled), and replies sent after the call ended or
 * after the client cancelled are dropped.
 *
 * @example
 * ```ts
 * const channel = inProcessChannel(processor);
 * const a = runExchange(channel, { request: { path: '/a' } });
 * const b = runExchange(channel, { request: { path: '/b' } }); // an independent stream
 * await Promise.all([a, b]);
 * ```
 */
export function inProcessChannel(target: ProcessStreamTarget): ExtProcChannel {
  return {
    open: (metadata, events) => new InProcessCall(target, metadata, events),
  };
}
