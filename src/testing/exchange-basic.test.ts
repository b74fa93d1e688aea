import { describe, expect, it } from 'vitest';
import { ProcessingMode_BodySendMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import { inProcessChannel } from './channel-in-process.js';
import { runExchange } from './exchange.js';
import { okReply, passThroughServer, scriptedServer } from './fixtures/scripted-server.js';
import { headerValue, headerValues, kind, settle } from './fixtures/test-support.js';

describe('header modes and stream lifecycle', () => {
  it('§18.1 GET with the default config: request_headers (eos, protocol_config), response_headers, then half-close + cancel', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, { request: { path: '/hello' } });
    await settle();

    expect(res.downstream.status).toBe(200);
    expect(res.downstream.localReply).toBe(false);
    expect(res.downstream.details).toBe('via_upstream');
    expect(res.violations).toEqual([]);

    const [first, second] = server.streams[0]?.received ?? [];
    expect(kind(first)).toBe('requestHeaders');
    expect(first?.request?.$case === 'requestHeaders' && first.request.value.endOfStream).toBe(true);
    expect(first?.protocolConfig).toEqual({
      requestBodyMode: ProcessingMode_BodySendMode.NONE,
      responseBodyMode: ProcessingMode_BodySendMode.NONE,
      sendBodyWithoutWaitingForHeaderResponse: false,
    });
    expect(headerValue(first, ':path')).toBe('/hello');
    expect(kind(second)).toBe('responseHeaders');
    expect(second?.protocolConfig).toBeUndefined();
    expect(server.streams[0]?.clientEvents).toEqual(['half-close', 'cancel']);

    expect(res.transcript.map((e) => e.type)).toEqual([
      'opened',
      'sent',
      'received',
      'sent',
      'received',
      'half-closed',
      'cancelled',
    ]);
    expect(res.stats).toMatchObject({
      streams_started: 1,
      stream_msgs_sent: 2,
      stream_msgs_received: 2,
      streams_closed: 1,
      spurious_msgs_received: 0,
    });
    expect(res.stream).toEqual({ opened: true, endedBy: 'envoy' });
  });

  it('§18.2 request_header_mode SKIP: the first message is response_headers and carries protocol_config', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, { envoy: { processingMode: { requestHeaderMode: 'SKIP' } } });
    expect(res.sent.map(kind)).toEqual(['responseHeaders']);
    expect(res.sent[0]?.protocolConfig).toBeDefined();
    expect(server.streams[0]?.received[0]?.protocolConfig?.requestBodyMode).toBe(0);
    expect(res.upstream?.complete).toBe(true);
  });

  it('§18.3 all header modes SKIP, bodies NONE, trailers SKIP: no Process stream is opened', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: { processingMode: { requestHeaderMode: 'SKIP', responseHeaderMode: 'SKIP' } },
      request: { method: 'POST', body: 'x', trailers: { t: '1' } },
      upstream: { body: 'y', trailers: { u: '2' } },
    });
    expect(server.streams).toHaveLength(0);
    expect(res.stream).toEqual({ opened: false, endedBy: 'never-opened' });
    expect(res.stats.streams_started).toBe(0);
    expect(res.downstream.body.toString()).toBe('y');
    expect(res.upstream?.trailers?.get('t')).toBe('1');
  });

  it('§18.4 POST with body mode NONE: request_headers eos=false, no body message, body forwarded after the reply', async () => {
    let replied = false;
    let upstreamSawReply: boolean | undefined;
    const server = scriptedServer(async (s) => {
      for (;;) {
        const m = await s.nextOrEnd();
        if (m === undefined) return;
        replied = true;
        s.reply(okReply(m));
      }
    });
    const res = await runExchange(server, {
      request: { method: 'POST', body: ['ab', 'cd'], pacing: 'on-idle' },
      upstream: (req) => {
        upstreamSawReply = replied;
        return { body: req.body };
      },
    });
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    const first = res.sent[0];
    expect(first?.request?.$case === 'requestHeaders' && first.request.value.endOfStream).toBe(false);
    expect(upstreamSawReply).toBe(true);
    expect(res.upstream?.body.toString()).toBe('abcd');
    expect(res.upstream?.bodyChunks.map(String)).toEqual(['ab', 'cd']);
    expect(res.downstream.body.toString()).toBe('abcd');
  });

  it('§18.29 trailer mode SEND but the message has no trailers: no trailers message', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: { processingMode: { requestTrailerMode: 'SEND', responseTrailerMode: 'SEND' } },
      request: { method: 'POST', body: 'abc' },
      upstream: { body: 'def' },
    });
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(res.downstream.trailers).toBeUndefined();
  });

  it('§18.29 (positive) trailer mode SEND with trailers: trailers messages follow, mutations apply', async () => {
    const server = scriptedServer(async (s) => {
      for (;;) {
        const m = await s.nextOrEnd();
        if (m === undefined) return;
        if (m.request?.$case === 'responseTrailers') {
          s.reply({
            response: {
              $case: 'responseTrailers',
              value: {
                headerMutation: { setHeaders: [{ header: { key: 'x-t', rawValue: Buffer.from('v') } }] },
              },
            },
          });
        } else {
          s.reply(okReply(m));
        }
      }
    });
    const res = await runExchange(server, {
      envoy: { processingMode: { requestTrailerMode: 'SEND', responseTrailerMode: 'SEND' } },
      request: { method: 'POST', body: 'abc', trailers: { 'x-req-t': '1' } },
      upstream: { body: 'def', trailers: { 'grpc-status': '0' } },
    });
    expect(res.sent.map(kind)).toEqual([
      'requestHeaders',
      'requestTrailers',
      'responseHeaders',
      'responseTrailers',
    ]);
    expect(headerValue(res.sent[1], 'x-req-t')).toBe('1');
    expect(res.upstream?.trailers?.get('x-req-t')).toBe('1');
    expect(res.downstream.trailers?.get('x-t')).toBe('v');
    expect(res.downstream.trailers?.get('grpc-status')).toBe('0');
    expect(res.violations).toEqual([]);
  });
});

describe('what Envoy puts in headers messages', () => {
  it('§18.66 repeated headers are separate entries; §19.6 inline headers are comma-folded', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
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
    expect(headerValues(res.sent[0], 'x-multi')).toEqual(['a', 'b']);
    expect(headerValues(res.sent[0], 'x-forwarded-for')).toEqual(['1.1.1.1,2.2.2.2']);
    expect(headerValues(res.sent[1], 'set-cookie')).toEqual(['a=1', 'b=2']);
    expect(res.downstream.headers.getAll('set-cookie')).toEqual(['a=1', 'b=2']);
  });

  it('§18.67 an HTTP/1 Host header is seen as :authority', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, { request: { headers: { Host: 'a.example' } } });
    expect(headerValue(res.sent[0], ':authority')).toBe('a.example');
    expect(headerValue(res.sent[0], 'host')).toBeUndefined();
  });

  it('§18.68 obs-text bytes are delivered byte-exact in raw_value', async () => {
    const bytes = Buffer.from([0x61, 0xe9, 0xff, 0x80, 0x20, 0x7a]);
    const server = passThroughServer();
    const res = await runExchange(server, { request: { headers: [['x-bin', bytes]] } });
    const received = server.streams[0]?.received[0];
    const entry =
      received?.request?.$case === 'requestHeaders'
        ? received.request.value.headers?.headers?.find((h) => h.key === 'x-bin')
        : undefined;
    expect(Buffer.compare(entry?.rawValue ?? Buffer.alloc(0), bytes)).toBe(0);
    expect(entry?.value).toBe('');
    expect(Buffer.compare(res.upstream?.headers.getRaw('x-bin')[0] ?? Buffer.alloc(0), bytes)).toBe(0);
  });

  it('§3.1 §3.3 keys are lower-case, pseudo-headers first, HCM headers present, content-length in the message', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED', requestHeaderMode: 'SKIP' } },
      request: { method: 'POST', scheme: 'https', headers: { 'X-Upper': 'v' }, body: 'hello' },
    });
    // header SKIP: no request headers message; the response one shows the HCM header.
    expect(
      headerValue(
        res.sent.find((m) => kind(m) === 'responseHeaders'),
        'x-envoy-upstream-service-time',
      ),
    ).toBeDefined();
    const server2 = passThroughServer();
    const res2 = await runExchange(server2, {
      request: { method: 'POST', scheme: 'https', headers: { 'X-Upper': 'v' }, body: 'hello' },
    });
    const keys =
      (res2.sent[0]?.request?.$case === 'requestHeaders' &&
        res2.sent[0].request.value.headers?.headers?.map((h) => h.key)) ||
      [];
    expect(keys.slice(0, 4)).toEqual([':method', ':scheme', ':authority', ':path']);
    expect(keys).toContain('x-upper');
    expect(headerValue(res2.sent[0], 'x-forwarded-proto')).toBe('https');
    expect(headerValue(res2.sent[0], 'x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(headerValue(res2.sent[0], 'content-length')).toBe('5');
    expect(res.upstream?.headers.get('content-length')).toBeUndefined();
  });

  it('§3.6 forward_rules: allow-list without :path drops it; the disallow list wins', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: {
        forwardRules: {
          allowedHeaders: [{ prefix: 'x-' }, { exact: ':method' }],
          disallowedHeaders: [{ safeRegex: { regex: 'x-secret.*' } }],
        },
      },
      request: { headers: { 'x-a': '1', 'x-secret-token': 's', other: 'o' } },
    });
    const m = res.sent[0];
    expect(headerValue(m, ':method')).toBe('GET');
    expect(headerValue(m, ':path')).toBeUndefined();
    expect(headerValue(m, 'x-a')).toBe('1');
    expect(headerValue(m, 'x-secret-token')).toBeUndefined();
    expect(headerValue(m, 'other')).toBeUndefined();
    // Forwarding rules only shape the message; upstream still gets everything.
    expect(res.upstream?.headers.get('x-secret-token')).toBe('s');
  });

  it('§18.65 forward_rules allowed_headers without :path → the server never sees :path (headers and trailers of both directions)', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: {
        processingMode: { requestTrailerMode: 'SEND', responseTrailerMode: 'SEND' },
        forwardRules: { allowedHeaders: [{ exact: ':method' }, { exact: ':status' }, { prefix: 'x-' }] },
      },
      request: { method: 'POST', path: '/secret/path', body: ['a'], trailers: { 'x-t': '1', other: 'o' } },
      upstream: { headers: { 'x-up': 'u', server: 's' }, body: ['b'], trailers: { 'x-rt': '2' } },
    });
    const received = server.streams[0]?.received ?? [];
    expect(received.map(kind)).toEqual([
      'requestHeaders',
      'requestTrailers',
      'responseHeaders',
      'responseTrailers',
    ]);
    for (const m of received) expect(headerValues(m, ':path')).toEqual([]);
    expect(headerValue(received[0], ':method')).toBe('POST');
    expect(headerValue(received[1], 'x-t')).toBe('1');
    expect(headerValue(received[1], 'other')).toBeUndefined();
    expect(headerValue(received[2], ':status')).toBe('200');
    expect(headerValue(received[2], 'x-up')).toBe('u');
    expect(headerValue(received[2], 'server')).toBeUndefined();
    expect(headerValue(received[3], 'x-rt')).toBe('2');
    // The rules shape only the messages: upstream still gets :path.
    expect(res.upstream?.headers.get(':path')).toBe('/secret/path');
  });

  it('hcmHeaders=false leaves the maps exactly as given', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, { envoy: { hcmHeaders: false } });
    expect(headerValue(res.sent[0], 'x-request-id')).toBeUndefined();
    expect(headerValue(res.sent[1], 'x-envoy-upstream-service-time')).toBeUndefined();
  });
});

describe('1.37 early close and the normal end', () => {
  it('§18.69 request headers SEND, all else SKIP/NONE: half-close + cancel right after the request_headers reply', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: { processingMode: { responseHeaderMode: 'SKIP' } },
      request: { method: 'POST', body: 'abc' },
    });
    await settle();
    expect(res.transcript.map((e) => e.type)).toEqual([
      'opened',
      'sent',
      'received',
      'half-closed',
      'cancelled',
    ]);
    expect(server.streams[0]?.clientEvents).toEqual(['half-close', 'cancel']);
    expect(res.upstream?.body.toString()).toBe('abc');
    expect(res.stats.streams_closed).toBe(1);
  });

  it('§1.6 BUFFERED keeps the stream until the exchange ends, then half-close + cancel', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED', responseBodyMode: 'BUFFERED' } },
      request: { method: 'POST', body: 'abc' },
      upstream: { body: 'def' },
    });
    await settle();
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'requestBody', 'responseHeaders', 'responseBody']);
    const types = res.transcript.map((e) => e.type);
    expect(types.slice(-2)).toEqual(['half-closed', 'cancelled']);
    expect(server.streams[0]?.clientEvents).toEqual(['half-close', 'cancel']);
    expect(res.downstream.body.toString()).toBe('def');
  });
});

describe('graceful close (runtime ext_proc_graceful_grpc_close, §1.6)', () => {
  it('half-close, then the server ends the call OK: no reset', async () => {
    const server = passThroughServer({ endOnHalfClose: true });
    const res = await runExchange(server, { envoy: { gracefulGrpcClose: true } });
    await settle();
    expect(res.transcript.map((e) => e.type).slice(-2)).toEqual(['half-closed', 'server-closed']);
    expect(server.streams[0]?.clientEvents).toEqual(['half-close']);
    expect(res.stream).toEqual({ opened: true, endedBy: 'envoy-graceful', status: { code: 0, message: '' } });
    expect(res.stats.streams_closed).toBe(1);
    expect(res.violations).toEqual([]);
  });

  it('the 1.37 early close is graceful too; replies after the half-close are ignored', async () => {
    const server = passThroughServer({ endOnHalfClose: true });
    const res = await runExchange(server, {
      envoy: { gracefulGrpcClose: true, processingMode: { responseHeaderMode: 'SKIP' } },
    });
    await settle();
    expect(res.transcript.map((e) => e.type)).toEqual([
      'opened',
      'sent',
      'received',
      'half-closed',
      'server-closed',
    ]);
  });

  it('a server that does not end the call is reset after remote_close_timeout', async () => {
    const server = passThroughServer();
    const res = await runExchange(server, { envoy: { gracefulGrpcClose: true, remoteCloseTimeoutMs: 30 } });
    await settle();
    const types = res.transcript.map((e) => e.type);
    expect(types.slice(-3)).toEqual(['half-closed', 'remote-close-timeout', 'cancelled']);
    expect(server.streams[0]?.clientEvents).toEqual(['half-close', 'cancel']);
    expect(res.stream).toEqual({ opened: true, endedBy: 'envoy-timeout' });
    expect(res.downstream.status).toBe(200); // the HTTP exchange is not held up by the close
  });
});

describe('concurrency', () => {
  it('§18.71 concurrent exchanges on one channel are independent streams, each with its own protocol_config', async () => {
    const server = passThroughServer();
    const channel = inProcessChannel(server);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        runExchange(channel, {
          envoy: { processingMode: { requestBodyMode: i % 2 === 0 ? 'BUFFERED' : 'NONE' } },
          request: { method: 'POST', path: `/r/${i}`, body: `body-${i}` },
          upstream: (req) => ({ body: `${req.headers.get(':path')}:${req.body.toString()}` }),
        }),
      ),
    );
    expect(server.streams).toHaveLength(8);
    results.forEach((res, i) => {
      expect(res.downstream.body.toString()).toBe(`/r/${i}:body-${i}`);
      expect(res.sent[0]?.protocolConfig?.requestBodyMode).toBe(
        i % 2 === 0 ? ProcessingMode_BodySendMode.BUFFERED : ProcessingMode_BodySendMode.NONE,
      );
      expect(res.violations).toEqual([]);
    });
    for (const s of server.streams) {
      const path = headerValue(s.received[0], ':path');
      expect(
        s.received.filter((m) => kind(m) === 'requestHeaders').every((m) => headerValue(m, ':path') === path),
      ).toBe(true);
    }
  });
});
