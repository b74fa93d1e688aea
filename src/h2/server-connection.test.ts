/**
 * The server connection against two independent peers: node:http2's client (nghttp2), and raw
 * frames written byte by byte for the edge cases a well-behaved client never sends.
 */
import http2 from 'node:http2';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameReader } from './frame-reader.js';
import {
  ErrorCode,
  Flag,
  FrameType,
  frame,
  goawayFrame,
  PREFACE,
  Setting,
  settingsFrame,
  uint32Frame,
} from './frames.js';
import { staticHeaderBlock } from './hpack-block.js';
import { HpackDecoder } from './hpack-decoder.js';
import { H2ServerConnection, type H2ServerOptions } from './server-connection.js';
import { H2ServerStream } from './server-stream.js';

const RESPONSE = staticHeaderBlock([
  [':status', '200'],
  ['content-type', 'application/octet-stream'],
]);
const TRAILERS = staticHeaderBlock([['x-done', '1']]);

/** A reply body of `n` bytes whose every byte says where it is, so order and gaps show. */
function pattern(n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) out[i] = (i * 7 + (i >>> 8)) & 0xff;
  return out;
}

/**
 * Echoes the request body at the client's half-close, or sends `x-reply-bytes` bytes of
 * {@link pattern} instead; `x-async: 1` answers on the next turn of the event loop.
 */
class EchoStream extends H2ServerStream {
  readonly fields: string[];
  readonly received: Buffer[] = [];
  halfClosed = false;
  closed = false;

  constructor(connection: H2ServerConnection, id: number, fields: string[]) {
    super(connection, id);
    this.fields = fields;
  }

  header(name: string): string | undefined {
    const at = this.fields.indexOf(name);
    return at >= 0 && at % 2 === 0 ? this.fields[at + 1] : undefined;
  }

  override push(chunk: Buffer): void {
    this.received.push(Buffer.from(chunk));
  }

  override onEnd(): void {
    this.halfClosed = true;
    if (this.header('x-async') === '1') setImmediate(() => this.reply());
    else this.reply();
  }

  override onClose(): void {
    this.closed = true;
  }

  reply(): void {
    const size = this.header('x-reply-bytes');
    const body = size === undefined ? Buffer.concat(this.received) : pattern(Number(size));
    this.sendHeaders(RESPONSE, false);
    if (body.length > 0) this.sendData(body);
    this.sendTrailers(TRAILERS);
  }
}

interface Harness {
  port: number;
  streams: EchoStream[];
  connections: H2ServerConnection[];
  errors: Array<{ code: number; message: string }>;
  /** Socket writes of the server (a corked batch counts once). */
  flushes: () => number;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function startServer(options: Partial<H2ServerOptions> = {}): Promise<Harness> {
  const harness: Harness = { port: 0, streams: [], connections: [], errors: [], flushes: () => 0 };
  let flushes = 0;
  harness.flushes = () => flushes;
  const server = net.createServer((socket) => {
    const write = socket.write.bind(socket);
    const uncork = socket.uncork.bind(socket);
    let corked = false;
    socket.cork = () => void (corked = true);
    socket.uncork = () => {
      corked = false;
      flushes++;
      uncork();
    };
    socket.write = ((chunk: Uint8Array) => {
      if (!corked) flushes++;
      return write(chunk);
    }) as typeof socket.write;
    const connection = new H2ServerConnection(socket, {
      openStream: (c, id, fields) => {
        const stream = new EchoStream(c, id, fields);
        harness.streams.push(stream);
        return stream;
      },
      onError: (code, message) => harness.errors.push({ code, message }),
      ...options,
    });
    harness.connections.push(connection);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  harness.port = (server.address() as AddressInfo).port;
  cleanups.push(() => {
    for (const c of harness.connections) c.destroy();
    server.close();
  });
  return harness;
}

interface Frame {
  type: number;
  flags: number;
  id: number;
  payload: Buffer;
}

/** A client writing raw frames and keeping every frame the server sends. */
class RawPeer {
  readonly socket: net.Socket;
  readonly frames: Frame[] = [];
  readonly decoder = new HpackDecoder();
  readonly #reader = new FrameReader(1 << 24, (type, flags, id, payload) =>
    this.#onFrame(type, flags, id, payload),
  );
  /** Send WINDOW_UPDATEs (stream and connection) for every DATA received. */
  autoWindow = true;
  closed = false;

  constructor(port: number, settings: Array<[number, number]> = [], preface = true) {
    this.socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.#reader.push(chunk));
    this.socket.on('error', () => {});
    this.socket.on('close', () => void (this.closed = true));
    if (preface) this.send(PREFACE, settingsFrame(settings));
    cleanups.push(() => this.socket.destroy());
  }

  send(...frames: Buffer[]): void {
    this.socket.write(Buffer.concat(frames));
  }

  #onFrame(type: number, flags: number, id: number, payload: Buffer): void {
    const f = { type, flags, id, payload: Buffer.from(payload) };
    this.frames.push(f);
    if (type === FrameType.SETTINGS && !(flags & Flag.ACK)) this.send(frame(FrameType.SETTINGS, Flag.ACK, 0));
    if (type === FrameType.DATA && payload.length > 0 && this.autoWindow) {
      this.send(
        uint32Frame(FrameType.WINDOW_UPDATE, 0, payload.length),
        uint32Frame(FrameType.WINDOW_UPDATE, id, payload.length),
      );
    }
  }

  /** The frames of `type` (on stream `id` when given). */
  of(type: number, id?: number): Frame[] {
    return this.frames.filter((f) => f.type === type && (id === undefined || f.id === id));
  }

  /** The DATA bytes received on stream `id`. */
  body(id: number): Buffer {
    return Buffer.concat(this.of(FrameType.DATA, id).map((f) => f.payload));
  }

  /** Whether stream `id` ended (a frame with END_STREAM, or a RST_STREAM). */
  ended(id: number): boolean {
    return this.frames.some(
      (f) =>
        f.id === id &&
        (f.type === FrameType.RST_STREAM ||
          ((f.type === FrameType.HEADERS || f.type === FrameType.DATA) && (f.flags & Flag.END_STREAM) !== 0)),
    );
  }

  /** The GOAWAY's error code, or undefined. */
  goaway(): number | undefined {
    const g = this.of(FrameType.GOAWAY)[0];
    return g === undefined ? undefined : g.payload.readUInt32BE(4);
  }
}

const REQUEST: Array<[string, string]> = [
  [':method', 'POST'],
  [':scheme', 'http'],
  [':path', '/echo'],
  [':authority', 'test'],
];

function headersFrame(id: number, extra: Array<[string, string]> = [], flags = 0): Buffer {
  return frame(FrameType.HEADERS, Flag.END_HEADERS | flags, id, staticHeaderBlock([...REQUEST, ...extra]));
}

function dataFrame(id: number, body: Buffer | string, flags: number = Flag.END_STREAM): Buffer {
  return frame(FrameType.DATA, flags, id, Buffer.from(body));
}

async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('H2ServerConnection with node:http2 as the client', () => {
  function call(session: http2.ClientHttp2Session, body: Buffer, headers: http2.OutgoingHttpHeaders = {}) {
    return new Promise<{ status: unknown; body: Buffer; trailers: http2.IncomingHttpHeaders | undefined }>(
      (resolve, reject) => {
        const req = session.request({ ':method': 'POST', ':path': '/echo', ...headers });
        const chunks: Buffer[] = [];
        let status: unknown;
        let trailers: http2.IncomingHttpHeaders | undefined;
        req.on('response', (h) => void (status = h[':status']));
        req.on('trailers', (t) => void (trailers = t));
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('error', reject);
        req.on('end', () => resolve({ status, body: Buffer.concat(chunks), trailers }));
        req.end(body);
      },
    );
  }

  it('answers headers-only and body streams, many at once on one connection', async () => {
    const h = await startServer();
    const session = http2.connect(`http://127.0.0.1:${h.port}`);
    cleanups.push(() => session.destroy());
    const bodies = [Buffer.alloc(0), Buffer.from('hello'), pattern(100_000), pattern(3 << 20)];
    const results = await Promise.all(bodies.map((b) => call(session, b)));
    for (const [i, r] of results.entries()) {
      expect(r.status).toBe(200);
      expect(r.body.equals(bodies[i] as Buffer)).toBe(true);
      expect(r.trailers?.['x-done']).toBe('1');
    }
    await until(() => h.streams.every((s) => s.closed), 'every stream closed');
    expect(h.connections[0]?.streamCount).toBe(0);
  });

  it('sends a 1 MiB reply through a 1 KiB stream window whole and in order', async () => {
    const h = await startServer();
    const session = http2.connect(`http://127.0.0.1:${h.port}`, { settings: { initialWindowSize: 1024 } });
    cleanups.push(() => session.destroy());
    const r = await call(session, Buffer.alloc(0), { 'x-reply-bytes': String(1 << 20) });
    expect(r.body.equals(pattern(1 << 20))).toBe(true);
    expect(r.trailers?.['x-done']).toBe('1');
  });
});

describe('H2ServerConnection with raw frames', () => {
  it('reads padding, the PRIORITY flag, CONTINUATION, PRIORITY frames and unknown frame types', async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port);
    const block = staticHeaderBlock([...REQUEST, ['x-test', 'continued']]);
    // HEADERS: padded (3 bytes), with priority fields, the block split over two CONTINUATIONs.
    const first = Buffer.concat([
      Buffer.from([3]),
      Buffer.from([0, 0, 0, 0, 16]),
      block.subarray(0, 5),
      Buffer.alloc(3),
    ]);
    peer.send(
      frame(FrameType.HEADERS, Flag.PADDED | Flag.PRIORITY, 1, first),
      frame(FrameType.CONTINUATION, 0, 1, block.subarray(5, 9)),
      frame(FrameType.CONTINUATION, Flag.END_HEADERS, 1, block.subarray(9)),
      frame(FrameType.PRIORITY, 0, 1, Buffer.from([0, 0, 0, 0, 7])),
      frame(0xfa, 0, 0, Buffer.from('unknown frame type, ignored')),
      frame(
        FrameType.DATA,
        Flag.PADDED,
        1,
        Buffer.concat([Buffer.from([4]), Buffer.from('abc'), Buffer.alloc(4)]),
      ),
      frame(FrameType.DATA, Flag.PADDED | Flag.END_STREAM, 1, Buffer.from([0, 0x64])),
    );
    await until(() => peer.ended(1), 'the reply');
    expect(h.streams[0]?.header('x-test')).toBe('continued');
    expect(peer.body(1).toString()).toBe('abcd');
    const [headers, trailers] = peer.of(FrameType.HEADERS, 1);
    expect(peer.decoder.decode((headers as Frame).payload)).toEqual([
      ':status',
      '200',
      'content-type',
      'application/octet-stream',
    ]);
    expect(peer.decoder.decode((trailers as Frame).payload)).toEqual(['x-done', '1']);
    expect(peer.goaway()).toBeUndefined();
  });

  it('acknowledges SETTINGS and PING (same payload), and opens with its own SETTINGS and a 16 MiB connection window', async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port);
    peer.send(frame(FrameType.PING, 0, 0, Buffer.from('12345678')));
    await until(() => peer.of(FrameType.PING).length === 1, 'the PING ack');
    const ping = peer.of(FrameType.PING)[0] as Frame;
    expect(ping.flags & Flag.ACK).toBe(Flag.ACK);
    expect(ping.payload.toString()).toBe('12345678');
    expect(peer.of(FrameType.SETTINGS).some((f) => f.flags & Flag.ACK)).toBe(true);
    const settings = peer.of(FrameType.SETTINGS).find((f) => !(f.flags & Flag.ACK)) as Frame;
    const values = new Map<number, number>();
    for (let at = 0; at < settings.payload.length; at += 6) {
      values.set(settings.payload.readUInt16BE(at), settings.payload.readUInt32BE(at + 2));
    }
    expect(values.get(Setting.INITIAL_WINDOW_SIZE)).toBe(1 << 20);
    expect(values.get(Setting.MAX_CONCURRENT_STREAMS)).toBeGreaterThan(0);
    const update = peer.of(FrameType.WINDOW_UPDATE, 0)[0] as Frame;
    expect(update.payload.readUInt32BE(0)).toBe((16 << 20) - 65_535);
  });

  it('opens its first header block after the peer lowers HEADER_TABLE_SIZE with a table size update to 0, once', async () => {
    const h = await startServer();
    // Below HPACK's initial 4,096 in the first SETTINGS: nghttp2 (`nghttp -c 0`) sends this and
    // fails the connection with COMPRESSION_ERROR when the update is missing (RFC 7541 §4.2).
    const peer = new RawPeer(h.port, [[Setting.HEADER_TABLE_SIZE, 0]]);
    peer.send(headersFrame(1), dataFrame(1, 'a'), headersFrame(3), dataFrame(3, 'b'));
    await until(() => peer.ended(1) && peer.ended(3), 'both replies');
    const blocks = peer.of(FrameType.HEADERS).map((f) => f.payload);
    expect(blocks.map((b) => b[0] === 0x20)).toEqual([true, false, false, false]);
    expect(peer.decoder.decode(blocks[0] as Buffer)).toEqual([
      ':status',
      '200',
      'content-type',
      'application/octet-stream',
    ]);

    // Lowered later, mid-connection: the next block carries it; raising it again needs nothing.
    const later = new RawPeer(h.port);
    later.send(headersFrame(1), dataFrame(1, 'a'));
    await until(() => later.ended(1), 'the first reply');
    later.send(settingsFrame([[Setting.HEADER_TABLE_SIZE, 1024]]), headersFrame(3), dataFrame(3, 'b'));
    await until(() => later.ended(3), 'the second reply');
    later.send(
      settingsFrame([[Setting.HEADER_TABLE_SIZE, 8192]]),
      settingsFrame([[Setting.HEADER_TABLE_SIZE, 0]]),
    );
    later.send(headersFrame(5), dataFrame(5, 'c'));
    await until(() => later.ended(5), 'the third reply');
    const starts = later.of(FrameType.HEADERS).map((f) => f.payload[0] === 0x20);
    expect(starts).toEqual([false, false, true, false, false, false]);
    expect(later.goaway()).toBeUndefined();

    // At or above 4,096: no update, ever.
    const big = new RawPeer(h.port, [[Setting.HEADER_TABLE_SIZE, 4096]]);
    big.send(headersFrame(1), dataFrame(1, 'a'));
    await until(() => big.ended(1), 'the reply');
    expect(big.of(FrameType.HEADERS).some((f) => f.payload[0] === 0x20)).toBe(false);
  });

  it('holds DATA at a zero window and sends it when INITIAL_WINDOW_SIZE grows mid-stream; a shrink makes the window negative', async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port, [[Setting.INITIAL_WINDOW_SIZE, 0]]);
    peer.autoWindow = false; // every byte of window below is given by hand
    peer.send(headersFrame(1, [['x-reply-bytes', '3000']]), dataFrame(1, ''));
    await until(() => peer.of(FrameType.HEADERS, 1).length === 1, 'the response headers');
    await new Promise((r) => setTimeout(r, 20));
    expect(peer.of(FrameType.DATA, 1)).toHaveLength(0);
    expect(peer.ended(1)).toBe(false); // the trailers wait behind the DATA
    peer.send(settingsFrame([[Setting.INITIAL_WINDOW_SIZE, 1000]]));
    await until(() => peer.body(1).length === 1000, 'the first 1000 bytes');
    // 1000 sent, window now 0; shrinking to 500 makes it -500: 500 + 1000 more are needed.
    peer.send(settingsFrame([[Setting.INITIAL_WINDOW_SIZE, 500]]));
    peer.send(uint32Frame(FrameType.WINDOW_UPDATE, 1, 1000));
    await new Promise((r) => setTimeout(r, 20));
    expect(peer.body(1).length).toBe(1500);
    peer.send(
      uint32Frame(FrameType.WINDOW_UPDATE, 1, 10_000),
      uint32Frame(FrameType.WINDOW_UPDATE, 0, 10_000),
    );
    await until(() => peer.ended(1), 'the trailers');
    expect(peer.body(1).equals(pattern(3000))).toBe(true);
  });

  it("splits DATA at the peer's MAX_FRAME_SIZE and at the stream window, never above either", async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port, [
      [Setting.MAX_FRAME_SIZE, 32_768],
      [Setting.INITIAL_WINDOW_SIZE, 1 << 20],
    ]);
    peer.send(headersFrame(1, [['x-reply-bytes', '200000']]), dataFrame(1, ''));
    await until(() => peer.ended(1), 'the reply');
    const sizes = peer.of(FrameType.DATA, 1).map((f) => f.payload.length);
    expect(Math.max(...sizes)).toBe(32_768);
    expect(peer.body(1).equals(pattern(200_000))).toBe(true);

    const tiny = new RawPeer(h.port, [[Setting.INITIAL_WINDOW_SIZE, 1024]]);
    tiny.send(headersFrame(1, [['x-reply-bytes', String(1 << 20)]]), dataFrame(1, ''));
    await until(() => tiny.ended(1), 'the 1 MiB reply');
    expect(Math.max(...tiny.of(FrameType.DATA, 1).map((f) => f.payload.length))).toBe(1024);
    expect(tiny.body(1).equals(pattern(1 << 20))).toBe(true);
  });

  it('refuses a connection that does not open with the preface: GOAWAY PROTOCOL_ERROR, socket closed', async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port, [], false);
    peer.send(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    await until(() => peer.closed, 'the close');
    expect(peer.goaway()).toBe(ErrorCode.PROTOCOL_ERROR);
    expect(h.errors[0]?.message).toMatch(/preface/);
  });

  it.each([
    ['a reused stream id', [headersFrame(3), dataFrame(3, ''), headersFrame(3)], ErrorCode.PROTOCOL_ERROR],
    ['an even stream id', [headersFrame(2)], ErrorCode.PROTOCOL_ERROR],
    [
      'HPACK garbage',
      [
        frame(
          FrameType.HEADERS,
          Flag.END_HEADERS,
          1,
          Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
        ),
      ],
      ErrorCode.COMPRESSION_ERROR,
    ],
    [
      'PUSH_PROMISE from a client',
      [frame(FrameType.PUSH_PROMISE, Flag.END_HEADERS, 1, Buffer.alloc(4))],
      ErrorCode.PROTOCOL_ERROR,
    ],
    [
      'a connection WINDOW_UPDATE of 0',
      [uint32Frame(FrameType.WINDOW_UPDATE, 0, 0)],
      ErrorCode.PROTOCOL_ERROR,
    ],
    [
      'a connection window above 2^31-1',
      [uint32Frame(FrameType.WINDOW_UPDATE, 0, 0x7fff_ffff)],
      ErrorCode.FLOW_CONTROL_ERROR,
    ],
    [
      'a frame between HEADERS and its CONTINUATION',
      [
        frame(FrameType.HEADERS, 0, 5, staticHeaderBlock(REQUEST)),
        frame(FrameType.PING, 0, 0, Buffer.alloc(8)),
      ],
      ErrorCode.PROTOCOL_ERROR,
    ],
    ['a PING of 7 bytes', [frame(FrameType.PING, 0, 0, Buffer.alloc(7))], ErrorCode.FRAME_SIZE_ERROR],
  ])('%s: GOAWAY with its code, the socket closed, the open streams closed', async (_, frames, code) => {
    const h = await startServer();
    const peer = new RawPeer(h.port);
    peer.send(headersFrame(1, [['x-async', '1']]));
    await until(() => h.streams.length === 1, 'the first stream');
    peer.send(...frames);
    await until(() => peer.closed, 'the close');
    expect(peer.goaway()).toBe(code);
    expect(h.streams[0]?.closed).toBe(true);
  });

  it('resets only the stream on a stream error, and a RST_STREAM mid-message cancels that stream alone', async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port);
    peer.send(headersFrame(1), dataFrame(1, 'part of a message', 0), headersFrame(3));
    await until(() => h.streams.length === 2, 'two streams');
    peer.send(
      uint32Frame(FrameType.RST_STREAM, 1, ErrorCode.CANCEL),
      uint32Frame(FrameType.WINDOW_UPDATE, 3, 0),
    );
    await until(() => peer.ended(3), 'the reset of stream 3');
    expect(h.streams[0]?.closed).toBe(true);
    expect(h.streams[0]?.halfClosed).toBe(false);
    expect(peer.of(FrameType.RST_STREAM, 3)[0]?.payload.readUInt32BE(0)).toBe(ErrorCode.PROTOCOL_ERROR);
    // The connection serves on.
    peer.send(headersFrame(5), dataFrame(5, 'still here'));
    await until(() => peer.ended(5), 'stream 5');
    expect(peer.body(5).toString()).toBe('still here');
    expect(peer.goaway()).toBeUndefined();
  });

  it('refuses streams above MAX_CONCURRENT_STREAMS with REFUSED_STREAM', async () => {
    const h = await startServer({ maxConcurrentStreams: 1 });
    const peer = new RawPeer(h.port);
    peer.send(headersFrame(1), headersFrame(3));
    await until(() => peer.ended(3), 'the refusal');
    expect(peer.of(FrameType.RST_STREAM, 3)[0]?.payload.readUInt32BE(0)).toBe(ErrorCode.REFUSED_STREAM);
    expect(h.streams).toHaveLength(1);
  });

  it('refuses a stream whose header list is above SETTINGS_MAX_HEADER_LIST_SIZE with ENHANCE_YOUR_CALM, and serves on', async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port);
    /** A request with `count` fields of 8,000-byte values, its block split at 16,000 bytes. */
    const request = (id: number, count: number): Buffer[] => {
      const big = Array.from({ length: count }, (_, i): [string, string] => [`x-big-${i}`, 'v'.repeat(8000)]);
      const block = staticHeaderBlock([...REQUEST, ...big]);
      const frames: Buffer[] = [];
      for (let at = 0; at < block.length; at += 16_000) {
        const last = at + 16_000 >= block.length;
        const type = at === 0 ? FrameType.HEADERS : FrameType.CONTINUATION;
        const flags = (last ? Flag.END_HEADERS : 0) | (at === 0 ? Flag.END_STREAM : 0);
        frames.push(frame(type, flags, id, block.subarray(at, at + 16_000)));
      }
      return frames;
    };
    // RFC 9113 §6.5.2 counts each field as name + value + 32: 8 such fields fit in 64 KiB, 9 do not.
    peer.send(...request(1, 8), ...request(3, 9), ...request(5, 8));
    await until(() => peer.ended(5), 'stream 5');
    expect(peer.of(FrameType.RST_STREAM, 3)[0]?.payload.readUInt32BE(0)).toBe(ErrorCode.ENHANCE_YOUR_CALM);
    expect(peer.of(FrameType.RST_STREAM, 1)).toEqual([]);
    expect(peer.of(FrameType.RST_STREAM, 5)).toEqual([]);
    expect(h.streams.map((stream) => stream.id)).toEqual([1, 5]);
    expect(peer.goaway()).toBeUndefined();
  });

  it('stops a header block that grows without end across CONTINUATIONs: GOAWAY ENHANCE_YOUR_CALM', async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port);
    const junk = Buffer.alloc(16_000, 0x41);
    peer.send(
      frame(FrameType.HEADERS, 0, 1, junk),
      ...Array.from({ length: 10 }, () => frame(FrameType.CONTINUATION, 0, 1, junk)),
    );
    await until(() => peer.closed, 'the close');
    expect(peer.goaway()).toBe(ErrorCode.ENHANCE_YOUR_CALM);
  });

  it('stops a peer that sends PINGs but reads nothing: GOAWAY ENHANCE_YOUR_CALM once 10,000 acknowledgements pile up', async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port, [[Setting.INITIAL_WINDOW_SIZE, 0x7fff_ffff]]);
    peer.send(uint32Frame(FrameType.WINDOW_UPDATE, 0, 0x7fff_ffff - 65_535));
    peer.socket.pause(); // reads nothing from here on
    // A 32 MiB reply fills the socket's buffers, so the server's socket stops being writable.
    peer.send(headersFrame(1, [['x-reply-bytes', String(32 << 20)]]), dataFrame(1, ''));
    await until(() => h.connections[0]?.socket.writableNeedDrain === true, 'a full socket');
    const ping = frame(FrameType.PING, 0, 0, Buffer.alloc(8));
    peer.send(...Array.from({ length: 10_001 }, () => ping));
    await until(() => h.errors.length > 0, 'the GOAWAY');
    expect(h.errors[0]?.code).toBe(ErrorCode.ENHANCE_YOUR_CALM);
    expect(h.errors[0]?.message).toMatch(/unread by the peer/);
  });

  it('takes 10,000 Envoy-style closes (END_STREAM, then RST_STREAM CANCEL) on one connection without a GOAWAY', async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port);
    const total = 10_000;
    for (let batch = 0; batch < total / 500; batch++) {
      const frames: Buffer[] = [];
      for (let i = 0; i < 500; i++) {
        const id = 2 * (batch * 500 + i) + 1;
        // Every other stream answers later, so its reset comes while it is still open.
        frames.push(
          headersFrame(id, i % 2 === 0 ? [] : [['x-async', '1']]),
          dataFrame(id, 'x'),
          uint32Frame(FrameType.RST_STREAM, id, ErrorCode.CANCEL),
        );
      }
      peer.send(...frames);
      await until(
        () => h.streams.length === (batch + 1) * 500 && h.streams.every((s) => s.closed),
        'the batch',
      );
    }
    // The synchronous half answered (headers and trailers) before its reset arrived; the other
    // half was reset before its answer, which then went nowhere.
    await until(() => peer.of(FrameType.HEADERS).length === total, 'the answers');
    expect(peer.goaway()).toBeUndefined();
    expect(peer.closed).toBe(false);
    expect(h.connections[0]?.streamCount).toBe(0);
    expect(h.streams.filter((s) => s.halfClosed)).toHaveLength(total);
  });

  it('answers every stream of one read in one socket write', async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port);
    peer.send(headersFrame(1), dataFrame(1, 'warm'));
    await until(() => peer.ended(1), 'the first stream');
    await new Promise((r) => setTimeout(r, 20));
    const before = h.flushes();
    const frames: Buffer[] = [];
    for (let id = 3; id < 3 + 2 * 50; id += 2) frames.push(headersFrame(id), dataFrame(id, `body ${id}`));
    peer.send(...frames);
    await until(() => peer.ended(101), 'the 50 replies');
    expect(h.flushes() - before).toBe(1);
  });

  it('drains: GOAWAY(NO_ERROR) naming the last stream, later streams refused, open ones finish, then the socket ends', async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port);
    peer.send(headersFrame(1));
    await until(() => h.streams.length === 1, 'the stream');
    h.connections[0]?.drain();
    await until(() => peer.goaway() !== undefined, 'the GOAWAY');
    expect(peer.goaway()).toBe(ErrorCode.NO_ERROR);
    expect((peer.of(FrameType.GOAWAY)[0] as Frame).payload.readUInt32BE(0)).toBe(1);
    peer.send(headersFrame(3));
    await until(() => peer.ended(3), 'the refusal');
    expect(peer.of(FrameType.RST_STREAM, 3)[0]?.payload.readUInt32BE(0)).toBe(ErrorCode.REFUSED_STREAM);
    expect(peer.closed).toBe(false);
    peer.send(dataFrame(1, 'last'));
    await until(() => peer.closed, 'the end of the socket');
    expect(peer.body(1).toString()).toBe('last');
  });

  it("closes when the peer's GOAWAY came and its last stream ended", async () => {
    const h = await startServer();
    const peer = new RawPeer(h.port);
    peer.send(headersFrame(1), goawayFrame(1, ErrorCode.NO_ERROR));
    await until(() => h.streams.length === 1, 'the stream');
    expect(peer.closed).toBe(false);
    peer.send(dataFrame(1, 'bye'));
    await until(() => peer.closed, 'the close');
    expect(peer.body(1).toString()).toBe('bye');
  });
});
