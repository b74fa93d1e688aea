/**
 * A raw HTTP/2 client for the transport conformance battery (h2-conformance*.test.ts): it writes
 * exactly the frames a case asks for over a `net.Socket`, and records every frame the server
 * sends, decoded as far as HTTP/2 defines (header blocks through HPACK, DATA per stream, SETTINGS,
 * GOAWAY, RST_STREAM), with the flow-control checks a receiver makes.
 *
 * It is deliberately dumb about the server: it never reacts to what it reads except where
 * RFC 9113 obliges every client to (acknowledging SETTINGS and PINGs) and, when asked
 * (`autoWindow`), giving back the window DATA used. Everything else is the case's to write.
 *
 * The kit's HTTP/2 primitives are imported here only, and re-exported: the battery imports
 * them through this module, so moving the primitives changes one import path.
 *
 * @module
 */
import net from 'node:net';
import { FrameReader } from '../h2/frame-reader.js';
import {
  DEFAULT_MAX_FRAME_SIZE,
  DEFAULT_WINDOW,
  ErrorCode,
  Flag,
  FrameType,
  frame,
  HEADER_BYTES,
  MAX_WINDOW,
  PREFACE,
  Setting,
  settingsFrame,
  uint32Frame,
} from '../h2/frames.js';
import { HpackDecoder } from '../h2/hpack-decoder.js';
import { encodeInt } from '../h2/hpack-literals.js';
import { CONNECTION_SPECIFIC } from '../h2/request-fields.js';
import { unpad } from '../testing/h2/connection.js';
import { RequestHeaderEncoder } from '../testing/h2/hpack-encoder.js';

export {
  DEFAULT_MAX_FRAME_SIZE,
  DEFAULT_WINDOW,
  ErrorCode,
  Flag,
  FrameType,
  frame,
  HEADER_BYTES,
  MAX_WINDOW,
  PREFACE,
  RequestHeaderEncoder,
  Setting,
  settingsFrame,
  uint32Frame,
};

/** The largest frame payload HTTP/2 can express (RFC 9113 §4.2): what the reader accepts, so an oversized frame is recorded as a violation rather than thrown. */
const MAX_FRAME_PAYLOAD = (1 << 24) - 1;

/** One frame as received (its payload copied, so it outlives the socket chunk). */
export interface ReceivedFrame {
  readonly type: number;
  readonly flags: number;
  readonly streamId: number;
  readonly payload: Buffer;
}

/** A GOAWAY the server sent (RFC 9113 §6.8). */
export interface Goaway {
  readonly lastStreamId: number;
  readonly code: number;
  readonly debug: string;
}

/** Everything the server sent on one stream. */
export class StreamReply {
  /** The first header block (the response headers), name → value (a repeated name: joined with ", "). */
  headers: Record<string, string> | null = null;
  /** The second header block (the trailers), or null. */
  trailers: Record<string, string> | null = null;
  /** HEADERS frames received (CONTINUATIONs not counted). */
  headerFrames = 0;
  /** DATA payloads in order, padding removed. */
  readonly data: Buffer[] = [];
  /** DATA frames received, and the largest one's length (padding included: what flow control counts). */
  dataFrames = 0;
  largestData = 0;
  /** The server ended its side (END_STREAM on DATA or HEADERS). */
  ended = false;
  /** RST_STREAM's error code, if the server reset the stream. */
  reset: number | null = null;

  /** The response body so far. */
  body(): Buffer {
    return Buffer.concat(this.data);
  }

  /** Done from the server's side: ended or reset. */
  get closed(): boolean {
    return this.ended || this.reset !== null;
  }
}

/** Options of {@link H2Peer.connect}. */
export interface H2PeerOptions {
  /** Written first; default the client preface. `null`: nothing (the case writes its own). */
  readonly preface?: Buffer | null;
  /** The client's SETTINGS, sent right after the preface (default: none, an empty SETTINGS frame). */
  readonly settings?: ReadonlyArray<readonly [number, number]>;
  /** Give back every DATA frame's length to the stream and the connection at once (default true). */
  readonly autoWindow?: boolean;
}

type Waiter = { check: () => boolean; resolve: () => void; reject: (error: Error) => void; what: string };

/** A header block still waiting for its CONTINUATION frames. */
type OpenBlock = { streamId: number; endStream: boolean; fragments: Buffer[] };

/**
 * One HTTP/2 client connection, as raw as a case needs; see the module comment. Frames the server
 * sends are decoded as they arrive; {@link until} waits for a state a case expects.
 */
export class H2Peer {
  readonly socket: net.Socket;
  /** Every frame received, in order. */
  readonly frames: ReceivedFrame[] = [];
  /** The server's settings, as its SETTINGS frames announced them (later frames override). */
  readonly serverSettings = new Map<number, number>();
  /** SETTINGS frames received with ACK. */
  settingsAcks = 0;
  /** PING ACK payloads received, in order. */
  readonly pingAcks: Buffer[] = [];
  /** The first GOAWAY received, and every one after it. */
  readonly goaways: Goaway[] = [];
  /** What the server did that a receiver must treat as an error (windows, frame sizes, header blocks). */
  readonly violations: string[] = [];
  /** The socket has closed. */
  closed = false;

  readonly #streams = new Map<number, StreamReply>();
  /** Decodes the server's header blocks, within the HEADER_TABLE_SIZE the client's SETTINGS announce. */
  readonly #decoder: HpackDecoder;
  readonly #reader: FrameReader;
  readonly #waiters: Waiter[] = [];
  readonly #autoWindow: boolean;
  /** A header block still waiting for CONTINUATION frames, or null. */
  #block: OpenBlock | null = null;

  // Receive flow control (our windows, which the server must respect).
  #ownInitialWindow: number = DEFAULT_WINDOW;
  #ownMaxFrameSize: number = DEFAULT_MAX_FRAME_SIZE;
  #recvConnection: number = DEFAULT_WINDOW;
  readonly #recvStream = new Map<number, number>();

  // Send flow control (the server's windows, which we respect in sendData).
  #sendConnection: number = DEFAULT_WINDOW;
  readonly #sendStream = new Map<number, number>();

  private constructor(socket: net.Socket, options: H2PeerOptions) {
    this.socket = socket;
    this.#autoWindow = options.autoWindow ?? true;
    const table = options.settings?.find(([id]) => id === Setting.HEADER_TABLE_SIZE);
    this.#decoder = new HpackDecoder(table === undefined ? 4096 : table[1]);
    this.#reader = new FrameReader(MAX_FRAME_PAYLOAD, (type, flags, streamId, payload) =>
      this.#onFrame(type, flags, streamId, Buffer.from(payload)),
    );
    socket.on('data', (chunk: Buffer) => {
      this.#reader.push(chunk);
      this.#wake();
    });
    socket.on('error', () => {}); // a reset connection shows as 'close'
    socket.on('close', () => {
      this.closed = true;
      this.#reader.stop();
      this.#wake();
    });
  }

  /** Connects to `address` (`host:port`) and writes the preface and the client's SETTINGS. */
  static connect(address: string, options: H2PeerOptions = {}): Promise<H2Peer> {
    const at = address.lastIndexOf(':');
    const socket = net.connect({ host: address.slice(0, at), port: Number(address.slice(at + 1)) });
    socket.setNoDelay(true);
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        const peer = new H2Peer(socket, options);
        const preface = options.preface === undefined ? PREFACE : options.preface;
        if (preface !== null) {
          peer.write(preface);
          peer.settings(options.settings ?? []);
        }
        resolve(peer);
      });
    });
  }

  /** What the server sent on `streamId` (an empty record if nothing yet). */
  stream(streamId: number): StreamReply {
    let reply = this.#streams.get(streamId);
    if (reply === undefined) {
      reply = new StreamReply();
      this.#streams.set(streamId, reply);
    }
    return reply;
  }

  /** The first GOAWAY, or null. */
  get goaway(): Goaway | null {
    return this.goaways[0] ?? null;
  }

  /** Writes raw bytes (ignored once the socket closed: a case may write after the server hung up). */
  write(bytes: Uint8Array): void {
    if (!this.closed && !this.socket.destroyed) this.socket.write(bytes);
  }

  /**
   * Sends a SETTINGS frame, and applies what it changes to the windows the server must respect
   * (RFC 9113 §6.9.2: a new INITIAL_WINDOW_SIZE moves every open stream's window by the difference).
   */
  settings(settings: ReadonlyArray<readonly [number, number]>): void {
    for (const [id, value] of settings) {
      if (id === Setting.INITIAL_WINDOW_SIZE) {
        const delta = value - this.#ownInitialWindow;
        this.#ownInitialWindow = value;
        for (const [streamId, window] of this.#recvStream) this.#recvStream.set(streamId, window + delta);
      } else if (id === Setting.MAX_FRAME_SIZE) {
        this.#ownMaxFrameSize = value;
      }
    }
    this.write(settingsFrame(settings));
  }

  /** Opens `increment` more of our receive window on `streamId` (0: the connection). */
  windowUpdate(streamId: number, increment: number): void {
    if (streamId === 0) this.#recvConnection += increment;
    else this.#recvStream.set(streamId, this.#recvWindow(streamId) + increment);
    this.write(uint32Frame(FrameType.WINDOW_UPDATE, streamId, increment));
  }

  /**
   * A HEADERS frame on `streamId` carrying `block`, optionally padded, with the PRIORITY flag's
   * fields, or split over HEADERS + CONTINUATION frames of at most `split` bytes of block each.
   */
  headers(
    streamId: number,
    block: Buffer,
    options: { endStream?: boolean; pad?: number; priority?: boolean; split?: number } = {},
  ): void {
    this.#recvStream.set(streamId, this.#recvWindow(streamId));
    const split = options.split ?? block.length;
    const first = block.subarray(0, split);
    const parts: Buffer[] = [];
    let flags = options.endStream ? Flag.END_STREAM : 0;
    if (first.length === block.length) flags |= Flag.END_HEADERS;
    if (options.pad !== undefined) {
      flags |= Flag.PADDED;
      parts.push(Buffer.from([options.pad]));
    }
    if (options.priority) {
      flags |= Flag.PRIORITY;
      // Depends on stream 0 (the root), not exclusive, weight 16 (encoded as 15).
      parts.push(Buffer.from([0, 0, 0, 0, 15]));
    }
    parts.push(first);
    if (options.pad !== undefined) parts.push(Buffer.alloc(options.pad));
    const out = [frame(FrameType.HEADERS, flags, streamId, Buffer.concat(parts))];
    for (let at = split; at < block.length; at += split) {
      const piece = block.subarray(at, at + split);
      const last = at + split >= block.length;
      out.push(frame(FrameType.CONTINUATION, last ? Flag.END_HEADERS : 0, streamId, piece));
    }
    this.write(Buffer.concat(out));
  }

  /**
   * One DATA frame, ignoring the server's windows (for cases about framing, with small payloads);
   * `pad` adds that many padding bytes. Deducted from what {@link sendData} may send.
   */
  data(streamId: number, payload: Uint8Array, options: { endStream?: boolean; pad?: number } = {}): void {
    let flags = options.endStream ? Flag.END_STREAM : 0;
    let body: Uint8Array = payload;
    if (options.pad !== undefined) {
      flags |= Flag.PADDED;
      body = Buffer.concat([Buffer.from([options.pad]), payload, Buffer.alloc(options.pad)]);
    }
    this.#sendConnection -= body.length;
    this.#sendStream.set(streamId, this.#sendWindow(streamId) - body.length);
    this.write(frame(FrameType.DATA, flags, streamId, body));
  }

  /**
   * Sends `payload` on `streamId` as DATA frames no larger than the server's windows and its
   * SETTINGS_MAX_FRAME_SIZE allow, waiting for its WINDOW_UPDATEs when they are spent; resolves
   * once everything is written. Rejects if the connection closes first.
   */
  async sendData(streamId: number, payload: Uint8Array, endStream: boolean): Promise<void> {
    let at = 0;
    while (at < payload.length) {
      await this.until(
        () => Math.min(this.#sendConnection, this.#sendWindow(streamId)) > 0,
        `send window on stream ${streamId} (${at} of ${payload.length} bytes sent)`,
      );
      // Another sender on this connection may have spent the window since the wait ended.
      const room = Math.min(this.#sendConnection, this.#sendWindow(streamId), this.serverMaxFrameSize);
      if (room <= 0) continue;
      const piece = payload.subarray(at, Math.min(payload.length, at + room));
      at += piece.length;
      this.data(streamId, piece, { endStream: endStream && at === payload.length });
    }
    if (payload.length === 0) this.data(streamId, payload, { endStream });
  }

  /** RST_STREAM on `streamId` with `code`. */
  reset(streamId: number, code: number): void {
    this.write(uint32Frame(FrameType.RST_STREAM, streamId, code));
  }

  /** The server's SETTINGS_MAX_FRAME_SIZE (what we may send). */
  get serverMaxFrameSize(): number {
    return this.serverSettings.get(Setting.MAX_FRAME_SIZE) ?? DEFAULT_MAX_FRAME_SIZE;
  }

  /** Our receive window left on `streamId` (0: the connection). */
  receiveWindow(streamId: number): number {
    return streamId === 0 ? this.#recvConnection : this.#recvWindow(streamId);
  }

  /**
   * Resolves once `check()` holds (checked now, after every chunk received and at close);
   * rejects, naming `what`, if the socket closes with it still false.
   */
  until(check: () => boolean, what = 'a condition'): Promise<void> {
    if (check()) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error(`connection closed before ${what}`));
    return new Promise((resolve, reject) => this.#waiters.push({ check, resolve, reject, what }));
  }

  /** Resolves once the socket has closed (the server ended the connection). */
  untilClosed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  /** Closes the socket. */
  close(): void {
    this.socket.destroy();
  }

  #recvWindow(streamId: number): number {
    return this.#recvStream.get(streamId) ?? this.#ownInitialWindow;
  }

  #sendWindow(streamId: number): number {
    return (
      this.#sendStream.get(streamId) ?? this.serverSettings.get(Setting.INITIAL_WINDOW_SIZE) ?? DEFAULT_WINDOW
    );
  }

  #wake(): void {
    for (let i = 0; i < this.#waiters.length; ) {
      const waiter = this.#waiters[i] as Waiter;
      if (waiter.check()) {
        this.#waiters.splice(i, 1);
        waiter.resolve();
      } else if (this.closed) {
        this.#waiters.splice(i, 1);
        waiter.reject(new Error(`connection closed before ${waiter.what}`));
      } else {
        i++;
      }
    }
  }

  #onFrame(type: number, flags: number, streamId: number, payload: Buffer): void {
    this.frames.push({ type, flags, streamId, payload });
    if (this.frames.length === 1 && (type !== FrameType.SETTINGS || flags & Flag.ACK)) {
      this.violations.push(`the server's preface is not a SETTINGS frame but type ${type} (RFC 9113 §3.4)`);
    }
    if (this.#block !== null && type !== FrameType.CONTINUATION) {
      this.violations.push(`frame type ${type} inside the header block of stream ${this.#block.streamId}`);
    }
    switch (type) {
      case FrameType.DATA:
        this.#onData(flags, streamId, payload);
        break;
      case FrameType.HEADERS:
        this.#onHeaders(flags, streamId, payload);
        break;
      case FrameType.CONTINUATION:
        this.#onContinuation(flags, streamId, payload);
        break;
      case FrameType.RST_STREAM:
        this.stream(streamId).reset = payload.readUInt32BE(0);
        break;
      case FrameType.SETTINGS:
        this.#onSettings(flags, payload);
        break;
      case FrameType.PING:
        if (flags & Flag.ACK) this.pingAcks.push(payload);
        else this.write(frame(FrameType.PING, Flag.ACK, 0, payload));
        break;
      case FrameType.GOAWAY:
        this.goaways.push({
          lastStreamId: payload.readUInt32BE(0) & 0x7fff_ffff,
          code: payload.readUInt32BE(4),
          debug: payload.subarray(8).toString('latin1'),
        });
        break;
      case FrameType.WINDOW_UPDATE: {
        const increment = payload.readUInt32BE(0) & 0x7fff_ffff;
        if (streamId === 0) this.#sendConnection += increment;
        else this.#sendStream.set(streamId, this.#sendWindow(streamId) + increment);
        break;
      }
      case FrameType.PUSH_PROMISE:
        // Allowed by the default SETTINGS_ENABLE_PUSH, but no gRPC server pushes.
        this.violations.push(`PUSH_PROMISE on stream ${streamId}`);
        break;
      default:
        break;
    }
  }

  #onData(flags: number, streamId: number, payload: Buffer): void {
    const reply = this.stream(streamId);
    const length = payload.length;
    if (length > this.#ownMaxFrameSize) {
      this.violations.push(`DATA of ${length} bytes above our MAX_FRAME_SIZE ${this.#ownMaxFrameSize}`);
    }
    this.#recvConnection -= length;
    const window = this.#recvWindow(streamId) - length;
    this.#recvStream.set(streamId, window);
    if (this.#recvConnection < 0)
      this.violations.push(`DATA overran the connection window by ${-this.#recvConnection}`);
    if (window < 0) this.violations.push(`DATA overran stream ${streamId}'s window by ${-window}`);
    reply.dataFrames++;
    reply.largestData = Math.max(reply.largestData, length);
    const data = unpad(flags, payload, 0);
    if (data === null) this.violations.push(`DATA on stream ${streamId} with padding longer than the frame`);
    else reply.data.push(data);
    if (flags & Flag.END_STREAM) reply.ended = true;
    if (this.#autoWindow && length > 0) {
      this.windowUpdate(0, length);
      if (!(flags & Flag.END_STREAM)) this.windowUpdate(streamId, length);
    }
  }

  #onHeaders(flags: number, streamId: number, payload: Buffer): void {
    this.stream(streamId).headerFrames++;
    const fragment = unpad(flags, payload, flags & Flag.PRIORITY ? 5 : 0);
    if (fragment === null) {
      this.violations.push(`HEADERS on stream ${streamId} with padding longer than the frame`);
      return;
    }
    this.#block = { streamId, endStream: (flags & Flag.END_STREAM) !== 0, fragments: [fragment] };
    if (flags & Flag.END_HEADERS) this.#endBlock();
  }

  #onContinuation(flags: number, streamId: number, payload: Buffer): void {
    if (this.#block === null || this.#block.streamId !== streamId) {
      this.violations.push(`CONTINUATION on stream ${streamId} outside a header block`);
      return;
    }
    this.#block.fragments.push(payload);
    if (flags & Flag.END_HEADERS) this.#endBlock();
  }

  #endBlock(): void {
    const block = this.#block as OpenBlock;
    this.#block = null;
    const reply = this.stream(block.streamId);
    let fields: string[];
    try {
      fields = this.#decoder.decode(Buffer.concat(block.fragments));
    } catch (error) {
      this.violations.push(
        `undecodable header block on stream ${block.streamId}: ${(error as Error).message}`,
      );
      return;
    }
    const record: Record<string, string> = {};
    const trailers = reply.headers !== null;
    let regularSeen = false;
    for (let i = 0; i < fields.length; i += 2) {
      const name = fields[i] as string;
      const value = fields[i + 1] as string;
      const problem = fieldProblem(name, trailers, regularSeen);
      if (problem !== null) this.violations.push(`stream ${block.streamId}: ${problem}`);
      if (!name.startsWith(':')) regularSeen = true;
      record[name] = record[name] === undefined ? value : `${record[name]}, ${value}`;
    }
    if (reply.headers === null) reply.headers = record;
    else reply.trailers = record;
    if (block.endStream) reply.ended = true;
  }

  #onSettings(flags: number, payload: Buffer): void {
    if (flags & Flag.ACK) {
      this.settingsAcks++;
      return;
    }
    for (let at = 0; at + 6 <= payload.length; at += 6) {
      const id = payload.readUInt16BE(at);
      const value = payload.readUInt32BE(at + 2);
      if (id === Setting.INITIAL_WINDOW_SIZE) {
        const delta = value - (this.serverSettings.get(id) ?? DEFAULT_WINDOW);
        for (const [streamId, window] of this.#sendStream) this.#sendStream.set(streamId, window + delta);
      }
      this.serverSettings.set(id, value);
    }
    this.write(frame(FrameType.SETTINGS, Flag.ACK, 0));
  }
}

/** What is wrong with a field of a response header block (RFC 9113 §8.2, §8.3.2), or null. */
function fieldProblem(name: string, trailers: boolean, regularSeen: boolean): string | null {
  if (name !== name.toLowerCase()) return `upper-case field name ${name} (RFC 9113 §8.2.1)`;
  if (CONNECTION_SPECIFIC.has(name)) return `connection-specific field ${name} (RFC 9113 §8.2.2)`;
  if (name.startsWith(':')) {
    if (trailers) return `pseudo-header ${name} in trailers (RFC 9113 §8.1)`;
    if (regularSeen) return `pseudo-header ${name} after a regular field (RFC 9113 §8.3)`;
    if (name !== ':status') return `response pseudo-header ${name} (RFC 9113 §8.3.2)`;
  }
  return null;
}

/**
 * A header block of `fields` as HPACK literals without indexing and with literal names (RFC 7541
 * §6.2.2), no Huffman coding: valid on any connection, whatever its dynamic table holds.
 */
export function literalBlock(fields: ReadonlyArray<readonly [string, string]>): Buffer {
  const out: number[] = [];
  for (const [name, value] of fields) {
    out.push(0x00);
    literal(out, name);
    literal(out, value);
  }
  return Buffer.from(out);
}

function literal(out: number[], text: string): void {
  encodeInt(out, text.length, 7, 0);
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) & 0xff);
}
