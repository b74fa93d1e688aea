/**
 * Per-direction state of the simulated ext_proc filter (Envoy's `ProcessorState`, doc §4.2, §17).
 *
 * A direction (request = decoding, response = encoding) owns:
 * - its processing mode (send headers / body mode / send trailers), changeable by mode_override;
 * - the callback state: which reply it waits for (§4.2.1);
 * - what it holds back from the next hop: the headers (until released), the held body (data
 *   held while a headers reply is pending, or accumulated in BUFFERED mode), and trailers;
 * - the queue of body chunks sent to the server and not yet answered (STREAMED,
 *   BUFFERED_PARTIAL), with its watermark (§4.6, §11);
 * - its message timer (§4.2.8, §8).
 *
 * The reply handlers live in `reply-handlers.ts`.
 *
 * @module
 */
import type { BodySendMode, ProcessingModeConfig } from '../config.js';
import type { HeaderMap } from '../header-map.js';
import type { Direction } from '../result.js';
import { ChunkQueue } from './chunk-queue.js';

/** Which reply a direction waits for (Envoy `ProcessorState::CallbackState`). */
export type CallbackState =
  | 'Idle'
  | 'HeadersCallback'
  | 'BufferedBodyCallback'
  | 'StreamedBodyCallback'
  | 'BufferedPartialBodyCallback'
  | 'TrailersCallback';

/** Where a direction's frames go once the filter lets them pass (upstream or downstream). */
export interface DirectionSink {
  headers(headers: HeaderMap, endStream: boolean): void;
  data(chunk: Buffer, endStream: boolean): void;
  trailers(trailers: HeaderMap): void;
}

/** Where a discarded direction's frames go: nowhere (§5.5). */
const DISCARD: DirectionSink = {
  headers: () => {},
  data: () => {},
  trailers: () => {},
};

/** Options of a direction state. */
export interface DirectionOptions {
  bufferLimit: number;
  allowContentLengthHeader: boolean;
  sendBodyWithoutWaiting: boolean;
  /** Called when the message timer fires. */
  onTimeout: () => void;
}

function fireTimer(state: DirectionState): void {
  state.timerFired();
}

/** The state of one direction of the filter. */
export class DirectionState {
  readonly direction: Direction;
  #sink: DirectionSink;
  readonly #opts: DirectionOptions;

  // Processing mode (§4.1).
  sendHeaders = true;
  bodyMode: BodySendMode = 'NONE';
  sendTrailers = false;

  callbackState: CallbackState = 'Idle';
  /** Headers the server may still mutate (Envoy `headers_`). */
  headers: HeaderMap | null = null;
  /** Trailers the server may still mutate. */
  trailers: HeaderMap | null = null;

  noBody = false;
  completeBodyAvailable = false;
  trailersAvailable = false;
  trailersSentToServer = false;
  bodyReplaced = false;
  bodyReceived = false;
  partialBodyProcessed = false;
  /**
   * §19.3: body data was queued while the partial-body reply was pending; it was released after
   * the reply, and the trailers then pass upstream unseen.
   */
  staleQueue = false;
  /** Iteration is stopped at this filter (Envoy `paused_`). */
  paused = false;
  attributesSent = false;
  /** The source delivered its last frame. */
  inputEnded = false;
  /** The source must stop sending (Envoy's watermark on the chunk queue / held data). */
  watermark = false;
  /**
   * The filter manager aborted this direction with a local reply of its own (413/500 on buffer
   * overflow): pending replies are still accepted, but nothing more is sent for it (doc §18.7).
   */
  aborted = false;

  /**
   * Data held back by the filter (Envoy's filter-manager buffer for this filter), kept as a list
   * of chunks and joined only when read, so holding many chunks costs linear time, not quadratic.
   */
  #held: Buffer[] | null = null;
  #heldBytes = 0;
  /** Chunks sent to the server and still owed to the next hop. */
  readonly queue = new ChunkQueue();
  #pendingHeaders: HeaderMap | null = null;
  #pendingTrailers: HeaderMap | null = null;
  #headersOut = false;
  #endOut = false;

  /** The running message timer: a Timeout, or an Immediate for a 0 ms timeout. */
  #timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  #timerIsImmediate = false;
  #newTimeoutReceived = false;

  constructor(direction: Direction, sink: DirectionSink, opts: DirectionOptions) {
    this.direction = direction;
    this.#sink = sink;
    this.#opts = opts;
  }

  /** Envoy `setProcessingModeInternal`: DEFAULT sends headers but not trailers (§4.1). */
  setProcessingMode(mode: ProcessingModeConfig): void {
    if (this.direction === 'request') {
      this.sendHeaders = mode.requestHeaderMode !== 'SKIP';
      this.sendTrailers = mode.requestTrailerMode === 'SEND';
      this.bodyMode = mode.requestBodyMode;
    } else {
      this.sendHeaders = mode.responseHeaderMode !== 'SKIP';
      this.sendTrailers = mode.responseTrailerMode === 'SEND';
      this.bodyMode = mode.responseBodyMode;
    }
  }

  /** The held data as one buffer, or `null` when nothing is held (not even an empty body). */
  get bufferedData(): Buffer | null {
    const held = this.#held;
    if (held === null) return null;
    if (held.length !== 1) this.#held = [Buffer.concat(held, this.#heldBytes)];
    return (this.#held as Buffer[])[0] as Buffer;
  }

  set bufferedData(data: Buffer | null) {
    this.#held = data === null ? null : [data];
    this.#heldBytes = data === null ? 0 : data.length;
  }

  /** STREAMED + `send_body_without_waiting_for_header_response` (§4.7). */
  get sendsBodyWithoutWaiting(): boolean {
    return this.bodyMode === 'STREAMED' && this.#opts.sendBodyWithoutWaiting;
  }

  /** §6.4: modes in which content-length is stripped (unless allow_content_length_header, 1.38+). */
  shouldRemoveContentLength(): boolean {
    if (this.#opts.allowContentLengthHeader) return false;
    return (
      this.bodyMode === 'STREAMED' ||
      this.bodyMode === 'FULL_DUPLEX_STREAMED' ||
      this.bodyMode === 'BUFFERED_PARTIAL' ||
      (this.bodyMode === 'BUFFERED' && !this.sendHeaders)
    );
  }

  /** Encoding-side `noExternalProcess()`: nothing at all is processed in this direction. */
  noExternalProcess(): boolean {
    return !this.sendHeaders && !this.sendTrailers && this.bodyMode === 'NONE';
  }

  /** Whether the next source frame may be delivered now (for `on-idle` pacing). */
  readyForNextFrame(): boolean {
    if (this.watermark) return false;
    // FULL_DUPLEX_STREAMED never waits for a reply before taking more data (§4.8).
    return this.bodyMode === 'FULL_DUPLEX_STREAMED' || this.callbackState === 'Idle';
  }

  // ---- buffer limit and watermark (§4.4, §4.6, §11) ------------------------------------------

  /** Whether the held body exceeds the stream's buffer limit (Envoy checks `>`). */
  overBufferLimit(): boolean {
    return this.#held !== null && this.#heldBytes > this.#opts.bufferLimit;
  }

  queueOverHighLimit(): boolean {
    return this.queue.bytes > this.#opts.bufferLimit;
  }

  queueBelowLowLimit(): boolean {
    return this.queue.bytes < this.#opts.bufferLimit / 2;
  }

  /** Envoy `enqueueStreamingChunk`: queue a chunk, raising the watermark over the limit. */
  enqueue(chunk: Buffer, endStream: boolean): void {
    this.queue.push(chunk, endStream);
    if (this.queueOverHighLimit()) this.watermark = true;
  }

  clearWatermark(): void {
    this.watermark = false;
  }

  // ---- holding and releasing frames ------------------------------------------------------

  /** Whether the filter holds anything back from the next hop. */
  get holding(): boolean {
    return this.#pendingHeaders !== null || this.bufferedData !== null || this.#pendingTrailers !== null;
  }

  /** Stops the headers at this filter (they will be released by {@link release}). */
  holdHeaders(headers: HeaderMap): void {
    this.#pendingHeaders = headers;
  }

  holdTrailers(trailers: HeaderMap): void {
    this.#pendingTrailers = trailers;
  }

  /** Appends a DATA frame to the held body. */
  holdData(chunk: Buffer): void {
    (this.#held ??= []).push(Buffer.from(chunk));
    this.#heldBytes += chunk.length;
  }

  /** Passes headers straight to the next hop. */
  passHeaders(headers: HeaderMap, endStream: boolean): void {
    this.#headersOut = true;
    if (endStream) this.#endOut = true;
    this.#sink.headers(headers, endStream);
  }

  /** Passes a DATA frame to the next hop, or holds it if something before it is still held. */
  passData(chunk: Buffer, endStream: boolean): void {
    if (this.holding || this.paused) {
      this.holdData(chunk);
      if (!this.paused) this.release();
      return;
    }
    this.#emitData(chunk, endStream);
  }

  /** Passes trailers to the next hop (after anything held). */
  passTrailers(trailers: HeaderMap): void {
    if (this.holding || this.paused) {
      this.#pendingTrailers = trailers;
      if (!this.paused) this.release();
      return;
    }
    this.#endOut = true;
    this.#sink.trailers(trailers);
  }

  /**
   * Envoy `injectDataToFilterChain`: processed body data goes on to the next hop now, even
   * though this filter's iteration is paused — but never ahead of headers it still holds.
   */
  inject(chunk: Buffer, endStream: boolean): void {
    if (this.#pendingHeaders !== null) {
      this.holdData(chunk);
      return;
    }
    this.#emitData(chunk, endStream);
  }

  #emitData(chunk: Buffer, endStream: boolean): void {
    if (this.#endOut || (chunk.length === 0 && !endStream)) return;
    if (endStream) this.#endOut = true;
    this.#sink.data(chunk, endStream);
  }

  /**
   * The message will never reach the next hop (a streamed local response replaced it, §5.5):
   * drop everything held, and everything released from now on.
   */
  discardOutput(): void {
    this.#sink = DISCARD;
    this.#pendingHeaders = null;
    this.bufferedData = null;
    this.#pendingTrailers = null;
    this.queue.drain();
    this.clearWatermark();
    this.paused = false;
  }

  /** Envoy `continueIfNecessary`. */
  continueIfNecessary(): void {
    if (this.paused) {
      this.paused = false;
      this.release();
    }
  }

  /** Lets everything held go to the next hop, in order (Envoy's filter-chain continue). */
  release(): void {
    const headers = this.#pendingHeaders;
    const data = this.bufferedData;
    const trailers = this.#pendingTrailers;
    this.#pendingHeaders = null;
    this.bufferedData = null;
    this.#pendingTrailers = null;
    const endAfterData = this.inputEnded && trailers === null;
    if (headers !== null) {
      // Body bytes already handed to the server still follow the headers (they are injected).
      const eos = this.inputEnded && !this.bodyReceived && data === null && trailers === null;
      this.#headersOut = true;
      if (eos) this.#endOut = true;
      this.#sink.headers(headers, eos);
    }
    if (data !== null && (data.length > 0 || endAfterData)) {
      this.#emitData(data, endAfterData);
    } else if (endAfterData && this.#headersOut && !this.#endOut && this.queue.empty) {
      this.#emitData(Buffer.alloc(0), true);
    }
    if (trailers !== null && !this.#endOut) {
      this.#endOut = true;
      this.#sink.trailers(trailers);
    }
  }

  // ---- message timer (§4.2.8, §8) ------------------------------------------------------------

  /** Envoy `onStartProcessorCall`: enter `next` and (re)arm the timer (none if undefined). */
  startCall(next: CallbackState, timeoutMs: number | undefined): void {
    this.callbackState = next;
    this.#newTimeoutReceived = false;
    this.stopTimer();
    if (timeoutMs !== undefined) this.#arm(timeoutMs);
  }

  #arm(timeoutMs: number): void {
    // §8: 0 "fires immediately" — on the next loop turn, before any reply can come back.
    // The state goes to the timer as an argument, not in a closure: with a `fire` closure and a
    // `clear` closure per message (as before), ~20% of each young generation of `attache dev`
    // survived its scavenges (whole exchanges promoted, then dead); with this change alone,
    // ~8% (bench/README.md, "Kit and proxy pass").
    this.#timerIsImmediate = timeoutMs === 0;
    this.#timer = timeoutMs === 0 ? setImmediate(fireTimer, this) : setTimeout(fireTimer, timeoutMs, this);
  }

  /** @internal The message timer fired (called by {@link fireTimer} only). */
  timerFired(): void {
    this.#timer = undefined;
    this.#opts.onTimeout();
  }

  /** Envoy `onFinishProcessorCall`: stop the timer and go to `next` (Idle). */
  finishCall(next: CallbackState = 'Idle'): void {
    this.stopTimer();
    this.callbackState = next;
    this.#newTimeoutReceived = false;
  }

  stopTimer(): void {
    const timer = this.#timer;
    if (timer === undefined) return;
    this.#timer = undefined;
    if (this.#timerIsImmediate) clearImmediate(timer as NodeJS.Immediate);
    else clearTimeout(timer as NodeJS.Timeout);
  }

  /** Envoy `restartMessageTimer`: once per pending message, only while the timer runs (§8). */
  restartTimer(timeoutMs: number): boolean {
    if (this.#timer === undefined || this.#newTimeoutReceived) return false;
    this.stopTimer();
    this.#newTimeoutReceived = true;
    this.#arm(timeoutMs);
    return true;
  }

  /** Envoy `clearAsyncState`: stop waiting, release queued and held data, continue. */
  clearAsyncState(): void {
    this.finishCall();
    if (!this.queue.empty) {
      const all = this.queue.drain();
      this.inject(all.data, all.endStream);
    }
    this.clearWatermark();
    this.continueIfNecessary();
    if (this.holding && !this.paused) this.release();
  }
}
