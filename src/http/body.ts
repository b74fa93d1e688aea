/**
 * The body of one message as plugins see it.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';

/** Read access to a body. After a plugin replaces the body, later plugins see the new one. */
export interface BodyView {
  /** Size in bytes. */
  readonly length: number;
  /** Whether this is the end of the message's body (no body bytes follow). */
  readonly endOfStream: boolean;
  /**
   * Whether Envoy sent only part of the body (BUFFERED_PARTIAL over the buffer limit); the rest
   * passes upstream without being seen.
   */
  readonly partial: boolean;
  /** The bytes. Do not modify them in place; use `mutate.replaceBody`. */
  bytes(): Buffer;
  /**
   * The body decoded as UTF-8.
   * @throws AttacheError `ATTACHE_ERR_BODY_INVALID_UTF8` if the bytes are not valid UTF-8.
   */
  text(): string;
  /**
   * The body parsed as JSON (a fresh value on every call).
   * @throws AttacheError `ATTACHE_ERR_BODY_INVALID_UTF8` or `ATTACHE_ERR_BODY_INVALID_JSON`.
   */
  json<T = unknown>(): T;
}

/**
 * One chunk of a body as a chunk handler sees it: the bytes the plugin held back last time
 * (`carried`), followed by the new bytes.
 */
export interface ChunkView {
  /** Size in bytes, carried bytes included. */
  readonly length: number;
  /** How many leading bytes are this plugin's own held-back bytes from its previous chunk. */
  readonly carried: number;
  /**
   * Whether this is the last chunk this plugin will see for the body: nothing can be held back,
   * everything must go on now. Set at Envoy's end of stream, for a buffered body, and when
   * trailers end a streamed body.
   */
  readonly last: boolean;
  /** Whether Envoy marked the end of the body here (false when trailers follow). */
  readonly endOfStream: boolean;
  /**
   * Whether Envoy sent only part of the body (BUFFERED_PARTIAL over the buffer limit); the rest
   * passes upstream without being seen.
   */
  readonly partial: boolean;
  /** The bytes. Do not modify them in place; use `mutate.replaceChunk`. */
  bytes(): Buffer;
  /**
   * The chunk decoded as UTF-8. A multi-byte character may be split between chunks: hold the
   * incomplete tail back (see {@link incompleteUtf8Tail}) before decoding.
   * @throws AttacheError `ATTACHE_ERR_BODY_INVALID_UTF8` if the bytes are not valid UTF-8.
   */
  text(): string;
}

/**
 * The ArrayBuffers attache allocated for a body and shares with no one (a collected body): only
 * these may be transferred to a worker thread. Bodies as Envoy sent them are views of a larger
 * received message, and plugin-made bytes belong to the plugin.
 */
const owned = new WeakSet<ArrayBufferLike>();

/** @internal Records that `bytes` (a whole ArrayBuffer of attache's own) may be transferred. */
export function markOwned(bytes: Buffer): void {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) owned.add(bytes.buffer);
}

/** @internal Whether `bytes` spans a whole ArrayBuffer attache owns (see {@link markOwned}). */
export function ownsWhole(bytes: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && owned.has(bytes.buffer);
}

// One strict decoder for the process: `fatal` makes invalid UTF-8 an error, not U+FFFD.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Internal mutable holder of the bytes flowing through a body chain. Plugins see it as a
 * {@link BodyView} or a {@link ChunkView}; the chain re-points it before every step.
 * @internal
 */
export class Body implements BodyView, ChunkView {
  #bytes: Buffer;
  #text: string | undefined;
  readonly endOfStream: boolean;
  readonly partial: boolean;
  readonly last: boolean;
  carried = 0;
  /** Set once a plugin replaced or cleared the body (or chunk) in the current step. */
  replaced = false;
  /** Bytes the current step asked to hold back. */
  hold = 0;
  #view: BodyView | null = null;
  #chunkView: ChunkView | null = null;

  constructor(bytes: Buffer, endOfStream: boolean, partial: boolean, last: boolean) {
    this.#bytes = bytes;
    this.endOfStream = endOfStream;
    this.partial = partial;
    this.last = last;
  }

  get length(): number {
    return this.#bytes.length;
  }

  /** The read-only view whole-body handlers get (created on first use). */
  view(): BodyView {
    if (this.#view === null) this.#view = new ReadonlyBody(this);
    return this.#view;
  }

  /** The read-only view chunk handlers get (created on first use). */
  chunkView(): ChunkView {
    if (this.#chunkView === null) this.#chunkView = new ReadonlyChunk(this);
    return this.#chunkView;
  }

  bytes(): Buffer {
    return this.#bytes;
  }

  text(): string {
    if (this.#text === undefined) {
      try {
        this.#text = strictUtf8.decode(this.#bytes);
      } catch (cause) {
        throw new AttacheError(ErrorCode.BODY_INVALID_UTF8, 'body is not valid UTF-8', { cause });
      }
    }
    return this.#text;
  }

  json<T = unknown>(): T {
    const text = this.text();
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new AttacheError(ErrorCode.BODY_INVALID_JSON, `body is not valid JSON: ${reason}`, { cause });
    }
  }

  /**
   * Puts back bytes a worker task had on loan (their ArrayBuffer was transferred and came back):
   * the same content, so this is no replacement.
   */
  restore(bytes: Buffer): void {
    this.#bytes = bytes;
    this.#text = undefined;
  }

  /** Replaces the bytes (internal; plugins go through the mutation builder). */
  replace(bytes: Buffer): void {
    this.#bytes = bytes;
    this.#text = undefined;
    this.replaced = true;
  }

  /** Points the holder at the next step's input (internal; used by the body chain). */
  reset(bytes: Buffer, carried: number): void {
    this.#bytes = bytes;
    this.#text = undefined;
    this.carried = carried;
    this.replaced = false;
    this.hold = 0;
  }
}

let bodyOf: (reader: BodyReader) => Body;

/**
 * What {@link BodyView} and {@link ChunkView} share, read from a {@link Body}: its members only,
 * none of the holder's internals.
 */
abstract class BodyReader {
  // Private (not `protected`): a plugin walking the view must find no way to the holder.
  readonly #body: Body;

  static {
    bodyOf = (reader) => reader.#body;
  }

  constructor(body: Body) {
    this.#body = body;
  }

  get length(): number {
    return this.#body.length;
  }

  get endOfStream(): boolean {
    return this.#body.endOfStream;
  }

  get partial(): boolean {
    return this.#body.partial;
  }

  bytes(): Buffer {
    return this.#body.bytes();
  }

  text(): string {
    return this.#body.text();
  }
}

/** {@link BodyView} over a {@link Body}. */
class ReadonlyBody extends BodyReader implements BodyView {
  json<T = unknown>(): T {
    return bodyOf(this).json<T>();
  }
}

/** {@link ChunkView} over a {@link Body}. */
class ReadonlyChunk extends BodyReader implements ChunkView {
  get carried(): number {
    return bodyOf(this).carried;
  }

  get last(): boolean {
    return bodyOf(this).last;
  }
}

/** @internal Turns a plugin-supplied body into bytes without copying Buffers. */
export function toBodyBytes(body: string | Uint8Array): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
