import { createProcessor } from 'attache-extproc';
import { runExchange } from 'attache-extproc/testing';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { series } from '../../test/support/metric-series.js';
import panMask from './index.js';

const envoy = {
  messageTimeoutMs: 10_000, // generous: a loaded machine must not turn into Envoy's 504
  processingMode: {
    requestBodyMode: 'BUFFERED',
    requestTrailerMode: 'SEND',
    responseTrailerMode: 'SEND',
  } as const,
  metadataOptions: { receivingNamespaces: { untyped: ['attache.pan-mask'] } },
};

describe('pan-mask metrics', () => {
  it('counts the card numbers it finds by brand and direction, and bodies it could not scan', async () => {
    const registry = new Registry();
    const processor = await createProcessor({
      plugins: [{ plugin: panMask, name: 'cards', options: { headers: ['x-card'] } }],
      processingMode: envoy.processingMode,
      metrics: { registry, defaultMetrics: false },
    });
    const body = JSON.stringify({ a: '4111 1111 1111 1111', b: '378282246310005', c: '4012888888881881' });
    const r = await runExchange(processor, {
      envoy,
      request: { method: 'POST', path: '/', headers: { 'x-card': '5555555555554444' }, body },
    });
    expect(r.violations).toEqual([]);
    await runExchange(processor, {
      envoy,
      request: { method: 'POST', path: '/', headers: { 'content-encoding': 'zstd-unknown' }, body },
    });
    expect(await series(registry, 'attache_pan_mask_pans_found_total')).toEqual({
      'plugin=cards,direction=request,brand=visa': 2,
      'plugin=cards,direction=request,brand=amex': 1,
      'plugin=cards,direction=request,brand=mastercard': 1,
    });
    expect(await series(registry, 'attache_pan_mask_bodies_unscanned_total')).toEqual({
      'plugin=cards,direction=request': 1,
    });
  });

  it('declares the same metrics again on a reload, counts carried on', async () => {
    const registry = new Registry();
    const options = { plugins: [{ plugin: panMask }], processingMode: envoy.processingMode };
    const processor = await createProcessor({ ...options, metrics: { registry, defaultMetrics: false } });
    const spec = { envoy, request: { method: 'POST', path: '/', body: '4111111111111111' } };
    await runExchange(processor, spec);
    await processor.reload(options);
    await runExchange(processor, spec);
    expect(await series(registry, 'attache_pan_mask_pans_found_total')).toEqual({
      'plugin=pan-mask,direction=request,brand=visa': 2,
    });
  });
});
