/**
 * What `ctx.mutate` does to a message: header and body changes, each checked when it is made so
 * a change Envoy would refuse fails in the plugin that made it, with a reason.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import { toBodyBytes } from '../http/body.js';
import type { HeaderMap } from '../http/header-map.js';
import {
  checkRemove,
  checkSet,
  checkValue,
  headerValueBytes,
  methodNeedsReplace,
  normalizeHeaderName,
} from '../http/header-rules.js';
import type { Message } from './message.js';

const EMPTY = Buffer.alloc(0);

/** Sets (or appends) a header of the message's header block. */
export function writeHeader(m: Message, name: string, value: string | Uint8Array, append: boolean): void {
  m.assertOpen();
  const key = normalizeHeaderName(name);
  const target = targetOf(m);
  if (key === 'content-length') {
    throw new AttacheError(
      ErrorCode.MUTATION_REFUSED,
      'content-length is managed by attache (kept equal to a replaced buffered body; Envoy removes it in streamed modes)',
    );
  }
  const bytes = headerValueBytes(key, value);
  const headersPhase = m.phase === 'requestHeaders' || m.phase === 'responseHeaders';
  const rules = m.owner.rules;
  // `:method` is allowed only with CONTINUE_AND_REPLACE; whether the body gets replaced is
  // known when the phase ends, so the check is finished by the reply builder.
  checkSet(key, m.block, rules, append, headersPhase);
  checkValue(key, bytes);
  if (key === ':method' && methodNeedsReplace(rules)) m.methodSetBy = m.step;
  if (append) target.append(key, bytes);
  else target.set(key, bytes);
  m.lastMutator = m.step;
}

/** Removes every value of a header of the message's header block. */
export function removeHeader(m: Message, name: string): void {
  m.assertOpen();
  const key = normalizeHeaderName(name);
  const target = targetOf(m);
  checkRemove(key, m.block, m.owner.rules);
  target.remove(key);
  m.lastMutator = m.step;
}

/** Replaces the body (or chunk) of a body message, or the whole body from a headers message. */
export function replaceBody(m: Message, body: string | Uint8Array): void {
  m.assertOpen();
  let bytes = toBodyBytes(body);
  // The reply sends these bytes by reference (the ownership rule of `replaceBody`): a view of a
  // resizable ArrayBuffer could shrink under the queued reply and cut it short, so it is copied.
  if ((bytes.buffer as { resizable?: boolean }).resizable === true) bytes = Buffer.from(bytes);
  if (m.body !== undefined) {
    m.body.replace(bytes);
  } else if (m.phase === 'requestHeaders' || m.phase === 'responseHeaders') {
    // CONTINUE_AND_REPLACE (§5.1): Envoy discards the original body and sends no more
    // body or trailer messages for this direction.
    m.replacement = bytes;
  } else {
    throw new AttacheError(ErrorCode.PHASE_UNSUPPORTED, `replaceBody() is not available in ${m.phase}`);
  }
  m.lastMutator = m.step;
}

/** Empties the body of the message. */
export function clearBody(m: Message): void {
  replaceBody(m, EMPTY);
}

function targetOf(m: Message): HeaderMap {
  const map = m.target;
  if (map === null) throw new AttacheError(ErrorCode.PHASE_UNSUPPORTED, m.targetRefusal);
  return map;
}
