/**
 * Tracing over a real gRPC transport: the trace context arrives as HTTP/2 call metadata, as
 * Envoy ≥ 1.31 sends it, on every server transport and either kit client.
 */
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it, vi } from 'vitest';
import { pluginOf, useServers } from '../../../test/support/servers.js';
import { remoteParent, useTracing } from '../../../test/support/tracing.js';
import type { TransportName } from '../../server/transport.js';
import { runExchange } from '../../testing/exchange.js';

const tracing = useTracing();
const servers = useServers();

describe.each<[TransportName, 'grpc-js' | 'http2']>([
  ['http2', 'grpc-js'],
  ['grpc-js', 'http2'],
  ['wire', 'http2'],
])('tracing over the %s transport (kit client: %s)', (transport, client) => {
  it('parents the exchange on the metadata and nests handler and plugin spans', async () => {
    const own = tracing.provider.getTracer('plugin-own');
    const { address } = await servers.start({
      transport,
      tracing: { tracerProvider: tracing.provider },
      plugins: [
        {
          plugin: pluginOf({
            async requestHeaders(ctx) {
              await own.startActiveSpan('lookup', async (span) => {
                await new Promise((resolve) => setTimeout(resolve, 1));
                span.end();
              });
              ctx.mutate.set('x-a', '1');
            },
            responseHeaders: () => undefined,
          }),
        },
      ],
    });
    const channel = client === 'grpc-js' ? servers.channel(address) : servers.http2Channel(address);
    const envoy = remoteParent('e');
    const r = await runExchange(channel, {
      // A loaded machine must not turn this into a message timeout: timing is not under test.
      envoy: { grpcInitialMetadata: { traceparent: envoy.traceparent }, messageTimeoutMs: 5_000 },
      request: { method: 'POST', path: '/pay?card=1', headers: { 'x-request-id': 'abc' } },
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get('x-a')).toBe('1');
    await vi.waitFor(() => expect(tracing.spans().filter((s) => s.kind === SpanKind.SERVER)).toHaveLength(1));
    const exchange = tracing.spans().find((s) => s.kind === SpanKind.SERVER) as ReadableSpan;
    expect(exchange.name).toBe('ext_proc POST');
    expect(exchange.spanContext().traceId).toBe(envoy.traceId);
    expect(exchange.parentSpanContext?.spanId).toBe(envoy.spanId);
    expect(exchange.attributes).toMatchObject({
      'url.path': '/pay',
      'http.request.header.x-request-id': ['abc'],
      'attache.stream.end': 'completed',
    });
    const handler = tracing.span('p request_headers');
    expect(handler.parentSpanContext?.spanId).toBe(exchange.spanContext().spanId);
    expect(tracing.span('lookup').parentSpanContext?.spanId).toBe(handler.spanContext().spanId);
    expect(tracing.span('p response_headers').parentSpanContext?.spanId).toBe(exchange.spanContext().spanId);
    for (const span of tracing.spans()) expect(span.spanContext().traceId).toBe(envoy.traceId);
  });
});
