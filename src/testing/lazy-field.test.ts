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
});
