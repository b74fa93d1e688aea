import { describe, expect, it } from 'vitest';
import { AttacheError, ErrorCode } from '../errors.js';
import { checkRemove, checkSet, checkValue, headerValueBytes, normalizeHeaderName } from './header-rules.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof AttacheError ? e.code : 'other';
  }
  return undefined;
}

describe('header rules (Envoy defaults, §6.3)', () => {
  it('lower-cases names and refuses malformed or empty ones', () => {
    expect(normalizeHeaderName('X-Foo')).toBe('x-foo');
    expect(normalizeHeaderName(':path')).toBe(':path');
    for (const bad of ['', 'a b', 'a:b', 'é', '::x']) {
      expect(code(() => normalizeHeaderName(bad))).toBe(ErrorCode.INVALID_HEADER);
    }
  });

  it('refuses NUL, CR and LF in values but keeps obs-text and UTF-8', () => {
    expect(code(() => headerValueBytes('x', 'a\r\nb'))).toBe(ErrorCode.INVALID_HEADER);
    expect(code(() => headerValueBytes('x', 'a\0'))).toBe(ErrorCode.INVALID_HEADER);
    expect(headerValueBytes('x', 'José').toString('utf8')).toBe('José');
    expect([...headerValueBytes('x', new Uint8Array([0x80, 0xff]))]).toEqual([0x80, 0xff]);
  });

  it('refuses routing and x-envoy headers by default, allows :path and :status', () => {
    for (const n of ['host', ':authority', ':scheme', ':method']) {
      expect(code(() => checkSet(n, 'request', {}, false, false))).toBe(ErrorCode.MUTATION_REFUSED);
    }
    expect(code(() => checkSet('x-envoy-foo', 'request', {}, false, false))).toBe(ErrorCode.MUTATION_REFUSED);
    expect(code(() => checkSet(':path', 'request', {}, false, false))).toBeUndefined();
    expect(code(() => checkSet(':status', 'response', {}, false, false))).toBeUndefined();
  });

  it('honours allow_all_routing, allow_envoy, disallow_system and disallow_all', () => {
    expect(code(() => checkSet('host', 'request', { allowAllRouting: true }, false, false))).toBeUndefined();
    expect(code(() => checkSet('x-envoy-a', 'request', { allowEnvoy: true }, false, false))).toBeUndefined();
    expect(code(() => checkSet(':path', 'request', { disallowSystem: true }, false, false))).toBe(
      ErrorCode.MUTATION_REFUSED,
    );
    expect(code(() => checkSet('x-a', 'request', { disallowAll: true }, false, false))).toBe(
      ErrorCode.MUTATION_REFUSED,
    );
  });

  it('allows :method only when replacing the message (CONTINUE_AND_REPLACE)', () => {
    expect(code(() => checkSet(':method', 'request', {}, false, true))).toBeUndefined();
  });

  it('never removes pseudo-headers or host, and never appends to a pseudo-header', () => {
    expect(code(() => checkRemove(':path', 'request', {}))).toBe(ErrorCode.MUTATION_REFUSED);
    expect(code(() => checkRemove('host', 'request', {}))).toBe(ErrorCode.MUTATION_REFUSED);
    expect(code(() => checkRemove('x-a', 'request', {}))).toBeUndefined();
    expect(code(() => checkSet(':path', 'request', {}, true, false))).toBe(ErrorCode.MUTATION_REFUSED);
  });

  it('refuses pseudo-headers of the wrong block', () => {
    expect(code(() => checkSet(':status', 'request', {}, false, false))).toBe(ErrorCode.MUTATION_REFUSED);
    expect(code(() => checkSet(':path', 'response', {}, false, false))).toBe(ErrorCode.MUTATION_REFUSED);
    expect(code(() => checkSet(':path', 'trailers', {}, false, false))).toBe(ErrorCode.MUTATION_REFUSED);
  });

  it('accepts :status only as a 3-digit code of at least 200 (§18.51)', () => {
    expect(code(() => checkValue(':status', Buffer.from('299')))).toBeUndefined();
    for (const bad of ['abc', '99', '199', '2000']) {
      expect(code(() => checkValue(':status', Buffer.from(bad)))).toBe(ErrorCode.MUTATION_REFUSED);
    }
  });
});
