import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesOf, type HeaderChanges } from '../../test/support/header-changes.js';
import { ProcessingRequest } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { decodeRequest } from '../protocol/codec.js';
import { headerBlockOf } from '../protocol/decode-request.js';
import { HeaderMap, type SourceHeader } from './header-map.js';

/**
 * The header map as a plain copy: every change applied to a list of [name, bytes], and the
 * change set worked out by comparing each touched name's values before and after. HeaderMap
 * keeps its changes as an overlay on the untouched source instead; whatever the sequence of
 * changes, it must hold the same list and tell Envoy the same mutation.
 */
class CopyModel {
  base: Array<[string, Buffer]>;
  list: Array<[string, Buffer]>;
  touched = new Map<string, boolean>();

  constructor(source: Array<[string, Buffer]>) {
    this.base = source.slice();
    this.list = source.slice();
  }

  set(key: string, value: Buffer): void {
    this.remove(key);
    this.list.push([key, value]);
  }

  append(key: string, value: Buffer): void {
    this.touched.set(key, this.touched.get(key) === true);
    this.list.push([key, value]);
  }

  remove(key: string): void {
    this.touched.set(key, true);
    this.list = this.list.filter(([n]) => n !== key);
  }

  values(key: string): Buffer[] {
    return this.list.filter(([n]) => n === key).map(([, v]) => v);
  }

  changes(): HeaderChanges {
    const set: HeaderChanges['set'] = [];
    const remove: string[] = [];
    for (const [key, overwrite] of this.touched) {
      const before = this.base.filter(([n]) => n === key).map(([, v]) => v);
      const after = this.values(key);
      if (!overwrite) {
        for (const value of after.slice(before.length)) set.push({ key, value, append: true });
      } else if (after.length === 0) {
        remove.push(key);
      } else {
        const keep =
          before.length > 0 &&
          before.length <= after.length &&
          before.every((b, i) => b.equals(after[i] as Buffer));
        if (keep && before.length === after.length) continue;
        const start = keep ? before.length : 0;
        after.slice(start).forEach((value, i) => {
          set.push({ key, value, append: keep || i > 0 });
        });
      }
    }
    return { set, remove };
  }

  commit(): void {
    this.base = this.list.slice();
    this.touched.clear();
  }

  revert(): void {
    this.list = this.base.slice();
    this.touched.clear();
  }
}

const NAMES = ['a', 'b', 'x-c', ':path', 'set-cookie'];
const name = fc.constantFrom(...NAMES);
const value = fc.constantFrom('1', '2', 'v', '', 'é');
const op = fc.oneof(
  fc.tuple(fc.constant('set' as const), name, value),
  fc.tuple(fc.constant('append' as const), name, value),
  fc.tuple(fc.constant('remove' as const), name, value),
  fc.tuple(fc.constant('commit' as const), name, value),
  fc.tuple(fc.constant('revert' as const), name, value),
);

/** A source header in each of the shapes a map meets: raw bytes, a Uint8Array, `value` only. */
function sourceHeader(key: string, bytes: Buffer, shape: number): SourceHeader {
  if (shape === 0 || bytes.length === 0) return { key, rawValue: bytes };
  if (shape === 1) return { key, rawValue: new Uint8Array(bytes) };
  return { key, value: bytes.toString('utf8') };
}

/** The same headers as the request decoder hands them over: names and offsets into the message. */
function decoded(source: Array<[string, string, number]>): HeaderMap {
  const bytes = ProcessingRequest.encode({
    request: {
      $case: 'requestHeaders',
      value: { headers: { headers: source.map(([key, v]) => ({ key, rawValue: Buffer.from(v) })) } },
    },
  }).finish();
  const request = decodeRequest(bytes).request;
  if (request?.$case !== 'requestHeaders') throw new Error('expected requestHeaders');
  return new HeaderMap(headerBlockOf(request.value.headers));
}

const plain = (c: HeaderChanges) => ({
  set: c.set.map((s) => [s.key, s.value.toString('hex'), s.append]),
  remove: c.remove,
});

describe('HeaderMap overlay', () => {
  it("holds the same headers and reports the same changes as applying each change to a copy, over a list or the decoder's block", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, value, fc.integer({ min: 0, max: 2 })), { maxLength: 8 }),
        fc.array(op, { maxLength: 12 }),
        (source, ops) => {
          const headers = source.map(([k, v, shape]) => sourceHeader(k, Buffer.from(v), shape));
          const maps = [new HeaderMap(headers), decoded(source)];
          const model = new CopyModel(source.map(([k, v]) => [k, Buffer.from(v)]));
          for (const [kind, key, v] of ops) {
            if (kind === 'commit' || kind === 'revert') model[kind]();
            else if (kind === 'remove') model.remove(key);
            else model[kind](key, Buffer.from(v));
            for (const map of maps) {
              if (kind === 'commit' || kind === 'revert') map[kind]();
              else if (kind === 'remove') map.remove(key);
              else map[kind](key, Buffer.from(v));
              expect([...map.entries()]).toEqual(model.list.map(([k, b]) => [k, b.toString('utf8')]));
              expect(map.size).toBe(model.list.length);
              expect(map.byteSize()).toBe(model.list.reduce((n, [k, b]) => n + k.length + b.length, 0));
              expect(map.changed).toBe(model.touched.size > 0);
              expect(plain(changesOf(map))).toEqual(plain(model.changes()));
              for (const n of NAMES) {
                const values = model.values(n);
                expect(map.getRaw(n.toUpperCase()).map((b) => b.toString('hex'))).toEqual(
                  values.map((b) => b.toString('hex')),
                );
                expect(map.get(n)).toBe(
                  values.length === 0 ? undefined : values.map((b) => b.toString()).join(', '),
                );
                expect(map.has(n)).toBe(values.length > 0);
              }
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads through to the source headers it was given, and never changes them', () => {
    const source = [
      { key: 'a', rawValue: Buffer.from('1') },
      { key: 'b', rawValue: Buffer.from('2') },
    ];
    const map = new HeaderMap(source);
    map.set('a', Buffer.from('9'));
    map.append('b', Buffer.from('3'));
    map.remove('c');
    expect([...map.entries()]).toEqual([
      ['b', '2'],
      ['a', '9'],
      ['b', '3'],
    ]);
    expect(source.map((h) => [h.key, h.rawValue.toString()])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});
