/**
 * `ctx.mutate`: header and body changes, each checked when it is made so a change Envoy would
 * refuse fails in the plugin that made it, with a reason.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import { toBodyBytes } from '../http/body.js';
import {
  checkRemove,
  checkSet,
  checkValue,
  headerValueBytes,
  methodNeedsReplace,
  normalizeHeaderName,
} from '../http/header-rules.js';
import type { ChunkMutations, Mutations } from '../plugin/types.js';
import type { Message } from './message.js';

/** The mutation builder of one message. */
export class MessageMutations implements Mutations, ChunkMutations {
  readonly #m: Message;

  constructor(message: Message) {
    this.#m = message;
  }

  set(name: string, value: string | Uint8Array): this {
    return this.#write(name, value, false);
  }

  append(name: string, value: string | Uint8Array): this {
    return this.#write(name, value, true);
  }

  remove(name: string): this {
    const m = this.#m;
    m.assertOpen();
    const key = normalizeHeaderName(name);
    const target = this.#target();
    checkRemove(key, m.target.block, m.stream.rules);
    target.remove(key);
    m.lastMutator = m.currentStep;
    return this;
  }

  replaceBody(body: string | Uint8Array): this {
    const m = this.#m;
    m.assertOpen();
    const bytes = toBodyBytes(body);
    if (m.body !== undefined) {
      m.body.replace(bytes);
    } else if (m.phase === 'requestHeaders' || m.phase === 'responseHeaders') {
      // CONTINUE_AND_REPLACE (§5.1): Envoy discards the original body and sends no more
      // body or trailer messages for this direction.
      m.replacement = bytes;
    } else {
      throw new AttacheError(ErrorCode.PHASE_UNSUPPORTED, `replaceBody() is not available in ${m.phase}`);
    }
    m.lastMutator = m.currentStep;
    return this;
  }

  replaceChunk(body: string | Uint8Array): this {
    return this.replaceBody(body);
  }

  clearBody(): this {
    return this.replaceBody(EMPTY);
  }

  #write(name: string, value: string | Uint8Array, append: boolean): this {
    const m = this.#m;
    m.assertOpen();
    const key = normalizeHeaderName(name);
    const target = this.#target();
    if (key === 'content-length') {
      throw new AttacheError(
        ErrorCode.MUTATION_REFUSED,
        'content-length is managed by attache (kept equal to a replaced buffered body; Envoy removes it in streamed modes)',
      );
    }
    const bytes = headerValueBytes(key, value);
    const headersPhase = m.phase === 'requestHeaders' || m.phase === 'responseHeaders';
    // `:method` is allowed only with CONTINUE_AND_REPLACE; whether the body gets replaced is
    // known when the phase ends, so the check is finished by the reply builder.
    checkSet(key, m.target.block, m.stream.rules, append, headersPhase);
    checkValue(key, bytes);
    if (key === ':method' && methodNeedsReplace(m.stream.rules)) m.methodSetBy = m.currentStep;
    if (append) target.append(key, bytes);
    else target.set(key, bytes);
    m.lastMutator = m.currentStep;
    return this;
  }

  #target() {
    const map = this.#m.target.map;
    if (map === null) throw new AttacheError(ErrorCode.PHASE_UNSUPPORTED, this.#m.target.refusal);
    return map;
  }
}

const EMPTY = Buffer.alloc(0);
