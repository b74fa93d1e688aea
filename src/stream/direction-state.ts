/**
 * The state of one direction (request or response) of an exchange.
 *
 * @module
 */
import type { HeaderMap } from '../http/header-map.js';
import type { MutationRules } from '../http/header-rules.js';
import type { StreamObserver } from '../observe/observer.js';
import type { BodyFlow } from '../pipeline/body-flow.js';
import { type Ending, type RunHost, Runner } from '../pipeline/runner.js';
import type { Direction } from '../plugin/types.js';
import type { Exchange } from './exchange.js';
import type { Message, MessageOwner } from './message.js';
import { finishMessage, type Incoming, type ProcessorStream } from './processor-stream.js';

/** State of one direction (request or response) of the exchange. */
export class DirectionState implements MessageOwner, RunHost<Message> {
  readonly direction: Direction;
  readonly #stream: ProcessorStream;
  readonly #exchange: Exchange;
  #runner: Runner<Message> | null = null;
  /** This direction's headers as last seen, with changes applied. */
  headers: HeaderMap | null = null;
  /** Envoy still holds the headers, so a body reply can change them (BUFFERED/BUFFERED_PARTIAL). */
  headersHeld = false;
  /**
   * Envoy kept `content-length` in these headers: it decides once, from the body mode in force
   * when it sent them (before any mode_override), §6.4.
   */
  lengthKept = true;
  /** A CONTINUE_AND_REPLACE ended processing of this direction. */
  replaced = false;
  busy = false;
  queue: Incoming[] | null = null;
  /** The body chain's state, once a body message met body steps. */
  flow: BodyFlow | null = null;
  /** The running body message is the flush before trailers (no Envoy message of its own). */
  flushing = false;
  /**
   * A FULL_DUPLEX_STREAMED body chunk with end_of_stream arrived: the body is complete, and a
   * later chunk is Envoy re-sending its last one (envoy#46237), not more body.
   */
  bodyEnded = false;

  constructor(direction: Direction, stream: ProcessorStream, exchange: Exchange) {
    this.direction = direction;
    this.#stream = stream;
    this.#exchange = exchange;
  }

  /** Runs this direction's messages (created with the first one: many exchanges have none). */
  get runner(): Runner<Message> {
    if (this.#runner === null) this.#runner = new Runner<Message>(this);
    return this.#runner;
  }

  /** Stops the message running in this direction, if any (the stream ended). */
  abandon(): void {
    this.#runner?.abandon();
  }

  get rules(): MutationRules {
    return this.#exchange.pipeline.mutationRules;
  }

  get runs(): Uint8Array | null {
    return this.direction === 'request' ? this.#exchange.requestRuns : this.#exchange.runs;
  }

  get observer(): StreamObserver | null {
    return this.#exchange.observer;
  }

  get maxMessageTimeoutMs(): number {
    return this.#exchange.pipeline.maxMessageTimeoutMs;
  }

  overrideTimeout(ms: number): void {
    this.#exchange.overrideTimeout(this.direction, ms);
  }

  finished(message: Message, ending: Ending): void {
    finishMessage(this.#stream, this, message, ending);
  }
}
