/**
 * The processor: a prepared pipeline that accepts `Process` streams from any transport.
 *
 * @module
 */
import { AttacheError, ErrorCode } from './errors.js';
import { type Logger, silentLogger } from './log.js';
import { overrideSignature } from './mode-override/allowed.js';
import type { MetricsOptions } from './observe/metrics/api.js';
import { metricsFor, type ProcessMetrics } from './observe/metrics/metrics.js';
import { fanOut, type Observer } from './observe/observer.js';
import { TracingObserver } from './observe/tracing/tracing-observer.js';
import { type TracingOption, tracerFor } from './observe/tracing/tracing-option.js';
import { Pipeline, type PipelineEntry, type PipelineOptions } from './pipeline/pipeline.js';
import { ProcessorStream } from './stream/processor-stream.js';
import type { CallMetadata, ProcessStreamTarget, StreamHandler, StreamSink } from './transport/types.js';

/** Default largest accepted `ProcessingRequest`: bodies of Envoy's buffered modes arrive in one message. */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Options of {@link createProcessor}. */
export interface ProcessorOptions extends PipelineOptions {
  /** The plugins, in the order they run. */
  readonly plugins: readonly PipelineEntry[];
  /**
   * Largest `ProcessingRequest` accepted, in bytes (default 64 MiB, far above grpc-js's 4 MiB
   * default). Larger messages fail the stream with RESOURCE_EXHAUSTED and a log line naming this
   * setting; Envoy then answers 500 (or passes through with `failure_mode_allow`).
   */
  readonly maxMessageBytes?: number;
  /** Server log (default: silent). */
  readonly log?: Logger;
  /**
   * OpenTelemetry tracing (default `'auto'`: on when a tracer provider is registered when the
   * processor is created, otherwise off at no cost per stream); see {@link TracingOption}.
   */
  readonly tracing?: TracingOption;
  /**
   * Count streams, messages, handler durations, failures... on a prom-client registry (README,
   * Metrics), and give plugins `api.metrics` on it. Absent: no metrics, and plugin metrics are
   * no-ops. A reload keeps the counts.
   */
  readonly metrics?: MetricsOptions;
}

let readPipeline: (processor: Processor) => Pipeline;
let construct: (
  pipeline: Pipeline,
  maxMessageBytes: number,
  log: Logger,
  metrics: ProcessMetrics | null,
) => Processor;
let observe: (processor: Processor, observer: Observer) => void;
let reloadRejected: (processor: Processor) => void;

/**
 * A pipeline ready to serve `Process` streams, independent of any transport. `createServer`
 * puts it behind grpc-js; the test kit drives it in-process.
 */
export class Processor implements ProcessStreamTarget {
  /** Largest `ProcessingRequest` accepted, in bytes ({@link ProcessorOptions.maxMessageBytes}). */
  readonly maxReceiveMessageBytes: number;
  /** The server log the processor writes to. */
  readonly log: Logger;
  #pipeline: Pipeline;
  /** Given to every stream: how it reports its end (not a public method, so plugins cannot call it). */
  readonly #ended = (pipeline: Pipeline): void => this.#streamEnded(pipeline);
  #active = 0;
  /** Open streams on the current pipeline: a counter, not a Map update per stream. */
  #currentOpen = 0;
  /**
   * Replaced pipelines still serving streams that started on them, with how many: each is
   * closed once its last stream ends.
   */
  readonly #retiring = new Map<Pipeline, number>();
  /** What streams report to (metrics, tracing), or null: then nothing is reported. */
  #observers: Observer[] = [];
  #observer: Observer | null = null;
  /** The metrics this processor counts into, or null. */
  readonly #metrics: ProcessMetrics | null;

  static {
    readPipeline = (processor) => processor.#pipeline;
    observe = (processor, observer) => {
      processor.#observers.push(observer);
      processor.#observer = fanOut(processor.#observers);
    };
    construct = (pipeline, maxMessageBytes, log, metrics) =>
      new Processor(pipeline, maxMessageBytes, log, metrics);
    reloadRejected = (processor) => processor.#metrics?.reloaded(false);
  }

  private constructor(
    pipeline: Pipeline,
    maxMessageBytes: number,
    log: Logger,
    metrics: ProcessMetrics | null,
  ) {
    this.#pipeline = pipeline;
    this.maxReceiveMessageBytes = maxMessageBytes;
    this.log = log;
    this.#metrics = metrics;
    if (metrics !== null) {
      metrics.attach(this);
      observe(this, metrics.observer);
    }
  }

  /** The plugin instance names new streams run, in order (after a reload, the new ones). */
  get plugins(): readonly string[] {
    return this.#pipeline.names;
  }

  /** Number of streams currently open. */
  get activeStreams(): number {
    return this.#active;
  }

  /** Opens a `Process` stream on the current plugins (transports and test doubles call it). */
  connect(sink: StreamSink, metadata: CallMetadata): StreamHandler {
    this.#active++;
    this.#currentOpen++;
    const observer = this.#observer === null ? null : this.#observer.open(metadata);
    return new ProcessorStream(this.#pipeline, sink, metadata, this.log, this.#ended, observer);
  }

  /** Called by a stream exactly once when it ends. */
  #streamEnded(pipeline: Pipeline): void {
    this.#active--;
    if (pipeline === this.#pipeline) {
      this.#currentOpen--;
      return;
    }
    const left = (this.#retiring.get(pipeline) ?? 0) - 1;
    if (left > 0) {
      this.#retiring.set(pipeline, left);
      return;
    }
    if (this.#retiring.delete(pipeline)) void this.#closePipeline(pipeline);
  }

  /**
   * Replaces the plugins: streams opened from now on run the new pipeline; streams already open
   * finish on the one they started with, whose plugins are closed when its last stream ends.
   * If the new pipeline cannot be prepared (bad options, a failing `setup`, an incompatible
   * plugin), this throws and the current pipeline keeps serving. Counted in `reloads_total` when
   * the processor has metrics.
   */
  async reload(
    options: Omit<ProcessorOptions, 'maxMessageBytes' | 'log' | 'metrics' | 'tracing'>,
  ): Promise<void> {
    const metrics = this.#metrics;
    let next: Pipeline;
    try {
      next = await Pipeline.create(
        options.plugins,
        { ...options, log: this.log },
        metrics === null ? undefined : (where) => metrics.pluginApi(where),
      );
    } catch (error) {
      metrics?.reloaded(false);
      throw error;
    }
    metrics?.reloaded(true);
    const old = this.#pipeline;
    const open = this.#currentOpen;
    this.#pipeline = next;
    this.#currentOpen = 0;
    this.log.info({ plugins: next.names }, 'pipeline reloaded');
    if (overrideSignature(next) !== overrideSignature(old)) {
      // Envoy's allowed_override_modes does not reload with attache; a stale list makes Envoy
      // drop the new overrides without a word.
      this.log.warn(
        "the mode overrides attache may send changed with this reload: check the Envoy filter's allowed_override_modes (attache envoy overrides)",
      );
    }
    if (open > 0) this.#retiring.set(old, open);
    else await this.#closePipeline(old);
  }

  /** Closes the plugins of the current pipeline and of replaced ones still finishing streams. */
  async close(): Promise<void> {
    this.#metrics?.detach(this);
    const all = [this.#pipeline, ...this.#retiring.keys()];
    this.#retiring.clear();
    try {
      for (const pipeline of all) await pipeline.close();
    } finally {
      await this.#observer?.close?.();
    }
  }

  async #closePipeline(pipeline: Pipeline): Promise<void> {
    try {
      await pipeline.close();
    } catch (error) {
      this.log.error({ err: error }, 'closing a replaced pipeline failed');
    }
  }
}

/**
 * @internal Reports every stream `processor` opens from now on to `observer` too (metrics,
 * tracing: src/observe/). Observers survive reloads.
 */
export function addObserver(processor: Processor, observer: Observer): void {
  observe(processor, observer);
}

/**
 * @internal Counts a reload of `processor` rejected before it reached {@link Processor.reload}
 * (the new config did not load), when it has metrics.
 */
export function countRejectedReload(processor: Processor): void {
  reloadRejected(processor);
}

/** @internal the pipeline new streams of `processor` use. */
export function pipelineOf(processor: Processor): Pipeline {
  return readPipeline(processor);
}

/**
 * Prepares a processor: validates plugin options and runs every plugin's `setup` once.
 *
 * @example
 * ```ts
 * const processor = await createProcessor({ plugins: [{ plugin: myPlugin, options: { ... } }] });
 * const result = await runExchange(processor, { request: { path: '/' } }); // attache-extproc/testing
 * ```
 */
export async function createProcessor(options: ProcessorOptions): Promise<Processor> {
  const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (!Number.isInteger(max) || max < 1024) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `maxMessageBytes must be an integer of at least 1024, got ${max}`,
    );
  }
  const log = options.log ?? silentLogger;
  // Decided before any setup runs, so a malformed option fails without starting plugins.
  const tracing = tracerFor(options.tracing, log);
  const metrics = options.metrics === undefined ? null : metricsFor(options.metrics);
  const pipeline = await Pipeline.create(
    options.plugins,
    { ...options, log },
    metrics === null ? undefined : (where) => metrics.pluginApi(where),
  );
  const processor = construct(pipeline, max, log, metrics);
  if (tracing !== null) observe(processor, new TracingObserver(tracing.tracer, tracing.provider, log));
  return processor;
}
