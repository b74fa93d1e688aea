/**
 * The HTTP/2 behaviour battery, part 3: errors. Connection errors (RFC 9113 §5.4.1) end the
 * connection with a GOAWAY carrying the code the RFC names, then the TCP connection; a client's
 * RST_STREAM (RFC 9113 §6.4) ends that stream only, its handler cancelled, the others carrying on.
 */
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../plugin/types.js';
import { TRANSPORTS } from '../server/transport.js';
import { ErrorCode, FrameType, frame, type H2Peer, PREFACE, uint32Frame } from './h2-test-peer.js';
import { useBattery } from './h2-test-peer-fixture.js';
import {
  call,
  callBlock,
  grpcStatus,
  onTransport,
  replies,
  requestHeadersFrame,
} from './h2-test-peer-grpc.js';
import { GrpcStatus } from './types.js';

const battery = useBattery();

/**
 * Where Node's HTTP/2 (nghttp2 under node:http2, which both the http2 and the grpc-js transports
 * run on) knowingly departs from RFC 9113 on connection errors; checked against a bare
 * `http2.createServer()` with no attache code, on Node 20 and 24.
 */
const NODE_INTERNAL_ERROR =
  'Node’s HTTP/2 ends the session on this nghttp2 error with GOAWAY INTERNAL_ERROR, not PROTOCOL_ERROR';
const NODE_STAYS_OPEN = 'Node’s HTTP/2 sends the GOAWAY but leaves the TCP connection open';
const NODE_IGNORES_OLD_ID = 'nghttp2 silently ignores HEADERS on a stream id below the last one';
/** The transports on node:http2. */
const onNode = (reason: string) => ({ http2: reason, 'grpc-js': reason });

const tagPath: Handlers = {
  requestHeaders: (ctx) => void ctx.mutate.set('x-path', ctx.headers.get(':path') ?? ''),
};

/** Waits for the server to end the connection; returns the codes of the GOAWAYs it sent first. */
async function ended(peer: H2Peer): Promise<number[]> {
  await peer.untilClosed();
  return peer.goaways.map((g) => g.code);
}

/** Waits for a GOAWAY (or the connection's end); returns the GOAWAY codes so far. */
async function goawayCodes(peer: H2Peer): Promise<number[]> {
  await peer.until(() => peer.goaway !== null || peer.closed, 'a GOAWAY');
  return peer.goaways.map((g) => g.code);
}

describe.each(TRANSPORTS)('HTTP/2 errors over the %s transport', (transport) => {
  /** A connection that has made one call, so the error hits a connection in use. */
  async function ready(address?: string): Promise<H2Peer> {
    const peer = await battery.connect(address ?? (await battery.start(transport, tagPath)).address);
    const reply = await call(peer, 1, [requestHeadersFrame('/first')]);
    expect(grpcStatus(reply)).toBe(GrpcStatus.OK);
    return peer;
  }

  describe('connection errors end the connection with GOAWAY and the RFC’s code, then close it (RFC 9113 §5.4.1)', () => {
    const preface = onTransport(
      'a bad connection preface (RFC 9113 §3.4): PROTOCOL_ERROR, or the connection closed without a GOAWAY (which §3.4 allows)',
      transport,
      onNode(NODE_INTERNAL_ERROR),
    );
    it.skipIf(preface.skip)(preface.name, async () => {
      const { address } = await battery.start(transport, tagPath);
      const peer = await battery.connect(address, { preface: null });
      const bad = Buffer.from(PREFACE);
      bad.write('XX', PREFACE.length - 6, 'latin1'); // "SM" → "XX"
      peer.write(bad);
      peer.write(frame(FrameType.SETTINGS, 0, 0));
      const codes = await ended(peer);
      expect(codes.length === 0 || codes[0] === ErrorCode.PROTOCOL_ERROR).toBe(true);
      expect(peer.frames.filter((f) => f.type === FrameType.HEADERS)).toEqual([]);
    });

    const even = onTransport(
      'a client stream with an even id (RFC 9113 §5.1.1): PROTOCOL_ERROR',
      transport,
      onNode(NODE_INTERNAL_ERROR),
    );
    it.skipIf(even.skip)(even.name, async () => {
      const peer = await ready();
      peer.headers(4, callBlock());
      expect(await ended(peer)).toEqual([ErrorCode.PROTOCOL_ERROR]);
    });

    const old = onTransport(
      'a new stream id not greater than the last one (RFC 9113 §5.1.1): a connection error PROTOCOL_ERROR, or (the id being closed, §5.1) STREAM_CLOSED as a connection or stream error',
      transport,
      onNode(NODE_IGNORES_OLD_ID),
    );
    it.skipIf(old.skip)(old.name, async () => {
      const peer = await ready();
      await call(peer, 7, [requestHeadersFrame('/seven')]);
      const stale = peer.stream(5);
      peer.headers(5, callBlock());
      peer.data(5, requestHeadersFrame('/five'), { endStream: true });
      await peer.until(() => peer.closed || stale.reset !== null, 'a connection or stream error');
      if (stale.reset !== null) {
        expect([ErrorCode.PROTOCOL_ERROR, ErrorCode.STREAM_CLOSED]).toContain(stale.reset);
      } else {
        const codes = peer.goaways.map((g) => g.code);
        expect(codes).toHaveLength(1);
        expect([ErrorCode.PROTOCOL_ERROR, ErrorCode.STREAM_CLOSED]).toContain(codes[0]);
      }
      expect(stale.headers).toBeNull();
    });

    const push = onTransport(
      'PUSH_PROMISE from a client (RFC 9113 §8.4): PROTOCOL_ERROR',
      transport,
      onNode(NODE_INTERNAL_ERROR),
    );
    it.skipIf(push.skip)(push.name, async () => {
      const peer = await ready();
      const promised = Buffer.concat([Buffer.from([0, 0, 0, 2]), callBlock()]);
      peer.write(frame(FrameType.PUSH_PROMISE, 0x4 /* END_HEADERS */, 1, promised));
      expect(await ended(peer)).toEqual([ErrorCode.PROTOCOL_ERROR]);
    });

    const zero = onTransport(
      'a WINDOW_UPDATE of 0 on the connection (RFC 9113 §6.9): PROTOCOL_ERROR',
      transport,
      onNode(NODE_INTERNAL_ERROR),
    );
    it.skipIf(zero.skip)(zero.name, async () => {
      const peer = await ready();
      peer.write(uint32Frame(FrameType.WINDOW_UPDATE, 0, 0));
      expect(await ended(peer)).toEqual([ErrorCode.PROTOCOL_ERROR]);
    });

    it('a header block HPACK cannot decode (RFC 9113 §4.3): COMPRESSION_ERROR', async () => {
      const { address } = await battery.start(transport, tagPath);
      // An indexed field of index 0 (RFC 7541 §6.1); one far past both tables; a string literal
      // longer than the block.
      for (const garbage of [[0x80], [0xff, 0xff, 0x7f], [0x00, 0x7f, 0x10, 0x61]]) {
        const peer = await ready(address);
        peer.headers(3, Buffer.from(garbage));
        expect(await goawayCodes(peer), `block ${Buffer.from(garbage).toString('hex')}`).toEqual([
          ErrorCode.COMPRESSION_ERROR,
        ]);
        expect(peer.stream(3).headers).toBeNull();
      }
    });

    it('a DATA frame on stream 0 (RFC 9113 §6.1): PROTOCOL_ERROR', async () => {
      const peer = await ready();
      peer.write(frame(FrameType.DATA, 0, 0, Buffer.from('stray')));
      expect(await goawayCodes(peer)).toEqual([ErrorCode.PROTOCOL_ERROR]);
    });

    const close = onTransport(
      'after a connection error’s GOAWAY (HPACK garbage, DATA on stream 0) the server closes the TCP connection (RFC 9113 §5.4.1)',
      transport,
      onNode(NODE_STAYS_OPEN),
    );
    it.skipIf(close.skip)(close.name, async () => {
      const { address } = await battery.start(transport, tagPath);
      const hpack = await ready(address);
      hpack.headers(3, Buffer.from([0x80]));
      expect(await ended(hpack)).toEqual([ErrorCode.COMPRESSION_ERROR]);
      const data = await ready(address);
      data.write(frame(FrameType.DATA, 0, 0, Buffer.from('stray')));
      expect(await ended(data)).toEqual([ErrorCode.PROTOCOL_ERROR]);
    });
  });

  describe('a client’s RST_STREAM (RFC 9113 §6.4)', () => {
    it('mid-message: that stream’s handler is cancelled, the other streams on the connection carry on', async () => {
      let cancelled!: () => void;
      const cancel = new Promise<void>((resolve) => {
        cancelled = resolve;
      });
      const ends: string[] = [];
      let allEnded!: () => void;
      const threeEnded = new Promise<void>((resolve) => {
        allEnded = resolve;
      });
      const { address } = await battery.start(transport, {
        requestHeaders: async (ctx) => {
          const path = ctx.headers.get(':path') ?? '';
          if (path === '/hang') {
            // Held until the stream ends: only a cancel lets it go.
            await new Promise<void>((resolve) =>
              ctx.stream.signal.addEventListener('abort', () => resolve()),
            );
            cancelled();
            return;
          }
          ctx.mutate.set('x-path', path);
        },
        streamEnd: (stream) => {
          if (ends.push(stream.requestHeaders?.get(':path') ?? '') === 3) allEnded();
        },
      });
      const peer = await battery.connect(address);
      const hung = peer.stream(1);
      peer.headers(1, callBlock());
      peer.data(1, requestHeadersFrame('/hang'));
      // Half of a second message: the reset lands mid-message.
      const next = requestHeadersFrame('/never');
      peer.data(1, next.subarray(0, 9));
      // Another call before and after the reset, on the same connection.
      const before = call(peer, 3, [requestHeadersFrame('/before')]);
      peer.reset(1, ErrorCode.CANCEL);
      const after = call(peer, 5, [requestHeadersFrame('/after')]);
      await cancel;
      for (const reply of [await before, await after]) {
        expect(grpcStatus(reply)).toBe(GrpcStatus.OK);
        expect(replies(reply)).toHaveLength(1);
      }
      await threeEnded;
      expect(ends.sort()).toEqual(['/after', '/before', '/hang']);
      // Nothing more on the reset stream after the client's RST_STREAM but, at most, frames already in flight.
      expect(replies(hung)).toEqual([]);
      expect(peer.goaway).toBeNull();
      expect(peer.violations).toEqual([]);
    });
  });
});
