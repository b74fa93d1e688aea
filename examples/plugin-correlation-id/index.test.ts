import correlationId from '@attache-examples/correlation-id';
import { createProcessor } from 'attache-extproc';
import { runExchange } from 'attache-extproc/testing';
import { describe, expect, it } from 'vitest';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function processorWith(options: Record<string, unknown> = {}) {
  return createProcessor({ plugins: [{ plugin: correlationId, options }] });
}

describe('@attache-examples/correlation-id', () => {
  it("keeps the client's well-formed id, forwards it and echoes it to the client", async () => {
    const processor = await processorWith();
    const result = await runExchange(processor, {
      request: { path: '/orders', headers: { 'x-correlation-id': 'order-42:retry.1' } },
    });
    expect(result.violations).toEqual([]);
    expect(result.upstream?.headers.getAll('x-correlation-id')).toEqual(['order-42:retry.1']);
    expect(result.downstream.status).toBe(200);
    expect(result.downstream.headers.get('x-correlation-id')).toBe('order-42:retry.1');
  });

  it("without a client id, reuses Envoy's x-request-id so both logs agree", async () => {
    const processor = await processorWith();
    const result = await runExchange(processor, { request: { path: '/' } }); // the HCM adds x-request-id
    expect(result.violations).toEqual([]);
    const requestId = result.upstream?.headers.get('x-request-id');
    expect(requestId).toMatch(UUID);
    expect(result.upstream?.headers.get('x-correlation-id')).toBe(requestId);
    expect(result.downstream.headers.get('x-correlation-id')).toBe(requestId);
  });

  it('replaces malformed, oversized and repeated ids with a new UUID, never forwarding them', async () => {
    const processor = await processorWith({ maxLength: 16, fallbackHeader: false });
    for (const sent of [['evil id\t[admin]'], ['x'.repeat(17)], ['a', 'b'], ['café']]) {
      const result = await runExchange(processor, {
        request: { headers: sent.map((v) => ['x-correlation-id', v] as [string, string]) },
      });
      expect(result.violations).toEqual([]);
      const forwarded = result.upstream?.headers.getAll('x-correlation-id');
      expect(forwarded, JSON.stringify(sent)).toHaveLength(1);
      expect(forwarded?.[0]).toMatch(UUID);
      expect(result.downstream.headers.get('x-correlation-id')).toBe(forwarded?.[0]);
    }
  });

  it('generates an id when there is neither a client id nor a usable fallback', async () => {
    const processor = await processorWith();
    const result = await runExchange(processor, { envoy: { hcmHeaders: false }, request: { path: '/' } });
    expect(result.violations).toEqual([]);
    expect(result.upstream?.headers.get('x-correlation-id')).toMatch(UUID);
  });

  it('reports the id and its source in dynamic metadata, and can skip the echo', async () => {
    const processor = await processorWith({
      header: 'x-trace-ref',
      echo: false,
      metadataNamespace: 'example.correlation',
    });
    const result = await runExchange(processor, {
      envoy: { metadataOptions: { receivingNamespaces: { untyped: ['example.correlation'] } } },
      request: { headers: { 'x-trace-ref': 'abc123' } },
    });
    expect(result.violations).toEqual([]);
    expect(result.dynamicMetadata['example.correlation']).toEqual({ id: 'abc123', source: 'client' });
    expect(result.downstream.headers.has('x-trace-ref')).toBe(false);
  });

  it('refuses at startup a header Envoy would not let it set, and bad options', async () => {
    await expect(processorWith({ header: 'host' })).rejects.toThrow(/host/);
    await expect(processorWith({ header: 'X-Upper' })).rejects.toThrow(/lower-case header name/);
    await expect(processorWith({ maxLength: 0 })).rejects.toThrow(/maxLength/);
  });
});
