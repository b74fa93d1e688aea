// api-keys.test.ts
import { createProcessor } from 'attache-extproc';
import { runExchange } from 'attache-extproc/testing';
import { Registry } from 'prom-client';
import { expect, it } from 'vitest';
import apiKeys from './api-keys.js';

it('counts checks by result, next to attache’s own metrics', async () => {
  const registry = new Registry();
  const processor = await createProcessor({
    plugins: [{ plugin: apiKeys, options: { keys: ['k1'] } }],
    metrics: { registry },
  });
  for (const key of ['k1', 'k1', 'nope']) {
    await runExchange(processor, { request: { path: '/', headers: { 'x-api-key': key } } });
  }
  const text = await registry.metrics();
  expect(text).toContain('attache_api_key_checks_total{plugin="api-keys",result="valid"} 2');
  expect(text).toContain('attache_api_key_checks_total{plugin="api-keys",result="invalid"} 1');
  expect(text).toContain('attache_immediate_responses_total{plugin="api-keys",status="401"} 1');
});
