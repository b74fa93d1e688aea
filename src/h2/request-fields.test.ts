import { describe, expect, it } from 'vitest';
import { malformedRequest, malformedTrailers } from './request-fields.js';

const GOOD = [
  ':method',
  'POST',
  ':scheme',
  'http',
  ':path',
  '/p',
  ':authority',
  'a',
  'content-type',
  'application/grpc',
  'te',
  'trailers',
];

/** GOOD with the fields at `index` replaced by `pair` (or removed when `pair` is empty). */
function edit(index: number, ...pair: string[]): string[] {
  const fields = [...GOOD];
  fields.splice(index * 2, 2, ...pair);
  return fields;
}

describe('malformedRequest (RFC 9113 §8.1.1, §8.2, §8.3)', () => {
  it('accepts a well-formed gRPC request, and CONNECT without :scheme and :path', () => {
    expect(malformedRequest(GOOD)).toBeNull();
    expect(malformedRequest([':method', 'CONNECT', ':authority', 'a:443'])).toBeNull();
    expect(malformedRequest([...GOOD, 'x-tokens', "!#$%&'*+-.^_`|~09az", 'x-empty', ''])).toBeNull();
  });

  it.each([
    ['an upper-case name', [...GOOD, 'X-Upper', 'v'], 'invalid field name "X-Upper"'],
    ['a name with a space', [...GOOD, 'x y', 'v'], 'invalid field name "x y"'],
    ['an empty name', [...GOOD, '', 'v'], 'invalid field name ""'],
    ['a connection-specific field', [...GOOD, 'connection', 'close'], 'connection-specific field connection'],
    [
      'transfer-encoding',
      [...GOOD, 'transfer-encoding', 'chunked'],
      'connection-specific field transfer-encoding',
    ],
    ['te other than trailers', edit(5, 'te', 'gzip'), 'te other than "trailers"'],
    ['a value with CR LF', [...GOOD, 'x', 'a\r\nb'], 'invalid value of x'],
    ['a value with NUL', [...GOOD, 'x', 'a\0b'], 'invalid value of x'],
    ['a value with a leading space', [...GOOD, 'x', ' a'], 'invalid value of x'],
    ['a value with a trailing tab', [...GOOD, 'x', 'a\t'], 'invalid value of x'],
    ['an unknown pseudo-header', [':status', '200', ...GOOD], 'unknown pseudo-header :status'],
    [
      'a pseudo-header after a regular field',
      [...GOOD, ':path', '/q'],
      'pseudo-header :path after a regular field',
    ],
    ['a repeated :path', [':path', '/q', ...GOOD], 'repeated :path'],
    ['no :method', edit(0), 'no :method'],
    ['no :scheme', edit(1), 'no :scheme'],
    ['no :path', edit(2), 'no :path'],
    ['an empty :path', edit(2, ':path', ''), 'empty :path'],
    ['CONNECT with :path', [':method', 'CONNECT', ':path', '/'], ':scheme or :path with CONNECT'],
  ])('refuses %s', (_what, fields, reason) => {
    expect(malformedRequest(fields)).toBe(reason);
  });
});

describe('malformedTrailers', () => {
  it('accepts regular fields and refuses pseudo-headers and invalid fields', () => {
    expect(malformedTrailers(['x-checksum', 'abc'])).toBeNull();
    expect(malformedTrailers([])).toBeNull();
    expect(malformedTrailers([':path', '/'])).toBe('pseudo-header :path in trailers');
    expect(malformedTrailers(['X', 'v'])).toBe('invalid field name "X"');
    expect(malformedTrailers(['upgrade', 'h2c'])).toBe('connection-specific field upgrade');
    expect(malformedTrailers(['x', 'a\nb'])).toBe('invalid value of x');
  });
});
