import { describe, expect, it } from 'vitest';
import { FrameReader, FrameSizeError } from './frame-reader.js';
import { FrameType, frame } from './frames.js';

function collect(): { reader: FrameReader; frames: Array<[number, number, number, string]> } {
  const frames: Array<[number, number, number, string]> = [];
  const reader = new FrameReader(16_384, (type, flags, id, payload) =>
    frames.push([type, flags, id, payload.toString('latin1')]),
  );
  return { reader, frames };
}

describe('FrameReader', () => {
  it('reads frames whole, split at every byte, and several per chunk', () => {
    const bytes = Buffer.concat([
      frame(FrameType.HEADERS, 4, 1, Buffer.from('abc')),
      frame(FrameType.DATA, 1, 3, Buffer.from('payload')),
      frame(FrameType.SETTINGS, 1, 0),
    ]);
    const expected = [
      [FrameType.HEADERS, 4, 1, 'abc'],
      [FrameType.DATA, 1, 3, 'payload'],
      [FrameType.SETTINGS, 1, 0, ''],
    ];
    const whole = collect();
    whole.reader.push(bytes);
    expect(whole.frames).toEqual(expected);
    for (let cut = 1; cut < bytes.length; cut++) {
      const split = collect();
      split.reader.push(bytes.subarray(0, cut));
      split.reader.push(bytes.subarray(cut));
      expect(split.frames).toEqual(expected);
    }
    const bytewise = collect();
    for (const byte of bytes) bytewise.reader.push(Buffer.of(byte));
    expect(bytewise.frames).toEqual(expected);
  });

  it('ignores the reserved bit of the stream id', () => {
    const { reader, frames } = collect();
    const bytes = frame(FrameType.DATA, 0, 5);
    bytes[5] = (bytes[5] as number) | 0x80;
    reader.push(bytes);
    expect(frames).toEqual([[FrameType.DATA, 0, 5, '']]);
  });

  it('refuses a frame above the maximum frame size', () => {
    const { reader } = collect();
    expect(() => reader.push(frame(FrameType.DATA, 0, 1, Buffer.alloc(16_385)))).toThrow(FrameSizeError);
  });
});
