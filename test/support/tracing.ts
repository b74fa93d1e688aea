/**
 * OpenTelemetry for the tracing tests: an SDK tracer provider whose spans land in an in-memory
 * exporter, with the context manager and W3C propagator an application registers (the NodeSDK
 * does both). Everything registered globally is removed after the file.
 */
import { context, propagation, type SpanContext, TraceFlags, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** A provider and the spans it ended. */
export interface TestTracing {
  readonly provider: BasicTracerProvider;
  readonly exporter: InMemorySpanExporter;
  /** The spans ended so far, in the order they ended. */
  spans(): ReadableSpan[];
  /** The one ended span named `name` (throws unless exactly one). */
  span(name: string): ReadableSpan;
  /** Registers {@link provider} as the global tracer provider (removed after the test). */
  registerGlobally(): void;
}

/**
 * Call at the top of a test file: the context manager and propagator are global for the file,
 * the exporter is emptied after each test.
 */
export function useTracing(): TestTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterEach(() => {
    exporter.reset();
    trace.disable();
  });
  afterAll(() => {
    context.disable();
    propagation.disable();
  });
  return {
    provider,
    exporter,
    spans: () => exporter.getFinishedSpans(),
    span(name) {
      const found = exporter.getFinishedSpans().filter((s) => s.name === name);
      if (found.length !== 1) {
        const all = exporter.getFinishedSpans().map((s) => s.name);
        throw new Error(
          `expected one span named ${name}, found ${found.length} among ${JSON.stringify(all)}`,
        );
      }
      return found[0] as ReadableSpan;
    },
    registerGlobally() {
      trace.setGlobalTracerProvider(provider);
    },
  };
}

/** A remote span context and its W3C `traceparent`. */
export interface RemoteParent extends SpanContext {
  readonly traceparent: string;
}

/** A sampled remote parent with ids made from `seed` (a hex digit), as a client or Envoy sends it. */
export function remoteParent(seed: string): RemoteParent {
  const traceId = seed.repeat(32);
  const spanId = `${seed.repeat(15)}1`;
  return {
    traceId,
    spanId,
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    traceparent: `00-${traceId}-${spanId}-01`,
  };
}
