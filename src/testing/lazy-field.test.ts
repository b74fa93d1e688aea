import { describe, expect, it } from 'vitest';
import { lazyField } from './lazy-field.js';

describe('lazyField', () => {
  it('computes on first read only, then behaves as a plain field (spread, toEqual, JSON, keys)', () => {
    let calls = 0;
    const target = { a: 1 } as { a: number; b: number[]; c: string };
    lazyField(target, 'b', () => {
      calls++;
      return [2, 3];
    });
    target.c = 'x';
    expect(calls).toBe(0);
    expect(Object.keys(target)).toEqual(['a', 'b', 'c']);
    expect(target.b).toBe(target.b);
    expect(calls).toBe(1);
    expect({ ...target }).toEqual({ a: 1, b: [2, 3], c: 'x' });
    expect(JSON.stringify(target)).toBe('{"a":1,"b":[2,3],"c":"x"}');
    expect(calls).toBe(1);
  });

  it('can be assigned before it was ever read (the computation never runs)', () => {
    const target = {} as { b: number };
    lazyField(target, 'b', () => {
      throw new Error('not to be computed');
    });
    target.b = 5;
    expect(target.b).toBe(5);
    expect(Object.getOwnPropertyDescriptor(target, 'b')).toMatchObject({
      value: 5,
      writable: true,
      enumerable: true,
    });
  });

  it('is computed by a comparison that reads it', () => {
    const target = {} as { b: number };
    lazyField(target, 'b', () => 7);
    expect(target).toEqual({ b: 7 });
  });

  it('gives every object the same accessor pair per field (no hidden class per result) and its own value', () => {
    const a = {} as { b: number };
    const b = {} as { b: number };
    lazyField(a, 'b', () => 1);
    lazyField(b, 'b', () => 2);
    const da = Object.getOwnPropertyDescriptor(a, 'b');
    const db = Object.getOwnPropertyDescriptor(b, 'b');
    expect(da?.get).toBeTypeOf('function');
    expect(da?.get).toBe(db?.get);
    expect(da?.set).toBe(db?.set);
    expect([b.b, a.b]).toEqual([2, 1]);
    // The bookkeeping is invisible to keys, spreads and symbol-aware comparisons.
    expect(
      Object.getOwnPropertySymbols(a).filter((s) => Object.getOwnPropertyDescriptor(a, s)?.enumerable),
    ).toEqual([]);
    expect({ ...a }).toEqual({ b: 1 });
  });
});
