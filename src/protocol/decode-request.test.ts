import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { prng } from '../../test/support/prng.js';
import { ProcessingRequest } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { decodeRequest } from './codec.js';
import { decodeRequestFast, headerBlockOf } from './decode-request.js';

function randomBytes(rand: () => number, max: number): Buffer {
  const n = Math.floor(rand() * max);
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

/** Header names: ASCII mostly, sometimes UTF-8, invalid UTF-8, a BOM, or empty. */
function randomKey(rand: () => number): string | Buffer {
  const r = rand();
  if (r < 0.6)
    return ['x-a', ':path', 'content-type', 'x-envoy-expected-rq-timeout-ms', ''][
      Math.floor(rand() * 5)
    ] as string;
  if (r < 0.75) return 'x-ünïcödé-€';
  if (r < 0.85) return '\ufeffbom';
  if (r < 0.95) return Buffer.from([0x78, 0xc3, 0x28, 0xff, 0x61]); // invalid UTF-8
  return 'k'.repeat(40 + Math.floor(rand() * 100));
}

/** Writes a HeaderMap by hand, so keys can be invalid UTF-8 and fields come in any order. */
function writeHeaderMap(w: BinaryWriter, rand: () => number): void {
  const count = Math.floor(rand() * 6);
  for (let i = 0; i < count; i++) {
    const h = w.uint32(10).fork();
    const fields = [
      () => {
        const key = randomKey(rand);
        if (typeof key === 'string') h.uint32(10).string(key);
        else h.uint32(10).bytes(key);
      },
      () => h.uint32(26).bytes(randomBytes(rand, 40)),
      () => h.uint32(18).string('legacy-value'),
    ];
    for (const f of fields) if (rand() < 0.8) f();
    if (rand() < 0.2) h.uint32(26).bytes(randomBytes(rand, 8)); // a repeated field: last one wins
    h.join();
  }
}

/** One random ProcessingRequest, written field by field in a random order. */
function randomRequest(rand: () => number): Uint8Array {
  const w = new BinaryWriter();
  const parts: Array<() => void> = [];
  const field = 2 + Math.floor(rand() * 6);
  parts.push(() => {
    const m = w.uint32((field << 3) | 2).fork();
    if (field <= 3) {
      if (rand() < 0.9) {
        m.uint32(10).fork();
        writeHeaderMap(m, rand);
        m.join();
      }
      if (rand() < 0.5) m.uint32(24).bool(rand() < 0.5);
      if (rand() < 0.1) {
        // The deprecated attributes map: entry { key, value: Struct { fields { 'f': Value 'n' } } }.
        m.uint32(18).fork().uint32(10).string('deprecated');
        m.uint32(18).fork().uint32(10).fork().uint32(10).string('f');
        m.uint32(18).fork().uint32(26).string('n').join();
        m.join().join().join();
      }
    } else if (field <= 5) {
      if (rand() < 0.8) m.uint32(10).bytes(randomBytes(rand, 300));
      if (rand() < 0.5) m.uint32(16).bool(true);
      if (rand() < 0.1) m.uint32(24).bool(true);
      if (rand() < 0.1) m.uint32(32).bool(true);
    } else if (rand() < 0.9) {
      m.uint32(10).fork();
      writeHeaderMap(m, rand);
      m.join();
    }
    m.join();
  });
  if (rand() < 0.4) {
    parts.push(() => {
      const p = w.uint32(90).fork();
      if (rand() < 0.8) p.uint32(8).int32(Math.floor(rand() * 5));
      if (rand() < 0.8) p.uint32(16).int32(Math.floor(rand() * 5));
      if (rand() < 0.3) p.uint32(24).bool(true);
      p.join();
    });
  }
  if (rand() < 0.2) parts.push(() => w.uint32(80).bool(true));
  if (rand() < 0.15) {
    parts.push(() => {
      const encoded = ProcessingRequest.encode({
        metadataContext: { filterMetadata: { ns: { a: 1, b: ['x', { c: true }] } } },
        attributes: { 'envoy.filters.http.ext_proc': { 'request.path': '/p', 'source.port': 80 } },
      }).finish();
      w.raw(encoded);
    });
  }
  for (let i = parts.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [parts[i], parts[j]] = [parts[j] as () => void, parts[i] as () => void];
  }
  for (const part of parts) part();
  return w.finish();
}

/**
 * A decoded request as plain data: the fast decoder's headers read `rawValue` through a getter,
 * which a structural comparison would not see.
 */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = plain((value as Record<string, unknown>)[key]);
  if ('rawValue' in value) out.rawValue = plain((value as { rawValue: unknown }).rawValue);
  // A decoded header list's `headers` is a getter too (made when read).
  if ('headers' in value) out.headers = plain((value as { headers: unknown }).headers);
  return out;
}

/** The generated decoder's outcome: its message, or its error's message. */
function generated(bytes: Uint8Array): ProcessingRequest | string {
  try {
    return plain(ProcessingRequest.decode(bytes)) as ProcessingRequest;
  } catch (error) {
    return (error as Error).message;
  }
}

function ours(bytes: Uint8Array): ProcessingRequest | string {
  try {
    return plain(decodeRequest(bytes)) as ProcessingRequest;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('decodeRequest (the fast ProcessingRequest decoder)', () => {
  it('decodes 3,000 random requests exactly as the generated decoder, on the fast path', () => {
    let fast = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const bytes = Buffer.from(randomRequest(prng(seed)));
      const expected = ProcessingRequest.decode(bytes);
      const got = decodeRequestFast(bytes);
      if (got !== null) fast++;
      expect(plain(got ?? decodeRequest(bytes)), `seed ${seed}`).toEqual(plain(expected));
    }
    // Every one of them is in the fast path's scope: none fell back.
    expect(fast).toBe(3000);
  });

  it('gives header values and bodies as views of the received bytes, not copies', () => {
    const bytes = Buffer.from(
      ProcessingRequest.encode({
        request: {
          $case: 'requestHeaders',
          value: { headers: { headers: [{ key: ':path', rawValue: Buffer.from('/a') }] } },
        },
      }).finish(),
    );
    const h = decodeRequestFast(bytes)?.request;
    if (h?.$case !== 'requestHeaders') throw new Error('expected requestHeaders');
    const raw = h.value.headers?.headers?.[0]?.rawValue as Buffer;
    expect(Buffer.isBuffer(raw)).toBe(true);
    expect(raw.toString()).toBe('/a');
    expect(raw.buffer).toBe(bytes.buffer);
    // Assignable like the generated decoder's plain objects.
    const header = h.value.headers?.headers?.[0] as { rawValue?: Buffer };
    header.rawValue = Buffer.from('/b');
    expect(header.rawValue.toString()).toBe('/b');

    const body = Buffer.from(
      ProcessingRequest.encode({
        request: { $case: 'requestBody', value: { body: Buffer.from('{}'), endOfStream: true } },
      }).finish(),
    );
    const b = decodeRequestFast(body)?.request;
    if (b?.$case !== 'requestBody') throw new Error('expected requestBody');
    expect(b.value.body?.buffer).toBe(body.buffer);
  });

  it('serializes to JSON as the result of the generated decoder does', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const bytes = Buffer.from(randomRequest(prng(seed)));
      expect(JSON.stringify(decodeRequest(bytes)), `seed ${seed}`).toBe(
        JSON.stringify(ProcessingRequest.decode(bytes)),
      );
    }
  });

  it('takes a plain Uint8Array as well as a Buffer, and gives Buffers', () => {
    const encoded = ProcessingRequest.encode({
      request: { $case: 'responseBody', value: { body: Buffer.from('xyz') } },
    }).finish();
    const plain = new Uint8Array(encoded);
    const got = decodeRequestFast(plain)?.request;
    if (got?.$case !== 'responseBody') throw new Error('expected responseBody');
    expect(Buffer.isBuffer(got.value.body)).toBe(true);
    expect(got.value.body?.toString()).toBe('xyz');
  });

  it('falls back to the generated decoder on unknown fields, other wire types and bad input, with its result or error', () => {
    const known = ProcessingRequest.encode({
      request: {
        $case: 'requestTrailers',
        value: { trailers: { headers: [{ key: 'a', rawValue: Buffer.from('b') }] } },
      },
    }).finish();
    const cases: Record<string, Uint8Array> = {
      'unknown varint field': new BinaryWriter()
        .raw(known)
        .uint32(200 << 3)
        .uint64(7)
        .finish(),
      'unknown length-delimited field': new BinaryWriter()
        .uint32((99 << 3) | 2)
        .bytes(Buffer.from('zz'))
        .raw(known)
        .finish(),
      'unknown fixed32 and fixed64': new BinaryWriter()
        .uint32((98 << 3) | 5)
        .fixed32(1)
        .uint32((97 << 3) | 1)
        .fixed64(2)
        .raw(known)
        .finish(),
      'known field, other wire type': new BinaryWriter()
        .uint32(2 << 3)
        .uint32(1)
        .raw(known)
        .finish(),
      'negative enum (10-byte varint)': new BinaryWriter()
        .uint32(90)
        .fork()
        .uint32(8)
        .int32(-1)
        .join()
        .finish(),
      'tag 0 ends the message': new BinaryWriter().raw(known).uint32(0).uint32(80).bool(true).finish(),
      'truncated length': Buffer.from(known).subarray(0, known.length - 1),
      'length past the end': Buffer.from([0x12, 0x7f, 0x0a]),
      'varint cut off': Buffer.from([0x50, 0x80]),
      'a group (wire type 3)': Buffer.from([(12 << 3) | 3, (12 << 3) | 4, ...known]),
      'an unmatched end group': Buffer.from([(12 << 3) | 4]),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      expect(decodeRequestFast(bytes), name).toBeNull();
      expect(ours(bytes), name).toEqual(generated(bytes));
    }
  });

  it('cuts deeply nested metadata at the same depth as the generated decoder', () => {
    for (let depth = 20; depth <= 40; depth++) {
      let value: Record<string, unknown> = { leaf: 1 };
      for (let i = 0; i < depth; i++) value = { n: value };
      const bytes = ProcessingRequest.encode({
        request: { $case: 'requestHeaders', value: {} },
        metadataContext: { filterMetadata: { ns: value } },
        attributes: { a: value },
      }).finish();
      expect(ours(bytes), `depth ${depth}`).toEqual(generated(bytes));
    }
  });
});

describe('headerBlockOf (what the header map reads of a decoded header list)', () => {
  const decoded = () => {
    const bytes = ProcessingRequest.encode({
      request: {
        $case: 'requestHeaders',
        value: {
          headers: {
            headers: [
              { key: ':path', rawValue: Buffer.from('/a') },
              { key: 'x-b', rawValue: Buffer.from('b') },
            ],
          },
        },
      },
    }).finish();
    const r = decodeRequest(bytes).request;
    if (r?.$case !== 'requestHeaders') throw new Error('expected requestHeaders');
    return r.value.headers as { headers: Array<{ key: string; value: string; rawValue?: Buffer }> };
  };
  const pairs = (map: ReturnType<typeof decoded>) => {
    const block = headerBlockOf(map);
    return block.names.map((name, i) => [name, block.value(i).toString()]);
  };

  it('reads the decoder block whether or not the list was read, while the list is unchanged', () => {
    const map = decoded();
    const block = headerBlockOf(map);
    expect(map.headers.map((h) => h.key)).toEqual([':path', 'x-b']);
    expect(headerBlockOf(map)).toBe(block);
    expect(pairs(map)).toEqual([
      [':path', '/a'],
      ['x-b', 'b'],
    ]);
  });

  it('reads the list when it was edited in place or replaced, as with plain decoded objects', () => {
    const edits: Array<[string, (m: ReturnType<typeof decoded>) => void, string[][]]> = [
      [
        'rawValue',
        (m) => void ((m.headers[0] as { rawValue?: Buffer }).rawValue = Buffer.from('/z')),
        [
          [':path', '/z'],
          ['x-b', 'b'],
        ],
      ],
      [
        'key',
        (m) => void ((m.headers[1] as { key: string }).key = 'x-c'),
        [
          [':path', '/a'],
          ['x-c', 'b'],
        ],
      ],
      [
        'value',
        (m) => {
          const h = m.headers[1] as { value: string; rawValue?: Buffer };
          h.rawValue = Buffer.alloc(0);
          h.value = 'v';
        },
        [
          [':path', '/a'],
          ['x-b', 'v'],
        ],
      ],
      [
        'push',
        (m) => void m.headers.push({ key: 'x-d', value: '', rawValue: Buffer.from('d') }),
        [
          [':path', '/a'],
          ['x-b', 'b'],
          ['x-d', 'd'],
        ],
      ],
      ['splice', (m) => void m.headers.splice(0, 1), [['x-b', 'b']]],
      [
        'reorder',
        (m) => void m.headers.reverse(),
        [
          ['x-b', 'b'],
          [':path', '/a'],
        ],
      ],
      [
        'assign',
        (m) => void (m.headers = [{ key: 'x-e', value: '', rawValue: Buffer.from('e') }]),
        [['x-e', 'e']],
      ],
    ];
    for (const [name, edit, expected] of edits) {
      const map = decoded();
      edit(map);
      expect(pairs(map), name).toEqual(expected);
    }
  });
});

describe('decodeRequest attributes', () => {
  it('gives a message with attributes its own object, never the shared empty one of messages without', () => {
    const plainHeaders = () =>
      Buffer.from(
        ProcessingRequest.encode({
          request: { $case: 'requestHeaders', value: { endOfStream: true } },
        }).finish(),
      );
    const before = decodeRequest(plainHeaders());
    const withAttributes = decodeRequest(
      Buffer.from(
        ProcessingRequest.encode({
          request: {
            $case: 'requestHeaders',
            value: { endOfStream: true, attributes: { legacy: { f: 'n' } } },
          },
          attributes: { 'envoy.filters.http.ext_proc': { 'request.path': '/p' } },
        }).finish(),
      ),
    );
    const after = decodeRequest(plainHeaders());
    expect(withAttributes.attributes).toEqual({ 'envoy.filters.http.ext_proc': { 'request.path': '/p' } });
    expect(withAttributes.request?.value).toMatchObject({ attributes: { legacy: { f: 'n' } } });
    for (const m of [before, after]) {
      expect(m.attributes).toEqual({});
      expect(m.request?.value).toMatchObject({ attributes: {} });
      expect(
        Object.keys((m.request?.value as { attributes: object } | undefined)?.attributes ?? { x: 1 }),
      ).toEqual([]);
    }
    expect(Object.isFrozen(withAttributes.attributes)).toBe(false);
  });
});
