/**
 * The HTTP/2 behaviour battery, part 2: flow control (RFC 9113 §5.2, §6.9) both ways. The server
 * sends a large reply into a client's tiny windows, opened only as the case decides; and it takes a
 * large request within the windows it advertises, its WINDOW_UPDATEs keeping it moving.
 */
import { describe, expect, it } from 'vitest';
import { ProcessingMode_BodySendMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import { TRANSPORTS } from '../server/transport.js';
import { DEFAULT_MAX_FRAME_SIZE, Setting } from './h2-test-peer.js';
import { useBattery } from './h2-test-peer-fixture.js';
import {
  callBlock,
  grpcStatus,
  hasMessages,
  replies,
  requestBodyFrame,
  requestFrame,
} from './h2-test-peer-grpc.js';
import { GrpcStatus } from './types.js';

const battery = useBattery();

/** `size` bytes of a pattern with no short period, so a byte out of place shows. */
function pattern(size: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) out[i] = (i * 7 + seed + (i >>> 10)) & 0xff;
  return out;
}

/** The replaced body of a request_body reply. */
function replacedBody(reply: ReturnType<typeof replies>[number] | undefined): Buffer | undefined {
  const r = reply?.response;
  const mutation = r?.$case === 'requestBody' ? r.value.response?.bodyMutation?.mutation : undefined;
  return mutation?.$case === 'body' ? Buffer.from(mutation.value) : undefined;
}

describe.each(TRANSPORTS)('HTTP/2 flow control over the %s transport', (transport) => {
  it('a 256 KiB reply into a 1,000-byte stream window and the 65,535-byte connection window arrives whole and in order as the client opens them; no DATA frame exceeds a window or MAX_FRAME_SIZE; raising INITIAL_WINDOW_SIZE mid-stream unblocks it', async () => {
    const replacement = pattern(256 * 1024, 1);
    const { address } = await battery.start(transport, {
      requestBody: (ctx) => void ctx.mutate.replaceBody(replacement),
    });
    const initial = 1000;
    const peer = await battery.connect(address, {
      settings: [
        [Setting.INITIAL_WINDOW_SIZE, initial],
        [Setting.MAX_FRAME_SIZE, DEFAULT_MAX_FRAME_SIZE],
      ],
      autoWindow: false,
    });
    const reply = peer.stream(1);
    peer.headers(1, callBlock());
    peer.data(1, requestBodyFrame(Buffer.from('x')), { endStream: true });

    const received = () => reply.body().length;
    const raisedTo = initial + 3 * DEFAULT_MAX_FRAME_SIZE;
    let raisedAt = -1;
    let sentAfterRaise = -1;
    let streamUpdates = 0;
    for (;;) {
      await peer.until(
        () => reply.closed || peer.receiveWindow(1) === 0 || peer.receiveWindow(0) === 0,
        `a spent window (${received()} bytes received)`,
      );
      if (reply.closed) break;
      if (raisedAt >= 0 && sentAfterRaise < 0) sentAfterRaise = received() - raisedAt;
      if (
        raisedAt < 0 &&
        received() >= 64 * 1024 &&
        peer.receiveWindow(1) === 0 &&
        peer.receiveWindow(0) > 0
      ) {
        // The stream is blocked on its own window: a larger INITIAL_WINDOW_SIZE alone (no
        // WINDOW_UPDATE) must let the server send the difference (RFC 9113 §6.9.2).
        raisedAt = received();
        peer.settings([[Setting.INITIAL_WINDOW_SIZE, raisedTo]]);
        continue;
      }
      if (peer.receiveWindow(0) === 0) peer.windowUpdate(0, 65_535);
      if (peer.receiveWindow(1) === 0) {
        streamUpdates++;
        peer.windowUpdate(1, initial);
      }
    }
    expect(peer.violations).toEqual([]);
    expect(reply.largestData).toBeLessThanOrEqual(DEFAULT_MAX_FRAME_SIZE);
    expect(grpcStatus(reply)).toBe(GrpcStatus.OK);
    const [only, ...rest] = replies(reply);
    expect(rest).toEqual([]);
    expect(replacedBody(only)?.equals(replacement)).toBe(true);
    // The raise happened while the stream was blocked, and alone unblocked it by its difference.
    expect(raisedAt).toBeGreaterThan(0);
    expect(sentAfterRaise).toBe(raisedTo - initial);
    expect(streamUpdates).toBeGreaterThan(10);
  });

  it('a 2 MiB request body, sent only within the windows the server advertises, arrives whole: the server’s WINDOW_UPDATEs keep it going', async () => {
    const body = pattern(2 * 1024 * 1024, 2);
    let seen: Buffer | null = null;
    const { address } = await battery.start(transport, {
      requestBody: (ctx) => {
        seen = Buffer.from(ctx.body.bytes());
        ctx.mutate.replaceBody('ok');
      },
    });
    const peer = await battery.connect(address);
    const reply = peer.stream(1);
    peer.headers(1, callBlock());
    await peer.sendData(1, requestBodyFrame(body), true);
    await peer.until(() => reply.closed, 'the end of stream 1');
    expect(grpcStatus(reply)).toBe(GrpcStatus.OK);
    expect(replacedBody(replies(reply)[0])?.toString()).toBe('ok');
    expect((seen as Buffer | null)?.equals(body)).toBe(true);
    expect(peer.violations).toEqual([]);
  });

  it('a 2 MiB STREAMED body in 32 messages of 64 KiB on one stream, sent within the server’s windows, arrives whole and in order, each chunk answered', async () => {
    const body = pattern(2 * 1024 * 1024, 7);
    const chunk = 64 * 1024;
    const seen: Buffer[] = [];
    const { address } = await battery.start(
      transport,
      { requestBodyChunk: (ctx) => void seen.push(Buffer.from(ctx.chunk.bytes())) },
      // The filter's modes as Envoy would be configured: trailers sent, so attache sees the body's end.
      { processingMode: { requestBodyMode: 'STREAMED', requestTrailerMode: 'SEND' } },
    );
    const peer = await battery.connect(address);
    const reply = peer.stream(1);
    peer.headers(1, callBlock());
    const messages = [
      requestFrame({
        request: { $case: 'requestHeaders', value: { headers: { headers: [] }, endOfStream: false } },
        protocolConfig: { requestBodyMode: ProcessingMode_BodySendMode.STREAMED },
      }),
    ];
    for (let at = 0; at < body.length; at += chunk) {
      const piece = body.subarray(at, at + chunk);
      messages.push(
        requestFrame({
          request: {
            $case: 'requestBody',
            value: { body: piece, endOfStream: at + chunk >= body.length, endOfStreamWithoutMessage: false },
          },
        }),
      );
    }
    await peer.sendData(1, Buffer.concat(messages), false);
    await peer.until(() => reply.closed || hasMessages(reply, messages.length), 'a reply to every message');
    peer.data(1, Buffer.alloc(0), { endStream: true });
    await peer.until(() => reply.closed, 'the end of stream 1');
    expect(grpcStatus(reply)).toBe(GrpcStatus.OK);
    expect(replies(reply).map((r) => r.response?.$case)).toEqual([
      'requestHeaders',
      ...Array.from({ length: 32 }, () => 'requestBody'),
    ]);
    expect(Buffer.concat(seen).equals(body)).toBe(true);
    expect(peer.violations).toEqual([]);
  });

  it('four 512 KiB request bodies at once on one connection share its window and all arrive whole', async () => {
    const bodies = [3, 4, 5, 6].map((seed) => pattern(512 * 1024, seed));
    const seen = new Map<string, Buffer>();
    const { address } = await battery.start(transport, {
      requestBody: (ctx) => {
        const bytes = Buffer.from(ctx.body.bytes());
        seen.set(bytes.subarray(0, 16).toString('hex'), bytes);
        ctx.mutate.replaceBody(`${bytes.length}`);
      },
    });
    const peer = await battery.connect(address);
    const ids = [1, 3, 5, 7];
    for (const id of ids) peer.headers(id, callBlock());
    await Promise.all(ids.map((id, i) => peer.sendData(id, requestBodyFrame(bodies[i] as Buffer), true)));
    await peer.until(() => ids.every((id) => peer.stream(id).closed), 'the end of every stream');
    for (const id of ids) {
      expect(grpcStatus(peer.stream(id))).toBe(GrpcStatus.OK);
      expect(replacedBody(replies(peer.stream(id))[0])?.toString()).toBe(`${512 * 1024}`);
    }
    for (const body of bodies)
      expect(seen.get(body.subarray(0, 16).toString('hex'))?.equals(body)).toBe(true);
    expect(peer.violations).toEqual([]);
  });
});
