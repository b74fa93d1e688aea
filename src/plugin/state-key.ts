/**
 * Typed keys for per-stream state.
 *
 * @module
 */
import type { StateKey } from './types.js';

/**
 * Creates a key for `ctx.stream.get` / `ctx.stream.set`. Keys are unique objects, so two
 * plugins can never collide even with the same description.
 *
 * @example
 * ```ts
 * const started = createStateKey<number>('timing.started');
 * // requestHeaders: ctx.stream.set(started, Date.now());
 * // responseHeaders: const t0 = ctx.stream.get(started);
 * ```
 */
export function createStateKey<T>(description: string): StateKey<T> {
  return Object.freeze({ id: Symbol(description), description });
}
