import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { series } from '../../test/support/metric-series.js';
import { exchange, MODES, transformProcessor } from '../../test/support/transform-exchange.js';

const envoy = { processingMode: MODES.BUFFERED };

describe('transform metrics', () => {
  it('counts failed transformations by direction and what onError did', async () => {
    const registry = new Registry();
    const metrics = { registry, defaultMetrics: false };
    const body = { parseAs: 'json', value: '{{jsonEscape a}}' };
    const pass = await transformProcessor(
      { request: { body }, response: { body } },
      { processingMode: envoy.processingMode, metrics },
    );
    const spec = { envoy, request: { method: 'POST', body: '{"a": ' }, upstream: { body: 'not json' } };
    const passed = await exchange(pass, spec);
    expect(passed.upstream?.body.toString()).toBe('{"a": ');
    await exchange(pass, { ...spec, request: { method: 'POST', body: '{"a": "ok"}' } });
    const reject = await transformProcessor(
      { request: { body }, onError: 'reject' },
      { processingMode: envoy.processingMode, metrics },
    );
    expect((await exchange(reject, spec)).downstream.status).toBe(400);
    expect(await series(registry, 'attache_transform_errors_total')).toEqual({
      'plugin=transform,direction=request,action=passthrough': 1,
      'plugin=transform,direction=response,action=passthrough': 2,
      'plugin=transform,direction=request,action=reject': 1,
    });
    // The transform's own failures are not plugin failures: the handler handled them.
    expect(await series(registry, 'attache_plugin_failures_total')).toEqual({});
  });
});
