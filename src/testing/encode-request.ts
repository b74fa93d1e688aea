/**
 * {@link encodeRequestFrame}: the kit's client-side encoder of the `ProcessingRequest`s its
 * simulated filter sends, straight into one gRPC frame (5-byte prefix + message).
 *
 * Why hand-written: the generated (ts-proto) encoder makes a `BinaryWriter` with a fork per
 * nested message and per header, then the frame is a second buffer and a copy. This sizes the
 * message first and writes it once, into the frame. It covers what the filter sends (headers,
 * bodies, trailers, an empty metadata context, protocol_config, observability_mode) and returns
 * null for anything else (attributes, forwarded metadata), which the caller encodes with the
 * generated encoder. For what it covers it writes the generated encoder's bytes exactly
 * (encode-request.test.ts compares them), so the server sees the same wire either way.
 *
 * @module
 */
import type { HeaderMap, HeaderValue, Metadata } from '../gen/envoy/config/core/v3/base.js';
import type {
  HttpBody,
  HttpHeaders,
  HttpTrailers,
  ProcessingRequest,
  ProtocolConfiguration,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { fieldSize, varintSize, WireWriter } from '../protocol/wire-writer.js';

/** Field tags (field number << 3 | wire type) of the oneof `request`. */
const REQUEST_TAGS: Readonly<Record<string, number>> = {
  requestHeaders: 18,
  responseHeaders: 26,
  requestBody: 34,
  responseBody: 42,
  requestTrailers: 50,
  responseTrailers: 58,
};

/** Whether an object-valued map field holds no entry (what the generated encoder writes nothing for). */
function isEmptyRecord(record: object | undefined): boolean {
  if (record === undefined) return true;
  for (const _ in record) return false;
  return true;
}

function headerValueSize(h: HeaderValue): number {
  let n = 0;
  if (h.key !== undefined && h.key !== '') n += fieldSize(Buffer.byteLength(h.key));
  if (h.value !== undefined && h.value !== '') n += fieldSize(Buffer.byteLength(h.value));
  if (h.rawValue !== undefined && h.rawValue.length !== 0) n += fieldSize(h.rawValue.length);
  return n;
}

function headerMapSize(map: HeaderMap): number {
  let n = 0;
  if (map.headers !== undefined) for (const h of map.headers) n += fieldSize(headerValueSize(h));
  return n;
}

function protocolConfigSize(pc: ProtocolConfiguration): number {
  let n = 0;
  if (pc.requestBodyMode !== undefined && pc.requestBodyMode !== 0) n += 1 + varintSize(pc.requestBodyMode);
  if (pc.responseBodyMode !== undefined && pc.responseBodyMode !== 0)
    n += 1 + varintSize(pc.responseBodyMode);
  if (pc.sendBodyWithoutWaitingForHeaderResponse === true) n += 2;
  return n;
}

function writeHeaderMap(w: WireWriter, tag: number, map: HeaderMap): void {
  w.open(tag, headerMapSize(map));
  if (map.headers === undefined) return;
  for (const h of map.headers) {
    w.open(10, headerValueSize(h));
    if (h.key !== undefined && h.key !== '') w.utf8(10, h.key);
    if (h.value !== undefined && h.value !== '') w.utf8(18, h.value);
    if (h.rawValue !== undefined && h.rawValue.length !== 0) w.bytes(26, h.rawValue);
  }
}

/** Size of the oneof's message, or -1 when it holds something this encoder leaves to ts-proto. */
function requestValueSize(request: NonNullable<ProcessingRequest['request']>): number {
  switch (request.$case) {
    case 'requestHeaders':
    case 'responseHeaders': {
      const v: HttpHeaders = request.value;
      if (!isEmptyRecord(v.attributes)) return -1;
      return (
        (v.headers === undefined ? 0 : fieldSize(headerMapSize(v.headers))) + (v.endOfStream === true ? 2 : 0)
      );
    }
    case 'requestBody':
    case 'responseBody': {
      const v: HttpBody = request.value;
      let n = v.body !== undefined && v.body.length !== 0 ? fieldSize(v.body.length) : 0;
      if (v.endOfStream === true) n += 2;
      if (v.endOfStreamWithoutMessage === true) n += 2;
      if (v.grpcMessageCompressed === true) n += 2;
      return n;
    }
    case 'requestTrailers':
    case 'responseTrailers': {
      const v: HttpTrailers = request.value;
      return v.trailers === undefined ? 0 : fieldSize(headerMapSize(v.trailers));
    }
    default:
      return -1;
  }
}

function writeRequestValue(
  w: WireWriter,
  request: NonNullable<ProcessingRequest['request']>,
  size: number,
): void {
  w.open(REQUEST_TAGS[request.$case] as number, size);
  switch (request.$case) {
    case 'requestHeaders':
    case 'responseHeaders': {
      const v = request.value;
      if (v.headers !== undefined) writeHeaderMap(w, 10, v.headers);
      if (v.endOfStream === true) w.small(24, 1);
      return;
    }
    case 'requestBody':
    case 'responseBody': {
      const v = request.value;
      if (v.body !== undefined && v.body.length !== 0) w.bytes(10, v.body);
      if (v.endOfStream === true) w.small(16, 1);
      if (v.endOfStreamWithoutMessage === true) w.small(24, 1);
      if (v.grpcMessageCompressed === true) w.small(32, 1);
      return;
    }
    case 'requestTrailers':
    case 'responseTrailers': {
      const v = request.value;
      if (v.trailers !== undefined) writeHeaderMap(w, 10, v.trailers);
      return;
    }
  }
}

/** Whether an enum value is one the varint writer above encodes as ts-proto's int32 does. */
function plainEnum(value: number | undefined): boolean {
  return value === undefined || (Number.isInteger(value) && value >= 0 && value <= 0x7fff_ffff);
}

/**
 * `request` as one gRPC frame (uncompressed flag, big-endian length, the protobuf bytes the
 * generated encoder would write), or null when it holds a field this encoder does not cover
 * (attributes, non-empty metadata): the caller then uses the generated encoder.
 */
export function encodeRequestFrame(request: ProcessingRequest): Buffer | null {
  const metadata: Metadata | undefined = request.metadataContext;
  if (
    metadata !== undefined &&
    !(isEmptyRecord(metadata.filterMetadata) && isEmptyRecord(metadata.typedFilterMetadata))
  )
    return null;
  if (!isEmptyRecord(request.attributes)) return null;
  const pc = request.protocolConfig;
  if (pc !== undefined && !(plainEnum(pc.requestBodyMode) && plainEnum(pc.responseBodyMode))) return null;
  let size = 0;
  let valueSize = 0;
  if (request.request !== undefined) {
    valueSize = requestValueSize(request.request);
    if (valueSize < 0) return null;
    size += fieldSize(valueSize);
  }
  if (metadata !== undefined) size += 2;
  if (request.observabilityMode === true) size += 2;
  if (pc !== undefined) size += fieldSize(protocolConfigSize(pc));
  const frame = Buffer.allocUnsafe(5 + size);
  frame[0] = 0;
  frame.writeUInt32BE(size, 1);
  const w = new WireWriter(frame, 5);
  if (request.request !== undefined) writeRequestValue(w, request.request, valueSize);
  if (metadata !== undefined) w.open(66, 0);
  if (request.observabilityMode === true) w.small(80, 1);
  if (pc !== undefined) {
    w.open(90, protocolConfigSize(pc));
    if (pc.requestBodyMode !== undefined && pc.requestBodyMode !== 0) w.uint(8, pc.requestBodyMode);
    if (pc.responseBodyMode !== undefined && pc.responseBodyMode !== 0) w.uint(16, pc.responseBodyMode);
    if (pc.sendBodyWithoutWaitingForHeaderResponse === true) w.small(24, 1);
  }
  if (w.pos !== frame.length) throw new Error(`encodeRequestFrame: wrote ${w.pos - 5} of ${size} bytes`);
  return frame;
}
