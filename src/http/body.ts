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

// One strict decoder for the process: `fatal` makes invalid UTF-8 an error, not U+FFFD.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Internal mutable body holder; plugins see it as a {@link BodyView}. */
export class Body implements BodyView {
  #bytes: Buffer;
  #text: string | undefined;
  readonly endOfStream: boolean;
  readonly partial: boolean;
  /** Set once a plugin replaced or cleared the body. */
  replaced = false;

  constructor(bytes: Buffer, endOfStream: boolean, partial: boolean) {
    this.#bytes = bytes;
    this.endOfStream = endOfStream;
    this.partial = partial;
  }

  get length(): number {
    return this.#bytes.length;
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

  /** Replaces the body (internal; plugins go through the mutation builder). */
  replace(bytes: Buffer): void {
    this.#bytes = bytes;
    this.#text = undefined;
    this.replaced = true;
  }
}

/** Turns a plugin-supplied body into bytes without copying Buffers. */
export function toBodyBytes(body: string | Uint8Array): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
