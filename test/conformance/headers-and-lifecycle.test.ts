/**
 * §18 conformance, headers and stream lifecycle: attache's own server (createProcessor with
 * inline plugins) driven by the Envoy-faithful test kit.
 */
import { describe, expect, it } from 'vitest';
import { ProcessingMode_BodySendMode } from '../../src/gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import {
  codeOf,
  commonOf,
  expectReplyDiscipline,
  processorOf,
  receivedKinds,
  sentKinds,
  sleep,
  transcriptTypes,
} from './helpers.js';
import { runExchange, settle } from './wire.js';

const { NONE } = ProcessingMode_BodySendMode;

describe('header modes and stream lifecycle', () => {
  it('§18.1 GET, default config: both headers messages reach the plugins and are answered, then Envoy half-closes + cancels and attache ends the stream', async () => {
    const seen: Array<[string, boolean, string | undefined]> = [];
    let ended = 0;
    const { processor, target } = await processorOf({
      requestHeaders: (ctx) => {
        seen.push([ctx.phase, ctx.endOfStream, ctx.headers.get(':path')]);
        ctx.mutate.set('x-req', 'one');
      },
      responseHeaders: (ctx) => {
        seen.push([ctx.phase, ctx.endOfStream, ctx.headers.get(':status')]);
        ctx.mutate.set('x-resp', 'two');
      },
      streamEnd: () => void ended++,
    });
    const res = await runExchange(target, { request: { path: '/hello' } });
    await settle();

    expect(res.violations).toEqual([]);
    expectReplyDiscipline(res);
    const first = res.sent[0]?.request;
    expect(first?.$case === 'requestHeaders' && first.value.endOfStream).toBe(true);
    expect(res.sent[0]?.protocolConfig).toEqual({
      requestBodyMode: NONE,
      responseBodyMode: NONE,
      sendBodyWithoutWaitingForHeaderResponse: false,
    });
    expect(seen).toEqual([
      ['requestHeaders', true, '/hello'],
      ['responseHeaders', true, '200'],
    ]);
    expect(receivedKinds(res)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(res.upstream?.headers.get('x-req')).toBe('one');
    expect(res.downstream.status).toBe(200);
    expect(res.downstream.headers.get('x-resp')).toBe('two');
    expect(transcriptTypes(res)).toEqual([
      'opened',
      'sent',
      'received',
      'sent',
      'received',
      'half-closed',
      'cancelled',
    ]);
    // attache answers Envoy's half-close by ending the call (OK), then sees the reset.
    expect(target.streams.map((s) => s.events)).toEqual([
      [
        'message:requestHeaders',
        'send:requestHeaders',
        'message:responseHeaders',
        'send:responseHeaders',
        'halfClose',
        'end',
        'cancel',
      ],
    ]);
    expect(res.stream).toEqual({ opened: true, endedBy: 'envoy' });
    expect(ended).toBe(1);
    expect(processor.activeStreams).toBe(0);
  });

  it('§18.1 a processor with no handler for a phase still answers it with a plain CONTINUE of the same type', async () => {
    const { processor } = await processorOf({});
    const res = await runExchange(processor, {});
    expect(res.violations).toEqual([]);
    expect(res.received.map((m) => m.response)).toEqual([
      { $case: 'requestHeaders', value: {} },
      { $case: 'responseHeaders', value: {} },
    ]);
    expect(res.received.map((m) => [m.modeOverride, m.dynamicMetadata])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('§18.2 request_header_mode SKIP: the first message is response_headers; attache takes protocol_config from it', async () => {
    const calls: string[] = [];
    let requestHeadersSeen: unknown = 'unset';
    let overrideCode = '';
    const { processor } = await processorOf({
      requestHeaders: () => void calls.push('requestHeaders'),
      responseHeaders: (ctx) => {
        calls.push('responseHeaders');
        requestHeadersSeen = ctx.stream.requestHeaders;
        // Probe: send_body_without_waiting is only known from the protocol_config of this (first)
        // message, and makes attache refuse overrideMode (§4.7, §18.58).
        overrideCode = codeOf(() => ctx.overrideMode({ responseBody: 'buffered' }));
        ctx.mutate.set('x-resp', 'seen');
      },
    });
    const res = await runExchange(processor, {
      envoy: {
        processingMode: { requestHeaderMode: 'SKIP' },
        sendBodyWithoutWaitingForHeaderResponse: true,
        allowModeOverride: true,
      },
    });
    expect(res.violations).toEqual([]);
    expect(sentKinds(res)).toEqual(['responseHeaders']);
    expect(res.sent[0]?.protocolConfig).toEqual({
      requestBodyMode: NONE,
      responseBodyMode: NONE,
      sendBodyWithoutWaitingForHeaderResponse: true,
    });
    expect(calls).toEqual(['responseHeaders']);
    expect(requestHeadersSeen).toBeUndefined();
    expect(overrideCode).toBe('ATTACHE_ERR_MODE_OVERRIDE_REFUSED');
    expect(res.downstream.headers.get('x-resp')).toBe('seen');
    expect(res.upstream?.complete).toBe(true);
  });

  it('§18.3 all header modes SKIP, bodies NONE, trailers SKIP: no Process stream reaches attache, no handler runs', async () => {
    const calls: string[] = [];
    const { processor, target } = await processorOf({
      requestHeaders: () => void calls.push('requestHeaders'),
      requestBody: () => void calls.push('requestBody'),
      requestTrailers: () => void calls.push('requestTrailers'),
      responseHeaders: () => void calls.push('responseHeaders'),
      responseBody: () => void calls.push('responseBody'),
      responseTrailers: () => void calls.push('responseTrailers'),
    });
    const res = await runExchange(target, {
      envoy: { processingMode: { requestHeaderMode: 'SKIP', responseHeaderMode: 'SKIP' } },
      request: { method: 'POST', body: 'x', trailers: { t: '1' } },
      upstream: { body: 'y', trailers: { u: '2' } },
    });
    expect(target.streams).toHaveLength(0);
    expect(calls).toEqual([]);
    expect(res.stream).toEqual({ opened: false, endedBy: 'never-opened' });
    expect(processor.activeStreams).toBe(0);
    expect(res.upstream?.body.toString()).toBe('x');
    expect(res.upstream?.trailers?.get('t')).toBe('1');
    expect(res.downstream.body.toString()).toBe('y');
    expect(res.downstream.trailers?.get('u')).toBe('2');
  });

  it('§18.4 POST with body mode NONE: the plugin sees end_of_stream=false, no body phase runs, the body goes upstream after the (slow) headers reply', async () => {
    const calls: string[] = [];
    let eos: boolean | undefined;
    let handlerDone = false;
    let upstreamAfterReply: boolean | undefined;
    const { processor } = await processorOf({
      requestHeaders: async (ctx) => {
        eos = ctx.endOfStream;
        await sleep(15);
        ctx.mutate.set('x-checked', 'yes');
        handlerDone = true;
      },
      // Defined, but Envoy sends no body messages in mode NONE.
      requestBody: () => void calls.push('requestBody'),
    });
    const res = await runExchange(processor, {
      request: { method: 'POST', body: ['ab', 'cd'] },
      upstream: (req) => {
        upstreamAfterReply = handlerDone;
        return { body: req.body };
      },
    });
    expect(res.violations).toEqual([]);
    expect(sentKinds(res)).toEqual(['requestHeaders', 'responseHeaders']);
    const first = res.sent[0]?.request;
    expect(first?.$case === 'requestHeaders' && first.value.endOfStream).toBe(false);
    expect(eos).toBe(false);
    expect(calls).toEqual([]);
    expect(upstreamAfterReply).toBe(true);
    expect(res.upstream?.headers.get('x-checked')).toBe('yes');
    expect(res.upstream?.body.toString()).toBe('abcd');
    expect(res.downstream.body.toString()).toBe('abcd');
  });

  it('§18.29 trailer mode SEND but no trailers: no trailers message, the trailer handlers never run; with trailers they do', async () => {
    const calls: string[] = [];
    const { processor } = await processorOf({
      requestTrailers: (ctx) => {
        calls.push(`requestTrailers:${ctx.trailers.get('x-sum')}`);
        ctx.mutate.set('x-checked', '1');
      },
      responseTrailers: (ctx) => void calls.push(`responseTrailers:${ctx.trailers.get('grpc-status')}`),
    });
    const envoy = { processingMode: { requestTrailerMode: 'SEND', responseTrailerMode: 'SEND' } } as const;
    const without = await runExchange(processor, {
      envoy,
      request: { method: 'POST', body: 'abc' },
      upstream: { body: 'def' },
    });
    expect(without.violations).toEqual([]);
    expect(sentKinds(without)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(calls).toEqual([]);
    expect(without.upstream?.trailers).toBeUndefined();
    expect(without.downstream.trailers).toBeUndefined();

    const withTrailers = await runExchange(processor, {
      envoy,
      request: { method: 'POST', body: 'abc', trailers: { 'x-sum': '42' } },
      upstream: { body: 'def', trailers: { 'grpc-status': '0' } },
    });
    expect(withTrailers.violations).toEqual([]);
    expectReplyDiscipline(withTrailers);
    expect(calls).toEqual(['requestTrailers:42', 'responseTrailers:0']);
    expect(withTrailers.upstream?.trailers?.get('x-checked')).toBe('1');
  });

  it('§18.36 attache never ends the call OK on its own: with no response handler it still answers response_headers (CONTINUE) and ends the call only after Envoy half-closed', async () => {
    // attache has no "stop processing" API (a server-side OK close); the supported way to skip
    // the response round trip is mode_override responseHeaders: 'skip' (§18.56).
    const { processor, target } = await processorOf({
      requestHeaders: (ctx) => void ctx.mutate.set('x-req', '1'),
    });
    const res = await runExchange(target, { upstream: { status: 201, body: 'raw' } });
    await settle();
    expect(res.violations).toEqual([]);
    expect(sentKinds(res)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(res.received[1]?.response).toEqual({ $case: 'responseHeaders', value: {} });
    expect(res.downstream.status).toBe(201);
    expect(res.downstream.body.toString()).toBe('raw');
    expect(res.stream).toEqual({ opened: true, endedBy: 'envoy' });
    expect(res.stats.server_half_closed).toBe(0);
    const events = target.streams[0]?.events ?? [];
    expect(events.indexOf('end')).toBe(events.indexOf('halfClose') + 1);
    expect(events.filter((e) => e === 'end' || e.startsWith('fail'))).toEqual(['end']);
    expect(processor.activeStreams).toBe(0);
  });

  it('§18.69 1.37 early close (request headers only): Envoy half-closes + cancels right after the request_headers reply; attache ends the call and runs streamEnd', async () => {
    const calls: string[] = [];
    let aborted = false;
    let ended = 0;
    const { processor, target } = await processorOf({
      requestHeaders: (ctx) => {
        ctx.stream.signal.addEventListener('abort', () => {
          aborted = true;
        });
        ctx.mutate.set('x-req', '1');
      },
      responseHeaders: () => void calls.push('responseHeaders'),
      streamEnd: () => void ended++,
    });
    const res = await runExchange(target, {
      envoy: { processingMode: { responseHeaderMode: 'SKIP' } },
      request: { method: 'POST', body: 'abc' },
    });
    await settle();
    expect(res.violations).toEqual([]);
    expect(transcriptTypes(res)).toEqual(['opened', 'sent', 'received', 'half-closed', 'cancelled']);
    expect(target.streams[0]?.events).toEqual([
      'message:requestHeaders',
      'send:requestHeaders',
      'halfClose',
      'end',
      'cancel',
    ]);
    expect(calls).toEqual([]);
    expect(aborted).toBe(true);
    expect(ended).toBe(1);
    expect(processor.activeStreams).toBe(0);
    expect(res.upstream?.headers.get('x-req')).toBe('1');
    expect(res.upstream?.body.toString()).toBe('abc');
  });
});

describe('what attache reads from Envoy’s headers messages', () => {
  it('§18.66 multi-valued headers: one entry per value in the view; §19.6 inline headers arrive folded; untouched values are never rewritten', async () => {
    const seen: Record<string, unknown> = {};
    const { processor } = await processorOf({
      requestHeaders: (ctx) => {
        seen.all = ctx.headers.getAll('x-multi');
        seen.joined = ctx.headers.get('x-multi');
        seen.entries = [...ctx.headers.entries()].filter(([k]) => k === 'x-multi');
        seen.xff = ctx.headers.getAll('x-forwarded-for');
        ctx.mutate.set('x-other', '1');
      },
      responseHeaders: (ctx) => {
        seen.cookies = ctx.headers.getAll('set-cookie');
        ctx.mutate.append('set-cookie', 'c=3');
      },
    });
    const res = await runExchange(processor, {
      request: {
        headers: [
          ['x-multi', 'a'],
          ['x-multi', 'b'],
          ['x-forwarded-for', '1.1.1.1'],
          ['x-forwarded-for', '2.2.2.2'],
        ],
      },
      upstream: {
        headers: [
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2'],
        ],
      },
    });
    expect(res.violations).toEqual([]);
    expect(seen).toEqual({
      all: ['a', 'b'],
      joined: 'a, b',
      entries: [
        ['x-multi', 'a'],
        ['x-multi', 'b'],
      ],
      xff: ['1.1.1.1,2.2.2.2'],
      cookies: ['a=1', 'b=2'],
    });
    expect(res.upstream?.headers.getAll('x-multi')).toEqual(['a', 'b']);
    expect(res.downstream.headers.getAll('set-cookie')).toEqual(['a=1', 'b=2', 'c=3']);
    // Only the added value goes on the wire, as an append.
    expect(
      commonOf(res.received[1])?.headerMutation?.setHeaders?.map((o) => [
        o.header?.key,
        o.header?.rawValue?.toString(),
        o.append,
      ]),
    ).toEqual([['set-cookie', 'c=3', true]]);
  });

  it('§18.67 an HTTP/1 Host header is seen by plugins as :authority, never as host', async () => {
    const seen: unknown[] = [];
    const { processor } = await processorOf({
      requestHeaders: (ctx) => {
        seen.push(ctx.headers.get(':authority'), ctx.headers.has('host'), ctx.headers.get('host'));
        ctx.mutate.set('x-tenant', (ctx.headers.get(':authority') ?? '').split('.')[0] ?? '');
      },
    });
    const res = await runExchange(processor, { request: { headers: { Host: 'a.example' } } });
    expect(res.violations).toEqual([]);
    expect(seen).toEqual(['a.example', false, undefined]);
    expect(res.upstream?.headers.get('x-tenant')).toBe('a');
    expect(res.upstream?.headers.get(':authority')).toBe('a.example');
  });

  it('§18.68 obs-text bytes reach the plugin byte-exact in both directions and go back out byte-exact in raw_value', async () => {
    const reqBytes = Buffer.from([0x61, 0xe9, 0xff, 0x80, 0x20, 0x7a]);
    const respBytes = Buffer.from([0xc3, 0x28, 0xa0, 0xa1]);
    const seen: Buffer[] = [];
    const { processor } = await processorOf({
      requestHeaders: (ctx) => {
        const raw = ctx.headers.getRaw('x-bin');
        seen.push(...raw);
        if (raw[0]) ctx.mutate.set('x-copy', raw[0]);
      },
      responseHeaders: (ctx) => {
        const raw = ctx.headers.getRaw('x-bin-resp');
        seen.push(...raw);
        if (raw[0]) ctx.mutate.append('x-copy-resp', raw[0]);
      },
    });
    const res = await runExchange(processor, {
      request: { headers: [['x-bin', reqBytes]] },
      upstream: { headers: [['x-bin-resp', respBytes]] },
    });
    expect(res.violations).toEqual([]);
    expect(seen.map((b) => [...b])).toEqual([[...reqBytes], [...respBytes]]);
    const sent = commonOf(res.received[0])?.headerMutation?.setHeaders?.[0]?.header;
    expect(sent?.key).toBe('x-copy');
    expect([...(sent?.rawValue ?? [])]).toEqual([...reqBytes]);
    expect(res.upstream?.headers.getRaw('x-copy').map((b) => [...b])).toEqual([[...reqBytes]]);
    expect(res.upstream?.headers.getRaw('x-bin').map((b) => [...b])).toEqual([[...reqBytes]]);
    expect(res.downstream.headers.getRaw('x-copy-resp').map((b) => [...b])).toEqual([[...respBytes]]);
  });
});
