import { describe, expect, it } from 'vitest';
import { runExchange } from './exchange.js';
import { okReply, passThroughServer, scriptedServer } from './fixtures/scripted-server.js';
import { headersReply, kind, settle } from './fixtures/test-support.js';

describe('observability mode (§10)', () => {
  it('§18.59 every message has observability_mode, no protocol_config, nothing paused, replies ignored, only STREAMED bodies sent', async () => {
    const server = scriptedServer(async (s) => {
      // A wrong reply that would be spurious in normal mode.
      await s.next();
      s.reply(headersReply('response'));
    });
    const res = await runExchange(server, {
      envoy: {
        observabilityMode: true,
        deferredCloseTimeoutMs: 30,
        processingMode: {
          requestBodyMode: 'STREAMED',
          responseBodyMode: 'BUFFERED',
          requestTrailerMode: 'SEND',
        },
      },
      request: { method: 'POST', body: ['a', 'b'], trailers: { t: '1' } },
      upstream: { body: 'resp' },
    });
    await settle();
    expect(res.sent.map(kind)).toEqual([
      'requestHeaders',
      'requestBody',
      'requestBody',
      'requestTrailers',
      'responseHeaders',
    ]);
    for (const m of res.sent) {
      expect(m.observabilityMode).toBe(true);
      expect(m.protocolConfig).toBeUndefined();
    }
    const lastBody = res.sent[2]?.request;
    expect(lastBody?.$case === 'requestBody' && lastBody.value.endOfStream).toBe(false);
    expect(res.downstream.status).toBe(200);
    expect(res.downstream.body.toString()).toBe('resp');
    expect(res.upstream?.body.toString()).toBe('ab');
    expect(res.stats.spurious_msgs_received).toBe(0);
    expect(res.transcript.find((e) => e.type === 'received')).toMatchObject({ disposition: 'ignored' });
    expect(server.streams[0]?.clientEvents).toEqual(['half-close', 'cancel']);
  });

  it('§18.59 a silent server does not stall the exchange; the stream is reset after deferred_close_timeout', async () => {
    const server = scriptedServer(async (s) => {
      await s.nextOrEnd();
    });
    const started = Date.now();
    const res = await runExchange(server, { envoy: { observabilityMode: true, deferredCloseTimeoutMs: 40 } });
    expect(res.downstream.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(res.transcript.map((e) => e.type).slice(-2)).toEqual(['half-closed', 'cancelled']);
  });

  it('§10 if the server closes first, the deferred close ends early', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      s.end();
    });
    const res = await runExchange(server, {
      envoy: { observabilityMode: true, deferredCloseTimeoutMs: 10_000 },
    });
    expect(res.stream.endedBy).toBe('server-ok');
  });
});

describe('attributes (§3.9)', () => {
  it('§18.60 request attributes only on the first request-direction message, response attributes on the first response one', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: {
        processingMode: { requestBodyMode: 'BUFFERED', responseTrailerMode: 'SEND' },
        requestAttributes: [
          'request.path',
          'request.method',
          'request.size',
          'response.code',
          'unknown.attr',
        ],
        responseAttributes: ['response.code', 'request.host', 'connection.mtls'],
      },
      request: { method: 'POST', path: '/p?q=1', body: 'abc' },
      upstream: { status: 201, body: 'x', trailers: { t: '1' } },
    });
    const [reqHeaders, reqBody, respHeaders, respTrailers] = server.streams[0]?.received ?? [];
    expect(kind(reqBody)).toBe('requestBody');
    expect(reqHeaders?.attributes).toEqual({
      'envoy.filters.http.ext_proc': {
        'request.path': '/p?q=1',
        'request.method': 'POST',
        'request.size': 3,
      },
    });
    expect(reqBody?.attributes).toEqual({});
    expect(respHeaders?.attributes).toEqual({
      'envoy.filters.http.ext_proc': {
        'response.code': 201,
        'request.host': 'example.com',
        'connection.mtls': false,
      },
    });
    expect(respTrailers?.attributes).toEqual({});
    expect(res.violations).toEqual([]);
  });

  it('§3.9 without configured attributes no attributes field is sent', async () => {
    const res = await runExchange(passThroughServer(), {});
    expect(res.sent[0]?.attributes).toBeUndefined();
  });
});

describe('metadata (§3.8, §5.6)', () => {
  it('§18.61 forwarding_namespaces → matching dynamic metadata in metadata_context on every message; empty Metadata otherwise', async () => {
    const server = passThroughServer();
    await runExchange(server, {
      envoy: { metadataOptions: { forwardingNamespaces: { untyped: ['a.ns', 'conn.ns', 'absent'] } } },
      dynamicMetadata: { 'a.ns': { k: 'v', n: 1 }, 'b.ns': { hidden: true } },
      connectionMetadata: { 'conn.ns': { c: true }, 'a.ns': { shadowed: true } },
    });
    const received = server.streams[0]?.received ?? [];
    expect(received).toHaveLength(2);
    for (const m of received) {
      expect(m.metadataContext?.filterMetadata).toEqual({ 'a.ns': { k: 'v', n: 1 }, 'conn.ns': { c: true } });
    }
    const plain = passThroughServer();
    await runExchange(plain, {});
    expect(plain.streams[0]?.received[0]?.metadataContext).toEqual({
      filterMetadata: {},
      typedFilterMetadata: {},
    });
  });

  it('§18.62 reply dynamic_metadata with namespaces {allowed, other} → only allowed is written (merged per key)', async () => {
    const server = scriptedServer(async (s) => {
      const m = await s.next();
      s.reply({ ...okReply(m), dynamicMetadata: { allowed: { a: 1, nested: { x: 'y' } }, other: { b: 2 } } });
      const m2 = await s.next();
      s.reply({ ...okReply(m2), dynamicMetadata: { allowed: { c: 3 } } });
    });
    const res = await runExchange(server, {
      envoy: {
        metadataOptions: {
          receivingNamespaces: { untyped: ['allowed'] },
          forwardingNamespaces: { untyped: ['allowed'] },
        },
      },
      dynamicMetadata: { allowed: { pre: true } },
    });
    expect(res.dynamicMetadata).toEqual({ allowed: { pre: true, a: 1, nested: { x: 'y' }, c: 3 } });
    expect(res.violations.map((v) => v.kind)).toEqual(['ignored-dynamic-metadata']);
    // What was written is forwarded on later messages (the response_headers message here).
    expect(res.sent[1]?.metadataContext?.filterMetadata).toEqual({
      allowed: { pre: true, a: 1, nested: { x: 'y' } },
    });
  });

  it('§5.6 dynamic_metadata is applied even when the reply then turns out spurious', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      s.reply({ response: { $case: 'requestBody', value: {} }, dynamicMetadata: { ns: { v: 1 } } });
    });
    const res = await runExchange(server, {
      envoy: { metadataOptions: { receivingNamespaces: { untyped: ['ns'] } } },
    });
    expect(res.downstream.status).toBe(500);
    expect(res.dynamicMetadata).toEqual({ ns: { v: 1 } });
  });
});

describe('call metadata', () => {
  it('grpc_initial_metadata is sent as call metadata', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, { envoy: { grpcInitialMetadata: { 'X-Tenant': 'acme' } } });
    expect(server.streams[0]?.metadata.get('x-tenant')).toBe('acme');
    expect(res.transcript[0]).toMatchObject({ type: 'opened', metadata: { 'x-tenant': 'acme' } });
  });
});

describe('safety', () => {
  it('the exchange rejects after spec.timeoutMs when the upstream never answers', async () => {
    const server = passThroughServer();
    await expect(
      runExchange(server, { upstream: () => new Promise(() => {}), timeoutMs: 50 }),
    ).rejects.toThrow(/did not finish within 50 ms/);
    await settle();
    expect(server.streams[0]?.clientEvents).toEqual(['half-close', 'cancel']);
  });

  it('an upstream function that throws rejects the exchange', async () => {
    await expect(
      runExchange(passThroughServer(), {
        upstream: () => {
          throw new Error('upstream exploded');
        },
      }),
    ).rejects.toThrow('upstream exploded');
  });
});
