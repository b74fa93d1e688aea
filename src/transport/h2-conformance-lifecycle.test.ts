/**
 * The HTTP/2 behaviour battery, part 4: streams over the life of a connection. Envoy's close of
 * every ext_proc stream (END_STREAM then RST_STREAM at once) thousands of times on one
 * connection; a drain (GOAWAY, the streams in flight finishing, the connection closing); and
 * more streams at once than the server's SETTINGS_MAX_CONCURRENT_STREAMS.
 */
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../plugin/types.js';
import type { ServerOptions } from '../server/create-server.js';
import { TRANSPORTS, type TransportName } from '../server/transport.js';
import { ErrorCode, Setting } from './h2-test-peer.js';
import { useBattery } from './h2-test-peer-fixture.js';
import {
  call,
  callBlock,
  envoyEncoder,
  grpcStatus,
  hasMessages,
  onTransport,
  replies,
  requestHeadersFrame,
} from './h2-test-peer-grpc.js';
import { NODE_HAS_RESET_RATE_OPTIONS } from './http2.js';
import { GrpcStatus } from './types.js';

const battery = useBattery();

const tagPath: Handlers = {
  requestHeaders: (ctx) => void ctx.mutate.set('x-path', ctx.headers.get(':path') ?? ''),
};

/**
 * Calls held open by their plugin until the case lets them go: `entered(n)` resolves once `n`
 * handlers of a `/hold` request are waiting; `release()` lets all of them (and later ones) answer.
 */
function holdingPlugin() {
  let waiting = 0;
  let released = false;
  const wakes: Array<() => void> = [];
  const counts: Array<{ n: number; resolve: () => void }> = [];
  const handlers: Handlers = {
    requestHeaders: async (ctx) => {
      const path = ctx.headers.get(':path') ?? '';
      if (path === '/hold' && !released) {
        waiting++;
        for (const c of counts.filter((c) => c.n <= waiting)) c.resolve();
        await new Promise<void>((resolve) => wakes.push(resolve));
      }
      ctx.mutate.set('x-path', path);
    },
  };
  return {
    handlers,
    entered: (n: number) =>
      new Promise<void>((resolve) => {
        if (waiting >= n) resolve();
        else counts.push({ n, resolve });
      }),
    release: () => {
      released = true;
      for (const wake of wakes.splice(0)) wake();
    },
  };
}

/** Server options a transport needs to advertise a SETTINGS_MAX_CONCURRENT_STREAMS of `limit`. */
const LIMIT_OPTIONS: Partial<Record<TransportName, (limit: number) => Partial<ServerOptions>>> = {
  'grpc-js': (limit) => ({ grpcOptions: { 'grpc.max_concurrent_streams': limit } }),
};

describe.each(TRANSPORTS)('HTTP/2 stream lifecycle over the %s transport', (transport) => {
  const envoyClose = onTransport(
    'Envoy’s close (END_STREAM then RST_STREAM CANCEL at once) on 5,000 streams of one connection, 16 at a time: no GOAWAY, every stream answered',
    transport,
    {
      http2: NODE_HAS_RESET_RATE_OPTIONS
        ? undefined
        : `nghttp2's reset limiter sends GOAWAY after ~1,000 resets and Node ${process.versions.node} cannot raise it (README "Transports")`,
      'grpc-js': 'grpc-js leaves nghttp2’s reset limiter as it is (README "Transports")',
    },
  );
  it.skipIf(envoyClose.skip)(
    envoyClose.name,
    async () => {
      const { address } = await battery.start(transport, tagPath);
      const peer = await battery.connect(address);
      const encoder = envoyEncoder();
      const total = 5000;
      let next = 1;
      let answered = 0;
      const lane = async () => {
        while (next < 2 * total && peer.goaway === null) {
          const id = next;
          next += 2;
          const reply = peer.stream(id);
          peer.headers(id, encoder.block(null));
          peer.data(id, requestHeadersFrame(`/s/${id}`));
          // A GOAWAY ends the run: the streams after it would never be answered.
          await peer.until(
            () => reply.closed || hasMessages(reply, 1) || peer.goaway !== null,
            `the reply on stream ${id}`,
          );
          if (replies(reply).length === 1) answered++;
          peer.data(id, Buffer.alloc(0), { endStream: true });
          peer.reset(id, ErrorCode.CANCEL);
        }
      };
      await Promise.all(Array.from({ length: 16 }, lane));
      expect({ goaway: peer.goaway, answered }).toEqual({ goaway: null, answered: total });
      // The connection still takes a call after them all.
      expect(grpcStatus(await call(peer, 2 * total + 1, [requestHeadersFrame('/last')]))).toBe(GrpcStatus.OK);
      expect(peer.violations).toEqual([]);
    },
    60_000,
  );

  it('a drain (server.close): GOAWAY whose last-stream-id covers the streams in flight, which then finish normally; a stream opened after it is refused or left unanswered as its id says; then the connection closes', async () => {
    const hold = holdingPlugin();
    const { address, server } = await battery.start(transport, hold.handlers);
    const peer = await battery.connect(address);
    for (const id of [1, 3]) {
      peer.headers(id, callBlock());
      peer.data(id, requestHeadersFrame('/hold'));
    }
    await hold.entered(2);
    const closing = server.close(10_000);
    await peer.until(() => peer.goaway !== null, 'a GOAWAY');
    expect(peer.goaway?.code).toBe(ErrorCode.NO_ERROR);
    expect(peer.goaway?.lastStreamId).toBeGreaterThanOrEqual(3);
    // A stream after the GOAWAY.
    const late = peer.stream(5);
    peer.headers(5, callBlock());
    peer.data(5, requestHeadersFrame('/late'), { endStream: true });
    hold.release();
    for (const id of [1, 3]) {
      await peer.until(() => hasMessages(peer.stream(id), 1), `the reply on stream ${id}`);
      peer.data(id, Buffer.alloc(0), { endStream: true });
    }
    await peer.untilClosed();
    for (const id of [1, 3]) {
      expect(grpcStatus(peer.stream(id))).toBe(GrpcStatus.OK);
      expect(replies(peer.stream(id))).toHaveLength(1);
    }
    // The last GOAWAY is what the server promises (RFC 9113 §6.8: a first one may announce 2^31-1).
    const last = peer.goaways[peer.goaways.length - 1]?.lastStreamId ?? 0;
    if (last < 5) {
      expect(late.headers).toBeNull();
      expect(late.reset === null || late.reset === ErrorCode.REFUSED_STREAM).toBe(true);
    } else {
      expect(grpcStatus(late)).toBe(GrpcStatus.OK);
    }
    expect(await closing).toEqual({ cutStreams: 0 });
    expect(peer.violations).toEqual([]);
  });

  const overLimit = onTransport(
    'more streams at once than SETTINGS_MAX_CONCURRENT_STREAMS: the extra ones are refused with a stream error (REFUSED_STREAM or PROTOCOL_ERROR, RFC 9113 §5.1.2), the rest answered',
    transport,
    {
      // Reproduced with grpc.max_concurrent_streams 4: GOAWAY INTERNAL_ERROR, streams 1-5 reset.
      'grpc-js':
        'nghttp2 makes going over an acknowledged limit a connection error, which Node sends as GOAWAY INTERNAL_ERROR, resetting every stream in flight',
    },
  );
  it.skipIf(overLimit.skip)(overLimit.name, async (ctx) => {
    const hold = holdingPlugin();
    const limit = 8;
    const { address } = await battery.start(
      transport,
      hold.handlers,
      LIMIT_OPTIONS[transport]?.(limit) ?? {},
    );
    const peer = await battery.connect(address);
    const advertised = peer.serverSettings.get(Setting.MAX_CONCURRENT_STREAMS);
    if (advertised === undefined || advertised > 1000) {
      ctx.skip(
        `${transport} advertises no SETTINGS_MAX_CONCURRENT_STREAMS (${advertised ?? 'none'}): no limit to go over`,
      );
      return;
    }
    const within = Array.from({ length: advertised }, (_, i) => 1 + 2 * i);
    const extra = Array.from({ length: 4 }, (_, i) => 1 + 2 * (advertised + i));
    for (const id of within) {
      peer.headers(id, callBlock());
      peer.data(id, requestHeadersFrame('/hold'));
    }
    await hold.entered(advertised);
    for (const id of extra) {
      peer.headers(id, callBlock());
      peer.data(id, requestHeadersFrame('/extra'), { endStream: true });
    }
    await peer.until(() => extra.every((id) => peer.stream(id).closed), 'the extra streams refused');
    for (const id of extra) {
      expect(peer.stream(id).headers, `stream ${id}`).toBeNull();
      expect([ErrorCode.REFUSED_STREAM, ErrorCode.PROTOCOL_ERROR]).toContain(peer.stream(id).reset);
    }
    hold.release();
    for (const id of within) peer.data(id, Buffer.alloc(0), { endStream: true });
    await peer.until(() => within.every((id) => peer.stream(id).closed), 'the held streams answered');
    for (const id of within) expect(grpcStatus(peer.stream(id)), `stream ${id}`).toBe(GrpcStatus.OK);
    expect(peer.goaway).toBeNull();
  });

  it('200 streams at once (or as many as SETTINGS_MAX_CONCURRENT_STREAMS allows) are all answered', async () => {
    const { address } = await battery.start(transport, tagPath);
    const peer = await battery.connect(address);
    const count = Math.min(200, peer.serverSettings.get(Setting.MAX_CONCURRENT_STREAMS) ?? 200);
    const ids = Array.from({ length: count }, (_, i) => 1 + 2 * i);
    const results = await Promise.all(ids.map((id) => call(peer, id, [requestHeadersFrame(`/c/${id}`)])));
    results.forEach((reply, i) => {
      expect(grpcStatus(reply), `stream ${ids[i]}`).toBe(GrpcStatus.OK);
      expect(replies(reply)).toHaveLength(1);
    });
    expect(peer.goaway).toBeNull();
    expect(peer.violations).toEqual([]);
  });
});
