/**
 * examples/transform: the config loaded as `attache serve` loads it, then driven the way Envoy
 * would drive it.
 */
import { fileURLToPath } from 'node:url';
import { createProcessor, silentLogger } from 'attache-extproc';
import { type EnvoyFilterConfig, runExchange } from 'attache-extproc/testing';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { toServerOptions } from '../../src/config/to-server-options.js';

const config = fileURLToPath(new URL('attache.yaml', import.meta.url));

const legacy = {
  order: {
    id: 'o-42',
    customer: { name: 'Ann Lee', email: 'ann@example.com' },
    lines: [
      { sku: 'a', qty: 2, unitPrice: 9.99 },
      { sku: 'b', qty: 1, unitPrice: 0.5 },
    ],
  },
};

const envoy: EnvoyFilterConfig = {
  processingMode: { responseBodyMode: 'BUFFERED' },
  metadataOptions: { receivingNamespaces: { untyped: ['orders'] } },
};

describe('examples/transform', () => {
  it('reshapes the JSON response with JSONata and sets headers from templates', async () => {
    const processor = await createProcessor(await toServerOptions(await loadConfig(config), silentLogger));
    const r = await runExchange(processor, {
      envoy,
      request: {
        path: '/v2/orders/o-42',
        headers: {
          cookie: `theme=dark; session=${Buffer.from('ann').toString('base64url')}`,
          'x-request-id': 'req-1',
          'x-debug': '1',
        },
      },
      upstream: {
        headers: { 'content-type': 'application/json', 'x-legacy-backend': 'orders-v1' },
        body: JSON.stringify(legacy),
      },
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get('x-api-version')).toBe('2');
    expect(r.upstream?.headers.get('x-user')).toBe('ann');
    expect(r.upstream?.headers.has('x-debug')).toBe(false);
    expect(r.dynamicMetadata).toEqual({ orders: { tenant: 'public' } });
    expect(JSON.parse(r.downstream.body.toString())).toEqual({
      id: 'o-42',
      customer: 'Ann Lee',
      items: 2,
      total: 20.48,
    });
    expect(r.downstream.headers.get('content-length')).toBe(String(r.downstream.body.length));
    expect(r.downstream.headers.get('x-order-id')).toBe('o-42');
    expect(r.downstream.headers.get('x-request-id')).toBe('req-1');
    expect(r.downstream.headers.has('x-legacy-backend')).toBe(false);
  });

  it('answers 502 when the upstream does not send JSON (onError: reject)', async () => {
    const processor = await createProcessor(await toServerOptions(await loadConfig(config), silentLogger));
    const r = await runExchange(processor, {
      envoy,
      request: { path: '/v2/orders/o-42' },
      upstream: { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>oops</h1>' },
    });
    expect(r.violations).toEqual([]);
    expect(r.downstream.status).toBe(502);
    expect(r.downstream.body.toString()).toBe('transformation failed\n');
  });
});
