import { describe, expect, it } from 'vitest';
import { HpackDecoder } from '../../h2/hpack-decoder.js';
import { encodeInt } from '../../h2/hpack-literals.js';
import { checkField, RequestHeaderEncoder } from './hpack-encoder.js';

const FIELDS: Array<[string, string]> = [
  [':method', 'POST'],
  [':scheme', 'http'],
  [':path', '/envoy.service.ext_proc.v3.ExternalProcessor/Process'],
  [':authority', '127.0.0.1:50051'],
  ['content-type', 'application/grpc'],
  ['te', 'trailers'],
];

const flat = (pairs: ReadonlyArray<readonly [string, string]>): string[] => pairs.flat();

describe('RequestHeaderEncoder', () => {
  it('inserts the constant fields once, then sends them as one byte each; metadata stays literal', () => {
    const encoder = new RequestHeaderEncoder(FIELDS);
    const decoder = new HpackDecoder();
    const first = encoder.block([['x-tenant', 'a']]);
    expect(decoder.decode(first)).toEqual(flat([...FIELDS, ['x-tenant', 'a']]));
    // :method POST and :scheme http are static; the four others were inserted.
    expect(decoder.table.map(([name]) => name)).toEqual(['te', 'content-type', ':authority', ':path']);
    const second = encoder.block(null);
    expect(second.length).toBe(FIELDS.length);
    expect(decoder.decode(second)).toEqual(flat(FIELDS));
    const third = encoder.block([['authorization', 'Bearer x']]);
    expect(decoder.decode(third)).toEqual(flat([...FIELDS, ['authorization', 'Bearer x']]));
    // Metadata never enters the table.
    expect(decoder.table).toHaveLength(4);
  });

  it('announces a smaller peer table, and falls back to literals when the fields no longer fit', () => {
    const encoder = new RequestHeaderEncoder(FIELDS);
    const decoder = new HpackDecoder();
    decoder.decode(encoder.block(null));
    encoder.peerTableSize(1024);
    const fits = encoder.block(null);
    expect(fits[0]).toBe(0x3f); // size update (§6.3) first
    expect(decoder.decode(fits)).toEqual(flat(FIELDS));
    encoder.peerTableSize(0);
    const literal = encoder.block(null);
    expect(decoder.decode(literal)).toEqual(flat(FIELDS));
    expect(decoder.table).toEqual([]);
    expect(decoder.decode(encoder.block([['x-a', 'b']]))).toEqual(flat([...FIELDS, ['x-a', 'b']]));
  });

  it('encodes integers as RFC 7541 C.1 shows', () => {
    const out: number[] = [];
    encodeInt(out, 10, 5, 0);
    encodeInt(out, 1337, 5, 0);
    encodeInt(out, 42, 8, 0);
    expect(out).toEqual([10, 31, 154, 10, 42]);
  });

  it('checkField refuses what HTTP/2 forbids', () => {
    expect(() => checkField('x-ok', 'v')).not.toThrow();
    expect(() => checkField('X-Upper', 'v')).toThrow(/valid HTTP token/);
    expect(() => checkField('bad name', 'v')).toThrow(/valid HTTP token/);
    expect(() => checkField('connection', 'close')).toThrow(/Connection specific/);
    expect(() => checkField('x-a', 'line\r\nbreak')).toThrow(/Invalid value/);
  });
});
