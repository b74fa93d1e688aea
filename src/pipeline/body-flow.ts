/**
 * The body chain of one direction: what each body step holds between Envoy messages.
 *
 * Every body step sees its own input stream. A chunk step's input is what it held back last
 * time followed by what the step before it let through; a whole-body step is a chunk step that
 * holds everything until the last chunk, then sees the body once. One engine therefore serves
 * every body mode: a buffered body is a single last chunk, a streamed body a series of chunks,
 * and the trailers of a streamed body end it with an empty last chunk (a flush).
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import { type Body, markOwned } from '../http/body.js';
import type { Step } from './pipeline.js';

const EMPTY = Buffer.alloc(0);

/** From this size a collected body gets an ArrayBuffer of its own (see {@link concatOwned}). */
const OWN_BUFFER_BYTES = 16 * 1024;

/**
 * Concatenates `parts`. A large result gets an ArrayBuffer of its own, never a slice of Node's
 * shared pool (Node 24's `Buffer.concat` slices one of 64 KiB), and is marked as attache's: a
 * worker task may then take it without a copy. Still one copy, as `Buffer.concat`.
 */
function concatOwned(parts: readonly Buffer[], total: number): Buffer {
  if (total < OWN_BUFFER_BYTES) return Buffer.concat(parts, total);
  const out = Buffer.allocUnsafeSlow(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  markOwned(out);
  return out;
}

/** Thrown when the bytes held for one direction would exceed the body limit. */
export class BodyTooLargeError extends AttacheError {
  constructor(limit: number, step: Step) {
    super(
      ErrorCode.BODY_TOO_LARGE,
      `plugin "${step.name}" would make attache hold more than ${limit} body bytes (maxBodyBytes)`,
    );
  }
}

/** Per-direction state of the body chain, created on the first body message with body steps. */
export class BodyFlow {
  readonly #limit: number;
  /** Bytes each step holds, as a list so a whole-body step collects without copying. */
  readonly #carries: Array<Buffer[] | null>;
  #held = 0;
  /** The input the current step got (for fail-open: what passes on without it). */
  #input: Buffer = EMPTY;
  #at = -1;
  /** Whether the current message's output differs from its input. */
  changed = false;
  /** A last chunk was processed: the body is complete for every step. */
  ended = false;

  constructor(steps: number, limit: number) {
    // Pushed, not `new Array(steps).fill(null)`: a packed array made at its size, cheaper per stream.
    const carries: Array<Buffer[] | null> = [];
    for (let i = 0; i < steps; i++) carries.push(null);
    this.#carries = carries;
    this.#limit = limit;
  }

  /** Whether any step holds bytes. */
  get pending(): boolean {
    return this.#held > 0;
  }

  /** How many bytes the steps hold. */
  get held(): number {
    return this.#held;
  }

  /** Starts a message. */
  begin(body: Body): void {
    this.changed = false;
    this.#at = -1;
    if (body.last) this.ended = true;
  }

  /**
   * Points `body` at step `index`'s input. Returns false when the step is not to be called:
   * a whole-body step before the last chunk (it collects), or a chunk step with nothing to see.
   */
  enter(body: Body, index: number, step: Step): boolean {
    this.#at = index;
    const input = body.bytes();
    const carry = this.#carries[index] ?? null;
    if (!step.chunk && !body.last) {
      if (input.length > 0) {
        this.#add(step, input.length);
        if (carry === null) this.#carries[index] = [input];
        else carry.push(input);
        this.changed = true;
      }
      body.reset(EMPTY, 0);
      return false;
    }
    let data = input;
    let carried = 0;
    if (carry !== null) {
      carried = this.#take(index, carry);
      // The whole body is about to exist in one piece: it counts against the limit too.
      if (!step.chunk && carried + input.length > this.#limit) throw new BodyTooLargeError(this.#limit, step);
      carry.push(input);
      data = concatOwned(carry, carried + input.length);
      this.changed = true;
    }
    this.#input = data;
    body.reset(data, carried);
    return data.length > 0 || body.last;
  }

  /** Applies the step's `holdBack` after it returned. */
  leave(body: Body, index: number, step: Step): void {
    if (body.replaced) this.changed = true;
    const n = body.hold;
    if (n === 0) return;
    const out = body.bytes();
    if (n > out.length) {
      throw new AttacheError(
        ErrorCode.INVALID_ARGUMENT,
        `holdBack(${n}) is more than the ${out.length} bytes this chunk passes on after replaceChunk()`,
      );
    }
    this.#add(step, n);
    this.#carries[index] = [out.subarray(out.length - n)];
    body.reset(out.subarray(0, out.length - n), 0);
    this.changed = true;
  }

  /**
   * Fail-open in a streamed mode: the failing step and the ones after it do not process this
   * chunk. What they held is released first (the last step's bytes are the oldest downstream),
   * then the failing step's input, so nothing is lost or reordered.
   */
  bypass(body: Body): void {
    const parts: Buffer[] = [];
    let total = 0;
    for (let i = this.#carries.length - 1; i > this.#at; i--) {
      const carry = this.#carries[i];
      if (carry === null || carry === undefined) continue;
      total += this.#take(i, carry);
      parts.push(...carry);
    }
    parts.push(this.#input);
    total += this.#input.length;
    body.reset(Buffer.concat(parts, total), 0);
    this.changed = true;
  }

  /** The current step's input came back from a worker as `next` (see `Body.restore`). */
  restoreInput(lent: Buffer, next: Buffer): void {
    if (this.#input === lent) this.#input = next;
  }

  /** Names of the steps holding bytes, for error messages. */
  holders(steps: readonly Step[]): string[] {
    const names: string[] = [];
    this.#carries.forEach((carry, i) => {
      if (carry !== null) names.push((steps[i] as Step).name);
    });
    return names;
  }

  #take(index: number, carry: Buffer[]): number {
    let size = 0;
    for (const part of carry) size += part.length;
    this.#carries[index] = null;
    this.#held -= size;
    return size;
  }

  #add(step: Step, bytes: number): void {
    if (this.#held + bytes > this.#limit) throw new BodyTooLargeError(this.#limit, step);
    this.#held += bytes;
  }
}
