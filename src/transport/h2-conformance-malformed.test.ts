/**
 * The HTTP/2 behaviour battery, part 5: frames and requests a server must refuse, beyond the
 * brief's list. RFC 9113 names a code for each; where it asks for a stream error, a connection
 * error is accepted too (RFC 9113 §5.4: an endpoint may treat a stream error as a connection error), and
 * where a request is malformed (RFC 9113 §8.1.1) a 4xx response is accepted as well. In every case no
 * plugin runs for the refused stream, and after a stream error the connection still serves calls.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../plugin/types.js';
import { TRANSPORTS } from '../server/transport.js';
import {
  ErrorCode,
  Flag,
  FrameType,
  frame,
  type H2Peer,
  literalBlock,
  MAX_WINDOW,
  Setting,
  settingsFrame,
  uint32Frame,
} from './h2-test-peer.js';
import { useBattery } from './h2-test-peer-fixture.js';
import {
  CALL_FIELDS,
  call,
  callBlock,
  grpcStatus,
  onTransport,
  requestHeadersFrame,
} from './h2-test-peer-grpc.js';
import { GrpcStatus } from './types.js';

const battery = useBattery();

/** How the server refused: a connection error, a stream error, or a response (4xx). */
type Refusal =
  | { kind: 'connection'; code: number }
  | { kind: 'stream'; code: number }
  | { kind: 'response'; status: string };

/** Waits for the server's reaction on `streamId` (0: the connection only) and names it. */
async function refusal(peer: H2Peer, streamId: number): Promise<Refusal> {
  const reply = peer.stream(streamId);
  // A gRPC server may send its 200 response headers before anything else: only another status refuses.
  const refusedStatus = () => reply.headers !== null && reply.headers[':status'] !== '200';
  await peer.until(
    () => peer.goaway !== null || peer.closed || reply.reset !== null || refusedStatus() || reply.ended,
    `a refusal of stream ${streamId}`,
  );
  // RST_STREAM NO_ERROR after a response only ends the stream (RFC 9113 §8.1): the response is the outcome.
  const resetAfterResponse = reply.reset === ErrorCode.NO_ERROR && reply.headers !== null;
  if (reply.reset !== null && !resetAfterResponse && peer.goaway === null)
    return { kind: 'stream', code: reply.reset };
  if (peer.goaway !== null) return { kind: 'connection', code: peer.goaway.code };
  // A response: a refusal if not 200; a 200 that ended the stream was an answer, not a refusal.
  if (reply.headers !== null) return { kind: 'response', status: reply.headers[':status'] ?? '' };
  return { kind: 'connection', code: -1 }; // closed without a GOAWAY
}

/** A stream error of `code`, or the connection error of the same code. */
function expectStreamError(got: Refusal, code: number): void {
  expect(got.kind === 'response' ? got : { code: got.code }).toEqual({ code });
}

/** A connection error of `code`. */
function expectConnectionError(got: Refusal, code: number): void {
  expect(got).toEqual({ kind: 'connection', code });
}

const NODE_INTERNAL_ERROR =
  'Node’s HTTP/2 ends the session on this nghttp2 error with GOAWAY INTERNAL_ERROR, not the RFC’s code';
const onNode = (reason: string) => ({ http2: reason, 'grpc-js': reason });

describe.each(TRANSPORTS)('HTTP/2 refusals over the %s transport', (transport) => {
  const plugins: string[] = [];
  const handlers: Handlers = {
    requestHeaders: (ctx) => {
      plugins.push(ctx.headers.get(':path') ?? '');
      ctx.mutate.set('x-path', ctx.headers.get(':path') ?? '');
    },
  };
  beforeEach(() => {
    plugins.length = 0;
  });
  /** A connection with one call made on stream 1. */
  async function ready(): Promise<H2Peer> {
    const { address } = await battery.start(transport, handlers);
    const peer = await battery.connect(address);
    expect(grpcStatus(await call(peer, 1, [requestHeadersFrame('/first')]))).toBe(GrpcStatus.OK);
    return peer;
  }
  /** After a stream error the connection still serves a call on `id`. */
  async function stillServes(peer: H2Peer, got: Refusal, id: number): Promise<void> {
    if (got.kind === 'connection') return;
    expect(grpcStatus(await call(peer, id, [requestHeadersFrame('/after')]))).toBe(GrpcStatus.OK);
  }

  describe('frame sizes (RFC 9113 §4.2)', () => {
    const frameSize = onTransport(
      'frames with a wrong fixed length: a 7-byte PING, a SETTINGS of 5 bytes, a SETTINGS ACK with a payload, a 3-byte WINDOW_UPDATE: FRAME_SIZE_ERROR',
      transport,
      onNode(NODE_INTERNAL_ERROR),
    );
    it.skipIf(frameSize.skip)(frameSize.name, async () => {
      const bad = [
        frame(FrameType.PING, 0, 0, Buffer.alloc(7)),
        frame(FrameType.SETTINGS, 0, 0, Buffer.alloc(5)),
        frame(FrameType.SETTINGS, Flag.ACK, 0, Buffer.alloc(6)),
        frame(FrameType.WINDOW_UPDATE, 0, 0, Buffer.from([0, 0, 1])),
      ];
      for (const bytes of bad) {
        const peer = await ready();
        peer.write(bytes);
        expectConnectionError(await refusal(peer, 0), ErrorCode.FRAME_SIZE_ERROR);
      }
    });

    it('a DATA frame larger than the server’s SETTINGS_MAX_FRAME_SIZE: FRAME_SIZE_ERROR (a stream or connection error)', async () => {
      const peer = await ready();
      const size = peer.serverMaxFrameSize + 1;
      peer.headers(3, callBlock());
      peer.write(frame(FrameType.DATA, 0, 3, Buffer.alloc(size)));
      const got = await refusal(peer, 3);
      expectStreamError(got, ErrorCode.FRAME_SIZE_ERROR);
      expect(got.kind).not.toBe('response');
      expect(plugins.filter((path) => path !== '/first')).toEqual([]);
    });
  });

  describe('SETTINGS values (RFC 9113 §6.5.2)', () => {
    const values = onTransport(
      'ENABLE_PUSH of 2 and MAX_FRAME_SIZE below 16,384: PROTOCOL_ERROR; INITIAL_WINDOW_SIZE above 2^31-1: FLOW_CONTROL_ERROR',
      transport,
      onNode(NODE_INTERNAL_ERROR),
    );
    it.skipIf(values.skip)(values.name, async () => {
      const cases: Array<[number, number, number]> = [
        [Setting.ENABLE_PUSH, 2, ErrorCode.PROTOCOL_ERROR],
        [Setting.MAX_FRAME_SIZE, 16_383, ErrorCode.PROTOCOL_ERROR],
        [Setting.MAX_FRAME_SIZE, 1 << 24, ErrorCode.PROTOCOL_ERROR],
        [Setting.INITIAL_WINDOW_SIZE, MAX_WINDOW + 1, ErrorCode.FLOW_CONTROL_ERROR],
      ];
      for (const [id, value, code] of cases) {
        const peer = await ready();
        peer.write(settingsFrame([[id, value]]));
        expectConnectionError(await refusal(peer, 0), code);
      }
    });
  });

  describe('flow-control windows (RFC 9113 §6.9)', () => {
    const overflow = onTransport(
      'a WINDOW_UPDATE that takes the connection window above 2^31-1: FLOW_CONTROL_ERROR on the connection',
      transport,
      onNode(NODE_INTERNAL_ERROR),
    );
    it.skipIf(overflow.skip)(overflow.name, async () => {
      const peer = await ready();
      peer.write(uint32Frame(FrameType.WINDOW_UPDATE, 0, MAX_WINDOW));
      expectConnectionError(await refusal(peer, 0), ErrorCode.FLOW_CONTROL_ERROR);
    });

    const streamOverflow = onTransport(
      'a WINDOW_UPDATE that takes a stream’s window above 2^31-1: FLOW_CONTROL_ERROR on that stream (or the connection)',
      transport,
      onNode(NODE_INTERNAL_ERROR),
    );
    it.skipIf(streamOverflow.skip)(streamOverflow.name, async () => {
      const peer = await ready();
      peer.headers(3, callBlock());
      peer.write(uint32Frame(FrameType.WINDOW_UPDATE, 3, MAX_WINDOW));
      const got = await refusal(peer, 3);
      expectStreamError(got, ErrorCode.FLOW_CONTROL_ERROR);
      await stillServes(peer, got, 5);
    });

    const streamZero = onTransport(
      'a WINDOW_UPDATE of 0 on a stream: PROTOCOL_ERROR on that stream (or the connection)',
      transport,
      onNode(NODE_INTERNAL_ERROR),
    );
    it.skipIf(streamZero.skip)(streamZero.name, async () => {
      const peer = await ready();
      peer.headers(3, callBlock());
      peer.write(uint32Frame(FrameType.WINDOW_UPDATE, 3, 0));
      const got = await refusal(peer, 3);
      expectStreamError(got, ErrorCode.PROTOCOL_ERROR);
      await stillServes(peer, got, 5);
    });
  });

  describe('stream states (RFC 9113 §5.1)', () => {
    const idle = onTransport(
      'RST_STREAM or WINDOW_UPDATE on an idle stream: PROTOCOL_ERROR on the connection',
      transport,
      onNode(NODE_INTERNAL_ERROR),
    );
    it.skipIf(idle.skip)(idle.name, async () => {
      for (const bytes of [
        uint32Frame(FrameType.RST_STREAM, 9, ErrorCode.CANCEL),
        uint32Frame(FrameType.WINDOW_UPDATE, 9, 100),
      ]) {
        const peer = await ready();
        peer.write(bytes);
        expectConnectionError(await refusal(peer, 0), ErrorCode.PROTOCOL_ERROR);
      }
    });

    it('DATA after the client’s END_STREAM is refused with STREAM_CLOSED or ignored, never another error, and the connection serves on (RFC 9113 §5.1: a MUST while half-closed, a MAY once closed, and a server may close its side at once)', async () => {
      const peer = await ready();
      const stream = peer.stream(3);
      peer.headers(3, callBlock());
      peer.data(3, requestHeadersFrame('/ended'), { endStream: true });
      peer.data(3, Buffer.from('late'));
      // A PING behind it: its ACK comes after the server read the late DATA.
      const acks = peer.pingAcks.length;
      peer.write(frame(FrameType.PING, 0, 0, Buffer.alloc(8)));
      await peer.until(
        () => peer.pingAcks.length > acks || peer.goaway !== null || peer.closed,
        'the PING ACK',
      );
      const codes = [...peer.goaways.map((g) => g.code), ...(stream.reset === null ? [] : [stream.reset])];
      expect(codes.filter((code) => code !== ErrorCode.STREAM_CLOSED)).toEqual([]);
      if (peer.goaway === null) await stillServes(peer, { kind: 'stream', code: 0 }, 5);
    });

    const interleaved = onTransport(
      'a header block interrupted by another frame, or a CONTINUATION with no header block open: PROTOCOL_ERROR on the connection (RFC 9113 §6.10)',
      transport,
      onNode(NODE_INTERNAL_ERROR),
    );
    it.skipIf(interleaved.skip)(interleaved.name, async () => {
      const block = callBlock();
      const half = Math.floor(block.length / 2);
      const cases = [
        Buffer.concat([
          frame(FrameType.HEADERS, 0, 3, block.subarray(0, half)),
          frame(FrameType.PING, 0, 0, Buffer.alloc(8)),
          frame(FrameType.CONTINUATION, Flag.END_HEADERS, 3, block.subarray(half)),
        ]),
        frame(FrameType.CONTINUATION, Flag.END_HEADERS, 3, block),
      ];
      for (const bytes of cases) {
        const peer = await ready();
        peer.write(bytes);
        expectConnectionError(await refusal(peer, 0), ErrorCode.PROTOCOL_ERROR);
      }
    });

    const selfDependent = onTransport(
      'a stream that depends on itself (the HEADERS PRIORITY flag’s fields): PROTOCOL_ERROR on that stream (or the connection) (RFC 7540 §5.3.1)',
      transport,
      onNode(NODE_INTERNAL_ERROR),
    );
    it.skipIf(selfDependent.skip)(selfDependent.name, async () => {
      const peer = await ready();
      const self = Buffer.from([0, 0, 0, 3, 15]);
      peer.write(
        frame(FrameType.HEADERS, Flag.END_HEADERS | Flag.PRIORITY, 3, Buffer.concat([self, callBlock()])),
      );
      // A whole call after it, so a server that ignores the dependency answers rather than waits.
      peer.data(3, requestHeadersFrame('/self'), { endStream: true });
      const got = await refusal(peer, 3);
      expectStreamError(got, ErrorCode.PROTOCOL_ERROR);
      await stillServes(peer, got, 5);
    });
  });

  describe('malformed requests (RFC 9113 §8.1.1, §8.2, §8.3): refused, no plugin runs', () => {
    const without = (name: string) => CALL_FIELDS.filter(([n]) => n !== name);
    const cases: Array<[string, ReadonlyArray<readonly [string, string]>]> = [
      ['an upper-case field name', [...CALL_FIELDS, ['X-Upper', '1']]],
      ['a connection-specific field', [...CALL_FIELDS, ['connection', 'keep-alive']]],
      ['te other than "trailers"', [...without('te'), ['te', 'gzip']]],
      ['no :path', without(':path')],
      ['no :method', without(':method')],
      ['a pseudo-header after a regular field', [...without(':authority'), [':authority', 'late']]],
      ['an unknown pseudo-header', [...CALL_FIELDS, [':protocol-x', 'y']]],
      ['a repeated :path', [...CALL_FIELDS, [':path', '/again']]],
    ];
    it('each malformed header block gets a stream error PROTOCOL_ERROR (or a connection error, or a 4xx), and the connection still serves calls', async () => {
      let peer = await ready();
      let id = 3;
      const outcomes: Record<string, string> = {};
      for (const [what, fields] of cases) {
        peer.headers(id, literalBlock(fields));
        peer.data(id, requestHeadersFrame('/malformed'), { endStream: true });
        const got = await refusal(peer, id);
        outcomes[what] =
          got.kind === 'response'
            ? /^4\d\d$/.test(got.status)
              ? 'refused'
              : `answered ${got.status}`
            : got.code === ErrorCode.PROTOCOL_ERROR
              ? 'refused'
              : `${got.kind} error ${got.code}`;
        id += 2;
        if (got.kind === 'connection') {
          peer = await ready();
          id = 3;
        }
      }
      expect(outcomes).toEqual(Object.fromEntries(cases.map(([what]) => [what, 'refused'])));
      expect(plugins.filter((path) => path !== '/first')).toEqual([]);
      if (peer.goaway === null) await stillServes(peer, { kind: 'stream', code: 0 }, id);
    });
  });
});
