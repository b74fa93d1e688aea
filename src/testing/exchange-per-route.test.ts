import { describe, expect, it } from 'vitest';
import { ProcessingMode_BodySendMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import { inProcessChannel } from './channel-in-process.js';
import { InvalidConfigError, UnsupportedFeatureError } from './errors.js';
import { runExchange } from './exchange.js';
import { firstReplyServer, okReply, passThroughServer, scriptedServer } from './fixtures/scripted-server.js';
import { headersReply, kind } from './fixtures/test-support.js';
import type { ExtProcPerRoute } from './per-route.js';

/** The call metadata a scripted server saw on its first stream. */
function metadataOf(server: ReturnType<typeof passThroughServer>): Record<string, string> {
  return Object.fromEntries(server.streams[0]?.metadata ?? []);
}

describe('per-route ExtProcPerRoute (§12)', () => {
  it('§18.63 per-route disabled: true → no stream for that route; the request passes unmodified', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED', responseTrailerMode: 'SEND' } },
      perRoute: { disabled: true },
      request: { method: 'POST', body: 'abc' },
      upstream: { body: 'ok', trailers: { t: '1' } },
    });
    expect(server.streams).toHaveLength(0);
    expect(res.stream).toEqual({ opened: false, endedBy: 'never-opened' });
    expect(res.transcript).toEqual([]);
    expect(res.stats.streams_started).toBe(0);
    // No body mode applies any more: content-length is kept and the body passes as sent.
    expect(res.upstream?.headers.get('content-length')).toBe('3');
    expect(res.upstream?.body.toString()).toBe('abc');
    expect(res.downstream.body.toString()).toBe('ok');
    expect(res.downstream.trailers?.get('t')).toBe('1');
  });

  it('§12 merge least → most specific: the most specific level decides disabled; an overrides level re-enables', async () => {
    const vhost: ExtProcPerRoute = { overrides: { grpcInitialMetadata: { 'x-vhost': 'v' } } };
    const off: ExtProcPerRoute = { disabled: true };
    const route: ExtProcPerRoute = { overrides: { grpcInitialMetadata: { 'x-route': 'r' } } };

    const disabled = passThroughServer();
    await runExchange(disabled, { perRoute: [vhost, off] });
    expect(disabled.streams).toHaveLength(0);

    const reenabled = passThroughServer();
    const res = await runExchange(reenabled, { perRoute: [off, route] });
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(metadataOf(reenabled)).toEqual({ 'x-route': 'r' });

    // Fields merge per field across every level; a disabled level contributes none.
    const sandwich = passThroughServer();
    await runExchange(sandwich, { perRoute: [vhost, off, route] });
    expect(metadataOf(sandwich)).toEqual({ 'x-vhost': 'v', 'x-route': 'r' });
  });

  it('§18.64 per-route grpc_service override → the stream goes to the other server; grpc_initial_metadata appears as call metadata', async () => {
    const filterServer = passThroughServer();
    const routeServer = passThroughServer();
    const res = await runExchange(filterServer, {
      envoy: { grpcInitialMetadata: { 'x-filter': 'f', 'x-shared': 'filter' } },
      perRoute: {
        overrides: {
          grpcService: { target: routeServer, initialMetadata: { 'x-service': 's', 'X-Shared': 'service' } },
          grpcInitialMetadata: { 'X-Shared': 'route', 'x-route': 'r' },
        },
      },
    });
    expect(filterServer.streams).toHaveLength(0);
    expect(routeServer.streams).toHaveLength(1);
    // The route's GrpcService replaces the filter's (with its initial_metadata); the per-route
    // grpc_initial_metadata then wins per key.
    const expected = { 'x-service': 's', 'x-shared': 'route', 'x-route': 'r' };
    expect(metadataOf(routeServer)).toEqual(expected);
    expect(res.transcript[0]).toEqual(expect.objectContaining({ type: 'opened', metadata: expected }));
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(routeServer.streams[0]?.received.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(res.downstream.status).toBe(200);
  });

  it('§1.4 without a grpc_service override the per-route grpc_initial_metadata merges by key into the filter initial metadata (more specific wins)', async () => {
    const server = passThroughServer();
    await runExchange(inProcessChannel(server), {
      envoy: { grpcInitialMetadata: { a: 'filter', c: 'filter' } },
      perRoute: [
        { overrides: { grpcInitialMetadata: { a: 'vhost', b: 'vhost' } } },
        { overrides: { grpcInitialMetadata: { B: 'route' } } },
      ],
    });
    expect(metadataOf(server)).toEqual({ a: 'vhost', b: 'route', c: 'filter' });
  });

  it('§12 overrides.processing_mode replaces the whole mode (no field merge); protocol_config carries the route body modes', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: { processingMode: { requestBodyMode: 'STREAMED', responseTrailerMode: 'SEND' } },
      perRoute: {
        overrides: { processingMode: { requestBodyMode: 'BUFFERED', responseHeaderMode: 'SKIP' } },
      },
      request: { method: 'POST', body: 'abc' },
      upstream: { body: 'r', trailers: { t: '1' } },
    });
    // responseTrailerMode SEND of the filter is gone; response headers are skipped.
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'requestBody']);
    expect(res.sent[0]?.protocolConfig).toEqual({
      requestBodyMode: ProcessingMode_BodySendMode.BUFFERED,
      responseBodyMode: ProcessingMode_BodySendMode.NONE,
      sendBodyWithoutWaitingForHeaderResponse: false,
    });
    // BUFFERED with headers sent keeps content-length (STREAMED would have stripped it, §6.4).
    expect(res.upstream?.headers.get('content-length')).toBe('3');
    expect(res.downstream.trailers?.get('t')).toBe('1');
  });

  it('§9 mode_override merges with the filter-level mode, not the per-route one', async () => {
    const spec = {
      envoy: { allowModeOverride: true },
      perRoute: { overrides: { processingMode: { responseHeaderMode: 'SKIP' as const } } },
    };
    const plain = await runExchange(passThroughServer(), spec);
    expect(plain.sent.map(kind)).toEqual(['requestHeaders']);

    // An override leaving response_header_mode DEFAULT takes the filter's DEFAULT (send).
    const server = firstReplyServer({ ...headersReply('request'), modeOverride: {} });
    const res = await runExchange(server, spec);
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(res.violations).toEqual([]);
  });

  it('§9 mode_override while only the per-route mode is FULL_DUPLEX_STREAMED is rejected as unsupported (doc silent)', async () => {
    const server = firstReplyServer({ ...headersReply('request'), modeOverride: {} });
    await expect(
      runExchange(server, {
        envoy: { allowModeOverride: true },
        perRoute: {
          overrides: {
            processingMode: { requestBodyMode: 'FULL_DUPLEX_STREAMED', requestTrailerMode: 'SEND' },
          },
        },
      }),
    ).rejects.toThrow(UnsupportedFeatureError);
  });

  it('§12 overrides.failure_mode_allow replaces the filter value either way', async () => {
    const open = await runExchange(firstReplyServer(headersReply('response')), {
      envoy: { failureModeAllow: false },
      perRoute: { overrides: { failureModeAllow: true } },
      upstream: { body: 'through' },
    });
    expect(open.downstream.status).toBe(200);
    expect(open.downstream.body.toString()).toBe('through');
    expect(open.stats.failure_mode_allowed).toBe(1);

    const closed = await runExchange(firstReplyServer(headersReply('response')), {
      envoy: { failureModeAllow: true },
      perRoute: { overrides: { failureModeAllow: false } },
    });
    expect(closed.downstream.status).toBe(500);
    expect(closed.stats.failure_mode_allowed).toBe(0);
  });

  it('§12 overrides.metadata_options replaces the namespaces wholesale', async () => {
    const server = scriptedServer(async (s) => {
      const m = await s.next();
      s.reply({ ...okReply(m), dynamicMetadata: { r1: { x: 1 }, r2: { y: 2 } } });
      s.reply(okReply(await s.next()));
    });
    const res = await runExchange(server, {
      envoy: {
        metadataOptions: {
          forwardingNamespaces: { untyped: ['a'] },
          receivingNamespaces: { untyped: ['r1'] },
        },
      },
      perRoute: { overrides: { metadataOptions: { receivingNamespaces: { untyped: ['r2'] } } } },
      dynamicMetadata: { a: { hidden: true } },
    });
    // Forwarding namespaces were replaced by an empty list.
    expect(res.sent[0]?.metadataContext?.filterMetadata).toEqual({});
    expect(res.dynamicMetadata).toEqual({ a: { hidden: true }, r2: { y: 2 } });
    expect(res.violations.map((v) => v.kind)).toEqual(['ignored-dynamic-metadata']);
  });

  it('§12 malformed per-route configs and per-route modes Envoy rejects at load fail with InvalidConfigError', async () => {
    const bad: unknown[] = [
      { disabled: false },
      { disabled: true, overrides: {} },
      {},
      {
        overrides: { processingMode: { requestBodyMode: 'FULL_DUPLEX_STREAMED' } },
      },
    ];
    for (const perRoute of bad) {
      await expect(
        runExchange(passThroughServer(), { perRoute: perRoute as ExtProcPerRoute }),
      ).rejects.toThrow(InvalidConfigError);
    }
  });
});
