import { describe, expect, it } from 'vitest';
import { HeaderMap } from '../http/header-map.js';
import { compileMatch, type MatchSpec } from './match.js';

const headers = (pairs: Record<string, string>) =>
  new HeaderMap(Object.entries(pairs).map(([key, v]) => ({ key, rawValue: Buffer.from(v) })));

function matches(spec: MatchSpec, pairs: Record<string, string>): boolean {
  const m = compileMatch(spec, 'm');
  return (m.request?.(headers(pairs)) ?? true) && (m.response?.(headers(pairs)) ?? true);
}

describe('compileMatch', () => {
  it('path is a segment prefix and ignores the query string', () => {
    expect(matches({ path: '/api' }, { ':path': '/api' })).toBe(true);
    expect(matches({ path: '/api' }, { ':path': '/api/v1?x=1' })).toBe(true);
    expect(matches({ path: '/api' }, { ':path': '/api?x=/' })).toBe(true);
    expect(matches({ path: '/api' }, { ':path': '/apix' })).toBe(false);
    expect(matches({ path: '/api/' }, { ':path': '/api/x' })).toBe(true);
  });

  it('pathRegex, method, headers and content types; all conditions must hold', () => {
    const spec: MatchSpec = {
      pathRegex: '^/v[0-9]+/',
      method: ['POST', 'PUT'],
      headers: { 'X-Tenant': { regex: '^acme-' }, 'x-debug': true, 'x-env': 'prod' },
      contentType: ['application/json', 'text/*'],
    };
    const ok = {
      ':path': '/v2/items',
      ':method': 'POST',
      'x-tenant': 'acme-eu',
      'x-debug': '',
      'x-env': 'prod',
      'content-type': 'Application/JSON; charset=utf-8',
    };
    expect(matches(spec, ok)).toBe(true);
    expect(matches(spec, { ...ok, 'content-type': 'text/csv' })).toBe(true);
    for (const [key, value] of Object.entries({
      ':path': '/items',
      ':method': 'GET',
      'x-tenant': 'other',
      'x-env': 'dev',
      'content-type': 'image/png',
    })) {
      expect(matches(spec, { ...ok, [key]: value }), key).toBe(false);
    }
    const { 'x-debug': _, ...withoutDebug } = ok;
    expect(matches(spec, withoutDebug)).toBe(false);
  });

  it('responseContentType is a response condition only', () => {
    const m = compileMatch({ responseContentType: 'application/json' }, 'm');
    expect(m.request).toBeNull();
    expect(m.response?.(headers({ 'content-type': 'application/json' }))).toBe(true);
    expect(m.response?.(headers({}))).toBe(false);
  });

  it('names the field of a bad regex, media type or path', () => {
    expect(() => compileMatch({ pathRegex: '(' }, 'a.yaml: plugins[0].match')).toThrow(
      /^a\.yaml: plugins\[0\]\.match\.pathRegex: invalid regular expression/,
    );
    expect(() => compileMatch({ headers: { 'x-a': { regex: '[' } } }, 'm')).toThrow(
      /^m\.headers\.x-a\.regex: /,
    );
    expect(() => compileMatch({ contentType: 'json' }, 'm')).toThrow(
      /^m\.contentType: "json" is not a media type/,
    );
    expect(() => compileMatch({ path: 'api' }, 'm')).toThrow(/^m\.path: must start with "\/"/);
  });
});
