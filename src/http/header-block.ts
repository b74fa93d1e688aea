/**
 * The header list of one Envoy message as the header map reads it: names, and each value as
 * bytes. Either a list of where the names lie in the received message, each value read right
 * after its name (what the request decoder makes: one number per header, and no string, object
 * or Buffer per header until one is read), or names and values already held as strings and
 * Buffers (any other source). One class for both, so the map's reads stay monomorphic.
 *
 * @module
 */

/** @internal A header as it arrives from Envoy: `raw_value` bytes (§3.1), `value` only from old Envoys. */
export interface SourceHeader {
  readonly key?: string | undefined;
  readonly value?: string | undefined;
  readonly rawValue?: Buffer | Uint8Array | undefined;
}

const EMPTY = Buffer.alloc(0);

/** A header's value bytes: `raw_value`, or `value` as UTF-8 when `raw_value` is empty. */
function sourceBytes(h: SourceHeader): Buffer {
  const raw = h.rawValue;
  if (raw !== undefined && raw.length > 0) {
    return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  }
  // Envoy ≥1.32 fills raw_value only; `value` is a fallback for hand-built messages.
  return h.value ? Buffer.from(h.value, 'utf8') : EMPTY;
}

/**
 * @internal Turns the name bytes `buf[start, stop)` into the string a `string` field decodes to
 * (the request decoder's, with its intern table).
 */
export type NameText = (buf: Buffer, start: number, stop: number) => string;

/** Bits of a {@link nameSpan} that hold the name's length. */
const NAME_BITS = 8;
const NAME_MAX = (1 << NAME_BITS) - 1;
/** A name must start before this offset to have a span: start and length fit one small integer. */
const NAME_START_LIMIT = 1 << (31 - NAME_BITS - 1);

/** The tag of a `HeaderValue`'s `raw_value` (field 3, length-delimited). */
const RAW_VALUE_TAG = 26;

/**
 * @internal Where a name lies in a wire block's buffer as one number (its start and length in
 * one small integer), or -1 when it cannot (a name of 256 bytes or more, or starting 4 MiB or
 * more into the message): the decoder then decodes the list as it did before wire blocks.
 */
export function nameSpan(start: number, stop: number): number {
  const length = stop - start;
  return length > NAME_MAX || start >= NAME_START_LIMIT ? -1 : (start << NAME_BITS) | length;
}

/** Whether every character of `key` is ASCII. */
function isAscii(key: string): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** @internal One message's header list (see the module comment). Never changed once made. */
export class HeaderBlock {
  /** Number of headers. */
  readonly length: number;
  /** Each header's name: given to a block made from names; for a wire block `null` until first needed. */
  #names: readonly string[] | null;
  readonly #buf: Buffer;
  /**
   * For a wire block, where each header's name lies in `#buf` ({@link nameSpan}); `null` when
   * `#names` and `#values` hold the headers.
   */
  readonly #spans: readonly number[] | null;
  readonly #values: readonly Buffer[] | null;
  readonly #text: NameText | null;
  /** For a wire block, where its encoded list starts and ends in `#buf`; 0 for other blocks. */
  readonly #start: number;
  readonly #end: number;

  private constructor(
    names: readonly string[] | null,
    buf: Buffer,
    spans: readonly number[] | null,
    values: readonly Buffer[] | null,
    text: NameText | null,
    start: number,
    end: number,
  ) {
    this.length = spans !== null ? spans.length : (names as readonly string[]).length;
    this.#names = names;
    this.#buf = buf;
    this.#spans = spans;
    this.#values = values;
    this.#text = text;
    this.#start = start;
    this.#end = end;
  }

  /**
   * The headers of the encoded `HeaderMap.headers` list `buf[start, end)`, whose header `i` has
   * its name where `spans[i]` says ({@link nameSpan}) and is laid out as Envoy writes it: the
   * name (`key`, absent when empty), then its `raw_value` (absent when empty), nothing else.
   * Values are read from there when asked for. The names become strings (through `text`) only
   * when something needs the list of them ({@link names}): a stream's plugins look up a few
   * headers by name, and those lookups compare the name bytes ({@link find}).
   */
  static wire(
    buf: Buffer,
    spans: readonly number[],
    text: NameText,
    start: number,
    end: number,
  ): HeaderBlock {
    return new HeaderBlock(null, buf, spans, null, text, start, end);
  }

  /** Headers with these names and values (parallel lists). */
  static of(names: readonly string[], values: readonly Buffer[]): HeaderBlock {
    return new HeaderBlock(names, EMPTY, null, values, null, 0, 0);
  }

  /** The headers of a decoded header list, in Envoy's `HeaderValue` shape. */
  static from(list: readonly SourceHeader[]): HeaderBlock {
    return HeaderBlock.of(
      list.map((h) => h.key ?? ''),
      list.map((h) => sourceBytes(h)),
    );
  }

  /** Each header's name, in order (`''` for a header without one). */
  get names(): readonly string[] {
    if (this.#names === null) {
      const spans = this.#spans as readonly number[];
      const text = this.#text as NameText;
      const names = new Array<string>(this.length);
      for (let i = 0; i < names.length; i++) {
        const span = spans[i] as number;
        const start = span >> NAME_BITS;
        names[i] = text(this.#buf, start, start + (span & NAME_MAX));
      }
      this.#names = names;
    }
    return this.#names;
  }

  /**
   * The index of the first header at `from` or after it whose name is `key`, or -1. For a wire
   * block whose names are not made yet and an ASCII key, the name bytes are compared with the
   * key's characters: the UTF-8 decoding of bytes yields an ASCII character only for an ASCII
   * byte, and every byte outside ASCII yields a character outside it, so the name's text is
   * `key` exactly when its bytes are `key`'s character codes. Any other key makes the names
   * (so {@link findNext} compares them too).
   */
  find(key: string, from: number): number {
    if (this.#names === null && !isAscii(key)) void this.names;
    return this.#search(key, from);
  }

  /**
   * The index of the next header after `after` whose name is `key`, or -1: continues a search
   * that {@link find} began with the same key (which settled how names are compared, so the
   * key is not checked again for every match).
   */
  findNext(key: string, after: number): number {
    return this.#search(key, after + 1);
  }

  /** {@link find} without the key check: names as strings once made, else as bytes (ASCII keys). */
  #search(key: string, from: number): number {
    const names = this.#names;
    if (names !== null) {
      for (let i = from; i < names.length; i++) if (names[i] === key) return i;
      return -1;
    }
    const spans = this.#spans as readonly number[];
    const buf = this.#buf;
    const length = key.length;
    for (let i = from; i < spans.length; i++) {
      const span = spans[i] as number;
      if ((span & NAME_MAX) !== length) continue;
      const start = span >> NAME_BITS;
      let j = 0;
      while (j < length && buf[start + j] === key.charCodeAt(j)) j++;
      if (j === length) return i;
    }
    return -1;
  }

  /** Number of headers whose name is `key`. */
  count(key: string): number {
    let n = 0;
    for (let i = this.find(key, 0); i >= 0; i = this.findNext(key, i)) n++;
    return n;
  }

  /**
   * A number no less than {@link byteSize}, without reading the names: a wire block's encoded
   * size (its names' and values' bytes and their tags and lengths; a name's string is never
   * longer than its bytes), or the exact size for any other block, which reads no bytes for it.
   */
  byteBound(): number {
    return this.#spans !== null ? this.#end - this.#start : this.byteSize();
  }

  /**
   * The sum of the names' lengths (as strings) and the values' lengths (bytes). For a wire block
   * whose names are not made yet, an ASCII name's length is its byte count; the names are made
   * only if one has other bytes.
   */
  byteSize(): number {
    let n = 0;
    const spans = this.#spans;
    if (this.#names === null && spans !== null) {
      // Byte counts, unless a name has a byte outside ASCII (OR-ed over the names, no branch).
      const buf = this.#buf;
      let bits = 0;
      for (let i = 0; i < spans.length; i++) {
        const span = spans[i] as number;
        const start = span >> NAME_BITS;
        const stop = start + (span & NAME_MAX);
        for (let j = start; j < stop; j++) bits |= buf[j] as number;
        n += stop - start + this.valueLength(i);
      }
      if (bits <= 0x7f) return n;
      n = 0;
    }
    const names = this.names;
    for (let i = 0; i < names.length; i++) n += (names[i] as string).length + this.valueLength(i);
    return n;
  }

  /** A wire block's received message (what its offsets point into); empty for other blocks. */
  get buffer(): Buffer {
    return this.#buf;
  }

  /**
   * Where the length of value `i` of a wire block lies (right after its name and `raw_value`'s
   * tag), or -1 when the header has no `raw_value` (an empty value).
   */
  #lengthAt(i: number): number {
    const span = (this.#spans as readonly number[])[i] as number;
    const at = (span >> NAME_BITS) + (span & NAME_MAX);
    return at < this.#end && this.#buf[at] === RAW_VALUE_TAG ? at + 1 : -1;
  }

  /** Where value `i` starts in a wire block's {@link buffer}. */
  valueStart(i: number): number {
    let at = this.#lengthAt(i);
    if (at < 0) return this.#nameEnd(i);
    const buf = this.#buf;
    while ((buf[at] as number) & 0x80) at++;
    return at + 1;
  }

  /** Where value `i` ends in a wire block's {@link buffer}. */
  valueEnd(i: number): number {
    return this.valueStart(i) + this.valueLength(i);
  }

  /** Where name `i` of a wire block ends (the value, if any, follows). */
  #nameEnd(i: number): number {
    const span = (this.#spans as readonly number[])[i] as number;
    return (span >> NAME_BITS) + (span & NAME_MAX);
  }

  /** The bytes of value `i` (a view of the received message for a wire block). */
  value(i: number): Buffer {
    if (this.#spans === null) return (this.#values as readonly Buffer[])[i] as Buffer;
    const length = this.valueLength(i);
    if (length === 0) return EMPTY;
    const start = this.valueStart(i);
    return this.#buf.subarray(start, start + length);
  }

  /** Value `i` decoded as UTF-8 (for a wire block, without making a view of it). */
  text(i: number): string {
    if (this.#spans === null) return ((this.#values as readonly Buffer[])[i] as Buffer).toString('utf8');
    const start = this.valueStart(i);
    return this.#buf.toString('utf8', start, start + this.valueLength(i));
  }

  /** The length of value `i`, without making a view of it. */
  valueLength(i: number): number {
    if (this.#spans === null) return ((this.#values as readonly Buffer[])[i] as Buffer).length;
    let at = this.#lengthAt(i);
    if (at < 0) return 0;
    // The varint the decoder checked: at most 4 bytes.
    const buf = this.#buf;
    let b = buf[at++] as number;
    let length = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = buf[at++] as number;
      length |= (b & 0x7f) << shift;
    }
    return length;
  }
}
