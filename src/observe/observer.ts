/**
 * The seam metrics and tracing hang on: what the server reports while it serves streams. The
 * processor holds at most one {@link Observer} (several are fanned out by {@link fanOut}); with
 * none, every report site costs one `null` check, so an unobserved server pays nothing more.
 *
 * Every method is called on the hot path, synchronously, and must not throw (an observer that
 * throws would turn a served message into a failed one): implementations catch their own errors.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { Step } from '../pipeline/pipeline.js';
import type { Phase } from '../plugin/types.js';
import type { CallMetadata } from '../transport/types.js';

/** Why a plugin failed a message (a bounded label set). */
export type FailureKind =
  /** The handler threw or its promise rejected. */
  | 'throw'
  /** The handler did not settle within its time budget or the message's. */
  | 'timeout'
  /** A change Envoy would reject or ignore (header rules, mode or timeout override, closed phase). */
  | 'refused_mutation'
  /** A body over `maxBodyBytes` (answered 413/500 whatever the plugin's failure policy). */
  | 'body_limit'
  /** The handler returned something other than `undefined` or `respond(...)`. */
  | 'invalid_result';

/** What a failed message became: passed through (`open`) or answered with an error (`closed`). */
export type FailureOutcome = 'open' | 'closed';

/** How a plugin handler's run ended. */
export type HandlerOutcome = 'continue' | 'respond' | FailureKind;

/** How a stream ended: Envoy half-closed it (`completed`) or reset / cancelled it. */
export type StreamEnd = 'completed' | 'cancelled';

/** The failure kind of `error`, as a plugin failure is counted and traced. */
export function failureKind(error: Error): FailureKind {
  if (!(error instanceof AttacheError)) return 'throw';
  switch (error.code) {
    case ErrorCode.HANDLER_TIMEOUT:
    case ErrorCode.WORKER_SHED:
      return 'timeout';
    case ErrorCode.BODY_TOO_LARGE:
      return 'body_limit';
    case ErrorCode.HANDLER_RESULT:
      return 'invalid_result';
    case ErrorCode.MUTATION_REFUSED:
    case ErrorCode.INVALID_HEADER:
    case ErrorCode.MODE_OVERRIDE_REFUSED:
    case ErrorCode.TIMEOUT_OVERRIDE_REFUSED:
    case ErrorCode.PHASE_CLOSED:
    case ErrorCode.PHASE_UNSUPPORTED:
    case ErrorCode.BODY_UNFLUSHABLE:
      return 'refused_mutation';
    default:
      // Other attache errors raised inside a handler (bad arguments, invalid JSON body) are the
      // plugin's own failure, as a throw is.
      return 'throw';
  }
}

/** What the server reports about one stream (see the module comment). */
export interface StreamObserver {
  /** Envoy sent a message (already decoded; before it is run). */
  received(request: ProcessingRequest): void;
  /**
   * Calls `fn(ctx)`, the handler of `step` for a message of `phase`, and returns what it
   * returned (or throws what it threw). The observer notes the start and may make its own
   * context active for the call (a tracing span, so spans the handler starts are its children).
   * Every call is followed by exactly one {@link StreamObserver.handlerEnded} for the same step,
   * unless the stream ends first (then {@link StreamObserver.closed} comes instead).
   */
  callHandler(phase: Phase, step: Step, fn: (ctx: unknown) => unknown, ctx: unknown): unknown;
  /**
   * The handler of `step` settled (or failed, or ran out of time). `ms` is how long it ran, from
   * the call to its settling (the runner's own clock reads: observers need not read the clock).
   */
  handlerEnded(phase: Phase, step: Step, outcome: HandlerOutcome, error: Error | null, ms: number): void;
  /** A plugin answered the client: `status` is the HTTP status of the immediate response. */
  responded(phase: Phase, step: Step, status: number): void;
  /** A message failed because of `step`; `outcome` is what it became (the plugin's policy). */
  failed(phase: Phase, step: Step, kind: FailureKind, outcome: FailureOutcome): void;
  /** A `mode_override` went out with the reply to a headers message of `phase`. */
  modeOverrideSent(phase: Phase): void;
  /** A reply went out to Envoy (not in observability mode, where none are sent). */
  sent(reply: ProcessingResponse): void;
  /** The stream ended; no other method is called after this. */
  closed(end: StreamEnd): void;
}

/** What the processor reports to: one per processor, asked for a {@link StreamObserver} per stream. */
export interface Observer {
  /** A stream opened with `metadata` (gRPC initial metadata): what observes it, or `null`: nothing. */
  open(metadata: CallMetadata): StreamObserver | null;
  /**
   * The processor closed (its plugins are closed): hand on what is buffered (spans a batch
   * exporter still holds), before the process exits. Must not reject.
   */
  close?(): Promise<void>;
}

/** One observer that reports to all of `observers` (`null` when there are none). */
export function fanOut(observers: readonly Observer[]): Observer | null {
  if (observers.length === 0) return null;
  if (observers.length === 1) return observers[0] as Observer;
  return {
    open(metadata) {
      const streams: StreamObserver[] = [];
      for (const observer of observers) {
        const stream = observer.open(metadata);
        if (stream !== null) streams.push(stream);
      }
      if (streams.length === 0) return null;
      if (streams.length === 1) return streams[0] as StreamObserver;
      return new FanOutStream(streams);
    },
    async close() {
      for (const observer of observers) await observer.close?.();
    },
  };
}

/** A stream reported to several observers, in order (the first observer's handler call is outermost). */
class FanOutStream implements StreamObserver {
  readonly #streams: readonly StreamObserver[];

  constructor(streams: readonly StreamObserver[]) {
    this.#streams = streams;
  }

  received(request: ProcessingRequest): void {
    for (const s of this.#streams) s.received(request);
  }

  callHandler(phase: Phase, step: Step, fn: (ctx: unknown) => unknown, ctx: unknown): unknown {
    return this.#call(0, phase, step, fn, ctx);
  }

  #call(index: number, phase: Phase, step: Step, fn: (ctx: unknown) => unknown, ctx: unknown): unknown {
    const stream = this.#streams[index];
    if (stream === undefined) return fn(ctx);
    return stream.callHandler(phase, step, (c) => this.#call(index + 1, phase, step, fn, c), ctx);
  }

  handlerEnded(phase: Phase, step: Step, outcome: HandlerOutcome, error: Error | null, ms: number): void {
    for (const s of this.#streams) s.handlerEnded(phase, step, outcome, error, ms);
  }

  responded(phase: Phase, step: Step, status: number): void {
    for (const s of this.#streams) s.responded(phase, step, status);
  }

  failed(phase: Phase, step: Step, kind: FailureKind, outcome: FailureOutcome): void {
    for (const s of this.#streams) s.failed(phase, step, kind, outcome);
  }

  modeOverrideSent(phase: Phase): void {
    for (const s of this.#streams) s.modeOverrideSent(phase);
  }

  sent(reply: ProcessingResponse): void {
    for (const s of this.#streams) s.sent(reply);
  }

  closed(end: StreamEnd): void {
    for (const s of this.#streams) s.closed(end);
  }
}
