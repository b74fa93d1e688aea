// OpenTelemetry for `attache serve`, loaded before attache with `node --import ./otel.mjs`.
// This one prints every span on stdout (ConsoleSpanExporter), so it runs anywhere without a
// collector; the README's Tracing section has the OTLP version for production.
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

// The provider attache writes its spans to (tracing.enabled: auto or on finds it at start).
trace.setGlobalTracerProvider(
  new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] }),
);
// Makes each plugin call's span the active one, also across its awaits.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
// Reads the traceparent Envoy puts in the call's metadata (and the client's in the headers).
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
