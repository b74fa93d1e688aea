import { describe, expect, it } from 'vitest';
import { ProcessingResponse } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { CONTINUE } from '../stream/replies/common.js';
import { constantReply, encodeResponse, encodeResponseFrame } from './codec.js';

/** The frame gRPC puts on the wire for `message`: flag 0, big-endian length, the bytes. */
function expectedFrame(message: Uint8Array): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(message.length, 1);
  return Buffer.concat([prefix, message]);
}

const headersReply = (value: string): ProcessingResponse => ({
  response: {
    $case: 'requestHeaders',
    value: {
      response: {
        headerMutation: {
          setHeaders: [{ header: { key: 'x-a', rawValue: Buffer.from(value) } }],
          removeHeaders: ['x-b'],
        },
      },
    },
  },
  dynamicMetadata: { ns: { k: value } },
});

describe('encodeResponseFrame (and encodeResponse, sharing its writer)', () => {
  it('is the prefix and the encoded reply in one buffer, for small and large replies alike', () => {
    for (const size of [0, 1, 200, 70_000, 300_000]) {
      const reply = headersReply('v'.repeat(size));
      const frame = encodeResponseFrame(reply);
      // .equals, not toEqual: a byte-wise diff of 300 KB takes seconds.
      expect(Buffer.from(frame).equals(expectedFrame(encodeResponse(reply))), `size ${size}`).toBe(true);
    }
  });

  it('gives each reply a buffer of its own: a later encode never changes an earlier frame', () => {
    const first = encodeResponseFrame(headersReply('first'));
    const copy = Buffer.from(first);
    encodeResponseFrame(headersReply('second, longer than the first'));
    expect(Buffer.from(first)).toEqual(copy);
  });

  it('encodes correctly after an encode threw midway', () => {
    const bad = {
      overrideMessageTimeout: { seconds: 1, nanos: 0.5 },
    } as unknown as ProcessingResponse;
    expect(() => encodeResponseFrame(bad)).toThrow();
    const reply = headersReply('after');
    const generated = Buffer.from(ProcessingResponse.encode(reply).finish());
    expect(Buffer.from(encodeResponseFrame(reply))).toEqual(expectedFrame(generated));
    expect(() => encodeResponse(bad)).toThrow();
    expect(encodeResponse(reply)).toEqual(generated);
  });

  it('returns the frame made once for constant replies', () => {
    const reply = constantReply({ response: { $case: 'responseTrailers', value: {} } });
    expect(encodeResponseFrame(reply)).toBe(encodeResponseFrame(reply));
    expect(Buffer.from(encodeResponseFrame(reply))).toEqual(expectedFrame(encodeResponse(reply)));
    expect(Buffer.from(encodeResponseFrame(CONTINUE.requestHeaders))).toEqual(
      expectedFrame(encodeResponse(CONTINUE.requestHeaders)),
    );
  });
});
