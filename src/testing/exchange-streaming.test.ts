import { describe, expect, it } from 'vitest';
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { GrpcStatus } from '../transport/types.js';
import type { EnvoyFilterConfig } from './config.js';
import { runExchange } from './exchange.js';
import {
  okReply,
  passThroughServer,
  type ScriptedStream,
  scriptedServer,
} from './fixtures/scripted-server.js';
import {
  bodyReply,
  headersReply,
  kind,
  mutation,
  REPLACE,
  replaceBody,
  setHeader,
  sleep,
  trailersReply,
} from './fixtures/test-support.js';

function bodyOf(m: ProcessingRequest | undefined): { body: string; eos: boolean } | undefined {
  const r = m?.request;
  if (r?.$case !== 'requestBody' && r?.$case !== 'responseBody') return undefined;
  return { body: (r.value.body ?? Buffer.alloc(0)).toString(), eos: r.value.endOfStream === true };
}

function duplexChunk(body: string, endOfStream: boolean): ProcessingResponse {
  return bodyReply('request', {
    bodyMutation: {
      mutation: { $case: 'streamedResponse', value: { body: Buffer.from(body), endOfStream } },
    },
  });
}

/** Replies okReply to everything until the stream ends. */
async function drain(s: ScriptedStream): Promise<void> {
  for (;;) {
    const m = await s.nextOrEnd();
    if (m === undefined) return;
    s.reply(okReply(m));
  }
}

const PARTIAL: EnvoyFilterConfig = { processingMode: { requestBodyMode: 'BUFFERED_PARTIAL' } };
const STREAMED: EnvoyFilterConfig = { processingMode: { requestBodyMode: 'STREAMED' } };
const DUPLEX: EnvoyFilterConfig = {
  processingMode: { requestBodyMode: 'FULL_DUPLEX_STREAMED', requestTrailerMode: 'SEND' },
};

describe('BUFFERED_PARTIAL (§4.5)', () => {
  for (const pacing of ['eager', 'on-idle'] as const) {
    it(`§18.12 body below the limit → one body message with eos=true (${pacing})`, async () => {
      const res = await runExchange(passThroughServer(), {
        envoy: PARTIAL,
        request: { method: 'POST', body: ['ab', 'cd'], pacing },
      });
      const bodies = res.sent.filter((m) => kind(m) === 'requestBody').map(bodyOf);
      expect(bodies).toEqual([{ body: 'abcd', eos: true }]);
      expect(res.upstream?.body.toString()).toBe('abcd');
      expect(res.upstream?.headers.get('content-length')).toBeUndefined();
    });

    it(`§18.13 body above the limit → one body message (eos=false), the rest passes unseen, trailers still sent (${pacing})`, async () => {
      const server = scriptedServer(async (s) => {
        s.reply(okReply(await s.next()));
        const body = await s.next();
        s.reply(bodyReply('request', { bodyMutation: replaceBody('HEAD') }));
        expect(bodyOf(body)).toEqual({ body: '0123456789ab', eos: false });
        await drain(s);
      });
      const res = await runExchange(server, {
        envoy: {
          processingMode: { requestBodyMode: 'BUFFERED_PARTIAL', requestTrailerMode: 'SEND' },
          bufferLimitBytes: 10,
        },
        request: { method: 'POST', body: ['0123456789ab', 'cd', 'ef'], trailers: { t: '1' }, pacing },
      });
      expect(server.errors).toEqual([]);
      expect(res.sent.map(kind)).toEqual([
        'requestHeaders',
        'requestBody',
        'requestTrailers',
        'responseHeaders',
      ]);
      expect(res.upstream?.body.toString()).toBe('HEADcdef');
      expect(res.upstream?.trailers?.get('t')).toBe('1');
    });
  }
});

describe('STREAMED (§4.6, §4.7)', () => {
  it('§18.14 N chunks → N body messages (eos only on the last), one reply per chunk applied FIFO', async () => {
    const server = scriptedServer(async (s) => {
      const chunks: ProcessingRequest[] = [];
      while (chunks.length < 3) chunks.push(await s.next());
      // All three are outstanding at once (headers SKIP): answer in order with distinct edits.
      s.reply(bodyReply('request', { bodyMutation: replaceBody('A') }));
      s.reply(bodyReply('request'));
      s.reply(bodyReply('request', { bodyMutation: replaceBody('C') }));
      expect(chunks.map(bodyOf)).toEqual([
        { body: 'x', eos: false },
        { body: 'y', eos: false },
        { body: 'z', eos: true },
      ]);
      await drain(s);
    });
    const res = await runExchange(server, {
      envoy: { processingMode: { requestHeaderMode: 'SKIP', requestBodyMode: 'STREAMED' } },
      request: { method: 'POST', body: ['x', 'y', 'z'] },
    });
    expect(server.errors).toEqual([]);
    expect(res.upstream?.bodyChunks.map(String)).toEqual(['A', 'y', 'C']);
    expect(res.violations).toEqual([]);
  });

  it('§18.14 (on-idle) chunks after the headers reply each get their own message', async () => {
    const res = await runExchange(passThroughServer(), {
      envoy: STREAMED,
      request: { method: 'POST', body: ['a', 'b', 'c'], pacing: 'on-idle' },
    });
    expect(res.sent.filter((m) => kind(m) === 'requestBody').map(bodyOf)).toEqual([
      { body: 'a', eos: false },
      { body: 'b', eos: false },
      { body: 'c', eos: true },
    ]);
    expect(res.upstream?.body.toString()).toBe('abc');
  });

  it('§18.15 chunks arriving before the headers reply are coalesced into one body message (eos=false)', async () => {
    const res = await runExchange(passThroughServer(), {
      envoy: { ...STREAMED, bufferLimitBytes: 3 },
      request: { method: 'POST', body: ['ab', 'cd', 'ef'] },
    });
    // 'ab'+'cd' exceed the 3-byte limit while held: the watermark stops the source (§4.2.5).
    expect(res.sent.filter((m) => kind(m) === 'requestBody').map(bodyOf)).toEqual([
      { body: 'abcd', eos: false },
      { body: 'ef', eos: true },
    ]);
    expect(res.upstream?.body.toString()).toBe('abcdef');
  });

  it('§4.6 a body complete before the headers reply is one message handled like a buffered body', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      const m = await s.next();
      expect(bodyOf(m)).toEqual({ body: 'abcd', eos: true });
      s.reply(bodyReply('request', { headerMutation: mutation([setHeader('x-from-body', '1')]) }));
      await drain(s);
    });
    const res = await runExchange(server, {
      envoy: STREAMED,
      request: { method: 'POST', body: ['ab', 'cd'] },
    });
    expect(server.errors).toEqual([]);
    expect(res.upstream?.headers.get('x-from-body')).toBe('1');
  });

  it('§18.16 send_body_without_waiting: chunks go out before the headers reply; headers must be answered first', async () => {
    const order: string[] = [];
    const server = scriptedServer(async (s) => {
      const headers = await s.next();
      const c1 = await s.next();
      const c2 = await s.next();
      order.push(kind(headers) ?? '', kind(c1) ?? '', kind(c2) ?? '');
      s.reply(okReply(headers));
      s.reply(okReply(c1));
      s.reply(okReply(c2));
      await drain(s);
    });
    const res = await runExchange(server, {
      envoy: { ...STREAMED, sendBodyWithoutWaitingForHeaderResponse: true },
      request: { method: 'POST', body: ['a', 'b'] },
    });
    expect(order).toEqual(['requestHeaders', 'requestBody', 'requestBody']);
    expect(res.sent[0]?.protocolConfig?.sendBodyWithoutWaitingForHeaderResponse).toBe(true);
    expect(res.upstream?.body.toString()).toBe('ab');
    expect(res.violations).toEqual([]);

    const wrongOrder = scriptedServer(async (s) => {
      await s.next();
      const c1 = await s.next();
      s.reply(okReply(c1));
    });
    const bad = await runExchange(wrongOrder, {
      envoy: { ...STREAMED, sendBodyWithoutWaitingForHeaderResponse: true },
      request: { method: 'POST', body: ['a', 'b'] },
    });
    expect(bad.downstream.status).toBe(500);
    expect(bad.stats.spurious_msgs_received).toBe(1);
  });

  it('§18.17 STREAMED with trailers and trailer SKIP: the server never receives eos=true', async () => {
    const res = await runExchange(passThroughServer(), {
      envoy: STREAMED,
      request: { method: 'POST', body: ['a', 'b'], trailers: { t: '1' }, pacing: 'on-idle' },
    });
    const bodies = res.sent.filter((m) => kind(m) === 'requestBody').map(bodyOf);
    expect(bodies).toEqual([
      { body: 'a', eos: false },
      { body: 'b', eos: false },
    ]);
    expect(res.upstream?.trailers?.get('t')).toBe('1');
    expect(res.upstream?.complete).toBe(true);
  });

  it('§18.18 STREAMED + trailer SEND: request_trailers only after all chunk replies arrived', async () => {
    const server = scriptedServer(async (s) => {
      const c1 = await s.next();
      const c2 = await s.next();
      await sleep(10);
      // Nothing else may arrive while chunks are unanswered.
      expect(s.received).toHaveLength(2);
      s.reply(okReply(c1));
      s.reply(okReply(c2));
      const t = await s.next();
      expect(kind(t)).toBe('requestTrailers');
      s.reply(trailersReply('request', mutation([setHeader('t', '2')])));
      await drain(s);
    });
    const res = await runExchange(server, {
      envoy: {
        processingMode: {
          requestHeaderMode: 'SKIP',
          requestBodyMode: 'STREAMED',
          requestTrailerMode: 'SEND',
        },
      },
      request: { method: 'POST', body: ['a', 'b'], trailers: { t: '1' } },
    });
    expect(server.errors).toEqual([]);
    expect(res.upstream?.trailers?.get('t')).toBe('2');
  });

  it('§18.19 a terminal empty DATA frame → body message "" with eos=true that needs a reply', async () => {
    const res = await runExchange(passThroughServer(), {
      envoy: STREAMED,
      request: { method: 'POST', body: ['ab', ''], pacing: 'on-idle' },
    });
    expect(res.sent.filter((m) => kind(m) === 'requestBody').map(bodyOf)).toEqual([
      { body: 'ab', eos: false },
      { body: '', eos: true },
    ]);
    expect(res.upstream?.complete).toBe(true);
    expect(res.upstream?.body.toString()).toBe('ab');
  });

  it('§18.20 STREAMED body reply: header_mutation / CONTINUE_AND_REPLACE ignored; streamed_response → spurious', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply(
        bodyReply('request', {
          status: REPLACE,
          headerMutation: mutation([setHeader('x-late', '1')]),
          bodyMutation: replaceBody('B'),
        }),
      );
      await drain(s);
    });
    const res = await runExchange(server, {
      envoy: STREAMED,
      request: { method: 'POST', body: ['a'], pacing: 'on-idle' },
    });
    expect(res.upstream?.headers.has('x-late')).toBe(false);
    expect(res.upstream?.body.toString()).toBe('B');
    expect(res.violations.map((v) => v.kind).sort()).toEqual(['ignored-fields', 'ignored-header-mutation']);

    const spurious = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply(duplexChunk('x', true));
    });
    const bad = await runExchange(spurious, {
      envoy: STREAMED,
      request: { method: 'POST', body: ['a'], pacing: 'on-idle' },
    });
    expect(bad.downstream.status).toBe(500);
    expect(bad.downstream.details).toBe(
      'spurious_message:_streamed_response_is_received_while_body_mode__is_not_FULL_DUPLEX_STREAMED',
    );
  });

  it('§18.21 a server withholding replies until EOS with a body over the limit stalls (watermark), then 504', async () => {
    const server = scriptedServer(async (s) => {
      for (;;) {
        const m = await s.nextOrEnd();
        if (m === undefined || bodyOf(m)?.eos) return;
      }
    });
    const res = await runExchange(server, {
      envoy: {
        processingMode: { requestHeaderMode: 'SKIP', requestBodyMode: 'STREAMED' },
        bufferLimitBytes: 10,
        messageTimeoutMs: 40,
      },
      request: { method: 'POST', body: ['aaaaa', 'bbbbb', 'ccccc', 'ddddd', 'eeeee'] },
    });
    expect(res.downstream.status).toBe(504);
    // The source stopped once more than 10 bytes were queued.
    expect(res.sent.filter((m) => kind(m) === 'requestBody')).toHaveLength(3);
  });

  it('§1.6 the reply to the last STREAMED chunk closes the stream when nothing else is needed', async () => {
    const res = await runExchange(passThroughServer(), {
      envoy: { processingMode: { requestBodyMode: 'STREAMED', responseHeaderMode: 'SKIP' } },
      request: { method: 'POST', body: ['a', 'b'], pacing: 'on-idle' },
    });
    const types = res.transcript.map((e) => e.type);
    expect(types.slice(-3)).toEqual(['received', 'half-closed', 'cancelled']);
    expect(res.upstream?.body.toString()).toBe('ab');
  });
});

describe('FULL_DUPLEX_STREAMED (§4.8)', () => {
  it('§18.22 headers and all chunks go out at once; the server replies headers, then streamed chunks, last eos', async () => {
    const server = scriptedServer(async (s) => {
      const msgs = [await s.next(), await s.next(), await s.next()];
      expect(msgs.map(kind)).toEqual(['requestHeaders', 'requestBody', 'requestBody']);
      s.reply(okReply(msgs[0] as ProcessingRequest));
      s.reply(duplexChunk('X', false));
      await sleep(5);
      s.reply(duplexChunk('YZ', true));
      await drain(s);
    });
    const res = await runExchange(server, { envoy: DUPLEX, request: { method: 'POST', body: ['a', 'b'] } });
    expect(server.errors).toEqual([]);
    // Doubt (§4.8): with the whole body in before the headers reply Envoy keeps the headers until
    // the last output chunk; the kit then forwards the held output as one DATA frame.
    expect(res.upstream?.body.toString()).toBe('XYZ');
    expect(res.upstream?.headers.get('content-length')).toBeUndefined();
    expect(res.violations).toEqual([]);
  });

  it('§18.23 with trailers: the trailers message arrives without waiting; chunks eos=false then a TrailersResponse', async () => {
    const server = scriptedServer(async (s) => {
      const msgs = [await s.next(), await s.next(), await s.next()];
      expect(msgs.map(kind)).toEqual(['requestHeaders', 'requestBody', 'requestTrailers']);
      s.reply(okReply(msgs[0] as ProcessingRequest));
      s.reply(duplexChunk('OUT', false));
      s.reply(trailersReply('request', mutation([setHeader('t', 'new')])));
      await drain(s);
    });
    const res = await runExchange(server, {
      envoy: DUPLEX,
      request: { method: 'POST', body: ['in'], trailers: { t: 'old' } },
    });
    expect(server.errors).toEqual([]);
    expect(res.upstream?.body.toString()).toBe('OUT');
    expect(res.upstream?.trailers?.get('t')).toBe('new');
  });

  it('§18.24 a body reply using body / clear_body in FULL_DUPLEX is spurious → 500', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply(bodyReply('request', { bodyMutation: replaceBody('no') }));
    });
    const res = await runExchange(server, { envoy: DUPLEX, request: { method: 'POST', body: 'a' } });
    expect(res.downstream.status).toBe(500);
    expect(res.stats.spurious_msgs_received).toBe(1);
  });

  it('§18.25 a body reply before the headers reply is spurious → 500', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      await s.next();
      s.reply(duplexChunk('x', true));
    });
    const res = await runExchange(server, { envoy: DUPLEX, request: { method: 'POST', body: 'a' } });
    expect(res.downstream.status).toBe(500);
  });

  it('§18.26 no per-message timeout in FULL_DUPLEX: a slow server still completes', async () => {
    const server = scriptedServer(async (s) => {
      const h = await s.next();
      await s.next();
      await sleep(60);
      s.reply(okReply(h));
      s.reply(duplexChunk('late', true));
      await drain(s);
    });
    const res = await runExchange(server, {
      envoy: { ...DUPLEX, messageTimeoutMs: 5 },
      request: { method: 'POST', body: 'a' },
    });
    expect(res.downstream.status).toBe(200);
    expect(res.stats.message_timeouts).toBe(0);
    expect(res.upstream?.body.toString()).toBe('late');
  });

  it('§18.27 FULL_DUPLEX + failure_mode_allow: an error after body data was sent is still fail-closed', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.fail(GrpcStatus.UNAVAILABLE, 'gone');
    });
    const res = await runExchange(server, {
      envoy: { ...DUPLEX, failureModeAllow: true },
      request: { method: 'POST', body: 'a' },
    });
    expect(res.downstream.status).toBe(500);
    expect(res.stats.failure_mode_allowed).toBe(0);
  });

  it('§18.28 a TrailersResponse for a message without trailers is accepted; no trailers are forwarded', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply(duplexChunk('body', false));
      s.reply(trailersReply('request'));
      await drain(s);
    });
    const res = await runExchange(server, { envoy: DUPLEX, request: { method: 'POST', body: 'a' } });
    expect(res.upstream?.body.toString()).toBe('body');
    expect(res.upstream?.trailers).toBeUndefined();
    expect(res.upstream?.complete).toBe(true);
    expect(res.stats.spurious_msgs_received).toBe(0);
  });
});

describe('interleaving and content-length', () => {
  it('§18.30 the upstream answers while request chunks are outstanding: both directions interleave', async () => {
    const server = scriptedServer(async (s) => {
      const h = await s.next();
      s.reply(okReply(h));
      // Hold the first request-body reply until the response headers message shows up too.
      const first = [await s.next(), await s.next()];
      const respHeaders = first.find((m) => kind(m) === 'responseHeaders');
      const chunk = first.find((m) => kind(m) === 'requestBody');
      if (respHeaders === undefined || chunk === undefined) throw new Error(`unexpected ${first.map(kind)}`);
      s.reply(okReply(respHeaders));
      s.reply(okReply(chunk));
      // Answer the response body only once the request body is complete, so the response does
      // not finish first (Envoy would then end the exchange and reset the request).
      let heldResponseBody: ProcessingRequest | undefined;
      for (;;) {
        const m = await s.nextOrEnd();
        if (m === undefined) return;
        if (kind(m) === 'responseBody') {
          heldResponseBody = m;
          continue;
        }
        s.reply(okReply(m));
        if (bodyOf(m)?.eos && heldResponseBody !== undefined) s.reply(okReply(heldResponseBody));
      }
    });
    const res = await runExchange(server, {
      envoy: { processingMode: { requestBodyMode: 'STREAMED', responseBodyMode: 'BUFFERED' } },
      request: { method: 'POST', body: ['a', 'b'], pacing: 'on-idle' },
      upstreamTiming: 'after-request-headers',
      upstream: { body: 'resp' },
    });
    expect(server.errors).toEqual([]);
    const seq = res.transcript.flatMap((e) => (e.type === 'sent' ? [kind(e.message)] : []));
    expect(seq.indexOf('responseHeaders')).toBeLessThan(seq.lastIndexOf('requestBody'));
    expect(res.upstream?.body.toString()).toBe('ab');
    expect(res.downstream.body.toString()).toBe('resp');
  });

  it('§18.53 STREAMED / FULL_DUPLEX / BUFFERED_PARTIAL strip content-length and drop a server set; 1.38 allow_content_length_header keeps both', async () => {
    const setsLength = scriptedServer(async (s) => {
      const h = await s.next();
      s.reply(headersReply('request', { headerMutation: mutation([setHeader('content-length', '2')]) }));
      void h;
      await drain(s);
    });
    for (const requestBodyMode of ['STREAMED', 'BUFFERED_PARTIAL'] as const) {
      const res = await runExchange(setsLength, {
        envoy: { processingMode: { requestBodyMode } },
        request: { method: 'POST', body: 'ab' },
      });
      expect(res.upstream?.headers.get('content-length')).toBeUndefined();
      expect(res.violations.map((v) => v.kind)).toEqual(['ignored-header-mutation']);
    }
    const kept = await runExchange(setsLength, {
      envoy: { processingMode: { requestBodyMode: 'STREAMED' }, allowContentLengthHeader: true },
      request: { method: 'POST', body: 'ab' },
    });
    expect(kept.upstream?.headers.get('content-length')).toBe('2');
  });
});
