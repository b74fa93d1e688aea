import http2 from 'node:http2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { http2Channel } from './channel-http2.js';
import { runExchange } from './exchange.js';
import { type RawServer, rawH2Server } from './fixtures/raw-h2-server.js';

const servers: RawServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Every client stream the channels of this test open, caught at `session.request()`. */
function catchStreams(): http2.ClientHttp2Stream[] {
  const streams: http2.ClientHttp2Stream[] = [];
  const connect = http2.connect;
  vi.spyOn(http2, 'connect').mockImplementation(((...args: Parameters<typeof http2.connect>) => {
    const session = connect(...args);
    const request = session.request.bind(session);
    session.request = ((...requestArgs: Parameters<typeof session.request>) => {
      const stream = request(...requestArgs);
      streams.push(stream);
      return stream;
    }) as typeof session.request;
    return session;
  }) as typeof http2.connect);
  return streams;
}

const LISTENED = ['response', 'data', 'trailers', 'close', 'finish', 'end'] as const;

describe('http2Channel: a closed stream keeps nothing of its call', () => {
  // node:http2 keeps closed client streams reachable until a full GC (bench/README.md,
  // "Development proxy"): their listeners must not hold the call and, through it, the exchange.
  it.each(['reset', 'graceful'] as const)('close %s: only a no-op error listener is left', async (close) => {
    const streams = catchStreams();
    const server = await rawH2Server();
    servers.push(server);
    const channel = http2Channel(server.address, { close });
    try {
      for (let i = 0; i < 3; i++) {
        const result = await runExchange(channel, {
          envoy: { messageTimeoutMs: 10_000 },
          request: { path: `/${i}` },
        });
        expect(result.downstream.status).toBe(200);
      }
      expect(streams).toHaveLength(3);
      await Promise.all(
        streams.map((stream) =>
          stream.closed ? null : new Promise((resolve) => stream.once('close', resolve)),
        ),
      );
      await new Promise((resolve) => setImmediate(resolve));
      for (const stream of streams) {
        expect(stream.closed).toBe(true);
        expect(LISTENED.map((event) => stream.listenerCount(event))).toEqual(LISTENED.map(() => 0));
        expect(stream.listenerCount('error')).toBe(1);
        // A late error on the closed stream is swallowed, not thrown.
        expect(() => stream.emit('error', new Error('late'))).not.toThrow();
      }
    } finally {
      channel.close();
    }
  });
});
