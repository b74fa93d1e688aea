/**
 * The simulated Envoy HTTP ext_proc filter for one HTTP exchange (doc §17 algorithm, with the
 * §19 errata applied). Written from the doc; Envoy's `ext_proc.cc` was read to settle doubts.
 *
 * The exchange feeds it the HTTP frames of both directions; it talks to the server over a lazily
 * opened {@link SideStream}, holds or releases frames through its two {@link DirectionState}s,
 * and asks its {@link FilterHost} for local replies — including the server's streamed local
 * response ({@link StreamedLocalResponse}, §5.5).
 *
 * @module
 */

import type { ProcessingMode } from '../../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type {
  BodyResponse,
  CommonResponse,
  HeaderMutation,
  ImmediateResponse,
  ProcessingRequest,
  ProcessingResponse,
} from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { Duration } from '../../gen/google/protobuf/duration.js';
import { GrpcStatus } from '../../transport/types.js';
import type { CallStatus, ExtProcChannel } from '../channel.js';
import type { NormalizedConfig } from '../config.js';
import { UnsupportedFeatureError } from '../errors.js';
import type { HeaderMap } from '../header-map.js';
import { applyHeaderMutation } from '../header-mutation.js';
import { detailsString, type LocalReplySpec } from '../local-reply.js';
import { MutationChecker } from '../mutation-check.js';
import type { Direction, ReplyDisposition, TranscriptEntry, ViolationKind } from '../result.js';
import { type BodyDataHost, bufferedData, partialData, streamedData } from './body-data.js';
import { type CallbackState, type DirectionSink, DirectionState } from './direction-state.js';
import { MessageBuilder, type MessageSources } from './messages.js';
import { decideModeOverride } from './mode-override.js';
import type { Recorder } from './recorder.js';
import { applyDynamicMetadata, durationToMs } from './reply-fields.js';
import {
  handleBodyResponse,
  handleHeadersResponse,
  handleTrailersResponse,
  type Outcome,
  type ReplyHost,
} from './reply-handlers.js';
import { SideStream } from './side-stream.js';
import { type LocalResponseHost, StreamedLocalResponse } from './streamed-local-response.js';

const ERROR_PREFIX = 'ext_proc_error';

/** What the filter needs from the surrounding HTTP stream (the exchange). */
export interface FilterHost extends MessageSources {
  /** Where released request frames go (upstream). */
  readonly requestSink: DirectionSink;
  /** Where released response frames go (downstream). */
  readonly responseSink: DirectionSink;
  /** Envoy's `sendLocalReply` from this filter. */
  sendLocalReply(reply: LocalReplySpec): void;
  /**
   * Starts the server's streamed local response (§5.5) downstream, bypassing response
   * processing; returns where its frames go.
   */
  startStreamedLocalReply(): DirectionSink;
  /** The filter manager's buffer overflowed in `direction` (413 / 500, doc §4.4). */
  bufferOverflow(direction: Direction): void;
  /**
   * Abort the exchange: the server drove Envoy into behaviour the kit does not simulate
   * (`UnsupportedFeatureError`), or the kit itself failed.
   */
  abort(error: unknown): void;
  /** Called after every server event (for frame pacing). */
  onActivity(): void;
}

/**
 * One checker per rules object: a checker is stateless, and building one compiles the rules'
 * regular expressions, which a caller that runs many exchanges with one normalised configuration
 * (the development proxy) would otherwise do per request.
 */
const checkers = new WeakMap<NormalizedConfig['mutationRules'], MutationChecker>();

function checkerFor(rules: NormalizedConfig['mutationRules']): MutationChecker {
  let checker = checkers.get(rules);
  if (checker === undefined) {
    checker = new MutationChecker(rules);
    checkers.set(rules, checker);
  }
  return checker;
}

/** Envoy `isLastBodyResponse`: only STREAMED / FULL_DUPLEX body replies can be the last (§1.6). */
function isLastBodyResponse(state: DirectionState, response: BodyResponse): boolean {
  if (state.bodyMode === 'STREAMED') return state.queue.peek()?.endStream ?? false;
  if (state.bodyMode === 'FULL_DUPLEX_STREAMED') {
    const mutation = response.response?.bodyMutation?.mutation;
    return mutation?.$case === 'streamedResponse' && mutation.value.endOfStream === true;
  }
  return false;
}

/** The simulated ext_proc filter. */
export class ExtProcFilter implements ReplyHost, BodyDataHost, LocalResponseHost {
  readonly decoding: DirectionState;
  readonly encoding: DirectionState;
  readonly #local: StreamedLocalResponse;
  readonly #config: NormalizedConfig;
  readonly #host: FilterHost;
  readonly #recorder: Recorder;
  readonly #checker: MutationChecker;
  readonly #stream: SideStream;
  readonly #messages: MessageBuilder;
  #processingComplete = false;
  #destroyed = false;
  /** Route cache clears (no Envoy counter exists for this). */
  routeCacheClears = 0;

  constructor(config: NormalizedConfig, channel: ExtProcChannel, host: FilterHost, recorder: Recorder) {
    this.#config = config;
    this.#host = host;
    this.#recorder = recorder;
    this.#checker = checkerFor(config.mutationRules);
    const opts = {
      bufferLimit: config.bufferLimitBytes,
      allowContentLengthHeader: config.allowContentLengthHeader,
      sendBodyWithoutWaiting: config.sendBodyWithoutWaiting,
      onTimeout: () => this.onMessageTimeout(),
    };
    this.decoding = new DirectionState('request', host.requestSink, opts);
    this.encoding = new DirectionState('response', host.responseSink, opts);
    // The request starts in the route's mode (§12); mode_override merges with the filter's (§9).
    this.decoding.setProcessingMode(config.routeProcessingMode);
    this.encoding.setProcessingMode(config.routeProcessingMode);
    this.#local = new StreamedLocalResponse(this, this.decoding);
    this.#messages = new MessageBuilder(config, host, this.decoding, this.encoding);
    this.#stream = new SideStream(channel, config.grpcInitialMetadata, recorder, {
      reply: (response) => this.#guard(() => this.#onReceiveMessage(response)),
      remoteClose: (status) => this.#guard(() => this.#onRemoteClose(status)),
    });
  }

  /** How the side stream ended. */
  get streamOutcome(): SideStream['outcome'] {
    return this.#stream.outcome;
  }

  get streamOpen(): boolean {
    return this.#stream.isOpen;
  }

  #state(direction: Direction): DirectionState {
    return direction === 'request' ? this.decoding : this.encoding;
  }

  // ---- HTTP events ------------------------------------------------------------------------

  /** Request or response headers reach the filter (§17.1). */
  onHeaders(direction: Direction, headers: HeaderMap, endStream: boolean): void {
    const state = this.#state(direction);
    if (state.sendHeaders && this.#config.observabilityMode) {
      // §10: send and go.
      if (this.#openStream())
        this.#sendMessage(state, this.#messages.headers(state, headers, endStream, true));
      state.passHeaders(headers, endStream);
      return;
    }
    if (endStream) {
      state.completeBodyAvailable = true;
      state.inputEnded = true;
    }
    let stopped = false;
    if (state.sendHeaders && this.#openStream()) {
      state.headers = headers;
      state.noBody = endStream;
      const message = this.#messages.headers(state, headers, endStream, false);
      this.#startCall(state, 'HeadersCallback');
      this.#sendMessage(state, message);
      state.paused = true;
      state.holdHeaders(headers);
      stopped = true;
    }
    // §6.4: content-length is removed after the headers message was built.
    if (!this.#processingComplete && state.shouldRemoveContentLength()) headers.remove('content-length');
    if (!stopped) state.passHeaders(headers, endStream);
    // 1.37: close the stream once the response direction needs nothing (§1.6).
    if (direction === 'response' && state.noExternalProcess()) this.#closeStreamMaybeGraceful();
  }

  /** A DATA frame reaches the filter (§17.2). */
  onData(direction: Direction, chunk: Buffer, endStream: boolean): void {
    const state = this.#state(direction);
    state.bodyReceived = true;
    if (this.#config.observabilityMode) {
      // §10: only STREAMED bodies are sent in observability mode.
      if (state.bodyMode === 'STREAMED' && this.#openStream()) {
        this.#sendMessage(state, this.#messages.body(state, chunk, endStream, true));
      }
      state.passData(chunk, endStream);
      return;
    }
    if (endStream) {
      state.completeBodyAvailable = true;
      state.inputEnded = true;
    }
    if (direction === 'request' && this.#local.streaming) {
      // §5.5: FULL_DUPLEX keeps sending the request body to the server; other modes discard it.
      if (state.bodyMode === 'FULL_DUPLEX_STREAMED') this.#sendUnansweredBody(state, chunk, endStream);
      return;
    }
    if (state.bodyReplaced) {
      // §5.1: the original body is discarded after CONTINUE_AND_REPLACE; only its end passes.
      if (endStream) state.passData(Buffer.alloc(0), true);
      return;
    }
    if (this.#processingComplete) {
      state.passData(chunk, endStream);
      return;
    }
    if (
      state.callbackState === 'HeadersCallback' &&
      !state.sendsBodyWithoutWaiting &&
      state.bodyMode !== 'FULL_DUPLEX_STREAMED'
    ) {
      // §4.2.5: hold the data until the headers reply. BUFFERED holds it in the filter manager's
      // buffer, so overflowing it produces 413/500 (§4.4, #39345); other modes watermark.
      state.paused = true;
      state.holdData(chunk);
      if (state.overBufferLimit()) {
        if (state.bodyMode === 'BUFFERED') this.bufferOverflow(direction);
        else state.watermark = true;
      }
      return;
    }
    switch (state.bodyMode) {
      case 'BUFFERED':
        bufferedData(this, state, chunk, endStream);
        return;
      case 'STREAMED':
      case 'FULL_DUPLEX_STREAMED':
        streamedData(this, state, chunk, endStream);
        return;
      case 'BUFFERED_PARTIAL':
        partialData(this, state, chunk, endStream);
        return;
      default:
        // NONE (and GRPC, which Envoy's HTTP filter treats the same, §4.1).
        state.passData(chunk, endStream);
    }
  }

  /** Trailers reach the filter (§17.3). */
  onTrailers(direction: Direction, trailers: HeaderMap): void {
    const state = this.#state(direction);
    state.inputEnded = true;
    if (direction === 'request' && this.#local.streaming) {
      state.trailers = trailers;
      state.trailersAvailable = true;
      this.#forwardRequestTrailers();
      return;
    }
    if (this.#processingComplete) {
      state.passTrailers(trailers);
      return;
    }
    if (this.#config.observabilityMode) {
      if (state.sendTrailers && this.#openStream()) {
        this.#sendMessage(state, this.#messages.trailers(state, trailers, true));
      }
      state.passTrailers(trailers);
      return;
    }
    const bodyDelivered = state.completeBodyAvailable;
    state.completeBodyAvailable = true;
    state.trailersAvailable = true;
    state.trailers = trailers;
    state.holdTrailers(trailers);
    if (state.callbackState !== 'Idle' && state.bodyMode !== 'FULL_DUPLEX_STREAMED') {
      // Previous call still pending: trailers wait (§17.3). FULL_DUPLEX sends them at once (§4.8).
      state.paused = true;
      return;
    }
    const bufferedBody = state.bodyMode === 'BUFFERED' && state.bufferedData !== null;
    const partialBody = state.bodyMode === 'BUFFERED_PARTIAL' && !state.queue.empty;
    if (!bodyDelivered && (bufferedBody || partialBody)) {
      // §4.4 / §4.5: the trailers complete the body → one body message with end_of_stream=false.
      if (!this.#openStream()) {
        state.clearAsyncState();
        return;
      }
      if (bufferedBody) {
        this.#sendBody(state, state.bufferedData ?? Buffer.alloc(0), false, 'BufferedBodyCallback');
      } else {
        this.#sendBody(state, state.queue.consolidate().data, false, 'BufferedPartialBodyCallback');
      }
      state.paused = true;
      return;
    }
    if (!state.sendTrailers || state.staleQueue || !this.#openStream()) {
      // Continue: everything held so far goes on together with the trailers.
      state.paused = false;
      state.release();
      return;
    }
    this.sendTrailersMessage(state);
  }

  /**
   * The HTTP exchange is over (Envoy `onDestroy`): stop timers and close the stream — at once,
   * or after `deferred_close_timeout` in observability mode (§1.6, §10). Resolves once closed.
   * `immediate` skips the deferral (used when the exchange is aborted).
   */
  async destroy(immediate = false): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#processingComplete = true;
    this.decoding.stopTimer();
    this.encoding.stopTimer();
    if (this.#config.observabilityMode && this.#stream.isOpen && !immediate) {
      // The stream outlives the exchange until the server closes it or the timer fires.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.#stream.closed,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, this.#config.deferredCloseTimeoutMs);
        }),
      ]);
      clearTimeout(timer);
      this.#closeStream();
      return;
    }
    // Envoy onDestroy: the normal close, graceful if configured. The kit waits for the stream to
    // end so the result says how it ended (at most remoteCloseTimeoutMs).
    if (immediate) this.#closeStream();
    else this.#closeStreamMaybeGraceful();
    if (this.#stream.wasOpened) await this.#stream.closed;
  }

  // ---- sending -------------------------------------------------------------------------------

  /** Envoy `openStream`: false when processing is complete (the caller then continues). */
  #openStream(): boolean {
    if (this.#processingComplete) return false;
    this.#stream.open();
    return this.#stream.isOpen;
  }

  #startCall(state: DirectionState, next: CallbackState): void {
    // No message timer in FULL_DUPLEX_STREAMED (§4.8, §8).
    state.startCall(
      next,
      state.bodyMode === 'FULL_DUPLEX_STREAMED' ? undefined : this.#config.messageTimeoutMs,
    );
  }

  #sendMessage(state: DirectionState, message: ProcessingRequest): void {
    this.#stream.send(state.direction, message);
  }

  #sendBody(state: DirectionState, body: Buffer, endStream: boolean, next: CallbackState): void {
    const message = this.#messages.body(state, body, endStream, false);
    this.#startCall(state, next);
    this.#sendMessage(state, message);
  }

  // ---- DirectionHost ---------------------------------------------------------------------------

  bufferOverflow(direction: Direction): void {
    this.#host.bufferOverflow(direction);
  }

  sendBodyMessage(state: DirectionState, body: Buffer, endOfStream: boolean, next: CallbackState): void {
    if (state.aborted) return;
    if (!this.#openStream()) {
      state.continueIfNecessary();
      return;
    }
    this.#sendBody(state, body, endOfStream, next);
  }

  sendTrailersMessage(state: DirectionState): void {
    // Sent at most once: FULL_DUPLEX may already have sent them (§4.8).
    if (state.aborted || state.trailersSentToServer) return;
    const trailers = state.trailers;
    if (trailers === null || !this.#openStream()) {
      state.continueIfNecessary();
      return;
    }
    state.trailersSentToServer = true;
    const message = this.#messages.trailers(state, trailers, false);
    this.#startCall(state, state.callbackState === 'Idle' ? 'TrailersCallback' : state.callbackState);
    this.#sendMessage(state, message);
    state.paused = true;
  }

  // ---- streamed local response (§5.5) ------------------------------------------------------------

  startLocalResponse(): DirectionSink {
    // The request never goes upstream: what the filter holds, and everything later, is dropped.
    this.decoding.finishCall();
    this.decoding.discardOutput();
    // Response processing is turned off: no response_* messages.
    this.encoding.sendHeaders = false;
    this.encoding.bodyMode = 'NONE';
    this.encoding.sendTrailers = false;
    return this.#host.startStreamedLocalReply();
  }

  /**
   * A request body chunk sent while the local response streams (FULL_DUPLEX only). No call is
   * started: the server must not answer it (a reply would be spurious, §5.5). The doc names no
   * timer for these messages; the kit arms none rather than invent a timeout.
   */
  #sendUnansweredBody(state: DirectionState, chunk: Buffer, endStream: boolean): void {
    this.#sendMessage(state, this.#messages.body(state, chunk, endStream, false));
  }

  /**
   * §5.5: while the local response streams, request trailers still go to the server per trailer
   * mode (also ones held while the headers reply was pending), unanswered like the body chunks.
   */
  #forwardRequestTrailers(): void {
    const state = this.decoding;
    const trailers = state.trailers;
    if (!this.#local.streaming || !state.sendTrailers || trailers === null || state.trailersSentToServer)
      return;
    state.trailersSentToServer = true;
    this.#sendMessage(state, this.#messages.trailers(state, trailers, false));
  }

  applyMutation(
    state: DirectionState,
    mutation: HeaderMutation,
    target: HeaderMap,
    replacing: boolean,
    removeContentLength: boolean,
  ): string | undefined {
    return applyHeaderMutation(mutation, target, {
      checker: this.#checker,
      replacingMessage: replacing,
      removeContentLength,
      maxHeadersCount: this.#config.maxHeadersCount,
      maxHeadersKb: this.#config.maxHeadersKb,
      report: (kind, message) => this.#recorder.violation(kind, state.direction, message),
      countRejected: () => {
        this.#recorder.stats.rejected_header_mutations++;
      },
    });
  }

  /** §5.1: request direction only; needs a header_mutation in the same reply. */
  clearRouteCache(state: DirectionState, common: CommonResponse): void {
    if (state.direction !== 'request') return;
    const asked = common.clearRouteCache === true;
    if (common.headerMutation === undefined) {
      if (asked) this.#recorder.stats.clear_route_cache_ignored++;
      return;
    }
    switch (this.#config.routeCacheAction) {
      case 'DEFAULT':
        if (asked) this.routeCacheClears++;
        break;
      case 'CLEAR':
        this.routeCacheClears++;
        break;
      case 'RETAIN':
        if (asked) this.#recorder.stats.clear_route_cache_disabled++;
        break;
    }
  }

  note(state: DirectionState, kind: ViolationKind, message: string): void {
    this.#recorder.violation(kind, state.direction, message);
  }

  /** Runs an asynchronous event handler; a thrown error aborts the exchange instead of escaping. */
  #guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.#host.abort(err);
    }
  }

  /** §8: 504 (or fail-open) when a reply did not arrive in time. */
  onMessageTimeout(): void {
    this.#guard(() => this.#onMessageTimeout());
  }

  #onMessageTimeout(): void {
    if (this.#processingComplete) return;
    this.#recorder.stats.message_timeouts++;
    this.#recorder.violation(
      'message-timeout',
      undefined,
      `no reply within ${this.#config.messageTimeoutMs} ms`,
    );
    this.#processingComplete = true;
    this.#closeStream();
    if (this.#failureModeAllow()) {
      this.#recorder.stats.failure_mode_allowed++;
      this.#clearAsyncState();
    } else {
      this.decoding.finishCall();
      this.encoding.finishCall();
      this.#sendImmediateResponse({
        status: { code: 504 },
        details: `${ERROR_PREFIX}_per-message_timeout_exceeded`,
      });
    }
    this.#host.onActivity();
  }

  // ---- receiving -------------------------------------------------------------------------------

  #onReceiveMessage(response: ProcessingResponse): void {
    const which = response.response?.$case;
    const direction: Direction | undefined = which?.startsWith('request')
      ? 'request'
      : which?.startsWith('response')
        ? 'response'
        : undefined;
    const entry = this.#recorder.event({
      type: 'received',
      direction,
      message: response,
      disposition: 'accepted',
    });
    const setDisposition = (d: ReplyDisposition): void => {
      (entry as Extract<TranscriptEntry, { type: 'received' }>).disposition = d;
    };
    try {
      this.#handleMessage(response, setDisposition);
    } finally {
      this.#host.onActivity();
    }
  }

  #handleMessage(response: ProcessingResponse, setDisposition: (d: ReplyDisposition) => void): void {
    if (this.#config.observabilityMode) {
      setDisposition('ignored');
      this.#recorder.violation(
        'reply-in-observability-mode',
        undefined,
        'replies are ignored in observability mode',
      );
      return;
    }
    if (this.#processingComplete) {
      // Late replies after a decision (fail-open, close) are ignored (§1.7).
      setDisposition('ignored');
      return;
    }

    // §8: a message carrying override_message_timeout is consumed entirely.
    if (response.overrideMessageTimeout !== undefined) {
      setDisposition('timeout-override');
      if (
        response.response !== undefined ||
        response.dynamicMetadata !== undefined ||
        response.modeOverride !== undefined
      ) {
        this.#recorder.violation(
          'ignored-fields',
          undefined,
          'a message with override_message_timeout is consumed entirely; its other fields are ignored',
        );
      }
      this.#onNewTimeout(response.overrideMessageTimeout);
      return;
    }

    if (response.modeOverride !== undefined) this.#applyModeOverride(response.modeOverride);
    if (this.#processingComplete) return; // unsupported mode: the exchange was aborted

    let outcome: Outcome;
    let lastBody = false;
    const r = response.response;
    if (r?.$case === 'streamedImmediateResponse' && this.#config.disableImmediateResponse) {
      // Doc silent: §5.4 makes an immediate_response spurious under this setting but says nothing
      // of the streamed one; the kit refuses to guess.
      this.#abortUnsupported(
        'StreamedImmediateResponse with disable_immediate_response set is not supported by the attache test kit (doc §5.4/§5.5 are silent)',
      );
      return;
    }
    const requestReply =
      r?.$case === 'requestHeaders' || r?.$case === 'requestBody' || r?.$case === 'requestTrailers';
    if (requestReply && this.#local.started) {
      // §5.5: regular request-direction replies after the local response started are spurious
      // (FULL_DUPLEX would otherwise accept a TrailersResponse at any time).
      this.#setDynamicMetadata(response, 'request');
      outcome = { kind: 'spurious', details: 'spurious message' };
    } else {
      ({ outcome, lastBody } = this.#dispatch(response));
    }

    if (outcome.kind === 'ok') {
      this.#recorder.stats.stream_msgs_received++;
    } else if (outcome.kind === 'spurious') {
      setDisposition('spurious');
      this.#recorder.stats.spurious_msgs_received++;
      if (r?.$case !== 'immediateResponse') {
        this.#recorder.violation('spurious-reply', undefined, this.#describeSpurious(response));
      }
      // §7 (1.35+): fail-closed unless failure_mode_allow.
      if (this.#failureModeAllow()) {
        this.#recorder.stats.failure_mode_allowed++;
        this.#closeStream();
        this.#clearAsyncState();
        this.#processingComplete = true;
      } else {
        this.#handleErrorResponse(outcome.details);
      }
    } else {
      setDisposition('rejected');
      this.#recorder.stats.stream_msgs_received++;
      this.#handleErrorResponse(outcome.details);
    }
    this.#closeIfLastResponse(response, lastBody);
  }

  /** Hands a reply to the handler its oneof names; `lastBody`: a final STREAMED/FULL_DUPLEX body reply. */
  #dispatch(response: ProcessingResponse): { outcome: Outcome; lastBody: boolean } {
    const r = response.response;
    switch (r?.$case) {
      case 'requestHeaders':
        this.#setDynamicMetadata(response, 'request');
        return { outcome: handleHeadersResponse(this, this.decoding, r.value), lastBody: false };
      case 'responseHeaders':
        this.#setDynamicMetadata(response, 'response');
        return { outcome: handleHeadersResponse(this, this.encoding, r.value), lastBody: false };
      case 'requestBody': {
        this.#setDynamicMetadata(response, 'request');
        const lastBody = isLastBodyResponse(this.decoding, r.value);
        return { outcome: handleBodyResponse(this, this.decoding, r.value), lastBody };
      }
      case 'responseBody': {
        this.#setDynamicMetadata(response, 'response');
        const lastBody = isLastBodyResponse(this.encoding, r.value);
        return { outcome: handleBodyResponse(this, this.encoding, r.value), lastBody };
      }
      case 'requestTrailers':
        this.#setDynamicMetadata(response, 'request');
        return { outcome: handleTrailersResponse(this, this.decoding, r.value), lastBody: false };
      case 'responseTrailers':
        this.#setDynamicMetadata(response, 'response');
        return { outcome: handleTrailersResponse(this, this.encoding, r.value), lastBody: false };
      case 'immediateResponse':
        return { outcome: this.#onImmediateResponse(response, r.value), lastBody: false };
      case 'streamedImmediateResponse': {
        this.#setDynamicMetadata(response, 'request');
        const outcome = this.#local.handle(r.value);
        // Held request trailers go to the server once the local response streams (§5.5).
        this.#forwardRequestTrailers();
        // §5.5: the stream closes when the local response reached end-of-stream.
        if (outcome.kind === 'ok' && this.#local.ended) this.#closeStreamMaybeGraceful();
        return { outcome, lastBody: false };
      }
      default:
        return { outcome: { kind: 'spurious', details: 'unhandled message' }, lastBody: false };
    }
  }

  /** §5.4 ImmediateResponse (spurious under `disable_immediate_response`). */
  #onImmediateResponse(response: ProcessingResponse, value: ImmediateResponse): Outcome {
    if (this.#config.disableImmediateResponse) {
      this.#recorder.violation(
        'immediate-response-disabled',
        undefined,
        'immediate_response while disable_immediate_response is set (treated as spurious)',
      );
      return { kind: 'spurious', details: 'unhandled immediate response due to config disabled it' };
    }
    this.#setDynamicMetadata(response, 'request');
    this.#processingComplete = true;
    this.decoding.finishCall();
    this.encoding.finishCall();
    this.#closeStreamMaybeGraceful();
    this.#recorder.stats.immediate_responses_sent++;
    this.#sendImmediateResponse(value);
    return { kind: 'ok' };
  }

  #describeSpurious(response: ProcessingResponse): string {
    const what = response.response?.$case ?? 'a reply without a response field';
    const waiting = `request: ${this.decoding.callbackState}, response: ${this.encoding.callbackState}`;
    return `unexpected ${what} (Envoy was waiting for — ${waiting})`;
  }

  /** §9: apply mode_override before the reply, to both directions, when allowed. */
  #applyModeOverride(override: ProcessingMode): void {
    const inHeaderState =
      this.decoding.callbackState === 'HeadersCallback' || this.encoding.callbackState === 'HeadersCallback';
    const decision = decideModeOverride(override, this.#config, inHeaderState);
    switch (decision.kind) {
      case 'ignore':
        this.#recorder.violation(
          'ignored-mode-override',
          undefined,
          `mode_override ignored: ${decision.reason}`,
        );
        return;
      case 'unsupported':
        this.#abortUnsupported(decision.message);
        return;
      case 'apply':
        this.decoding.setProcessingMode(decision.mode);
        this.encoding.setProcessingMode(decision.mode);
    }
  }

  /** §5.6: dynamic_metadata is written for receiving namespaces only. */
  #setDynamicMetadata(response: ProcessingResponse, direction: Direction): void {
    if (response.dynamicMetadata === undefined) return;
    const ignored = applyDynamicMetadata(
      response.dynamicMetadata,
      this.#config.receivingNamespaces,
      this.#host.dynamicMetadata,
    );
    for (const ns of ignored) {
      this.#recorder.violation(
        'ignored-dynamic-metadata',
        direction,
        `dynamic_metadata namespace ${JSON.stringify(ns)} is not a receiving namespace`,
      );
    }
  }

  #onNewTimeout(duration: Duration): void {
    const ms = durationToMs(duration);
    let why: string | undefined;
    if (ms === undefined) why = 'duration out of range';
    else if (ms < 1 || ms > this.#config.maxMessageTimeoutMs) {
      why = `${ms} ms is outside [1, max_message_timeout=${this.#config.maxMessageTimeoutMs}] ms`;
    } else {
      // Both are tried (not short-circuited), as Envoy does.
      const a = this.decoding.restartTimer(ms);
      const b = this.encoding.restartTimer(ms);
      if (!a && !b) why = 'no timer running, or already overridden for this message';
    }
    if (why === undefined) {
      this.#recorder.stats.override_message_timeout_received++;
      return;
    }
    this.#recorder.stats.override_message_timeout_ignored++;
    this.#recorder.violation(
      'ignored-override-timeout',
      undefined,
      `override_message_timeout ignored: ${why}`,
    );
  }

  #onRemoteClose(status: CallStatus): void {
    try {
      if (status.code === GrpcStatus.OK) {
        // §1.7: OK = stop processing, let the request continue unmodified.
        if (this.#processingComplete) return;
        this.#processingComplete = true;
        this.#recorder.stats.streams_closed++;
        this.#recorder.stats.server_half_closed++;
        if (this.#local.streaming) {
          this.#localResponseCutShort(status);
          return;
        }
        this.#clearAsyncState();
        return;
      }
      this.#recorder.stats.streams_failed++;
      this.#recorder.violation(
        'stream-error',
        undefined,
        `server ended the call with status ${status.code}: ${status.message}`,
      );
      if (this.#processingComplete) return;
      if (this.#failureModeAllow()) {
        this.#processingComplete = true;
        this.#recorder.stats.streams_closed++;
        this.#recorder.stats.failure_mode_allowed++;
        this.#clearAsyncState();
        return;
      }
      this.#processingComplete = true;
      this.decoding.finishCall();
      this.encoding.finishCall();
      this.#sendImmediateResponse({
        status: { code: this.#config.statusOnError },
        details: `${ERROR_PREFIX}_gRPC_error_${status.code}{${status.message}}`,
      });
    } finally {
      this.#host.onActivity();
    }
  }

  // ---- failure handling ------------------------------------------------------------------------

  /**
   * The server ended the call OK while its streamed local response was still unfinished. Doc
   * silent: "pass through" (§1.7) is impossible (the request never goes upstream and fail-open
   * is ruled out once the local response started, §8), so the kit takes the conservative reading
   * — the unfinishable downstream response is reset, with details in the gRPC-error format.
   */
  #localResponseCutShort(status: CallStatus): void {
    this.#recorder.violation(
      'invalid-streamed-immediate-response',
      'request',
      'the server ended the call before its streamed local response reached end-of-stream',
    );
    this.decoding.finishCall();
    this.encoding.finishCall();
    this.#sendImmediateResponse({
      status: { code: this.#config.statusOnError },
      details: `${ERROR_PREFIX}_gRPC_error_${status.code}{${status.message}}`,
    });
  }

  /**
   * Fail-open is impossible once a FULL_DUPLEX body chunk was sent, or once a streamed local
   * response started (§8): spurious replies are then always fail-closed (§5.5, §7).
   */
  #failureModeAllow(): boolean {
    if (this.#local.started) return false;
    const duplexBody = (s: DirectionState): boolean =>
      s.bodyMode === 'FULL_DUPLEX_STREAMED' && s.bodyReceived;
    if (duplexBody(this.decoding) || duplexBody(this.encoding)) return false;
    return this.#config.failureModeAllow;
  }

  #clearAsyncState(): void {
    this.decoding.clearAsyncState();
    this.encoding.clearAsyncState();
  }

  /** Non-spurious processing errors always produce the local reply (§7 last paragraph). */
  #handleErrorResponse(details: string): void {
    this.#processingComplete = true;
    this.decoding.finishCall();
    this.encoding.finishCall();
    this.#closeStream();
    this.#sendImmediateResponse({ status: { code: this.#config.statusOnError }, details });
  }

  /** Envoy `sendImmediateResponse` (§5.4): status <200/unset → 200, configured mutation checker. */
  #sendImmediateResponse(response: ImmediateResponse): void {
    const code = response.status?.code ?? 200;
    const status = Math.max(code, 200); // unset, 0 and 1xx all become 200
    const mutation = response.headers;
    this.#host.sendLocalReply({
      status,
      body: Buffer.from(response.body ?? Buffer.alloc(0)),
      grpcStatus: response.grpcStatus === undefined ? undefined : (response.grpcStatus.status ?? 0),
      details: detailsString(response.details ?? ''),
      mutateHeaders:
        mutation === undefined
          ? undefined
          : (headers) => {
              // Failures are only logged (§5.4); partial effects remain, as in Envoy.
              applyHeaderMutation(mutation, headers, {
                checker: this.#checker,
                replacingMessage: false,
                removeContentLength: false,
                maxHeadersCount: this.#config.maxHeadersCount,
                maxHeadersKb: this.#config.maxHeadersKb,
                report: (kind, message) =>
                  this.#recorder.violation(kind, undefined, `immediate_response headers: ${message}`),
                countRejected: () => {
                  this.#recorder.stats.rejected_header_mutations++;
                },
              });
            },
    });
  }

  #abortUnsupported(message: string): void {
    this.#processingComplete = true;
    this.decoding.finishCall();
    this.encoding.finishCall();
    this.#closeStream();
    this.#host.abort(new UnsupportedFeatureError(message));
  }

  // ---- closing -----------------------------------------------------------------------------------

  #closeStream(): void {
    if (this.#stream.close()) this.#recorder.stats.streams_closed++;
  }

  /** Envoy `closeStreamMaybeGraceful` (graceful close is off by default, §1.6). */
  #closeStreamMaybeGraceful(): void {
    this.#processingComplete = true;
    if (!this.#config.gracefulGrpcClose) {
      this.#closeStream();
      return;
    }
    if (this.#stream.halfCloseAndWait(this.#config.remoteCloseTimeoutMs)) {
      this.#recorder.stats.streams_closed++;
    }
  }

  /**
   * §1.6 (1.37): close as soon as no further message can be needed. BUFFERED / BUFFERED_PARTIAL
   * bodies keep the stream until the exchange ends. We also require the other direction to be idle — the
   * behaviour after the #45617 fix (1.37.x); 1.37.0 could close too early there.
   */
  #closeIfLastResponse(response: ProcessingResponse, lastBody: boolean): void {
    if (!this.#stream.isOpen) return;
    const d = this.decoding;
    const e = this.encoding;
    let last = false;
    switch (response.response?.$case) {
      case 'requestHeaders':
        last = (d.noBody || (d.bodyMode === 'NONE' && !d.sendTrailers)) && e.noExternalProcess();
        break;
      case 'requestBody':
        last = lastBody && e.noExternalProcess();
        break;
      case 'requestTrailers':
        last = e.noExternalProcess();
        break;
      case 'responseHeaders':
        last = e.noBody || (e.bodyMode === 'NONE' && !e.sendTrailers);
        break;
      case 'responseBody':
        last = lastBody;
        break;
      case 'responseTrailers':
        last = true;
        break;
      default:
        break;
    }
    const otherIdle =
      response.response?.$case?.startsWith('request') === true
        ? e.callbackState === 'Idle'
        : d.callbackState === 'Idle';
    if (last && otherIdle) this.#closeStreamMaybeGraceful();
  }
}
