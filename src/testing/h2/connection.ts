/**
 * A client HTTP/2 connection that writes and parses frames itself over a `net.Socket` (or a
 * `tls.TLSSocket` that negotiated ALPN `h2`): the kit's `http2Channel` engine.
 *
 * Why not node:http2's client: `session.request()` costs more CPU per stream than the server it
 * drives (a headers object turned into an nghttp2 list, an `AsyncResource` and bound functions
 * per stream, five listeners), which made the development proxy measure its own client
 * (bench/README.md, "Development proxy"). This engine does what a gRPC call needs and no more:
 * request header blocks from a per-connection {@link RequestHeaderEncoder}, a full HPACK decoder
 * for the server's blocks (CONTINUATION and padding included), flow control both ways (the
 * server's SETTINGS and WINDOW_UPDATEs when sending; our 1 MiB stream / 16 MiB connection
 * windows, refilled as data is consumed, when receiving), MAX_CONCURRENT_STREAMS (streams wait
 * for a slot), SETTINGS and PING acknowledgements, RST_STREAM and GOAWAY. All writes of one
 * tick go to the socket as one write.
 *
 * @module
 */
import type net from 'node:net';
import type tls from 'node:tls';
import { FrameReader, FrameSizeError } from '../../h2/frame-reader.js';
import {
  DEFAULT_MAX_FRAME_SIZE,
  DEFAULT_WINDOW,
  ErrorCode,
  Flag,
  FrameType,
  frame,
  goawayFrame,
  HEADER_BYTES,
  MAX_WINDOW,
  PREFACE,
  Setting,
  settingsFrame,
  uint32Frame,
  writeFrameHeader,
} from '../../h2/frames.js';
import { HpackDecoder, HpackError } from '../../h2/hpack-decoder.js';
import { RequestHeaderEncoder } from './hpack-encoder.js';

/** What a stream tells its owner. Calls are synchronous, from the connection's socket events. */
export interface StreamHandler {
  /** A header block: the response headers, then trailers (flat `[name, value, …]`). */
  headers(fields: string[], endStream: boolean): void;
  /**
   * A DATA payload (padding removed; valid only during the call). `endStream`: the server ended
   * the stream with it, without trailers (`chunk` may then be empty).
   */
  data(chunk: Buffer, endStream: boolean): void;
  /**
   * The stream closed: both sides ended (`code` NO_ERROR), a RST_STREAM either way (its code),
   * a GOAWAY that refused it (REFUSED_STREAM), or the connection's end (`error` when it failed).
   * Called once, and nothing after it.
   */
  close(code: number, error: Error | null): void;
}

/** Options of {@link H2Connection}. */
export interface H2ConnectionOptions {
  /** The request header fields every stream sends, pseudo-headers first. */
  readonly requestFields: ReadonlyArray<readonly [string, string]>;
  /** Receive window per stream (our SETTINGS_INITIAL_WINDOW_SIZE). */
  readonly streamWindow: number;
  /** Receive window of the whole connection. */
  readonly connectionWindow: number;
  /** Whether `socket` is TLS (then it must negotiate ALPN `h2`). */
  readonly secure: boolean;
}

/** Small DATA payloads are copied behind their frame header (one buffer, one write entry). */
const COPY_LIMIT = 4096;
/** Writes of one tick up to this size are joined into one buffer; larger go out as a writev. */
const JOIN_LIMIT = 64 * 1024;
/**
 * Largest header block (HEADERS plus CONTINUATIONs, compressed) taken from a server: a gRPC
 * server's headers and trailers are a few hundred bytes; node:http2's client refuses header
 * lists over 64 KiB by default, and this leaves room above that for long `grpc-message`s.
 */
const MAX_HEADER_BLOCK_BYTES = 256 * 1024;

/**
 * A DATA or HEADERS payload without its padding (PADDED flag: the Pad Length byte and as many
 * bytes at the end) and without the `skip` bytes of fields that follow Pad Length (HEADERS'
 * PRIORITY fields: 5), or null when the padding does not fit in the frame. A view, never a copy.
 * The conformance battery's test peer reads the server's frames with it too.
 */
export function unpad(flags: number, payload: Buffer, skip: number): Buffer | null {
  if ((flags & Flag.PADDED) === 0) return skip === 0 ? payload : payload.subarray(skip);
  if (payload.length < 1) return null;
  const padding = payload[0] as number;
  const end = payload.length - padding;
  if (end < 1 + skip) return null;
  return payload.subarray(1 + skip, end);
}

/** The client side of one HTTP/2 stream. */
export class H2Stream {
  /** Stream id, 0 until its HEADERS went out (it may wait for a concurrency slot). */
  id = 0;
  readonly #connection: H2Connection;
  readonly handler: StreamHandler;
  /** Per-call header fields (already checked), sent after the connection's constant ones. */
  readonly metadata: ReadonlyArray<readonly [string, string]> | null;
  /** DATA waiting for flow-control window, and how much of the first buffer went out. */
  readonly queue: Buffer[] = [];
  queueOffset = 0;
  sendWindow = 0;
  /** What we may still receive before our next WINDOW_UPDATE, and what was consumed since. */
  receiveWindow = 0;
  consumed = 0;
  /** END_STREAM asked for (and sent once the queue is empty). */
  endRequested = false;
  endSent = false;
  remoteEnded = false;
  closed = false;

  constructor(connection: H2Connection, handler: StreamHandler, metadata: H2Stream['metadata']) {
    this.#connection = connection;
    this.handler = handler;
    this.metadata = metadata;
  }

  /** Queues DATA (sent as flow control allows). */
  write(data: Buffer): void {
    if (this.closed || this.endRequested || data.length === 0) return;
    this.queue.push(data);
    this.#connection.pump(this);
  }

  /** Ends our side (END_STREAM after any queued DATA). */
  end(): void {
    if (this.closed || this.endRequested) return;
    this.endRequested = true;
    this.#connection.pump(this);
  }

  /** Whether DATA is still waiting for window (an END_STREAM asked for has not gone out). */
  get blocked(): boolean {
    return this.queue.length > 0;
  }

  /** Resets the stream with RST_STREAM(`code`); queued DATA is dropped. Closes it at once. */
  reset(code: number): void {
    if (this.closed) return;
    this.#connection.resetStream(this, code);
  }
}

/** One HTTP/2 connection; see the module comment. */
export class H2Connection {
  readonly #socket: net.Socket;
  readonly #options: H2ConnectionOptions;
  readonly #encoder: RequestHeaderEncoder;
  readonly #decoder = new HpackDecoder();
  readonly #reader: FrameReader;
  readonly #streams = new Map<number, H2Stream>();
  /** Streams waiting for a concurrency slot (MAX_CONCURRENT_STREAMS), in order. */
  readonly #waiting: H2Stream[] = [];
  /** Streams with DATA waiting for window. */
  readonly #blocked = new Set<H2Stream>();
  #out: Buffer[] = [];
  #outBytes = 0;
  #flushScheduled = false;
  #nextId = 1;
  // The peer's settings.
  #peerInitialWindow = DEFAULT_WINDOW;
  #peerMaxFrameSize = DEFAULT_MAX_FRAME_SIZE;
  #peerMaxStreams = Number.POSITIVE_INFINITY;
  #sendWindow = DEFAULT_WINDOW;
  #receiveWindow: number;
  #consumed = 0;
  /** A header block continued by CONTINUATION frames: its stream, END_STREAM, and fragments. */
  #continued: { streamId: number; endStream: boolean; parts: Buffer[]; bytes: number } | null = null;
  #closing = false;

  /** Streams above this id were never processed (set by the server's GOAWAY). */
  lastStreamId: number | null = null;
  /** The connection failed or closed under its streams. */
  dropped = false;
  /** The socket connected (and, for TLS, the handshake and ALPN `h2` succeeded). */
  connected = false;
  /** No new stream may use this connection (GOAWAY, close, failure). */
  retired = false;
  /** Called once when the connection stops taking new streams. */
  onRetire: () => void = () => {};

  constructor(socket: net.Socket, options: H2ConnectionOptions) {
    this.#socket = socket;
    this.#options = options;
    this.#encoder = new RequestHeaderEncoder(options.requestFields);
    this.#receiveWindow = options.connectionWindow;
    this.#reader = new FrameReader(DEFAULT_MAX_FRAME_SIZE, (type, flags, id, payload) =>
      this.#frame(type, flags, id, payload),
    );
    this.#queue(PREFACE);
    this.#queue(
      settingsFrame([
        [Setting.ENABLE_PUSH, 0],
        [Setting.INITIAL_WINDOW_SIZE, options.streamWindow],
      ]),
    );
    if (options.connectionWindow > DEFAULT_WINDOW) {
      this.#queue(uint32Frame(FrameType.WINDOW_UPDATE, 0, options.connectionWindow - DEFAULT_WINDOW));
    }
    socket.once(options.secure ? 'secureConnect' : 'connect', () => {
      if (options.secure && (socket as tls.TLSSocket).alpnProtocol !== 'h2') {
        this.#destroy(new Error('The server did not negotiate HTTP/2 (ALPN h2)'));
        return;
      }
      this.connected = true;
      this.#flush();
    });
    socket.on('data', (chunk: Buffer) => this.#data(chunk));
    socket.on('error', (error: Error) => this.#destroy(error));
    socket.on('close', () => this.#destroy(null));
  }

  /**
   * Opens a stream (now, or when a concurrency slot frees). `metadata`: per-call fields,
   * already checked with `checkField`.
   */
  request(handler: StreamHandler, metadata: H2Stream['metadata']): H2Stream {
    const stream = new H2Stream(this, handler, metadata);
    if (this.#streams.size < this.#peerMaxStreams && this.#waiting.length === 0) this.#open(stream);
    else this.#waiting.push(stream);
    return stream;
  }

  /** Takes no new streams; ends the connection once the open ones have closed. */
  close(): void {
    this.#closing = true;
    this.#retire();
    this.#endIfIdle();
  }

  #retire(): void {
    if (this.retired) return;
    this.retired = true;
    this.onRetire();
  }

  #endIfIdle(): void {
    if (!this.#closing || this.#streams.size > 0 || this.#waiting.length > 0 || this.#socket.destroyed)
      return;
    this.#queue(goawayFrame(0, ErrorCode.NO_ERROR));
    this.#flush();
    this.#socket.end();
  }

  #open(stream: H2Stream): void {
    const id = this.#nextId;
    this.#nextId += 2;
    stream.id = id;
    stream.sendWindow = this.#peerInitialWindow;
    stream.receiveWindow = this.#options.streamWindow;
    this.#streams.set(id, stream);
    const block = this.#encoder.block(stream.metadata);
    const max = this.#peerMaxFrameSize;
    if (block.length <= max) {
      this.#queue(frame(FrameType.HEADERS, Flag.END_HEADERS, id, block));
    } else {
      // A block larger than one frame: HEADERS, then CONTINUATION frames (RFC 9113 §6.10).
      for (let at = 0; at < block.length; at += max) {
        const last = at + max >= block.length;
        const type = at === 0 ? FrameType.HEADERS : FrameType.CONTINUATION;
        this.#queue(frame(type, last ? Flag.END_HEADERS : 0, id, block.subarray(at, at + max)));
      }
    }
    if (stream.queue.length > 0 || stream.endRequested) this.pump(stream);
  }

  /** Sends what `stream` has queued, as far as the windows allow. */
  pump(stream: H2Stream): void {
    if (stream.id === 0 || stream.closed) return;
    const queue = stream.queue;
    while (queue.length > 0) {
      const head = queue[0] as Buffer;
      const left = head.length - stream.queueOffset;
      const size = Math.min(left, stream.sendWindow, this.#sendWindow, this.#peerMaxFrameSize);
      if (size <= 0) {
        this.#blocked.add(stream);
        return;
      }
      const start = stream.queueOffset;
      const last = size === left && queue.length === 1;
      // The END_STREAM flag rides on the last DATA frame when the end was already asked for.
      const flags = last && stream.endRequested ? Flag.END_STREAM : 0;
      if (size <= COPY_LIMIT) {
        const out = Buffer.allocUnsafe(HEADER_BYTES + size);
        writeFrameHeader(out, 0, size, FrameType.DATA, flags, stream.id);
        head.copy(out, HEADER_BYTES, start, start + size);
        this.#queue(out);
      } else {
        const header = Buffer.allocUnsafe(HEADER_BYTES);
        writeFrameHeader(header, 0, size, FrameType.DATA, flags, stream.id);
        this.#queue(header);
        this.#queue(head.subarray(start, start + size));
      }
      if (flags !== 0) stream.endSent = true;
      stream.sendWindow -= size;
      this.#sendWindow -= size;
      if (size === left) {
        queue.shift();
        stream.queueOffset = 0;
      } else {
        stream.queueOffset += size;
      }
    }
    this.#blocked.delete(stream);
    if (stream.endRequested && !stream.endSent) {
      stream.endSent = true;
      this.#queue(frame(FrameType.DATA, Flag.END_STREAM, stream.id));
    }
    if (stream.endSent && stream.remoteEnded) this.#closeStream(stream, ErrorCode.NO_ERROR, null);
  }

  /** RST_STREAM(`code`) for `stream`, closing it now. */
  resetStream(stream: H2Stream, code: number): void {
    if (stream.id === 0) {
      // Never sent: nothing to tell the server.
      const at = this.#waiting.indexOf(stream);
      if (at >= 0) this.#waiting.splice(at, 1);
      stream.closed = true;
      stream.handler.close(code, null);
      this.#endIfIdle();
      return;
    }
    if (!this.#socket.destroyed) this.#queue(uint32Frame(FrameType.RST_STREAM, stream.id, code));
    this.#closeStream(stream, code, null);
  }

  #closeStream(stream: H2Stream, code: number, error: Error | null): void {
    if (stream.closed) return;
    stream.closed = true;
    stream.queue.length = 0;
    this.#streams.delete(stream.id);
    this.#blocked.delete(stream);
    stream.handler.close(code, error);
    this.#openWaiting();
    this.#endIfIdle();
  }

  #openWaiting(): void {
    while (this.#waiting.length > 0 && this.#streams.size < this.#peerMaxStreams && !this.#socket.destroyed) {
      if (this.lastStreamId !== null) return;
      this.#open(this.#waiting.shift() as H2Stream);
    }
  }

  #queue(buffer: Buffer): void {
    this.#out.push(buffer);
    this.#outBytes += buffer.length;
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      // At the end of this turn of the event loop, not of this callback: under `attache dev`'s
      // load several requests' frames then leave in one socket write (each write costs tens of
      // µs on loopback), as the wire server batches its replies; a lone request waits no longer.
      setImmediate(() => this.#flush());
    }
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (!this.connected || this.#out.length === 0 || this.#socket.destroyed) return;
    const out = this.#out;
    this.#out = [];
    const bytes = this.#outBytes;
    this.#outBytes = 0;
    if (out.length === 1) {
      this.#socket.write(out[0] as Buffer);
    } else if (bytes <= JOIN_LIMIT) {
      this.#socket.write(Buffer.concat(out, bytes));
    } else {
      this.#socket.cork();
      for (const buffer of out) this.#socket.write(buffer);
      this.#socket.uncork();
    }
  }

  #data(chunk: Buffer): void {
    try {
      this.#reader.push(chunk);
    } catch (error) {
      if (error instanceof FrameSizeError) this.#fail(ErrorCode.FRAME_SIZE_ERROR, error.message);
      else if (error instanceof HpackError) this.#fail(ErrorCode.COMPRESSION_ERROR, error.message);
      else throw error;
    }
  }

  /** A connection error (RFC 9113 §5.4.1): GOAWAY with `code`, then the connection ends. */
  #fail(code: number, reason: string): void {
    if (this.#socket.destroyed) return;
    // Our last-stream-id counts streams the server opened: it opens none (no push).
    this.#queue(goawayFrame(0, code));
    this.#flush();
    this.#destroy(new Error(`HTTP/2 protocol error from the server: ${reason}`));
  }

  /** The connection ended (`error` when it failed): every stream closes. */
  #destroy(error: Error | null): void {
    if (!this.#socket.destroyed) this.#socket.destroy();
    this.#reader.stop();
    this.dropped = true;
    this.#retire();
    const code = error === null ? ErrorCode.CANCEL : ErrorCode.INTERNAL_ERROR;
    const streams = [...this.#streams.values(), ...this.#waiting.splice(0)];
    this.#streams.clear();
    this.#blocked.clear();
    for (const stream of streams) {
      if (stream.closed) continue;
      stream.closed = true;
      // A stream a GOAWAY left unprocessed is refused, whatever ended the connection after it.
      const refused = this.lastStreamId !== null && (stream.id === 0 || stream.id > this.lastStreamId);
      stream.handler.close(refused ? ErrorCode.REFUSED_STREAM : code, refused ? null : error);
    }
  }

  #frame(type: number, flags: number, streamId: number, payload: Buffer): void {
    if (this.#continued !== null && type !== FrameType.CONTINUATION) {
      this.#fail(ErrorCode.PROTOCOL_ERROR, 'a header block was interrupted by another frame');
      return;
    }
    switch (type) {
      case FrameType.DATA:
        this.#dataFrame(flags, streamId, payload);
        return;
      case FrameType.HEADERS:
        this.#headersFrame(flags, streamId, payload);
        return;
      case FrameType.CONTINUATION: {
        const continued = this.#continued;
        if (continued === null || continued.streamId !== streamId) {
          this.#fail(ErrorCode.PROTOCOL_ERROR, 'CONTINUATION without a header block to continue');
          return;
        }
        continued.bytes += payload.length;
        if (continued.bytes > MAX_HEADER_BLOCK_BYTES) {
          // A server that never ends its header block must not grow this list without bound.
          this.#fail(ErrorCode.ENHANCE_YOUR_CALM, `a header block over ${MAX_HEADER_BLOCK_BYTES} bytes`);
          return;
        }
        // The payload is a view of the socket's chunk: keep a copy.
        continued.parts.push(Buffer.from(payload));
        if (flags & Flag.END_HEADERS) {
          this.#continued = null;
          this.#headerBlock(streamId, Buffer.concat(continued.parts), continued.endStream);
        }
        return;
      }
      case FrameType.RST_STREAM: {
        if (payload.length !== 4) {
          this.#fail(ErrorCode.FRAME_SIZE_ERROR, 'RST_STREAM payload is not 4 bytes');
          return;
        }
        const stream = this.#streams.get(streamId);
        if (stream !== undefined) this.#closeStream(stream, payload.readUInt32BE(0), null);
        return;
      }
      case FrameType.SETTINGS:
        this.#settings(flags, payload);
        return;
      case FrameType.PING:
        if (payload.length !== 8) {
          this.#fail(ErrorCode.FRAME_SIZE_ERROR, 'PING payload is not 8 bytes');
          return;
        }
        if ((flags & Flag.ACK) === 0) this.#queue(frame(FrameType.PING, Flag.ACK, 0, payload));
        return;
      case FrameType.GOAWAY:
        this.#goaway(payload);
        return;
      case FrameType.WINDOW_UPDATE:
        this.#windowUpdate(streamId, payload);
        return;
      case FrameType.PUSH_PROMISE:
        this.#fail(ErrorCode.PROTOCOL_ERROR, 'PUSH_PROMISE with push disabled');
        return;
      default:
        // PRIORITY and unknown frame types are ignored (RFC 9113 §4.1, §5.5).
        return;
    }
  }

  #dataFrame(flags: number, streamId: number, payload: Buffer): void {
    // Flow control counts the whole payload, padding included (RFC 9113 §6.9.1).
    this.#receiveWindow -= payload.length;
    if (this.#receiveWindow < 0) {
      this.#fail(ErrorCode.FLOW_CONTROL_ERROR, 'the server overran the connection window');
      return;
    }
    this.#consumed += payload.length;
    if (this.#consumed >= this.#options.connectionWindow / 2) {
      this.#queue(uint32Frame(FrameType.WINDOW_UPDATE, 0, this.#consumed));
      this.#receiveWindow += this.#consumed;
      this.#consumed = 0;
    }
    const data = unpad(flags, payload, 0);
    if (data === null) {
      this.#fail(ErrorCode.PROTOCOL_ERROR, 'DATA padding longer than the frame');
      return;
    }
    const stream = this.#streams.get(streamId);
    if (stream === undefined || stream.remoteEnded) return;
    stream.receiveWindow -= payload.length;
    if (stream.receiveWindow < 0) {
      this.resetStream(stream, ErrorCode.FLOW_CONTROL_ERROR);
      return;
    }
    const endStream = (flags & Flag.END_STREAM) !== 0;
    if (endStream) stream.remoteEnded = true;
    if (data.length > 0 || endStream) stream.handler.data(data, endStream);
    if (stream.closed) return;
    if (endStream) {
      if (stream.endSent) this.#closeStream(stream, ErrorCode.NO_ERROR, null);
      return;
    }
    // Everything handed over is consumed (the reader copies what it keeps): refill the window.
    stream.consumed += payload.length;
    if (stream.consumed >= this.#options.streamWindow / 2) {
      this.#queue(uint32Frame(FrameType.WINDOW_UPDATE, stream.id, stream.consumed));
      stream.receiveWindow += stream.consumed;
      stream.consumed = 0;
    }
  }

  #headersFrame(flags: number, streamId: number, payload: Buffer): void {
    const fragment = unpad(flags, payload, flags & Flag.PRIORITY ? 5 : 0);
    if (fragment === null || streamId === 0) {
      this.#fail(ErrorCode.PROTOCOL_ERROR, 'malformed HEADERS frame');
      return;
    }
    const endStream = (flags & Flag.END_STREAM) !== 0;
    if ((flags & Flag.END_HEADERS) === 0) {
      this.#continued = { streamId, endStream, parts: [Buffer.from(fragment)], bytes: fragment.length };
      return;
    }
    this.#headerBlock(streamId, fragment, endStream);
  }

  #headerBlock(streamId: number, block: Buffer, endStream: boolean): void {
    // Every block is decoded, whoever reads it: the dynamic table is the connection's.
    const fields = this.#decoder.decode(block);
    const stream = this.#streams.get(streamId);
    if (stream === undefined || stream.remoteEnded) return;
    if (endStream) stream.remoteEnded = true;
    stream.handler.headers(fields, endStream);
    if (endStream && stream.endSent) this.#closeStream(stream, ErrorCode.NO_ERROR, null);
  }

  #settings(flags: number, payload: Buffer): void {
    if (flags & Flag.ACK) return;
    if (payload.length % 6 !== 0) {
      this.#fail(ErrorCode.FRAME_SIZE_ERROR, 'SETTINGS payload is not a multiple of 6 bytes');
      return;
    }
    for (let at = 0; at < payload.length; at += 6) {
      const id = payload.readUInt16BE(at);
      const value = payload.readUInt32BE(at + 2);
      switch (id) {
        case Setting.HEADER_TABLE_SIZE:
          this.#encoder.peerTableSize(value);
          break;
        case Setting.MAX_CONCURRENT_STREAMS:
          this.#peerMaxStreams = value;
          break;
        case Setting.INITIAL_WINDOW_SIZE: {
          if (value > MAX_WINDOW) {
            this.#fail(ErrorCode.FLOW_CONTROL_ERROR, `INITIAL_WINDOW_SIZE ${value} above 2^31-1`);
            return;
          }
          // Applies to every open stream as the difference (RFC 9113 §6.9.2); may go negative.
          const delta = value - this.#peerInitialWindow;
          this.#peerInitialWindow = value;
          for (const stream of this.#streams.values()) stream.sendWindow += delta;
          break;
        }
        case Setting.MAX_FRAME_SIZE:
          if (value < DEFAULT_MAX_FRAME_SIZE || value > 0xff_ffff) {
            this.#fail(ErrorCode.PROTOCOL_ERROR, `MAX_FRAME_SIZE ${value} out of range`);
            return;
          }
          this.#peerMaxFrameSize = value;
          break;
        default:
          // ENABLE_PUSH, MAX_HEADER_LIST_SIZE and unknown settings ask nothing of us.
          break;
      }
    }
    this.#queue(frame(FrameType.SETTINGS, Flag.ACK, 0));
    this.#unblock();
    this.#openWaiting();
  }

  #windowUpdate(streamId: number, payload: Buffer): void {
    if (payload.length !== 4) {
      this.#fail(ErrorCode.FRAME_SIZE_ERROR, 'WINDOW_UPDATE payload is not 4 bytes');
      return;
    }
    const increment = payload.readUInt32BE(0) & 0x7fff_ffff;
    if (streamId === 0) {
      if (increment === 0 || this.#sendWindow + increment > MAX_WINDOW) {
        this.#fail(ErrorCode.FLOW_CONTROL_ERROR, `connection WINDOW_UPDATE of ${increment}`);
        return;
      }
      this.#sendWindow += increment;
      this.#unblock();
      return;
    }
    const stream = this.#streams.get(streamId);
    if (stream === undefined) return;
    if (increment === 0 || stream.sendWindow + increment > MAX_WINDOW) {
      this.resetStream(stream, increment === 0 ? ErrorCode.PROTOCOL_ERROR : ErrorCode.FLOW_CONTROL_ERROR);
      return;
    }
    stream.sendWindow += increment;
    if (stream.blocked) this.pump(stream);
  }

  #unblock(): void {
    for (const stream of [...this.#blocked]) {
      if (this.#sendWindow <= 0) return;
      this.pump(stream);
    }
  }

  #goaway(payload: Buffer): void {
    if (payload.length < 8) {
      this.#fail(ErrorCode.FRAME_SIZE_ERROR, 'GOAWAY payload shorter than 8 bytes');
      return;
    }
    const last = payload.readUInt32BE(0) & 0x7fff_ffff;
    const code = payload.readUInt32BE(4);
    this.lastStreamId = this.lastStreamId === null ? last : Math.min(this.lastStreamId, last);
    this.#retire();
    // Streams above last_stream_id, and those never sent, were not processed (RFC 9113 §6.8).
    for (const stream of this.#waiting.splice(0)) {
      stream.closed = true;
      stream.handler.close(ErrorCode.REFUSED_STREAM, null);
    }
    for (const stream of [...this.#streams.values()]) {
      if (stream.id > this.lastStreamId) this.#closeStream(stream, ErrorCode.REFUSED_STREAM, null);
    }
    if (code !== ErrorCode.NO_ERROR) {
      // As node:http2 does: a GOAWAY with an error ends the session and what it carried.
      this.#destroy(new Error(`Session closed with error code ${code}`));
      return;
    }
    this.#closing = true;
    this.#endIfIdle();
  }
}
