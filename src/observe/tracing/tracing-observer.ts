/**
 * Tracing as a processor {@link Observer}: one {@link ExchangeTrace} per stream.
 *
 * @module
 */
import type { Tracer } from '@opentelemetry/api';
import type { CallMetadata } from '../../transport/types.js';
import type { Observer, StreamObserver } from '../observer.js';
import { ExchangeTrace } from './exchange-trace.js';

/** Traces every stream of a processor with `tracer`. */
export class TracingObserver implements Observer {
  readonly #tracer: Tracer;

  constructor(tracer: Tracer) {
    this.#tracer = tracer;
  }

  open(metadata: CallMetadata): StreamObserver {
    return new ExchangeTrace(this.#tracer, metadata);
  }
}
