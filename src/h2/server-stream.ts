/**
 * One stream of an {@link H2ServerConnection}: its flow-control windows, the DATA waiting for
 * window, and the hooks the application overrides to receive. One object per stream with a
 * fixed shape: the application's call class extends it, so a stream and its call are one object.
 *
 * @module
 */
import type { H2ServerConnection } from './server-connection.js';

/** Stream states (RFC 9113 §5.1) as bits: what each side has ended. */
export const StreamState = {
  /** The peer sent END_STREAM (half-closed remote). */
  REMOTE_ENDED: 1,
  /** Our END_STREAM is queued: nothing more may be sent. */
  LOCAL_ENDING: 2,
  /** Our END_STREAM went out (half-closed local). */
  LOCAL_ENDED: 4,
  /** Closed: forgotten by the connection, every call does nothing. */
  CLOSED: 8,
} as const;

/**
 * A server stream. The connection calls {@link push}, {@link onEnd} and {@link onClose} (which
 * subclasses override) and the application sends with {@link sendHeaders}, {@link sendData} and
 * {@link sendTrailers}.
 */
export class H2ServerStream {
  readonly connection: H2ServerConnection;
  readonly id: number;
  /** {@link StreamState} bits. */
  state = 0;
  /** Bytes we may still send (the peer's window for this stream); may go negative (RFC 9113 §6.9.2). */
  sendWindow: number;
  /** Bytes the peer may still send before our next WINDOW_UPDATE, and bytes consumed since the last. */
  receiveWindow: number;
  receiveUnacked = 0;
  /** DATA waiting for window: parts from `queueHead`, the first one from `queueOffset`. */
  queue: Uint8Array[] | null = null;
  queueHead = 0;
  queueOffset = 0;
  queuedBytes = 0;
  /** The trailers' header block, waiting behind queued DATA. */
  trailers: Uint8Array | null = null;
  /** Resolvers of {@link whenWritable}, while the stream's or the socket's buffer is full. */
  waiters: Array<() => void> | null = null;

  constructor(connection: H2ServerConnection, id: number) {
    this.connection = connection;
    this.id = id;
    this.sendWindow = connection.peerInitialWindow;
    this.receiveWindow = connection.streamWindow;
  }

  /** A DATA payload from the peer (padding removed, never empty): a view of the socket's read buffer. */
  push(_chunk: Buffer): void {}
  /** The peer ended its side (END_STREAM on DATA or HEADERS). */
  onEnd(): void {}
  /**
   * The stream closed: both sides ended, reset either way, or the connection went. Called once;
   * after our own end it comes on the next tick, never inside the call that ended the stream.
   */
  onClose(): void {}

  /** True once the stream closed or our END_STREAM is on its way: sending does nothing. */
  get ended(): boolean {
    return (this.state & (StreamState.LOCAL_ENDING | StreamState.CLOSED)) !== 0;
  }

  /** Sends a header block (`endStream`: a trailers-only response). */
  sendHeaders(block: Uint8Array, endStream: boolean): void {
    if (this.ended) return;
    this.connection.writeHeaders(this, block, endStream);
  }

  /**
   * Queues one part of DATA, sent as flow control allows. The part is read when written: the
   * caller must not change it afterwards. Returns `false` when the stream's or the socket's
   * buffer is full: wait for {@link whenWritable}.
   */
  sendData(part: Uint8Array): boolean {
    if (this.ended) return true;
    this.#enqueue(part);
    this.connection.pump(this);
    return this.connection.writable(this);
  }

  /** Queues several parts of DATA as {@link sendData} does one; they may leave in one frame. */
  sendDataParts(parts: readonly Uint8Array[]): boolean {
    if (this.ended) return true;
    for (let i = 0; i < parts.length; i++) this.#enqueue(parts[i] as Uint8Array);
    this.connection.pump(this);
    return this.connection.writable(this);
  }

  #enqueue(part: Uint8Array): void {
    if (part.length === 0) return;
    (this.queue ??= []).push(part);
    this.queuedBytes += part.length;
  }

  /** Ends the stream with `block` as trailers, after the queued DATA. */
  sendTrailers(block: Uint8Array): void {
    if (this.ended) return;
    this.state |= StreamState.LOCAL_ENDING;
    this.trailers = block;
    this.connection.pump(this);
  }

  /** Resets the stream (RST_STREAM with `code`). */
  reset(code: number): void {
    this.connection.resetStream(this, code);
  }

  /** Resolves once the stream and the socket can take more, or the stream closed. */
  whenWritable(): Promise<void> {
    if (this.state & StreamState.CLOSED || this.connection.writable(this)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      (this.waiters ??= []).push(resolve);
      this.connection.waitWritable(this);
    });
  }

  /** Resolves the {@link whenWritable} promises. */
  wake(): void {
    const waiters = this.waiters;
    if (waiters === null) return;
    this.waiters = null;
    for (const resolve of waiters) resolve();
  }
}
