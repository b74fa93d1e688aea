import { describe, expect, it } from 'vitest';
import { exchange, MODES, run, transformProcessor } from '../../test/support/transform-exchange.js';

describe('transform: header templates', () => {
  it('sets, adds and removes request headers from templates', async () => {
    const r = await run(
      {
        request: {
          set: { 'x-user': '{{header "x-user-id"}}', 'x-path': '{{header ":path"}}' },
          add: { 'x-trace': 'id-{{requestHeader "x-request-id"}}', 'x-hops': 'attache' },
          remove: ['x-internal'],
        },
      },
      {
        request: {
          path: '/a?b=1',
          headers: { 'x-user-id': 'u-7', 'x-request-id': 'r1', 'x-internal': 'secret', 'x-hops': 'edge' },
        },
      },
    );
    expect(r.violations).toEqual([]);
    const h = r.upstream?.headers;
    expect(h?.get('x-user')).toBe('u-7');
    expect(h?.get('x-path')).toBe('/a?b=1');
    expect(h?.getAll('x-trace')).toEqual(['id-r1']);
    expect(h?.getAll('x-hops')).toEqual(['edge', 'attache']);
    expect(h?.has('x-internal')).toBe(false);
  });

  it('removes a header whose template renders empty, and adds nothing for an empty add', async () => {
    const r = await run(
      {
        request: {
          set: { 'x-tenant': '{{header "x-missing"}}' },
          add: { 'x-extra': '{{header "x-missing"}}' },
        },
      },
      { request: { headers: { 'x-tenant': 'old', 'x-extra': 'keep' } } },
    );
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.has('x-tenant')).toBe(false);
    expect(r.upstream?.headers.getAll('x-extra')).toEqual(['keep']);
  });

  it('reads request headers from response templates, and response headers with header', async () => {
    const r = await run(
      {
        response: {
          set: { 'x-echo-user': '{{requestHeader "x-user"}}', 'x-upstream': '{{header "server"}}' },
          remove: ['server'],
        },
      },
      { request: { headers: { 'x-user': 'ann' } }, upstream: { headers: { server: 'nginx/1' } } },
    );
    expect(r.violations).toEqual([]);
    expect(r.downstream.headers.get('x-echo-user')).toBe('ann');
    expect(r.downstream.headers.get('x-upstream')).toBe('nginx/1');
    expect(r.downstream.headers.has('server')).toBe(false);
  });

  it('rewrites the response status with a template; empty leaves it', async () => {
    const options = { response: { status: '{{#if (eq (header ":status") "404")}}200{{/if}}' } };
    const notFound = await run(options, { upstream: { status: 404, body: 'nope' } });
    expect(notFound.violations).toEqual([]);
    expect(notFound.downstream.status).toBe(200);
    const ok = await run(options, { upstream: { status: 503 } });
    expect(ok.downstream.status).toBe(503);
  });

  it('repeated headers: each value with headers/#each, joined with join', async () => {
    const r = await run(
      {
        request: {
          set: {
            'x-first': '{{#each (headers "x-fwd")}}{{#if @first}}{{this}}{{/if}}{{/each}}',
            'x-all': '{{join (headers "x-fwd") "|"}}',
            'x-joined': '{{header "x-fwd"}}',
          },
        },
      },
      {
        request: {
          headers: [
            ['x-fwd', 'a'],
            ['x-fwd', 'b'],
          ],
        },
      },
    );
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get('x-first')).toBe('a');
    expect(r.upstream?.headers.get('x-all')).toBe('a|b');
    expect(r.upstream?.headers.get('x-joined')).toBe('a, b');
  });

  it('writes dynamic metadata from templates, under the instance name', async () => {
    const r = await run(
      { request: { metadata: { tenant: '{{header "x-tenant"}}', none: '{{header "x-none"}}' } } },
      {
        envoy: { metadataOptions: { receivingNamespaces: { untyped: ['transform'] } } },
        request: { headers: { 'x-tenant': 'acme' } },
      },
    );
    expect(r.violations).toEqual([]);
    expect(r.dynamicMetadata).toEqual({ transform: { tenant: 'acme' } });
  });

  it('does not make Envoy send the body when no template reads it (phase skipping)', async () => {
    const spec = {
      envoy: { processingMode: MODES.BUFFERED, allowModeOverride: true },
      request: { method: 'POST', body: '{"a":1}' },
      upstream: { body: 'hello' },
    };
    const headersOnly = await transformProcessor(
      { request: { set: { 'x-a': '1' } }, response: { set: { 'x-b': '2' } } },
      { allowModeOverride: true },
    );
    const r = await exchange(headersOnly, spec);
    expect(r.violations).toEqual([]);
    const kinds = r.sent.map((m) => m.request?.$case);
    expect(kinds).not.toContain('requestBody');
    expect(kinds).not.toContain('responseBody');
    expect(r.upstream?.headers.get('x-a')).toBe('1');
    expect(r.upstream?.body.toString()).toBe('{"a":1}');

    // A header template that reads the body makes the request body needed, not the response's.
    const reads = await transformProcessor(
      { request: { body: { parseAs: 'json' }, set: { 'x-a': '{{a}}' } }, response: { set: { 'x-b': '2' } } },
      { allowModeOverride: true },
    );
    const r2 = await exchange(reads, spec);
    expect(r2.violations).toEqual([]);
    const kinds2 = r2.sent.map((m) => m.request?.$case);
    expect(kinds2).toContain('requestBody');
    expect(kinds2).not.toContain('responseBody');
    expect(r2.upstream?.headers.get('x-a')).toBe('1');
  });
});
