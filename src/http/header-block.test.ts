import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesOf } from '../../test/support/header-changes.js';
import { ProcessingRequest } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { decodeRequestFast, headerBlockOf } from '../protocol/decode-request.js';
import { HeaderBlock } from './header-block.js';
import { HeaderMap } from './header-map.js';

/** A protobuf varint. */
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** A length-delimited field. */
function field(tag: number, bytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag, ...varint(bytes.length)]), bytes]);
}

/**
 * A request-headers message written byte by byte, so a name may hold any bytes (upper case,
 * UTF-8, or bytes that are not UTF-8 at all), as a `string` field on the wire can.
 */
function message(headers: ReadonlyArray<readonly [Uint8Array, Uint8Array]>): Buffer {
  const list = Buffer.concat(
    headers.map(([key, value]) => field(10, Buffer.concat([field(10, key), field(26, value)]))),
  );
  return field(18, field(10, list));
}

/** The block the header map reads of the fast decoder's message (names made only when needed). */
function lazy(bytes: Buffer): HeaderBlock {
  const request = decodeRequestFast(bytes)?.request;
  if (request?.$case !== 'requestHeaders') throw new Error('expected the fast path to decode requestHeaders');
  return headerBlockOf(request.value.headers);
}

/** A block of the generated decoder's plain `HeaderValue` list (names made while decoding). */
function eager(bytes: Buffer): HeaderBlock {
  const request = ProcessingRequest.decode(bytes).request;
  if (request?.$case !== 'requestHeaders') throw new Error('expected requestHeaders');
  return HeaderBlock.from(request.value.headers?.headers ?? []);
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** Names as bytes: usual ones, upper case, empty, UTF-8, invalid UTF-8, and any bytes at all. */
const nameBytes = fc.oneof(
  fc
    .constantFrom(':path', 'x-a', 'X-A', 'x-A', 'set-cookie', '', 'é', 'x-é', 'X-É', 'k', '\u212a', '\ufffd')
    .map(utf8),
  fc
    .constantFrom([0x80], [0xc3], [0x78, 0xff], [0xef, 0xbb, 0xbf, 0x61], [0xc0, 0xaf])
    .map((b) => Buffer.from(b)),
  fc.string({ unit: 'grapheme', maxLength: 4 }).map(utf8),
  fc.uint8Array({ maxLength: 4 }).map((b) => Buffer.from(b)),
);

/** Keys looked up besides each name as decoded, lower-cased and upper-cased. */
const KEYS = ['x-a', 'X-A', 'k', '\u212a', 'é', 'É', '\ufffd', '\ufeffa', 'x', '', 'absent'];

describe('HeaderBlock with names made only when needed', () => {
  it('answers get/getAll/getRaw/has, names, entries and byteSize exactly as a block of decoded names', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nameBytes, fc.uint8Array({ maxLength: 3 })), { maxLength: 10 }),
        fc.boolean(),
        (headers, namesFirst) => {
          const bytes = message(headers);
          const reference = eager(bytes);
          const block = lazy(bytes);
          // Either looked up by name before anything made the names, or after.
          if (namesFirst) expect(block.names).toEqual(reference.names);
          const map = new HeaderMap(block);
          const expected = new HeaderMap(reference);
          const keys = [...KEYS];
          for (const name of reference.names) keys.push(name, name.toLowerCase(), name.toUpperCase());
          for (const key of keys) {
            expect(map.has(key), key).toBe(expected.has(key));
            expect(map.get(key), key).toBe(expected.get(key));
            expect(map.getAll(key), key).toEqual(expected.getAll(key));
            expect(map.getRaw(key), key).toEqual(expected.getRaw(key));
          }
          expect(block.names).toEqual(reference.names);
          expect([...map.entries()]).toEqual([...expected.entries()]);
          expect(map.byteSize()).toBe(expected.byteSize());
          expect(block.byteBound()).toBeGreaterThanOrEqual(block.byteSize());
          // Over a limit exactly when the size is, at every limit around the size and the bound.
          const size = map.byteSize();
          for (const limit of [0, size - 1, size, size + 1, block.byteBound() - 1, block.byteBound()]) {
            expect(map.overLimit(limit), `limit ${limit}`).toBe(size > limit);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('tracks a set and a remove of names it holds as a block of decoded names does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nameBytes, fc.uint8Array({ maxLength: 3 })), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.nat(),
        (headers, a, b) => {
          const bytes = message(headers);
          const names = eager(bytes).names.map((n) => n.toLowerCase());
          const maps = [new HeaderMap(lazy(bytes)), new HeaderMap(eager(bytes))];
          for (const map of maps) {
            map.set(names[a % names.length] as string, Buffer.from('v'));
            map.remove(names[b % names.length] as string);
          }
          const [ours, theirs] = maps as [HeaderMap, HeaderMap];
          expect(ours.size).toBe(theirs.size);
          expect(changesOf(ours)).toEqual(changesOf(theirs));
          expect([...ours.entries()]).toEqual([...theirs.entries()]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('compares name bytes as their text: an upper-case or non-ASCII name matches only its own text', () => {
    const bytes = message([
      [utf8('X-Up'), utf8('1')],
      [utf8('x-up'), utf8('2')],
      [utf8('x-é'), utf8('3')],
      [Buffer.from([0x78, 0xff]), utf8('4')],
      [Buffer.alloc(0), utf8('5')],
    ]);
    const map = new HeaderMap(lazy(bytes));
    expect(map.get('X-UP')).toBe('2');
    expect(map.get('x-é')).toBe('3');
    expect(map.get('x-É')).toBe('3');
    expect(map.get('x\ufffd')).toBe('4');
    expect(map.has('x')).toBe(false);
    expect(map.get('')).toBe('5');
    expect(lazy(bytes).names).toEqual(['X-Up', 'x-up', 'x-é', 'x\ufffd', '']);
  });

  it('reads any encoding of a header list as the generated decoder does: fields absent, reordered or repeated', () => {
    // Each header as its fields: Envoy writes the name then raw_value, each left out when empty;
    // anything else (raw_value first, a field twice, a legacy value) goes the slow way, with the
    // same result.
    const entry = fc.record({
      key: fc.constantFrom('', ':path', 'x-a', 'X-É'),
      value: fc.constantFrom('', '/', 'v', 'é'.repeat(70)),
      keyField: fc.constantFrom('written', 'absent if empty'),
      valueField: fc.constantFrom('written', 'absent if empty'),
      order: fc.constantFrom('key first', 'key first', 'raw_value first', 'key twice', 'legacy value'),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (headers) => {
        const list = Buffer.concat(
          headers.map((h) => {
            const key = h.key === '' && h.keyField !== 'written' ? [] : [field(10, utf8(h.key))];
            const raw = h.value === '' && h.valueField !== 'written' ? [] : [field(26, utf8(h.value))];
            const fields =
              h.order === 'raw_value first'
                ? [...raw, ...key]
                : h.order === 'key twice'
                  ? [field(10, utf8('dup')), ...key, ...raw]
                  : h.order === 'legacy value'
                    ? [...key, field(18, utf8('legacy')), ...raw]
                    : [...key, ...raw];
            return field(10, Buffer.concat(fields));
          }),
        );
        const bytes = field(18, Buffer.concat([field(10, list), Buffer.from([0x18, 1])]));
        const ours = lazy(bytes);
        const theirs = eager(bytes);
        expect(ours.names).toEqual(theirs.names);
        for (let i = 0; i < ours.length; i++) {
          expect(ours.value(i), `value ${i}`).toEqual(theirs.value(i));
          expect(ours.text(i)).toBe(theirs.text(i));
          expect(ours.valueLength(i)).toBe(theirs.valueLength(i));
        }
        expect(ours.byteSize()).toBe(theirs.byteSize());
        expect(ours.byteBound()).toBeGreaterThanOrEqual(ours.byteSize());
      }),
      { numRuns: 400 },
    );
  });

  it('is over a size limit exactly when its names (as text) and values are: at the limit, above it, with multi-byte names', () => {
    // 'x-é' is 4 bytes, 3 characters: the bound (the encoded list) is above the size.
    const bytes = message([
      [utf8('x-é'), utf8('12345')],
      [utf8(':path'), utf8('/')],
    ]);
    const block = lazy(bytes);
    const size = 3 + 5 + 5 + 1;
    expect(block.byteBound()).toBeGreaterThan(size + 1);
    for (const map of [new HeaderMap(lazy(bytes)), new HeaderMap(eager(bytes))]) {
      expect(map.overLimit(size)).toBe(false);
      expect(map.overLimit(size - 1)).toBe(true);
      expect(map.overLimit(size + 1)).toBe(false);
      // Changes count: a set hides the name's values and adds its own; a remove hides them.
      map.set('x-é', Buffer.from('1234567'));
      expect(map.overLimit(size + 2)).toBe(false);
      expect(map.overLimit(size + 1)).toBe(true);
      map.remove('x-é');
      expect(map.byteSize()).toBe(5 + 1);
      expect(map.overLimit(6)).toBe(false);
      expect(map.overLimit(5)).toBe(true);
    }
  });

  it('finds every match of a key after the first, by bytes or by names as the key needs', () => {
    const bytes = message([
      [utf8('a'), utf8('1')],
      [utf8('x-é'), utf8('2')],
      [utf8('a'), utf8('3')],
      [utf8('x-é'), utf8('4')],
    ]);
    const block = lazy(bytes);
    expect(block.find('a', 0)).toBe(0);
    expect(block.findNext('a', 0)).toBe(2);
    expect(block.findNext('a', 2)).toBe(-1);
    expect(block.count('a')).toBe(2);
    // A key outside ASCII makes the names: the rest of its search compares them.
    expect(block.find('x-é', 0)).toBe(1);
    expect(block.findNext('x-é', 1)).toBe(3);
    expect(block.count('x-é')).toBe(2);
    expect(block.count('x-e')).toBe(0);
  });

  it('reads a list with a name of 256 bytes or more as before (no name offsets for it)', () => {
    const long = `x-${'a'.repeat(300)}`;
    const bytes = message([
      [utf8(':path'), utf8('/')],
      [utf8(long), utf8('1')],
    ]);
    const map = new HeaderMap(lazy(bytes));
    expect(map.get(long.toUpperCase())).toBe('1');
    expect(map.get(':path')).toBe('/');
    expect([...map.entries()]).toEqual([
      [':path', '/'],
      [long, '1'],
    ]);
    expect(map.byteSize()).toBe(5 + 1 + long.length + 1);
  });
});
