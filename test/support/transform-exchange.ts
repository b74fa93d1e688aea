/**
 * Test helpers for processors/transform: a processor with one `transform` instance, driven
 * through the test kit. Kept out of processors/ so the build does not ship it.
 *
 * @module
 */
import { createProcessor, type Processor } from 'attache-extproc';
import { type ExchangeResult, type ExchangeSpec, runExchange } from 'attache-extproc/testing';
import transform from '../../processors/transform/index.js';

/**
 * Time limits for a shared, loaded machine (2 cores, several suites at once): Envoy's default
 * 200 ms message timeout would otherwise decide some outcomes instead of the transform. No test
 * here asserts timing.
 */
const ATTACHE_LIMITS = { timeoutMs: 5000, messageTimeoutMs: 8000 };

/**
 * `options` with a generous JSONata time budget unless they set one: the default 50 ms is wall
 * clock, and a loaded machine can spend it on other suites while a first evaluation runs.
 */
export function withJsonataBudget(options: unknown): unknown {
  if (typeof options !== 'object' || options === null || 'jsonataTimeoutMs' in options) return options;
  return { jsonataTimeoutMs: 5000, ...options };
}

/** `spec` with a generous Envoy `message_timeout` unless it sets one. */
export function withLimits(spec: ExchangeSpec): ExchangeSpec {
  return { ...spec, envoy: { messageTimeoutMs: 10_000, ...spec.envoy } };
}

/** `runExchange` with {@link withLimits}. */
export function exchange(processor: Processor, spec: ExchangeSpec): Promise<ExchangeResult> {
  return runExchange(processor, withLimits(spec));
}

/** A processor running `transform` with `options` (and `extra` pipeline options). */
export function transformProcessor(
  options: unknown,
  extra: Record<string, unknown> = {},
): Promise<Processor> {
  return createProcessor({
    plugins: [{ plugin: transform, options: withJsonataBudget(options) }],
    ...ATTACHE_LIMITS,
    ...extra,
  });
}

/** Envoy filter settings for the body modes the tests cover. */
export const MODES = {
  BUFFERED: { requestBodyMode: 'BUFFERED', responseBodyMode: 'BUFFERED' },
  STREAMED: {
    requestBodyMode: 'STREAMED',
    responseBodyMode: 'STREAMED',
    requestTrailerMode: 'SEND',
    responseTrailerMode: 'SEND',
  },
  FULL_DUPLEX_STREAMED: {
    requestBodyMode: 'FULL_DUPLEX_STREAMED',
    responseBodyMode: 'FULL_DUPLEX_STREAMED',
    requestTrailerMode: 'SEND',
    responseTrailerMode: 'SEND',
  },
} as const;

/**
 * Runs one exchange with `transform` and `options`. attache is told the filter's processing mode,
 * as a config's `envoy.processingMode` would (it then knows streamed bodies end with trailers).
 */
export async function run(
  options: unknown,
  spec: ExchangeSpec,
  extra: Record<string, unknown> = {},
): Promise<ExchangeResult> {
  const mode = spec.envoy?.processingMode;
  const processor = await transformProcessor(options, {
    ...(mode ? { processingMode: mode } : {}),
    ...extra,
  });
  return runExchange(processor, withLimits(spec));
}
