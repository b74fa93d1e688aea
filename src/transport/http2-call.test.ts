/**
 * A closed stream lets go of its call: Node keeps a closed stream reachable until a full GC, so
 * anything it still pointed to would outlive the stream (and cost every young-generation GC).
 */
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { callOf, GrpcCall } from './http2-call.js';

let server: http2.Http2Server | null = null;
let client: http2.ClientHttp2Session | null = null;

afterEach(async () => {
  client?.destroy();
  client = null;
  const s = server;
  server = null;
  if (s !== null) await new Promise<void>((resolve) => s.close(() => resolve()));
});

/** Opens one stream to a server that gives it a GrpcCall; resolves with the server's stream. */
async function openCall(): Promise<{ stream: http2.ServerHttp2Stream; request: http2.ClientHttp2Stream }> {
  const h2 = http2.createServer();
  server = h2;
  const serverStream = new Promise<http2.ServerHttp2Stream>((resolve) => {
    h2.on('stream', (stream) => {
      stream.on('error', () => {});
      const call = new GrpcCall(stream);
      stream.on('close', () => call.markClosed());
      resolve(stream);
    });
  });
  await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve));
  const session = http2.connect(`http://127.0.0.1:${(h2.address() as AddressInfo).port}`);
  client = session;
  session.on('error', () => {});
  const request = session.request({ ':method': 'POST', ':path': '/x', 'content-type': 'application/grpc' });
  request.on('error', () => {});
  return { stream: await serverStream, request };
}

describe('GrpcCall', () => {
  it('is the call of its stream while the stream is open', async () => {
    const { stream } = await openCall();
    expect(callOf(stream)).toBeInstanceOf(GrpcCall);
    expect(callOf(stream)?.stream).toBe(stream);
  });

  it('is unlinked from its stream once the client resets it', async () => {
    const { stream, request } = await openCall();
    const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
    request.close(http2.constants.NGHTTP2_CANCEL);
    await closed;
    expect(callOf(stream)).toBeUndefined();
  });

  it('is unlinked from its stream once it finished and the stream closed', async () => {
    const { stream, request } = await openCall();
    const call = callOf(stream) as GrpcCall;
    request.end();
    const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
    call.sendFrame(Buffer.from([0, 0, 0, 0, 0]));
    call.finish(0, '');
    request.resume();
    await closed;
    expect(call.finished).toBe(true);
    expect(callOf(stream)).toBeUndefined();
  });
});
