import { describe, expect, it } from 'vitest';
import { HUFFMAN_CODES, HUFFMAN_LENGTHS, HuffmanError, huffmanDecode } from './huffman.js';

/** A reference encoder, straight from the table (bits as a string). */
function encode(text: string): Buffer {
  let bits = '';
  for (const char of Buffer.from(text, 'latin1')) {
    bits += (HUFFMAN_CODES[char] as number).toString(2).padStart(HUFFMAN_LENGTHS[char] as number, '0');
  }
  bits += '1'.repeat((8 - (bits.length % 8)) % 8);
  const out = Buffer.alloc(bits.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(bits.slice(8 * i, 8 * i + 8), 2);
  return out;
}

describe('HPACK Huffman code', () => {
  it('is a complete prefix code (Kraft sum exactly 1) rebuilt with the RFC 7541 Appendix B codes', () => {
    let kraft = 0;
    for (const length of HUFFMAN_LENGTHS) kraft += 2 ** -length;
    expect(kraft).toBe(1);
    // Spot checks against Appendix B's "code as hex" column.
    expect([HUFFMAN_CODES[0x30], HUFFMAN_CODES[0x61], HUFFMAN_CODES[0x20]]).toEqual([0x0, 0x3, 0x14]);
    expect([HUFFMAN_CODES[0], HUFFMAN_CODES[9], HUFFMAN_CODES[10]]).toEqual([0x1ff8, 0xffffea, 0x3ffffffc]);
    expect([HUFFMAN_CODES[0x5c], HUFFMAN_CODES[255], HUFFMAN_CODES[256]]).toEqual([
      0x7fff0, 0x3ffffee, 0x3fffffff,
    ]);
  });

  it('decodes RFC 7541 C.4 strings', () => {
    const www = Buffer.from('f1e3c2e5f23a6ba0ab90f4ff', 'hex');
    expect(huffmanDecode(www, 0, www.length)).toBe('www.example.com');
    const noCache = Buffer.from('a8eb10649cbf', 'hex');
    expect(huffmanDecode(noCache, 0, noCache.length)).toBe('no-cache');
  });

  it('round-trips every octet', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('latin1');
    for (const text of [all, all.split('').reverse().join(''), '', 'a', 'grpc-status']) {
      const coded = encode(text);
      expect(huffmanDecode(coded, 0, coded.length)).toBe(text);
    }
  });

  it('rejects EOS in the string and bad padding', () => {
    // EOS (30 ones) followed by padding.
    expect(() => huffmanDecode(Buffer.from('ffffffff', 'hex'), 0, 4)).toThrow(HuffmanError);
    // 'a' (00011) then 3 zero bits of padding.
    expect(() => huffmanDecode(Buffer.from([0x18]), 0, 1)).toThrow(HuffmanError);
  });
});
