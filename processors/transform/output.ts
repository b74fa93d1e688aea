/**
 * What a transformation produces for one message, checked for where each value lands before any
 * of it is applied: a failure then leaves the message untouched.
 *
 * @module
 */
import type { JsonValue, Mutations } from 'attache-extproc';
import { TransformFailure } from './failure.js';

/** Rendered changes of one message. */
export interface Output {
  readonly set: Array<[string, string]>;
  readonly add: Array<[string, string]>;
  readonly remove: string[];
  readonly metadata: Record<string, JsonValue>;
  status: string | undefined;
  /** The new body, or `undefined` to leave it. */
  body: Buffer | undefined;
}

/** A fresh, empty output. */
export function emptyOutput(): Output {
  return { set: [], add: [], remove: [], metadata: {}, status: undefined, body: undefined };
}

/**
 * Refuses a header value Envoy would refuse (control bytes other than HTAB, DEL): a template
 * that renders one fails instead of injecting a header. Values are never HTML-escaped.
 */
export function checkHeaderValue(name: string, value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
      throw new TransformFailure(
        `header ${name}: the value rendered contains control character 0x${c.toString(16).padStart(2, '0')}`,
      );
    }
    // A lone surrogate cannot be encoded as UTF-8: it would reach Envoy as U+FFFD.
    if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (!pair) throw new TransformFailure(`header ${name}: the value rendered contains a lone surrogate`);
      i++;
    }
  }
  return value;
}

/** Refuses a `:status` Envoy would refuse. */
export function checkStatus(value: string): string {
  if (!/^[2-5][0-9]{2}$/.test(value)) {
    throw new TransformFailure(`status: the value rendered is not a status code from 200 to 599`);
  }
  return value;
}

/** Refuses a body that claims to be JSON and is not. */
export function checkJsonBody(text: string): void {
  try {
    JSON.parse(text);
  } catch (e) {
    throw new TransformFailure(`body: the template rendered invalid JSON (${(e as Error).message})`);
  }
}

/** Whether a content-type is JSON (`application/json`, `application/problem+json`...). */
export function isJsonType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^[^;]*[/+]json\s*(;|$)/i.test(contentType);
}

/** Applies the header changes of `out`: removals, then sets, then appends. */
export function applyHeaders(out: Output, mutate: Pick<Mutations, 'set' | 'append' | 'remove'>): void {
  for (const name of out.remove) mutate.remove(name);
  for (const [name, value] of out.set) mutate.set(name, value);
  for (const [name, value] of out.add) mutate.append(name, value);
  if (out.status !== undefined) mutate.set(':status', out.status);
}
