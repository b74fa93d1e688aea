/**
 * The encodings every HPACK encoder here is built from (RFC 7541 §5, §6.2.2): prefixed integers,
 * raw (not Huffman-coded) string literals, and fields as literals without indexing. Shared by the
 * kit's request encoder and the server's response header blocks.
 *
 * @module
 */
import { STATIC_NAME_INDEX } from './hpack-static.js';

/** An HPACK integer (§5.1) with an `n`-bit prefix, the first byte or-ed with `mask`. */
export function encodeInt(out: number[], value: number, n: number, mask: number): void {
  const max = (1 << n) - 1;
  if (value < max) {
    out.push(mask | value);
    return;
  }
  out.push(mask | max);
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}

/** A raw (not Huffman-coded) string literal (§5.2) of latin1 octets. */
export function encodeString(out: number[], text: string): void {
  encodeInt(out, text.length, 7, 0);
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) & 0xff);
}

/**
 * A field as a literal without indexing (RFC 7541 §6.2.2): the name as its static-table index when the
 * table has it, else as a literal; the value as a literal. Leaves the peer's table untouched.
 */
export function encodeLiteralField(out: number[], name: string, value: string): void {
  const nameIndex = STATIC_NAME_INDEX.get(name);
  if (nameIndex !== undefined) encodeInt(out, nameIndex, 4, 0x00);
  else {
    out.push(0x00);
    encodeString(out, name);
  }
  encodeString(out, value);
}
