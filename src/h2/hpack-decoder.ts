/**
 * A full HPACK decoder (RFC 7541) for the header blocks a server sends: indexed fields, literals
 * with and without indexing (and never indexed), Huffman-coded strings, the dynamic table with
 * its eviction, and dynamic table size updates.
 *
 * Hand-written because npm has no well-kept HPACK library: `hpack.js` (the one `spdy` used) has
 * had no release in years and carries its own stream classes, and `hpack` is a one-release
 * package without types. The decoder is small (RFC 7541 is short) and is tested against RFC
 * 7541 Appendix C and against node:http2 (nghttp2) servers.
 *
 * @module
 */

import { STATIC_TABLE } from './hpack-static.js';
import { HuffmanError, huffmanDecode } from './huffman.js';

/** A header block that cannot be decoded: a COMPRESSION_ERROR for the whole connection (RFC 9113 §4.3). */
export class HpackError extends Error {}

/** Per-entry overhead of the dynamic table's size accounting (RFC 7541 §4.1). */
const ENTRY_OVERHEAD = 32;

/**
 * Decodes header blocks in the order they arrive on one connection (the dynamic table is
 * connection state: every block must be decoded, even one for a stream nobody reads).
 */
export class HpackDecoder {
  /** The largest table size the peer may pick: our SETTINGS_HEADER_TABLE_SIZE. */
  readonly #limit: number;
  #maxSize: number;
  #size = 0;
  /** Dynamic entries, oldest first (index 62 is the last one). */
  readonly #names: string[] = [];
  readonly #values: string[] = [];
  // Kept as a ring would be faster for eviction; blocks here are few and small, so an array.
  #at = 0;

  constructor(maxTableSize = 4096) {
    this.#limit = maxTableSize;
    this.#maxSize = maxTableSize;
  }

  /** Current dynamic table size in RFC 7541 §4.1 units (for tests). */
  get tableSize(): number {
    return this.#size;
  }

  /** The dynamic table's entries, newest first (for tests). */
  get table(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (let i = this.#names.length - 1; i >= this.#at; i--)
      out.push([this.#names[i] as string, this.#values[i] as string]);
    return out;
  }

  /**
   * Decodes one complete header block; returns the fields as `[name0, value0, name1, …]`, in order.
   * Throws {@link HpackError} on anything malformed.
   */
  decode(block: Uint8Array): string[] {
    const fields: string[] = [];
    let at = 0;
    const end = block.length;
    let fieldSeen = false;
    try {
      while (at < end) {
        const first = block[at] as number;
        if (first & 0x80) {
          // Indexed field (§6.1).
          const [index, next] = readInt(block, at, 7);
          at = next;
          if (index === 0) throw new HpackError('indexed field with index 0');
          this.#push(fields, index);
          fieldSeen = true;
        } else if (first & 0x40) {
          // Literal with incremental indexing (RFC 7541 §6.2.1).
          at = this.#literal(block, at, 6, fields, true);
          fieldSeen = true;
        } else if (first & 0x20) {
          // Dynamic table size update (§6.3): only at the start of a block.
          if (fieldSeen) throw new HpackError('dynamic table size update after a field');
          const [size, next] = readInt(block, at, 5);
          at = next;
          if (size > this.#limit) throw new HpackError(`table size update ${size} above ${this.#limit}`);
          this.#maxSize = size;
          this.#evict(0);
        } else {
          // Literal without indexing (RFC 7541 §6.2.2) or never indexed (§6.2.3): 4-bit prefix.
          at = this.#literal(block, at, 4, fields, false);
          fieldSeen = true;
        }
      }
    } catch (error) {
      if (error instanceof HpackError) throw error;
      if (error instanceof HuffmanError) throw new HpackError(error.message);
      throw error;
    }
    return fields;
  }

  #literal(block: Uint8Array, at: number, prefix: number, fields: string[], index: boolean): number {
    const [nameIndex, afterIndex] = readInt(block, at, prefix);
    let name: string;
    let next = afterIndex;
    if (nameIndex === 0) {
      [name, next] = readString(block, next);
    } else {
      name = this.#name(nameIndex);
    }
    const [value, end] = readString(block, next);
    next = end;
    fields.push(name, value);
    if (index) this.#insert(name, value);
    return next;
  }

  #push(fields: string[], index: number): void {
    if (index <= STATIC_TABLE.length) {
      const entry = STATIC_TABLE[index - 1] as readonly [string, string];
      fields.push(entry[0], entry[1]);
      return;
    }
    const at = this.#dynamic(index);
    fields.push(this.#names[at] as string, this.#values[at] as string);
  }

  #name(index: number): string {
    if (index <= STATIC_TABLE.length) return (STATIC_TABLE[index - 1] as readonly [string, string])[0];
    return this.#names[this.#dynamic(index)] as string;
  }

  /** Array position of dynamic index `index` (62 = newest). */
  #dynamic(index: number): number {
    const position = this.#names.length - 1 - (index - STATIC_TABLE.length - 1);
    if (position < this.#at) throw new HpackError(`index ${index} is not in the table`);
    return position;
  }

  #insert(name: string, value: string): void {
    const size = name.length + value.length + ENTRY_OVERHEAD;
    if (size > this.#maxSize) {
      // An entry larger than the table empties it and is not added (§4.4).
      this.#evict(this.#maxSize + 1);
      return;
    }
    this.#evict(size);
    this.#names.push(name);
    this.#values.push(value);
    this.#size += size;
  }

  /** Evicts oldest entries until `room` more fits under the maximum size. */
  #evict(room: number): void {
    while (this.#size + room > this.#maxSize && this.#at < this.#names.length) {
      this.#size -= (this.#names[this.#at] as string).length + (this.#values[this.#at] as string).length;
      this.#size -= ENTRY_OVERHEAD;
      this.#at++;
    }
    if (this.#at > 64 && this.#at * 2 > this.#names.length) {
      this.#names.splice(0, this.#at);
      this.#values.splice(0, this.#at);
      this.#at = 0;
    }
  }
}

/** An HPACK integer with an `n`-bit prefix at `at` (§5.1): `[value, next offset]`. */
export function readInt(block: Uint8Array, at: number, n: number): [number, number] {
  if (at >= block.length) throw new HpackError('truncated integer');
  const max = (1 << n) - 1;
  let value = (block[at] as number) & max;
  let next = at + 1;
  if (value < max) return [value, next];
  let shift = 0;
  for (;;) {
    if (next >= block.length) throw new HpackError('truncated integer');
    const byte = block[next++] as number;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) break;
    // Nothing a header block carries needs more than 2^32.
    if (shift > 28) throw new HpackError('integer too large');
  }
  return [value, next];
}

/** An HPACK string literal at `at` (§5.2), Huffman-coded or raw octets: `[text, next offset]`. */
function readString(block: Uint8Array, at: number): [string, number] {
  if (at >= block.length) throw new HpackError('truncated string');
  const huffman = ((block[at] as number) & 0x80) !== 0;
  const [length, start] = readInt(block, at, 7);
  const end = start + length;
  if (end > block.length) throw new HpackError('truncated string');
  const text = huffman
    ? huffmanDecode(block, start, length)
    : Buffer.from(block.buffer, block.byteOffset + start, length).toString('latin1');
  return [text, end];
}
