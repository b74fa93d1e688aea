import { describe, expect, it } from 'vitest';
import { isHopByHop, scanRequestHead } from './http-util.js';

describe('isHopByHop', () => {
  it('names the connection-scoped headers in any case, and keeps te: trailers', () => {
    const hop = ['connection', 'Keep-Alive', 'PROXY-CONNECTION', 'Transfer-Encoding', 'upgrade', 'te'];
    expect(hop.map((name) => isHopByHop(name, 'x'))).toEqual(hop.map(() => true));
    expect(isHopByHop('TE', ' Trailers ')).toBe(false);
    // Same lengths as hop-by-hop names, or close to them, but end-to-end.
    const kept = [
      'ab',
      'x-bench',
      'connectio',
      'connections',
      'content-md',
      'x-proxy-connectio',
      'x-forwarded-proto',
    ];
    expect(kept.map((name) => isHopByHop(name, 'x'))).toEqual(kept.map(() => false));
  });
});

describe('scanRequestHead', () => {
  it("reads host and content-length as Node's req.headers does (first value), drops host and hop-by-hop headers", () => {
    const head = scanRequestHead([
      'Host',
      'a.example',
      'X-Tenant',
      'one',
      'host',
      'b.example',
      'Connection',
      'keep-alive',
      'Content-Length',
      '5',
      'content-length',
      '7',
      'TE',
      'trailers',
      'te',
      'gzip',
      'x-tenant',
      'two',
    ]);
    expect(head.host).toBe('a.example');
    expect(head.contentLength).toBe('5');
    expect(head.transferEncoding).toBe(false);
    expect(head.chunked).toBe(false);
    // `te: trailers` is end-to-end and kept; any other te, and connection, are not forwarded.
    expect(head.headers).toEqual([
      ['x-tenant', 'one'],
      ['content-length', '5'],
      ['content-length', '7'],
      ['te', 'trailers'],
      ['x-tenant', 'two'],
    ]);
  });

  it('finds chunked in any transfer-encoding value, as a whole word', () => {
    expect(scanRequestHead(['Transfer-Encoding', 'gzip', 'transfer-encoding', 'Chunked'])).toMatchObject({
      transferEncoding: true,
      chunked: true,
      headers: [],
    });
    expect(scanRequestHead(['transfer-encoding', 'gzip, chunked'])).toMatchObject({ chunked: true });
    expect(scanRequestHead(['transfer-encoding', 'notchunked'])).toMatchObject({
      transferEncoding: true,
      chunked: false,
    });
    expect(scanRequestHead(['x-a', '1'])).toEqual({
      headers: [['x-a', '1']],
      host: undefined,
      contentLength: undefined,
      transferEncoding: false,
      chunked: false,
    });
  });
});
