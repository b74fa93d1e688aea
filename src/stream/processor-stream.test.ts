import { describe, expect, it, vi } from 'vitest';
import { recordingSink } from '../../test/support/recording-sink.js';
import { ProcessingMode_BodySendMode as BodyMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { silentLogger } from '../log.js';
import { Pipeline, type PipelineEntry } from '../pipeline/pipeline.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { respond } from '../plugin/respond.js';
import type { Handlers } from '../plugin/types.js';
import { ProcessorStream } from './processor-stream.js';

const hdrs = (pairs: Array<[string, string]>) => ({
  headers: pairs.map(([key, v]) => ({ key, rawValue: Buffer.from(v) })),
});
const reqHeaders = (
  pairs: Array<[string, string]>,
  endOfStream = false,
  bodyMode = BodyMode.NONE,
): ProcessingRequest => ({
  request: { $case: 'requestHeaders', value: { headers: hdrs(pairs), endOfStream } },
  protocolConfig: { requestBodyMode: bodyMode, responseBodyMode: BodyMode.NONE },
});
const reqBody = (body: string, endOfStream = true): ProcessingRequest => ({
  request: { $case: 'requestBody', value: { body: Buffer.from(body), endOfStream } },
});
const respHeaders = (pairs: Array<[string, string]>): ProcessingRequest => ({
  request: { $case: 'responseHeaders', value: { headers: hdrs(pairs), endOfStream: true } },
});

async function open(handlers: Handlers, extra: Partial<PipelineEntry> = {}, opts = {}) {
  const plugin = definePlugin({ name: 'p', setup: () => handlers });
  const pipeline = await Pipeline.create([{ plugin, ...extra }], { log: silentLogger, ...opts });
  const { sink, replies, events } = recordingSink();
  const stream = new ProcessorStream(pipeline, sink, new Map(), silentLogger);
  return { stream, replies, events };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const setOf = (r: ProcessingResponse | undefined) => {
  const v = r?.response?.value as {
    response?: {
      headerMutation?: {
        setHeaders?: Array<{ header?: { key?: string; rawValue?: Buffer }; append?: boolean }>;
      };
    };
  };
  return (v?.response?.headerMutation?.setHeaders ?? []).map((s) => [
    s.header?.key,
    s.header?.rawValue?.toString(),
    s.append ?? false,
  ]);
};

describe('ProcessorStream', () => {
  it('answers a phase nobody handles with a plain continue of the matching type', async () => {
    const { stream, replies } = await open({ requestHeaders: () => undefined });
    stream.message(respHeaders([[':status', '200']]));
    expect(replies[0]?.response?.$case).toBe('responseHeaders');
    expect(replies[0]?.response?.value).toEqual({});
  });

  it('runs synchronous handlers without waiting a tick', async () => {
    const { stream, replies } = await open({ requestHeaders: (ctx) => void ctx.mutate.set('x-a', '1') });
    stream.message(reqHeaders([[':path', '/']]));
    expect(setOf(replies[0])).toEqual([['x-a', '1', false]]);
  });

  it('keeps replies in order per direction while a slow handler runs, independent of the other direction', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const { stream, replies } = await open(
      {
        requestHeaders: async (ctx) => {
          await gate;
          ctx.mutate.set('x-req', '1');
        },
        requestBody: (ctx) => void ctx.mutate.replaceBody(`${ctx.body.text()}!`),
        responseHeaders: (ctx) => void ctx.mutate.set('x-resp', '1'),
      },
      { timeoutMs: 1000 },
    );
    stream.message(
      reqHeaders(
        [
          [':path', '/'],
          ['content-length', '2'],
        ],
        false,
        BodyMode.BUFFERED,
      ),
    );
    stream.message(reqBody('hi'));
    stream.message(respHeaders([[':status', '200']]));
    expect(replies.map((r) => r.response?.$case)).toEqual(['responseHeaders']);
    release();
    await tick();
    expect(replies.map((r) => r.response?.$case)).toEqual([
      'responseHeaders',
      'requestHeaders',
      'requestBody',
    ]);
  });

  it('keeps content-length equal to a replaced buffered body, and does not resend earlier header changes', async () => {
    const { stream, replies } = await open({
      requestHeaders: (ctx) => void ctx.mutate.append('x-a', '2'),
      requestBody: (ctx) => void ctx.mutate.replaceBody('longer body'),
    });
    stream.message(
      reqHeaders(
        [
          [':path', '/'],
          ['x-a', '1'],
          ['content-length', '2'],
        ],
        false,
        BodyMode.BUFFERED,
      ),
    );
    stream.message(reqBody('hi'));
    expect(setOf(replies[0])).toEqual([['x-a', '2', true]]);
    expect(setOf(replies[1])).toEqual([['content-length', '11', false]]);
  });

  it('fails closed with a generic 500 and no internals when a handler throws', async () => {
    const { stream, replies } = await open({
      requestHeaders: () => {
        throw new Error('secret database password in message');
      },
    });
    stream.message(reqHeaders([[':path', '/']]));
    const imm = replies[0]?.response;
    expect(imm?.$case).toBe('immediateResponse');
    const v = imm?.value as { status?: { code?: number }; body?: Buffer; details?: string };
    expect(v.status?.code).toBe(500);
    expect(v.body?.toString()).toBe('Internal Server Error\n');
    expect(v.details).toBe('attache_plugin_error{p}');
    // Envoy stops processing after an immediate response: later messages get no reply.
    stream.message(respHeaders([[':status', '200']]));
    expect(replies).toHaveLength(1);
  });

  it('fails open by passing the message unchanged, dropping changes made before the throw', async () => {
    const { stream, replies } = await open(
      {
        requestHeaders: (ctx) => {
          ctx.mutate.set('x-partial', '1');
          throw new Error('boom');
        },
      },
      { failure: 'open' },
    );
    stream.message(reqHeaders([[':path', '/']]));
    expect(replies[0]?.response).toEqual({ $case: 'requestHeaders', value: {} });
  });

  it('applies the policy when a handler never settles, and ignores late changes', async () => {
    let late: (() => void) | undefined;
    const { stream, replies } = await open(
      {
        requestHeaders: (ctx) =>
          new Promise<void>(() => {
            late = () => ctx.mutate.set('x-late', '1');
          }),
      },
      { timeoutMs: 10 },
    );
    stream.message(reqHeaders([[':path', '/']]));
    await new Promise((r) => setTimeout(r, 40));
    expect(replies[0]?.response?.$case).toBe('immediateResponse');
    expect(() => late?.()).toThrow(/already answered/);
    expect(replies).toHaveLength(1);
  });

  it('replaces the body with CONTINUE_AND_REPLACE and allows :method only then', async () => {
    const { stream, replies } = await open({
      requestHeaders: (ctx) => {
        ctx.mutate.set(':method', 'POST').replaceBody('{"a":1}');
      },
    });
    stream.message(
      reqHeaders(
        [
          [':method', 'GET'],
          [':path', '/'],
        ],
        true,
      ),
    );
    const v = replies[0]?.response?.value as {
      response?: { status?: number; bodyMutation?: { mutation?: { value?: unknown } } };
    };
    expect(v.response?.status).toBe(1);
    expect(String(v.response?.bodyMutation?.mutation?.value)).toBe('{"a":1}');
    expect(setOf(replies[0])).toEqual([[':method', 'POST', false]]);
  });

  it('fails the plugin that changes :method without replacing the body', async () => {
    const { stream, replies } = await open({
      requestHeaders: (ctx) => void ctx.mutate.set(':method', 'POST'),
    });
    stream.message(reqHeaders([[':method', 'GET']], true));
    expect(replies[0]?.response?.$case).toBe('immediateResponse');
  });

  it('restates both body modes in mode_override', async () => {
    const { stream, replies } = await open(
      {
        modeOverrides: [{ responseHeaders: 'skip' }],
        requestHeaders: (ctx) => ctx.overrideMode({ responseHeaders: 'skip' }),
        // A body handler, so the phase skipping of allowModeOverride leaves the body on.
        requestBody: () => undefined,
      },
      {},
      { allowModeOverride: true },
    );
    stream.message(reqHeaders([[':path', '/']], false, BodyMode.BUFFERED));
    expect(replies[0]?.modeOverride).toMatchObject({
      responseHeaderMode: 2,
      requestBodyMode: BodyMode.BUFFERED,
      responseBodyMode: BodyMode.NONE,
    });
  });

  it('sends immediate responses with headers and metadata', async () => {
    const { stream, replies } = await open({
      requestHeaders: (ctx) => {
        ctx.setMetadata('attache', { decision: 'deny' });
        return respond(403, { headers: { 'x-reason': 'policy' }, body: 'denied', details: 'policy_denied' });
      },
    });
    stream.message(reqHeaders([[':path', '/']]));
    expect(replies[0]?.dynamicMetadata).toEqual({ attache: { decision: 'deny' } });
    const v = replies[0]?.response?.value as {
      status?: { code?: number };
      headers?: { setHeaders?: unknown[] };
    };
    expect(v.status?.code).toBe(403);
    expect(v.headers?.setHeaders).toHaveLength(1);
  });

  it('collects a streamed body for whole-body handlers (cleared chunks, all at the end), and echoes full-duplex chunks otherwise', async () => {
    let seen = '';
    // The filter sends trailers, so attache sees where a streamed body ends (body-end.ts).
    const a = await open(
      { requestBody: (ctx) => void (seen = ctx.body.text()) },
      {},
      { processingMode: { requestTrailerMode: 'SEND' } },
    );
    a.stream.message(reqHeaders([[':path', '/']], false, BodyMode.STREAMED));
    a.stream.message(reqBody('chu', false));
    a.stream.message(reqBody('nk', true));
    expect(seen).toBe('chunk');
    const mutationOf = (r: ProcessingResponse | undefined) => {
      const v = r?.response?.value as
        | { response?: { bodyMutation?: { mutation?: { $case?: string; value?: unknown } } } }
        | undefined;
      return v?.response?.bodyMutation?.mutation;
    };
    expect(mutationOf(a.replies[1])).toEqual({ $case: 'clearBody', value: true });
    expect(mutationOf(a.replies[2])?.$case).toBe('body');
    expect(String(mutationOf(a.replies[2])?.value)).toBe('chunk');

    const b = await open({ requestHeaders: () => undefined });
    b.stream.message(reqHeaders([[':path', '/']], false, BodyMode.FULL_DUPLEX_STREAMED));
    b.stream.message(reqBody('abc', true));
    const body = b.replies[1]?.response?.value as {
      response?: {
        bodyMutation?: { mutation?: { $case?: string; value?: { body?: Buffer; endOfStream?: boolean } } };
      };
    };
    expect(body.response?.bodyMutation?.mutation?.$case).toBe('streamedResponse');
    expect(body.response?.bodyMutation?.mutation?.value?.body?.toString()).toBe('abc');
    expect(body.response?.bodyMutation?.mutation?.value?.endOfStream).toBe(true);
  });

  it('sends nothing in observability mode but still runs handlers', async () => {
    let ran = false;
    const { stream, replies } = await open({ requestHeaders: () => void (ran = true) });
    stream.message({ ...reqHeaders([[':path', '/']]), observabilityMode: true, protocolConfig: undefined });
    expect(ran).toBe(true);
    expect(replies).toHaveLength(0);
  });

  it('ends the call on half-close and runs streamEnd once', async () => {
    let ends = 0;
    const { stream, events } = await open({ streamEnd: () => void ends++ });
    stream.halfClose();
    stream.cancel();
    expect(events).toEqual(['end']);
    expect(ends).toBe(1);
  });

  it('a half-close while messages are being answered: they are answered, in order, then the call ends with OK', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let ends = 0;
    const { stream, replies, events } = await open({
      requestHeaders: async (ctx) => {
        await gate;
        ctx.mutate.set('x-req', '1');
      },
      requestBody: (ctx) => void ctx.mutate.replaceBody(`${ctx.body.text()}!`),
      streamEnd: () => void ends++,
    });
    stream.message(reqHeaders([[':path', '/']], false, BodyMode.BUFFERED));
    stream.message(reqBody('abc')); // queued behind the headers
    stream.halfClose();
    await tick();
    expect([replies.length, events, ends]).toEqual([0, [], 0]);
    release();
    await vi.waitFor(() => expect(events).toEqual(['end']));
    expect(replies.map((r) => r.response?.$case)).toEqual(['requestHeaders', 'requestBody']);
    expect(setOf(replies[0])).toEqual([['x-req', '1', false]]);
    expect(ends).toBe(1);
  });

  it('a reset after that half-close still ends the call at once, unanswered, and the handler sees its signal abort', async () => {
    let aborted = false;
    const { stream, replies, events } = await open({
      requestHeaders: (ctx) =>
        new Promise<void>((resolve) =>
          ctx.stream.signal.addEventListener('abort', () => {
            aborted = true;
            resolve();
          }),
        ),
    });
    stream.message(reqHeaders([[':path', '/']]));
    stream.halfClose(); // Envoy's reset close: half-close, then RST_STREAM
    expect(events).toEqual([]);
    stream.cancel();
    await tick();
    expect([replies.length, events, aborted]).toEqual([0, [], true]);
  });

  it('observability mode: a message still running at the half-close runs to its end (nothing is sent), then the call ends', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    const { stream, replies, events } = await open({
      requestHeaders: async () => {
        await gate;
        seen.push('headers');
      },
      requestBody: (ctx) => void seen.push(`body ${ctx.body.text()}`),
    });
    stream.message({ ...reqHeaders([[':path', '/']]), observabilityMode: true, protocolConfig: undefined });
    stream.message(reqBody('abc'));
    stream.halfClose();
    await tick();
    expect(events).toEqual([]);
    release();
    await vi.waitFor(() => expect(events).toEqual(['end']));
    expect([seen, replies.length]).toEqual([['headers', 'body abc'], 0]);
  });

  it('after an immediate response, a half-close ends the call at once: queued messages are never answered', async () => {
    const { stream, replies, events } = await open({
      requestHeaders: () => respond(403),
      requestBody: () => undefined,
    });
    stream.message(reqHeaders([[':path', '/']], false, BodyMode.BUFFERED));
    stream.message(reqBody('late'));
    stream.halfClose();
    expect(events).toEqual(['end']);
    expect(replies.map((r) => r.response?.$case)).toEqual(['immediateResponse']);
    const reply = replies[0]?.response;
    expect(reply?.$case === 'immediateResponse' && reply.value.status?.code).toBe(403);
  });
});

describe('ProcessorStream edge cases', () => {
  it('treats an unexpected return value as a plugin failure with a clear message', async () => {
    const { stream, replies } = await open(
      { requestHeaders: () => ({ status: 403 }) as never },
      { failure: 'open' },
    );
    stream.message(reqHeaders([[':path', '/']]));
    expect(replies[0]?.response).toEqual({ $case: 'requestHeaders', value: {} });
  });

  it('keeps going when a streamEnd hook throws', async () => {
    const { stream, events } = await open({
      streamEnd: () => {
        throw new Error('hook bug');
      },
    });
    expect(() => stream.halfClose()).not.toThrow();
    expect(events).toEqual(['end']);
  });

  it('ignores a message without a oneof (Envoy never sends one) without replying', async () => {
    const { stream, replies } = await open({ requestHeaders: () => undefined });
    stream.message({});
    expect(replies).toHaveLength(0);
  });

  it('still answers a body message that arrives after CONTINUE_AND_REPLACE (no hang)', async () => {
    const { stream, replies } = await open({
      requestHeaders: (ctx) => void ctx.mutate.replaceBody('x'),
      requestBody: () => undefined,
    });
    stream.message(reqHeaders([[':path', '/']], false, BodyMode.BUFFERED));
    stream.message(reqBody('late'));
    expect(replies.map((r) => r.response?.$case)).toEqual(['requestHeaders', 'requestBody']);
  });
});
