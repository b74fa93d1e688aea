/**
 * The processor: a prepared pipeline that accepts `Process` streams from any transport.
 *
 * @module
 */
import { AttacheError, ErrorCode } from './errors.js';
import { type Logger, silentLogger } from './log.js';
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
    return new ProcessorStream(this.#pipeline, sink, metadata, this.log, this);
  }

  /** @internal called by a stream exactly once when it ends. */
  streamEnded(): void {
    this.#active--;
  }

  /** Closes the plugins (their `close()` hooks). Open streams keep running on the old pipeline. */
  async close(): Promise<void> {
    await this.#pipeline.close();
  }
}

/**
 * Prepares a processor: validates plugin options and runs every plugin's `setup` once.
 *
 * @example
 * ```ts
 * const processor = await createProcessor({ plugins: [{ plugin: myPlugin, options: { ... } }] });
 * const result = await runExchange(processor, { request: { path: '/' } }); // attache/testing
 * ```
 */
export function createProcessor(options: ProcessorOptions): Promise<Processor> {
  return Processor.create(options);
}
