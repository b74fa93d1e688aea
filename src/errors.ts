/**
 * attache's error type: one class, stable codes, branded so `instanceof` works across copies
 * of the package (a plugin may bring its own copy of attache).
 *
 * @module
 */

const kBrand = Symbol.for('attache.error');

/** Every error code attache raises, with the area it belongs to. */
export const ErrorCode = {
  /** A plugin tried a header change Envoy would refuse or silently drop. */
  MUTATION_REFUSED: 'ATTACHE_ERR_MUTATION_REFUSED',
  /** A header name or value is not valid HTTP. */
  INVALID_HEADER: 'ATTACHE_ERR_INVALID_HEADER',
  /** A change that the current phase or processing mode cannot carry. */
  PHASE_UNSUPPORTED: 'ATTACHE_ERR_PHASE_UNSUPPORTED',
  /** The body is not valid UTF-8 (from `body.text()` / `body.json()`). */
  BODY_INVALID_UTF8: 'ATTACHE_ERR_BODY_INVALID_UTF8',
  /** The body is not valid JSON (from `body.json()`). */
  BODY_INVALID_JSON: 'ATTACHE_ERR_BODY_INVALID_JSON',
  /** A handler returned something other than `undefined` or `respond(...)`. */
  HANDLER_RESULT: 'ATTACHE_ERR_HANDLER_RESULT',
  /** A handler did not settle within its time budget. */
  HANDLER_TIMEOUT: 'ATTACHE_ERR_HANDLER_TIMEOUT',
  /** A plugin definition is malformed. */
  PLUGIN_INVALID: 'ATTACHE_ERR_PLUGIN_INVALID',
  /** A plugin's options failed validation. */
  PLUGIN_OPTIONS: 'ATTACHE_ERR_PLUGIN_OPTIONS',
  /** A plugin's `setup` threw or timed out. */
  PLUGIN_SETUP: 'ATTACHE_ERR_PLUGIN_SETUP',
  /** The configuration is invalid. */
  CONFIG_INVALID: 'ATTACHE_ERR_CONFIG_INVALID',
  /** Attache would hold more body bytes than its body limit (`maxBodyBytes`). */
  BODY_TOO_LARGE: 'ATTACHE_ERR_BODY_TOO_LARGE',
  /**
   * Held-back body bytes can no longer be sent: under STREAMED, trailers end the body without an
   * end-of-stream chunk (use FULL_DUPLEX_STREAMED for bodies with trailers).
   */
  BODY_UNFLUSHABLE: 'ATTACHE_ERR_BODY_UNFLUSHABLE',
  /** The mutation was made after the phase had already been answered. */
  PHASE_CLOSED: 'ATTACHE_ERR_PHASE_CLOSED',
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The error attache throws. `code` is stable; `message` is for people.
 *
 * @example
 * ```ts
 * try { ctx.mutate.set('host', 'x') } catch (e) {
 *   if (e instanceof AttacheError && e.code === ErrorCode.MUTATION_REFUSED) { ... }
 * }
 * ```
 */
export class AttacheError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AttacheError';
    this.code = code;
    Object.defineProperty(this, kBrand, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[kBrand] === true;
  }
}

/** @internal Turns anything thrown into an `Error` (plugins may throw strings or plain objects). */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : `non-Error value thrown: ${String(thrown)}`, {
    cause: thrown,
  });
}
