import {
  brotliCompressSync,
  brotliDecompressSync,
  deflateSync,
  gunzipSync,
  gzipSync,
  inflateSync,
} from 'node:zlib';
import { createProcessor, type Processor } from 'attache-extproc';
import { type ExchangeSpec, runExchange } from 'attache-extproc/testing';
import { describe, expect, it } from 'vitest';
import panMask from './index.js';

const NS = 'attache.pan-mask';
const MODES = ['BUFFERED', 'BUFFERED_PARTIAL', 'STREAMED', 'FULL_DUPLEX_STREAMED'] as const;
type Mode = (typeof MODES)[number];

const make = (options: Record<string, unknown> = {}, extra: { maxBodyBytes?: number } = {}) =>
  createProcessor({
    plugins: [{ plugin: panMask, options }],
    // The filter sends trailers, so attache sees where a streamed body ends.
    processingMode: { requestTrailerMode: 'SEND', responseTrailerMode: 'SEND' },
    timeoutMs: 4000,
    messageTimeoutMs: 4500,
    ...extra,
  });

const envoy = (requestBodyMode: Mode, responseBodyMode: Mode = requestBodyMode) => ({
  // Generous: a machine loaded by a parallel test run must not turn into Envoy's 504.
  messageTimeoutMs: 5000,
  processingMode: {
    requestBodyMode,
    responseBodyMode,
    requestTrailerMode: 'SEND' as const,
    responseTrailerMode: 'SEND' as const,
  },
  metadataOptions: { receivingNamespaces: { untyped: [NS] } },
});

const BODY = '{"name":"Ana Müller","card":"4111 1111 1111 1111","amount":12.5,"ts":1733520000000}';
const MASKED = '{"name":"Ana Müller","card":"**** **** **** 1111","amount":12.5,"ts":1733520000000}';

async function post(
  p: Processor,
  mode: Mode,
  body: string | readonly (string | Uint8Array)[],
  spec: Partial<ExchangeSpec> = {},
) {
  const r = await runExchange(p, {
    envoy: envoy(mode),
    request: {
      method: 'POST',
      path: '/pay',
      headers: { 'content-type': 'application/json' },
      body,
      pacing: 'on-idle',
    },
    ...spec,
  });
  expect(r.violations).toEqual([]);
  return r;
}

describe('pan-mask: request bodies in every mode, cut anywhere', () => {
  for (const mode of MODES) {
    it(`${mode}: every two-piece cut`, async () => {
      const p = await make();
      const bytes = Buffer.from(BODY);
      for (let cut = 0; cut <= bytes.length; cut++) {
        const r = await post(p, mode, [bytes.subarray(0, cut), bytes.subarray(cut)]);
        expect(r.upstream?.body.toString(), `${mode} cut ${cut}`).toBe(MASKED);
        expect(r.dynamicMetadata[NS]).toEqual({ request: { visa: 1, total: 1 } });
      }
    });
  }

  for (const mode of ['STREAMED', 'FULL_DUPLEX_STREAMED'] as const) {
    it(`${mode}: 1-byte chunks`, async () => {
      const p = await make();
      const pieces = [...Buffer.from(BODY)].map((b) => Buffer.from([b]));
      const r = await post(p, mode, pieces);
      expect(r.upstream?.body.toString()).toBe(MASKED);
    });
  }

  it('keeps content-length right on a buffered body (length-preserving)', async () => {
    const p = await make();
    const r = await post(p, 'BUFFERED', BODY);
    expect(r.upstream?.headers.get('content-length')).toBe(String(Buffer.byteLength(BODY)));
    expect(r.upstream?.body.toString()).toBe(MASKED);
  });

  it('passes a body with trailers whole (nothing held at the end)', async () => {
    const p = await make();
    const r = await runExchange(p, {
      envoy: envoy('FULL_DUPLEX_STREAMED'),
      request: { method: 'POST', body: ['card 4111 11', '11 1111 1111'], trailers: { 'x-sum': '1' } },
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.body.toString()).toBe('card **** **** **** 1111');
    expect(r.upstream?.trailers?.get('x-sum')).toBe('1');
  });
});

describe('pan-mask: every layout through the test kit, every cut', () => {
  const layouts: [string, string, string, string][] = [
    ['plain in JSON', 'application/json', '{"pan":"5555555555554444"}', '{"pan":"************4444"}'],
    ['JSON number', 'application/json', '{"pan":5555555555554444}', '{"pan":************4444}'],
    ['spaced', 'text/plain', 'card 3782 822463 10005 ok', 'card **** ****** *0005 ok'],
    ['dashed', 'text/plain', 'card 6011-0009-9013-9424.', 'card ****-****-****-9424.'],
    [
      'form, + for spaces',
      'application/x-www-form-urlencoded',
      'a=1&card=4111+1111+1111+1111',
      'a=1&card=****+****+****+1111',
    ],
    ['XML', 'application/xml', '<c>3530111333300000</c>', '<c>************0000</c>'],
    [
      'multipart field',
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data; name="c"\r\n\r\n6200000000000005\r\n--b--',
      '--b\r\nContent-Disposition: form-data; name="c"\r\n\r\n************0005\r\n--b--',
    ],
    ['19 digits, non-ASCII around', 'text/plain', 'é6205 5000 0000 0000 004ü', 'é**** **** **** ***0 004ü'],
  ];
  for (const [layout, type, body, masked] of layouts) {
    it(`${layout}: STREAMED and FULL_DUPLEX_STREAMED, every cut`, async () => {
      const p = await make();
      const bytes = Buffer.from(body);
      for (const mode of ['STREAMED', 'FULL_DUPLEX_STREAMED'] as const) {
        for (let cut = 0; cut <= bytes.length; cut++) {
          const r = await runExchange(p, {
            envoy: envoy(mode),
            request: {
              method: 'POST',
              headers: { 'content-type': type },
              body: [bytes.subarray(0, cut), bytes.subarray(cut)],
              pacing: 'on-idle',
            },
          });
          expect(r.violations).toEqual([]);
          expect(r.upstream?.body.toString(), `${mode} cut ${cut}`).toBe(masked);
        }
      }
    });
  }
});

describe('pan-mask: responses', () => {
  for (const mode of MODES) {
    it(`${mode}: masks the response body, cut anywhere`, async () => {
      const p = await make({ directions: ['response'] });
      const bytes = Buffer.from(BODY);
      for (let cut = 0; cut <= bytes.length; cut += 3) {
        const r = await runExchange(p, {
          envoy: envoy(mode),
          request: { method: 'GET', path: '/card' },
          upstream: {
            headers: { 'content-type': 'application/json; charset=utf-8' },
            body: [bytes.subarray(0, cut), bytes.subarray(cut)],
            pacing: 'on-idle',
          },
        });
        expect(r.violations).toEqual([]);
        expect(r.downstream.body.toString(), `${mode} cut ${cut}`).toBe(MASKED);
        expect(r.dynamicMetadata[NS]).toEqual({ response: { visa: 1, total: 1 } });
      }
    });
  }

  it('reject on a response answers the configured status instead of the body', async () => {
    const p = await make({ action: 'reject', directions: ['response'] });
    for (const mode of MODES) {
      const r = await runExchange(p, {
        envoy: envoy(mode),
        upstream: { headers: { 'content-type': 'text/plain' }, body: ['your card 4111 1111 ', '1111 1111'] },
      });
      expect(r.violations).toEqual([]);
      expect(r.downstream.status, mode).toBe(400);
      expect(r.downstream.body.toString()).toBe('card numbers are not accepted here');
    }
  });

  it('masks a gzip response and re-encodes it', async () => {
    const p = await make();
    const r = await runExchange(p, {
      envoy: envoy('STREAMED'),
      upstream: {
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: [gzipSync(Buffer.from(BODY))],
      },
    });
    expect(r.violations).toEqual([]);
    expect(gunzipSync(r.downstream.body).toString()).toBe(MASKED);
    expect(r.dynamicMetadata[NS]).toEqual({ response: { visa: 1, total: 1 } });
  });

  it('leaves the request alone when only responses are scanned', async () => {
    const p = await make({ directions: ['response'] });
    const r = await post(p, 'BUFFERED', BODY);
    expect(r.upstream?.body.toString()).toBe(BODY);
  });
});

describe('pan-mask: actions', () => {
  it('reject answers the configured status and body, never echoing the number', async () => {
    const p = await make({ action: 'reject', reject: { status: 422, body: 'no cards' } });
    for (const mode of MODES) {
      const r = await post(p, mode, ['{"card":"4111111', '111111111"}']);
      expect(r.downstream.status).toBe(422);
      expect(r.downstream.body.toString()).toBe('no cards');
      expect(r.upstream === null || !r.upstream.body.toString().includes('4111111111111111')).toBe(true);
    }
  });

  it('detect counts without changing a byte', async () => {
    const p = await make({ action: 'detect' });
    const body = 'a 4111111111111111 b 378282246310005 c 5555-5555-5555-4444';
    for (const mode of MODES) {
      const r = await post(p, mode, [body.slice(0, 9), body.slice(9)]);
      expect(r.upstream?.body.toString()).toBe(body);
      expect(r.dynamicMetadata[NS]).toEqual({ request: { visa: 1, amex: 1, mastercard: 1, total: 3 } });
    }
  });

  it('reports nothing for a clean body', async () => {
    const p = await make();
    const r = await post(p, 'STREAMED', ['{"id":1234567890123,', '"phone":"+49 1512 3456789"}']);
    expect(r.upstream?.body.toString()).toBe('{"id":1234567890123,"phone":"+49 1512 3456789"}');
    expect(r.dynamicMetadata[NS]).toBeUndefined();
  });

  it('brands restricts what is found; keep first6last4 and maskChar shape the mask', async () => {
    const p = await make({ brands: ['amex', 'visa'], keep: 'first6last4', maskChar: '#' });
    const r = await post(p, 'BUFFERED', '4111111111111111 5555555555554444 378282246310005');
    expect(r.upstream?.body.toString()).toBe('411111######1111 5555555555554444 ###########0005');
  });
});

describe('pan-mask: headers and query', () => {
  it('masks configured request headers and the query', async () => {
    const p = await make({ headers: ['x-card'] });
    const r = await runExchange(p, {
      envoy: envoy('BUFFERED'),
      request: {
        path: '/pay?card=4111111111111111&n=2',
        headers: { 'x-card': '5555 5555 5555 4444', 'x-other': '4111111111111111' },
      },
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get(':path')).toBe('/pay?card=************1111&n=2');
    expect(r.upstream?.headers.get('x-card')).toBe('**** **** **** 4444');
    expect(r.upstream?.headers.get('x-other')).toBe('4111111111111111');
    expect(r.dynamicMetadata[NS]).toEqual({ request: { visa: 1, mastercard: 1, total: 2 } });
  });

  it('counts every value of a header that appears twice', async () => {
    const p = await make({ headers: ['x-card'], action: 'detect' });
    const r = await runExchange(p, {
      envoy: envoy('BUFFERED'),
      request: {
        headers: [
          ['x-card', '4111111111111111'],
          ['x-card', '5555555555554444'],
        ],
      },
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.getAll('x-card')).toEqual(['4111111111111111', '5555555555554444']);
    expect(r.dynamicMetadata[NS]).toEqual({ request: { visa: 1, mastercard: 1, total: 2 } });
  });

  it('rejects on a header with action reject; query off leaves the path', async () => {
    const p = await make({ headers: ['x-card'], action: 'reject', query: false });
    const bad = await runExchange(p, { request: { headers: { 'x-card': '4111111111111111' } } });
    expect(bad.downstream.status).toBe(400);
    expect(bad.upstream).toBeNull();
    const ok = await runExchange(p, { request: { path: '/x?c=4111111111111111' } });
    expect(ok.violations).toEqual([]);
    expect(ok.upstream?.headers.get(':path')).toBe('/x?c=4111111111111111');
  });
});

describe('pan-mask: content types', () => {
  it('skips binary content types and scans text ones, form and multipart included', async () => {
    const p = await make();
    const types: [string, boolean][] = [
      ['image/png', false],
      ['application/octet-stream', false],
      ['text/plain', true],
      ['application/x-www-form-urlencoded', true],
      ['multipart/form-data; boundary=x', true],
      ['application/xml', true],
      ['application/problem+json', true],
    ];
    for (const [type, scanned] of types) {
      const r = await runExchange(p, {
        envoy: envoy('BUFFERED'),
        request: { method: 'POST', headers: { 'content-type': type }, body: 'card=4111111111111111' },
      });
      expect(r.violations).toEqual([]);
      expect(r.upstream?.body.toString(), type).toBe(
        scanned ? 'card=************1111' : 'card=4111111111111111',
      );
    }
  });
});

describe('pan-mask: content-encoding', () => {
  const codings = [
    ['gzip', gzipSync, gunzipSync],
    ['deflate', deflateSync, inflateSync],
    ['br', brotliCompressSync, brotliDecompressSync],
  ] as const;
  for (const [coding, enc, dec] of codings) {
    for (const mode of ['BUFFERED', 'STREAMED', 'FULL_DUPLEX_STREAMED'] as const) {
      it(`${coding}, ${mode}: decodes, masks and re-encodes`, async () => {
        const p = await make();
        const z = enc(Buffer.from(BODY));
        const half = z.length >> 1;
        const r = await runExchange(p, {
          envoy: envoy(mode),
          request: {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-encoding': coding },
            body: [z.subarray(0, half), z.subarray(half)],
            pacing: 'on-idle',
          },
        });
        expect(r.violations).toEqual([]);
        expect(r.upstream?.headers.get('content-encoding')).toBe(coding);
        expect(dec(r.upstream?.body ?? Buffer.alloc(0)).toString()).toBe(MASKED);
      });
    }
  }

  it('a buffered re-encoded body gets a matching content-length', async () => {
    const p = await make();
    const z = gzipSync(Buffer.from(BODY));
    const r2 = await runExchange(p, {
      envoy: envoy('BUFFERED'),
      request: { method: 'POST', headers: { 'content-encoding': 'gzip' }, body: z },
    });
    expect(r2.violations).toEqual([]);
    expect(r2.upstream?.headers.get('content-length')).toBe(String(r2.upstream?.body.length));
  });

  it('encoded: pass forwards encoded bodies unscanned and counts them', async () => {
    const p = await make({ encoded: 'pass' });
    const z = gzipSync(Buffer.from(BODY));
    const r = await runExchange(p, {
      envoy: envoy('BUFFERED'),
      request: { method: 'POST', headers: { 'content-encoding': 'gzip' }, body: z },
    });
    expect(r.violations).toEqual([]);
    expect(Buffer.compare(r.upstream?.body ?? Buffer.alloc(0), z)).toBe(0);
    expect(r.dynamicMetadata[NS]).toEqual({ request: { total: 0, encodedPassed: 1 } });
  });

  it('a decompression bomb stops at the body limit with the body-limit answer (413 / 500)', async () => {
    const p = await make({}, { maxBodyBytes: 64 * 1024 });
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const r = await runExchange(p, {
      envoy: envoy('BUFFERED'),
      request: { method: 'POST', headers: { 'content-encoding': 'gzip' }, body: bomb },
    });
    expect(r.violations).toEqual([]);
    expect(r.downstream.status).toBe(413);
    expect(r.upstream).toBeNull();
    const res = await runExchange(p, {
      envoy: envoy('STREAMED'),
      upstream: {
        headers: { 'content-encoding': 'gzip' },
        body: [bomb.subarray(0, 100), bomb.subarray(100)],
      },
    });
    expect(res.violations).toEqual([]);
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.body.toString()).not.toContain('    ');
  });

  it('a body that is not valid for its coding fails closed, never passing unscanned', async () => {
    const p = await make();
    const r = await runExchange(p, {
      envoy: envoy('BUFFERED'),
      request: { method: 'POST', headers: { 'content-encoding': 'gzip' }, body: 'card 4111111111111111' },
    });
    expect(r.violations).toEqual([]);
    expect(r.downstream.status).toBe(500);
    expect(r.upstream).toBeNull();
  });
});

describe('pan-mask: options', () => {
  it('refuses bad options at start, naming the field', async () => {
    await expect(make({ action: 'block' })).rejects.toThrow(/options\.action/);
    await expect(make({ maskChar: '7' })).rejects.toThrow(/options\.maskChar/);
    await expect(make({ brands: ['visa', 'bitcoin'] })).rejects.toThrow(/options\.brands/);
    await expect(make({ contentTypes: ['json'] })).rejects.toThrow(/options\.contentTypes/);
    await expect(make({ keep: 'first8' })).rejects.toThrow(/options\.keep/);
    await expect(make({ unknown: 1 })).rejects.toThrow(/options/);
  });
});
