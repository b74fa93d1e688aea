/**
 * A hand-written decoder for the `ProcessingRequest`s Envoy sends on every stream, producing
 * exactly what the generated decoder produces, at a fraction of its cost.
 *
 * Why: the generated (ts-proto) decoder allocates three Buffers per header (a default
 * `Buffer.alloc(0)`, the reader's view, and a copy of it), copies every body, decodes short keys
 * through an array of char codes, and writes a recursion counter onto the reader at every level.
 * On a headers-only stream that was the largest part of attache's own CPU. Here header values
 * and bodies are views of the received bytes (the transports hand over a buffer of its own per
 * message, which nothing reuses), and ASCII keys are read straight off the bytes. A header list
 * is decoded into name and value offsets (`HeaderBlock`), which the header map reads (its
 * names become strings only if something needs them all); its `HeaderValue` objects are made
 * only if something reads the list itself.
 *
 * Scope: the fast path covers the fields Envoy sends, in their proto wire types. Anything else
 * (an unknown field, an unexpected wire type, a varint longer than 4 bytes, truncated input)
 * makes it give up and the generated decoder decodes the whole message, so odd or malformed
 * input is decoded, or refused, exactly as before. Struct-valued fields (attributes, metadata)
 * are handed to the generated decoders of those fields.
 *
 * @module
 */
import { BinaryReader, getTextEncoding } from '@bufbuild/protobuf/wire';
import { Metadata } from '../gen/envoy/config/core/v3/base.js';
import {
  HttpHeaders_AttributesEntry,
  type ProcessingRequest,
  ProcessingRequest_AttributesEntry,
  type ProtocolConfiguration,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { HeaderBlock, nameSpan } from '../http/header-block.js';

type Request = NonNullable<ProcessingRequest['request']>;
type HttpHeaders = Extract<Request, { $case: 'requestHeaders' }>['value'];
type HttpBody = Extract<Request, { $case: 'requestBody' }>['value'];
type HttpTrailers = Extract<Request, { $case: 'requestTrailers' }>['value'];
type HeaderValue = NonNullable<NonNullable<HttpHeaders['headers']>['headers']>[number];

/** Thrown inside the fast path when the input is outside its scope; never escapes this module. */
const GIVE_UP = Symbol('attache.decode.give-up');

/**
 * The default of an absent `bytes` field. Shared: it has no bytes to change, and the generated
 * decoder's default is an equally empty Buffer.
 */
const EMPTY = Buffer.alloc(0);

const decodeUtf8 = getTextEncoding().decodeUtf8;

/**
 * The request oneof's field numbers (2..7) to their `$case`; index = field number.
 */
const CASES = [
  '',
  '',
  'requestHeaders',
  'responseHeaders',
  'requestBody',
  'responseBody',
  'requestTrailers',
  'responseTrailers',
] as const;

/** Header names this long or shorter are interned ({@link intern}). */
const INTERN_MAX = 64;
/** Slots of the intern table (a power of two); a string may sit in its slot or the next. */
const INTERN_SLOTS = 512;
const interned: Array<string | undefined> = new Array(INTERN_SLOTS);
/** Which of a string's two slots the next new string of that pair replaces. */
let internVictim = 0;

/** Whether `known` is the text of the bytes `buf[start, stop)` (so those are ASCII too). */
function sameText(known: string | undefined, buf: Buffer, start: number, stop: number): boolean {
  if (known === undefined || known.length !== stop - start) return false;
  for (let i = 0; i < known.length; i++) if (known.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}

/**
 * The string of the bytes `buf[start, stop)`, from a small table of the strings last decoded:
 * every stream repeats the same header names, so a name is read off the wire once and then only
 * compared (one pass over its bytes). The slot comes from the length and three of the bytes,
 * without a pass; a string found in neither of its two slots is decoded and replaces one.
 */
function intern(buf: Buffer, start: number, stop: number): string | null {
  const length = stop - start;
  const slot =
    (length * 31 +
      (buf[start] as number) * 7 +
      (buf[stop - 1] as number) * 13 +
      (buf[start + (length >> 1)] as number)) &
    (INTERN_SLOTS - 2);
  const first = interned[slot];
  if (sameText(first, buf, start, stop)) return first as string;
  const second = interned[slot + 1];
  if (sameText(second, buf, start, stop)) return second as string;
  for (let i = start; i < stop; i++) if ((buf[i] as number) > 0x7f) return null;
  const text = buf.toString('latin1', start, stop);
  internVictim ^= 1;
  interned[slot + internVictim] = text;
  return text;
}

/**
 * The text of a `string` field whose bytes are `buf[start, stop)`: ASCII read directly (short
 * strings through the intern table), anything else as the generated decoder does.
 */
function text(buf: Buffer, start: number, stop: number): string {
  if (start === stop) return '';
  if (stop - start <= INTERN_MAX) {
    const known = intern(buf, start, stop);
    if (known !== null) return known;
    return decodeUtf8(buf.subarray(start, stop));
  }
  for (let i = start; i < stop; i++) {
    if ((buf[i] as number) > 0x7f) return decodeUtf8(buf.subarray(start, stop));
  }
  return buf.toString('latin1', start, stop);
}

/** A cursor over one message's bytes. One per decode; its methods throw {@link GIVE_UP}. */
class Cursor {
  readonly buf: Buffer;
  pos: number;

  constructor(buf: Buffer, pos: number) {
    this.buf = buf;
    this.pos = pos;
  }

  /** A varint of at most 4 bytes (< 2^28): tags, lengths, enums and bools as Envoy writes them. */
  varint(end: number): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= end) throw GIVE_UP;
    let b = buf[pos++] as number;
    let value = b & 0x7f;
    let shift = 7;
    while (b & 0x80) {
      if (shift > 21 || pos >= end) throw GIVE_UP;
      b = buf[pos++] as number;
      value |= (b & 0x7f) << shift;
      shift += 7;
    }
    this.pos = pos;
    return value;
  }

  /** The end offset of a length-delimited field starting at the cursor (its length read). */
  delimited(end: number): number {
    const length = this.varint(end);
    const stop = this.pos + length;
    if (stop > end) throw GIVE_UP;
    return stop;
  }

  /** A `string` field's text ({@link text}). */
  string(end: number): string {
    const stop = this.delimited(end);
    const start = this.pos;
    this.pos = stop;
    return text(this.buf, start, stop);
  }

  /** A `bytes` field: a view of the received bytes, no copy. */
  bytes(end: number): Buffer {
    const stop = this.delimited(end);
    const start = this.pos;
    this.pos = stop;
    return start === stop ? EMPTY : this.buf.subarray(start, stop);
  }
}

/**
 * A decoded header whose `raw_value` becomes a Buffer only when read: a stream's plugins read
 * a few of the headers Envoy sends, and a Buffer view per header was the largest allocation
 * left in decoding. Reads as the generated decoder's `HeaderValue` (`rawValue` is a getter),
 * and every field is assignable, as the generated decoder's plain objects are. One class for a
 * header decoded on its own ({@link headerValue}) and one of a block's list
 * ({@link WireHeaderList}): both hold where the value lies in the received message.
 */
class WireHeader implements HeaderValue {
  key: string;
  value: string;
  readonly #buf: Buffer;
  readonly #start: number;
  readonly #end: number;
  /** The view once made, or what was assigned; `null` until either. */
  #raw: Buffer | undefined | null = null;
  /** `rawValue` was assigned. */
  #rawAssigned = false;

  constructor(key: string, value: string, buf: Buffer, start: number, end: number) {
    this.key = key;
    this.value = value;
    this.#buf = buf;
    this.#start = start;
    this.#end = end;
  }

  /** Header `i` of a wire block (the names made). */
  static of(block: HeaderBlock, i: number): WireHeader {
    return new WireHeader(block.names[i] as string, '', block.buffer, block.valueStart(i), block.valueEnd(i));
  }

  get rawValue(): Buffer | undefined {
    if (this.#raw === null) {
      this.#raw = this.#start === this.#end ? EMPTY : this.#buf.subarray(this.#start, this.#end);
    }
    return this.#raw;
  }

  set rawValue(value: Buffer | undefined) {
    this.#raw = value;
    this.#rawAssigned = true;
  }

  /**
   * Whether this still says what header `i` of the wire `block` says: its name, no `value`
   * string, and its value bytes where the block has them (no field assigned another value).
   */
  unchanged(block: HeaderBlock, i: number): boolean {
    return (
      !this.#rawAssigned &&
      this.#buf === block.buffer &&
      this.#start === block.valueStart(i) &&
      this.#end === block.valueEnd(i) &&
      this.key === block.names[i] &&
      this.value === ''
    );
  }

  /** As the generated decoder's plain object, so logs and JSON show the value. */
  toJSON(): HeaderValue {
    return { key: this.key, value: this.value, rawValue: this.rawValue };
  }
}

function headerValue(c: Cursor, end: number): HeaderValue {
  let key = '';
  let value = '';
  let start = 0;
  let stop = 0;
  while (c.pos < end) {
    const tag = c.varint(end);
    // A repeated field: the last one wins, as in the generated decoder.
    if (tag === 10) key = c.string(end);
    else if (tag === 26) {
      stop = c.delimited(end);
      start = c.pos;
      c.pos = stop;
    } else if (tag === 18) value = c.string(end);
    else throw GIVE_UP;
  }
  return new WireHeader(key, value, c.buf, start, stop);
}

/**
 * A decoded `HeaderMap` whose `headers` list is made only when read: the processor reads the
 * block's name and value offsets ({@link headerBlockOf}), so a stream whose observers do not
 * read the list (tracing does) makes no object per header. Reads as the generated decoder's
 * `HeaderMap` (`headers` is a getter, assignable), and a list that was replaced or edited in
 * place is what the processor then reads, as with the generated decoder's plain objects.
 */
class WireHeaderList {
  readonly #block: HeaderBlock;
  #headers: HeaderValue[] | null = null;
  /** The list was assigned: it, not the block, is the message's content now. */
  #assigned = false;

  constructor(block: HeaderBlock) {
    this.#block = block;
  }

  get headers(): HeaderValue[] {
    if (this.#headers === null) {
      const block = this.#block;
      const headers: HeaderValue[] = [];
      for (let i = 0; i < block.length; i++) headers.push(WireHeader.of(block, i));
      this.#headers = headers;
    }
    return this.#headers;
  }

  set headers(value: HeaderValue[]) {
    this.#headers = value;
    this.#assigned = true;
  }

  /** The block the header map reads, or `null` when the list no longer says what the block does. */
  block(): HeaderBlock | null {
    const headers = this.#headers;
    if (headers === null) return this.#block;
    if (this.#assigned || headers.length !== this.#block.length) return null;
    for (let i = 0; i < headers.length; i++) {
      const h = headers[i];
      if (!(h instanceof WireHeader) || !h.unchanged(this.#block, i)) return null;
    }
    return this.#block;
  }

  /** As the generated decoder's plain object, so logs and JSON show the headers. */
  toJSON(): { headers: HeaderValue[] } {
    return { headers: this.headers };
  }
}

/**
 * The header list as a block of name places (its values are read after their names), or `null`
 * when a header is outside the layout Envoy writes (its name, then its `raw_value`, each absent
 * when empty, and nothing else: a legacy `value` string, fields in another order or repeated,
 * or a name without a {@link nameSpan}): the caller then decodes the list as
 * {@link WireHeader}s. The names are not read here: the block makes them strings (with
 * {@link text}, as the generated decoder would) only if something needs them all.
 */
function wireBlock(c: Cursor, end: number): HeaderBlock | null {
  const buf = c.buf;
  const from = c.pos;
  // One pass: a list grown by push reserves 17 places at the first, enough for most requests.
  const spans: number[] = [];
  while (c.pos < end) {
    if (c.varint(end) !== 10) throw GIVE_UP;
    const stop = c.delimited(end);
    let keyStart = c.pos;
    let keyEnd = c.pos;
    if (c.pos < stop && buf[c.pos] === 10) {
      c.pos++;
      keyEnd = c.delimited(stop);
      keyStart = c.pos;
      c.pos = keyEnd;
    }
    if (c.pos < stop) {
      if (buf[c.pos] !== 26) return null;
      c.pos++;
      c.pos = c.delimited(stop);
      if (c.pos !== stop) return null;
    }
    const name = nameSpan(keyStart, keyEnd);
    if (name < 0) return null;
    spans.push(name);
  }
  return HeaderBlock.wire(buf, spans, text, from, end);
}

function headerMap(c: Cursor, end: number): { headers: HeaderValue[] } {
  const from = c.pos;
  const block = wireBlock(c, end);
  if (block !== null) return new WireHeaderList(block);
  c.pos = from;
  const headers: HeaderValue[] = [];
  while (c.pos < end) {
    if (c.varint(end) !== 10) throw GIVE_UP;
    const stop = c.delimited(end);
    headers.push(headerValue(c, stop));
  }
  return { headers };
}

/**
 * What the header map of a decoded `HeaderMap` reads: the decoder's block of name and value
 * offsets when it made one (and the list was not replaced since), or else a block of the list.
 * @internal
 */
export function headerBlockOf(map: { headers?: readonly HeaderValue[] } | undefined): HeaderBlock {
  if (map instanceof WireHeaderList) {
    const block = map.block();
    if (block !== null) return block;
  }
  return HeaderBlock.from(map?.headers ?? []);
}

/**
 * A generated decoder for a field the fast path does not decode itself (Struct maps). `depth` is
 * the nesting the generated decoders would have counted there, so their recursion limit (100
 * levels) cuts a deep Struct at the same level as before.
 */
function generated<T>(
  c: Cursor,
  end: number,
  depth: number,
  decode: (reader: BinaryReader, length: number) => T,
): T {
  const stop = c.delimited(end);
  const reader = new BinaryReader(c.buf);
  reader.pos = c.pos;
  (reader as unknown as { __tsProtoDecodeDepth: number }).__tsProtoDecodeDepth = depth;
  const value = decode(reader, stop - c.pos);
  if (reader.pos !== stop) throw GIVE_UP;
  c.pos = stop;
  return value;
}

/**
 * The `attributes` of a message that carries none (nearly all: Envoy sends them once per
 * direction, and only when the filter asks for some): one frozen empty object shared by every
 * decoded message instead of two new ones per message. A message with attributes gets its own.
 */
const NO_ATTRIBUTES: { [key: string]: never } = Object.freeze({});

/** `attributes` of a message, made its own before its first entry goes in. */
function ownAttributes(attributes: { [key: string]: unknown } | undefined): Record<string, unknown> {
  return attributes === NO_ATTRIBUTES || attributes === undefined ? {} : attributes;
}

function httpHeaders(c: Cursor, end: number): HttpHeaders {
  const value: HttpHeaders = { headers: undefined, attributes: NO_ATTRIBUTES, endOfStream: false };
  while (c.pos < end) {
    const tag = c.varint(end);
    if (tag === 10) {
      const stop = c.delimited(end);
      value.headers = headerMap(c, stop);
    } else if (tag === 24) {
      value.endOfStream = c.varint(end) !== 0;
    } else if (tag === 18) {
      const entry = generated(c, end, 2, (r, n) => HttpHeaders_AttributesEntry.decode(r, n));
      if (entry.value !== undefined) {
        const attributes = ownAttributes(value.attributes);
        attributes[entry.key] = entry.value;
        value.attributes = attributes as HttpHeaders['attributes'];
      }
    } else throw GIVE_UP;
  }
  return value;
}

function httpBody(c: Cursor, end: number): HttpBody {
  const value: HttpBody = {
    body: EMPTY,
    endOfStream: false,
    endOfStreamWithoutMessage: false,
    grpcMessageCompressed: false,
  };
  while (c.pos < end) {
    const tag = c.varint(end);
    if (tag === 10) value.body = c.bytes(end);
    else if (tag === 16) value.endOfStream = c.varint(end) !== 0;
    else if (tag === 24) value.endOfStreamWithoutMessage = c.varint(end) !== 0;
    else if (tag === 32) value.grpcMessageCompressed = c.varint(end) !== 0;
    else throw GIVE_UP;
  }
  return value;
}

function httpTrailers(c: Cursor, end: number): HttpTrailers {
  const value: HttpTrailers = { trailers: undefined };
  while (c.pos < end) {
    if (c.varint(end) !== 10) throw GIVE_UP;
    const stop = c.delimited(end);
    value.trailers = headerMap(c, stop);
  }
  return value;
}

function protocolConfig(c: Cursor, end: number): ProtocolConfiguration {
  const value: ProtocolConfiguration = {
    requestBodyMode: 0,
    responseBodyMode: 0,
    sendBodyWithoutWaitingForHeaderResponse: false,
  };
  while (c.pos < end) {
    const tag = c.varint(end);
    if (tag === 8) value.requestBodyMode = c.varint(end);
    else if (tag === 16) value.responseBodyMode = c.varint(end);
    else if (tag === 24) value.sendBodyWithoutWaitingForHeaderResponse = c.varint(end) !== 0;
    else throw GIVE_UP;
  }
  return value;
}

function processingRequest(c: Cursor, end: number): ProcessingRequest {
  const message: ProcessingRequest = {
    request: undefined,
    metadataContext: undefined,
    attributes: NO_ATTRIBUTES,
    observabilityMode: false,
    protocolConfig: undefined,
  };
  while (c.pos < end) {
    const tag = c.varint(end);
    const field = tag >>> 3;
    if ((tag & 7) === 2 && field >= 2 && field <= 7) {
      const stop = c.delimited(end);
      const $case = CASES[field] as Request['$case'];
      // A repeated oneof field replaces the earlier one, as in the generated decoder.
      message.request =
        field <= 3
          ? ({ $case, value: httpHeaders(c, stop) } as Request)
          : field <= 5
            ? ({ $case, value: httpBody(c, stop) } as Request)
            : ({ $case, value: httpTrailers(c, stop) } as Request);
    } else if (tag === 90) {
      const stop = c.delimited(end);
      message.protocolConfig = protocolConfig(c, stop);
    } else if (tag === 80) {
      message.observabilityMode = c.varint(end) !== 0;
    } else if (tag === 66) {
      message.metadataContext = generated(c, end, 1, (r, n) => Metadata.decode(r, n));
    } else if (tag === 74) {
      const entry = generated(c, end, 1, (r, n) => ProcessingRequest_AttributesEntry.decode(r, n));
      if (entry.value !== undefined) {
        const attributes = ownAttributes(message.attributes);
        attributes[entry.key] = entry.value;
        message.attributes = attributes as ProcessingRequest['attributes'];
      }
    } else throw GIVE_UP;
  }
  return message;
}

/**
 * Decodes a `ProcessingRequest` on the fast path, or returns `null` when the bytes are outside
 * its scope (see the module comment): the caller then uses the generated decoder. The message
 * is `bytes[start, end)` (all of it by default), so a transport can decode it where it arrived,
 * behind its frame prefix, without a view of it; header values and bodies are views of `bytes`.
 * @internal
 */
export function decodeRequestFast(
  bytes: Uint8Array,
  start = 0,
  end: number = bytes.length,
): ProcessingRequest | null {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return processingRequest(new Cursor(buf, start), end);
  } catch (error) {
    if (error === GIVE_UP) return null;
    throw error;
  }
}
