import { describe, expect, it } from 'vitest';
import { staticHeaderBlock } from './hpack-block.js';
import { HpackDecoder } from './hpack-decoder.js';

describe('staticHeaderBlock', () => {
  it('indexes static pairs, indexes static names, and writes new names as literals', () => {
    const block = staticHeaderBlock([
      [':status', '200'],
      [':status', '415'],
      ['content-type', 'application/grpc'],
      ['grpc-status', '13'],
    ]);
    expect(block[0]).toBe(0x88); // :status 200 is static index 8
    expect(block[1]).toBe(0x08); // :status by name index, literal without indexing
    const decoder = new HpackDecoder();
    expect(decoder.decode(block)).toEqual([
      ':status',
      '200',
      ':status',
      '415',
      'content-type',
      'application/grpc',
      'grpc-status',
      '13',
    ]);
    // Nothing entered the dynamic table: the block means the same on any connection.
    expect(decoder.tableSize).toBe(0);
  });

  it('encodes a value longer than a one-byte length prefix', () => {
    const message = 'x'.repeat(300);
    expect(new HpackDecoder().decode(staticHeaderBlock([['grpc-message', message]]))).toEqual([
      'grpc-message',
      message,
    ]);
  });
});
