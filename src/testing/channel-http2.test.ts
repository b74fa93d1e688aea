import http2 from 'node:http2';
import { afterEach, describe, expect, it } from 'vitest';
import { testPki } from '../../test/support/tls-certs.js';
import type { ProcessingRequest } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { encodeResponse } from '../protocol/codec.js';
import { frameMessage } from '../transport/grpc-frames.js';
import { GrpcStatus } from '../transport/types.js';
import type { CallStatus, ClientStreamEvents } from './channel.js';
import { type Http2ChannelOptions, http2Channel } from './channel-http2.js';
import { runExchange } from './exchange.js';
import {
  type RawCall,
  type RawServer,
  type RawServerOptions,
  rawH2Server,
} from './fixtures/raw-h2-server.js';
import { okReply } from './fixtures/scripted-server.js';
import { sleep } from './fixtures/test-support.js';
import type { ExchangeSpec } from './spec.js';

/**
 * runExchange with a long message timeout: these tests are about the wire, and on a loaded
 * machine a reply slower than Envoy's 200 ms default must not turn into a 504.
 */
function exchange(target: ExtProcChannelLike, spec: ExchangeSpec = {}) {
  return runExchange(target, { ...spec, envoy: { messageTimeoutMs: 10_000, ...spec.envoy } });
}

type ExtProcChannelLike = Parameters<typeof runExchange>[0];

const servers: RawServer[] = [];
const channels: Array<{ close(): void }> = [];
afterEach(async () => {
  for (const c of channels.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(
  onCall?: (call: RawCall, server: RawServer) => void,
  options: RawServerOptions = {},
): Promise<RawServer> {
  const server = await rawH2Server(onCall, options);
  servers.push(server);
  return server;
}

/** Resolves with the server's `index`th call once it arrived. */
async function nthCall(server: RawServer, index: number): Promise<RawCall> {
  for (;;) {
    const call = server.calls[index];
    if (call !== undefined) return call;
    await sleep(5);
  }
}

function channel(address: string, options: Http2ChannelOptions = {}) {
  const c = http2Channel(address, options);
  channels.push(c);
  return c;
}

const headersMessage = (path = '/'): ProcessingRequest => ({
  request: {
    $case: 'requestHeaders',
    value: {
      headers: { headers: [{ key: ':path', value: '', rawValue: Buffer.from(path) }] },
      endOfStream: true,
    },
  },
});

/** Opens one raw call, sends one message, half-closes, and resolves with what came back. */
function oneCall(
  c: ReturnType<typeof http2Channel>,
  metadata: Record<string, string> = {},
  message: ProcessingRequest = headersMessage(),
): Promise<{ replies: number; status: CallStatus }> {
  return new Promise((resolve) => {
    let replies = 0;
    const events: ClientStreamEvents = {
      reply: () => replies++,
      close: (status) => resolve({ replies, status }),
    };
    const call = c.open(metadata, events);
    call.send(message);
    call.halfClose();
  });
}

describe('http2Channel on the wire', () => {
  it('reuses one HTTP/2 connection for all calls and sends gRPC request headers and call metadata', async () => {
    const server = await start();
    const c = channel(server.address);
    const results = await Promise.all(
      [1, 2, 3].map((i) => exchange(c, { envoy: { grpcInitialMetadata: { 'x-n': String(i) } } })),
    );
    for (const r of results) expect(r.violations).toEqual([]);
    expect(server.sessions).toHaveLength(1);
    expect(server.calls.map((call) => call.headers['x-n']).sort()).toEqual(['1', '2', '3']);
    const h = server.calls[0]?.headers ?? {};
    expect([h[':method'], h[':path'], h['content-type'], h.te]).toEqual([
      'POST',
      '/envoy.service.ext_proc.v3.ExternalProcessor/Process',
      'application/grpc',
      'trailers',
    ]);
  });

  it("close 'reset' (Envoy's default) sends END_STREAM then RST_STREAM CANCEL; 'graceful' sends END_STREAM and waits for the trailers, no reset", async () => {
    const server = await start();
    const reset = channel(server.address);
    await exchange(reset, {});
    const graceful = channel(server.address, { close: 'graceful' });
    await exchange(graceful, {});
    await Promise.all(server.calls.map((call) => call.closed));
    expect(server.calls.map((call) => [call.halfClosed, call.rstCode])).toEqual([
      [true, http2.constants.NGHTTP2_CANCEL],
      [true, http2.constants.NGHTTP2_NO_ERROR],
    ]);
  });

  it("close 'graceful' resets a call whose server never sends trailers, after gracefulCloseTimeoutMs", async () => {
    const server = await start((call) => {
      call.auto = false;
    });
    const c = channel(server.address, { close: 'graceful', gracefulCloseTimeoutMs: 50 });
    const call = c.open({}, { reply: () => {}, close: () => {} });
    call.send(headersMessage());
    call.halfClose();
    call.cancel();
    const seen = await nthCall(server, 0);
    await seen.closed;
    // It did not wait for ever: the server got the reset.
    expect([seen.halfClosed, seen.rstCode]).toEqual([true, http2.constants.NGHTTP2_CANCEL]);
  });

  it('decodes grpc-status and the percent-encoded grpc-message as grpc-js does', async () => {
    const messages = ['plain words', 'ünï 100% done\nnext line', 'a,b;c/d?e'];
    const server = await start((call) => {
      call.auto = false;
      const message = messages[Number(call.headers['x-i'])] ?? '';
      call.end(GrpcStatus.FAILED_PRECONDITION, message);
    });
    const c = channel(server.address);
    for (const [i, message] of messages.entries()) {
      const { status } = await oneCall(c, { 'x-i': String(i) });
      expect(status).toEqual({ code: GrpcStatus.FAILED_PRECONDITION, message });
    }
  });

  it('a reply over maxReceiveMessageBytes ends the call with RESOURCE_EXHAUSTED and resets it', async () => {
    const server = await start((call) => {
      call.auto = false;
      call.reply({
        response: {
          $case: 'immediateResponse',
          value: {
            body: Buffer.alloc(2000),
            details: '',
            grpcStatus: undefined,
            headers: undefined,
            status: undefined,
          },
        },
      });
    });
    const c = channel(server.address, { maxReceiveMessageBytes: 1000 });
    const { replies, status } = await oneCall(c);
    expect(replies).toBe(0);
    expect(status.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(status.message).toMatch(/larger than max \(\d+ vs\. 1000\)/);
    await server.calls[0]?.closed;
    expect(server.calls[0]?.rstCode).toBe(http2.constants.NGHTTP2_CANCEL);
  });

  it('a request over maxSendMessageBytes is not sent: RESOURCE_EXHAUSTED', async () => {
    const server = await start();
    const c = channel(server.address, { maxSendMessageBytes: 10 });
    const { status } = await oneCall(c, {}, headersMessage('/a-path-longer-than-ten-bytes'));
    expect(status.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(status.message).toMatch(/^Sent message larger than max \(\d+ vs\. 10\)$/);
    // The stream was reset; whatever of it reached the server carried no message.
    await sleep(50);
    for (const call of server.calls) expect(call.received).toEqual([]);
  });

  it('deadlineMs is sent as grpc-timeout and ends a call the server holds with DEADLINE_EXCEEDED', async () => {
    const server = await start((call) => {
      call.auto = false;
    });
    const c = channel(server.address, { deadlineMs: 100 });
    const { status } = await oneCall(c);
    expect(status).toEqual({ code: GrpcStatus.DEADLINE_EXCEEDED, message: 'Deadline exceeded' });
    expect(server.calls[0]?.headers['grpc-timeout']).toBe('100m');
  });

  it('reads a trailers-only answer (the status in the response headers)', async () => {
    const plain = http2.createServer();
    plain.on('stream', (stream) => {
      stream.on('error', () => {});
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': '7',
          'grpc-message': 'not%20you',
        },
        { endStream: true },
      );
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const c = http2Channel(`127.0.0.1:${(plain.address() as { port: number }).port}`);
    try {
      expect((await oneCall(c)).status).toEqual({ code: GrpcStatus.PERMISSION_DENIED, message: 'not you' });
    } finally {
      c.close();
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  it('a server that ends the stream with DATA, no trailers, ends the call (our side still open)', async () => {
    const plain = http2.createServer();
    plain.on('stream', (stream) => {
      stream.on('error', () => {});
      stream.once('data', () => {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc' });
        stream.end(frameMessage(encodeResponse(okReply(headersMessage()))) as Buffer);
      });
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const c = http2Channel(`127.0.0.1:${(plain.address() as { port: number }).port}`);
    try {
      const result = await new Promise<{ replies: number; status: CallStatus }>((resolve) => {
        let replies = 0;
        // No halfClose: only the server's end can finish this call.
        c.open({}, { reply: () => replies++, close: (status) => resolve({ replies, status }) }).send(
          headersMessage(),
        );
      });
      expect(result).toEqual({
        replies: 1,
        status: { code: GrpcStatus.UNKNOWN, message: expect.any(String) },
      });
    } finally {
      c.close();
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  it.each([
    [http2.constants.NGHTTP2_ENHANCE_YOUR_CALM, GrpcStatus.RESOURCE_EXHAUSTED],
    [http2.constants.NGHTTP2_REFUSED_STREAM, GrpcStatus.UNAVAILABLE],
    [http2.constants.NGHTTP2_INTERNAL_ERROR, GrpcStatus.INTERNAL],
    [http2.constants.NGHTTP2_CANCEL, GrpcStatus.CANCELLED],
  ])("a server's RST_STREAM with code %i ends the call with gRPC status %i", async (rstCode, code) => {
    const server = await start((call) => {
      call.auto = false;
      call.reset(rstCode);
    });
    const c = channel(server.address);
    const { status } = await oneCall(c);
    expect(status.code).toBe(code);
    // A refused stream is retried (on the same connection) up to the attempt limit, then fails.
    expect(server.calls.length).toBe(rstCode === http2.constants.NGHTTP2_REFUSED_STREAM ? 5 : 1);
  });

  it('metadata HTTP/2 cannot carry ends the call with INTERNAL, nothing sent', async () => {
    const server = await start();
    const c = channel(server.address);
    const { status } = await oneCall(c, { 'bad name': 'x' });
    expect(status.code).toBe(GrpcStatus.INTERNAL);
    expect(status.message).toMatch(/valid HTTP token/);
    expect(server.calls).toHaveLength(0);
  });

  it('sends metadata larger than one frame (CONTINUATION)', async () => {
    const server = await start();
    const c = channel(server.address);
    const big = 'm'.repeat(50_000);
    expect((await oneCall(c, { 'x-big': big })).status.code).toBe(GrpcStatus.OK);
    expect(server.calls[0]?.headers['x-big']).toBe(big);
  });

  it('a non-200 answer without grpc-status maps to the gRPC status of that HTTP code', async () => {
    const server = await start();
    // A plain HTTP/2 server that is not gRPC at all.
    const plain = http2.createServer((_req, res) => {
      res.writeHead(503);
      res.end('no');
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const c = http2Channel(`127.0.0.1:${(plain.address() as { port: number }).port}`);
    try {
      const { status } = await oneCall(c);
      expect(status).toEqual({ code: GrpcStatus.UNAVAILABLE, message: 'Received HTTP status code 503' });
    } finally {
      c.close();
      await new Promise((resolve) => plain.close(resolve));
      expect(server.calls).toHaveLength(0);
    }
  });

  it('speaks TLS with a CA and servername, and mTLS with a client certificate', async () => {
    const pki = testPki();
    const tls = {
      key: Buffer.from(pki.serverKey),
      cert: Buffer.from(pki.serverCert),
      ca: Buffer.from(pki.ca),
    };
    const server = await start(undefined, { tls: { ...tls, requestCert: true } });
    const port = server.address.split(':')[1];
    // Dialled by IP, verified by the name sent (SNI): the certificate names localhost.
    const c = channel(`127.0.0.1:${port}`, {
      tls: { ca: tls.ca, cert: pki.clientCert, key: pki.clientKey, servername: 'localhost' },
    });
    const res = await exchange(c, {});
    expect(res.violations).toEqual([]);
    expect(res.stream.endedBy).toBe('envoy');
    expect(server.calls).toHaveLength(1);

    // Without the client certificate the server refuses the connection: UNAVAILABLE, a 500.
    const anonymous = channel(`localhost:${port}`, { tls: { ca: tls.ca } });
    const refused = await exchange(anonymous, {});
    expect(refused.downstream.status).toBe(500);
    expect(refused.stream.status?.code).toBe(GrpcStatus.UNAVAILABLE);
    // And a server certificate the CA did not sign is refused.
    const untrusted = channel(`localhost:${port}`, {
      tls: { ca: pki.otherCa, cert: pki.clientCert, key: pki.clientKey },
    });
    expect((await exchange(untrusted, {})).downstream.status).toBe(500);
  });

  it('connects to a unix: socket address', async () => {
    const server = await start(undefined, { unix: true });
    expect(server.address).toMatch(/^unix:\//);
    const res = await exchange(channel(server.address), {});
    expect(res.violations).toEqual([]);
    expect(server.calls).toHaveLength(1);
  });

  it('rejects a malformed address or option with a message naming it', () => {
    expect(() => http2Channel('localhost')).toThrow(/expected host:port or unix:\/path, got "localhost"/);
    expect(() => http2Channel('unix:')).toThrow(/names no socket path/);
    expect(() => http2Channel('127.0.0.1:1', { deadlineMs: 0 })).toThrow(
      /deadlineMs must be a positive number/,
    );
    expect(() => http2Channel('127.0.0.1:1', { close: 'rst' as never })).toThrow(
      /close must be "reset" or "graceful"/,
    );
  });

  it('after close(), a new call ends with UNAVAILABLE', async () => {
    const server = await start();
    const c = http2Channel(server.address);
    c.close();
    const { status } = await oneCall(c);
    expect(status).toEqual({ code: GrpcStatus.UNAVAILABLE, message: 'Channel has been shut down' });
  });
});

describe('http2Channel and GOAWAY', () => {
  it('calls a GOAWAY refused (above its last stream id) were never processed: they are sent again on a new connection and succeed', async () => {
    const held: RawCall[] = [];
    const server = await start((call, srv) => {
      if (srv.sessions.length > 1) return; // the new connection answers normally
      call.auto = false;
      held.push(call);
      if (held.length < 4) return;
      // Four calls arrived: take the first, refuse the three others (never looked at).
      const [first] = held as [RawCall];
      first.session?.goaway(http2.constants.NGHTTP2_NO_ERROR, first.id);
      first.release();
    });
    const c = channel(server.address);
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) => exchange(c, { request: { path: `/r${i}` }, upstream: { body: 'ok' } })),
    );
    for (const r of results) {
      expect(r.violations).toEqual([]);
      expect(r.downstream.status).toBe(200);
    }
    expect(server.sessions).toHaveLength(2);
    // Each request was processed exactly once: the refused ones only on the second connection.
    const processed = server.calls.filter(
      (call) => call.received.length > 0 && call.session === server.sessions[1],
    );
    expect(processed.map((call) => call.requestPath).sort()).toEqual(['/r1', '/r2', '/r3']);
    expect(server.calls.filter((call) => call.requestPath === '/r0')).toHaveLength(1);
  });

  it('calls the server had taken when its connection went away end with a status (500), never sent twice', async () => {
    const held: RawCall[] = [];
    const server = await start((call, srv) => {
      if (srv.sessions.length > 1) return;
      call.auto = false;
      held.push(call);
      if (held.length < 2) return;
      const last = held[1] as RawCall;
      // Both calls were taken (last stream id = the second), then the connection dies.
      setImmediate(() => {
        last.session?.goaway(http2.constants.NGHTTP2_INTERNAL_ERROR, last.id);
        setImmediate(() => last.session?.destroy());
      });
    });
    const c = channel(server.address);
    const results = await Promise.all([0, 1].map((i) => exchange(c, { request: { path: `/t${i}` } })));
    for (const r of results) {
      expect(r.downstream.status).toBe(500);
      expect(r.downstream.details).toMatch(/^ext_proc_error_gRPC_error_(13|14)\{/);
    }
    expect(server.calls).toHaveLength(2);
    // The channel recovers: the next call goes to a new connection.
    const next = await exchange(c, {});
    expect(next.violations).toEqual([]);
    expect(server.sessions).toHaveLength(2);
  });

  it("Node's reset limiter: Envoy's reset close meets its GOAWAY on a server with default limits, the graceful close never does, and no refused call fails", async () => {
    let goaways = 0;
    const run = async (
      close: 'reset' | 'graceful',
    ): Promise<{ failed: string[]; processed: Set<string> }> => {
      const server = await start();
      const c = channel(server.address, { close });
      const failed: string[] = [];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < 1500) {
          const path = `/${next++}`;
          const r = await exchange(c, { request: { path } });
          if (r.downstream.status !== 200) failed.push(`${path} ${r.downstream.details}`);
        }
      };
      const before = server.sessions.length;
      await Promise.all(Array.from({ length: 16 }, worker));
      goaways += server.sessions.length - before - 1;
      return { failed, processed: new Set(server.calls.map((call) => call.requestPath ?? '')) };
    };
    const graceful = await run('graceful');
    expect(graceful.failed).toEqual([]);
    expect(goaways).toBe(0);
    const reset = await run('reset');
    // A new connection per GOAWAY: the limiter fired at least once in 1,500 resets.
    expect(goaways).toBeGreaterThan(0);
    // A failure is only ever a call the server had processed (killed in flight), never a refused one.
    for (const failure of reset.failed)
      expect(reset.processed.has(failure.split(' ')[0] as string)).toBe(true);
  }, 60_000);
});
