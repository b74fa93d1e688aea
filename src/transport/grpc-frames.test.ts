import { describe, expect, it } from 'vitest';
import { type FrameProblem, frameMessage, MessageReader } from './grpc-frames.js';

function reader(max = 1 << 20) {
  const messages: string[] = [];
  const problems: FrameProblem[] = [];
  const r = new MessageReader(max, {
    message: (b) => messages.push(b.toString()),
    problem: (p) => problems.push(p),
  });
  return { r, messages, problems };
}

const framed = (...parts: string[]) =>
  Buffer.concat(parts.map((p) => frameMessage(Buffer.from(p)) as Buffer));

describe('MessageReader', () => {
  it('gives the same messages however the bytes are cut into chunks', () => {
    const bytes = framed('alpha', '', 'b'.repeat(300), 'gamma');
    for (let size = 1; size <= bytes.length; size++) {
      const { r, messages } = reader();
      for (let at = 0; at < bytes.length; at += size) r.push(bytes.subarray(at, at + size));
      expect(messages, `chunks of ${size}`).toEqual(['alpha', '', 'b'.repeat(300), 'gamma']);
      expect(r.midMessage).toBe(false);
    }
  });

  it('reports a message over the limit from its prefix alone, and a compressed one; then reads nothing more', () => {
    const big = reader(10);
    big.r.push(Buffer.from([0, 0, 0, 0, 11]));
    big.r.push(framed('x'));
    expect(big.problems).toEqual([{ kind: 'too-large', length: 11 }]);
    expect(big.messages).toEqual([]);
    const zipped = reader();
    zipped.r.push(Buffer.concat([Buffer.from([1, 0, 0, 0, 1, 0x41]), framed('x')]));
    expect(zipped.problems).toEqual([{ kind: 'compressed' }]);
    expect(zipped.messages).toEqual([]);
  });

  it('knows when it stands inside a message', () => {
    const { r } = reader();
    r.push(Buffer.from([0, 0]));
    expect(r.midMessage).toBe(true);
    r.push(Buffer.from([0, 0, 2, 0x61]));
    expect(r.midMessage).toBe(true);
  });
});

describe('frameMessage', () => {
  it('writes small messages as one buffer and large ones as prefix + the message itself', () => {
    expect(frameMessage(Buffer.from('hi'))).toEqual(Buffer.from([0, 0, 0, 0, 2, 0x68, 0x69]));
    const large = Buffer.alloc(64 * 1024 + 1);
    const parts = frameMessage(large) as [Buffer, Buffer];
    expect(parts[0]).toEqual(Buffer.from([0, 0, 1, 0, 1]));
    expect(parts[1]).toBe(large);
  });
});
