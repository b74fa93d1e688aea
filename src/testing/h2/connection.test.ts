import http2 from 'node:http2';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameReader } from '../../h2/frame-reader.js';
import { ErrorCode, Flag, FrameType, frame, settingsFrame } from '../../h2/frames.js';
import { H2Connection, type H2Stream, unpad } from './connection.js';

const PATH = '/t.Test/Call';

/** What one stream received, and a promise of its close. */
interface Seen {
  blocks: Array<{ fields: Record<string, string>; endStream: boolean }>;
  data: Buffer[];
  closed: Promise<{ code: number; error: Error | null }>;
  stream: H2Stream;
}

const servers: http2.Http2Server[] = [];
const connections: H2Connection[] = [];
afterEach(async () => {
  for (const c of connections.splice(0)) c.close();
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve());
          for (const session of sessionsOf.get(s) ?? []) session.destroy();
        }),
    ),
  );
});

const sessionsOf = new WeakMap<http2.Http2Server, http2.ServerHttp2Session[]>();

async function server(
  onStream: (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void,
  options: http2.ServerOptions = {},
): Promise<{ port: number; sessions: http2.ServerHttp2Session[] }> {
  const s = http2.createServer(options);
  const sessions: http2.ServerHttp2Session[] = [];
  sessionsOf.set(s, sessions);
  s.on('session', (session) => {
    sessions.push(session);
    session.on('error', () => {});
  });
  s.on('stream', (stream, headers) => {
    stream.on('error', () => {});
    onStream(stream, headers);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  servers.push(s);
  return { port: (s.address() as AddressInfo).port, sessions };
}

function connect(port: number): H2Connection {
  const connection = new H2Connection(net.connect({ host: '127.0.0.1', port, noDelay: true }), {
    requestFields: [
      [':method', 'POST'],
      [':scheme', 'http'],
      [':path', PATH],
      [':authority', `127.0.0.1:${port}`],
      ['content-type', 'application/grpc'],
      ['te', 'trailers'],
    ],
    streamWindow: 1 << 20,
    connectionWindow: 16 << 20,
    secure: false,
  });
  connections.push(connection);
  return connection;
}

function request(
  connection: H2Connection,
  metadata: Array<[string, string]> | null = null,
  body?: Buffer,
  end = true,
): Seen {
  let resolveClosed: (value: { code: number; error: Error | null }) => void = () => {};
  const seen: Seen = {
    blocks: [],
    data: [],
    closed: new Promise((resolve) => {
      resolveClosed = resolve;
    }),
    stream: undefined as unknown as H2Stream,
  };
  seen.stream = connection.request(
    {
      headers(fields, endStream) {
        const record: Record<string, string> = {};
        for (let i = 0; i < fields.length; i += 2) record[fields[i] as string] = fields[i + 1] as string;
        seen.blocks.push({ fields: record, endStream });
      },
      data(chunk) {
        seen.data.push(Buffer.from(chunk));
      },
      close(code, error) {
        resolveClosed({ code, error });
      },
    },
    metadata,
  );
  if (body !== undefined) seen.stream.write(body);
  if (end) seen.stream.end();
  return seen;
}

/** Answers with 200, echoes the request body, and ends with `trailers`. */
function echo(trailers: http2.OutgoingHttpHeaders = { 'grpc-status': '0' }) {
  return (stream: http2.ServerHttp2Stream) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.once('wantTrailers', () => stream.sendTrailers(trailers));
      stream.end(Buffer.concat(chunks));
    });
  };
}

function randomText(random: () => number, length: number): string {
  // Visible ASCII and latin1 octets (what a header value may carry).
  let out = '';
  for (let i = 0; i < length; i++) {
    const r = random();
    out += String.fromCharCode(r < 0.8 ? 0x20 + Math.floor(random() * 95) : 0xa0 + Math.floor(random() * 96));
  }
  return out.trim() || 'x';
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('H2Connection against node:http2', () => {
  it('sends the request fields and metadata (first block indexed, later ones from the table) and reads headers, DATA and trailers', async () => {
    const seenHeaders: http2.IncomingHttpHeaders[] = [];
    const { port, sessions } = await server((stream, headers) => {
      seenHeaders.push(headers);
      echo({ 'grpc-status': '0', 'grpc-message': 'ok' })(stream);
    });
    const c = connect(port);
    for (let i = 0; i < 3; i++) {
      const seen = request(c, [['x-n', String(i)]], Buffer.from(`body ${i}`));
      expect(await seen.closed).toEqual({ code: ErrorCode.NO_ERROR, error: null });
      expect(seen.blocks.map((b) => [b.fields[':status'], b.fields['grpc-message'], b.endStream])).toEqual([
        ['200', undefined, false],
        [undefined, 'ok', true],
      ]);
      expect(Buffer.concat(seen.data).toString()).toBe(`body ${i}`);
    }
    expect(sessions).toHaveLength(1);
    for (const [i, h] of seenHeaders.entries()) {
      expect([h[':method'], h[':path'], h['content-type'], h.te, h['x-n']]).toEqual([
        'POST',
        PATH,
        'application/grpc',
        'trailers',
        String(i),
      ]);
    }
  });

  it('decodes random header sets nghttp2 sends (Huffman, dynamic table, evictions) and sends random metadata intact', async () => {
    const random = prng(7);
    const sets: Array<Array<[string, string]>> = Array.from({ length: 40 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => [
        `x-${i}-${Math.floor(random() * 20)}`,
        randomText(random, Math.floor(random() * 300)),
      ]),
    );
    const received: http2.IncomingHttpHeaders[] = [];
    const { port } = await server((stream, headers) => {
      received.push(headers);
      const set = sets[Number(headers['x-set'])] ?? [];
      stream.respond({ ':status': 200, ...Object.fromEntries(set) }, { waitForTrailers: true });
      stream.once('wantTrailers', () =>
        stream.sendTrailers({ 'grpc-status': '0', ...Object.fromEntries(set) }),
      );
      stream.end();
    });
    const c = connect(port);
    for (const [i, set] of sets.entries()) {
      const seen = request(c, [['x-set', String(i)], ...set.map(([n, v]): [string, string] => [`m${n}`, v])]);
      await seen.closed;
      const expected = Object.fromEntries(set);
      const [head, trailers] = seen.blocks;
      // node:http2 adds a date header to every response.
      expect({ ...head?.fields, ':status': undefined, date: undefined }).toEqual({
        ...expected,
        ':status': undefined,
        date: undefined,
      });
      expect({ ...trailers?.fields, 'grpc-status': undefined }).toEqual({
        ...expected,
        'grpc-status': undefined,
      });
      for (const [name, value] of set) expect(received[i]?.[`m${name}`]).toBe(value);
    }
  });

  it('CONTINUATION both ways: a 40 KiB request header block and a 40 KiB trailer block', async () => {
    const big = 'v'.repeat(40 * 1024);
    let got = '';
    const { port } = await server((stream, headers) => {
      got = String(headers['x-big']);
      stream.respond({ ':status': 200 }, { waitForTrailers: true });
      stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0', 'x-big': big }));
      stream.end();
    });
    const c = connect(port);
    const seen = request(c, [['x-big', big]]);
    expect((await seen.closed).code).toBe(ErrorCode.NO_ERROR);
    expect(got).toBe(big);
    expect(seen.blocks[1]?.fields['x-big']).toBe(big);
  });

  it('strips padding from DATA and HEADERS (a server padding every frame)', async () => {
    const { port } = await server(echo({ 'grpc-status': '0', 'x-t': 'padded' }), {
      paddingStrategy: http2.constants.PADDING_STRATEGY_MAX,
    });
    const c = connect(port);
    const body = Buffer.from('0123456789'.repeat(1000));
    const seen = request(c, null, body);
    expect((await seen.closed).code).toBe(ErrorCode.NO_ERROR);
    expect(Buffer.concat(seen.data).equals(body)).toBe(true);
    expect(seen.blocks[1]?.fields['x-t']).toBe('padded');
  });

  it('flow control both ways: 4 MiB up against the server’s 64 KiB windows, 4 MiB down through ours', async () => {
    const { port } = await server(echo());
    const c = connect(port);
    const body = Buffer.alloc(4 << 20);
    for (let i = 0; i < body.length; i += 4) body.writeUInt32BE(i, i);
    const calls = [request(c, null, body), request(c, null, body.subarray(1 << 20))];
    for (const [i, seen] of calls.entries()) {
      expect((await seen.closed).code).toBe(ErrorCode.NO_ERROR);
      expect(Buffer.concat(seen.data).equals(i === 0 ? body : body.subarray(1 << 20))).toBe(true);
    }
  });

  it("follows the server's SETTINGS changing the stream window (down, then up) mid-upload", async () => {
    const { port, sessions } = await server(echo(), { settings: { initialWindowSize: 16 * 1024 } });
    const c = connect(port);
    const body = Buffer.alloc(1 << 20, 7);
    const seen = request(c, null, body, false);
    // Shrink the window below what is in flight, then open it wide; the upload completes.
    await new Promise((resolve) => setTimeout(resolve, 20));
    sessions[0]?.settings({ initialWindowSize: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    sessions[0]?.settings({ initialWindowSize: 2 << 20 });
    seen.stream.end();
    expect((await seen.closed).code).toBe(ErrorCode.NO_ERROR);
    expect(Buffer.concat(seen.data).equals(body)).toBe(true);
  });

  it('honours MAX_CONCURRENT_STREAMS: streams wait for a slot', async () => {
    let open = 0;
    let most = 0;
    const { port } = await server(
      (stream) => {
        open++;
        most = Math.max(most, open);
        stream.once('close', () => open--);
        stream.resume();
        // Each stream stays open a while, so the client must queue the others.
        stream.once('end', () =>
          setTimeout(() => {
            stream.respond({ ':status': 200 }, { waitForTrailers: true });
            stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
            stream.end();
          }, 10),
        );
      },
      { settings: { maxConcurrentStreams: 2 } },
    );
    const c = connect(port);
    // Let the server's SETTINGS arrive first.
    await request(c).closed;
    const calls = Array.from({ length: 8 }, () => request(c, null, Buffer.from('x')));
    for (const seen of calls) expect((await seen.closed).code).toBe(ErrorCode.NO_ERROR);
    expect(most).toBe(2);
  });

  it("answers the server's PING", async () => {
    const { port, sessions } = await server(echo());
    const c = connect(port);
    await request(c).closed;
    const rtt = await new Promise<number>((resolve, reject) =>
      sessions[0]?.ping((error, duration) => (error ? reject(error) : resolve(duration))),
    );
    expect(rtt).toBeGreaterThanOrEqual(0);
  });

  it("reports the server's RST_STREAM code", async () => {
    const { port } = await server((stream) => stream.close(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM));
    const c = connect(port);
    const seen = request(c, null, Buffer.from('x'), false);
    expect(await seen.closed).toEqual({ code: ErrorCode.ENHANCE_YOUR_CALM, error: null });
  });

  it('GOAWAY mid-flight: streams above its last stream id are refused, those below finish', async () => {
    const held: Array<{ stream: http2.ServerHttp2Stream; body: Promise<Buffer> }> = [];
    const { port } = await server((stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const body = new Promise<Buffer>((resolve) => stream.once('end', () => resolve(Buffer.concat(chunks))));
      held.push({ stream, body });
      if (held.length < 3) return;
      const first = held[0] as (typeof held)[number];
      stream.session?.goaway(http2.constants.NGHTTP2_NO_ERROR, first.stream.id);
      void first.body.then((bytes) => {
        first.stream.respond({ ':status': 200 }, { waitForTrailers: true });
        first.stream.once('wantTrailers', () => first.stream.sendTrailers({ 'grpc-status': '0' }));
        first.stream.end(bytes);
      });
    });
    const c = connect(port);
    const calls = [request(c, null, Buffer.from('a')), request(c), request(c)];
    const closes = await Promise.all(calls.map((s) => s.closed));
    expect(closes.map((x) => x.code)).toEqual([
      ErrorCode.NO_ERROR,
      ErrorCode.REFUSED_STREAM,
      ErrorCode.REFUSED_STREAM,
    ]);
    expect(Buffer.concat(calls[0]?.data ?? []).toString()).toBe('a');
    expect([c.retired, c.lastStreamId]).toEqual([true, 1]);
  });

  it('a GOAWAY with an error code ends the streams it had taken, as node:http2 does', async () => {
    const { port } = await server((stream) => {
      stream.resume();
      stream.session?.goaway(http2.constants.NGHTTP2_INTERNAL_ERROR, stream.id);
    });
    const c = connect(port);
    const { code, error } = await request(c, null, Buffer.from('a'), false).closed;
    expect(code).toBe(ErrorCode.INTERNAL_ERROR);
    expect(error?.message).toBe('Session closed with error code 2');
    expect(c.dropped).toBe(true);
  });

  it('a connection that drops under its streams closes them (CANCEL, marked dropped)', async () => {
    const { port } = await server((stream) => {
      stream.resume();
      stream.session?.destroy();
    });
    const c = connect(port);
    const { code } = await request(c, null, Buffer.from('a'), false).closed;
    expect(code).toBe(ErrorCode.CANCEL);
    expect([c.dropped, c.retired]).toEqual([true, true]);
  });

  it('resets a stream with RST_STREAM and sends END_STREAM before it when asked in that order', async () => {
    const ends: Array<[boolean, number | undefined]> = [];
    const { port } = await server((stream) => {
      let ended = false;
      stream.on('end', () => {
        ended = true;
      });
      stream.resume();
      stream.once('close', () => ends.push([ended, stream.rstCode]));
    });
    const c = connect(port);
    const seen = request(c, null, Buffer.from('x'), true);
    seen.stream.reset(ErrorCode.CANCEL);
    expect(await seen.closed).toEqual({ code: ErrorCode.CANCEL, error: null });
    await request(c).stream; // a second stream: the connection is still fine
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ends[0]).toEqual([true, http2.constants.NGHTTP2_CANCEL]);
  });
});

/** A scripted HTTP/2 server on a plain socket: `script` gets each client frame and the socket. */
async function rawServer(
  script: (type: number, flags: number, streamId: number, payload: Buffer, socket: net.Socket) => void,
): Promise<{ port: number; frames: Array<[number, number, number, Buffer]> }> {
  const frames: Array<[number, number, number, Buffer]> = [];
  const s = net.createServer((socket) => {
    let preface = true;
    const reader = new FrameReader(1 << 24, (type, flags, id, payload) => {
      frames.push([type, flags, id, Buffer.from(payload)]);
      script(type, flags, id, payload, socket);
    });
    socket.write(settingsFrame([]));
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      if (preface) {
        preface = false;
        chunk = chunk.subarray(24);
      }
      reader.push(chunk);
    });
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  rawServers.push(s);
  return { port: (s.address() as AddressInfo).port, frames };
}

const rawServers: net.Server[] = [];
afterEach(() => {
  for (const s of rawServers.splice(0)) s.close();
});

/** A literal header field without indexing, new name (RFC 7541 §6.2.2). */
function literal(name: string, value: string): Buffer {
  return Buffer.concat([
    Buffer.of(0, name.length),
    Buffer.from(name),
    Buffer.of(value.length),
    Buffer.from(value),
  ]);
}

describe('H2Connection against a scripted server', () => {
  it('reads a padded, prioritised HEADERS continued by two CONTINUATION frames, and a padded DATA', async () => {
    const { port } = await rawServer((type, flags, id, _payload, socket) => {
      if (type !== FrameType.DATA || (flags & Flag.END_STREAM) === 0) return;
      // :status 200 (static 8), then a header split across three frames.
      const block = Buffer.concat([Buffer.of(0x88), literal('x-split', 'abcdefghij')]);
      const padded = Buffer.concat([Buffer.of(3), Buffer.alloc(5), block.subarray(0, 4), Buffer.alloc(3)]);
      socket.write(frame(FrameType.HEADERS, Flag.PADDED | Flag.PRIORITY, id, padded));
      socket.write(frame(FrameType.CONTINUATION, 0, id, block.subarray(4, 9)));
      socket.write(frame(FrameType.CONTINUATION, Flag.END_HEADERS, id, block.subarray(9)));
      socket.write(
        frame(
          FrameType.DATA,
          Flag.PADDED,
          id,
          Buffer.concat([Buffer.of(2), Buffer.from('hi'), Buffer.alloc(2)]),
        ),
      );
      socket.write(
        frame(FrameType.HEADERS, Flag.END_HEADERS | Flag.END_STREAM, id, literal('grpc-status', '0')),
      );
    });
    const c = connect(port);
    const seen = request(c, null, Buffer.from('x'));
    expect((await seen.closed).code).toBe(ErrorCode.NO_ERROR);
    expect(seen.blocks.map((b) => b.fields)).toEqual([
      { ':status': '200', 'x-split': 'abcdefghij' },
      { 'grpc-status': '0' },
    ]);
    expect(Buffer.concat(seen.data).toString()).toBe('hi');
  });

  it('acknowledges SETTINGS and answers PING with the same payload', async () => {
    const { port, frames } = await rawServer((type, _flags, id, _payload, socket) => {
      if (type === FrameType.HEADERS) {
        socket.write(frame(FrameType.PING, 0, 0, Buffer.from('12345678')));
        socket.write(frame(FrameType.RST_STREAM, 0, id, Buffer.of(0, 0, 0, ErrorCode.CANCEL)));
      }
    });
    const c = connect(port);
    await request(c, null, Buffer.from('x')).closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const acks = frames.filter(
      ([type, flags]) => (type === FrameType.SETTINGS || type === FrameType.PING) && flags & Flag.ACK,
    );
    expect(acks.map(([type, , , payload]) => [type, payload.toString()])).toEqual([
      [FrameType.SETTINGS, ''],
      [FrameType.PING, '12345678'],
    ]);
  });

  it.each([
    [
      'an undecodable header block',
      (id: number) => frame(FrameType.HEADERS, Flag.END_HEADERS, id, Buffer.of(0x80)),
      ErrorCode.COMPRESSION_ERROR,
    ],
    [
      'a frame interrupting a header block',
      (id: number) =>
        Buffer.concat([
          frame(FrameType.HEADERS, 0, id, Buffer.of(0x88)),
          frame(FrameType.DATA, 0, id, Buffer.from('x')),
        ]),
      ErrorCode.PROTOCOL_ERROR,
    ],
    [
      'a frame above our maximum frame size',
      (id: number) => frame(FrameType.DATA, 0, id, Buffer.alloc(20_000)),
      ErrorCode.FRAME_SIZE_ERROR,
    ],
    [
      'a header block continued past 256 KiB',
      (id: number) =>
        Buffer.concat([
          frame(FrameType.HEADERS, 0, id, Buffer.alloc(16_000, 0x88)),
          ...Array.from({ length: 17 }, () =>
            frame(FrameType.CONTINUATION, 0, id, Buffer.alloc(16_000, 0x88)),
          ),
        ]),
      ErrorCode.ENHANCE_YOUR_CALM,
    ],
    [
      'PUSH_PROMISE (push is disabled)',
      (id: number) => frame(FrameType.PUSH_PROMISE, Flag.END_HEADERS, id, Buffer.of(0, 0, 0, 2, 0x88)),
      ErrorCode.PROTOCOL_ERROR,
    ],
  ])(
    '%s is a connection error: GOAWAY with its code, the streams end with the reason',
    async (_name, bad, code) => {
      const { port, frames } = await rawServer((type, _flags, id, _payload, socket) => {
        if (type === FrameType.HEADERS) socket.write(bad(id));
      });
      const c = connect(port);
      const closed = await request(c, null, Buffer.from('x'), false).closed;
      expect(closed.code).toBe(ErrorCode.INTERNAL_ERROR);
      expect(closed.error?.message).toMatch(/^HTTP\/2 protocol error from the server: /);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const goaway = frames.find(([type]) => type === FrameType.GOAWAY);
      expect(goaway?.[3].readUInt32BE(4)).toBe(code);
    },
  );
});

describe('unpad', () => {
  const text = (b: Buffer | null) => (b === null ? null : b.toString('latin1'));
  it('returns an unpadded payload as it is, past the fields it is told to skip', () => {
    expect(text(unpad(0, Buffer.from('block'), 0))).toBe('block');
    expect(text(unpad(Flag.PRIORITY, Buffer.from('12345block'), 5))).toBe('block');
  });
  it('takes off the Pad Length byte, the padding, and the fields between them', () => {
    expect(text(unpad(Flag.PADDED, Buffer.from('\x03data...'), 0))).toBe('data');
    expect(text(unpad(Flag.PADDED | Flag.PRIORITY, Buffer.from('\x0212345hdr..'), 5))).toBe('hdr');
    expect(text(unpad(Flag.PADDED, Buffer.from('\x00'), 0))).toBe('');
    expect(text(unpad(Flag.PADDED, Buffer.from('\x02..'), 0))).toBe('');
  });
  it('answers null when the padding does not fit in the frame', () => {
    expect(unpad(Flag.PADDED, Buffer.alloc(0), 0)).toBeNull();
    expect(unpad(Flag.PADDED, Buffer.from('\x03..'), 0)).toBeNull();
    expect(unpad(Flag.PADDED | Flag.PRIORITY, Buffer.from('\x011234.'), 5)).toBeNull();
  });
});
