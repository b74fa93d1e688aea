/**
 * The state of one direction (request or response) of an exchange.
 *
 * @module
 */
import type { HeaderMap } from '../http/header-map.js';
import type { Direction } from '../plugin/types.js';
import type { BodyFlow } from './body-flow.js';
import type { Message, MessageOwner } from './message.js';
import type { Incoming, ProcessorStream } from './processor-stream.js';

/** State of one direction (request or response) of the exchange. */
export class DirectionState implements MessageOwner {
  readonly direction: Direction;
  readonly owner: ProcessorStream;
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
  current: Message | null = null;
  /** The body chain's state, once a body message met body steps. */
  flow: BodyFlow | null = null;
  /** The running body message is the flush before trailers (no Envoy message of its own). */
  flushing = false;

  constructor(direction: Direction, owner: ProcessorStream) {
    this.direction = direction;
    this.owner = owner;
  }

  complete(message: Message): void {
    this.owner.complete(this, message);
  }

  overrideTimeout(ms: number): void {
    this.owner.overrideTimeout(this, ms);
  }

  get maxMessageTimeoutMs(): number {
    return this.owner.maxMessageTimeoutMs;
  }
}
