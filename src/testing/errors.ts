/**
 * The test kit's errors: one base class with stable codes, branded so `instanceof` works across
 * copies of the package (a test may load the kit through another copy of attache than the
 * plugin under test).
 *
 * They are not {@link AttacheError}s on purpose. An `AttacheError` is attache (the server)
 * refusing something a plugin did, and handlers may catch it; a kit error is the test harness
 * rejecting the test itself (its Envoy configuration, a feature it cannot simulate, an exchange
 * that never ends). The kit also drives servers that are not attache, and a `catch` for one kind
 * must never swallow the other. Both share the shape: a `code` from one exported table, stable
 * `ATTACHE_…` strings, brand checks instead of prototype identity.
 *
 * @module
 */

const kBrand = Symbol.for('attache.testing.error');

/** Every error code the test kit raises (each also has its own class). */
export const TestKitErrorCode = {
  /** The Envoy configuration given to the kit is one Envoy itself rejects at config load. */
  INVALID_CONFIG: 'ATTACHE_KIT_ERR_INVALID_CONFIG',
  /** The exchange needs Envoy behaviour the kit does not simulate. */
  UNSUPPORTED_FEATURE: 'ATTACHE_KIT_ERR_UNSUPPORTED_FEATURE',
  /** The exchange did not finish within `spec.timeoutMs`. */
  EXCHANGE_TIMEOUT: 'ATTACHE_KIT_ERR_EXCHANGE_TIMEOUT',
} as const;

/** One of the {@link TestKitErrorCode} values. */
export type TestKitErrorCode = (typeof TestKitErrorCode)[keyof typeof TestKitErrorCode];

function isBranded(value: unknown): value is TestKitError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[kBrand] === true;
}

/** The code each subclass stands for: its `instanceof` is the brand plus that code. */
// biome-ignore lint/complexity/noBannedTypes: the keys are the error classes themselves.
const SUBCLASS_CODES = new Map<Function, TestKitErrorCode>();

/**
 * The base of every error the kit throws or rejects {@link runExchange} with. `code` is stable;
 * `message` is for people.
 *
 * @example
 * ```ts
 * try {
 *   await runExchange(processor, spec);
 * } catch (e) {
 *   if (e instanceof TestKitError && e.code === TestKitErrorCode.UNSUPPORTED_FEATURE) skip();
 *   else throw e;
 * }
 * ```
 */
export class TestKitError extends Error {
  /** Stable machine-readable code. */
  readonly code: TestKitErrorCode;

  constructor(code: TestKitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TestKitError';
    this.code = code;
    Object.defineProperty(this, kBrand, { value: true });
  }

  // A brand check (plus the subclass's code), so that it holds for errors made by another copy
  // of the kit; subclasses inherit it.
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (!isBranded(value)) return false;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` asks about, a subclass included.
    const code = SUBCLASS_CODES.get(this);
    return code === undefined || value.code === code;
  }
}

/**
 * Thrown for a configuration Envoy itself would reject at config load (doc §4.1), or a spec the
 * kit cannot read (a malformed string matcher, an expression that does not compile).
 *
 * @example
 * ```ts
 * await expect(runExchange(p, { envoy: { messageTimeoutMs: -1 } })).rejects.toThrow(InvalidConfigError);
 * ```
 */
export class InvalidConfigError extends TestKitError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(TestKitErrorCode.INVALID_CONFIG, message, options);
    this.name = 'InvalidConfigError';
  }
}
SUBCLASS_CODES.set(InvalidConfigError, TestKitErrorCode.INVALID_CONFIG);

/**
 * Thrown (or used to reject {@link runExchange}) for Envoy behaviour the kit does not simulate
 * yet. The kit never silently behaves differently from Envoy.
 *
 * @example
 * ```ts
 * await expect(
 *   runExchange(p, { envoy: { processingMode: { requestBodyMode: 'GRPC' } } }),
 * ).rejects.toThrow(UnsupportedFeatureError);
 * ```
 */
export class UnsupportedFeatureError extends TestKitError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(TestKitErrorCode.UNSUPPORTED_FEATURE, message, options);
    this.name = 'UnsupportedFeatureError';
  }
}
SUBCLASS_CODES.set(UnsupportedFeatureError, TestKitErrorCode.UNSUPPORTED_FEATURE);

/**
 * Rejects {@link runExchange} when the exchange is still unfinished after `spec.timeoutMs`: the
 * safety net against a server or upstream that never answers, not an Envoy timeout (those show in
 * the result as 504s).
 *
 * @example
 * ```ts
 * await expect(runExchange(hangs, { timeoutMs: 100 })).rejects.toThrow(ExchangeTimeoutError);
 * ```
 */
export class ExchangeTimeoutError extends TestKitError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(TestKitErrorCode.EXCHANGE_TIMEOUT, message, options);
    this.name = 'ExchangeTimeoutError';
  }
}
SUBCLASS_CODES.set(ExchangeTimeoutError, TestKitErrorCode.EXCHANGE_TIMEOUT);
