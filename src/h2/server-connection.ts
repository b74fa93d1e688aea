/**
 * The server side of one HTTP/2 connection (RFC 9113, HPACK RFC 7541), written for what a gRPC
 * server needs and no more: requests arrive as streams whose header blocks are decoded once into
 * a flat `[name, value, …]` array, DATA payloads are handed up as views of the socket's read
 * buffers, and every frame made while handling one read (or one turn of the event loop) leaves
 * in one socket write. No server push, no priorities (PRIORITY frames are read and ignored), no
 * dynamic table in our header blocks (a peer that lowers HEADER_TABLE_SIZE below HPACK's initial
 * 4,096 is told once that our table is 0 bytes: RFC 7541 §4.2).
 *
 * Errors: a connection error sends GOAWAY with its code and closes the socket; a stream error
 * sends RST_STREAM. A stream is forgotten the moment it closes.
 *
 * @module
 */
import type net from 'node:net';
import { FrameReader, FrameSizeError } from './frame-reader.js';
import {
  DEFAULT_MAX_FRAME_SIZE,
  DEFAULT_WINDOW,
  ErrorCode,
  Flag,
  FrameType,
  goawayFrame,
  MAX_WINDOW,
  PREFACE,
  Setting,
  settingsFrame,
  uint32Frame,
} from './frames.js';
import { HpackDecoder, HpackError } from './hpack-decoder.js';
import { OutBuffer } from './out-buffer.js';
import { malformedRequest, malformedTrailers } from './request-fields.js';
import { type H2ServerStream, StreamState } from './server-stream.js';

/** Our stream receive window (SETTINGS_INITIAL_WINDOW_SIZE): a 1 MiB body flows without a pause. */
export const STREAM_WINDOW = 1 << 20;
/** Our connection receive window, raised from 64 KiB by a WINDOW_UPDATE at the start. */
export const CONNECTION_WINDOW = 16 << 20;
/** Largest decoded header list we accept (SETTINGS_MAX_HEADER_LIST_SIZE, RFC 9113 §6.5.2 units). */
export const MAX_HEADER_LIST_SIZE = 64 * 1024;
/**
 * Largest header block we assemble across CONTINUATION frames. HPACK never makes a block much
 * larger than the list it decodes to, so a block above twice the list limit is a flood, not a
 * request: GOAWAY ENHANCE_YOUR_CALM before buffering more.
 */
const MAX_HEADER_BLOCK_BYTES = 2 * MAX_HEADER_LIST_SIZE;
/** Default SETTINGS_MAX_CONCURRENT_STREAMS: far above what one Envoy connection runs at once. */
export const DEFAULT_MAX_CONCURRENT_STREAMS = 10_000;
/** A stream's queued DATA above this makes `sendData` return false... */
const STREAM_HIGH_WATER = 64 * 1024;
/** ...and `whenWritable` waits until it is down to this, so a producer refills in batches, not per frame. */
const STREAM_LOW_WATER = 16 * 1024;
/** The socket's unwritten bytes above this make `sendData` return false on every stream... */
const SOCKET_HIGH_WATER = 1 << 20;
/** ...until they are down to this. */
const SOCKET_LOW_WATER = 256 * 1024;
/**
 * PING and SETTINGS acknowledgements queued while the socket cannot write, before the peer is
 * told to stop (GOAWAY ENHANCE_YOUR_CALM): a peer that sends them but does not read.
 */
const CONTROL_BACKLOG_LIMIT = 10_000;
/** How long a failed connection may take to flush its GOAWAY before the socket is destroyed. */
const CLOSE_GRACE_MS = 1000;

/** HPACK's initial dynamic table size (RFC 9113 §6.5.2): the peer's decoder assumes it until told otherwise. */
const INITIAL_HEADER_TABLE_SIZE = 4096;
/** A dynamic table size update to 0 (RFC 7541 §6.3): fits under any HEADER_TABLE_SIZE the peer picks. */
const TABLE_SIZE_ZERO = Buffer.from([0x20]);

const SETTINGS_ACK = Buffer.from([0, 0, 0, FrameType.SETTINGS, Flag.ACK, 0, 0, 0, 0]);
const KEEPALIVE_PING = Buffer.from('attache!', 'latin1');

/** A connection error: GOAWAY with `code`. */
export class H2ConnectionError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

/** Options of {@link H2ServerConnection}. */
export interface H2ServerOptions {
  /**
   * Makes the stream for a new request from its decoded header fields (`[name, value, …]`, in
   * order). The stream may be ended (or reset) before this returns.
   */
  readonly openStream: (connection: H2ServerConnection, id: number, fields: string[]) => H2ServerStream;
  /** SETTINGS_MAX_CONCURRENT_STREAMS; default {@link DEFAULT_MAX_CONCURRENT_STREAMS}. */
  readonly maxConcurrentStreams?: number | undefined;
  /** The connection failed (we sent GOAWAY with `code`), for the log. */
  readonly onError?: ((code: number, message: string) => void) | undefined;
  /** The socket closed; every stream has been told. */
  readonly onClose?: ((connection: H2ServerConnection) => void) | undefined;
  /** A PING we sent ({@link H2ServerConnection.ping}) was acknowledged. */
  readonly onPingAck?: (() => void) | undefined;
}

function closeLater(stream: H2ServerStream): void {
  stream.onClose();
}

/** One server connection; see the module comment. */
export class H2ServerConnection {
  readonly socket: net.Socket;
  readonly #options: H2ServerOptions;
  readonly #streams = new Map<number, H2ServerStream>();
  readonly #reader: FrameReader;
  readonly #decoder = new HpackDecoder();
  readonly #out = new OutBuffer();
  readonly #maxStreams: number;
  /** Our stream receive window, as the streams read it. */
  readonly streamWindow = STREAM_WINDOW;
  /** The peer's SETTINGS_INITIAL_WINDOW_SIZE: a new stream's send window. */
  peerInitialWindow = DEFAULT_WINDOW;
  #peerMaxFrame = DEFAULT_MAX_FRAME_SIZE;
  #sendWindow = DEFAULT_WINDOW;
  #receiveWindow = CONNECTION_WINDOW;
  #receiveUnacked = 0;
  /** Streams with DATA waiting for connection window, and streams waiting for `whenWritable`. */
  readonly #blocked = new Set<H2ServerStream>();
  readonly #waiting = new Set<H2ServerStream>();
  #prefaceAt = 0;
  #settingsSeen = false;
  /**
   * The peer lowered HEADER_TABLE_SIZE below what its decoder assumes of our table: our next
   * header block must open with a table size update, or nghttp2 (Envoy's codec) fails the
   * connection with COMPRESSION_ERROR (RFC 7541 §4.2). Once we have said 0, no later SETTINGS
   * can go below it.
   */
  #tableSizeUpdate = false;
  #tableSizeSaid = INITIAL_HEADER_TABLE_SIZE;
  /** Highest stream id the peer opened. */
  #lastStreamId = 0;
  /** A header block being assembled: its stream (0: none), HEADERS flags and fragments. */
  #continuing = 0;
  #blockFlags = 0;
  /** Whether the header block being read is of a stream that depends on itself (HEADERS' PRIORITY fields). */
  #selfDependent = false;
  #fragments: Buffer[] = [];
  #blockBytes = 0;
  #flushScheduled = false;
  #controlBacklog = 0;
  /** GOAWAY sent: NO_ERROR (draining, `#goawayId` the last stream served) or an error (closing). */
  #draining = false;
  #goawayId = 0;
  #failed = false;
  #closed = false;
  #peerGoaway = false;
  /** Socket reads so far: keepalive looks for change. */
  reads = 0;

  constructor(socket: net.Socket, options: H2ServerOptions) {
    this.socket = socket;
    this.#options = options;
    this.#maxStreams = options.maxConcurrentStreams ?? DEFAULT_MAX_CONCURRENT_STREAMS;
    this.#reader = new FrameReader(DEFAULT_MAX_FRAME_SIZE, this.#onFrame);
    socket.setNoDelay(true);
    socket.on('data', this.#onData);
    socket.on('drain', this.#onDrain);
    socket.on('error', swallow); // 'close' follows and ends every stream
    socket.on('close', this.#onSocketClose);
    this.#out.frame(
      settingsFrame([
        [Setting.MAX_CONCURRENT_STREAMS, this.#maxStreams],
        [Setting.INITIAL_WINDOW_SIZE, STREAM_WINDOW],
        [Setting.MAX_HEADER_LIST_SIZE, MAX_HEADER_LIST_SIZE],
      ]),
    );
    this.#out.frame(uint32Frame(FrameType.WINDOW_UPDATE, 0, CONNECTION_WINDOW - DEFAULT_WINDOW));
    this.#scheduleFlush();
  }

  /** Open streams (for tests and drain). */
  get streamCount(): number {
    return this.#streams.size;
  }

  /** True once the socket closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Sends a PING the peer must acknowledge (keepalive); `onPingAck` hears the answer. */
  ping(): void {
    if (this.#failed || this.#closed) return;
    this.#out.header(8, FrameType.PING, 0, 0);
    this.#out.payload(KEEPALIVE_PING);
    this.#scheduleFlush();
  }

  /**
   * Graceful close: GOAWAY(NO_ERROR) naming the last stream we will serve; later streams are
   * refused (REFUSED_STREAM, which a client retries elsewhere), open ones finish, and the socket
   * ends when the last one closes.
   */
  drain(): void {
    if (this.#draining || this.#failed || this.#closed) return;
    this.#draining = true;
    this.#goawayId = this.#lastStreamId;
    this.#out.frame(goawayFrame(this.#lastStreamId, ErrorCode.NO_ERROR));
    if (this.#streams.size === 0) this.#end();
    else this.#scheduleFlush();
  }

  /** Cuts the connection now; every stream closes before this returns. */
  destroy(): void {
    this.socket.destroy();
    this.#onSocketClose();
  }

  // --- receiving -------------------------------------------------------------------------------

  readonly #onData = (chunk: Buffer): void => {
    if (this.#failed) return;
    this.reads++;
    try {
      if (this.#prefaceAt < PREFACE.length) {
        const n = Math.min(PREFACE.length - this.#prefaceAt, chunk.length);
        if (chunk.compare(PREFACE, this.#prefaceAt, this.#prefaceAt + n, 0, n) !== 0) {
          throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'not an HTTP/2 connection preface');
        }
        this.#prefaceAt += n;
        if (n === chunk.length) return;
        chunk = chunk.subarray(n);
      }
      this.#reader.push(chunk);
    } catch (error) {
      if (error instanceof H2ConnectionError) this.#fail(error.code, error.message);
      else if (error instanceof FrameSizeError) this.#fail(ErrorCode.FRAME_SIZE_ERROR, error.message);
      else if (error instanceof HpackError) this.#fail(ErrorCode.COMPRESSION_ERROR, error.message);
      // Anything else is a bug (ours or a stream hook's): this connection ends, the process
      // and the other connections do not; `onError` reports it.
      else this.#fail(ErrorCode.INTERNAL_ERROR, `internal error: ${(error as Error).stack ?? String(error)}`);
    }
  };

  readonly #onFrame = (type: number, flags: number, id: number, payload: Buffer): void => {
    if (this.#continuing !== 0 && type !== FrameType.CONTINUATION) {
      throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'header block interrupted by another frame');
    }
    if (!this.#settingsSeen && type !== FrameType.SETTINGS) {
      throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'the first frame must be SETTINGS');
    }
    switch (type) {
      case FrameType.DATA:
        this.#data(flags, id, payload);
        break;
      case FrameType.HEADERS:
        this.#headers(flags, id, payload);
        break;
      case FrameType.CONTINUATION:
        this.#continuation(flags, id, payload);
        break;
      case FrameType.RST_STREAM:
        this.#rstStream(id, payload);
        break;
      case FrameType.SETTINGS:
        this.#settings(flags, id, payload);
        break;
      case FrameType.PING:
        this.#ping(flags, id, payload);
        break;
      case FrameType.GOAWAY:
        this.#goaway(id, payload);
        break;
      case FrameType.WINDOW_UPDATE:
        this.#windowUpdate(id, payload);
        break;
      case FrameType.PRIORITY:
        if (id === 0) throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'PRIORITY on stream 0');
        if (payload.length !== 5) this.#streamError(id, ErrorCode.FRAME_SIZE_ERROR);
        else if ((payload.readUInt32BE(0) & 0x7fff_ffff) === id) {
          // A stream cannot depend on itself (RFC 9113 §5.3.1).
          this.#streamError(id, ErrorCode.PROTOCOL_ERROR, this.#streams.get(id));
        }
        break;
      case FrameType.PUSH_PROMISE:
        throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'PUSH_PROMISE from a client');
      default:
      // Unknown frame types are ignored (RFC 9113 §4.1).
    }
  };

  #data(flags: number, id: number, payload: Buffer): void {
    if (id === 0) throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'DATA on stream 0');
    const length = payload.length;
    // Flow control counts the whole frame, padding included, whatever becomes of the stream.
    this.#receiveWindow -= length;
    if (this.#receiveWindow < 0) {
      throw new H2ConnectionError(ErrorCode.FLOW_CONTROL_ERROR, 'DATA beyond the connection window');
    }
    this.#receiveUnacked += length;
    if (this.#receiveUnacked >= CONNECTION_WINDOW / 2) {
      this.#out.frame(uint32Frame(FrameType.WINDOW_UPDATE, 0, this.#receiveUnacked));
      this.#receiveWindow += this.#receiveUnacked;
      this.#receiveUnacked = 0;
      this.#scheduleFlush();
    }
    let data = payload;
    if (flags & Flag.PADDED) {
      const pad = length > 0 ? (payload[0] as number) : 0;
      if (length === 0 || pad >= length) {
        throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'DATA padding longer than the frame');
      }
      data = payload.subarray(1, length - pad);
    }
    const stream = this.#streams.get(id);
    if (stream === undefined) {
      if (id > this.#lastStreamId)
        throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'DATA on an idle stream');
      return; // a stream we closed: frames the peer sent before it knew are ignored
    }
    if (stream.state & StreamState.REMOTE_ENDED) {
      this.#streamError(id, ErrorCode.STREAM_CLOSED, stream);
      return;
    }
    stream.receiveWindow -= length;
    if (stream.receiveWindow < 0) {
      this.#streamError(id, ErrorCode.FLOW_CONTROL_ERROR, stream);
      return;
    }
    const end = (flags & Flag.END_STREAM) !== 0;
    if (!end) {
      stream.receiveUnacked += length;
      if (stream.receiveUnacked >= STREAM_WINDOW / 2) {
        this.#out.frame(uint32Frame(FrameType.WINDOW_UPDATE, id, stream.receiveUnacked));
        stream.receiveWindow += stream.receiveUnacked;
        stream.receiveUnacked = 0;
        this.#scheduleFlush();
      }
    }
    if (data.length > 0) stream.push(data);
    if (end) this.#remoteEnd(stream);
  }

  #headers(flags: number, id: number, payload: Buffer): void {
    if (id === 0 || (id & 1) === 0) {
      throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, `HEADERS on stream ${id}, not a client stream`);
    }
    let at = 0;
    let end = payload.length;
    if (flags & Flag.PADDED) {
      if (end === 0) throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'HEADERS padding missing');
      end -= payload[0] as number;
      at = 1;
    }
    let selfDependent = false;
    if (flags & Flag.PRIORITY) {
      // A stream cannot depend on itself (RFC 9113 §5.3.1): a stream error once its block is read.
      selfDependent = at + 4 <= end && (payload.readUInt32BE(at) & 0x7fff_ffff) === id;
      at += 5;
    }
    if (at > end)
      throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'HEADERS padding longer than the frame');
    const fragment = payload.subarray(at, end);
    this.#selfDependent = selfDependent;
    if (flags & Flag.END_HEADERS) {
      this.#headerBlock(flags, id, fragment);
      return;
    }
    this.#continuing = id;
    this.#blockFlags = flags;
    this.#fragments = [fragment];
    this.#blockBytes = fragment.length;
  }

  #continuation(flags: number, id: number, payload: Buffer): void {
    if (this.#continuing === 0 || id !== this.#continuing) {
      throw new H2ConnectionError(
        ErrorCode.PROTOCOL_ERROR,
        'CONTINUATION without a header block to continue',
      );
    }
    this.#blockBytes += payload.length;
    if (this.#blockBytes > MAX_HEADER_BLOCK_BYTES) {
      throw new H2ConnectionError(
        ErrorCode.ENHANCE_YOUR_CALM,
        `header block above ${MAX_HEADER_BLOCK_BYTES} bytes across CONTINUATION frames`,
      );
    }
    this.#fragments.push(payload);
    if ((flags & Flag.END_HEADERS) === 0) return;
    const block = Buffer.concat(this.#fragments, this.#blockBytes);
    this.#continuing = 0;
    this.#fragments = [];
    this.#headerBlock(this.#blockFlags, id, block);
  }

  #headerBlock(flags: number, id: number, block: Buffer): void {
    // Every block is decoded, even one for a stream we refuse: the HPACK table is connection state.
    const fields = this.#decoder.decode(block);
    const end = (flags & Flag.END_STREAM) !== 0;
    const open = this.#streams.get(id);
    if (open !== undefined) {
      // Trailers: the peer's end of the stream.
      if (open.state & StreamState.REMOTE_ENDED) this.#streamError(id, ErrorCode.STREAM_CLOSED, open);
      else if (!end || malformedTrailers(fields) !== null)
        this.#streamError(id, ErrorCode.PROTOCOL_ERROR, open);
      else this.#remoteEnd(open);
      return;
    }
    if (id <= this.#lastStreamId) {
      // Trailers of a stream we already closed are ignored; a request reusing an id is an error.
      if (fields.length > 0 && (fields[0] as string).charCodeAt(0) === 0x3a /* : */) {
        throw new H2ConnectionError(
          ErrorCode.PROTOCOL_ERROR,
          `stream id ${id} reused (last was ${this.#lastStreamId})`,
        );
      }
      return;
    }
    this.#lastStreamId = id;
    if (this.#draining && id > this.#goawayId) {
      this.#streamError(id, ErrorCode.REFUSED_STREAM);
      return;
    }
    if (this.#streams.size >= this.#maxStreams) {
      this.#streamError(id, ErrorCode.REFUSED_STREAM);
      return;
    }
    // RFC 9113 §6.5.2's size: name + value + 32 a field. This walk stays apart from
    // malformedRequest's (and from the transport's own in openStream, which reads its fields by
    // name): it costs ~20 ns for Envoy's dozen fields, below what the streams benchmark can see,
    // and it turns an oversized list away before any value is scanned character by character.
    let listSize = 0;
    for (let i = 0; i < fields.length; i++) listSize += (fields[i] as string).length + 16;
    if (listSize > MAX_HEADER_LIST_SIZE) {
      this.#streamError(id, ErrorCode.ENHANCE_YOUR_CALM);
      return;
    }
    // A malformed request never reaches the application (RFC 9113 §8.1.1).
    if (this.#selfDependent || malformedRequest(fields) !== null) {
      this.#streamError(id, ErrorCode.PROTOCOL_ERROR);
      return;
    }
    const stream = this.#options.openStream(this, id, fields);
    if ((stream.state & StreamState.CLOSED) === 0) this.#streams.set(id, stream);
    if (end) this.#remoteEnd(stream);
  }

  #rstStream(id: number, payload: Buffer): void {
    if (id === 0) throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'RST_STREAM on stream 0');
    if (payload.length !== 4)
      throw new H2ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'RST_STREAM not 4 bytes');
    const stream = this.#streams.get(id);
    if (stream !== undefined) this.#close(stream, true);
    else if (id > this.#lastStreamId) {
      throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'RST_STREAM on an idle stream');
    }
    // A reset of a stream already closed (Envoy's END_STREAM then RST_STREAM) costs nothing.
  }

  #settings(flags: number, id: number, payload: Buffer): void {
    if (id !== 0) throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'SETTINGS on a stream');
    if (flags & Flag.ACK) {
      if (payload.length !== 0)
        throw new H2ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'SETTINGS ACK with a payload');
      return;
    }
    if (payload.length % 6 !== 0)
      throw new H2ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'SETTINGS not a multiple of 6 bytes');
    this.#settingsSeen = true;
    let grew = false;
    for (let at = 0; at < payload.length; at += 6) {
      const setting = payload.readUInt16BE(at);
      const value = payload.readUInt32BE(at + 2);
      if (setting === Setting.INITIAL_WINDOW_SIZE) {
        if (value > MAX_WINDOW) {
          throw new H2ConnectionError(
            ErrorCode.FLOW_CONTROL_ERROR,
            `INITIAL_WINDOW_SIZE ${value} above 2^31-1`,
          );
        }
        const delta = value - this.peerInitialWindow;
        this.peerInitialWindow = value;
        // Every open stream's window moves by the change, possibly below zero (RFC 9113 §6.9.2).
        for (const stream of this.#streams.values()) {
          stream.sendWindow += delta;
          if (stream.sendWindow > MAX_WINDOW) {
            throw new H2ConnectionError(
              ErrorCode.FLOW_CONTROL_ERROR,
              'INITIAL_WINDOW_SIZE overflows a stream window',
            );
          }
        }
        if (delta > 0) grew = true;
      } else if (setting === Setting.MAX_FRAME_SIZE) {
        if (value < DEFAULT_MAX_FRAME_SIZE || value > 0xff_ffff) {
          throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, `MAX_FRAME_SIZE ${value} out of range`);
        }
        this.#peerMaxFrame = value;
      } else if (setting === Setting.HEADER_TABLE_SIZE) {
        if (value < this.#tableSizeSaid) this.#tableSizeUpdate = true;
      } else if (setting === Setting.ENABLE_PUSH && value > 1) {
        throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, `ENABLE_PUSH ${value}`);
      }
      // Others: nothing for a server to do.
    }
    this.#control(SETTINGS_ACK);
    if (grew) for (const stream of [...this.#streams.values()]) this.pump(stream);
  }

  #ping(flags: number, id: number, payload: Buffer): void {
    if (id !== 0) throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'PING on a stream');
    if (payload.length !== 8) throw new H2ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'PING not 8 bytes');
    if (flags & Flag.ACK) {
      this.#options.onPingAck?.();
      return;
    }
    const ack = Buffer.allocUnsafe(17);
    ack.set([0, 0, 8, FrameType.PING, Flag.ACK, 0, 0, 0, 0]);
    ack.set(payload, 9);
    this.#control(ack);
  }

  #goaway(id: number, payload: Buffer): void {
    if (id !== 0) throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'GOAWAY on a stream');
    if (payload.length < 8)
      throw new H2ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'GOAWAY shorter than 8 bytes');
    // The peer opens no more streams; ours finish, and the socket ends with the last of them.
    this.#peerGoaway = true;
    if (this.#streams.size === 0) this.#end();
  }

  #windowUpdate(id: number, payload: Buffer): void {
    if (payload.length !== 4)
      throw new H2ConnectionError(ErrorCode.FRAME_SIZE_ERROR, 'WINDOW_UPDATE not 4 bytes');
    const increment = payload.readUInt32BE(0) & 0x7fff_ffff;
    if (id === 0) {
      if (increment === 0) throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'WINDOW_UPDATE of 0');
      this.#sendWindow += increment;
      if (this.#sendWindow > MAX_WINDOW) {
        throw new H2ConnectionError(ErrorCode.FLOW_CONTROL_ERROR, 'connection window above 2^31-1');
      }
      if (this.#blocked.size > 0) {
        const blocked = [...this.#blocked];
        this.#blocked.clear();
        for (const stream of blocked) this.pump(stream);
      }
      return;
    }
    const stream = this.#streams.get(id);
    if (stream === undefined) {
      if (id > this.#lastStreamId) {
        throw new H2ConnectionError(ErrorCode.PROTOCOL_ERROR, 'WINDOW_UPDATE on an idle stream');
      }
      return;
    }
    if (increment === 0) {
      this.#streamError(id, ErrorCode.PROTOCOL_ERROR, stream);
      return;
    }
    stream.sendWindow += increment;
    if (stream.sendWindow > MAX_WINDOW) {
      this.#streamError(id, ErrorCode.FLOW_CONTROL_ERROR, stream);
      return;
    }
    this.pump(stream);
  }

  /** The peer ended its side of `stream`. */
  #remoteEnd(stream: H2ServerStream): void {
    if (stream.state & StreamState.CLOSED) return;
    stream.state |= StreamState.REMOTE_ENDED;
    stream.onEnd();
    if (stream.state & StreamState.LOCAL_ENDED) this.#close(stream, true);
  }

  /** A stream error: RST_STREAM `code`, and the stream (if open) closes. */
  #streamError(id: number, code: number, stream?: H2ServerStream): void {
    this.#out.frame(uint32Frame(FrameType.RST_STREAM, id, code));
    this.#scheduleFlush();
    if (stream !== undefined) this.#close(stream, true);
  }

  // --- sending ---------------------------------------------------------------------------------

  /** @internal Writes a header block on `stream` (HEADERS, CONTINUATION when above the peer's frame size). */
  writeHeaders(stream: H2ServerStream, block: Uint8Array, endStream: boolean): void {
    if (this.#failed || this.#closed) return;
    if (this.#tableSizeUpdate) {
      // After the SETTINGS ACK (queued before this block), so the peer's decoder expects it here.
      block = Buffer.concat([TABLE_SIZE_ZERO, block]);
      this.#tableSizeUpdate = false;
      this.#tableSizeSaid = 0;
    }
    const out = this.#out;
    const id = stream.id;
    const end = endStream ? Flag.END_STREAM : 0;
    const max = this.#peerMaxFrame;
    if (block.length <= max) {
      out.header(block.length, FrameType.HEADERS, Flag.END_HEADERS | end, id);
      out.payload(block);
    } else {
      let at = 0;
      while (at < block.length) {
        const n = Math.min(max, block.length - at);
        const last = at + n === block.length ? Flag.END_HEADERS : 0;
        out.header(
          n,
          at === 0 ? FrameType.HEADERS : FrameType.CONTINUATION,
          at === 0 ? end | last : last,
          id,
        );
        out.payload(block.subarray(at, at + n));
        at += n;
      }
    }
    this.#scheduleFlush();
    if (endStream) {
      stream.state |= StreamState.LOCAL_ENDING;
      this.#localEnded(stream);
    }
  }

  /** @internal Sends what `stream` has queued as far as both windows allow, then its trailers. */
  pump(stream: H2ServerStream): void {
    if (stream.state & StreamState.CLOSED || this.#failed || this.#closed) return;
    const out = this.#out;
    const queue = stream.queue;
    while (stream.queuedBytes > 0 && queue !== null) {
      let n = stream.queuedBytes;
      if (n > stream.sendWindow) n = stream.sendWindow;
      if (n > this.#sendWindow) n = this.#sendWindow;
      if (n > this.#peerMaxFrame) n = this.#peerMaxFrame;
      if (n <= 0) {
        if (this.#sendWindow <= 0 && stream.sendWindow > 0) this.#blocked.add(stream);
        break;
      }
      out.header(n, FrameType.DATA, 0, stream.id);
      stream.sendWindow -= n;
      this.#sendWindow -= n;
      stream.queuedBytes -= n;
      // Take n bytes off the queue, by reference (a part cut at the window is a view of it).
      while (n > 0) {
        const part = queue[stream.queueHead] as Uint8Array;
        const offset = stream.queueOffset;
        const available = part.length - offset;
        if (available <= n) {
          out.payload(offset === 0 ? part : part.subarray(offset));
          n -= available;
          queue[stream.queueHead++] = EMPTY;
          stream.queueOffset = 0;
        } else {
          out.payload(part.subarray(offset, offset + n));
          stream.queueOffset = offset + n;
          n = 0;
        }
      }
      if (stream.queueHead === queue.length) {
        queue.length = 0;
        stream.queueHead = 0;
      }
    }
    this.#scheduleFlush();
    if (stream.queuedBytes === 0 && stream.trailers !== null) {
      const trailers = stream.trailers;
      stream.trailers = null;
      this.writeHeaders(stream, trailers, true);
      return;
    }
    if (stream.waiters !== null && this.#drained(stream)) {
      this.#waiting.delete(stream);
      stream.wake();
    }
  }

  /** @internal Whether `stream` can take more DATA without passing a buffer limit. */
  writable(stream: H2ServerStream): boolean {
    return (
      stream.queuedBytes <= STREAM_HIGH_WATER &&
      this.#out.bytes + this.socket.writableLength <= SOCKET_HIGH_WATER
    );
  }

  /** Whether `stream`, once full, has drained enough to be written again. */
  #drained(stream: H2ServerStream): boolean {
    return (
      stream.queuedBytes <= STREAM_LOW_WATER &&
      this.#out.bytes + this.socket.writableLength <= SOCKET_LOW_WATER
    );
  }

  /** @internal `stream` has `whenWritable` waiters: wake them when it can take more. */
  waitWritable(stream: H2ServerStream): void {
    this.#waiting.add(stream);
  }

  /** @internal Resets `stream` at the application's request. */
  resetStream(stream: H2ServerStream, code: number): void {
    if (stream.state & StreamState.CLOSED) return;
    if (!this.#failed && !this.#closed) {
      this.#out.frame(uint32Frame(FrameType.RST_STREAM, stream.id, code));
      this.#scheduleFlush();
    }
    this.#close(stream, false);
  }

  /** Our END_STREAM went out on `stream`. */
  #localEnded(stream: H2ServerStream): void {
    stream.state |= StreamState.LOCAL_ENDED;
    if ((stream.state & StreamState.REMOTE_ENDED) === 0) {
      // The response is complete before the request: ask the peer to stop sending, without
      // error (RFC 9113 §8.1), so the stream closes now instead of waiting on the peer.
      this.#out.frame(uint32Frame(FrameType.RST_STREAM, stream.id, ErrorCode.NO_ERROR));
    }
    this.#close(stream, false);
  }

  /**
   * Forgets `stream` and tells it (now, or on the next tick when we closed it ourselves, so that
   * `onClose` never runs inside the call that ended the stream).
   */
  #close(stream: H2ServerStream, now: boolean): void {
    if (stream.state & StreamState.CLOSED) return;
    stream.state |= StreamState.CLOSED;
    this.#streams.delete(stream.id);
    stream.queue = null;
    stream.queuedBytes = 0;
    stream.trailers = null;
    this.#blocked.delete(stream);
    if (stream.waiters !== null) {
      this.#waiting.delete(stream);
      stream.wake();
    }
    if (now) stream.onClose();
    else process.nextTick(closeLater, stream);
    if (this.#streams.size === 0 && (this.#draining || this.#peerGoaway)) this.#end();
  }

  /** Queues a PING or SETTINGS acknowledgement; a peer that sends them but does not read is stopped. */
  #control(frame: Buffer): void {
    if (this.socket.writableNeedDrain && ++this.#controlBacklog > CONTROL_BACKLOG_LIMIT) {
      throw new H2ConnectionError(
        ErrorCode.ENHANCE_YOUR_CALM,
        `${CONTROL_BACKLOG_LIMIT} PING/SETTINGS acknowledgements unread by the peer`,
      );
    }
    this.#out.frame(frame);
    this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(this.#flush);
  }

  /** Writes everything gathered since the last flush in one socket write (a writev when several chunks). */
  readonly #flush = (): void => {
    this.#flushScheduled = false;
    if (this.#out.bytes === 0 || this.#closed) return;
    const chunks = this.#out.take();
    const socket = this.socket;
    if (socket.destroyed) return;
    if (chunks.length === 1) {
      socket.write(chunks[0] as Uint8Array);
      return;
    }
    socket.cork();
    for (let i = 0; i < chunks.length; i++) socket.write(chunks[i] as Uint8Array);
    socket.uncork();
  };

  readonly #onDrain = (): void => {
    this.#controlBacklog = 0;
    if (this.#waiting.size === 0) return;
    for (const stream of [...this.#waiting]) {
      if (!this.#drained(stream)) continue;
      this.#waiting.delete(stream);
      stream.wake();
    }
  };

  /** Flushes, then ends the socket (after GOAWAY, once no stream is left). */
  #end(): void {
    this.#flush();
    if (!this.socket.destroyed) this.socket.end();
  }

  /** A connection error: GOAWAY with `code`, every stream closed, the socket ended. */
  #fail(code: number, message: string): void {
    if (this.#failed || this.#closed) return;
    this.#failed = true;
    this.#reader.stop();
    this.#continuing = 0;
    this.#out.frame(goawayFrame(this.#lastStreamId, code));
    this.#flush();
    this.#options.onError?.(code, message);
    const socket = this.socket;
    socket.end();
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
    this.#closeAll();
  }

  #closeAll(): void {
    for (const stream of [...this.#streams.values()]) this.#close(stream, true);
  }

  readonly #onSocketClose = (): void => {
    if (this.#closed) return;
    this.#closed = true;
    this.#reader.stop();
    this.#closeAll();
    this.#options.onClose?.(this);
  };
}

const EMPTY = new Uint8Array(0);

function swallow(): void {}
