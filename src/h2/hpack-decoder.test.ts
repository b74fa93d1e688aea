import { describe, expect, it } from 'vitest';
import { HpackDecoder, HpackError } from './hpack-decoder.js';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const pairs = (fields: string[]): Array<[string, string]> => {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < fields.length; i += 2) out.push([fields[i] as string, fields[i + 1] as string]);
  return out;
};

// RFC 7541 Appendix C, as data: each step is a header block, the header list it decodes to, and
// the dynamic table after it (newest first) with its size.
interface Step {
  block: string;
  list: Array<[string, string]>;
  table: Array<[string, string]>;
  size: number;
}

const requests = (huffman: boolean): Step[] => [
  {
    block: huffman
      ? '8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff'
      : '8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
    list: [
      [':method', 'GET'],
      [':scheme', 'http'],
      [':path', '/'],
      [':authority', 'www.example.com'],
    ],
    table: [[':authority', 'www.example.com']],
    size: 57,
  },
  {
    block: huffman ? '8286 84be 5886 a8eb 1064 9cbf' : '8286 84be 5808 6e6f 2d63 6163 6865',
    list: [
      [':method', 'GET'],
      [':scheme', 'http'],
      [':path', '/'],
      [':authority', 'www.example.com'],
      ['cache-control', 'no-cache'],
    ],
    table: [
      ['cache-control', 'no-cache'],
      [':authority', 'www.example.com'],
    ],
    size: 110,
  },
  {
    block: huffman
      ? '8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf'
      : '8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65',
    list: [
      [':method', 'GET'],
      [':scheme', 'https'],
      [':path', '/index.html'],
      [':authority', 'www.example.com'],
      ['custom-key', 'custom-value'],
    ],
    table: [
      ['custom-key', 'custom-value'],
      ['cache-control', 'no-cache'],
      [':authority', 'www.example.com'],
    ],
    size: 164,
  },
];

const DATE1 = 'Mon, 21 Oct 2013 20:13:21 GMT';
const DATE2 = 'Mon, 21 Oct 2013 20:13:22 GMT';
const LOCATION = 'https://www.example.com';
const COOKIE = 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1';

const responses = (huffman: boolean): Step[] => [
  {
    block: huffman
      ? `4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6
         2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3`
      : `4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133
         2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70
         6c65 2e63 6f6d`,
    list: [
      [':status', '302'],
      ['cache-control', 'private'],
      ['date', DATE1],
      ['location', LOCATION],
    ],
    table: [
      ['location', LOCATION],
      ['date', DATE1],
      ['cache-control', 'private'],
      [':status', '302'],
    ],
    size: 222,
  },
  {
    block: huffman ? '4883 640e ffc1 c0bf' : '4803 3330 37c1 c0bf',
    list: [
      [':status', '307'],
      ['cache-control', 'private'],
      ['date', DATE1],
      ['location', LOCATION],
    ],
    table: [
      [':status', '307'],
      ['location', LOCATION],
      ['date', DATE1],
      ['cache-control', 'private'],
    ],
    size: 222,
  },
  {
    block: huffman
      ? `88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab
         77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f
         9587 3160 65c0 03ed 4ee5 b106 3d50 07`
      : `88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d
         54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049
         5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e
         3d31`,
    list: [
      [':status', '200'],
      ['cache-control', 'private'],
      ['date', DATE2],
      ['location', LOCATION],
      ['content-encoding', 'gzip'],
      ['set-cookie', COOKIE],
    ],
    table: [
      ['set-cookie', COOKIE],
      ['content-encoding', 'gzip'],
      ['date', DATE2],
    ],
    size: 215,
  },
];

describe('HpackDecoder: RFC 7541 Appendix C', () => {
  it('C.2: a literal with indexing, without indexing, never indexed, and an indexed field', () => {
    const withIndexing = new HpackDecoder();
    expect(
      pairs(withIndexing.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'))),
    ).toEqual([['custom-key', 'custom-header']]);
    expect([withIndexing.table, withIndexing.tableSize]).toEqual([[['custom-key', 'custom-header']], 55]);
    const without = new HpackDecoder();
    expect(pairs(without.decode(hex('040c 2f73 616d 706c 652f 7061 7468')))).toEqual([
      [':path', '/sample/path'],
    ]);
    expect(without.table).toEqual([]);
    const never = new HpackDecoder();
    expect(pairs(never.decode(hex('1008 7061 7373 776f 7264 0673 6563 7265 74')))).toEqual([
      ['password', 'secret'],
    ]);
    expect(never.table).toEqual([]);
    expect(pairs(new HpackDecoder().decode(hex('82')))).toEqual([[':method', 'GET']]);
  });

  it.each([
    ['C.3: requests without Huffman coding', requests(false), 4096],
    ['C.4: requests with Huffman coding', requests(true), 4096],
    ['C.5: responses without Huffman coding, 256-byte table (evictions)', responses(false), 256],
    ['C.6: responses with Huffman coding, 256-byte table (evictions)', responses(true), 256],
  ])('%s', (_name, steps, tableSize) => {
    const decoder = new HpackDecoder(tableSize);
    for (const step of steps) {
      expect(pairs(decoder.decode(hex(step.block)))).toEqual(step.list);
      expect(decoder.table).toEqual(step.table);
      expect(decoder.tableSize).toBe(step.size);
    }
  });
});

describe('HpackDecoder: malformed blocks', () => {
  it.each([
    ['index 0', '80'],
    ['an index past the dynamic table', 'be'],
    ['a truncated integer', '7f'],
    ['a string longer than the block', '400a 6375'],
    ['Huffman padding that is not EOS bits', '0082 1f00'],
    ['Huffman padding of 8 bits or more', '0082 1fff 01 61'],
    ['a table size update above our limit', '3fe2 1f'],
    ['a table size update after a field', '82 20'],
  ])('%s is a COMPRESSION_ERROR (HpackError)', (_name, block) => {
    expect(() => new HpackDecoder().decode(hex(block))).toThrow(HpackError);
  });

  it('a table size update evicts, and an entry larger than the table empties it', () => {
    const decoder = new HpackDecoder();
    decoder.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'));
    expect(decoder.tableSize).toBe(55);
    // Size update to 0, then back to 60: the entry is gone.
    decoder.decode(hex('20 3f1d'));
    expect(decoder.table).toEqual([]);
    decoder.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'));
    expect(decoder.tableSize).toBe(55);
    // A 71-byte entry does not fit in 60: the table is emptied, nothing is added.
    const big = decoder.decode(hex(`400a 6375 7374 6f6d 2d6b 6579 1d${'61'.repeat(29)}`));
    expect(pairs(big)).toEqual([['custom-key', 'a'.repeat(29)]]);
    expect([decoder.table, decoder.tableSize]).toEqual([[], 0]);
  });
});
