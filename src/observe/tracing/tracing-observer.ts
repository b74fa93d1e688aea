/**
 * Tracing as a processor {@link Observer}: one {@link ExchangeTrace} per stream.
 *
 * @module
 */
import type { Tracer, TracerProvider } from '@opentelemetry/api';
import type { Logger } from '../../log.js';
import type { CallMetadata } from '../../transport/types.js';
import type { Observer, StreamObserver } from '../observer.js';
import { ExchangeTrace } from './exchange-trace.js';

/** Longest wait for the provider to export what it holds when the processor closes, in ms. */
export const FLUSH_LIMIT_MS = 5_000;

/** Traces every stream of a processor with `tracer`. */
export class TracingObserver implements Observer {
  readonly #tracer: Tracer;
  readonly #provider: TracerProvider;
  readonly #log: Logger;

  constructor(tracer: Tracer, provider: TracerProvider, log: Logger) {
    this.#tracer = tracer;
    this.#provider = provider;
    this.#log = log;
  }

  open(metadata: CallMetadata): StreamObserver {
    return new ExchangeTrace(this.#tracer, metadata);
  }

  /**
   * Exports the spans a batch processor still holds: `attache serve` ends by letting the event
   * loop drain, and a batch processor's timer does not keep it alive.
   */
  async close(): Promise<void> {
    const flush = (this.#provider as { forceFlush?: () => Promise<void> }).forceFlush;
    if (typeof flush !== 'function') return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        flush.call(this.#provider),
        new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            this.#log.warn(
              { limitMs: FLUSH_LIMIT_MS },
              'tracing: the span exporter did not finish in time; spans may be lost',
            );
            resolve();
          }, FLUSH_LIMIT_MS);
          timer.unref();
        }),
      ]);
    } catch (error) {
      this.#log.warn({ err: error }, 'tracing: exporting the last spans failed');
    } finally {
      clearTimeout(timer);
    }
  }
}
