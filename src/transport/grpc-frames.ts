/**
 * gRPC's length-prefixed message framing (1 flag byte, 4-byte big-endian length, the message),
 * read incrementally from HTTP/2 DATA chunks, and written as one frame per message.
 *
 * @module
 */

/** What {@link MessageReader.push} found wrong with the stream of frames. */
export type FrameProblem =
  | { readonly kind: 'compressed' }
  | { readonly kind: 'too-large'; readonly length: number };

/** Receives the messages (and the first problem) a {@link MessageReader} finds. */
export interface MessageListener {
  message(bytes: Buffer): void;
  problem(problem: FrameProblem): void;
}

const EMPTY = Buffer.alloc(0);

/**
 * Splits DATA chunks into messages. A message inside one chunk is passed as a view of it (no
 * copy); one spread over several chunks is copied once into a buffer of its announced size,
 * never re-concatenated per chunk. The length prefix is checked against the limit before any
 * byte of the message is buffered. After a problem the reader ignores everything.
 *
 * The loop is the same as the `wire` server's `FrameReader` (src/h2/frame-reader.ts), with a
 * 5-byte prefix for its 9-byte header, and stays a twin on purpose: a shared base class cost
 * every stream ~32 ns (+20% for the two readers; the measurement is in `FrameReader`'s comment),
 * this reader being made once per call. A fix made to one belongs in the other.
 */
export class MessageReader {
  readonly #max: number;
  readonly #listener: MessageListener;
  /** Bytes of the 5-byte prefix seen so far, while a prefix is split between chunks. */
  #prefix: Buffer | null = null;
  #prefixFill = 0;
  /** The message being assembled across chunks, and how much of it is filled. */
  #partial: Buffer | null = null;
  #partialFill = 0;
  #stopped = false;

  constructor(maxMessageBytes: number, listener: MessageListener) {
    this.#max = maxMessageBytes;
    this.#listener = listener;
  }

  /** True while a message (or its prefix) is incomplete: a half-close now cuts a message. */
  get midMessage(): boolean {
    return this.#prefixFill > 0 || this.#partial !== null;
  }

  /** Feeds one DATA chunk. */
  push(chunk: Buffer): void {
    let at = 0;
    const end = chunk.length;
    while (at < end && !this.#stopped) {
      if (this.#partial !== null) {
        const take = Math.min(this.#partial.length - this.#partialFill, end - at);
        chunk.copy(this.#partial, this.#partialFill, at, at + take);
        this.#partialFill += take;
        at += take;
        if (this.#partialFill === this.#partial.length) {
          const message = this.#partial;
          this.#partial = null;
          this.#listener.message(message);
        }
        continue;
      }
      let flag: number;
      let length: number;
      if (this.#prefixFill === 0 && end - at >= 5) {
        flag = chunk[at] as number;
        length = chunk.readUInt32BE(at + 1);
        at += 5;
      } else {
        this.#prefix ??= Buffer.allocUnsafe(5);
        const take = Math.min(5 - this.#prefixFill, end - at);
        chunk.copy(this.#prefix, this.#prefixFill, at, at + take);
        this.#prefixFill += take;
        at += take;
        if (this.#prefixFill < 5) return;
        this.#prefixFill = 0;
        flag = this.#prefix[0] as number;
        length = this.#prefix.readUInt32BE(1);
      }
      if (flag !== 0) {
        this.#stop({ kind: 'compressed' });
        return;
      }
      if (length > this.#max) {
        this.#stop({ kind: 'too-large', length });
        return;
      }
      if (length === 0) {
        this.#listener.message(EMPTY);
      } else if (end - at >= length) {
        const message = chunk.subarray(at, at + length);
        at += length;
        this.#listener.message(message);
      } else {
        this.#partial = Buffer.allocUnsafe(length);
        this.#partialFill = 0;
      }
    }
  }

  /** Ignore every byte from now on (the call already ended). */
  stop(): void {
    this.#stopped = true;
    this.#partial = null;
    this.#prefixFill = 0;
  }

  #stop(problem: FrameProblem): void {
    this.stop();
    this.#listener.problem(problem);
  }
}

/** Frames above this size are written as prefix + message (two writes) instead of one copy. */
const COPY_LIMIT = 64 * 1024;

/**
 * The frame(s) for one message: small messages are copied behind their prefix into one buffer
 * (one write, one DATA chunk); large ones keep their bytes and get a separate 5-byte prefix.
 */
export function frameMessage(message: Buffer): Buffer | [Buffer, Buffer] {
  if (message.length <= COPY_LIMIT) {
    const frame = Buffer.allocUnsafe(5 + message.length);
    frame[0] = 0;
    frame.writeUInt32BE(message.length, 1);
    message.copy(frame, 5);
    return frame;
  }
  const prefix = Buffer.allocUnsafe(5);
  prefix[0] = 0;
  prefix.writeUInt32BE(message.length, 1);
  return [prefix, message];
}
