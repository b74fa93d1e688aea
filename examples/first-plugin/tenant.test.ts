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

it('lets known tenants through, with their metadata', async () => {
  const processor = await createProcessor({ plugins: [{ plugin: tenant, options: { allowed: ['acme'] } }] });
  const result = await runExchange(processor, {
    // The filter's metadata_options.receiving_namespaces.untyped: Envoy keeps only these namespaces.
    envoy: { metadataOptions: { receivingNamespaces: { untyped: ['tenant'] } } },
    request: { path: '/', headers: { 'x-tenant': 'acme' } },
  });
  expect(result.upstream?.headers.get('x-tenant-checked')).toBe('true');
  expect(result.dynamicMetadata).toEqual({ tenant: { id: 'acme' } });
  expect(result.violations).toEqual([]);
});
