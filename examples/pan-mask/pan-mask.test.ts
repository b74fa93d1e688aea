/**
 * The pan-mask example: a payment API behind attache, loaded from attache.yaml as `attache serve`
 * loads it. Whatever the client sends, in whichever body mode and however the body is cut, no
 * card number reaches the API, and none it echoes reaches the client. Checked independently of
 * the scanner: the digits of every card sent must not appear among the digits the API received.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createProcessor, createServer, silentLogger } from 'attache-extproc';
import { type ExchangeSpec, http2Channel, runExchange } from 'attache-extproc/testing';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { toServerOptions } from '../../src/config/to-server-options.js';
import { createPaymentApi } from './payment-api.mjs';

const config = path.join(path.dirname(fileURLToPath(import.meta.url)), 'attache.yaml');
const load = async () => toServerOptions(await loadConfig(config), silentLogger);

/** The card numbers of `sent` whose digits appear in `text` (separators and all non-digits ignored). */
function leaked(text: string, sent: readonly string[]): string[] {
  const digits = text.replace(/\D/g, '');
  return sent.map((c) => c.replace(/\D/g, '')).filter((c) => digits.includes(c));
}

const CARDS = ['4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005', '6011000990139424'];
const MODES = ['BUFFERED', 'STREAMED', 'FULL_DUPLEX_STREAMED'] as const;
const envoy = (mode: (typeof MODES)[number]) => ({
  messageTimeoutMs: 5000, // a machine loaded by a parallel test run must not turn into Envoy's 504
  processingMode: {
    requestBodyMode: mode,
    responseBodyMode: mode,
    requestTrailerMode: 'SEND' as const,
    responseTrailerMode: 'SEND' as const,
  },
  metadataOptions: { receivingNamespaces: { untyped: ['attache.pan-mask'] } },
});

function upstreamOf(
  api: ReturnType<typeof createPaymentApi>,
  method: string,
  path: string,
): ExchangeSpec['upstream'] {
  return (received) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of received.headers.entries()) headers[k] = v;
    return {
      ...api.handle({ method, path: headers[':path'] ?? path, headers, body: received.body }),
      headers: { 'content-type': 'application/json' },
    };
  };
}

describe('examples/pan-mask: a payment API whose card numbers never reach it', () => {
  it('pays by JSON and by form, every mode, every cut: the API sees only masked numbers', async () => {
    const processor = await createProcessor(await load());
    const api = createPaymentApi();
    for (const mode of MODES) {
      for (const card of CARDS) {
        const json = Buffer.from(
          JSON.stringify({ card, amount: 12.5, note: 'Zahlung für Bestellung 2026-12-06' }),
        );
        for (let cut = 0; cut <= json.length; cut += 5) {
          const r = await runExchange(processor, {
            envoy: envoy(mode),
            request: {
              method: 'POST',
              path: '/payments',
              headers: { 'content-type': 'application/json' },
              body: [json.subarray(0, cut), json.subarray(cut)],
              pacing: 'on-idle',
            },
            upstream: upstreamOf(api, 'POST', '/payments'),
          });
          expect(r.violations).toEqual([]);
          expect(r.downstream.status).toBe(201);
          const answer = JSON.parse(r.downstream.body.toString()) as { card: string };
          expect(answer.card.slice(-4)).toBe(card.slice(-4));
          expect(r.dynamicMetadata['attache.pan-mask']).toMatchObject({ request: { total: 1 } });
        }
      }
      const form = `amount=10&card=${encodeURIComponent('4111-1111-1111-1111')}`;
      const r = await runExchange(processor, {
        envoy: envoy(mode),
        request: {
          method: 'POST',
          path: '/payments',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: [form.slice(0, 20), form.slice(20)],
        },
        upstream: upstreamOf(api, 'POST', '/payments'),
      });
      expect(r.violations).toEqual([]);
    }
    expect(api.received.length).toBeGreaterThan(100);
    for (const seen of api.received) expect(leaked(`${seen.path} ${seen.body}`, CARDS)).toEqual([]);
  });

  it('gzip bodies, the card header and the query are masked too; the echoed card on file is masked on the way out', async () => {
    const processor = await createProcessor(await load());
    const api = createPaymentApi();
    const r = await runExchange(processor, {
      envoy: envoy('BUFFERED'),
      request: {
        method: 'POST',
        path: '/payments?card=5555555555554444',
        headers: {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'x-card-number': '378282246310005',
        },
        body: gzipSync(JSON.stringify({ card: '6011000990139424', amount: 1 })),
      },
      upstream: (received) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of received.headers.entries()) headers[k] = v;
        api.received.push({ path: headers[':path'] ?? '', headers, body: received.body.toString('latin1') });
        return { status: 204 };
      },
    });
    expect(r.violations).toEqual([]);
    const seen = api.received[0];
    expect(seen?.path).toBe('/payments?card=************4444');
    expect(seen?.headers['x-card-number']).toBe('***********0005');
    // The API received gzip; decoded it holds the masked card.
    expect(r.upstream?.headers.get('content-encoding')).toBe('gzip');
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(r.upstream?.body ?? Buffer.alloc(0)).toString()).toBe(
      '{"card":"************9424","amount":1}',
    );

    // A careless API echoing a full card: the client still never sees it.
    const echo = await runExchange(processor, {
      envoy: envoy('STREAMED'),
      request: { method: 'GET', path: '/payments/last' },
      upstream: {
        headers: { 'content-type': 'application/json' },
        body: ['{"card":"4111 1111', ' 1111 1111"}'],
      },
    });
    expect(echo.violations).toEqual([]);
    expect(echo.downstream.body.toString()).toBe('{"card":"**** **** **** 1111"}');
    expect(echo.dynamicMetadata['attache.pan-mask']).toEqual({ response: { visa: 1, total: 1 } });
  });

  it('over the wire: the config served by attache, driven as Envoy would', async () => {
    const server = await createServer({ ...(await load()), log: silentLogger, strayErrors: 'off' });
    const { port } = await server.listen('127.0.0.1:0');
    const channel = http2Channel(`127.0.0.1:${port}`);
    try {
      const api = createPaymentApi();
      const body = Buffer.from('{"card":"4111111111111111","amount":3}');
      const r = await runExchange(channel, {
        envoy: envoy('STREAMED'),
        request: {
          method: 'POST',
          path: '/payments',
          headers: { 'content-type': 'application/json' },
          body: [body.subarray(0, 17), body.subarray(17)],
        },
        upstream: upstreamOf(api, 'POST', '/payments'),
      });
      expect(r.violations).toEqual([]);
      expect(api.received[0]?.body).toBe('{"card":"************1111","amount":3}');
    } finally {
      await channel.close();
      await server.close();
    }
  });
});
