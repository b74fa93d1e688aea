/**
 * The per-stream state machine: one Envoy `Process` stream = one HTTP exchange.
 *
 * It takes decoded messages, runs them through the pipeline and emits exactly one reply per
 * message, in order per direction, while the request and response directions proceed
 * independently (§4.2). It knows nothing about grpc-js: see `transport/types.ts`.
 *
 * @module
 */

import { AttacheError, ErrorCode, toError } from '../errors.js';
import { ProcessingMode_BodySendMode as BodySendMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type {
  HttpBody,
  HttpHeaders,
  HttpTrailers,
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { Body } from '../http/body.js';
import { HeaderMap } from '../http/header-map.js';
import { checkSet } from '../http/header-rules.js';
import type { Logger } from '../log.js';
import type { Pipeline, Step } from '../pipeline/pipeline.js';
import type { BodySource, ImmediateResponse } from '../plugin/respond.js';
import type { ModeOverride, Phase } from '../plugin/types.js';
import { GrpcStatus, type StreamHandler, type StreamSink } from '../transport/types.js';
import { askTrailers, BODY_END_UNSEEN, failsOpen, unseenEnd } from './body-end.js';
import { BodyFlow } from './body-flow.js';
import { DirectionState } from './direction-state.js';
import { closedReply, failureOutcome, logFailure } from './failure.js';
import { collectBody, streamLocalResponse } from './local-response.js';
import { type HeaderTarget, Message, Outcome } from './message.js';
import { evaluateRequest, evaluateResponse, mergeOverrides, skipOverride } from './phase-skip.js';
import { postChecks } from './post-checks.js';
import {
  bodyReply,
  CONTINUE,
  headersReply,
  immediateReply,
  type MetadataOut,
  modeOverride,
  streamedChunks,
  toHeaderMutation,
  trailersReply,
} from './replies.js';
import { StreamContextImpl } from './stream-context.js';

/** One message Envoy sent, by its `request` oneof. */
export type Incoming = NonNullable<ProcessingRequest['request']>;

/** Body mode not announced by Envoy (no `protocol_config`: Envoy before 1.34). */
const UNKNOWN = -2;
const EMPTY = Buffer.alloc(0);
const NOT_IN_HEADERS = 'mode_override is only possible in a headers phase';

/** Handles one `Process` stream. Created by the processor for every stream a transport opens. */
export class ProcessorStream implements StreamHandler {
  readonly #pipeline: Pipeline;
  readonly #sink: StreamSink;
  readonly #log: Logger;
  readonly context: StreamContextImpl;
  readonly #request: DirectionState;
  readonly #response: DirectionState;
  #started = false;
  /** An immediate response went out: Envoy stops processing; later messages are ignored. */
  #stopped = false;
  #ended = false;
  #observability = false;
  #requestBodyMode: number = UNKNOWN;
  #responseBodyMode: number = UNKNOWN;
  #modeRefusal: string | null = null;
  /**
   * Set at the first message when attache may not see where a streamed body ends (body-end.ts):
   * `closed` answers the failure, `open` passes every message through unprocessed.
   */
  #refused: 'closed' | 'open' | null = null;

  readonly #owner: { streamEnded(pipeline: Pipeline): void } | null;

  constructor(
    pipeline: Pipeline,
    sink: StreamSink,
    metadata: ReadonlyMap<string, string>,
    log: Logger,
    owner: { streamEnded(pipeline: Pipeline): void } | null = null,
  ) {
    this.#owner = owner;
    this.#pipeline = pipeline;
    this.#sink = sink;
    this.#log = log;
    this.context = new StreamContextImpl(metadata, pipeline.mutationRules);
    this.#request = new DirectionState('request', this);
    this.#response = new DirectionState('response', this);
  }

  message(request: ProcessingRequest): void {
    if (this.#ended || this.#stopped) return;
    if (!this.#started) this.#start(request);
    this.context.absorb(request);
    const incoming = request.request;
    if (incoming === undefined) {
      this.#log.warn({ stream: this.context.id }, 'ProcessingRequest without a message; ignored');
      return;
    }
    if (this.#refused !== null) {
      this.#refuse(incoming);
      return;
    }
    const dir = incoming.$case.startsWith('request') ? this.#request : this.#response;
    if (dir.busy) {
      // Replies must go out in order per direction (§4.2); hold this one until the current is answered.
      (dir.queue ??= []).push(incoming);
      return;
    }
    this.#dispatch(dir, incoming);
  }

  halfClose(): void {
    // Envoy half-closes only when it needs nothing more (§1.6): end the call, then clean up.
    this.#sink.end();
    this.#end();
  }

  cancel(): void {
    this.#end();
  }

  #start(request: ProcessingRequest): void {
    this.#started = true;
    this.#observability = request.observabilityMode === true;
    this.context.observability = this.#observability;
    const pc = request.protocolConfig;
    if (pc !== undefined) {
      this.#requestBodyMode = pc.requestBodyMode ?? BodySendMode.NONE;
      this.#responseBodyMode = pc.responseBodyMode ?? BodySendMode.NONE;
      if (pc.sendBodyWithoutWaitingForHeaderResponse) {
        this.#modeRefusal =
          'Envoy ignores mode_override when send_body_without_waiting_for_header_response is set (§4.7)';
      } else if (
        this.#requestBodyMode === BodySendMode.FULL_DUPLEX_STREAMED ||
        this.#responseBodyMode === BodySendMode.FULL_DUPLEX_STREAMED
      ) {
        this.#modeRefusal = 'Envoy ignores mode_override when the filter uses FULL_DUPLEX_STREAMED (§9)';
      }
      // No body byte silently lost: a streamed body whose end attache may never see (body-end.ts).
      const unseen = unseenEnd(
        this.#pipeline,
        request.request?.$case,
        this.#requestBodyMode,
        this.#responseBodyMode,
        this.#modeRefusal,
        this.#log,
      );
      if (unseen !== null) this.#refused = failsOpen(this.#pipeline) ? 'open' : 'closed';
    }
  }

  /**
   * A refused exchange (body-end.ts): fail-closed answers the failure to the first message and
   * stops; fail-open answers every message "continue unchanged" (a FULL_DUPLEX_STREAMED body of
   * the other direction is echoed), so Envoy forwards the exchange as it came, never a cut body.
   */
  #refuse(incoming: Incoming): void {
    if (this.#refused === 'closed') {
      this.#stopped = true;
      this.#send(closedReply(this.#pipeline.failureStatus, BODY_END_UNSEEN));
      return;
    }
    const phase = incoming.$case;
    if (
      (phase === 'requestBody' || phase === 'responseBody') &&
      this.#bodyMode(phase === 'requestBody' ? this.#request : this.#response) ===
        BodySendMode.FULL_DUPLEX_STREAMED
    ) {
      this.#sendAll(
        streamedChunks(phase, incoming.value.body ?? EMPTY, incoming.value.endOfStream === true, null),
      );
      return;
    }
    this.#send(CONTINUE[phase]);
  }

  #dispatch(dir: DirectionState, incoming: Incoming): void {
    if (
      this.#pipeline.matchers !== null &&
      this.context.runs === null &&
      incoming.$case !== 'requestHeaders'
    ) {
      // Envoy skipped the request headers: request conditions cannot hold.
      this.context.runs = evaluateRequest(this.#pipeline.matchers, undefined);
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

  /** Whether Envoy keeps the headers until the body reply in this body mode (§4.4, §4.5). */
  #holdsHeaders(mode: number): boolean {
    return mode === BodySendMode.BUFFERED || mode === BodySendMode.BUFFERED_PARTIAL || mode === UNKNOWN;
  }

  #bodyMode(dir: DirectionState): number {
    return dir === this.#request ? this.#requestBodyMode : this.#responseBodyMode;
  }

  #headers(dir: DirectionState, phase: 'requestHeaders' | 'responseHeaders', value: HttpHeaders): void {
    const map = new HeaderMap(value.headers?.headers ?? []);
    const eos = value.endOfStream === true;
    dir.headers = map;
    if (dir === this.#request) this.context.requestHeaders = map;
    else this.context.responseHeaders = map;
    const mode = this.#bodyMode(dir);
    dir.headersHeld = !eos && this.#holdsHeaders(mode);
    dir.lengthKept =
      this.#pipeline.allowContentLengthHeader ||
      !(
        mode === BodySendMode.STREAMED ||
        mode === BodySendMode.FULL_DUPLEX_STREAMED ||
        mode === BodySendMode.BUFFERED_PARTIAL
      );
    const matchers = this.#pipeline.matchers;
    if (matchers !== null) {
      // Decided on the headers as Envoy sent them, before any plugin changed them.
      if (phase === 'requestHeaders') this.context.runs = evaluateRequest(matchers, map);
      else evaluateResponse(matchers, this.context.runs as Uint8Array, map);
    }
    const steps = this.#pipeline.steps[phase];
    if (steps === null) {
      this.#send(this.#headersAnswer(dir, phase, map, eos, null, null, null));
      return;
    }
    const target: HeaderTarget = { map, block: dir.direction, refusal: '' };
    this.#run(
      dir,
      steps,
      this.#message(dir, phase, {
        headers: map,
        endOfStream: eos,
        target,
        modeRefusal: this.#modeRefusal,
      }),
    );
  }

  /** Whether Envoy streams this direction's body (chunks, not one buffered message). */
  #streamed(dir: DirectionState): boolean {
    const mode = this.#bodyMode(dir);
    // Observability mode sends STREAMED bodies without announcing a mode (§10).
    return (
      this.#observability || mode === BodySendMode.STREAMED || mode === BodySendMode.FULL_DUPLEX_STREAMED
    );
  }

  /**
   * A body that will stream while Envoy kept `content-length` (its 1.38+
   * `allow_content_length_header`, or a mode_override into a streamed mode after Envoy had
   * decided, §6.4, §9): body plugins may change its length, which is unknown while the headers
   * are answered, so the header is removed. Returns whether it was.
   */
  #dropContentLength(dir: DirectionState, map: HeaderMap, eos: boolean): boolean {
    if (!dir.lengthKept || eos || !this.#pipeline.hasBody[dir.direction]) return false;
    const mode = this.#bodyMode(dir);
    if (mode !== BodySendMode.STREAMED && mode !== BodySendMode.FULL_DUPLEX_STREAMED) return false;
    if (!map.has('content-length')) return false;
    map.remove('content-length');
    return true;
  }

  #body(dir: DirectionState, phase: 'requestBody' | 'responseBody', value: HttpBody): void {
    const bytes = value.body ?? EMPTY;
    const eos = value.endOfStream === true;
    const steps = this.#pipeline.steps[phase];
    if (steps === null || dir.replaced) {
      if (this.#bodyMode(dir) === BodySendMode.FULL_DUPLEX_STREAMED)
        this.#sendAll(streamedChunks(phase, bytes, eos, null));
      else this.#send(CONTINUE[phase]);
      return;
    }
    const streamed = this.#streamed(dir);
    // A buffered body message is all this processor will see of the body, trailers or not.
    const last = !streamed || eos;
    const partial = this.#bodyMode(dir) === BodySendMode.BUFFERED_PARTIAL && !eos;
    this.#run(dir, steps, this.#bodyMessage(dir, phase, bytes, eos, partial, last));
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
    const steps = this.#pipeline.steps[phase];
    if (steps === null) return false;
    (dir.queue ??= []).unshift(incoming);
    dir.flushing = true;
    this.#run(dir, steps, this.#bodyMessage(dir, phase, EMPTY, false, false, true));
    return true;
  }

  #bodyMessage(
    dir: DirectionState,
    phase: 'requestBody' | 'responseBody',
    bytes: Buffer,
    eos: boolean,
    partial: boolean,
    last: boolean,
  ): Message {
    const held = dir.headersHeld && dir.headers !== null;
    const target: HeaderTarget = {
      map: held ? dir.headers : null,
      block: dir.direction,
      refusal: `${dir.direction} headers were already forwarded by Envoy; they can change only in ${dir.direction}Headers, or in a body phase under BUFFERED/BUFFERED_PARTIAL with headers sent`,
    };
    const body = new Body(bytes, eos, partial, last);
    const flow = (dir.flow ??= new BodyFlow(
      (this.#pipeline.steps[phase] as readonly Step[]).length,
      this.#pipeline.maxBodyBytes,
    ));
    flow.begin(body);
    return this.#message(dir, phase, {
      headers: dir.headers ?? undefined,
      body,
      flow,
      endOfStream: eos,
      target,
      modeRefusal: NOT_IN_HEADERS,
    });
  }

  #trailers(dir: DirectionState, phase: 'requestTrailers' | 'responseTrailers', value: HttpTrailers): void {
    if (this.#flushBeforeTrailers(dir, { $case: phase, value } as Incoming)) return;
    const steps = this.#pipeline.steps[phase];
    if (steps === null) {
      this.#send(CONTINUE[phase]);
      return;
    }
    const map = new HeaderMap(value.trailers?.headers ?? []);
    const target: HeaderTarget = { map, block: 'trailers', refusal: '' };
    this.#run(
      dir,
      steps,
      this.#message(dir, phase, {
        trailers: map,
        endOfStream: true,
        target,
        modeRefusal: NOT_IN_HEADERS,
      }),
    );
  }

  #message(dir: DirectionState, phase: Phase, parts: ConstructorParameters<typeof Message>[4]): Message {
    return new Message(dir, this.context, phase, dir.direction, parts, this.#log);
  }

  #run(dir: DirectionState, steps: readonly Step[], message: Message): void {
    dir.busy = true;
    dir.current = message;
    message.run(steps, this.#pipeline.messageTimeoutMs);
  }

  /** Called when the pipeline is done with a message (synchronously or later). */
  complete(dir: DirectionState, message: Message): void {
    dir.current = null;
    const flushing = dir.flushing;
    dir.flushing = false;
    if (this.#ended) return;
    if (!this.#stopped) {
      if (message.outcome === Outcome.Respond && message.immediate?.stream != null) {
        // The body is produced asynchronously: the direction stays busy until it is answered.
        this.#respondStreamed(dir, message);
        return;
      }
      // #send drops replies in observability mode, where Envoy ignores them (§10).
      if (message.flow !== null && message.outcome !== Outcome.Respond)
        this.#answerBody(dir, message, flushing);
      else this.#send(this.#reply(dir, message));
    }
    this.#next(dir);
  }

  /** Frees the direction and runs the messages that queued up behind the answered one. */
  #next(dir: DirectionState): void {
    dir.busy = false;
    const queue = dir.queue;
    while (queue !== null && queue.length > 0 && !dir.busy && !this.#ended && !this.#stopped) {
      this.#dispatch(dir, queue.shift() as Incoming);
    }
  }

  /**
   * A response with a streamed body: a StreamedImmediateResponse from `requestHeaders` when the
   * request body mode allows it (§5.5), otherwise the pieces collected into one response.
   */
  #respondStreamed(dir: DirectionState, m: Message): void {
    const r = m.immediate as ImmediateResponse;
    const step = m.currentStep as Step;
    const refused = this.#checkImmediateHeaders(m, [...r.headers, ...r.trailers]);
    if (refused !== null) {
      this.#send(refused);
      this.#next(dir);
      return;
    }
    const mode = this.#requestBodyMode;
    if (this.#observability) {
      this.#stopped = true;
      return;
    }
    if (
      m.phase === 'requestHeaders' &&
      (mode === BodySendMode.NONE || mode === BodySendMode.FULL_DUPLEX_STREAMED)
    ) {
      // Envoy stops processing here; whatever it still sends for the request gets no reply.
      this.#stopped = true;
      const self = this;
      const sink = {
        send: (reply: ProcessingResponse) => this.#sink.send(reply),
        whenWritable: () => this.#sink.whenWritable(),
        get ended() {
          return self.#ended;
        },
      };
      streamLocalResponse(sink, r, m.metadata).catch((error: unknown) => {
        step.log.error(
          { err: error, stream: this.context.id },
          'streamed response body failed after the response started; the client stream is reset',
        );
        this.#sink.fail(GrpcStatus.INTERNAL, 'attache: streamed response body failed');
      });
      return;
    }
    collectBody(r.stream as BodySource, this.#pipeline.maxBodyBytes, step.timeoutMs).then(
      (body) => {
        if (this.#ended) return;
        this.#stopped = true;
        this.#send(immediateReply(r.status, r.headers, body, undefined, r.details, m.metadata));
      },
      (error: unknown) => {
        if (this.#ended) return;
        m.fail(step, toError(error));
        this.#send(this.#failure(m));
        this.#next(dir);
      },
    );
  }

  /** An immediate response's headers under Envoy's rules: `null` when fine, else the failure reply. */
  #checkImmediateHeaders(
    m: Message,
    headers: ReadonlyArray<readonly [string, Buffer]>,
  ): ProcessingResponse | null {
    try {
      for (const [key] of headers) checkSet(key, 'immediate', this.#pipeline.mutationRules, false, false);
      return null;
    } catch (error) {
      m.fail(m.currentStep as Step, error as Error);
      return this.#failure(m);
    }
  }

  /** Envoy's `max_message_timeout`, as configured. */
  get maxMessageTimeoutMs(): number {
    return this.#pipeline.maxMessageTimeoutMs;
  }

  /**
   * Sends `override_message_timeout` on its own: Envoy consumes a message carrying it entirely,
   * so it must never ride along with a real reply (§8, §16).
   */
  overrideTimeout(dir: DirectionState, ms: number): void {
    // FULL_DUPLEX_STREAMED runs no message timer, so Envoy would ignore the override (§4.8).
    if (this.#ended || this.#stopped || this.#observability) return;
    if (this.#bodyMode(dir) === BodySendMode.FULL_DUPLEX_STREAMED) return;
    this.#sink.send({
      overrideMessageTimeout: { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 },
    });
  }

  /** The failure outcome of `m`; an immediate response stops processing. */
  #failure(m: Message): ProcessingResponse {
    const { reply, stops } = failureOutcome(m, this.#pipeline, this.context.id);
    if (stops) this.#stopped = true;
    return reply;
  }

  #send(reply: ProcessingResponse): void {
    if (!this.#observability) this.#sink.send(reply);
  }

  #sendAll(replies: readonly ProcessingResponse[]): void {
    for (const reply of replies) this.#send(reply);
  }

  /**
   * Answers a body message (or the flush before trailers) by mode: one reply replacing the
   * buffered body or the streamed chunk, or any number of `streamed_response` chunks under
   * FULL_DUPLEX_STREAMED (§4.4–§4.8).
   */
  #answerBody(dir: DirectionState, m: Message, flushing: boolean): void {
    const phase = m.phase as 'requestBody' | 'responseBody';
    const streamed = this.#streamed(dir);
    if (m.outcome === Outcome.Continue) postChecks(m, this.#pipeline);
    if (m.outcome === Outcome.Failed) {
      const step = m.failedStep as Step;
      const tooLarge = m.error instanceof AttacheError && m.error.code === ErrorCode.BODY_TOO_LARGE;
      if (!streamed || step.failure === 'closed' || tooLarge) {
        this.#send(this.#failure(m));
        return;
      }
      // Fail-open on a stream of chunks: "unchanged" no longer exists once bytes were held, so
      // the chunk passes on without the failing plugin and those after it, held bytes first.
      logFailure(m, this.context.id);
      (m.flow as BodyFlow).bypass(m.body as Body);
    }
    if (this.#observability) return;
    const out = (m.body as Body).bytes();
    const changed = (m.flow as BodyFlow).changed;
    const mode = this.#bodyMode(dir);
    if (mode === BodySendMode.FULL_DUPLEX_STREAMED) {
      // M:N: nothing to say for a chunk whose bytes are all held, unless metadata must go out.
      if (out.length > 0 || m.endOfStream || m.metadata !== null) {
        this.#sendAll(streamedChunks(phase, out, m.endOfStream, m.metadata));
      }
      return;
    }
    if (streamed) {
      if (!flushing) {
        this.#send(
          changed || m.metadata !== null
            ? bodyReply(phase, undefined, changed ? out : null, m.metadata)
            : CONTINUE[phase],
        );
      } else if (out.length > 0) {
        this.#unflushable(dir, out.length);
      }
      return;
    }
    this.#send(this.#bufferedBodyReply(dir, m, out, changed));
  }

  /**
   * STREAMED ends a body that has trailers without an end-of-stream chunk, and sends the
   * trailers only after every chunk was answered (§4.6): bytes still held can no longer reach
   * the peer. Cutting the body silently would corrupt it, so the exchange fails instead.
   */
  #unflushable(dir: DirectionState, bytes: number): void {
    this.#log.error(
      { stream: this.context.id, direction: dir.direction, bytes },
      `${bytes} held-back ${dir.direction} body bytes cannot be sent: under STREAMED, trailers end the body after the last chunk was answered. Use FULL_DUPLEX_STREAMED for bodies with trailers`,
    );
    this.#stopped = true;
    this.#send(closedReply(this.#pipeline.failureStatus, 'attache_body_unflushable'));
  }

  /** The reply to a BUFFERED / BUFFERED_PARTIAL body message. */
  #bufferedBodyReply(dir: DirectionState, m: Message, out: Buffer, changed: boolean): ProcessingResponse {
    const phase = m.phase as 'requestBody' | 'responseBody';
    const held = m.target.map;
    let mutation: ReturnType<typeof toHeaderMutation>;
    if (held !== null) {
      if (changed && dir.lengthKept) {
        // Envoy checks a kept content-length against a replaced buffered body (§6.4). It is set
        // even when attache never saw it (forward_rules may hide it from the processor); the
        // full length of a partial body is unknown, so there the header goes.
        if (m.body?.partial === true) held.remove('content-length');
        else held.set('content-length', Buffer.from(String(out.length)));
      }
      mutation = toHeaderMutation(held.changes());
      held.commit();
    }
    if (mutation === undefined && !changed && m.metadata === null) return CONTINUE[phase];
    return bodyReply(phase, mutation, changed ? out : null, m.metadata);
  }

  /**
   * The reply to a headers message: the plugins' changes, CONTINUE_AND_REPLACE, and a
   * mode_override made of the plugins' explicit one over the phases nobody running needs.
   */
  #headersAnswer(
    dir: DirectionState,
    phase: 'requestHeaders' | 'responseHeaders',
    map: HeaderMap,
    eos: boolean,
    explicit: ModeOverride | null,
    replacement: Buffer | null,
    metadata: MetadataOut,
  ): ProcessingResponse {
    const current = (v: number) => (v === UNKNOWN ? BodySendMode.NONE : v);
    let wanted = explicit;
    if (this.#pipeline.allowModeOverride && this.#modeRefusal === null && !this.#observability) {
      const skip = skipOverride(
        this.#pipeline,
        this.context.runs,
        phase,
        !eos && phase === 'requestHeaders' && current(this.#requestBodyMode) !== BodySendMode.NONE,
        current(this.#responseBodyMode) !== BodySendMode.NONE,
      );
      wanted = mergeOverrides(skip, explicit);
      // Ask for the trailers of a streamed body that body plugins see, to see its end (body-end.ts).
      wanted = askTrailers(
        this.#pipeline,
        this.context.runs,
        phase,
        !eos && phase === 'requestHeaders',
        wanted,
        current(this.#requestBodyMode),
        current(this.#responseBodyMode),
      );
    }
    let mode: ReturnType<typeof modeOverride> | undefined;
    if (wanted !== null) {
      mode = modeOverride(wanted, current(this.#requestBodyMode), current(this.#responseBodyMode));
      this.#requestBodyMode = mode.requestBodyMode ?? BodySendMode.NONE;
      this.#responseBodyMode = mode.responseBodyMode ?? BodySendMode.NONE;
      // The override decides this direction's body mode, and with it whether Envoy holds the
      // headers for the body reply (§9, §4.4).
      dir.headersHeld = !eos && this.#holdsHeaders(this.#bodyMode(dir));
    }
    if (replacement === null) this.#dropContentLength(dir, map, eos);
    const mutation = toHeaderMutation(map.changes());
    map.commit();
    if (replacement !== null) dir.replaced = true;
    if (mutation === undefined && replacement === null && mode === undefined && metadata === null) {
      return CONTINUE[phase];
    }
    return headersReply(phase, mutation, replacement, mode, metadata);
  }

  #reply(dir: DirectionState, m: Message): ProcessingResponse {
    if (m.outcome === Outcome.Continue) postChecks(m, this.#pipeline);
    if (m.outcome === Outcome.Failed) return this.#failure(m);
    if (m.outcome === Outcome.Respond) {
      const r = m.immediate;
      if (r !== null) {
        const refused = this.#checkImmediateHeaders(m, r.headers);
        if (refused !== null) return refused;
        this.#stopped = true;
        return immediateReply(r.status, r.headers, r.body, r.grpcStatus, r.details, m.metadata);
      }
    }
    const phase = m.phase;
    switch (phase) {
      case 'requestHeaders':
      case 'responseHeaders': {
        return this.#headersAnswer(
          dir,
          phase,
          m.headers as HeaderMap,
          m.endOfStream,
          m.modeOverride,
          m.replacement,
          m.metadata,
        );
      }
      case 'requestBody':
      case 'responseBody':
        // Body messages are answered by #answerBody.
        throw new Error('unreachable: body replies are built by #answerBody');
      case 'requestTrailers':
      case 'responseTrailers': {
        const mutation = toHeaderMutation((m.trailers as HeaderMap).changes());
        if (mutation === undefined && m.metadata === null) return CONTINUE[phase];
        return trailersReply(phase, mutation, m.metadata);
      }
    }
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#owner?.streamEnded(this.#pipeline);
    this.#request.current?.abandon();
    this.#response.current?.abandon();
    for (const dir of [this.#request, this.#response]) {
      const flow = dir.flow;
      if (flow?.pending && !this.#stopped && !this.#observability) {
        // The peer went away mid-body, or (trailers skipped despite attache's checks, body-end.ts)
        // Envoy ignored the override asking for them, e.g. not in allowed_override_modes.
        this.#log.warn(
          { stream: this.context.id, direction: dir.direction, bytes: flow.held },
          'stream ended while plugins held body bytes back; they were not sent (if the body had trailers: list the overrides of `attache envoy overrides` in allowed_override_modes)',
        );
      }
    }
    this.context.end();
    const hooks = this.#pipeline.streamEnd;
    if (hooks === null) return;
    for (const hook of hooks) {
      try {
        hook.fn(this.context);
      } catch (error) {
        hook.log.error({ err: error, stream: this.context.id }, 'streamEnd hook threw');
      }
    }
  }
}
