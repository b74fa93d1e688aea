import { describe, expect, it } from 'vitest';
import type { StatusCode } from '../gen/envoy/type/v3/http_status.js';
import { GrpcStatus } from '../transport/types.js';
import { runExchange } from './exchange.js';
import { firstReplyServer, okReply, passThroughServer, scriptedServer } from './fixtures/scripted-server.js';
import {
  bodyReply,
  headersReply,
  immediate,
  kind,
  mutation,
  setHeader,
  settle,
  sleep,
} from './fixtures/test-support.js';

describe('spurious replies (§7)', () => {
  it('§18.31 reply with wrong type (response_headers to request_headers) → 500, stream closed', async () => {
    const server = firstReplyServer(headersReply('response'));
    const res = await runExchange(server, {});
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.localReply).toBe(true);
    expect(res.downstream.details).toBe('spurious_message');
    expect(res.upstream).toBeNull();
    expect(res.stats.spurious_msgs_received).toBe(1);
    expect(res.violations.map((v) => v.kind)).toEqual(['spurious-reply']);
    expect(res.transcript.find((e) => e.type === 'received')).toMatchObject({ disposition: 'spurious' });
    expect(res.stream.endedBy).toBe('envoy');
  });

  it('§18.31 with failure_mode_allow → pass-through, stream closed, failure_mode_allowed counted', async () => {
    const server = firstReplyServer(headersReply('response'));
    const res = await runExchange(server, { envoy: { failureModeAllow: true }, upstream: { body: 'ok' } });
    expect(res.downstream.status).toBe(200);
    expect(res.downstream.body.toString()).toBe('ok');
    expect(res.upstream?.complete).toBe(true);
    expect(res.sent.map(kind)).toEqual(['requestHeaders']);
    expect(res.stats).toMatchObject({
      spurious_msgs_received: 1,
      failure_mode_allowed: 1,
      streams_closed: 1,
    });
  });

  it('§8 status_on_error is honored for 400–599 only', async () => {
    const res = await runExchange(firstReplyServer(headersReply('response')), {
      envoy: { statusOnError: 503 },
    });
    expect(res.downstream.status).toBe(503);
    const res2 = await runExchange(firstReplyServer(headersReply('response')), {
      envoy: { statusOnError: 302 },
    });
    expect(res2.downstream.status).toBe(500);
  });

  it('§18.32 an empty ProcessingResponse (no oneof) is spurious', async () => {
    const res = await runExchange(firstReplyServer({}), {});
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.details).toBe('unhandled_message');
    expect(res.stats.spurious_msgs_received).toBe(1);
  });

  it('§18.33 an extra reply after a phase completed is spurious', async () => {
    const server = scriptedServer(async (s) => {
      const m = await s.next();
      s.reply(okReply(m));
      s.reply(okReply(m));
      for (;;) {
        const next = await s.nextOrEnd();
        if (next === undefined) return;
        s.reply(okReply(next));
      }
    });
    const res = await runExchange(server, {});
    expect(res.downstream.status).toBe(500);
    expect(res.stats).toMatchObject({ spurious_msgs_received: 1, stream_msgs_received: 1 });
    expect(res.violations[0]?.kind).toBe('spurious-reply');
  });

  it('§18.33 a body reply when no body message was sent is spurious (BUFFERED, headers reply pending)', async () => {
    const server = firstReplyServer(bodyReply('request'));
    const res = await runExchange(server, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
      request: { method: 'POST', body: 'x' },
    });
    expect(res.downstream.status).toBe(500);
  });
});

describe('message timeout (§8)', () => {
  it('§18.34 no reply within message_timeout → 504 ext_proc_error_per-message_timeout_exceeded', async () => {
    const server = scriptedServer(async (s) => {
      await s.nextOrEnd();
    });
    const res = await runExchange(server, { envoy: { messageTimeoutMs: 20 } });
    expect(res.downstream.status).toBe(504);
    expect(res.downstream.details).toBe('ext_proc_error_per-message_timeout_exceeded');
    expect(res.stats).toMatchObject({ message_timeouts: 1, streams_closed: 1 });
    expect(res.violations.map((v) => v.kind)).toEqual(['message-timeout']);
    expect(res.upstream).toBeNull();
  });

  it('§18.34 with failure_mode_allow the request continues and a late reply is ignored', async () => {
    const server = scriptedServer(async (s) => {
      const m = await s.next();
      await sleep(60);
      s.reply(okReply(m));
    });
    const res = await runExchange(server, {
      envoy: { messageTimeoutMs: 20, failureModeAllow: true },
      upstream: { body: 'through' },
    });
    expect(res.downstream.status).toBe(200);
    expect(res.downstream.body.toString()).toBe('through');
    expect(res.stats).toMatchObject({ message_timeouts: 1, failure_mode_allowed: 1 });
    expect(res.received).toEqual([]);
  });

  it('§18.34 messageTimeoutMs 0 fires at once', async () => {
    const res = await runExchange(passThroughServer(), { envoy: { messageTimeoutMs: 0 } });
    expect(res.downstream.status).toBe(504);
  });

  it('§18.35 override_message_timeout ≤ max restarts the timer once', async () => {
    const server = scriptedServer(async (s) => {
      const m = await s.next();
      s.reply({ overrideMessageTimeout: { seconds: 0, nanos: 500_000_000 } });
      await sleep(80);
      s.reply(okReply(m));
      for (;;) {
        const next = await s.nextOrEnd();
        if (next === undefined) return;
        s.reply(okReply(next));
      }
    });
    const res = await runExchange(server, { envoy: { messageTimeoutMs: 30, maxMessageTimeoutMs: 1000 } });
    expect(res.downstream.status).toBe(200);
    expect(res.stats).toMatchObject({
      override_message_timeout_received: 1,
      override_message_timeout_ignored: 0,
    });
    expect(res.transcript.find((e) => e.type === 'received')).toMatchObject({
      disposition: 'timeout-override',
    });
  });

  it('§18.35 a second override for the same message, one above max, below 1 ms, or with max=0 is ignored', async () => {
    const overrides = [
      { envoy: { maxMessageTimeoutMs: 1000 }, msgs: [{ seconds: 0, nanos: 500_000_000 }, { seconds: 1 }] },
      { envoy: { maxMessageTimeoutMs: 100 }, msgs: [{ seconds: 1 }] },
      { envoy: { maxMessageTimeoutMs: 100 }, msgs: [{ seconds: 0, nanos: 500_000 }] },
      { envoy: { maxMessageTimeoutMs: 0 }, msgs: [{ seconds: 0, nanos: 50_000_000 }] },
    ];
    const results = await Promise.all(
      overrides.map(({ envoy, msgs }) => {
        const server = scriptedServer(async (s) => {
          await s.next();
          for (const d of msgs) s.reply({ overrideMessageTimeout: d });
        });
        return runExchange(server, { envoy: { messageTimeoutMs: 40, ...envoy } });
      }),
    );
    // First case: accepted once, second ignored; the extended timer still fires eventually.
    expect(results[0]?.stats).toMatchObject({
      override_message_timeout_received: 1,
      override_message_timeout_ignored: 1,
    });
    for (const res of results.slice(1)) {
      expect(res.stats).toMatchObject({
        override_message_timeout_received: 0,
        override_message_timeout_ignored: 1,
      });
    }
    for (const res of results) expect(res.downstream.status).toBe(504);
  });

  it('§18.35 other fields in an override message are ignored (the reply inside it does not count)', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      s.reply({
        overrideMessageTimeout: { nanos: 10_000_000 },
        response: { $case: 'requestHeaders', value: {} },
        dynamicMetadata: { ns: { a: 1 } },
      });
    });
    const res = await runExchange(server, {
      envoy: {
        messageTimeoutMs: 40,
        maxMessageTimeoutMs: 1000,
        metadataOptions: { receivingNamespaces: { untyped: ['ns'] } },
      },
    });
    expect(res.downstream.status).toBe(504);
    expect(res.dynamicMetadata).toEqual({});
    expect(res.violations.map((v) => v.kind)).toContain('ignored-fields');
  });
});

describe('server closing the call (§1.7)', () => {
  it('§18.36 server ends with OK after the request_headers reply → no response_headers; response passes unmodified', async () => {
    const server = scriptedServer(async (s) => {
      const m = await s.next();
      s.reply(okReply(m));
      s.end();
    });
    const res = await runExchange(server, { upstream: { status: 201, body: 'raw' } });
    expect(res.sent.map(kind)).toEqual(['requestHeaders']);
    expect(res.downstream.status).toBe(201);
    expect(res.downstream.body.toString()).toBe('raw');
    expect(res.stream).toEqual({ opened: true, endedBy: 'server-ok', status: { code: 0, message: '' } });
    expect(res.stats).toMatchObject({ streams_closed: 1, streams_failed: 0, server_half_closed: 1 });
    expect(res.violations).toEqual([]);
  });

  it('§1.7 server OK close while a BUFFERED body is held releases everything unmodified', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.end();
    });
    const res = await runExchange(server, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
      request: { method: 'POST', body: ['a', 'b'] },
    });
    expect(res.upstream?.body.toString()).toBe('ab');
    expect(res.downstream.status).toBe(200);
  });

  it('§18.37 server ends with an error status → 500 ext_proc_error_gRPC_error_<code>{msg} (whitespace → _)', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      s.fail(GrpcStatus.INTERNAL, 'boom went wrong');
    });
    const res = await runExchange(server, {});
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.details).toBe('ext_proc_error_gRPC_error_13{boom_went_wrong}');
    expect(res.stream).toMatchObject({
      endedBy: 'server-error',
      status: { code: 13, message: 'boom went wrong' },
    });
    expect(res.stats.streams_failed).toBe(1);
    expect(res.violations.map((v) => v.kind)).toEqual(['stream-error']);
  });

  it('§18.37 with failure_mode_allow the exchange passes through', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      s.fail(GrpcStatus.UNAVAILABLE, 'x');
    });
    const res = await runExchange(server, { envoy: { failureModeAllow: true } });
    expect(res.downstream.status).toBe(200);
    expect(res.stats).toMatchObject({ streams_failed: 1, failure_mode_allowed: 1 });
  });

  it('§18.38 a message over the server max receive size → RESOURCE_EXHAUSTED → 500; the handler is cancelled', async () => {
    const server = scriptedServer(
      async (s) => {
        for (;;) {
          const m = await s.nextOrEnd();
          if (m === undefined) return;
          s.reply(okReply(m));
        }
      },
      { maxReceiveMessageBytes: 200 },
    );
    const res = await runExchange(server, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
      request: { method: 'POST', body: 'x'.repeat(1000) },
    });
    await settle();
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.details).toMatch(/^ext_proc_error_gRPC_error_8\{Received_message_larger_than_max_/);
    expect(server.streams[0]?.clientEvents).toEqual(['cancel']);
  });
});

describe('ImmediateResponse (§5.4)', () => {
  it('§18.39 ImmediateResponse to request_headers → downstream gets status/headers/body; no further messages; stream closed', async () => {
    const server = firstReplyServer(
      immediate({
        status: { code: 403 },
        headers: mutation([setHeader('x-why', 'denied')]),
        body: Buffer.from('go away'),
        details: 'policy denied',
      }),
    );
    const res = await runExchange(server, {});
    await settle();
    expect(res.downstream).toMatchObject({
      status: 403,
      localReply: true,
      details: 'policy_denied',
      reset: false,
    });
    expect(res.downstream.headers.get('x-why')).toBe('denied');
    expect(res.downstream.headers.get('content-type')).toBe('text/plain');
    expect(res.downstream.body.toString()).toBe('go away');
    expect(res.sent.map(kind)).toEqual(['requestHeaders']);
    expect(res.upstream).toBeNull();
    expect(res.stats).toMatchObject({
      immediate_responses_sent: 1,
      stream_msgs_received: 1,
      streams_closed: 1,
    });
    expect(server.streams[0]?.clientEvents).toEqual(['half-close', 'cancel']);
  });

  it('§18.40 ImmediateResponse with status unset or 1xx → 200', async () => {
    const a = await runExchange(firstReplyServer(immediate({ body: Buffer.from('a') })), {});
    expect(a.downstream.status).toBe(200);
    const b = await runExchange(firstReplyServer(immediate({ status: { code: 101 as StatusCode } })), {});
    expect(b.downstream.status).toBe(200);
  });

  it('§18.41 ImmediateResponse with grpc_status on a gRPC request → trailers-only gRPC reply, body in grpc-message', async () => {
    const server = firstReplyServer(
      immediate({ status: { code: 403 }, grpcStatus: { status: 7 }, body: Buffer.from('no way 100%') }),
    );
    const res = await runExchange(server, {
      request: { method: 'POST', headers: { 'content-type': 'application/grpc' }, body: 'frame' },
    });
    expect(res.downstream.status).toBe(200);
    expect(res.downstream.headers.get('content-type')).toBe('application/grpc');
    expect(res.downstream.headers.get('grpc-status')).toBe('7');
    expect(res.downstream.headers.get('grpc-message')).toBe('no way 100%25');
    expect(res.downstream.body.length).toBe(0);
  });

  it('§5.4 ImmediateResponse header mutations go through the configured checker; failures are only logged', async () => {
    const server = firstReplyServer(
      immediate({
        status: { code: 401 },
        headers: mutation([setHeader('x-envoy-nope', '1'), setHeader('www-authenticate', 'Basic')]),
      }),
    );
    const res = await runExchange(server, {});
    expect(res.downstream.status).toBe(401);
    expect(res.downstream.headers.has('x-envoy-nope')).toBe(false);
    expect(res.downstream.headers.get('www-authenticate')).toBe('Basic');
    expect(res.stats.rejected_header_mutations).toBe(1);
    expect(res.violations.map((v) => v.kind)).toEqual(['refused-header-mutation']);
  });

  it('§5.4 ImmediateResponse is accepted in the response phase (headers held) and replaces the response', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply(immediate({ status: { code: 502 }, body: Buffer.from('bad upstream') }));
    });
    const res = await runExchange(server, { upstream: { body: 'original' } });
    expect(res.downstream).toMatchObject({ status: 502, localReply: true, reset: false });
    expect(res.downstream.body.toString()).toBe('bad upstream');
  });

  it('§18.42 ImmediateResponse to response_body after the response headers were forwarded → stream reset', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      const m = await s.next();
      expect(kind(m)).toBe('responseBody');
      s.reply(immediate({ status: { code: 500 }, details: 'too late' }));
    });
    const res = await runExchange(server, {
      envoy: { processingMode: { responseHeaderMode: 'SKIP', responseBodyMode: 'BUFFERED' } },
      upstream: { status: 200, body: 'payload' },
    });
    expect(res.downstream.reset).toBe(true);
    expect(res.downstream.status).toBe(200);
    expect(res.downstream.body.length).toBe(0);
    expect(res.downstream.details).toBe('too_late');
  });

  it('§18.43 ImmediateResponse with disable_immediate_response → spurious → 500, or pass-through when fail-open', async () => {
    const reply = immediate({ status: { code: 403 } });
    const res = await runExchange(firstReplyServer(reply), { envoy: { disableImmediateResponse: true } });
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.details).toBe('unhandled_immediate_response_due_to_config_disabled_it');
    expect(res.stats.spurious_msgs_received).toBe(1);
    expect(res.violations.map((v) => v.kind)).toEqual(['immediate-response-disabled']);

    const open = await runExchange(firstReplyServer(reply), {
      envoy: { disableImmediateResponse: true, failureModeAllow: true },
    });
    expect(open.downstream.status).toBe(200);
  });

  it('§5.4 dynamic_metadata of an ImmediateResponse message is applied', async () => {
    const res = await runExchange(
      firstReplyServer({
        ...immediate({ status: { code: 204 } }),
        dynamicMetadata: { 'my.ns': { reason: 'x' } },
      }),
      { envoy: { metadataOptions: { receivingNamespaces: { untyped: ['my.ns'] } } } },
    );
    expect(res.dynamicMetadata).toEqual({ 'my.ns': { reason: 'x' } });
    expect(res.downstream.status).toBe(204);
  });
});
