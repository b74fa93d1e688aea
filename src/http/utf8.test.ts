import { describe, expect, it } from 'vitest';
import { incompleteUtf8Tail } from './utf8.js';

describe('incompleteUtf8Tail', () => {
  it('counts the bytes of a sequence cut at every point', () => {
    for (const ch of ['ñ', '€', '😀']) {
      const bytes = Buffer.from(`a${ch}`);
      for (let cut = 2; cut < bytes.length; cut++) {
        expect(incompleteUtf8Tail(bytes.subarray(0, cut)), `${ch} cut at ${cut}`).toBe(cut - 1);
      }
      expect(incompleteUtf8Tail(bytes), `${ch} whole`).toBe(0);
    }
  });

  it('is 0 for ASCII, empty input and invalid bytes the decoder should reject', () => {
    expect(incompleteUtf8Tail(Buffer.from('abc'))).toBe(0);
    expect(incompleteUtf8Tail(Buffer.alloc(0))).toBe(0);
    expect(incompleteUtf8Tail(Buffer.from([0x80, 0x80, 0x80]))).toBe(0);
    expect(incompleteUtf8Tail(Buffer.from([0xff]))).toBe(0);
  });
});
