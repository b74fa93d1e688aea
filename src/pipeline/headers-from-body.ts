/**
 * A plugin's `headersFromBody` declaration (next to its handlers): the directions whose headers
 * it changes from the body, which Envoy applies only to a BUFFERED body. Checked when the
 * pipeline is built; the generated processing mode and `attache check` read it.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import type { Direction, Handlers } from '../plugin/types.js';

const BODY_HANDLERS: Record<Direction, readonly [keyof Handlers, keyof Handlers]> = {
  request: ['requestBody', 'requestBodyChunk'],
  response: ['responseBody', 'responseBodyChunk'],
};

/**
 * Validates `handlers.headersFromBody`, naming the first bad entry.
 *
 * @param at - the plugin, for errors (`plugins[1] (name)`).
 * @throws AttacheError `ATTACHE_ERR_PLUGIN_INVALID`.
 */
export function checkHeadersFromBody(handlers: Handlers, at: string): readonly Direction[] {
  const value: unknown = handlers.headersFromBody;
  if (value === undefined) return [];
  const fail = (reason: string): never => {
    throw new AttacheError(ErrorCode.PLUGIN_INVALID, `${at}: headersFromBody${reason}`);
  };
  if (!Array.isArray(value)) fail(" must be an array of directions ('request', 'response')");
  const seen = new Set<Direction>();
  (value as unknown[]).forEach((d, i) => {
    if (d !== 'request' && d !== 'response') {
      fail(`[${i}] must be 'request' or 'response', got ${JSON.stringify(d)}`);
    }
    const direction = d as Direction;
    const [whole, chunk] = BODY_HANDLERS[direction];
    if (handlers[whole] === undefined && handlers[chunk] === undefined) {
      fail(
        `[${i}]: '${direction}' declared, but the plugin has no ${whole} or ${chunk} handler to change the headers from`,
      );
    }
    seen.add(direction);
  });
  return Object.freeze([...seen]);
}
