/**
 * The bytes one connection has to send, gathered until the next flush so that every frame made
 * meanwhile (all the streams of one socket read, or all the replies of one turn of the event
 * loop) leaves in one socket write.
 *
 * @module
 */
import { HEADER_BYTES, writeFrameHeader } from './frames.js';

/** Payloads up to this size are copied next to their frame header; larger ones are sent by reference. */
const COPY_LIMIT = 1024;
/** Size of the slabs headers and small payloads are copied into. */
const SLAB_BYTES = 16 * 1024;

/**
 * Frame headers and small payloads are copied into a slab, cut into one chunk per run of copied
 * bytes; larger payloads are kept as they are (a reply body is never copied) and written as
 * their own chunk. A slab's bytes handed to the socket are never written again: the next frames
 * go after them, and a full slab is replaced, not reused.
 */
export class OutBuffer {
  #slab: Buffer = Buffer.allocUnsafeSlow(SLAB_BYTES);
  /** Where the next copied byte goes, and where the run not yet cut into a chunk starts. */
  #at = 0;
  #runStart = 0;
  #chunks: Uint8Array[] = [];
  /** Bytes gathered since the last {@link take}. */
  bytes = 0;

  /** Appends a frame header. */
  header(length: number, type: number, flags: number, streamId: number): void {
    this.#room(HEADER_BYTES);
    writeFrameHeader(this.#slab, this.#at, length, type, flags, streamId);
    this.#at += HEADER_BYTES;
    this.bytes += HEADER_BYTES;
  }

  /** Appends payload bytes: copied when small, else kept by reference until written. */
  payload(bytes: Uint8Array): void {
    const length = bytes.length;
    if (length === 0) return;
    this.bytes += length;
    if (length <= COPY_LIMIT) {
      this.#room(length);
      this.#slab.set(bytes, this.#at);
      this.#at += length;
      return;
    }
    this.#cut();
    this.#chunks.push(bytes);
  }

  /** Appends a whole frame already built (rare frames: GOAWAY, RST_STREAM, SETTINGS). */
  frame(bytes: Uint8Array): void {
    this.bytes += bytes.length;
    this.#room(bytes.length);
    this.#slab.set(bytes, this.#at);
    this.#at += bytes.length;
  }

  /** The chunks gathered since the last call, in order; the buffer is empty after it. */
  take(): Uint8Array[] {
    this.#cut();
    const chunks = this.#chunks;
    this.#chunks = [];
    this.bytes = 0;
    return chunks;
  }

  /** Ends the run of copied bytes as a chunk (a view of the slab). */
  #cut(): void {
    if (this.#at > this.#runStart) {
      this.#chunks.push(this.#slab.subarray(this.#runStart, this.#at));
      this.#runStart = this.#at;
    }
  }

  /** Makes room for `length` copied bytes, in a new slab when this one is too full. */
  #room(length: number): void {
    if (this.#slab.length - this.#at >= length) return;
    this.#cut();
    this.#slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, length));
    this.#at = 0;
    this.#runStart = 0;
  }
}
