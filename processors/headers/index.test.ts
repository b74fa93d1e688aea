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

  it('Gateway API HTTPHeaderFilter: list form, case-insensitive names, set replaces, add appends', async () => {
    const processor = await createProcessor({
      plugins: [
        {
          plugin: headers,
          options: {
            request: {
              set: [
                { name: 'X-Tenant', value: 'acme' },
                { name: 'x-tenant', value: 'ignored: the first entry counts' },
              ],
              add: [{ name: 'X-Hops', value: 'attache' }],
              remove: ['X-Debug'],
            },
            response: { set: { 'Cache-Control': 'no-store' }, add: { Vary: 'accept' }, remove: ['SERVER'] },
          },
        },
      ],
    });
    const r = await runExchange(processor, {
      request: {
        headers: [
          ['x-tenant', 'a'],
          ['x-tenant', 'b'],
          ['x-hops', 'proxy-1'],
          ['x-debug', '1'],
        ],
      },
      upstream: { headers: { server: 's/1', 'cache-control': 'public', vary: 'origin' } },
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.getAll('x-tenant')).toEqual(['acme']);
    expect(r.upstream?.headers.getAll('x-hops')).toEqual(['proxy-1', 'attache']);
    expect(r.upstream?.headers.has('x-debug')).toBe(false);
    expect(r.downstream.headers.getAll('cache-control')).toEqual(['no-store']);
    expect(r.downstream.headers.getAll('vary')).toEqual(['origin', 'accept']);
    expect(r.downstream.headers.has('server')).toBe(false);
  });

  it('checks list-form names against Envoy at startup too', async () => {
    await expect(
      createProcessor({
        plugins: [{ plugin: headers, options: { response: { add: [{ name: ':path', value: '/' }] } } }],
      }),
    ).rejects.toThrow(/plugins\[0\] \(headers\): setup failed:/);
  });
});
