import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prng } from '../../test/support/prng.js';
import type { HeaderValueOption } from '../gen/envoy/config/core/v3/base.js';
import {
  type CommonResponse,
  CommonResponse_ResponseStatus,
  type HeaderMutation,
  ProcessingResponse,
  type StreamedBodyResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { CONTINUE } from '../stream/replies/common.js';
import { encodeResponse, encodeResponseFrame, encodeResponseFrameParts } from './codec.js';
import {
  BY_REFERENCE_BYTES,
  encodeReplyAfterPrefix,
  encodeReplyFrameParts,
  type FrameParts,
} from './encode-reply.js';
import { OVERRIDE_COMPARED_FIELDS } from './processing-mode.js';

/** What the generated encoder writes for `reply`. */
function generated(reply: ProcessingResponse): Buffer {
  return Buffer.from(ProcessingResponse.encode(reply).finish());
}

/** The fast path's message bytes (after the prefix room), asserting it took the reply. */
function fast(reply: ProcessingResponse): Buffer {
  const out = encodeReplyAfterPrefix(reply);
  expect(out, 'the fast path should encode this reply').not.toBeNull();
  return (out as Buffer).subarray(5);
}

/** A random reply of the shapes the fast path covers. */
function randomReply(random: () => number): ProcessingResponse {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const text = (max: number) =>
    Array.from({ length: Math.floor(random() * max) }, () =>
      String.fromCharCode(32 + Math.floor(random() * 95)),
    ).join('');
  const bytes = (max: number) =>
    Buffer.from(Array.from({ length: Math.floor(random() * max) }, () => Math.floor(random() * 256)));
  const option = (): HeaderValueOption => {
    const o: HeaderValueOption = {};
    if (random() < 0.9) {
      o.header = {};
      if (random() < 0.9) o.header.key = text(20);
      if (random() < 0.2) o.header.value = text(20);
      if (random() < 0.8) o.header.rawValue = bytes(random() < 0.1 ? 300 : 40);
    }
    if (random() < 0.5) o.append = random() < 0.5;
    if (random() < 0.1) o.appendAction = pick([0, 1, 2, 3]);
    if (random() < 0.1) o.keepEmptyValue = random() < 0.5;
    return o;
  };
  const mutation = (): HeaderMutation => {
    const m: HeaderMutation = {};
    if (random() < 0.8) m.setHeaders = Array.from({ length: Math.floor(random() * 5) }, option);
    if (random() < 0.5) m.removeHeaders = Array.from({ length: Math.floor(random() * 3) }, () => text(12));
    return m;
  };
  const flag = (): boolean | undefined => (random() < 0.3 ? undefined : random() < 0.5);
  const streamed = (): StreamedBodyResponse => {
    const r: StreamedBodyResponse = {};
    if (random() < 0.9) r.body = bytes(random() < 0.2 ? 70_000 : 100);
    r.endOfStream = flag();
    if (random() < 0.1) r.endOfStreamWithoutMessage = flag();
    if (random() < 0.1) r.grpcMessageCompressed = flag();
    return r;
  };
  const common = (): CommonResponse => {
    const c: CommonResponse = {};
    if (random() < 0.3) c.status = pick([0, 1, 2]) as CommonResponse_ResponseStatus;
    if (random() < 0.7) c.headerMutation = mutation();
    if (random() < 0.3) {
      const r = random();
      c.bodyMutation =
        r < 0.6
          ? { mutation: { $case: 'body', value: bytes(random() < 0.2 ? 20_000 : 100) } }
          : r < 0.8
            ? { mutation: { $case: 'streamedResponse', value: streamed() } }
            : r < 0.9
              ? { mutation: { $case: 'clearBody', value: random() < 0.5 } }
              : {};
    }
    if (random() < 0.1) c.clearRouteCache = random() < 0.5;
    return c;
  };
  const reply: ProcessingResponse = {};
  const phase = pick([
    'requestHeaders',
    'responseHeaders',
    'requestBody',
    'responseBody',
    'requestTrailers',
    'responseTrailers',
    null,
  ] as const);
  if (phase === 'requestTrailers' || phase === 'responseTrailers') {
    reply.response = { $case: phase, value: random() < 0.8 ? { headerMutation: mutation() } : {} };
  } else if (phase !== null) {
    reply.response = { $case: phase, value: random() < 0.9 ? { response: common() } : {} };
  }
  if (random() < 0.05) reply.requestDrain = random() < 0.5;
  return reply;
}

describe('encodeReplyAfterPrefix', () => {
  it('writes exactly what the generated encoder writes, for 3,000 random replies of its shapes', () => {
    const random = prng(20261206);
    for (let i = 0; i < 3000; i++) {
      const reply = randomReply(random);
      expect(fast(reply).equals(generated(reply)), `reply ${i}: ${JSON.stringify(reply)}`).toBe(true);
    }
  });

  it('writes exactly what the generated encoder writes with a mode_override, for 3,000 random replies', () => {
    const random = prng(20261207);
    const fields = ['requestHeaderMode', ...OVERRIDE_COMPARED_FIELDS] as const;
    for (let i = 0; i < 3000; i++) {
      const reply = randomReply(random);
      const mode: Record<string, number | undefined> = {};
      for (const field of fields) {
        const r = random();
        // Unset, explicitly undefined, DEFAULT/NONE (0, not written), or a real value up to 127.
        if (r < 0.3) continue;
        mode[field] = r < 0.4 ? undefined : r < 0.55 ? 0 : r < 0.95 ? 1 + Math.floor(random() * 4) : 127;
      }
      reply.modeOverride = mode;
      expect(fast(reply).equals(generated(reply)), `reply ${i}: ${JSON.stringify(reply)}`).toBe(true);
    }
  });

  it('sizes the buffer exactly: the frame is the 5 bytes of prefix room and the message', () => {
    const reply: ProcessingResponse = {
      response: {
        $case: 'requestHeaders',
        value: {
          response: {
            headerMutation: { setHeaders: [{ header: { key: 'x-a', rawValue: Buffer.from('1') } }] },
          },
        },
      },
    };
    const out = encodeReplyAfterPrefix(reply) as Buffer;
    expect(out.length).toBe(5 + generated(reply).length);
    expect(Buffer.from(encodeResponseFrame(reply)).subarray(5)).toEqual(generated(reply));
    expect(encodeResponse(reply)).toEqual(generated(reply));
  });

  it('writes multi-byte lengths (a body of 3 MB, headers of 200 values)', () => {
    const body = Buffer.alloc(3 << 20, 7);
    const big: ProcessingResponse = {
      response: {
        $case: 'requestBody',
        value: {
          response: {
            status: CommonResponse_ResponseStatus.CONTINUE_AND_REPLACE,
            bodyMutation: { mutation: { $case: 'body', value: body } },
            headerMutation: {
              setHeaders: Array.from({ length: 200 }, (_, i) => ({
                header: { key: `x-h${i}`, rawValue: Buffer.alloc(i * 3, 97) },
                append: i % 2 === 0,
              })),
            },
          },
        },
      },
    };
    expect(fast(big).equals(generated(big))).toBe(true);
  });

  it('leaves every other shape to the generated encoder, which still encodes it', () => {
    const others: ProcessingResponse[] = [
      { response: { $case: 'immediateResponse', value: { status: { code: 403 }, body: Buffer.from('no') } } },
      { response: { $case: 'requestHeaders', value: {} }, dynamicMetadata: { ns: { k: 'v' } } },
      // An enum value no Envoy has (negative: a 10-byte varint).
      { response: { $case: 'requestHeaders', value: {} }, modeOverride: { requestBodyMode: -1 } },
      { overrideMessageTimeout: { seconds: 1, nanos: 0 } },
      // Non-ASCII strings are UTF-8 on the wire: left to the generated encoder's text encoding.
      { response: { $case: 'requestTrailers', value: { headerMutation: { removeHeaders: ['x-é'] } } } },
      {
        response: {
          $case: 'requestHeaders',
          value: { response: { headerMutation: { setHeaders: [{ header: { key: 'x', value: 'ü' } }] } } },
        },
      },
      { response: { $case: 'responseHeaders', value: { response: { trailers: { headers: [] } } } } },
      { response: { $case: 'requestHeaders', value: { response: { status: -1 } } } },
    ];
    for (const reply of others) {
      expect(encodeReplyAfterPrefix(reply), JSON.stringify(reply)).toBeNull();
      expect(Buffer.from(encodeResponseFrame(reply)).subarray(5)).toEqual(generated(reply));
      expect(encodeResponse(reply)).toEqual(generated(reply));
    }
  });

  it('gives each reply its own buffer', () => {
    const reply = (v: string): ProcessingResponse => ({
      response: {
        $case: 'responseHeaders',
        value: {
          response: {
            headerMutation: { setHeaders: [{ header: { key: 'x-a', rawValue: Buffer.from(v) } }] },
          },
        },
      },
    });
    const first = encodeReplyAfterPrefix(reply('first')) as Buffer;
    const copy = Buffer.from(first);
    encodeReplyAfterPrefix(reply('second'));
    expect(first).toEqual(copy);
  });
});

/** The bytes of a frame, whole or in parts, as they reach the socket. */
function joined(frame: Uint8Array | readonly Uint8Array[]): Buffer {
  return frame instanceof Uint8Array ? Buffer.from(frame) : Buffer.concat(frame);
}

/** `reply` (its phase, header changes and status) carrying `body`: as a replaced body, or a streamed chunk. */
function withBody(
  reply: ProcessingResponse,
  body: Buffer,
  streamed: boolean,
  eos: boolean,
): ProcessingResponse {
  const r = reply.response;
  const phase =
    r?.$case === 'requestHeaders' || r?.$case === 'responseHeaders' || r?.$case === 'responseBody'
      ? r.$case
      : 'requestBody';
  const common: CommonResponse =
    r !== undefined && r.$case === phase
      ? { ...((r.value as { response?: CommonResponse }).response ?? {}) }
      : {};
  common.bodyMutation = streamed
    ? { mutation: { $case: 'streamedResponse', value: { body, endOfStream: eos } } }
    : { mutation: { $case: 'body', value: body } };
  return {
    ...reply,
    response: { $case: phase, value: { response: common } } as ProcessingResponse['response'],
  };
}

describe('encodeReplyFrameParts (a body by reference)', () => {
  it('emits exactly the generated frame, the body being the caller’s own bytes, over random replies, bodies and thresholds', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.uint8Array({ maxLength: 9000 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(10_000),
        fc.constantFrom(undefined, true, false),
        fc.boolean(),
        (seed, bytes, streamed, eos, threshold, clearRouteCache, mode) => {
          const body = Buffer.from(bytes);
          const reply = withBody(randomReply(prng(seed)), body, streamed, eos);
          const common = (reply.response as { value: { response: CommonResponse } }).value.response;
          // Fields after the body: the frame then has a tail after the body.
          if (clearRouteCache !== undefined) common.clearRouteCache = clearRouteCache;
          if (mode) reply.modeOverride = { responseHeaderMode: 2, requestBodyMode: 1 };
          const out = encodeReplyFrameParts(reply, threshold);
          expect(out).not.toBeNull();
          const expected = generated(reply);
          if (body.length === 0 || body.length < threshold) {
            expect(out).toBeInstanceOf(Buffer);
            expect((out as Buffer).subarray(5).equals(expected)).toBe(true);
          } else {
            const parts = out as FrameParts;
            expect(parts[1]).toBe(body); // not a copy
            expect(parts[0].length + parts[1].length + (parts[2]?.length ?? 0)).toBe(5 + expected.length);
            expect(joined(parts).subarray(5).equals(expected)).toBe(true);
            // Changed after encoding, the frame carries the change (read when written), at the same length.
            if (body.length > 0) {
              body[body.length >> 1] = (body[body.length >> 1] as number) ^ 0xff;
              expect(joined(parts).subarray(5).equals(generated(reply))).toBe(true);
            }
          }
          // What the transport writes: the prefix filled in, whole or in parts.
          const frame = joined(encodeResponseFrameParts(reply));
          expect(frame.readUInt32BE(1)).toBe(frame.length - 5);
          expect(frame[0]).toBe(0);
          expect(frame.subarray(5).equals(generated(reply))).toBe(true);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('sends a body of BY_REFERENCE_BYTES by reference and one byte less in one buffer', () => {
    for (const size of [BY_REFERENCE_BYTES - 1, BY_REFERENCE_BYTES, 256 * 1024]) {
      const body = Buffer.alloc(size, 0x61);
      const reply = withBody({}, body, false, false);
      const frame = encodeResponseFrameParts(reply);
      expect(frame instanceof Uint8Array, `size ${size}`).toBe(size < BY_REFERENCE_BYTES);
      expect(joined(frame).equals(joined(encodeResponseFrame(reply)))).toBe(true);
    }
  });

  it('leaves constant replies and shapes outside the fast path in one buffer', () => {
    const immediate: ProcessingResponse = {
      response: { $case: 'immediateResponse', value: { status: { code: 403 }, body: Buffer.alloc(5000, 1) } },
    };
    const frame = encodeResponseFrameParts(immediate);
    expect(frame).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(frame as Uint8Array).subarray(5)).toEqual(generated(immediate));
    expect(encodeResponseFrameParts(CONTINUE.requestBody)).toBe(encodeResponseFrame(CONTINUE.requestBody));
  });
});
