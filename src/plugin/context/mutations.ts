/**
 * `ctx.mutate`: the members of {@link HeaderMutations}, {@link Mutations} or
 * {@link ChunkMutations}, and nothing else; the message they change stays out of reach.
 *
 * @module
 */
import type { Message } from '../../stream/message.js';
import { clearBody, removeHeader, replaceBody, writeHeader } from '../../stream/mutations.js';
import type { ChunkMutations, HeaderMutations, Mutations } from '../types.js';

let messageOf: (mutations: HeaderMutationsImpl) => Message;

/** @internal header changes (trailers phases). */
export class HeaderMutationsImpl implements HeaderMutations {
  readonly #m: Message;

  static {
    messageOf = (mutations) => mutations.#m;
  }

  constructor(message: Message) {
    this.#m = message;
  }

  set(name: string, value: string | Uint8Array): this {
    writeHeader(this.#m, name, value, false);
    return this;
  }

  append(name: string, value: string | Uint8Array): this {
    writeHeader(this.#m, name, value, true);
    return this;
  }

  remove(name: string): this {
    removeHeader(this.#m, name);
    return this;
  }
}

/** @internal header changes and body replacement (headers and whole-body phases). */
export class MutationsImpl extends HeaderMutationsImpl implements Mutations {
  replaceBody(body: string | Uint8Array): this {
    replaceBody(messageOf(this), body);
    return this;
  }

  clearBody(): this {
    clearBody(messageOf(this));
    return this;
  }
}

/** @internal header changes and chunk replacement (chunk handlers). */
export class ChunkMutationsImpl extends HeaderMutationsImpl implements ChunkMutations {
  replaceChunk(bytes: string | Uint8Array): this {
    replaceBody(messageOf(this), bytes);
    return this;
  }
}
