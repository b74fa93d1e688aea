/**
 * The processor: a prepared pipeline that accepts `Process` streams from any transport.
 *
 * @module
 */
import { AttacheError, ErrorCode } from './errors.js';
import { type Logger, silentLogger } from './log.js';
import { Pipeline, type PipelineEntry, type PipelineOptions } from './pipeline/pipeline.js';
import { overrideSignature } from './stream/allowed-overrides.js';
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
}

/**
 * A pipeline ready to serve `Process` streams, independent of any transport. `createServer`
 * puts it behind grpc-js; the test kit drives it in-process.
 */
export class Processor implements ProcessStreamTarget {
  readonly maxReceiveMessageBytes: number;
  readonly log: Logger;
  #pipeline: Pipeline;
  #active = 0;
  /** Open streams per pipeline: a replaced pipeline is closed once its last stream ends. */
  readonly #streams = new Map<Pipeline, number>();
  /** Replaced pipelines still serving streams that started on them. */
  readonly #retiring = new Set<Pipeline>();

  private constructor(pipeline: Pipeline, maxMessageBytes: number, log: Logger) {
    this.#pipeline = pipeline;
    this.maxReceiveMessageBytes = maxMessageBytes;
    this.log = log;
  }

  /** @internal use {@link createProcessor} */
  static async create(options: ProcessorOptions): Promise<Processor> {
    const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    if (!Number.isInteger(max) || max < 1024) {
      throw new AttacheError(
        ErrorCode.CONFIG_INVALID,
        `maxMessageBytes must be an integer of at least 1024, got ${max}`,
      );
    }
    const log = options.log ?? silentLogger;
    const pipeline = await Pipeline.create(options.plugins, { ...options, log });
    return new Processor(pipeline, max, log);
  }

  /** The pipeline new streams use. */
  get pipeline(): Pipeline {
    return this.#pipeline;
  }

  /** Number of streams currently open. */
  get activeStreams(): number {
    return this.#active;
  }

  connect(sink: StreamSink, metadata: CallMetadata): StreamHandler {
    this.#active++;
    const pipeline = this.#pipeline;
    this.#streams.set(pipeline, (this.#streams.get(pipeline) ?? 0) + 1);
    return new ProcessorStream(pipeline, sink, metadata, this.log, this);
  }

  /** @internal called by a stream exactly once when it ends. */
  streamEnded(pipeline: Pipeline): void {
    this.#active--;
    const left = (this.#streams.get(pipeline) ?? 1) - 1;
    if (left > 0) {
      this.#streams.set(pipeline, left);
      return;
    }
    this.#streams.delete(pipeline);
    if (this.#retiring.delete(pipeline)) void this.#closePipeline(pipeline);
  }

  /**
   * Replaces the plugins: streams opened from now on run the new pipeline; streams already open
   * finish on the one they started with, whose plugins are closed when its last stream ends.
   * If the new pipeline cannot be prepared (bad options, a failing `setup`, an incompatible
   * plugin), this throws and the current pipeline keeps serving.
   */
  async reload(options: Omit<ProcessorOptions, 'maxMessageBytes' | 'log'>): Promise<void> {
    const next = await Pipeline.create(options.plugins, { ...options, log: this.log });
    const old = this.#pipeline;
    this.#pipeline = next;
    this.log.info({ plugins: next.names }, 'pipeline reloaded');
    if (overrideSignature(next) !== overrideSignature(old)) {
      // Envoy's allowed_override_modes does not reload with attache; a stale list makes Envoy
      // drop the new overrides without a word.
      this.log.warn(
        "the mode overrides attache may send changed with this reload: check the Envoy filter's allowed_override_modes (attache envoy overrides)",
      );
    }
    if (this.#streams.has(old)) this.#retiring.add(old);
    else await this.#closePipeline(old);
  }

  /** Closes the plugins of the current pipeline and of replaced ones still finishing streams. */
  async close(): Promise<void> {
    const all = [this.#pipeline, ...this.#retiring];
    this.#retiring.clear();
    for (const pipeline of all) await pipeline.close();
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
 * Prepares a processor: validates plugin options and runs every plugin's `setup` once.
 *
 * @example
 * ```ts
 * const processor = await createProcessor({ plugins: [{ plugin: myPlugin, options: { ... } }] });
 * const result = await runExchange(processor, { request: { path: '/' } }); // attache-extproc/testing
 * ```
 */
export function createProcessor(options: ProcessorOptions): Promise<Processor> {
  return Processor.create(options);
}
