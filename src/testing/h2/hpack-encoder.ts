/**
 * HPACK encoding of a channel's request header blocks (RFC 7541): the headers every call sends
 * the same (`:method`, `:scheme`, `:authority`, `:path`, `content-type`, `te`, `grpc-timeout`)
 * are inserted into the server's dynamic table by the first block of a connection and sent as
 * one-byte indexed fields after that; per-call metadata goes as literals without indexing, so
 * the table never changes again. No Huffman coding: the server decodes either.
 *
 * @module
 */
import { encodeInt, encodeLiteralField, encodeString } from '../../h2/hpack-literals.js';
import { STATIC_NAME_INDEX, STATIC_PAIR_INDEX } from '../../h2/hpack-static.js';
import { CONNECTION_SPECIFIC } from '../../h2/request-fields.js';

const ENTRY_OVERHEAD = 32;
const STATIC_ENTRIES = 61;

/** A header name a request may carry: lower-case token characters (RFC 9110 §5.6.2, RFC 9113 §8.2.1). */
const VALID_NAME = /^[a-z0-9!#$%&'*+\-.^_`|~]+$/;
/** Field values: no NUL, CR or LF (RFC 9113 §8.2.1). */
const INVALID_VALUE = /[\0\r\n]/;

/** Checks one metadata field the way node:http2 does before sending it; throws with the reason. */
export function checkField(name: string, value: string): void {
  if (!VALID_NAME.test(name)) throw new TypeError(`Header name must be a valid HTTP token ["${name}"]`);
  if (CONNECTION_SPECIFIC.has(name) || (name === 'te' && value !== 'trailers')) {
    throw new TypeError(`HTTP/1 Connection specific headers are forbidden: "${name}"`);
  }
  if (INVALID_VALUE.test(value) || /[^\0-\xff]/.test(value)) {
    throw new TypeError(`Invalid value "${value}" for header "${name}"`);
  }
}

/**
 * The request header blocks of one connection. Create one per connection (the dynamic table is
 * per connection) and call {@link block} in the order blocks go on the wire.
 */
export class RequestHeaderEncoder {
  /** Fields in order, with what the first and later blocks send for each. */
  readonly #first: Buffer;
  readonly #rest: Buffer;
  /** All fields as literals without indexing: for a peer whose table cannot hold them. */
  readonly #literal: Buffer;
  /** Dynamic table size the constant fields need. */
  readonly tableBytes: number;
  #sent = false;
  /** The peer's table is too small for the constant fields: send literals only. */
  #literalOnly = false;
  /** The table size we use (the peer's SETTINGS_HEADER_TABLE_SIZE, at most the default 4096). */
  #tableSize = 4096;
  /** A size update the next block must start with (RFC 7541 §4.2), or -1. */
  #announce = -1;

  /** `fields`: the constant request headers, in order, as `[name, value]` pairs (names lower-case). */
  constructor(fields: ReadonlyArray<readonly [string, string]>) {
    const first: number[] = [];
    const inserted: string[] = [];
    const literal: number[] = [];
    let tableBytes = 0;
    for (const [name, value] of fields) {
      const full = STATIC_PAIR_INDEX.get(`${name}\0${value}`);
      if (full !== undefined) {
        encodeInt(first, full, 7, 0x80);
        encodeInt(literal, full, 7, 0x80);
        continue;
      }
      const nameIndex = STATIC_NAME_INDEX.get(name);
      // Literal with incremental indexing (RFC 7541 §6.2.1), and its never-inserted twin (§6.2.2).
      if (nameIndex !== undefined) {
        encodeInt(first, nameIndex, 6, 0x40);
        encodeInt(literal, nameIndex, 4, 0x00);
      } else {
        first.push(0x40);
        encodeString(first, name);
        literal.push(0x00);
        encodeString(literal, name);
      }
      encodeString(first, value);
      encodeString(literal, value);
      inserted.push(`${name}\0${value}`);
      tableBytes += name.length + value.length + ENTRY_OVERHEAD;
    }
    // After the first block the newest entry (the last inserted) is index 62 (RFC 7541 §2.3.3).
    const rest: number[] = [];
    for (const [name, value] of fields) {
      const full = STATIC_PAIR_INDEX.get(`${name}\0${value}`);
      if (full !== undefined) encodeInt(rest, full, 7, 0x80);
      else encodeInt(rest, STATIC_ENTRIES + inserted.length - inserted.indexOf(`${name}\0${value}`), 7, 0x80);
    }
    this.#first = Buffer.from(first);
    this.#rest = Buffer.from(rest);
    this.#literal = Buffer.from(literal);
    this.tableBytes = tableBytes;
  }

  /**
   * The peer's SETTINGS_HEADER_TABLE_SIZE changed. A smaller table is announced at the start of
   * the next block, as RFC 7541 §4.2 requires; when it can no longer hold the constant fields,
   * all blocks from then on are literals. A larger one changes nothing (we need 4096 at most).
   */
  peerTableSize(size: number): void {
    if (size >= this.#tableSize) return;
    this.#tableSize = size;
    this.#announce = size;
    if (size < this.tableBytes) this.#literalOnly = true;
  }

  /**
   * The header block of the next request on this connection: the constant fields, then
   * `metadata` (already checked with {@link checkField}) as literals without indexing.
   */
  block(metadata: ReadonlyArray<readonly [string, string]> | null): Buffer {
    let constant: Buffer;
    if (this.#literalOnly) {
      constant = this.#literal;
    } else if (!this.#sent) {
      this.#sent = true;
      constant = this.#first;
    } else {
      constant = this.#rest;
    }
    const out: number[] = [];
    if (this.#announce >= 0) {
      encodeInt(out, this.#announce, 5, 0x20);
      this.#announce = -1;
      constant = Buffer.concat([Buffer.from(out), constant]);
      out.length = 0;
    }
    if (metadata === null || metadata.length === 0) return constant;
    for (const [name, value] of metadata) encodeLiteralField(out, name, value);
    return Buffer.concat([constant, Buffer.from(out)]);
  }
}
