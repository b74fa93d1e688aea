/**
 * The `tracing` option of `createServer` / `createProcessor`, and the one decision it leads to,
 * taken once when the processor is created: which tracer (if any) the processor's streams report
 * to. With no tracer, no observer is attached and a stream pays nothing for tracing.
 *
 * @module
 */
import {
  ProxyTracerProvider,
  propagation,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { AttacheError, ErrorCode } from '../../errors.js';
import type { Logger } from '../../log.js';
import { ATTACHE_NPM_NAME, ATTACHE_VERSION } from '../../version.js';

/**
 * Whether and where attache writes OpenTelemetry spans (README, Tracing):
 * - `'auto'` (the default): to the globally registered tracer provider when one is registered
 *   when the processor is created; otherwise tracing is off and costs nothing;
 * - `'on'`: the same, but creating the processor fails when no provider is registered (a
 *   forgotten `--import ./otel.mjs` shows at start, not as missing traces);
 * - `false`: off, even when a provider is registered;
 * - `{ tracerProvider }`: to that provider (registered globally or not).
 */
export type TracingOption = 'auto' | 'on' | false | { readonly tracerProvider: TracerProvider };

/** The instrumentation scope of attache's spans. */
const SCOPE = ATTACHE_NPM_NAME;

/** What the API hands out when nothing was registered: a fresh proxy's delegate is that no-op provider. */
const NOOP_PROVIDER = new ProxyTracerProvider().getDelegate();

/**
 * @internal The provider registered with `trace.setGlobalTracerProvider`, or `null` when none is. The
 * global provider is always the API's proxy; what it delegates to tells a real one from the no-op.
 */
export function registeredTracerProvider(): TracerProvider | null {
  const global = trace.getTracerProvider();
  const delegate =
    global instanceof ProxyTracerProvider || typeof (global as ProxyTracerProvider).getDelegate === 'function'
      ? (global as ProxyTracerProvider).getDelegate()
      : global;
  if (delegate === NOOP_PROVIDER || delegate.constructor?.name === 'NoopTracerProvider') return null;
  return delegate;
}

/**
 * @internal The tracer `option` asks for (and its provider), or `null` when tracing is off. Throws `CONFIG_INVALID` for a
 * malformed option, or for `'on'` without a registered provider.
 */
export function tracerFor(
  option: TracingOption | undefined,
  log: Logger,
): { tracer: Tracer; provider: TracerProvider } | null {
  if (option === false) return null;
  let provider: TracerProvider | null;
  if (option === undefined || option === 'auto' || option === 'on') {
    provider = registeredTracerProvider();
    if (provider === null) {
      if (option === 'on') {
        throw new AttacheError(
          ErrorCode.CONFIG_INVALID,
          "tracing is 'on' but no OpenTelemetry tracer provider is registered: register one before the server starts (attache serve: node --import ./otel.mjs, README Tracing), or pass tracing: { tracerProvider }",
        );
      }
      return null;
    }
  } else if (
    typeof option === 'object' &&
    option !== null &&
    typeof option.tracerProvider?.getTracer === 'function'
  ) {
    provider = option.tracerProvider;
  } else {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `tracing must be 'auto', 'on', false or { tracerProvider }, got ${describe(option)}`,
    );
  }
  if (propagation.fields().length === 0) {
    // Without a propagator, extract() finds nothing: every exchange would start its own trace.
    log.warn(
      'tracing is on but no OpenTelemetry propagator is registered: exchange spans will not join the trace Envoy or the client started (register W3CTraceContextPropagator, README Tracing)',
    );
  }
  log.debug('tracing: exchanges and plugin calls are traced');
  return { tracer: provider.getTracer(SCOPE, ATTACHE_VERSION), provider };
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return 'an object without a tracerProvider';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
