/**
 * Random HTTP/2 connections for the frame-level fuzz test: after the preface, a sequence of
 * whole frames (every frame header tells the truth about its own length, so the server can
 * always find the next one) whose types, flags, stream ids and payloads are random, from gRPC
 * calls a client could send, through frames with the wrong size for their type, settings out of
 * range, flow-control overflows, stray CONTINUATIONs and PUSH_PROMISEs, to unknown types and
 * frames above the largest size the server accepts. Written to the socket in random cuts.
 */
import fc from 'fast-check';
import { Flag, FrameType, frame, MAX_WINDOW, Setting, settingsFrame } from '../../src/h2/frames.js';
import { staticHeaderBlock } from '../../src/h2/hpack-block.js';
import { encodeRequest } from '../../src/protocol/codec.js';
import { PROCESS_PATH } from '../../src/protocol/service.js';
import { frame as grpcFrame } from '../support/raw-grpc.js';

/** A gRPC-framed `ProcessingRequest`: the request headers of a GET, as Envoy sends them. */
export const REQUEST_HEADERS_MESSAGE = grpcFrame(
  encodeRequest({
    request: {
      $case: 'requestHeaders',
      value: {
        headers: { headers: [{ key: ':path', value: '', rawValue: Buffer.from('/fuzz') }] },
        endOfStream: true,
      },
    },
  }),
);

/** One frame the client writes, and a line saying what it is (for a failure's report). */
export interface FuzzFrame {
  readonly bytes: Buffer;
  readonly label: string;
}

/** A random connection: its frames, and where their concatenation is cut into socket writes. */
export interface FrameCase {
  readonly frames: readonly FuzzFrame[];
  readonly cuts: readonly number[];
}

/** Stream ids: mostly a few small odd ones (so frames meet the streams they opened), and the edges. */
const streamId = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(1, 3, 5, 7) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constantFrom(2, 4, 0x7fff_ffff, 0x8000_0001) },
);

const anyFlags = fc.integer({ min: 0, max: 0xff });
const smallBytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });

/** A gRPC request's header fields, as Envoy sends them, with a few of them randomly wrong. */
const requestFields = fc
  .record({
    path: fc.constantFrom(PROCESS_PATH, '/grpc.health.v1.Health/Check', '/nope', ''),
    method: fc.constantFrom('POST', 'POST', 'GET'),
    contentType: fc.constantFrom('application/grpc', 'application/grpc+proto', 'text/plain'),
    te: fc.boolean(),
    extra: fc.array(
      fc.tuple(
        fc.constantFrom('x-a', 'Upper', 'connection', ':pseudo', 'grpc-timeout'),
        fc.string({ maxLength: 8 }),
      ),
      {
        maxLength: 2,
      },
    ),
  })
  .map(
    ({ path, method, contentType, te, extra }): Array<[string, string]> => [
      [':method', method],
      [':scheme', 'http'],
      [':path', path],
      [':authority', 'fuzz'],
      ['content-type', contentType],
      ...(te ? ([['te', 'trailers']] as Array<[string, string]>) : []),
      ...extra,
    ],
  );

/** HEADERS (maybe split into CONTINUATIONs), with a header block that decodes or random bytes. */
const headers = fc
  .record({
    id: streamId,
    endStream: fc.boolean(),
    block: fc.oneof(
      { weight: 4, arbitrary: requestFields.map(staticHeaderBlock) },
      { weight: 1, arbitrary: smallBytes(40).map(Buffer.from) },
    ),
    split: fc.integer({ min: 0, max: 2 }),
    padded: fc.boolean(),
    priority: fc.boolean(),
  })
  .map(({ id, endStream, block, split, padded, priority }): FuzzFrame[] => {
    const pieces: Buffer[] = [];
    const step = Math.max(1, Math.ceil(block.length / (split + 1)));
    for (let at = 0; at < block.length || pieces.length === 0; at += step)
      pieces.push(block.subarray(at, at + step));
    const first = Buffer.concat([
      padded ? Buffer.from([2]) : Buffer.alloc(0),
      priority ? Buffer.from([0, 0, 0, 0, 15]) : Buffer.alloc(0),
      pieces[0] as Buffer,
      padded ? Buffer.alloc(2) : Buffer.alloc(0),
    ]);
    const flags =
      (endStream ? Flag.END_STREAM : 0) |
      (pieces.length === 1 ? Flag.END_HEADERS : 0) |
      (padded ? Flag.PADDED : 0) |
      (priority ? Flag.PRIORITY : 0);
    return [
      { bytes: frame(FrameType.HEADERS, flags, id, first), label: `HEADERS ${id} flags ${flags}` },
      ...pieces.slice(1).map((piece, i) => ({
        bytes: frame(FrameType.CONTINUATION, i === pieces.length - 2 ? Flag.END_HEADERS : 0, id, piece),
        label: `CONTINUATION ${id}`,
      })),
    ];
  });

/** DATA: a gRPC message (a real `ProcessingRequest`, or random bytes behind a prefix), or raw bytes. */
const data = fc
  .record({
    id: streamId,
    flags: fc.constantFrom(0, Flag.END_STREAM, Flag.PADDED, Flag.PADDED | Flag.END_STREAM),
    body: fc.oneof(
      fc.constant(REQUEST_HEADERS_MESSAGE),
      smallBytes(30).map((b) => grpcFrame(b)),
      smallBytes(30).map(Buffer.from),
    ),
    padLength: fc.integer({ min: 0, max: 40 }),
  })
  .map(({ id, flags, body, padLength }): FuzzFrame[] => {
    // A pad length at or above the payload is the peer's PROTOCOL_ERROR (RFC 9113 §6.1).
    const payload =
      flags & Flag.PADDED
        ? Buffer.concat([Buffer.from([padLength]), body, Buffer.alloc(Math.min(padLength, 20))])
        : body;
    return [
      {
        bytes: frame(FrameType.DATA, flags, id, payload),
        label: `DATA ${id} flags ${flags} ${body.length}B`,
      },
    ];
  });

/** SETTINGS: known ids with values in and out of range, unknown ids, or a payload of the wrong size. */
const settings = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.constantFrom(
          Setting.HEADER_TABLE_SIZE,
          Setting.ENABLE_PUSH,
          Setting.MAX_CONCURRENT_STREAMS,
          Setting.INITIAL_WINDOW_SIZE,
          Setting.MAX_FRAME_SIZE,
          Setting.MAX_HEADER_LIST_SIZE,
          0x99,
        ),
        fc.constantFrom(
          0,
          1,
          2,
          100,
          16_383,
          16_384,
          65_535,
          1 << 20,
          MAX_WINDOW,
          MAX_WINDOW + 1,
          0xffff_ffff,
        ),
      ),
      { maxLength: 3 },
    )
    .map((pairs): FuzzFrame[] => [
      { bytes: settingsFrame(pairs), label: `SETTINGS ${JSON.stringify(pairs)}` },
    ]),
  fc
    .record({ ack: fc.boolean(), payload: smallBytes(8), id: streamId })
    .map(({ ack, payload, id }): FuzzFrame[] => [
      {
        bytes: frame(FrameType.SETTINGS, ack ? Flag.ACK : 0, id, payload),
        label: `SETTINGS raw ack=${ack} ${payload.length}B on ${id}`,
      },
    ]),
);

/** Any frame type (the known ones with random flags, ids and payloads, and unknown types). */
const anyFrame = fc
  .record({
    type: fc.oneof(
      fc.constantFrom(
        FrameType.PRIORITY,
        FrameType.RST_STREAM,
        FrameType.PUSH_PROMISE,
        FrameType.PING,
        FrameType.GOAWAY,
        FrameType.WINDOW_UPDATE,
        FrameType.CONTINUATION,
      ),
      fc.integer({ min: 10, max: 0xff }),
    ),
    flags: anyFlags,
    id: streamId,
    // Mostly the size the type wants (RFC 9113 §6), sometimes not.
    size: fc.constantFrom(4, 4, 5, 8, 8, 0, 3, 9),
    fill: fc.constantFrom('zero', 'max', 'random'),
    random: smallBytes(9),
  })
  .map(({ type, flags, id, size, fill, random }): FuzzFrame[] => {
    const payload = Buffer.alloc(size, fill === 'max' ? 0xff : 0);
    if (fill === 'random') payload.set(random.subarray(0, size));
    return [
      {
        bytes: frame(type, flags, id, payload),
        label: `type ${type} flags ${flags} on ${id}, ${size}B ${fill}`,
      },
    ];
  });

/** A WINDOW_UPDATE whose increment is valid, zero, or overflows the window. */
const windowUpdate = fc
  .record({ id: streamId, increment: fc.constantFrom(1, 65_535, 0, MAX_WINDOW, MAX_WINDOW - 1) })
  .map(({ id, increment }): FuzzFrame[] => {
    const payload = Buffer.alloc(4);
    payload.writeUInt32BE(increment);
    return [
      { bytes: frame(FrameType.WINDOW_UPDATE, 0, id, payload), label: `WINDOW_UPDATE ${id} +${increment}` },
    ];
  });

/** A frame longer than the server's SETTINGS_MAX_FRAME_SIZE allows (it never raises the default). */
const oversized = fc
  .constantFrom(FrameType.DATA, FrameType.HEADERS, 0x42)
  .map((type): FuzzFrame[] => [
    { bytes: frame(type, 0, 1, Buffer.alloc(16_385)), label: `type ${type} of 16,385 bytes` },
  ]);

const oneItem = fc.oneof(
  { weight: 5, arbitrary: headers },
  { weight: 4, arbitrary: data },
  { weight: 2, arbitrary: settings },
  { weight: 4, arbitrary: anyFrame },
  { weight: 2, arbitrary: windowUpdate },
  { weight: 1, arbitrary: oversized },
);

/** A random connection's frames after the preface, and the socket-write cuts. */
export const frameCase: fc.Arbitrary<FrameCase> = fc
  .array(oneItem, { minLength: 1, maxLength: 12 })
  .chain((items) => {
    const frames = items.flat();
    const total = frames.reduce((n, f) => n + f.bytes.length, 0);
    return fc
      .uniqueArray(fc.integer({ min: 1, max: Math.max(1, total - 1) }), { maxLength: 6 })
      .map((cuts) => {
        const sorted = cuts.filter((c) => c < total).sort((a, b) => a - b);
        // A failure's report names the frames (and the cuts), not every byte of a 16 KiB payload.
        const describe = () => `${frames.map((f) => f.label).join(' | ')}; cuts ${JSON.stringify(sorted)}`;
        return { frames, cuts: sorted, [fc.toStringMethod]: describe };
      });
  });
