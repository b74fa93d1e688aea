/**
 * HPACK's Huffman code (RFC 7541 §5.2, Appendix B): decoding of the string literals a server's
 * header blocks carry (nghttp2 and grpc-js Huffman-code most of them).
 *
 * The code is canonical (codes of one length are consecutive, in symbol order, and each length
 * continues where the shorter one ended), so it is fully given by the bit length of each of the
 * 257 symbols below; the codes are rebuilt from them once, at load.
 *
 * @module
 */

/** Bit length of the code of each symbol 0-255, then EOS (256): RFC 7541 Appendix B. */
// biome-ignore format: a table, 16 symbols a row
const CODE_LENGTHS = [
  13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
  28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
  5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
  13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
  7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
  15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
  6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
  20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
  24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
  22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
  21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
  26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
  19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
  20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
  26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
  30,
];

const EOS = 256;

/** Code of each symbol, right-aligned (the canonical assignment of {@link CODE_LENGTHS}). */
export const HUFFMAN_CODES: readonly number[] = canonicalCodes(CODE_LENGTHS);
/** Bit length of each symbol's code. */
export const HUFFMAN_LENGTHS: readonly number[] = CODE_LENGTHS;

function canonicalCodes(lengths: readonly number[]): number[] {
  const order = lengths.map((_, symbol) => symbol);
  order.sort((a, b) => (lengths[a] as number) - (lengths[b] as number) || a - b);
  const codes = new Array<number>(lengths.length).fill(0);
  let code = 0;
  let length = lengths[order[0] as number] as number;
  for (const symbol of order) {
    const l = lengths[symbol] as number;
    // Multiplication, not <<: 30-bit codes shifted would pass 2^31 on the way.
    code *= 2 ** (l - length);
    length = l;
    codes[symbol] = code;
    code++;
  }
  return codes;
}

/**
 * The decoding tree, flattened: node `n` has its children at `2n` (bit 0) and `2n + 1` (bit 1);
 * a value ≥ 0 is the next node, a value < 0 is a leaf for symbol `-value - 1`.
 */
const TREE = buildTree();

function buildTree(): Int32Array {
  // A full binary tree over 257 leaves has 256 inner nodes.
  const tree = new Int32Array(2 * 256).fill(0);
  let nodes = 1;
  for (let symbol = 0; symbol <= EOS; symbol++) {
    const length = CODE_LENGTHS[symbol] as number;
    const code = HUFFMAN_CODES[symbol] as number;
    let node = 0;
    for (let bit = length - 1; bit >= 0; bit--) {
      const slot = 2 * node + (Math.floor(code / 2 ** bit) & 1);
      if (bit === 0) {
        tree[slot] = -symbol - 1;
      } else {
        if (tree[slot] === 0) tree[slot] = nodes++;
        node = tree[slot] as number;
      }
    }
  }
  return tree;
}

/** Why a Huffman-coded string could not be decoded (a COMPRESSION_ERROR for the connection). */
export class HuffmanError extends Error {}

/**
 * Decodes `length` Huffman-coded bytes of `source` from `start` into a latin1 string (header
 * values are octets). Rejects the EOS symbol and padding that is longer than 7 bits or not
 * the most significant bits of EOS (RFC 7541 §5.2).
 */
export function huffmanDecode(source: Uint8Array, start: number, length: number): string {
  let out = '';
  let node = 0;
  // Bits walked since the last whole symbol, and whether all were 1s (a prefix of EOS).
  let pending = 0;
  let allOnes = true;
  const end = start + length;
  for (let i = start; i < end; i++) {
    const byte = source[i] as number;
    for (let bit = 7; bit >= 0; bit--) {
      const one = (byte >> bit) & 1;
      const next = TREE[2 * node + one] as number;
      if (next < 0) {
        const symbol = -next - 1;
        if (symbol === EOS) throw new HuffmanError('Huffman string contains EOS');
        out += String.fromCharCode(symbol);
        node = 0;
        pending = 0;
        allOnes = true;
      } else {
        node = next;
        pending++;
        if (one === 0) allOnes = false;
      }
    }
  }
  if (pending > 7 || !allOnes) throw new HuffmanError('invalid Huffman padding');
  return out;
}
