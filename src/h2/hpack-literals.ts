/**
 * The two encodings every HPACK encoder is built from (RFC 7541 §5): prefixed integers and raw
 * (not Huffman-coded) string literals. Shared by the kit's request encoder and the server's
 * response header blocks.
 *
 * @module
 */

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
