// tenant.test.ts
import { createProcessor } from 'attache-extproc';
import { runExchange } from 'attache-extproc/testing';
import { expect, it } from 'vitest';
import tenant from './tenant.js';

it('rejects unknown tenants', async () => {
  const processor = await createProcessor({ plugins: [{ plugin: tenant, options: { allowed: ['acme'] } }] });
  const result = await runExchange(processor, { request: { path: '/', headers: { 'x-tenant': 'evil' } } });
  expect(result.downstream.status).toBe(403);
  expect(result.upstream).toBeNull();
  expect(result.violations).toEqual([]); // nothing Envoy would refuse
});
