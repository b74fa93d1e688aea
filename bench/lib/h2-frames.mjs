// A minimal HTTP/2 client connection speaking raw frames over a TCP socket, for the load
// generator only. It exists because node:http2's client costs about as much CPU per stream as
// the raw-h2 reference server, so it cannot drive that server to saturation from one core.
//
// What it does, and no more:
//   * connection preface, SETTINGS (+ ACK), PING ACK, connection-level flow control both ways;
//   * request headers HPACK-encoded once with incremental indexing, then sent as 7 indexed
//     fields (what a real client such as Envoy's nghttp2/oghttp2 sends after the first request);
//   * streams: HEADERS + DATA (one gRPC frame), then half-close (+ RST_STREAM in rst mode);
//   * it recognises the end of the first gRPC message in the server's DATA frames, a server
//     RST_STREAM, a trailers-only answer (HEADERS with END_STREAM before any DATA) and GOAWAY.
// It never decodes the server's header blocks (HPACK state only matters to a decoder), so it
// cannot read grpc-status; bench/streams.mjs checks every server's answer with node:http2 first.
import net from 'node:net';

const FRAME_DATA = 0x0;
const FRAME_HEADERS = 0x1;
const FRAME_RST_STREAM = 0x3;
const FRAME_SETTINGS = 0x4;
const FRAME_PING = 0x6;
const FRAME_GOAWAY = 0x7;
const FRAME_WINDOW_UPDATE = 0x8;
const FLAG_END_STREAM = 0x1;
const FLAG_ACK = 0x1;
const FLAG_END_HEADERS = 0x4;
const FLAG_PADDED = 0x8;
const SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
const SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
/** Receive window we advertise (per stream and for the connection). */
const WINDOW = 16 * 1024 * 1024;
const DEFAULT_WINDOW = 65_535;

function frameHeader(length, type, flags, streamId) {
  const h = Buffer.allocUnsafe(9);
  h.writeUIntBE(length, 0, 3);
  h[3] = type;
  h[4] = flags;
  h.writeUInt32BE(streamId, 5);
  return h;
}

function frame(type, flags, streamId, payload = Buffer.alloc(0)) {
  return Buffer.concat([frameHeader(payload.length, type, flags, streamId), payload]);
}

/** HPACK integer (RFC 7541 §5.1) with an `n`-bit prefix, first byte or-ed with `mask`. */
function hpackInt(value, n, mask) {
  const max = (1 << n) - 1;
  if (value < max) return [mask | value];
  const out = [mask | max];
  let v = value - max;
  while (v >= 128) {
    out.push((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out.push(v);
  return out;
}

function hpackString(text) {
  const bytes = Buffer.from(text, 'latin1');
  return [...hpackInt(bytes.length, 7, 0x00), ...bytes];
}

// RFC 7541 Appendix A, the entries used here.
const STATIC = {
  ':authority': 1,
  ':method POST': 3,
  ':path': 4,
  ':scheme http': 6,
  'content-type': 31,
  'user-agent': 58,
};

/**
 * Two header blocks for the same request headers: the first inserts every field into the
 * server's dynamic table, the second refers to them by index.
 */
export function headerBlocks(headers) {
  const first = [];
  const rest = [];
  const inserted = [];
  for (const [name, value] of Object.entries(headers)) {
    const full = STATIC[`${name} ${value}`];
    if (full !== undefined) {
      first.push(...hpackInt(full, 7, 0x80));
      continue;
    }
    const nameIndex = STATIC[name];
    // Literal header field with incremental indexing (RFC 7541 §6.2.1).
    if (nameIndex !== undefined) first.push(...hpackInt(nameIndex, 6, 0x40));
    else first.push(0x40, ...hpackString(name));
    first.push(...hpackString(value));
    inserted.push(name);
  }
  // Newest dynamic entry is index 62 (RFC 7541 §2.3.3).
  for (const [name, value] of Object.entries(headers)) {
    const full = STATIC[`${name} ${value}`];
    if (full !== undefined) rest.push(...hpackInt(full, 7, 0x80));
    else rest.push(...hpackInt(62 + inserted.length - 1 - inserted.indexOf(name), 7, 0x80));
  }
  return { first: Buffer.from(first), rest: Buffer.from(rest) };
}

/**
 * One client connection. `events` receives:
 *   connected(), reply(id, state), failed(id, why, state), goaway(lastStreamId, code),
 *   windowOpen(), closed(error | null), read() (once per socket read, before its frames).
 */
export class RawH2Connection {
  #socket;
  #events;
  #out = [];
  #flushScheduled = false;
  #pending = null;
  #nextId = 1;
  #blocks;
  #template;
  #dataHeaderAt;
  #grpcFrame;
  #firstSent = false;
  #received = 0;
  sendWindow = DEFAULT_WINDOW;
  peerInitialWindow = DEFAULT_WINDOW;
  peerMaxStreams = Number.POSITIVE_INFINITY;
  /** Streams sent and not yet answered: id -> state. */
  streams = new Map();
  draining = false;
  closed = false;
  connected = false;

  constructor(port, headers, grpcFrame, events) {
    this.#events = events;
    this.#blocks = headerBlocks(headers);
    this.messageBytes = grpcFrame.length;
    // HEADERS(rest) + DATA(grpc frame); the stream id is patched in per stream.
    this.#template = Buffer.concat([
      frameHeader(this.#blocks.rest.length, FRAME_HEADERS, FLAG_END_HEADERS, 0),
      this.#blocks.rest,
      frameHeader(grpcFrame.length, FRAME_DATA, 0, 0),
      grpcFrame,
    ]);
    this.#dataHeaderAt = 9 + this.#blocks.rest.length;
    this.#grpcFrame = grpcFrame;
    this.#socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    this.#socket.on('connect', () => {
      this.connected = true;
      const settings = Buffer.alloc(12);
      settings.writeUInt16BE(0x2, 0); // ENABLE_PUSH
      settings.writeUInt32BE(0, 2);
      settings.writeUInt16BE(SETTINGS_INITIAL_WINDOW_SIZE, 6);
      settings.writeUInt32BE(WINDOW, 8);
      const increment = Buffer.alloc(4);
      increment.writeUInt32BE(WINDOW - DEFAULT_WINDOW, 0);
      this.#queue(Buffer.concat([PREFACE, frame(FRAME_SETTINGS, 0, 0, settings)]));
      this.#queue(frame(FRAME_WINDOW_UPDATE, 0, 0, increment));
      events.connected?.();
    });
    this.#socket.on('data', (chunk) => this.#onData(chunk));
    this.#socket.on('error', (error) => this.#close(error));
    this.#socket.on('close', () => this.#close(null));
  }

  /** Whether a new stream can be sent now (flow control, concurrency, state). */
  canStart() {
    return (
      this.connected &&
      !this.draining &&
      !this.closed &&
      this.sendWindow >= this.messageBytes &&
      this.streams.size < this.peerMaxStreams
    );
  }

  /** Sends HEADERS + DATA for a new stream; returns its id. */
  start(state) {
    const id = this.#nextId;
    this.#nextId += 2;
    if (!this.#firstSent) {
      this.#firstSent = true;
      this.#queue(
        Buffer.concat([
          frameHeader(this.#blocks.first.length, FRAME_HEADERS, FLAG_END_HEADERS, id),
          this.#blocks.first,
          frameHeader(this.#grpcFrame.length, FRAME_DATA, 0, id),
          this.#grpcFrame,
        ]),
      );
    } else {
      const buf = Buffer.from(this.#template);
      buf.writeUInt32BE(id, 5);
      buf.writeUInt32BE(id, this.#dataHeaderAt + 5);
      this.#queue(buf);
    }
    this.sendWindow -= this.messageBytes;
    state.got = 0;
    state.need = -1;
    state.head = null;
    this.streams.set(id, state);
    return id;
  }

  /** Ends a stream after its reply: half-close, then RST_STREAM with `rstCode` unless null. */
  finish(id, rstCode) {
    this.#queue(frameHeader(0, FRAME_DATA, FLAG_END_STREAM, id));
    if (rstCode !== null) {
      const code = Buffer.allocUnsafe(4);
      code.writeUInt32BE(rstCode, 0);
      this.#queue(Buffer.concat([frameHeader(4, FRAME_RST_STREAM, 0, id), code]));
    }
  }

  destroy() {
    this.#socket.destroy();
    this.#close(null);
  }

  #queue(buf) {
    this.#out.push(buf);
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      process.nextTick(() => this.#flush());
    }
  }

  #flush() {
    this.#flushScheduled = false;
    if (this.#out.length === 0 || this.closed) return;
    const data = this.#out.length === 1 ? this.#out[0] : Buffer.concat(this.#out);
    this.#out = [];
    this.#socket.write(data);
  }

  #close(error) {
    if (this.closed) return;
    this.closed = true;
    const lost = [...this.streams];
    this.streams.clear();
    for (const [id, state] of lost) this.#events.failed(id, 'connection closed', state);
    this.#events.closed?.(error);
  }

  #onData(chunk) {
    this.#events.read?.();
    const buf = this.#pending === null ? chunk : Buffer.concat([this.#pending, chunk]);
    let at = 0;
    while (buf.length - at >= 9) {
      const length = buf.readUIntBE(at, 3);
      if (buf.length - at < 9 + length) break;
      const type = buf[at + 3];
      const flags = buf[at + 4];
      const id = buf.readUInt32BE(at + 5) & 0x7fffffff;
      const payload = buf.subarray(at + 9, at + 9 + length);
      at += 9 + length;
      this.#onFrame(type, flags, id, payload);
      if (this.closed) return;
    }
    this.#pending = at === buf.length ? null : buf.subarray(at);
    if (this.#received >= WINDOW / 2) {
      const increment = Buffer.allocUnsafe(4);
      increment.writeUInt32BE(this.#received, 0);
      this.#received = 0;
      this.#queue(frame(FRAME_WINDOW_UPDATE, 0, 0, increment));
    }
  }

  #onFrame(type, flags, id, payload) {
    switch (type) {
      case FRAME_DATA: {
        this.#received += payload.length;
        const s = this.streams.get(id);
        if (s === undefined) return;
        let data = payload;
        if (flags & FLAG_PADDED) data = payload.subarray(1, payload.length - payload[0]);
        if (s.need < 0) {
          s.head = s.head === null ? data : Buffer.concat([s.head, data]);
          s.got = s.head.length;
          if (s.got >= 5) {
            s.need = 5 + s.head.readUInt32BE(1);
            s.head = null;
          }
        } else s.got += data.length;
        if (s.need >= 0 && s.got >= s.need) {
          this.streams.delete(id);
          this.#events.reply(id, s);
        } else if (flags & FLAG_END_STREAM) {
          this.streams.delete(id);
          this.#events.failed(id, 'stream ended before a complete reply', s);
        }
        return;
      }
      case FRAME_HEADERS: {
        // Response headers or trailers; only END_STREAM before the reply matters (an error).
        const s = this.streams.get(id);
        if (flags & FLAG_END_STREAM && s !== undefined) {
          this.streams.delete(id);
          this.#events.failed(id, 'trailers-only answer (a gRPC error status)', s);
        }
        return;
      }
      case FRAME_RST_STREAM: {
        const s = this.streams.get(id);
        if (s !== undefined) {
          this.streams.delete(id);
          this.#events.failed(id, `server reset the stream (code ${payload.readUInt32BE(0)})`, s);
        }
        return;
      }
      case FRAME_SETTINGS: {
        if (flags & FLAG_ACK) return;
        for (let i = 0; i + 6 <= payload.length; i += 6) {
          const key = payload.readUInt16BE(i);
          const value = payload.readUInt32BE(i + 2);
          if (key === SETTINGS_INITIAL_WINDOW_SIZE) this.peerInitialWindow = value;
          if (key === SETTINGS_MAX_CONCURRENT_STREAMS) this.peerMaxStreams = value;
        }
        if (this.peerInitialWindow < this.messageBytes) {
          this.#close(new Error(`server stream window ${this.peerInitialWindow} B is below one message`));
          return;
        }
        this.#queue(frameHeader(0, FRAME_SETTINGS, FLAG_ACK, 0));
        return;
      }
      case FRAME_PING: {
        if (!(flags & FLAG_ACK)) this.#queue(frame(FRAME_PING, FLAG_ACK, 0, payload));
        return;
      }
      case FRAME_GOAWAY: {
        const last = payload.readUInt32BE(0) & 0x7fffffff;
        const code = payload.readUInt32BE(4);
        this.draining = true;
        // Streams above last_stream_id were never processed (RFC 9113 §6.8); those at or below
        // it still complete on this connection.
        for (const [sid, state] of [...this.streams]) {
          if (sid > last) {
            this.streams.delete(sid);
            this.#events.failed(sid, 'refused by GOAWAY', state);
          }
        }
        this.#events.goaway(last, code);
        return;
      }
      case FRAME_WINDOW_UPDATE: {
        if (id === 0) {
          this.sendWindow += payload.readUInt32BE(0) & 0x7fffffff;
          this.#events.windowOpen?.();
        }
        return;
      }
      default:
        return;
    }
  }
}
