import { describe, expect, it } from 'vitest';
import {
  encodeGrpcMessage,
  fromRequestFields,
  fromRequestHeaders,
  parseGrpcTimeout,
} from './grpc-headers.js';
import { LazyMetadata } from './lazy-metadata.js';

describe('grpc-timeout', () => {
  it('reads every unit, rounding sub-millisecond values up', () => {
    expect(['2H', '3M', '4S', '250m', '1500u', '1n', '0m'].map(parseGrpcTimeout)).toEqual([
      7_200_000, 180_000, 4000, 250, 2, 1, 0,
    ]);
  });
  it('refuses more than 8 digits, a missing or unknown unit, signs and spaces', () => {
    expect(['123456789m', '10', '10s', '-1S', ' 1S', ''].map(parseGrpcTimeout)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('grpc-message', () => {
  it('percent-encodes UTF-8 bytes outside printable ASCII, and % itself', () => {
    expect(encodeGrpcMessage('plain text (ok)')).toBe('plain text (ok)');
    expect(encodeGrpcMessage('100% déjà\n')).toBe('100%25 d%C3%A9j%C3%A0%0A');
    expect(decodeURIComponent(encodeGrpcMessage('100% déjà\n'))).toBe('100% déjà\n');
  });
});

describe('call metadata from HTTP/2 headers', () => {
  it('keeps the application headers only, joining repeated values', () => {
    const md = new LazyMetadata(
      {
        ':path': '/x',
        'content-type': 'application/grpc',
        te: 'trailers',
        'grpc-timeout': '1S',
        'x-tenant': 'acme',
        'x-bin': 'AAA=',
        'x-multi': ['a', 'b'],
      },
      fromRequestHeaders,
    );
    expect([...md]).toEqual([
      ['x-tenant', 'acme'],
      ['x-multi', 'a, b'],
    ]);
    expect(md.get('x-tenant')).toBe('acme');
    expect(md.has(':path')).toBe(false);
  });
});

describe('call metadata from a decoded header block', () => {
  it('keeps the same headers as from node:http2 headers, joining repeated values in order', () => {
    const fields = [
      ':method',
      'POST',
      ':path',
      '/x',
      'content-type',
      'application/grpc',
      'te',
      'trailers',
      'x-tenant',
      'acme',
      'x-bin',
      'AAA=',
      'x-multi',
      'a',
      'grpc-timeout',
      '1S',
      'x-multi',
      'b',
    ];
    expect([...new LazyMetadata(fields, fromRequestFields)]).toEqual([
      ['x-tenant', 'acme'],
      ['x-multi', 'a, b'],
    ]);
  });
});
