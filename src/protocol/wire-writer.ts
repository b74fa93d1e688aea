/**
 * What the hand-written protobuf encoders share (the server's replies, `encode-reply.ts`, and
 * the test kit's requests, `src/testing/encode-request.ts`): field sizes for their size pass,
 * and a writer for their second pass, which fills a buffer sized exactly by the first.
 *
 * @module
 */

/** Bytes of a varint of `n` (0 ≤ n < 2^32). */
export function varintSize(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
}

/** Bytes of a field holding `length` bytes: tag (one byte for fields 1-15), length, content. */
export function fieldSize(length: number): number {
  return 1 + varintSize(length) + length;
}

/** Writes protobuf fields (one-byte tags) into a buffer from `pos` on. */
export class WireWriter {
  readonly buf: Buffer;
  pos: number;
  /** Where the bytes of {@link WireWriter.reference} belong in the message (-1: none). */
  split = -1;

  constructor(buf: Buffer, pos: number) {
    this.buf = buf;
    this.pos = pos;
  }

  varint(n: number): void {
    const buf = this.buf;
    while (n > 0x7f) {
      buf[this.pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    buf[this.pos++] = n;
  }

  /** A length-delimited field's tag and length. */
  open(tag: number, length: number): void {
    this.buf[this.pos++] = tag;
    this.varint(length);
  }

  /** A string field whose characters are all ASCII (its bytes are its char codes). */
  ascii(tag: number, s: string): void {
    this.open(tag, s.length);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
    this.pos = pos;
  }

  /** A string field of any text, as UTF-8. */
  utf8(tag: number, s: string): void {
    const length = Buffer.byteLength(s);
    this.open(tag, length);
    this.pos += this.buf.write(s, this.pos, length, 'utf8');
  }

  bytes(tag: number, b: Uint8Array): void {
    this.open(tag, b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /**
   * A bytes field whose content is not copied: its tag and length are written and its place
   * noted in {@link WireWriter.split}; the caller sends `b` itself between `buf.subarray(0, split)`
   * and `buf.subarray(split)`. At most one per message.
   */
  reference(tag: number, b: Uint8Array): void {
    this.open(tag, b.length);
    this.split = this.pos;
  }

  /** A varint field (tag, then the value). */
  uint(tag: number, value: number): void {
    this.buf[this.pos++] = tag;
    this.varint(value);
  }

  /** A varint field of a small value (tag, then one byte). */
  small(tag: number, value: number): void {
    this.buf[this.pos++] = tag;
    this.buf[this.pos++] = value;
  }
}
