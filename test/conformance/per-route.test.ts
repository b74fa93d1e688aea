/**
 * §18.63–§18.65 and §18.70 conformance, per-route configuration, forward rules and local
 * responses: attache's own server driven by the Envoy-faithful test kit (`spec.perRoute` merges
 * ExtProcPerRoute as Envoy does, §12).
 */
import { createProcessor, respond } from 'attache-extproc';
import { describe, expect, it } from 'vitest';
import { ProcessingMode_BodySendMode } from '../../src/gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import {
  bodyMessages,
  expectReplyDiscipline,
  observe,
  plugin,
  processorOf,
  receivedKinds,
  sentKinds,
} from './helpers.js';
import { runExchange, settle } from './wire.js';

/**
 * The call metadata that came from the filter's and the routes' initial metadata (every key of
 * these cases starts with `x-`). Over a transport the gRPC client adds its own (`user-agent`),
 * as Envoy's does: no part of the cases.
 */
function initialMetadata(metadata: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries([...metadata].filter(([key]) => key.startsWith('x-')));
}

describe('per-route ExtProcPerRoute (§12)', () => {
  it('§18.63 per-route disabled: true → attache never gets a stream for that route, no handler runs, the request and response pass unmodified; other routes are processed', async () => {
    const calls: string[] = [];
    const { processor, target } = await processorOf({
      requestHeaders: (ctx) => {
        calls.push('requestHeaders');
        ctx.mutate.set('x-processed', 'yes');
      },
      requestBody: (ctx) => {
        calls.push('requestBody');
        ctx.mutate.replaceBody(ctx.body.text().toUpperCase());
      },
      responseHeaders: () => void calls.push('responseHeaders'),
      streamEnd: () => void calls.push('streamEnd'),
    });
    const spec = {
      envoy: {
        processingMode: { requestBodyMode: 'BUFFERED' as const, responseTrailerMode: 'SEND' as const },
      },
      request: { method: 'POST', body: 'abc' },
      upstream: { body: 'ok', trailers: { t: '1' } },
    };
    const off = await runExchange(target, { ...spec, perRoute: [{ overrides: {} }, { disabled: true }] });
    await settle();
    expect(off.violations).toEqual([]);
    expect(off.stream).toEqual({ opened: false, endedBy: 'never-opened' });
    expect(target.streams).toHaveLength(0);
    expect(calls).toEqual([]);
    expect(off.upstream?.headers.has('x-processed')).toBe(false);
    expect(off.upstream?.headers.get('content-length')).toBe('3');
    expect(off.upstream?.body.toString()).toBe('abc');
    expect(off.downstream.body.toString()).toBe('ok');
    expect(off.downstream.trailers?.get('t')).toBe('1');

    // A more specific `overrides` re-enables it; the same processor then does its work.
    const on = await runExchange(target, { ...spec, perRoute: [{ disabled: true }, { overrides: {} }] });
    await settle();
    expect(on.violations).toEqual([]);
    expectReplyDiscipline(on);
    expect(target.streams).toHaveLength(1);
    expect(calls).toEqual(['requestHeaders', 'requestBody', 'responseHeaders', 'streamEnd']);
    expect(on.upstream?.body.toString()).toBe('ABC');
    expect(on.upstream?.headers.get('x-processed')).toBe('yes');
    expect(processor.activeStreams).toBe(0);
  });

  it('§18.64 per-route grpc_service override → the stream goes to a second attache processor whose plugin sees the route’s grpc initial metadata (ctx.stream.grpcMetadata) in every phase and works in the route’s processing mode', async () => {
    const filterCalls: string[] = [];
    const filterLevel = await processorOf({ requestHeaders: () => void filterCalls.push('filter') });
    const seen: Array<[string, Record<string, string>]> = [];
    const routeProcessor = await createProcessor({
      plugins: [
        {
          plugin: plugin(
            {
              requestHeaders: (ctx) => {
                seen.push(['requestHeaders', initialMetadata(ctx.stream.grpcMetadata)]);
                ctx.mutate.set('x-pool', ctx.stream.grpcMetadata.get('x-pool') ?? 'none');
              },
              requestBody: (ctx) => {
                seen.push(['requestBody', initialMetadata(ctx.stream.grpcMetadata)]);
                ctx.mutate.replaceBody(`${ctx.stream.grpcMetadata.get('x-tenant')}:${ctx.body.text()}`);
              },
              responseHeaders: (ctx) => {
                seen.push(['responseHeaders', initialMetadata(ctx.stream.grpcMetadata)]);
                ctx.mutate.set('x-served-by', 'route-processor');
              },
            },
            'route-plugin',
          ),
        },
      ],
    });
    const routeTarget = observe(routeProcessor);
    const res = await runExchange(filterLevel.target, {
      envoy: { grpcInitialMetadata: { 'x-filter': 'f', 'x-tenant': 'filter-tenant' } },
      perRoute: [
        { overrides: { grpcInitialMetadata: { 'x-tenant': 'vhost-tenant', 'x-vhost': 'v' } } },
        {
          overrides: {
            grpcService: {
              target: routeTarget,
              initialMetadata: { 'x-pool': 'blue', 'X-Tenant': 'service' },
            },
            grpcInitialMetadata: { 'X-Tenant': 'acme' },
            processingMode: { requestBodyMode: 'BUFFERED' },
          },
        },
      ],
      request: { method: 'POST', body: 'order' },
    });
    expect(res.violations).toEqual([]);
    expectReplyDiscipline(res);
    expect(filterLevel.target.streams).toHaveLength(0);
    expect(filterCalls).toEqual([]);
    expect(routeTarget.streams).toHaveLength(1);
    // The route's GrpcService replaces the filter's (and its initial_metadata); the per-route
    // grpc_initial_metadata of every level then merges in by key, the most specific winning.
    const expected = { 'x-pool': 'blue', 'x-tenant': 'acme', 'x-vhost': 'v' };
    expect(seen).toEqual([
      ['requestHeaders', expected],
      ['requestBody', expected],
      ['responseHeaders', expected],
    ]);
    expect(res.sent[0]?.protocolConfig?.requestBodyMode).toBe(ProcessingMode_BodySendMode.BUFFERED);
    expect(bodyMessages(res)).toEqual([['order', true]]);
    expect(res.upstream?.headers.get('x-pool')).toBe('blue');
    expect(res.upstream?.body.toString()).toBe('acme:order');
    expect(res.upstream?.headers.get('content-length')).toBe('10');
    expect(res.downstream.headers.get('x-served-by')).toBe('route-processor');
  });

  it('§18.64 without a grpc_service override the per-route grpc_initial_metadata merges into the filter’s and reaches the same processor', async () => {
    let metadata: Record<string, string> = {};
    const { processor } = await processorOf({
      requestHeaders: (ctx) => {
        metadata = initialMetadata(ctx.stream.grpcMetadata);
      },
    });
    const res = await runExchange(processor, {
      envoy: { grpcInitialMetadata: { 'x-filter': 'f', 'x-shared': 'filter' } },
      perRoute: { overrides: { grpcInitialMetadata: { 'X-Shared': 'route' } } },
    });
    expect(res.violations).toEqual([]);
    expect(metadata).toEqual({ 'x-filter': 'f', 'x-shared': 'route' });
  });
});

describe('forward_rules (§3, §18.65)', () => {
  it('§18.65 allowed_headers without :path → attache never sees :path (in any phase), its header changes still apply and the upstream keeps the real :path', async () => {
    const seen: unknown[] = [];
    const { processor } = await processorOf({
      requestHeaders: (ctx) => {
        seen.push([
          'request',
          ctx.headers.get(':path'),
          ctx.headers.get(':method'),
          ctx.headers.get('x-keep'),
          ctx.headers.get('x-drop'),
        ]);
        ctx.mutate.set('x-keep', `${ctx.headers.get('x-keep')}+seen`);
      },
      responseHeaders: (ctx) => {
        seen.push([
          'response',
          ctx.stream.requestHeaders?.get(':path'),
          ctx.headers.get(':status'),
          ctx.headers.get('x-keep'),
        ]);
        ctx.mutate.set('x-resp', 'ok');
      },
    });
    const res = await runExchange(processor, {
      envoy: { forwardRules: { allowedHeaders: [{ exact: ':method' }, { prefix: 'x-keep' }] } },
      request: { path: '/secret/path', headers: { 'x-keep': '1', 'x-drop': '2' } },
      upstream: { status: 201, headers: { 'x-keep': 'r' } },
    });
    expect(res.violations).toEqual([]);
    expectReplyDiscipline(res);
    expect(seen).toEqual([
      ['request', undefined, 'GET', '1', undefined],
      ['response', undefined, undefined, 'r'],
    ]);
    const sentHeaders = res.sent.flatMap((m) =>
      m.request?.$case === 'requestHeaders' ? (m.request.value.headers?.headers ?? []).map((h) => h.key) : [],
    );
    expect(sentHeaders).not.toContain(':path');
    expect(res.upstream?.headers.get(':path')).toBe('/secret/path');
    expect(res.upstream?.headers.get('x-keep')).toBe('1+seen');
    expect(res.upstream?.headers.get('x-drop')).toBe('2');
    expect(res.downstream.status).toBe(201);
    expect(res.downstream.headers.get('x-resp')).toBe('ok');
  });

  it('§18.65 disallowed_headers hide a header from attache (a plugin treats it as absent) but not from the upstream', async () => {
    const seen: unknown[] = [];
    const { processor } = await processorOf({
      requestHeaders: (ctx) => {
        seen.push(ctx.headers.get('authorization'), ctx.headers.get(':path'));
        if (ctx.headers.get('authorization') === undefined) ctx.mutate.set('x-anonymous', 'true');
      },
    });
    const res = await runExchange(processor, {
      envoy: { forwardRules: { disallowedHeaders: [{ exact: 'authorization' }] } },
      request: { path: '/p', headers: { authorization: 'Bearer t' } },
    });
    expect(res.violations).toEqual([]);
    expect(seen).toEqual([undefined, '/p']);
    expect(res.upstream?.headers.get('authorization')).toBe('Bearer t');
    expect(res.upstream?.headers.get('x-anonymous')).toBe('true');
  });

  // BUG (limitation, §6.4 + §18.65): Envoy compares the content-length it holds — hidden from
  // attache by forward_rules, but still there — with a replaced BUFFERED body. attache only
  // corrects a content-length it can see, so the reply is refused: 500 "mismatch between content
  // length and the length of the mutated body". attache could set content-length on every
  // buffered replacement while Envoy holds the headers, whether it saw one or not.
  it('§18.65 forward_rules that hide content-length: replacing a BUFFERED body must still not trip Envoy’s content-length check (request and response)', async () => {
    const { processor } = await processorOf({
      requestBody: (ctx) => void ctx.mutate.replaceBody(ctx.body.text().repeat(2)),
      responseBody: (ctx) => void ctx.mutate.replaceBody(ctx.body.text().repeat(2)),
    });
    const res = await runExchange(processor, {
      envoy: {
        processingMode: { requestBodyMode: 'BUFFERED', responseBodyMode: 'BUFFERED' },
        forwardRules: { disallowedHeaders: [{ exact: 'content-length' }] },
      },
      request: { method: 'POST', body: 'abcd' },
      upstream: { body: 'wxyz' },
    });
    expect(res.violations).toEqual([]);
    expect(res.upstream?.body.toString()).toBe('abcdabcd');
    expect(res.downstream.status).toBe(200);
    expect(res.downstream.body.toString()).toBe('wxyzwxyz');
  });
});

describe('local responses (§5.4, §5.5)', () => {
  it('§18.70 streamed: respond() with an iterable body from request headers → headers_response, body_response chunks, eos; no response_* messages; request chunks (FULL_DUPLEX) get no reply', async () => {
    for (const requestBodyMode of ['NONE', 'FULL_DUPLEX_STREAMED'] as const) {
      const { processor } = await processorOf({
        requestHeaders: () => respond(201, { headers: { 'x-local': 'yes' }, body: ['one ', 'two'] }),
      });
      const res = await runExchange(processor, {
        envoy: {
          processingMode: {
            requestBodyMode,
            requestTrailerMode: requestBodyMode === 'NONE' ? 'SKIP' : 'SEND',
          },
        },
        request: { method: 'POST', body: ['ab', 'cd'], pacing: 'on-idle' },
      });
      expect(res.violations, requestBodyMode).toEqual([]);
      expect(
        receivedKinds(res).every((k) => k === 'streamedImmediateResponse'),
        requestBodyMode,
      ).toBe(true);
      expect(
        sentKinds(res).some((k) => k?.startsWith('response')),
        requestBodyMode,
      ).toBe(false);
      expect(res.downstream, requestBodyMode).toMatchObject({ status: 201, streamedLocalReply: true });
      expect(res.downstream.headers.get('x-local'), requestBodyMode).toBe('yes');
      expect(res.downstream.bodyChunks.map(String), requestBodyMode).toEqual(['one ', 'two']);
      expect(res.upstream?.complete ?? false, requestBodyMode).toBe(false);
    }
  });

  // A body given in one piece (or a phase Envoy cannot stream from) gives a plain ImmediateResponse.
  it('§18.70 respond() with a plain body, from request headers or from a FULL_DUPLEX body chunk → one regular ImmediateResponse (never streamed_immediate_response); no response_* messages; the request never completes upstream', async () => {
    const calls: string[] = [];
    const cases = [
      {
        what: 'headers, body mode NONE',
        handlers: {
          requestHeaders: () => respond(200, { headers: { 'content-type': 'text/plain' }, body: 'local' }),
          responseHeaders: () => void calls.push('responseHeaders'),
        },
        envoy: {},
        request: { method: 'POST', body: 'abc' },
        sent: ['requestHeaders'],
      },
      {
        what: 'headers, FULL_DUPLEX_STREAMED',
        handlers: {
          requestHeaders: () => respond(200, { headers: { 'content-type': 'text/plain' }, body: 'local' }),
          responseHeaders: () => void calls.push('responseHeaders'),
        },
        envoy: {
          processingMode: {
            requestBodyMode: 'FULL_DUPLEX_STREAMED' as const,
            requestTrailerMode: 'SEND' as const,
          },
        },
        request: { method: 'POST', body: ['ab', 'cd'], pacing: 'on-idle' as const },
        sent: undefined,
      },
      {
        what: 'second FULL_DUPLEX chunk',
        handlers: {
          requestBodyChunk: (ctx: { chunk: { text(): string } }) =>
            ctx.chunk.text() === 'cd'
              ? respond(200, { headers: { 'content-type': 'text/plain' }, body: 'local' })
              : undefined,
          responseHeaders: () => void calls.push('responseHeaders'),
        },
        envoy: {
          processingMode: {
            requestBodyMode: 'FULL_DUPLEX_STREAMED' as const,
            requestTrailerMode: 'SEND' as const,
          },
        },
        request: { method: 'POST', body: ['ab', 'cd', 'ef'], pacing: 'on-idle' as const },
        sent: undefined,
      },
    ];
    for (const c of cases) {
      const { processor } = await processorOf(c.handlers);
      const res = await runExchange(processor, { envoy: c.envoy, request: c.request });
      expect(res.violations, c.what).toEqual([]);
      const kinds = receivedKinds(res);
      expect(kinds.at(-1), c.what).toBe('immediateResponse');
      expect(kinds, c.what).not.toContain('streamedImmediateResponse');
      expect(
        sentKinds(res).some((k) => k?.startsWith('response')),
        c.what,
      ).toBe(false);
      if (c.sent !== undefined) expect(sentKinds(res), c.what).toEqual(c.sent);
      expect(res.downstream, c.what).toMatchObject({
        status: 200,
        localReply: true,
        streamedLocalReply: false,
      });
      expect(res.downstream.body.toString(), c.what).toBe('local');
      expect(res.downstream.headers.get('content-type'), c.what).toBe('text/plain');
      expect(res.upstream?.complete ?? false, c.what).toBe(false);
    }
    expect(calls).toEqual([]);
  });
});
