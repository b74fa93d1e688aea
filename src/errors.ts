/**
 * attache's error type: one class, stable codes, branded so `instanceof` works across copies
 * of the package (a plugin may bring its own copy of attache).
 *
 * @module
 */

const kBrand = Symbol.for('attache.error');

/**
 * Every error code attache raises, one per kind of failure. The values are stable: match on them
 * (`error.code === ErrorCode.MUTATION_REFUSED`), never on messages. Each code is raised
 * somewhere, and `src/errors.test.ts` triggers every one of them.
 */
export const ErrorCode = {
  /** A plugin tried a header change Envoy would refuse or silently drop (`mutation_rules`, §6.3). */
  MUTATION_REFUSED: 'ATTACHE_ERR_MUTATION_REFUSED',
  /** A header name or value is not valid HTTP. */
  INVALID_HEADER: 'ATTACHE_ERR_INVALID_HEADER',
  /**
   * A context method or `respond()` got an argument outside what it documents (a `holdBack` count
   * larger than the chunk, an empty metadata namespace, a status outside 200–599, ...).
   */
  INVALID_ARGUMENT: 'ATTACHE_ERR_INVALID_ARGUMENT',
  /**
   * The current phase or processing mode cannot carry the change (a header change in a
   * STREAMED or FULL_DUPLEX_STREAMED body phase, `holdBack` outside a chunk handler, ...).
   */
  PHASE_UNSUPPORTED: 'ATTACHE_ERR_PHASE_UNSUPPORTED',
  /**
   * `ctx.overrideMode()` was refused: the override is not among the plugin's declared
   * `modeOverrides`, or Envoy would ignore it in this configuration (§9).
   */
  MODE_OVERRIDE_REFUSED: 'ATTACHE_ERR_MODE_OVERRIDE_REFUSED',
  /**
   * `ctx.requestMoreTime()` was refused: Envoy would ignore the override (the filter's
   * `max_message_timeout` is unset) or already took this message's one override (§8).
   */
  TIMEOUT_OVERRIDE_REFUSED: 'ATTACHE_ERR_TIMEOUT_OVERRIDE_REFUSED',
  /** The body is not valid UTF-8 (from `body.text()` / `body.json()`). */
  BODY_INVALID_UTF8: 'ATTACHE_ERR_BODY_INVALID_UTF8',
  /** The body is not valid JSON (from `body.json()`). */
  BODY_INVALID_JSON: 'ATTACHE_ERR_BODY_INVALID_JSON',
  /**
   * A handler's result cannot be used: it is neither `undefined` nor `respond(...)`, or the
   * streamed body of its `respond()` yields something other than bytes or strings, or more than
   * `maxBodyBytes` where Envoy needs it collected.
   */
  HANDLER_RESULT: 'ATTACHE_ERR_HANDLER_RESULT',
  /** A handler did not settle within its time budget. */
  HANDLER_TIMEOUT: 'ATTACHE_ERR_HANDLER_TIMEOUT',
  /** A plugin definition is malformed. */
  PLUGIN_INVALID: 'ATTACHE_ERR_PLUGIN_INVALID',
  /** A plugin's options failed validation. */
  PLUGIN_OPTIONS: 'ATTACHE_ERR_PLUGIN_OPTIONS',
  /** A plugin's `setup` threw or timed out. */
  PLUGIN_SETUP: 'ATTACHE_ERR_PLUGIN_SETUP',
  /**
   * The configuration is invalid: the config file, the options of `createProcessor` /
   * `createServer`, or the command line.
   */
  CONFIG_INVALID: 'ATTACHE_ERR_CONFIG_INVALID',
  /** `server.listen()` failed: the server already listens, or the address cannot be bound. */
  LISTEN_FAILED: 'ATTACHE_ERR_LISTEN_FAILED',
  /** Attache would hold more body bytes than its body limit (`maxBodyBytes`). */
  BODY_TOO_LARGE: 'ATTACHE_ERR_BODY_TOO_LARGE',
  /**
   * Held-back body bytes can no longer be sent: under STREAMED, trailers end the body without an
   * end-of-stream chunk, so the exchange fails (`attache_body_unflushable`) rather than forward a
   * truncated body. Logged with the failure; plugins never see it thrown.
   */
  BODY_UNFLUSHABLE: 'ATTACHE_ERR_BODY_UNFLUSHABLE',
  /** The mutation was made after the phase had already been answered. */
  PHASE_CLOSED: 'ATTACHE_ERR_PHASE_CLOSED',
  /**
   * A worker task failed: its function threw, its worker thread exited or ran out of memory, or
   * the worker module could not be loaded there (`api.workers`). Only that exchange fails.
   */
  WORKER_FAILED: 'ATTACHE_ERR_WORKER_FAILED',
  /**
   * A worker task was shed: the message's time ran out while it waited for a thread (it never
   * ran), or its stream ended first (a running task is stopped).
   */
  WORKER_SHED: 'ATTACHE_ERR_WORKER_SHED',
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
