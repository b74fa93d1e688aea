import { describe, expect, it } from 'vitest';
import { UnsupportedFeatureError } from './errors.js';
import { runExchange } from './exchange.js';
import { okReply, passThroughServer, scriptedServer } from './fixtures/scripted-server.js';
import {
  bodyReply,
  headersReply,
  headerValue,
  kind,
  mutation,
  replaceBody,
  setHeader,
} from './fixtures/test-support.js';

const BUFFERED_REQ = { processingMode: { requestBodyMode: 'BUFFERED' as const } };

describe('BUFFERED bodies', () => {
  for (const pacing of ['eager', 'on-idle'] as const) {
    it(`§18.5 several DATA frames → one request_body (full body, eos); upstream only after the body reply (${pacing})`, async () => {
      let bodyReplied = false;
      let upstreamAfterBodyReply: boolean | undefined;
      const server = scriptedServer(async (s) => {
        for (;;) {
          const m = await s.nextOrEnd();
          if (m === undefined) return;
          if (kind(m) === 'requestBody') bodyReplied = true;
          s.reply(okReply(m));
        }
      });
      const res = await runExchange(server, {
        envoy: BUFFERED_REQ,
        request: { method: 'POST', body: ['ab', 'cd', 'ef'], pacing },
        upstream: (req) => {
          upstreamAfterBodyReply = bodyReplied;
          return { body: req.body };
        },
      });
      const bodies = res.sent.filter((m) => kind(m) === 'requestBody');
      expect(bodies).toHaveLength(1);
      const body = bodies[0]?.request;
      expect(body?.$case === 'requestBody' && body.value.body?.toString()).toBe('abcdef');
      expect(body?.$case === 'requestBody' && body.value.endOfStream).toBe(true);
      expect(upstreamAfterBodyReply).toBe(true);
      expect(res.upstream?.body.toString()).toBe('abcdef');
      expect(res.violations).toEqual([]);
    });
  }

  it('§18.6 the whole body arrives before the headers reply → the body message is sent right after that reply', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: BUFFERED_REQ,
      request: { method: 'POST', body: ['12', '34'], pacing: 'eager' },
    });
    const seq = res.transcript.flatMap((e) => {
      if (e.type === 'sent') return [`sent:${e.message.request?.$case}`];
      if (e.type === 'received') return [`received:${e.message.response?.$case}`];
      return [];
    });
    expect(seq.slice(0, 3)).toEqual(['sent:requestHeaders', 'received:requestHeaders', 'sent:requestBody']);
  });

  it('§18.7 request body over the buffer limit → no body message, 413 local reply that goes through response processing (§19.5)', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: { ...BUFFERED_REQ, bufferLimitBytes: 10 },
      request: { method: 'POST', body: ['0123456', '789abcd'] },
    });
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(headerValue(res.sent[1], ':status')).toBe('413');
    expect(res.downstream.status).toBe(413);
    expect(res.downstream.body.toString()).toBe('Payload Too Large');
    expect(res.downstream.localReply).toBe(true);
    expect(res.downstream.details).toBe('request_payload_too_large');
    expect(res.upstream).toBeNull();
    expect(res.stream.endedBy).toBe('envoy');
  });

  it('§18.7 (on-idle) overflow after the headers reply → 413 too, never a body message', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      // The limit applies to the 413 reply's body too: keep it above 17 bytes ("Payload Too Large").
      envoy: {
        bufferLimitBytes: 20,
        processingMode: { requestBodyMode: 'BUFFERED', responseBodyMode: 'BUFFERED' },
      },
      request: { method: 'POST', body: ['0123456789ab', 'cdefghijklmn'], pacing: 'on-idle' },
    });
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders', 'responseBody']);
    const rb = res.sent[2]?.request;
    expect(rb?.$case === 'responseBody' && rb.value.body?.toString()).toBe('Payload Too Large');
    expect(res.downstream.status).toBe(413);
  });

  it('§18.7 response body over the buffer limit → 500 local reply, the server never sees the body', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: { processingMode: { responseBodyMode: 'BUFFERED' }, bufferLimitBytes: 8 },
      upstream: { body: ['01234', '56789'] },
    });
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.details).toBe('response_payload_too_large');
    expect(res.downstream.localReply).toBe(true);
  });

  it('§18.8 BUFFERED + trailer SEND with trailers → request_body eos=false, then request_trailers after the body reply', async () => {
    for (const pacing of ['eager', 'on-idle'] as const) {
      const order: string[] = [];
      const server = scriptedServer(async (s) => {
        for (;;) {
          const m = await s.nextOrEnd();
          if (m === undefined) return;
          order.push(kind(m) ?? '?');
          s.reply(okReply(m));
        }
      });
      const res = await runExchange(server, {
        envoy: { processingMode: { requestBodyMode: 'BUFFERED', requestTrailerMode: 'SEND' } },
        request: { method: 'POST', body: ['ab', 'cd'], trailers: { 'x-checksum': '42' }, pacing },
      });
      expect(order.slice(0, 3)).toEqual(['requestHeaders', 'requestBody', 'requestTrailers']);
      const body = res.sent[1]?.request;
      expect(body?.$case === 'requestBody' && body.value.endOfStream).toBe(false);
      expect(body?.$case === 'requestBody' && body.value.body?.toString()).toBe('abcd');
      expect(res.upstream?.body.toString()).toBe('abcd');
      expect(res.upstream?.trailers?.get('x-checksum')).toBe('42');
    }
  });

  it('§18.9 BUFFERED, HEADERS then TRAILERS without DATA → no body message, only trailers (SEND)', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED', requestTrailerMode: 'SEND' } },
      request: { method: 'POST', trailers: { t: '1' } },
    });
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'requestTrailers', 'responseHeaders']);
    expect(res.upstream?.trailers?.get('t')).toBe('1');

    const server2 = passThroughServer();
    const res2 = await runExchange(server2, {
      envoy: BUFFERED_REQ,
      request: { method: 'POST', trailers: { t: '1' }, pacing: 'on-idle' },
    });
    expect(res2.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(res2.upstream?.trailers?.get('t')).toBe('1');
  });

  it('§4.4 empty body with end-of-stream → a body message with an empty body and eos=true', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, { envoy: BUFFERED_REQ, request: { method: 'POST', body: '' } });
    const body = res.sent[1]?.request;
    expect(body?.$case === 'requestBody' && body.value.body?.length).toBe(0);
    expect(body?.$case === 'requestBody' && body.value.endOfStream).toBe(true);
  });

  it('§18.10 / §19.1 BUFFERED + header SKIP → body message only, headers go upstream at once without content-length, header_mutation in the body reply dropped', async () => {
    let upstreamHadHeadersBeforeBodyReply = false;
    const server = scriptedServer(async (s) => {
      const m = await s.next();
      expect(kind(m)).toBe('requestBody');
      upstreamHadHeadersBeforeBodyReply = true;
      s.reply(
        bodyReply('request', {
          headerMutation: mutation([setHeader('x-added', 'y')]),
          bodyMutation: replaceBody('NEW'),
        }),
      );
      for (;;) {
        const next = await s.nextOrEnd();
        if (next === undefined) return;
        s.reply(okReply(next));
      }
    });
    const res = await runExchange(server, {
      envoy: { processingMode: { requestHeaderMode: 'SKIP', requestBodyMode: 'BUFFERED' } },
      request: { method: 'POST', body: 'original' },
    });
    expect(upstreamHadHeadersBeforeBodyReply).toBe(true);
    expect(res.sent.map(kind)).toEqual(['requestBody', 'responseHeaders']);
    expect(res.sent[0]?.protocolConfig).toBeDefined();
    expect(res.upstream?.headers.get('content-length')).toBeUndefined();
    expect(res.upstream?.headers.get('x-added')).toBeUndefined();
    expect(res.upstream?.body.toString()).toBe('NEW');
    expect(res.violations.map((v) => v.kind)).toEqual(['ignored-header-mutation']);
  });

  it('§18.11 BUFFERED + header SEND: body change without fixing content-length → 500 with the mismatch details', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply(bodyReply('request', { bodyMutation: replaceBody('much longer body') }));
    });
    const res = await runExchange(server, {
      envoy: BUFFERED_REQ,
      request: { method: 'POST', body: 'short' },
    });
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.details).toBe('mismatch_between_content_length_and_the_length_of_the_mutated_body');
    expect(res.upstream).toBeNull();
    expect(res.violations.map((v) => v.kind)).toEqual(['content-length-mismatch']);
  });

  it('§18.11 (positive) fixing content-length in the same body reply is accepted; clear_body with non-zero content-length is a mismatch', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply(
        bodyReply('request', {
          headerMutation: mutation([setHeader('content-length', '16')]),
          bodyMutation: replaceBody('much longer body'),
        }),
      );
      for (;;) {
        const m = await s.nextOrEnd();
        if (m === undefined) return;
        s.reply(okReply(m));
      }
    });
    const res = await runExchange(server, {
      envoy: BUFFERED_REQ,
      request: { method: 'POST', body: 'short' },
    });
    expect(res.downstream.status).toBe(200);
    expect(res.upstream?.headers.get('content-length')).toBe('16');
    expect(res.upstream?.body.toString()).toBe('much longer body');

    const server2 = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply(bodyReply('request', { bodyMutation: { mutation: { $case: 'clearBody', value: true } } }));
    });
    const res2 = await runExchange(server2, {
      envoy: BUFFERED_REQ,
      request: { method: 'POST', body: 'short' },
    });
    expect(res2.downstream.status).toBe(500);
  });

  it('§5.2 a header_mutation in the BUFFERED body reply applies to the still-held headers', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply(bodyReply('request', { headerMutation: mutation([setHeader('x-from-body', 'yes')]) }));
      for (;;) {
        const m = await s.nextOrEnd();
        if (m === undefined) return;
        s.reply(okReply(m));
      }
    });
    const res = await runExchange(server, { envoy: BUFFERED_REQ, request: { method: 'POST', body: 'abc' } });
    expect(res.upstream?.headers.get('x-from-body')).toBe('yes');
    expect(res.upstream?.body.toString()).toBe('abc');
  });

  it('§19.2 streamed_response in a BUFFERED body reply is ignored and counts as a 0-byte body for content-length', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply(
        bodyReply('request', {
          bodyMutation: { mutation: { $case: 'streamedResponse', value: { body: Buffer.from('zz') } } },
        }),
      );
    });
    const res = await runExchange(server, { envoy: BUFFERED_REQ, request: { method: 'POST', body: 'abc' } });
    expect(res.downstream.status).toBe(500);
    expect(res.stats.spurious_msgs_received).toBe(0);
  });

  it('§18.10 the response direction works the same way (BUFFERED response with header mutation in the body reply)', async () => {
    const server = scriptedServer(async (s) => {
      for (;;) {
        const m = await s.nextOrEnd();
        if (m === undefined) return;
        if (kind(m) === 'responseBody') {
          s.reply(
            bodyReply('response', {
              headerMutation: mutation([setHeader('content-length', '3')]),
              bodyMutation: replaceBody('xyz'),
            }),
          );
        } else s.reply(okReply(m));
      }
    });
    const res = await runExchange(server, {
      envoy: { processingMode: { responseBodyMode: 'BUFFERED' } },
      upstream: { body: 'hello world' },
    });
    expect(res.downstream.body.toString()).toBe('xyz');
    expect(res.downstream.headers.get('content-length')).toBe('3');
  });

  it('§4.1 GRPC body mode (not implemented by the HTTP filter) is rejected', async () => {
    const server = passThroughServer();
    await expect(
      runExchange(server, { envoy: { processingMode: { requestBodyMode: 'GRPC' } } }),
    ).rejects.toThrow(UnsupportedFeatureError);
    expect(server.streams).toHaveLength(0);
  });

  it('§4.1 FULL_DUPLEX_STREAMED without trailer SEND is a config Envoy rejects', async () => {
    await expect(
      runExchange(passThroughServer(), {
        envoy: { processingMode: { requestBodyMode: 'FULL_DUPLEX_STREAMED' } },
      }),
    ).rejects.toThrow(/requires requestTrailerMode SEND/);
  });

  it('headers reply for a BUFFERED body keeps headers mutable until the body reply', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(headersReply('request', { headerMutation: mutation([setHeader('x-h', '1')]) }));
      await s.next();
      s.reply(bodyReply('request', { headerMutation: mutation([setHeader('x-b', '2')]) }));
      for (;;) {
        const m = await s.nextOrEnd();
        if (m === undefined) return;
        s.reply(okReply(m));
      }
    });
    const res = await runExchange(server, { envoy: BUFFERED_REQ, request: { method: 'POST', body: 'q' } });
    expect(res.upstream?.headers.get('x-h')).toBe('1');
    expect(res.upstream?.headers.get('x-b')).toBe('2');
  });
});
