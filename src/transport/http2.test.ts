/**
 * The `node:http2` transport, byte by byte: a bare HTTP/2 client writes gRPC frames exactly as
 * the case needs (split, merged, empty, oversized, compressed) and reads what comes back. The
 * `wire` transport (attache's own HTTP/2 server) must behave the same, so every case runs on both.
 */
import type http2 from 'node:http2';
import { beforeEach, describe, expect, it } from 'vitest';
import { frame, rawStream } from '../../test/support/raw-grpc.js';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { pluginOf, useServers } from '../../test/support/servers.js';
import type { Handlers } from '../plugin/types.js';
import { decodeResponse, encodeRequest } from '../protocol/codec.js';
import { PROCESS_PATH } from '../protocol/service.js';
import type { AttacheServer, ServerOptions } from '../server/create-server.js';
import { HEALTH_CHECK_PATH } from './grpc-health.js';
import { GrpcStatus, type ProcessStreamTarget, type StreamSink } from './types.js';

const servers = useServers();
let server: AttacheServer | undefined;
/** The transport of the running case. */
let transport: 'http2' | 'wire' = 'http2';
const TRANSPORTS = ['http2', 'wire'] as const;

/** A server of one plugin on the case's transport, and a raw HTTP/2 session to it. */
async function start(handlers: Handlers, options: Partial<ServerOptions> = {}) {
  const started = await servers.start({
    plugins: [{ plugin: pluginOf(handlers) }],
    ...options,
    transport,
  });
  server = started.server;
  return { address: started.address, session: servers.session(started.address) };
}

const headersMessage = (path: string) =>
  Buffer.from(
    encodeRequest({
      request: {
        $case: 'requestHeaders',
        value: {
          headers: { headers: [{ key: ':path', value: '', rawValue: Buffer.from(path) }] },
          endOfStream: true,
        },
      },
    }),
  );
const responseHeadersMessage = Buffer.from(
  encodeRequest({
    request: { $case: 'responseHeaders', value: { headers: { headers: [] }, endOfStream: true } },
  }),
);

const tagPath: Handlers = {
  requestHeaders: (ctx) => void ctx.mutate.set('x-path', ctx.headers.get(':path') ?? ''),
  responseHeaders: (ctx) => void ctx.mutate.set('x-back', '1'),
};

function setHeaders(reply: Buffer): string[] {
  const r = decodeResponse(reply).response;
  if (r?.$case !== 'requestHeaders' && r?.$case !== 'responseHeaders') return [r?.$case ?? 'none'];
  return (r.value.response?.headerMutation?.setHeaders ?? []).map(
    (h) => `${h.header?.key}=${Buffer.from(h.header?.rawValue ?? []).toString()}`,
  );
}

describe.each(TRANSPORTS)('%s transport framing', (name) => {
  beforeEach(() => void (transport = name));
  it('reassembles a message split across DATA frames, the length prefix itself cut in two', async () => {
    const { session } = await start(tagPath);
    const bytes = frame(headersMessage('/split'));
    const cuts = [bytes.subarray(0, 2), bytes.subarray(2, 7), bytes.subarray(7, 20), bytes.subarray(20)];
    const { response } = rawStream(session, PROCESS_PATH, cuts);
    const r = await response;
    expect(r.messages.map(setHeaders)).toEqual([['x-path=/split']]);
    expect(r).toMatchObject({ httpStatus: 200, grpcStatus: 0, trailersOnly: false });
  });

  it('splits several messages that arrive in one DATA frame', async () => {
    const { session } = await start(tagPath);
    const both = Buffer.concat([frame(headersMessage('/both')), frame(responseHeadersMessage)]);
    const r = await rawStream(session, PROCESS_PATH, [both]).response;
    expect(r.messages.map(setHeaders)).toEqual([['x-path=/both'], ['x-back=1']]);
    expect(r.grpcStatus).toBe(0);
  });

  it('reads whole messages one per DATA frame, then a message split across frames, then whole ones again', async () => {
    const { session } = await start(tagPath);
    const split = frame(headersMessage('/split'));
    const r = await rawStream(session, PROCESS_PATH, [
      frame(headersMessage('/whole')),
      split.subarray(0, 3),
      split.subarray(3),
      frame(responseHeadersMessage),
    ]).response;
    expect(r.messages.map(setHeaders)).toEqual([['x-path=/whole'], ['x-path=/split'], ['x-back=1']]);
    expect(r.grpcStatus).toBe(0);
  });

  it('ignores what follows an undecodable whole message: the call ends INVALID_ARGUMENT, nothing else is answered', async () => {
    const { session } = await start(tagPath);
    const r = await rawStream(session, PROCESS_PATH, [
      frame(Buffer.from([0x12, 0xff, 0xff, 0xff])),
      frame(headersMessage('/late')),
    ]).response;
    expect(r.messages).toEqual([]);
    expect(r.grpcStatus).toBe(GrpcStatus.INVALID_ARGUMENT);
  });

  it('refuses an oversized message that arrives whole in one DATA frame, as one announced by its prefix', async () => {
    const { session } = await start(tagPath, { maxMessageBytes: 1024 });
    const big = frame(headersMessage(`/${'a'.repeat(1100)}`));
    const r = await rawStream(session, PROCESS_PATH, [big]).response;
    expect(r).toMatchObject({ grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED, messages: [] });
    expect(decodeURIComponent(r.grpcMessage ?? '')).toMatch(/exceeds maxMessageBytes \(1024\)/);
  });

  it('reassembles a 3 MiB message that spans many frames, and answers with it', async () => {
    const { session } = await start({ requestBody: (ctx) => void ctx.mutate.replaceBody(ctx.body.bytes()) });
    const body = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < body.length; i++) body[i] = i % 251;
    const headers = Buffer.from(
      encodeRequest({
        request: { $case: 'requestHeaders', value: { headers: { headers: [] }, endOfStream: false } },
        protocolConfig: {
          requestBodyMode: 2, // BUFFERED
          responseBodyMode: 0,
          sendBodyWithoutWaitingForHeaderResponse: false,
        },
      }),
    );
    const bodyMessage = Buffer.from(
      encodeRequest({
        request: {
          $case: 'requestBody',
          value: { body, endOfStream: true, endOfStreamWithoutMessage: false },
        },
      }),
    );
    const r = await rawStream(session, PROCESS_PATH, [frame(headers), frame(bodyMessage)], {
      endAfterReplies: 2,
    }).response;
    expect([r.grpcStatus, r.grpcMessage, r.messages.length]).toEqual([0, undefined, 2]);
    const reply = decodeResponse(r.messages[1] as Buffer).response;
    expect(reply?.$case).toBe('requestBody');
    const mutation =
      reply?.$case === 'requestBody' ? reply.value.response?.bodyMutation?.mutation : undefined;
    expect(mutation?.$case).toBe('body');
    expect(Buffer.from(mutation?.$case === 'body' ? mutation.value : []).equals(body)).toBe(true);
  });

  it('checks the length prefix before buffering: an oversized message fails at once with RESOURCE_EXHAUSTED and the log line naming the setting', async () => {
    const { log, lines } = recordingLogger();
    const { session } = await start(tagPath, { maxMessageBytes: 64 * 1024, log });
    const prefix = Buffer.from([0, 0, 0x10, 0, 0]); // announces 1 MiB; no byte of it is sent
    const { response } = rawStream(session, PROCESS_PATH, [prefix], { end: false });
    const r = await response;
    expect(r).toMatchObject({ grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED, trailersOnly: true });
    expect(decodeURIComponent(r.grpcMessage ?? '')).toBe(
      'ProcessingRequest of 1048576 bytes exceeds maxMessageBytes (65536); raise grpc.maxMessageBytes in the attache config',
    );
    expect(lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      'ProcessingRequest of 1048576 bytes exceeds maxMessageBytes (65536); raise grpc.maxMessageBytes in the attache config',
    ]);
    expect(server?.processor.activeStreams).toBe(0);
  });

  it('rejects undecodable bytes with INVALID_ARGUMENT, after the replies already sent', async () => {
    const { session } = await start(tagPath);
    const r = await rawStream(session, PROCESS_PATH, [
      frame(headersMessage('/a')),
      frame(Buffer.from([0x12, 0xff, 0xff, 0xff])),
    ]).response;
    expect(r.messages.map(setHeaders)).toEqual([['x-path=/a']]);
    expect(r.grpcStatus).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(decodeURIComponent(r.grpcMessage ?? '')).toMatch(/^malformed ProcessingRequest: /);
  });

  it('refuses a compressed message with UNIMPLEMENTED (no compression is negotiated; Envoy never compresses)', async () => {
    const { session } = await start(tagPath);
    const r = await rawStream(session, PROCESS_PATH, [frame(headersMessage('/z'), 1)]).response;
    expect(r.grpcStatus).toBe(GrpcStatus.UNIMPLEMENTED);
    expect(decodeURIComponent(r.grpcMessage ?? '')).toBe('compressed messages are not supported');
  });

  it('refuses a call with grpc-encoding gzip: trailers-only UNIMPLEMENTED with grpc-accept-encoding identity, as gRPC’s compression spec asks', async () => {
    const { session } = await start(tagPath);
    const { response, stream } = rawStream(session, PROCESS_PATH, [frame(headersMessage('/gz'), 1)], {
      headers: { 'grpc-encoding': 'gzip' },
    });
    const head = new Promise<http2.IncomingHttpHeaders>((resolve) => stream.once('response', resolve));
    const r = await response;
    expect(r).toMatchObject({ grpcStatus: GrpcStatus.UNIMPLEMENTED, trailersOnly: true, messages: [] });
    expect(decodeURIComponent(r.grpcMessage ?? '')).toBe('grpc-encoding gzip is not supported');
    // The encodings the server takes, so a client can retry without compression.
    expect((await head)['grpc-accept-encoding']).toBe('identity');
  });

  it('answers an unknown method with a trailers-only UNIMPLEMENTED', async () => {
    const { session } = await start(tagPath);
    const r = await rawStream(session, '/pkg.Svc/Nope', [frame(Buffer.alloc(0))]).response;
    expect(r).toMatchObject({
      httpStatus: 200,
      grpcStatus: GrpcStatus.UNIMPLEMENTED,
      trailersOnly: true,
      messages: [],
    });
    expect(decodeURIComponent(r.grpcMessage ?? '')).toBe('unknown method /pkg.Svc/Nope');
  });

  it('answers a request that is not gRPC with 415 (content-type) or 405 (method)', async () => {
    const { session } = await start(tagPath);
    const json = await rawStream(session, PROCESS_PATH, [Buffer.from('{}')], {
      headers: { 'content-type': 'application/json' },
    }).response;
    expect(json.httpStatus).toBe(415);
    const plus = await rawStream(session, HEALTH_CHECK_PATH, [frame(Buffer.alloc(0))], {
      headers: { 'content-type': 'application/grpc+proto' },
    }).response;
    expect(plus.grpcStatus).toBe(0);
    const get = session.request({ ':method': 'GET', ':path': PROCESS_PATH });
    const status = await new Promise((r) => get.on('response', (h) => r(h[':status'])));
    get.destroy();
    expect(status).toBe(405);
  });

  it('serves a zero-length message (an empty HealthCheckRequest is service "")', async () => {
    const { session } = await start(tagPath);
    const r = await rawStream(session, HEALTH_CHECK_PATH, [frame(Buffer.alloc(0))]).response;
    expect(r.messages).toEqual([Buffer.from([0x08, 1])]);
    expect(r.grpcStatus).toBe(0);
  });

  it('passes the half-close to the processor: a stream half-closed before any message ends OK, trailers-only', async () => {
    const { session } = await start(tagPath);
    const r = await rawStream(session, PROCESS_PATH, []).response;
    expect(r).toMatchObject({ grpcStatus: 0, trailersOnly: true, messages: [] });
    expect(server?.processor.activeStreams).toBe(0);
  });

  it('treats a half-close inside a message as an error (INTERNAL), not as a shorter message', async () => {
    const { session } = await start(tagPath);
    const bytes = frame(headersMessage('/cut'));
    const r = await rawStream(session, PROCESS_PATH, [bytes.subarray(0, 9)]).response;
    expect(r.grpcStatus).toBe(GrpcStatus.INTERNAL);
  });

  it('cancels the exchange when the client resets the stream: the handler is abandoned, streamEnd runs', async () => {
    let aborted = false;
    let ended = 0;
    const { session } = await start({
      requestHeaders: (ctx) => {
        ctx.stream.signal.addEventListener('abort', () => void (aborted = true));
        return new Promise<void>(() => {});
      },
      streamEnd: () => void ended++,
    });
    const { stream, response } = rawStream(session, PROCESS_PATH, [frame(headersMessage('/hang'))], {
      end: false,
    });
    await waitFor(() => server?.processor.activeStreams === 1);
    stream.close(0x8); // RST_STREAM CANCEL
    await response.catch(() => undefined);
    await waitFor(() => ended === 1);
    expect(aborted).toBe(true);
    expect(server?.processor.activeStreams).toBe(0);
  });

  it('honours grpc-timeout: a call still open at its deadline ends with DEADLINE_EXCEEDED', async () => {
    const { session } = await start({ requestHeaders: () => new Promise<void>(() => {}) });
    const { response } = rawStream(session, PROCESS_PATH, [frame(headersMessage('/slow'))], {
      headers: { 'grpc-timeout': '30m' },
      end: false,
    });
    const r = await response;
    expect(r.grpcStatus).toBe(GrpcStatus.DEADLINE_EXCEEDED);
    await waitFor(() => server?.processor.activeStreams === 0);
    const bad = await rawStream(session, PROCESS_PATH, [], { headers: { 'grpc-timeout': '1x' } }).response;
    expect(bad.grpcStatus).toBe(GrpcStatus.INTERNAL);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

describe.each(TRANSPORTS)('%s transport drain and backpressure', (name) => {
  beforeEach(() => void (transport = name));
  it('on close: a GOAWAY on the open connection, no new stream starts, the open one finishes; past the grace period the rest is cut', async () => {
    let release: () => void = () => {};
    let entered = 0;
    const { session } = await start({
      requestHeaders: (ctx) => {
        entered++;
        if (ctx.headers.get(':path') === '/forever') return new Promise<void>(() => {});
        return new Promise<void>((r) => (release = r));
      },
    });
    let goaway = false;
    session.on('goaway', () => void (goaway = true));
    const open = rawStream(session, PROCESS_PATH, [frame(headersMessage('/held'))], { endAfterReplies: 1 });
    await waitFor(() => entered === 1);
    const closed = server?.close(60_000);
    await waitFor(() => goaway);
    // A stream the client still tries after the GOAWAY is refused (Node 20's client throws at
    // once, Node 24's fails the stream) and never reaches the processor.
    const late = await new Promise<string>((resolve) => {
      try {
        rawStream(session, PROCESS_PATH, [frame(headersMessage('/late'))]).response.then(
          (r) => resolve(r.grpcStatus === undefined ? 'refused' : `answered ${r.grpcStatus}`),
          () => resolve('refused'),
        );
      } catch {
        resolve('refused');
      }
    });
    expect(late).toBe('refused');
    release();
    const held = await open.response;
    expect(held.grpcStatus).toBe(0);
    expect(held.messages).toHaveLength(1);
    await closed;
    expect(entered).toBe(1);

    // A stream that never finishes is cut when the grace period ends.
    const second = await start({ requestHeaders: () => new Promise<void>(() => {}) });
    const forever = rawStream(second.session, PROCESS_PATH, [frame(headersMessage('/forever'))], {
      end: false,
    });
    await waitFor(() => server?.processor.activeStreams === 1);
    await server?.close(50);
    await forever.response.catch(() => undefined);
    expect(server?.processor.activeStreams).toBe(0);
  });

  it('send() reports a full buffer and whenWritable() waits for room, or for the end of the call', async () => {
    const sinks: StreamSink[] = [];
    const target: ProcessStreamTarget = {
      connect(sink) {
        sinks.push(sink);
        return { message() {}, halfClose() {}, cancel() {} };
      },
    };
    const served = await servers.serve(transport, target);
    const { address } = served;
    const session = servers.session(address, { settings: { initialWindowSize: 1024 } });
    const stream = session.request({
      ':method': 'POST',
      ':path': PROCESS_PATH,
      'content-type': 'application/grpc',
    });
    stream.pause(); // the client reads nothing: flow control stops the server
    await waitFor(() => sinks.length === 1);
    const sink = sinks[0] as StreamSink;
    const reply = { response: { $case: 'requestBody', value: {} } } as const;
    let sent = 0;
    while (sink.send(reply) && sent < 100_000) sent++;
    expect(sent).toBeLessThan(100_000);
    let writable = false;
    void sink.whenWritable().then(() => void (writable = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(writable).toBe(false);
    stream.resume();
    await waitFor(() => writable);

    // Full again, then the call ends: whenWritable resolves with no drain.
    stream.pause();
    while (sink.send(reply)) sent++;
    let released = false;
    void sink.whenWritable().then(() => void (released = true));
    stream.close(0x8);
    await waitFor(() => released);
    sink.end(); // after the end: ignored, no throw
    expect(sink.send(reply)).toBe(true);
    served.transport.forceClose();
    await served.transport.stopAccepting();
  });
});
