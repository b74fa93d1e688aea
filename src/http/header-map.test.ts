import { describe, expect, it } from 'vitest';
import { changesOf, type HeaderChanges } from '../../test/support/header-changes.js';
import { HeaderMap } from './header-map.js';

const b = (s: string) => Buffer.from(s);
const src = (...pairs: Array<[string, string]>) => pairs.map(([key, v]) => ({ key, rawValue: b(v) }));
const plain = (c: HeaderChanges) => ({
  set: c.set.map((s) => [s.key, s.value.toString(), s.append]),
  remove: c.remove,
});

describe('HeaderMap', () => {
  it('reads without copying until changed, joining multiple values', () => {
    const m = new HeaderMap(src(['set-cookie', 'a=1'], ['set-cookie', 'b=2'], [':path', '/x']));
    expect(m.get('Set-Cookie')).toBe('a=1, b=2');
    expect(m.getAll('set-cookie')).toEqual(['a=1', 'b=2']);
    expect(m.get('missing')).toBeUndefined();
    expect(m.size).toBe(3);
    expect([...m.entries()]).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      [':path', '/x'],
    ]);
    expect(m.changed).toBe(false);
  });

  it('keeps obs-text bytes exact in getRaw', () => {
    const raw = Buffer.from([0x61, 0xe9, 0xff]);
    const m = new HeaderMap([{ key: 'x-bin', rawValue: raw }]);
    expect(m.getRaw('x-bin')[0]?.equals(raw)).toBe(true);
  });

  it('falls back to value when raw_value is empty', () => {
    expect(new HeaderMap([{ key: 'a', value: 'v' }]).get('a')).toBe('v');
  });

  it('turns a replacement into one overwrite', () => {
    const m = new HeaderMap(src(['x', '1'], ['x', '2']));
    m.set('x', b('3'));
    expect(plain(changesOf(m))).toEqual({ set: [['x', '3', false]], remove: [] });
  });

  it('turns appends to existing values into append entries only', () => {
    const m = new HeaderMap(src(['x', '1']));
    m.append('x', b('2'));
    m.append('x', b('3'));
    expect(plain(changesOf(m))).toEqual({
      set: [
        ['x', '2', true],
        ['x', '3', true],
      ],
      remove: [],
    });
    expect(m.getAll('x')).toEqual(['1', '2', '3']);
  });

  it('turns remove-then-append into an overwrite', () => {
    const m = new HeaderMap(src(['x', '1']));
    m.remove('x');
    m.append('x', b('9'));
    expect(plain(changesOf(m))).toEqual({ set: [['x', '9', false]], remove: [] });
  });

  it('emits a removal whether the name was seen or not (forward_rules may hide it from attache)', () => {
    const m = new HeaderMap(src(['x', '1']));
    m.remove('x');
    m.remove('nope');
    expect(plain(changesOf(m))).toEqual({ set: [], remove: ['x', 'nope'] });
    expect(m.has('x')).toBe(false);
  });

  it('emits nothing when the final state equals the original', () => {
    const m = new HeaderMap(src(['x', '1']));
    m.set('x', b('1'));
    expect(plain(changesOf(m))).toEqual({ set: [], remove: [] });
  });

  it('overwrites then appends when shrinking a multi-value header', () => {
    const m = new HeaderMap(src(['x', '1'], ['x', '2'], ['x', '3']));
    m.remove('x');
    m.append('x', b('1'));
    m.append('x', b('2'));
    expect(plain(changesOf(m))).toEqual({
      set: [
        ['x', '1', false],
        ['x', '2', true],
      ],
      remove: [],
    });
  });

  it('commit() makes the current state the baseline, revert() drops uncommitted changes', () => {
    const m = new HeaderMap(src(['x', '1']));
    m.append('x', b('2'));
    m.commit();
    expect(plain(changesOf(m))).toEqual({ set: [], remove: [] });
    expect(m.getAll('x')).toEqual(['1', '2']);
    m.set('x', b('z'));
    m.revert();
    expect(m.getAll('x')).toEqual(['1', '2']);
    expect(m.changed).toBe(false);
  });
});

describe('HeaderMap intent', () => {
  it('sends set() of a name the server never saw as an overwrite (forward_rules may hide values)', () => {
    const m = new HeaderMap([]);
    m.set('x-hidden', Buffer.from('v'));
    expect(changesOf(m).set.map((s) => s.append)).toEqual([false]);
  });

  it('sends append() of an unseen name as an append', () => {
    const m = new HeaderMap([]);
    m.append('x-hidden', Buffer.from('v'));
    expect(changesOf(m).set.map((s) => s.append)).toEqual([true]);
  });
});

describe('HeaderMap.mutation', () => {
  it("is Envoy's HeaderMutation: raw_value, append only on an added value, removals after", () => {
    const m = new HeaderMap(src(['x', '1'], ['y', '2'], ['z', '3']));
    m.set('x', b('9'));
    m.append('x', b('10'));
    m.append('w', b('new'));
    m.remove('z');
    expect(m.mutation()).toEqual({
      setHeaders: [
        { header: { key: 'x', rawValue: b('9') } },
        { header: { key: 'x', rawValue: b('10') }, append: true },
        { header: { key: 'w', rawValue: b('new') }, append: true },
      ],
      removeHeaders: ['z'],
    });
    // `append: false` is left out, not written: Envoy reads an unset flag as "replace".
    expect(Object.keys(m.mutation()?.setHeaders?.[0] ?? {})).toEqual(['header']);
  });

  it('is undefined when nothing changed, or the changes undo themselves', () => {
    const m = new HeaderMap(src(['x', '1']));
    expect(m.mutation()).toBeUndefined();
    m.set('x', b('1'));
    expect(m.mutation()).toBeUndefined();
    m.remove('x');
    expect(m.mutation()).toEqual({ setHeaders: [], removeHeaders: ['x'] });
  });
});
