/**
 * Tracing through the test kit, in process: the span tree of each kind of exchange, how the
 * exchange span is parented, handler spans as the plugin's active context, and that nothing is
 * traced when no provider is registered.
 */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it, vi } from 'vitest';
import { remoteParent, useTracing } from '../../../test/support/tracing.js';
import { AttacheError, ErrorCode } from '../../errors.js';
import { definePlugin } from '../../plugin/define-plugin.js';
import { respond } from '../../plugin/respond.js';
import type { Handlers } from '../../plugin/types.js';
import { createProcessor, type ProcessorOptions } from '../../processor.js';
import { runExchange } from '../../testing/exchange.js';

const tracing = useTracing();

function plugin(name: string, handlers: Handlers) {
  return definePlugin({ name, setup: () => handlers });
}

/** A processor traced to the test provider (not registered globally). */
function traced(plugins: ProcessorOptions['plugins'], options: Partial<ProcessorOptions> = {}) {
  return createProcessor({ plugins, tracing: { tracerProvider: tracing.provider }, ...options });
}

/** Waits until the exchange span ended (the stream's end reaches the server after the last reply). */
async function exchangeSpan(): Promise<ReadableSpan> {
  await vi.waitFor(() => expect(tracing.spans().filter((s) => s.kind === SpanKind.SERVER)).toHaveLength(1));
  return tracing.spans().find((s) => s.kind === SpanKind.SERVER) as ReadableSpan;
}

function childrenOf(parent: ReadableSpan): ReadableSpan[] {
  return tracing
    .spans()
    .filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId)
    .sort((a, b) => (a.startTime[0] - b.startTime[0]) * 1e9 + (a.startTime[1] - b.startTime[1]));
}

describe('tracing: the span tree', () => {
  it('traces a headers-only exchange: an exchange span and a span per plugin per phase', async () => {
    const p = await traced([
      { plugin: plugin('first', { requestHeaders: () => undefined, responseHeaders: async () => {} }) },
      { plugin: plugin('second', { requestHeaders: (ctx) => void ctx.mutate.set('x-a', '1') }) },
    ]);
    const r = await runExchange(p, {
      request: { method: 'GET', path: '/orders/42?token=s3cret', headers: { 'x-request-id': 'req-7' } },
    });
    expect(r.violations).toEqual([]);
    const exchange = await exchangeSpan();
    expect(exchange.name).toBe('ext_proc GET');
    expect(exchange.parentSpanContext).toBeUndefined();
    expect(exchange.status.code).toBe(SpanStatusCode.UNSET);
    expect(exchange.attributes).toMatchObject({
      'rpc.system': 'grpc',
      'rpc.service': 'envoy.service.ext_proc.v3.ExternalProcessor',
      'rpc.method': 'Process',
      'http.request.method': 'GET',
      'url.path': '/orders/42',
      'http.request.header.x-request-id': ['req-7'],
      'attache.request_body_mode': 'NONE',
      'attache.response_body_mode': 'NONE',
      'attache.stream.end': 'completed',
      'attache.messages.received': 2,
      'attache.replies.sent': 2,
    });
    expect(typeof exchange.attributes['attache.stream.id']).toBe('number');
    const children = childrenOf(exchange);
    expect(children.map((s) => s.name)).toEqual([
      'first request_headers',
      'second request_headers',
      'first response_headers',
    ]);
    for (const child of children) {
      expect(child.kind).toBe(SpanKind.INTERNAL);
      expect(child.spanContext().traceId).toBe(exchange.spanContext().traceId);
      expect(child.attributes['attache.outcome']).toBe('continue');
      expect(child.status.code).toBe(SpanStatusCode.UNSET);
    }
    expect(children[1]?.attributes).toMatchObject({
      'attache.plugin': 'second',
      'attache.phase': 'request_headers',
    });
    // Every span ended inside the exchange span.
    expect(tracing.spans()).toHaveLength(4);
  });

  it('traces body phases, a span per handler call (per chunk for a chunk handler)', async () => {
    let chunkCalls = 0;
    const p = await traced(
      [{ plugin: plugin('b', { requestBody: () => undefined, responseBodyChunk: () => void chunkCalls++ }) }],
      {
        processingMode: {
          requestBodyMode: 'BUFFERED',
          responseBodyMode: 'STREAMED',
          responseTrailerMode: 'SEND',
        },
      },
    );
    const r = await runExchange(p, {
      envoy: {
        processingMode: {
          requestHeaderMode: 'SKIP',
          responseHeaderMode: 'SKIP',
          requestBodyMode: 'BUFFERED',
          responseBodyMode: 'STREAMED',
          responseTrailerMode: 'SEND',
        },
      },
      request: { method: 'POST', body: '{"a":1}' },
      upstream: { status: 200, body: ['one', 'two'], trailers: { 'x-t': '1' } },
    });
    expect(r.violations).toEqual([]);
    const exchange = await exchangeSpan();
    // The first message was a body: no method to name the span by.
    expect(exchange.name).toBe('ext_proc exchange');
    expect(exchange.attributes).toMatchObject({
      'attache.request_body_mode': 'BUFFERED',
      'attache.response_body_mode': 'STREAMED',
    });
    const names = childrenOf(exchange).map((s) => s.name);
    expect(names[0]).toBe('b request_body');
    // A chunk handler on a STREAMED body: a span per call (a call per chunk Envoy sent, and one
    // for the body's end when the trailers close it).
    expect(chunkCalls).toBeGreaterThanOrEqual(2);
    expect(names.filter((n) => n === 'b response_body')).toHaveLength(chunkCalls);
  });

  it('marks a failing handler: ERROR, the exception, its kind and policy; the exchange too', async () => {
    const p = await traced([
      {
        plugin: plugin('boom', {
          requestHeaders: () => {
            throw new TypeError('lookup failed');
          },
        }),
        failure: 'closed',
      },
    ]);
    const r = await runExchange(p, { request: { path: '/' } });
    expect(r.downstream.status).toBe(500);
    const exchange = await exchangeSpan();
    const child = tracing.span('boom request_headers');
    expect(child.status).toEqual({ code: SpanStatusCode.ERROR, message: 'lookup failed' });
    expect(child.attributes).toMatchObject({
      'attache.outcome': 'throw',
      'attache.failure.kind': 'throw',
      'attache.failure.outcome': 'closed',
    });
    const exception = child.events.find((e) => e.name === 'exception');
    expect(exception?.attributes).toMatchObject({
      'exception.type': 'TypeError',
      'exception.message': 'lookup failed',
    });
    expect(exchange.status.code).toBe(SpanStatusCode.ERROR);
    expect(exchange.status.message).toBe('plugin boom failed in request_headers: throw (closed)');
    const failure = exchange.events.find((e) => e.name === 'attache.plugin_failure');
    expect(failure?.attributes).toEqual({
      'attache.plugin': 'boom',
      'attache.phase': 'request_headers',
      'attache.failure.kind': 'throw',
      'attache.failure.outcome': 'closed',
    });
  });

  it('records a change Envoy would refuse as refused_mutation', async () => {
    const p = await traced([
      { plugin: plugin('m', { requestHeaders: (ctx) => void ctx.mutate.set(':scheme', 'ftp') }) },
    ]);
    await runExchange(p, { request: { path: '/' } });
    await exchangeSpan();
    const child = tracing.span('m request_headers');
    expect(child.status.code).toBe(SpanStatusCode.ERROR);
    expect(child.attributes).toMatchObject({ 'attache.failure.kind': 'refused_mutation' });
    const exception = child.events.find((e) => e.name === 'exception');
    expect(exception?.attributes?.['exception.type']).toBe(ErrorCode.MUTATION_REFUSED);
  });

  it('records an immediate response with its status and plugin', async () => {
    const p = await traced([
      { plugin: plugin('gate', { requestHeaders: () => respond(403, { body: 'no' }) }) },
      { plugin: plugin('never', { requestHeaders: () => undefined }) },
    ]);
    const r = await runExchange(p, { request: { path: '/admin' } });
    expect(r.downstream.status).toBe(403);
    const exchange = await exchangeSpan();
    expect(childrenOf(exchange).map((s) => s.name)).toEqual(['gate request_headers']);
    expect(tracing.span('gate request_headers').attributes).toMatchObject({
      'attache.outcome': 'respond',
      'attache.immediate_response.status_code': 403,
    });
    expect(exchange.status.code).toBe(SpanStatusCode.UNSET);
    expect(exchange.attributes).toMatchObject({
      'attache.immediate_response.status_code': 403,
      'attache.immediate_response.plugin': 'gate',
    });
  });

  it('ends a handler span that ran out of time with its timeout, fail-open passing on', async () => {
    const p = await traced(
      [{ plugin: plugin('slow', { requestHeaders: () => new Promise(() => {}) }), failure: 'open' }],
      { timeoutMs: 20 },
    );
    const r = await runExchange(p, { request: { path: '/' } });
    expect(r.downstream.status).toBe(200);
    const exchange = await exchangeSpan();
    const child = tracing.span('slow request_headers');
    expect(child.attributes).toMatchObject({
      'attache.outcome': 'timeout',
      'attache.failure.kind': 'timeout',
      'attache.failure.outcome': 'open',
    });
    expect(child.status.code).toBe(SpanStatusCode.ERROR);
    expect(exchange.status.message).toBe('plugin slow failed in request_headers: timeout (open)');
  });

  it('ends the exchange span of a cancelled stream, and the span of the handler it cut off', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const p = await traced(
      [
        {
          plugin: plugin('hang', {
            requestHeaders: () => {
              started();
              return new Promise(() => {});
            },
          }),
        },
      ],
      { timeoutMs: 10_000 },
    );
    const sink = { send: () => true, end: () => {}, fail: () => {}, whenWritable: () => Promise.resolve() };
    const stream = p.connect(sink, new Map());
    stream.message({
      request: {
        $case: 'requestHeaders',
        value: { headers: { headers: [{ key: ':method', rawValue: Buffer.from('PUT') }] } },
      },
    } as never);
    await running;
    stream.cancel();
    const exchange = await exchangeSpan();
    expect(exchange.name).toBe('ext_proc PUT');
    expect(exchange.attributes).toMatchObject({
      'attache.stream.end': 'cancelled',
      'attache.replies.sent': 0,
    });
    expect(tracing.span('hang request_headers').attributes['attache.outcome']).toBe('cancelled');
  });

  it('ends the exchange span of a stream cancelled before any message', async () => {
    const parent = remoteParent('c');
    const p = await traced([{ plugin: plugin('p', { requestHeaders: () => undefined }) }]);
    const stream = p.connect(
      { send: () => true, end: () => {}, fail: () => {}, whenWritable: () => Promise.resolve() },
      new Map([['traceparent', parent.traceparent]]),
    );
    stream.cancel();
    const exchange = await exchangeSpan();
    expect(exchange.name).toBe('ext_proc exchange');
    expect(exchange.parentSpanContext?.spanId).toBe(parent.spanId);
    expect(exchange.attributes).toMatchObject({
      'attache.stream.end': 'cancelled',
      'attache.messages.received': 0,
    });
  });

  it('records each mode override sent', async () => {
    const p = await traced(
      [
        {
          plugin: plugin('o', {
            modeOverrides: [{ requestBody: 'buffered' }],
            requestHeaders: (ctx) => void ctx.overrideMode({ requestBody: 'buffered' }),
            requestBody: () => undefined,
          }),
        },
      ],
      { allowModeOverride: true },
    );
    await runExchange(p, { envoy: { allowModeOverride: true }, request: { method: 'POST', body: ['x'] } });
    const exchange = await exchangeSpan();
    expect(
      exchange.events.filter((e) => e.name === 'attache.mode_override').map((e) => e.attributes),
    ).toEqual([{ 'attache.phase': 'request_headers' }]);
  });

  it('keeps header values (but x-request-id), the query string and bodies out of every span', async () => {
    const p = await traced(
      [
        {
          plugin: plugin('p', {
            requestHeaders: (ctx) => void ctx.mutate.set('x-added', 'planted-added-value'),
            requestBody: () => {
              throw new AttacheError(ErrorCode.BODY_INVALID_JSON, 'body is not JSON');
            },
          }),
          failure: 'open',
        },
      ],
      { processingMode: { requestBodyMode: 'BUFFERED' } },
    );
    await runExchange(p, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
      request: {
        method: 'POST',
        path: '/p?key=planted-query',
        headers: {
          authorization: 'Bearer planted-token',
          cookie: 'sid=planted-cookie',
          'x-request-id': 'rid-1',
        },
        body: 'planted-body',
      },
    });
    await exchangeSpan();
    const everything = JSON.stringify(
      tracing
        .spans()
        .map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })),
    );
    expect(everything).toContain('rid-1');
    expect(everything).not.toMatch(/planted/);
  });
});

describe('tracing: parenting', () => {
  const plugins = [{ plugin: plugin('p', { requestHeaders: () => undefined }) }];

  it('parents the exchange on the trace context in the gRPC metadata (Envoy ≥ 1.31)', async () => {
    const envoy = remoteParent('a');
    const p = await traced(plugins);
    await runExchange(p, { envoy: { grpcInitialMetadata: { traceparent: envoy.traceparent } }, request: {} });
    const exchange = await exchangeSpan();
    expect(exchange.spanContext().traceId).toBe(envoy.traceId);
    expect(exchange.parentSpanContext?.spanId).toBe(envoy.spanId);
    expect(exchange.parentSpanContext?.isRemote).toBe(true);
  });

  it('parents it on the request traceparent header when the metadata has none', async () => {
    const client = remoteParent('b');
    const p = await traced(plugins);
    await runExchange(p, {
      request: { headers: { traceparent: client.traceparent, tracestate: 'vendor=x' } },
    });
    const exchange = await exchangeSpan();
    expect(exchange.spanContext().traceId).toBe(client.traceId);
    expect(exchange.parentSpanContext?.spanId).toBe(client.spanId);
    expect(exchange.spanContext().traceState?.get('vendor')).toBe('x');
  });

  it("prefers the metadata's context over the headers'", async () => {
    const envoy = remoteParent('a');
    const client = remoteParent('b');
    const p = await traced(plugins);
    await runExchange(p, {
      envoy: { grpcInitialMetadata: { traceparent: envoy.traceparent } },
      request: { headers: { traceparent: client.traceparent } },
    });
    const exchange = await exchangeSpan();
    expect(exchange.parentSpanContext?.spanId).toBe(envoy.spanId);
  });

  it('falls back to the headers when the metadata traceparent is malformed', async () => {
    const client = remoteParent('b');
    const p = await traced(plugins);
    await runExchange(p, {
      envoy: { grpcInitialMetadata: { traceparent: '00-zz-not-a-context' } },
      request: { headers: { traceparent: client.traceparent } },
    });
    expect((await exchangeSpan()).parentSpanContext?.spanId).toBe(client.spanId);
  });

  it('starts a new trace when neither carries a context', async () => {
    const p = await traced(plugins);
    await runExchange(p, { request: {} });
    await runExchange(p, { request: {} });
    await vi.waitFor(() => expect(tracing.spans().filter((s) => s.kind === SpanKind.SERVER)).toHaveLength(2));
    const roots = tracing.spans().filter((s) => s.kind === SpanKind.SERVER);
    for (const root of roots) expect(root.parentSpanContext).toBeUndefined();
    expect(roots[0]?.spanContext().traceId).not.toBe(roots[1]?.spanContext().traceId);
  });

  it("follows Envoy's sampling decision: an unsampled parent leaves no span, the plugin's own included", async () => {
    const envoy = remoteParent('d');
    const tracer = tracing.provider.getTracer('plugin-own');
    let own: { traceId: string; recording: boolean } | undefined;
    const p = await traced([
      {
        plugin: plugin('p', {
          requestHeaders() {
            const span = tracer.startSpan('own');
            own = { traceId: span.spanContext().traceId, recording: span.isRecording() };
            span.end();
          },
        }),
      },
    ]);
    // Flags 00: Envoy did not sample this request (the default sampler follows the parent).
    const unsampled = envoy.traceparent.replace(/-01$/, '-00');
    await runExchange(p, { envoy: { grpcInitialMetadata: { traceparent: unsampled } }, request: {} });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tracing.spans()).toEqual([]);
    // Dropped as part of Envoy's trace, not started as a trace of its own.
    expect(own).toEqual({ traceId: envoy.traceId, recording: false });
  });

  it('makes the handler span the active context: spans a plugin starts are its children', async () => {
    const tracer = tracing.provider.getTracer('plugin-own');
    const p = await traced([
      {
        plugin: plugin('nested', {
          async requestHeaders() {
            tracer.startSpan('before await').end();
            await new Promise((resolve) => setTimeout(resolve, 1));
            await tracer.startActiveSpan('after await', async (span) => {
              await Promise.resolve();
              span.end();
            });
          },
        }),
      },
    ]);
    await runExchange(p, { request: {} });
    await exchangeSpan();
    const handler = tracing.span('nested request_headers');
    for (const name of ['before await', 'after await']) {
      expect(tracing.span(name).parentSpanContext?.spanId).toBe(handler.spanContext().spanId);
    }
    // Outside the handler, the plugin's context is gone again.
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});

describe('tracing: the provider', () => {
  it('exports what a batch processor holds when the processor closes', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 60_000 })],
    });
    const p = await createProcessor({
      plugins: [{ plugin: plugin('p', { requestHeaders: () => undefined }) }],
      tracing: { tracerProvider: provider },
    });
    await runExchange(p, { request: {} });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(exporter.getFinishedSpans()).toEqual([]);
    await p.close();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['p request_headers', 'ext_proc GET']);
    await provider.shutdown();
  });

  it("serves every message when the application's span processor throws", async () => {
    const throwing = {
      onStart() {
        throw new Error('onStart broke');
      },
      onEnd() {
        throw new Error('onEnd broke');
      },
      forceFlush: () => Promise.reject(new Error('flush broke')),
      shutdown: () => Promise.resolve(),
    };
    // Throwing at the start of every span, then only at their end.
    for (const spanProcessor of [throwing, { ...throwing, onStart() {} }]) {
      const provider = new BasicTracerProvider({ spanProcessors: [spanProcessor] });
      const p = await createProcessor({
        plugins: [{ plugin: plugin('p', { requestHeaders: (ctx) => void ctx.mutate.set('x-a', '1') }) }],
        tracing: { tracerProvider: provider },
      });
      const r = await runExchange(p, { request: {} });
      expect(r.violations).toEqual([]);
      expect(r.upstream?.headers.get('x-a')).toBe('1');
      await p.close();
    }
  });
});

describe('tracing: when it is on', () => {
  const plugins = [{ plugin: plugin('p', { requestHeaders: () => undefined }) }];

  it('attaches nothing when no provider is registered at creation (auto)', async () => {
    const p = await createProcessor({ plugins });
    // Registered afterwards: a processor that had kept the global (proxy) tracer would now trace.
    tracing.registerGlobally();
    await runExchange(p, { request: {} });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tracing.spans()).toEqual([]);
  });

  it('traces to the global provider when one is registered at creation (auto, and on)', async () => {
    tracing.registerGlobally();
    for (const option of [undefined, 'auto', 'on'] as const) {
      const p = await createProcessor({ plugins, tracing: option });
      await runExchange(p, { request: {} });
    }
    await vi.waitFor(() => expect(tracing.spans().filter((s) => s.kind === SpanKind.SERVER)).toHaveLength(3));
  });

  it('traces nothing with tracing: false, even with a provider registered', async () => {
    tracing.registerGlobally();
    const p = await createProcessor({ plugins, tracing: false });
    await runExchange(p, { request: {} });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tracing.spans()).toEqual([]);
  });

  it("fails to create with tracing: 'on' and no provider, and with a malformed option", async () => {
    await expect(createProcessor({ plugins, tracing: 'on' })).rejects.toThrow(
      /tracing is 'on' but no OpenTelemetry tracer provider is registered/,
    );
    await expect(createProcessor({ plugins, tracing: 'yes' as never })).rejects.toMatchObject({
      code: ErrorCode.CONFIG_INVALID,
      message: expect.stringMatching(
        /tracing must be 'auto', 'on', false or \{ tracerProvider \}, got "yes"/,
      ),
    });
    await expect(createProcessor({ plugins, tracing: {} as never })).rejects.toThrow(
      /without a tracerProvider/,
    );
  });
});
