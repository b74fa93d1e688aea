/**
 * HTTP/2 frames (RFC 9113 §4, §6): the type, flag, setting and error code numbers, and the
 * builders of the frames a peer writes (the kit's client and the `wire` server).
 *
 * @module
 */

/** Frame types (RFC 9113 §6). */
export const FrameType = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
} as const;

/** Frame flags (RFC 9113 §6). */
export const Flag = {
  END_STREAM: 0x1,
  ACK: 0x1,
  END_HEADERS: 0x4,
  PADDED: 0x8,
  PRIORITY: 0x20,
} as const;

/** SETTINGS parameters (RFC 9113 §6.5.2). */
export const Setting = {
  HEADER_TABLE_SIZE: 0x1,
  ENABLE_PUSH: 0x2,
  MAX_CONCURRENT_STREAMS: 0x3,
  INITIAL_WINDOW_SIZE: 0x4,
  MAX_FRAME_SIZE: 0x5,
  MAX_HEADER_LIST_SIZE: 0x6,
} as const;

/** Error codes (RFC 9113 §7); the same numbers as node:http2's `NGHTTP2_*` constants. */
export const ErrorCode = {
  NO_ERROR: 0x0,
  PROTOCOL_ERROR: 0x1,
  INTERNAL_ERROR: 0x2,
  FLOW_CONTROL_ERROR: 0x3,
  SETTINGS_TIMEOUT: 0x4,
  STREAM_CLOSED: 0x5,
  FRAME_SIZE_ERROR: 0x6,
  REFUSED_STREAM: 0x7,
  CANCEL: 0x8,
  COMPRESSION_ERROR: 0x9,
  CONNECT_ERROR: 0xa,
  ENHANCE_YOUR_CALM: 0xb,
  INADEQUATE_SECURITY: 0xc,
  HTTP_1_1_REQUIRED: 0xd,
} as const;

/** The client connection preface (RFC 9113 §3.4). */
export const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/** Frame header size. */
export const HEADER_BYTES = 9;
/** The initial (and smallest allowed) SETTINGS_MAX_FRAME_SIZE. */
export const DEFAULT_MAX_FRAME_SIZE = 16_384;
/** The initial flow-control window of a stream and of the connection. */
export const DEFAULT_WINDOW = 65_535;
/** Largest flow-control window (RFC 9113 §6.9.1). */
export const MAX_WINDOW = 0x7fff_ffff;

/** Writes a 9-byte frame header at `at` of `target`. */
export function writeFrameHeader(
  target: Buffer,
  at: number,
  length: number,
  type: number,
  flags: number,
  streamId: number,
): void {
  target[at] = length >>> 16;
  target[at + 1] = (length >>> 8) & 0xff;
  target[at + 2] = length & 0xff;
  target[at + 3] = type;
  target[at + 4] = flags;
  target.writeUInt32BE(streamId, at + 5);
}

/** A whole frame: header and payload in one buffer. */
export function frame(type: number, flags: number, streamId: number, payload?: Uint8Array): Buffer {
  const length = payload === undefined ? 0 : payload.length;
  const out = Buffer.allocUnsafe(HEADER_BYTES + length);
  writeFrameHeader(out, 0, length, type, flags, streamId);
  if (payload !== undefined) out.set(payload, HEADER_BYTES);
  return out;
}

/** A SETTINGS frame with `[id, value]` pairs. */
export function settingsFrame(settings: ReadonlyArray<readonly [number, number]>): Buffer {
  const out = Buffer.allocUnsafe(HEADER_BYTES + 6 * settings.length);
  writeFrameHeader(out, 0, 6 * settings.length, FrameType.SETTINGS, 0, 0);
  settings.forEach(([id, value], i) => {
    out.writeUInt16BE(id, HEADER_BYTES + 6 * i);
    out.writeUInt32BE(value, HEADER_BYTES + 6 * i + 2);
  });
  return out;
}

/** A frame whose payload is one 32-bit number: WINDOW_UPDATE's increment, RST_STREAM's code. */
export function uint32Frame(type: number, streamId: number, value: number): Buffer {
  const out = Buffer.allocUnsafe(HEADER_BYTES + 4);
  writeFrameHeader(out, 0, 4, type, 0, streamId);
  out.writeUInt32BE(value, HEADER_BYTES);
  return out;
}

/** A GOAWAY frame (RFC 9113 §6.8). */
export function goawayFrame(lastStreamId: number, code: number): Buffer {
  const out = Buffer.allocUnsafe(HEADER_BYTES + 8);
  writeFrameHeader(out, 0, 8, FrameType.GOAWAY, 0, 0);
  out.writeUInt32BE(lastStreamId, HEADER_BYTES);
  out.writeUInt32BE(code, HEADER_BYTES + 4);
  return out;
}
