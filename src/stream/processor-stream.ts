/**
 * The per-stream state machine: one Envoy `Process` stream = one HTTP exchange.
 *
 * It takes decoded messages, runs them through the pipeline and emits exactly one reply per
 * message, in order per direction, while the request and response directions proceed
 * independently (§4.2). What each reply says is built in `replies/`; this file decides which
 * message runs when. It knows nothing about grpc-js: see `transport/types.ts`.
 *
 * @module
 */

import { ProcessingMode_BodySendMode as BodySendMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type {
  HttpBody,
  HttpHeaders,
  HttpTrailers,
  ProcessingRequest,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { Body } from '../http/body.js';
import { HeaderMap } from '../http/header-map.js';
import type { Logger } from '../log.js';
import type { StreamEnd, StreamObserver } from '../observe/observer.js';
import { BodyFlow } from '../pipeline/body-flow.js';
import { evaluateRequest, evaluateResponse } from '../pipeline/match.js';
import type { Pipeline, Step } from '../pipeline/pipeline.js';
import type { Ending } from '../pipeline/runner.js';
import { headerBlockOf } from '../protocol/decode-request.js';
import type { StreamHandler, StreamSink } from '../transport/types.js';
import { BODY_END_UNSEEN, failsOpen, unseenEnd } from './body-end.js';
import { DirectionState } from './direction-state.js';
import { Exchange, holdsHeaders } from './exchange.js';
import { Message } from './message.js';
import { postChecks } from './post-checks.js';
import { answerBody, streamedChunks } from './replies/body.js';
import { CONTINUE, type Replies } from './replies/common.js';
import { closedReply, failureReply } from './replies/failure.js';
import { answerHeaders } from './replies/headers.js';
import { respondReply, respondStreamed } from './replies/immediate.js';
import { answerTrailers } from './replies/trailers.js';

/**
 * The body mode Envoy announced, as Envoy's HTTP filter acts on it: modes it does not implement
 * (GRPC = 5, meant for proxyless gRPC clients, or any later value) fall into its NONE branch
 * (§4.1), so no body will come. Logged at debug, once per stream and direction.
 */
function knownBodyMode(mode: number | undefined, direction: 'request' | 'response', x: Exchange): number {
  if (mode === undefined) return BodySendMode.NONE;
  if (mode >= BodySendMode.NONE && mode <= BodySendMode.FULL_DUPLEX_STREAMED) return mode;
  x.log.debug(
    { stream: x.id, direction, mode },
    'body mode Envoy does not implement; treated as NONE, as Envoy does',
  );
  return BodySendMode.NONE;
}

/** One message Envoy sent, by its `request` oneof. */
export type Incoming = NonNullable<ProcessingRequest['request']>;

const EMPTY = Buffer.alloc(0);

let finish: (stream: ProcessorStream, dir: DirectionState, message: Message, ending: Ending) => void;

/** Hands a message the pipeline is done with back to its stream (called by its direction). */
export function finishMessage(
  stream: ProcessorStream,
  dir: DirectionState,
  message: Message,
  ending: Ending,
): void {
  finish(stream, dir, message, ending);
}

/**
 * Whether `dir` is answering a message or has some queued; after an immediate response
 * (`stopped`) queued messages are never answered, but a streamed local response keeps it busy.
 */
function answering(dir: DirectionState | null, stopped: boolean): boolean {
  return dir !== null && (dir.busy || (!stopped && dir.queue !== null && dir.queue.length > 0));
}

/** Warns when a direction's plugins still held body bytes back as its stream ended. */
function heldBytesLost(x: Exchange, dir: DirectionState): void {
  const flow = dir.flow;
  if (flow?.pending) {
    // The peer went away mid-body, or (trailers skipped despite attache's checks, body-end.ts)
    // Envoy ignored the override asking for them, e.g. not in allowed_override_modes.
    x.log.warn(
      { stream: x.id, direction: dir.direction, bytes: flow.held },
      'stream ended while plugins held body bytes back; they were not sent (if the body had trailers: list the overrides of `attache envoy overrides` in allowed_override_modes)',
    );
  }
}

/**
 * Handles one `Process` stream. Created by the processor for every stream a transport opens;
 * its only public members are the {@link StreamHandler} ones.
 */
export class ProcessorStream implements StreamHandler {
  readonly #x: Exchange;
  readonly #request: DirectionState;
  /** Made when the first response message comes: a stream Envoy ends after the request has none. */
  #response: DirectionState | null = null;
  #started = false;
  /** The client half-closed while a message was still being answered: end once it is. */
  #halfClosed = false;
  readonly #onEnd: ((pipeline: Pipeline) => void) | null;

  static {
    finish = (stream, dir, message, ending) => stream.#complete(dir, message, ending);
  }

  constructor(
    pipeline: Pipeline,
    sink: StreamSink,
    metadata: ReadonlyMap<string, string>,
    log: Logger,
    onEnd: ((pipeline: Pipeline) => void) | null = null,
    observer: StreamObserver | null = null,
  ) {
    this.#onEnd = onEnd;
    this.#x = new Exchange(pipeline, sink, log, metadata, observer);
    this.#request = new DirectionState('request', this, this.#x);
  }

  message(request: ProcessingRequest): void {
    const x = this.#x;
    if (x.ended || x.stopped) return;
    x.observer?.received(request);
    if (!this.#started) this.#start(request);
    x.absorb(request);
    const incoming = request.request;
    if (incoming === undefined) {
      x.log.warn({ stream: x.id }, 'ProcessingRequest without a message; ignored');
      return;
    }
    if (x.refused !== null) {
      this.#refuse(incoming);
      return;
    }
    const dir = incoming.$case.startsWith('request') ? this.#request : this.#responseState();
    if (dir.busy) {
      // Replies must go out in order per direction (§4.2); hold this one until the current is answered.
      (dir.queue ??= []).push(incoming);
      return;
    }
    this.#dispatch(dir, incoming);
  }

  halfClose(): void {
    // Envoy half-closes only when it needs nothing more (§1.6), so the call usually ends here.
    // Other gRPC clients (grpcurl, a test's stream, gRPC's own libraries) may half-close right
    // after their last message and then read the replies: messages already received are answered
    // (in observability mode, still run for their plugins) before the call ends with OK. Each is
    // bounded by the message timeout; Envoy's reset, right after its half-close, still ends all.
    if (this.#answering()) this.#halfClosed = true;
    else this.#finish();
  }

  cancel(): void {
    this.#end('cancelled');
  }

  #start(request: ProcessingRequest): void {
    const x = this.#x;
    this.#started = true;
    x.observability = request.observabilityMode === true;
    const pc = request.protocolConfig;
    if (pc !== undefined) {
      x.requestBodyMode = knownBodyMode(pc.requestBodyMode, 'request', x);
      x.responseBodyMode = knownBodyMode(pc.responseBodyMode, 'response', x);
      if (pc.sendBodyWithoutWaitingForHeaderResponse) {
        x.modeRefusal =
          'Envoy ignores mode_override when send_body_without_waiting_for_header_response is set (§4.7)';
      } else if (
        x.requestBodyMode === BodySendMode.FULL_DUPLEX_STREAMED ||
        x.responseBodyMode === BodySendMode.FULL_DUPLEX_STREAMED
      ) {
        x.modeRefusal = 'Envoy ignores mode_override when the filter uses FULL_DUPLEX_STREAMED (§9)';
      }
      // No body byte silently lost: a streamed body whose end attache may never see (body-end.ts).
      const unseen = unseenEnd(
        x.pipeline,
        request.request?.$case,
        x.requestBodyMode,
        x.responseBodyMode,
        x.modeRefusal,
        x.log,
      );
      if (unseen !== null) x.refused = failsOpen(x.pipeline) ? 'open' : 'closed';
    }
  }

  /**
   * A refused exchange (body-end.ts): fail-closed answers the failure to the first message and
   * stops; fail-open answers every message "continue unchanged" (a FULL_DUPLEX_STREAMED body of
   * the other direction is echoed), so Envoy forwards the exchange as it came, never a cut body.
   */
  #refuse(incoming: Incoming): void {
    const x = this.#x;
    if (x.refused === 'closed') {
      x.stopped = true;
      this.#send(closedReply(x.pipeline.failureStatus, BODY_END_UNSEEN));
      return;
    }
    const phase = incoming.$case;
    if (
      (phase === 'requestBody' || phase === 'responseBody') &&
      x.bodyMode(phase === 'requestBody' ? 'request' : 'response') === BodySendMode.FULL_DUPLEX_STREAMED
    ) {
      if (this.#repeatedEnd(phase === 'requestBody' ? this.#request : this.#responseState(), incoming.value))
        return;
      this.#send(
        streamedChunks(phase, incoming.value.body ?? EMPTY, incoming.value.endOfStream === true, null),
      );
      return;
    }
    this.#send(CONTINUE[phase]);
  }

  #dispatch(dir: DirectionState, incoming: Incoming): void {
    const x = this.#x;
    if (x.pipeline.matchers !== null && x.runs === null && incoming.$case !== 'requestHeaders') {
      // Envoy skipped the request headers: request conditions cannot hold.
      x.runs = x.requestRuns = evaluateRequest(x.pipeline.matchers, undefined);
    }
    switch (incoming.$case) {
      case 'requestHeaders':
      case 'responseHeaders':
        this.#headers(dir, incoming.$case, incoming.value);
        return;
      case 'requestBody':
      case 'responseBody':
        this.#body(dir, incoming.$case, incoming.value);
        return;
      case 'requestTrailers':
      case 'responseTrailers':
        this.#trailers(dir, incoming.$case, incoming.value);
        return;
    }
  }

  #headers(dir: DirectionState, phase: 'requestHeaders' | 'responseHeaders', value: HttpHeaders): void {
    const x = this.#x;
    const map = new HeaderMap(headerBlockOf(value.headers));
    const eos = value.endOfStream === true;
    dir.headers = map;
    if (dir === this.#request) x.requestHeaders = map;
    else x.responseHeaders = map;
    const mode = x.bodyMode(dir.direction);
    dir.headersHeld = !eos && holdsHeaders(mode);
    dir.lengthKept =
      x.pipeline.allowContentLengthHeader ||
      !(
        mode === BodySendMode.STREAMED ||
        mode === BodySendMode.FULL_DUPLEX_STREAMED ||
        mode === BodySendMode.BUFFERED_PARTIAL
      );
    const matchers = x.pipeline.matchers;
    if (matchers !== null) {
      // Decided on the headers as Envoy sent them, before any plugin changed them.
      if (phase === 'requestHeaders') x.runs = x.requestRuns = evaluateRequest(matchers, map);
      else x.runs = evaluateResponse(matchers, x.requestRuns as Uint8Array, map);
    }
    const steps = x.pipeline.steps[phase];
    if (steps === null) {
      this.#send(answerHeaders(x, dir, phase, map, eos, null, null, null, null));
      return;
    }
    const m = Message.headers(dir, x, phase, map, eos, x.modeRefusal, x.log);
    this.#run(dir, steps, m);
  }

  /**
   * Envoy 1.35+ can send the last FULL_DUPLEX_STREAMED chunk of a large body twice, end_of_stream
   * set both times (envoy#46237). The body was complete at the first: answering the copy (or
   * echoing it, or running it through the body chain) would add its bytes to the body Envoy
   * forwards. No reply is owed (this mode runs no message timer, §4.8), so it is dropped, logged.
   * Returns true when `value` is such a copy; otherwise notes an end of the body, if it is one.
   */
  #repeatedEnd(dir: DirectionState, value: HttpBody): boolean {
    const x = this.#x;
    if (x.bodyMode(dir.direction) !== BodySendMode.FULL_DUPLEX_STREAMED) return false;
    if (dir.bodyEnded) {
      x.log.debug(
        { stream: x.id, direction: dir.direction, bytes: value.body?.length ?? 0 },
        'body chunk after the end of a FULL_DUPLEX_STREAMED body (envoy#46237); ignored',
      );
      return true;
    }
    if (value.endOfStream === true) dir.bodyEnded = true;
    return false;
  }

  #body(dir: DirectionState, phase: 'requestBody' | 'responseBody', value: HttpBody): void {
    const x = this.#x;
    if (this.#repeatedEnd(dir, value)) return;
    const bytes = value.body ?? EMPTY;
    const eos = value.endOfStream === true;
    const steps = x.pipeline.steps[phase];
    if (steps === null || dir.replaced) {
      if (x.bodyMode(dir.direction) === BodySendMode.FULL_DUPLEX_STREAMED)
        this.#send(streamedChunks(phase, bytes, eos, null));
      else this.#send(CONTINUE[phase]);
      return;
    }
    const streamed = x.streamed(dir.direction);
    // A buffered body message is all this processor will see of the body, trailers or not.
    const last = !streamed || eos;
    const partial = x.bodyMode(dir.direction) === BodySendMode.BUFFERED_PARTIAL && !eos;
    this.#run(dir, steps, this.#bodyMessage(dir, phase, steps, bytes, eos, partial, last));
  }

  /**
   * Trailers end a streamed body without an end-of-stream chunk (§4.6, §4.8): steps that hold
   * bytes or have not seen the last chunk get an empty last chunk before the trailers are run.
   * Returns true when that flush was started (the trailers wait in the queue).
   */
  #flushBeforeTrailers(dir: DirectionState, incoming: Incoming): boolean {
    const flow = dir.flow;
    if (flow === null || flow.ended || dir.replaced) return false;
    const phase = dir === this.#request ? 'requestBody' : 'responseBody';
    const steps = this.#x.pipeline.steps[phase];
    if (steps === null) return false;
    (dir.queue ??= []).unshift(incoming);
    dir.flushing = true;
    this.#run(dir, steps, this.#bodyMessage(dir, phase, steps, EMPTY, false, false, true));
    return true;
  }

  #bodyMessage(
    dir: DirectionState,
    phase: 'requestBody' | 'responseBody',
    steps: readonly Step[],
    bytes: Buffer,
    eos: boolean,
    partial: boolean,
    last: boolean,
  ): Message {
    const x = this.#x;
    const held = dir.headersHeld && dir.headers !== null;
    const body = new Body(bytes, eos, partial, last);
    const flow = (dir.flow ??= new BodyFlow(steps.length, x.pipeline.maxBodyBytes));
    flow.begin(body);
    return Message.body(dir, x, phase, body, flow, dir.headers, held, x.log);
  }

  #trailers(dir: DirectionState, phase: 'requestTrailers' | 'responseTrailers', value: HttpTrailers): void {
    if (this.#flushBeforeTrailers(dir, { $case: phase, value } as Incoming)) return;
    const x = this.#x;
    const steps = x.pipeline.steps[phase];
    if (steps === null) {
      this.#send(CONTINUE[phase]);
      return;
    }
    const map = new HeaderMap(headerBlockOf(value.trailers));
    const m = Message.trailers(dir, x, phase, map, x.log);
    this.#run(dir, steps, m);
  }

  #run(dir: DirectionState, steps: readonly Step[], message: Message): void {
    dir.busy = true;
    dir.runner.run(message, steps, this.#x.pipeline.messageTimeoutMs);
  }

  /** Called when the pipeline is done with a message (synchronously or later). */
  #complete(dir: DirectionState, m: Message, ending: Ending): void {
    const x = this.#x;
    const flushing = dir.flushing;
    dir.flushing = false;
    if (x.ended) return;
    if (!x.stopped) {
      if (ending.kind === 'respond' && ending.response.stream != null) {
        // The body is produced asynchronously: the direction stays busy until it is answered.
        respondStreamed(x, m, ending.response, ending.step, () => this.#next(dir));
        return;
      }
      this.#send(this.#answer(dir, m, ending, flushing));
    }
    this.#next(dir);
  }

  /** The reply to a message the pipeline is done with. */
  #answer(dir: DirectionState, m: Message, ending: Ending, flushing: boolean): Replies {
    const x = this.#x;
    if (ending.kind === 'respond') return respondReply(x, m, ending.response, ending.step);
    if (m.flow !== null) return answerBody(x, dir, m, ending, flushing);
    const result = ending.kind === 'continue' ? postChecks(m, x.pipeline) : ending;
    if (result.kind === 'failed') return failureReply(x, m, result.step, result.error);
    switch (m.phase) {
      case 'requestHeaders':
      case 'responseHeaders':
        return answerHeaders(
          x,
          dir,
          m.phase,
          m.headers as HeaderMap,
          m.endOfStream,
          m.modeOverride,
          m.replacement,
          m.metadata,
          m.checkedMutation,
        );
      case 'requestTrailers':
      case 'responseTrailers':
        return answerTrailers(m, m.phase);
      default:
        throw new Error('unreachable: body messages have a flow');
    }
  }

  /** Frees the direction and runs the messages that queued up behind the answered one. */
  #next(dir: DirectionState): void {
    const x = this.#x;
    dir.busy = false;
    const queue = dir.queue;
    while (queue !== null && queue.length > 0 && !dir.busy && !x.ended && !x.stopped) {
      this.#dispatch(dir, queue.shift() as Incoming);
    }
    if (this.#halfClosed && !x.ended && !this.#answering()) this.#finish();
  }

  /** Whether a message received is still being answered. */
  #answering(): boolean {
    const stopped = this.#x.stopped;
    return answering(this.#request, stopped) || answering(this.#response, stopped);
  }

  /** Ends the call with OK (the client half-closed and every message it sent is answered). */
  #finish(): void {
    this.#x.sink.end();
    this.#end('completed');
  }

  /** Sends what answering a message produced (dropped in observability mode, §10). */
  #send(replies: Replies): void {
    if (replies === null) return;
    if (Array.isArray(replies)) for (const reply of replies) this.#x.send(reply);
    else this.#x.send(replies as Exclude<Replies, readonly unknown[] | null>);
  }

  #responseState(): DirectionState {
    if (this.#response === null) this.#response = new DirectionState('response', this, this.#x);
    return this.#response;
  }

  #end(how: StreamEnd): void {
    const x = this.#x;
    if (x.ended) return;
    x.ended = true;
    this.#onEnd?.(x.pipeline);
    const response = this.#response;
    this.#request.abandon();
    response?.abandon();
    x.observer?.closed(how);
    if (!x.stopped && !x.observability) {
      heldBytesLost(x, this.#request);
      if (response !== null) heldBytesLost(x, response);
    }
    x.end();
    const hooks = x.pipeline.streamEnd;
    if (hooks === null) return;
    const context = x.context;
    for (const hook of hooks) {
      try {
        hook.fn(context);
      } catch (error) {
        hook.log.error({ err: error, stream: x.id }, 'streamEnd hook threw');
      }
    }
  }
}
