/**
 * Keepalive on both transports: the server PINGs an idle connection; a peer that acknowledges
 * keeps it, a peer that has gone silent (a proxy in between stops forwarding, as a dead network
 * path would) loses it, and the call in flight on it is cancelled with its handler told.
 */
import { once } from 'node:events';
import http2 from 'node:http2';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { frame, rawStream } from '../../test/support/raw-grpc.js';
import { silentLogger } from '../log.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { Handlers } from '../plugin/types.js';
import { encodeRequest } from '../protocol/codec.js';
import { PROCESS_PATH } from '../protocol/service.js';
import { HEALTH_CHECK_PATH } from '../transport/grpc-health.js';
import { type AttacheServer, createServer, type TransportName } from './create-server.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

const KEEPALIVE = { timeMs: 50, timeoutMs: 100 };

async function start(
  transport: TransportName,
  handlers: Handlers = {},
): Promise<{ server: AttacheServer; port: number }> {
  const server = await createServer({
    plugins: [{ plugin: definePlugin({ name: 'p', setup: () => handlers }), timeoutMs: 600_000 }],
    log: silentLogger,
    transport,
    keepalive: KEEPALIVE,
  });
  cleanups.push(() => server.close(0));
  const { port } = await server.listen('127.0.0.1:0');
  return { server, port };
}

/**
 * A TCP relay to `port` that can stop forwarding both ways: the peer goes silent, the sockets
 * stay open. The server's side is still read (and dropped), so its close is seen.
 */
async function relay(port: number): Promise<{ port: number; stall(): void; upstreamClosed: Promise<void> }> {
  let resolveClosed: () => void = () => {};
  const upstreamClosed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const pairs: Array<[net.Socket, net.Socket]> = [];
  const server = net.createServer((down) => {
    const up = net.connect(port, '127.0.0.1');
    down.pipe(up);
    up.pipe(down);
    up.on('error', () => {});
    down.on('error', () => {});
    up.once('close', resolveClosed);
    pairs.push([down, up]);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => {
    for (const [down, up] of pairs) {
      down.destroy();
      up.destroy();
    }
    server.close();
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    stall() {
      for (const [down, up] of pairs) {
        down.unpipe(up);
        up.unpipe(down);
        down.pause();
        up.on('data', () => {}).resume();
      }
    },
    upstreamClosed,
  };
}

function client(port: number): http2.ClientHttp2Session {
  const session = http2.connect(`http://127.0.0.1:${port}`);
  session.on('error', () => {});
  cleanups.push(() => session.destroy());
  return session;
}

const headersMessage = Buffer.from(
  encodeRequest({
    request: { $case: 'requestHeaders', value: { headers: { headers: [] }, endOfStream: true } },
  }),
);

describe.each<TransportName>(['grpc-js', 'http2', 'wire'])('keepalive over the %s transport', (transport) => {
  it('an idle peer that acknowledges the PINGs keeps its connection', async () => {
    const { port } = await start(transport);
    const session = client(port);
    // One call first, so the connection is established and then idle.
    const health = rawStream(session, HEALTH_CHECK_PATH, [frame(Buffer.alloc(0))]);
    expect((await health.response).grpcStatus).toBe(0);
    let pings = 0;
    session.on('ping', () => void pings++);
    await waitFor(() => pings >= 3);
    expect(session.closed || session.destroyed).toBe(false);
    const again = rawStream(session, HEALTH_CHECK_PATH, [frame(Buffer.alloc(0))]);
    expect((await again.response).grpcStatus).toBe(0);
  });

  it('a peer that stops answering loses the connection, and the call in flight is cancelled', async () => {
    let aborted = false;
    let ended = 0;
    const { server, port } = await start(transport, {
      requestHeaders: (ctx) => {
        ctx.stream.signal.addEventListener('abort', () => void (aborted = true));
        return new Promise<void>(() => {}); // still working when the peer goes silent
      },
      streamEnd: () => void ended++,
    });
    const path = await relay(port);
    const session = client(path.port);
    const call = rawStream(session, PROCESS_PATH, [frame(headersMessage)], { end: false });
    call.response.catch(() => {});
    await waitFor(() => server.processor.activeStreams === 1);
    path.stall();
    await path.upstreamClosed; // the server closed the silent connection
    await waitFor(() => ended === 1);
    expect(aborted).toBe(true);
    expect(server.processor.activeStreams).toBe(0);
  });
});
