/**
 * The header list of one Envoy message as the header map reads it: names, and each value as
 * bytes. Either a list of where the names and values lie in the received message (what the
 * request decoder makes: no string, object or Buffer per header until one is read), or names
 * and values already held as strings and Buffers (any other source). One class for both, so the
 * map's reads stay monomorphic.
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

/**
 * @internal Where a name lies in a wire block's buffer as one number (its start and length in
 * one small integer, so a header costs three slots of the offsets' list, not four), or -1 when
 * it cannot (a name of 256 bytes or more, or starting 4 MiB or more into the message): the
 * decoder then decodes the list as it did before wire blocks.
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
   * For a wire block, three numbers per header: its name's place in `#buf` ({@link nameSpan}),
   * and where its value starts and ends; `null` when `#names` and `#values` hold them.
   */
  readonly #bounds: readonly number[] | null;
  readonly #values: readonly Buffer[] | null;
  readonly #text: NameText | null;
  /**
   * For a wire block, the encoded size of the header list it was read from: no less than its
   * names' and values' bytes, which are part of it ({@link byteBound}). 0 for other blocks.
   */
  readonly #encoded: number;

  private constructor(
    length: number,
    names: readonly string[] | null,
    buf: Buffer,
    bounds: readonly number[] | null,
    values: readonly Buffer[] | null,
    text: NameText | null,
    encoded: number,
  ) {
    this.length = length;
    this.#names = names;
    this.#buf = buf;
    this.#bounds = bounds;
    this.#values = values;
    this.#text = text;
    this.#encoded = encoded;
  }

  /**
   * Headers whose name `i` lies where `bounds[3i]` says ({@link nameSpan}) and value `i` is
   * `buf[bounds[3i + 1], bounds[3i + 2])`. The names become strings (through `text`) only when
   * something needs the list of them ({@link names}): a stream's plugins look up a few headers
   * by name, and those lookups compare the name bytes ({@link find}). `encoded`: the size of
   * the encoded header list the bounds point into (an upper bound of {@link byteSize}).
   */
  static wire(buf: Buffer, bounds: readonly number[], text: NameText, encoded: number): HeaderBlock {
    return new HeaderBlock(bounds.length / 3, null, buf, bounds, null, text, encoded);
  }

  /** Headers with these names and values (parallel lists). */
  static of(names: readonly string[], values: readonly Buffer[]): HeaderBlock {
    return new HeaderBlock(names.length, names, EMPTY, null, values, null, 0);
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
      const bounds = this.#bounds as readonly number[];
      const text = this.#text as NameText;
      const names = new Array<string>(this.length);
      for (let i = 0; i < names.length; i++) {
        const span = bounds[3 * i] as number;
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
    const bounds = this.#bounds as readonly number[];
    const buf = this.#buf;
    const length = key.length;
    for (let i = from; i < this.length; i++) {
      const span = bounds[3 * i] as number;
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
    return this.#bounds !== null ? this.#encoded : this.byteSize();
  }

  /**
   * The sum of the names' lengths (as strings) and the values' lengths (bytes). For a wire block
   * whose names are not made yet, an ASCII name's length is its byte count; the names are made
   * only if one has other bytes.
   */
  byteSize(): number {
    let n = 0;
    const bounds = this.#bounds;
    if (this.#names === null && bounds !== null) {
      // Byte counts, unless a name has a byte outside ASCII (OR-ed over the names, no branch).
      const buf = this.#buf;
      let bits = 0;
      for (let i = 0; i < bounds.length; i += 3) {
        const span = bounds[i] as number;
        const start = span >> NAME_BITS;
        const stop = start + (span & NAME_MAX);
        for (let j = start; j < stop; j++) bits |= buf[j] as number;
        n += stop - start + (bounds[i + 2] as number) - (bounds[i + 1] as number);
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

  /** Where value `i` starts in a wire block's {@link buffer}. */
  valueStart(i: number): number {
    return (this.#bounds as readonly number[])[3 * i + 1] as number;
  }

  /** Where value `i` ends in a wire block's {@link buffer}. */
  valueEnd(i: number): number {
    return (this.#bounds as readonly number[])[3 * i + 2] as number;
  }

  /** The bytes of value `i` (a view of the received message for a wire block). */
  value(i: number): Buffer {
    const bounds = this.#bounds;
    if (bounds === null) return (this.#values as readonly Buffer[])[i] as Buffer;
    const start = bounds[3 * i + 1] as number;
    const end = bounds[3 * i + 2] as number;
    return start === end ? EMPTY : this.#buf.subarray(start, end);
  }

  /** Value `i` decoded as UTF-8 (for a wire block, without making a view of it). */
  text(i: number): string {
    const bounds = this.#bounds;
    if (bounds === null) return ((this.#values as readonly Buffer[])[i] as Buffer).toString('utf8');
    return this.#buf.toString('utf8', bounds[3 * i + 1] as number, bounds[3 * i + 2] as number);
  }

  /** The length of value `i`, without making a view of it. */
  valueLength(i: number): number {
    const bounds = this.#bounds;
    if (bounds === null) return ((this.#values as readonly Buffer[])[i] as Buffer).length;
    return (bounds[3 * i + 2] as number) - (bounds[3 * i + 1] as number);
  }
}
