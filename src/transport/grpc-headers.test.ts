import { describe, expect, it } from 'vitest';
import {
  encodeGrpcMessage,
  fromRequestFields,
  fromRequestHeaders,
  grpcStatusFields,
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

describe('status fields', () => {
  it('leave grpc-message out when the message is empty', () => {
    expect(grpcStatusFields(0, '')).toEqual([['grpc-status', '0']]);
    expect(grpcStatusFields(14, '')).toEqual([['grpc-status', '14']]);
  });
  it('carry the message as it is when it is printable ASCII without %', () => {
    expect(grpcStatusFields(5, 'not found: /a?b=c')).toEqual([
      ['grpc-status', '5'],
      ['grpc-message', 'not found: /a?b=c'],
    ]);
  });
  it('percent-encode %, control characters and non-ASCII (as UTF-8), in upper-case hex', () => {
    const message = '50% off\r\n\t\x00\x7f ünïcødé 🚀';
    const fields = grpcStatusFields(13, message);
    expect(fields).toEqual([
      ['grpc-status', '13'],
      ['grpc-message', '50%25 off%0D%0A%09%00%7F %C3%BCn%C3%AFc%C3%B8d%C3%A9 %F0%9F%9A%80'],
    ]);
    expect(decodeURIComponent(fields[1]?.[1] as string)).toBe(message);
  });
  it('keep a lone surrogate from breaking the encoding (it becomes U+FFFD, as UTF-8 requires)', () => {
    expect(grpcStatusFields(2, 'x\ud800')).toEqual([
      ['grpc-status', '2'],
      ['grpc-message', 'x%EF%BF%BD'],
    ]);
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
