import { createProcessor } from 'attache-extproc';
import { runExchange } from 'attache-extproc/testing';
import { describe, expect, it } from 'vitest';
import headers from './index.js';

describe('headers processor', () => {
  it('removes, sets and appends on both directions', async () => {
    const processor = await createProcessor({
      plugins: [
        {
          plugin: headers,
          options: {
            request: { set: { 'x-tenant': 'acme' }, append: { 'x-hops': 'attache' }, remove: ['x-debug'] },
            response: { set: { 'cache-control': 'no-store' }, remove: ['server'] },
          },
        },
      ],
    });
    const r = await runExchange(processor, {
      request: { headers: { 'x-hops': 'proxy-1', 'x-debug': '1' } },
      upstream: { headers: { server: 'secret/1.0', 'cache-control': 'public' } },
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get('x-tenant')).toBe('acme');
    expect(r.upstream?.headers.getAll('x-hops')).toEqual(['proxy-1', 'attache']);
    expect(r.upstream?.headers.has('x-debug')).toBe(false);
    expect(r.downstream.headers.get('cache-control')).toBe('no-store');
    expect(r.downstream.headers.has('server')).toBe(false);
  });

  it('refuses at startup a change Envoy would refuse', async () => {
    await expect(
      createProcessor({ plugins: [{ plugin: headers, options: { request: { set: { host: 'evil' } } } }] }),
    ).rejects.toThrow(/plugins\[0\] \(headers\): setup failed: Envoy refuses to change routing header host/);
  });

  it('refuses unknown option keys', async () => {
    await expect(
      createProcessor({ plugins: [{ plugin: headers, options: { request: { sett: {} } } }] }),
    ).rejects.toThrow(/plugins\[0\] \(headers\)\.options\.request/);
  });
});
