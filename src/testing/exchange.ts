/**
 * {@link runExchange}: one HTTP exchange through the simulated Envoy ext_proc filter.
 *
 * The exchange plays the parts of Envoy around the filter: the downstream client feeding request
 * frames, the router/upstream answering once the request fully arrived, the filter manager's
 * local replies (doc §5.4, §19.5), and the downstream client receiving the response.
 *
 * Local replies follow Envoy's filter manager:
 * 1. no response has started → the reply goes through the encoder filters (so a filter-manager
 *    413 is seen by ext_proc, §19.5, while ext_proc's own replies pass it unprocessed);
 * 2. a response is being encoded but no header reached downstream → sent directly downstream;
 * 3. headers already reached downstream → the downstream stream is reset.
 *
 * The server's streamed local response (StreamedImmediateResponse, §5.5) goes straight
 * downstream frame by frame; the request keeps feeding the filter (FULL_DUPLEX still sends it
 * to the server) but never reaches upstream.
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import type { ProcessStreamTarget } from '../transport/types.js';
import type { AttributeContext } from './attributes.js';
import { type ExtProcChannel, isExtProcChannel } from './channel.js';
import { inProcessChannel } from './channel-in-process.js';
import { type NormalizedConfig, normalizeConfig } from './config.js';
import { ExchangeTimeoutError } from './errors.js';
import type { DirectionSink, DirectionState } from './filter/direction-state.js';
import { ExtProcFilter, type FilterHost } from './filter/filter.js';
import { Recorder } from './filter/recorder.js';
import { HeaderList } from './header-list.js';
import type { HeaderMap } from './header-map.js';
import { type MessageFrames, requestFrames, responseFrames } from './http-messages.js';
import { lazyField } from './lazy-field.js';
import { type LocalReplySpec, prepareLocalReply } from './local-reply.js';
import { applyPerRoute } from './per-route.js';
import type { Direction, ExchangeResult } from './result.js';
import type { ExchangeSpec, Pacing, ReceivedRequest, UpstreamResponseSpec } from './spec.js';

interface UpstreamRecord {
  headers: HeaderList;
  chunks: Buffer[];
  trailers?: HeaderList;
  complete: boolean;
}

interface DownstreamRecord {
  headers?: HeaderList;
  chunks: Buffer[];
  trailers?: HeaderList;
  reset: boolean;
  localReply: boolean;
  streamedLocalReply: boolean;
  details: string;
  complete: boolean;
}

/**
 * Feeds one message's frames into the filter. `eager`: as fast as the filter takes them (only
 * Envoy's watermark stops the source); `on-idle`: one frame whenever the direction waits for
 * no reply.
 */
class FrameFeeder {
  readonly #frames: Array<() => void> = [];
  readonly #pacing: Pacing;
  readonly #state: () => DirectionState;
  readonly #isStopped: () => boolean;
  #scheduled = false;

  constructor(pacing: Pacing, state: () => DirectionState, isStopped: () => boolean) {
    this.#pacing = pacing;
    this.#state = state;
    this.#isStopped = isStopped;
  }

  #canDeliver(): boolean {
    if (this.#isStopped() || this.#frames.length === 0) return false;
    const state = this.#state();
    return this.#pacing === 'eager' ? !state.watermark : state.readyForNextFrame();
  }

  /** Delivers the headers now, then the rest per pacing. */
  start(first: () => void, rest: Array<() => void>): void {
    this.#frames.push(...rest);
    first();
    if (this.#pacing === 'eager') {
      while (this.#canDeliver()) this.#frames.shift()?.();
    }
    this.poke();
  }

  /** Re-checks (asynchronously) whether more frames may be delivered. */
  poke(): void {
    if (this.#scheduled || this.#frames.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      let delivered = false;
      while (this.#canDeliver()) {
        this.#frames.shift()?.();
        delivered = true;
        if (this.#pacing === 'on-idle') break;
      }
      if (delivered) this.poke();
    });
  }
}

/** The body of a message without body bytes (shared: zero bytes are nothing to change). */
const NO_BYTES = Buffer.alloc(0);

function concat(chunks: Buffer[]): Buffer {
  return chunks.length === 0 ? NO_BYTES : Buffer.concat(chunks);
}

// What the exchange hands its timers and immediates, with itself as the argument: no closure
// per exchange reaches the timer lists (see DirectionState's message timer).
function safetyTimeout(exchange: Exchange): void {
  exchange.timedOut();
}

function callUpstream(exchange: Exchange, received: ReceivedRequest): void {
  void exchange.askUpstream(received);
}

function finishExchange(exchange: Exchange): void {
  exchange.finish();
}

class Exchange implements FilterHost {
  readonly #config: NormalizedConfig;
  readonly #spec: ExchangeSpec;
  readonly #recorder = new Recorder();
  readonly #filter: ExtProcFilter;
  readonly dynamicMetadata: Record<string, Record<string, unknown>>;
  readonly connectionMetadata: Record<string, Record<string, unknown>>;
  /** When the exchange started (ms since the epoch); a Date only when an attribute needs one. */
  readonly #startMs = Date.now();
  readonly #request: MessageFrames;
  #requestBytes = 0;
  #responseBytes = 0;
  #upstreamStartedAt = 0;

  #upstream: UpstreamRecord | null = null;
  readonly #downstream: DownstreamRecord = {
    chunks: [],
    reset: false,
    localReply: false,
    streamedLocalReply: false,
    details: 'via_upstream',
    complete: false,
  };
  #requestAborted = false;
  #responseAborted = false;
  #encodeStarted = false;
  #upstreamInvoked = false;
  #finished = false;
  #requestFeeder: FrameFeeder;
  #responseFeeder: FrameFeeder | null = null;
  #resolve!: (r: ExchangeResult) => void;
  #reject!: (e: unknown) => void;
  #safetyTimer: NodeJS.Timeout | undefined;

  constructor(config: NormalizedConfig, channel: ExtProcChannel, spec: ExchangeSpec) {
    this.#config = config;
    this.#spec = spec;
    // Copies, so the exchange never changes the caller's objects; no clone of nothing (hot in
    // the development proxy, which passes none).
    this.dynamicMetadata = spec.dynamicMetadata === undefined ? {} : structuredClone(spec.dynamicMetadata);
    this.connectionMetadata =
      spec.connectionMetadata === undefined ? {} : structuredClone(spec.connectionMetadata);
    this.#request = requestFrames(spec.request ?? {}, config.hcmHeaders);
    this.#filter = new ExtProcFilter(config, channel, this, this.#recorder);
    this.#requestFeeder = new FrameFeeder(
      spec.request?.pacing ?? 'eager',
      () => this.#filter.decoding,
      () => this.#requestAborted || this.#finished,
    );
  }

  run(): Promise<ExchangeResult> {
    return new Promise<ExchangeResult>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
      // The exchange goes to the timer as an argument, not in a closure (see DirectionState's
      // message timer: closures handed to timers kept whole exchanges alive through scavenges).
      this.#safetyTimer = setTimeout(safetyTimeout, this.#spec.timeoutMs ?? 30_000, this);
      this.#guard(() => this.#feed('request', this.#request, this.#requestFeeder));
    });
  }

  /** @internal The safety timeout elapsed (called by {@link safetyTimeout} only). */
  timedOut(): void {
    const timeoutMs = this.#spec.timeoutMs ?? 30_000;
    this.#fail(new ExchangeTimeoutError(`runExchange: the exchange did not finish within ${timeoutMs} ms`));
  }

  // ---- FilterHost ------------------------------------------------------------------------------

  readonly requestSink: DirectionSink = {
    headers: (headers, endStream) => {
      if (this.#requestAborted) return;
      this.#upstream = { headers: HeaderList.fromMap(headers), chunks: [], complete: false };
      if (endStream) this.#requestComplete();
      else if (this.#spec.upstreamTiming === 'after-request-headers') this.#invokeUpstream();
    },
    data: (chunk, endStream) => {
      if (this.#requestAborted || this.#upstream === null) return;
      if (chunk.length > 0) this.#upstream.chunks.push(Buffer.from(chunk));
      if (endStream) this.#requestComplete();
    },
    trailers: (trailers) => {
      if (this.#requestAborted || this.#upstream === null) return;
      this.#upstream.trailers = HeaderList.fromMap(trailers);
      this.#requestComplete();
    },
  };

  readonly responseSink: DirectionSink = {
    headers: (headers, endStream) => {
      if (this.#responseAborted || this.#downstream.complete) return;
      this.#downstream.headers = HeaderList.fromMap(headers);
      if (endStream) this.#downstreamComplete();
    },
    data: (chunk, endStream) => {
      if (this.#responseAborted || this.#downstream.complete) return;
      if (chunk.length > 0) this.#downstream.chunks.push(Buffer.from(chunk));
      if (endStream) this.#downstreamComplete();
    },
    trailers: (trailers) => {
      if (this.#responseAborted || this.#downstream.complete) return;
      this.#downstream.trailers = HeaderList.fromMap(trailers);
      this.#downstreamComplete();
    },
  };

  sendLocalReply(reply: LocalReplySpec): void {
    this.#localReply(reply);
  }

  startStreamedLocalReply(): DirectionSink {
    // ext_proc's own response goes straight downstream: ext_proc never processes its own local
    // replies (§4.9), and the upstream is never asked. A failure from now on can only reset the
    // stream (#localReply case 3). The request is not aborted: FULL_DUPLEX keeps sending its body
    // to the server (§5.5); the filter drops it instead of releasing it upstream.
    this.#encodeStarted = true;
    this.#downstream.localReply = true;
    this.#downstream.streamedLocalReply = true;
    this.#downstream.details = '';
    return this.responseSink;
  }

  bufferOverflow(direction: Direction): void {
    // Envoy's filter manager (requestDataTooLarge / responseDataTooLarge, doc §4.4, §11).
    if (direction === 'request') {
      this.#localReply({
        status: 413,
        body: Buffer.from('Payload Too Large'),
        details: 'request_payload_too_large',
      });
    } else {
      this.#localReply({
        status: 500,
        body: Buffer.from('Internal Server Error'),
        details: 'response_payload_too_large',
      });
    }
  }

  abort(error: unknown): void {
    this.#fail(error);
  }

  attributeContext(direction: Direction, directionHeaders: HeaderMap | null): AttributeContext {
    const conn = this.#spec.connection ?? {};
    return {
      requestHeaders: this.#request.headers,
      requestBodyBytes: this.#requestBytes,
      protocol: this.#spec.request?.protocol ?? 'HTTP/1.1',
      startTime: new Date(this.#startMs),
      // Envoy evaluates response attributes against the headers the encoding state holds.
      responseHeaders: direction === 'response' ? (directionHeaders ?? undefined) : undefined,
      responseTrailers: undefined,
      responseBodyBytes: this.#responseBytes,
      responseCodeDetails: this.#downstream.details,
      source: { address: conn.sourceAddress ?? '127.0.0.1', port: conn.sourcePort ?? 54321 },
      destination: { address: conn.destinationAddress ?? '127.0.0.1', port: conn.destinationPort ?? 10000 },
      mtls: conn.mtls ?? false,
    };
  }

  onActivity(): void {
    this.#requestFeeder.poke();
    this.#responseFeeder?.poke();
  }

  // ---- flow --------------------------------------------------------------------------------------

  /** Runs `fn`, turning a thrown error (a kit bug or a failing upstream) into a rejection. */
  #guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.#fail(err);
    }
  }

  #feed(direction: Direction, frames: MessageFrames, feeder: FrameFeeder): void {
    const filter = this.#filter;
    const count = (n: number): void => {
      if (direction === 'request') this.#requestBytes += n;
      else this.#responseBytes += n;
    };
    const rest: Array<() => void> = frames.data.map((chunk, i) => () => {
      count(chunk.length);
      const last = i === frames.data.length - 1 && frames.trailers === null;
      this.#guard(() => filter.onData(direction, chunk, last));
    });
    const trailers = frames.trailers;
    if (trailers !== null) rest.push(() => this.#guard(() => filter.onTrailers(direction, trailers)));
    feeder.start(() => filter.onHeaders(direction, frames.headers, frames.headersEnd), rest);
  }

  #requestComplete(): void {
    if (this.#upstream === null) return;
    this.#upstream.complete = true;
    this.#invokeUpstream();
  }

  /** Asks the upstream for its response (once), with the request as received so far. */
  #invokeUpstream(): void {
    const upstream = this.#upstream;
    if (upstream === null || this.#upstreamInvoked) return;
    this.#upstreamInvoked = true;
    this.#upstreamStartedAt = performance.now();
    // The chunks as they are now (more may follow with upstreamTiming 'after-request-headers').
    const chunks = upstream.chunks.slice();
    const received = { headers: upstream.headers, body: concat(chunks) } as ReceivedRequest;
    // Copies made on first read; without a chunk there is nothing to defer.
    if (chunks.length === 0) received.bodyChunks = [];
    else lazyField(received, 'bodyChunks', () => chunks.map((c) => Buffer.from(c)));
    received.trailers = upstream.trailers;
    // The upstream answers no earlier than the next event-loop turn (it is across a network),
    // so server events that arrived together with the last reply are handled first.
    setImmediate(callUpstream, this, received);
  }

  /** @internal Asks the upstream (called by {@link callUpstream} only, a turn after the request completed). */
  async askUpstream(received: ReceivedRequest): Promise<void> {
    try {
      const source = this.#spec.upstream;
      const response: UpstreamResponseSpec =
        typeof source === 'function' ? await source(received) : await Promise.resolve(source ?? {});
      // A local reply may have taken over meanwhile (e.g. a spurious reply after the request).
      if (this.#encodeStarted || this.#finished) return;
      this.#startResponse(response);
    } catch (err) {
      this.#fail(err);
    }
  }

  #startResponse(spec: UpstreamResponseSpec): void {
    this.#encodeStarted = true;
    const serviceTime = Math.round(performance.now() - this.#upstreamStartedAt);
    const frames = responseFrames(spec, this.#config.hcmHeaders, serviceTime);
    this.#responseFeeder = new FrameFeeder(
      spec.pacing ?? 'eager',
      () => this.#filter.encoding,
      () => this.#responseAborted || this.#finished || this.#downstream.complete,
    );
    this.#guard(() => this.#feed('response', frames, this.#responseFeeder as FrameFeeder));
  }

  #localReply(reply: LocalReplySpec): void {
    if (this.#finished || this.#downstream.complete) return;
    this.#downstream.details = reply.details;
    // The decoder filter chain stops; an upstream request in flight is reset.
    this.#requestAborted = true;
    this.#filter.decoding.aborted = true;
    if (!this.#encodeStarted) {
      // 1. Through the encoder filters (ext_proc sees it unless its processing is complete).
      this.#encodeStarted = true;
      this.#downstream.localReply = true;
      const prepared = prepareLocalReply(reply, this.#request.headers);
      const frames: MessageFrames = {
        headers: prepared.headers,
        headersEnd: prepared.body.length === 0,
        data: prepared.body.length === 0 ? [] : [prepared.body],
        trailers: null,
      };
      this.#responseFeeder = new FrameFeeder(
        'eager',
        () => this.#filter.encoding,
        () => this.#responseAborted || this.#finished || this.#downstream.complete,
      );
      this.#guard(() => this.#feed('response', frames, this.#responseFeeder as FrameFeeder));
      return;
    }
    this.#responseAborted = true;
    this.#filter.encoding.aborted = true;
    if (this.#downstream.headers === undefined) {
      // 2. Straight to the downstream client.
      this.#downstream.localReply = true;
      const prepared = prepareLocalReply(reply, this.#request.headers);
      this.#downstream.headers = HeaderList.fromMap(prepared.headers);
      this.#downstream.chunks = prepared.body.length === 0 ? [] : [prepared.body];
      this.#downstreamComplete();
      return;
    }
    // 3. The response already started: reset the stream.
    this.#downstream.reset = true;
    this.#downstreamComplete();
  }

  #downstreamComplete(): void {
    if (this.#downstream.complete) return;
    this.#downstream.complete = true;
    // Envoy destroys the filter after the current event (deferred deletion).
    setImmediate(finishExchange, this);
  }

  /** @internal Ends the exchange (called by {@link finishExchange} only). */
  finish(): void {
    void this.#finish();
  }

  async #finish(): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    try {
      await this.#filter.destroy();
    } catch (err) {
      this.#settleError(err);
      return;
    }
    clearTimeout(this.#safetyTimer);
    this.#resolve(this.#result());
  }

  #fail(err: unknown): void {
    if (this.#finished) return;
    this.#finished = true;
    void this.#filter.destroy(true).finally(() => this.#settleError(err));
  }

  #settleError(err: unknown): void {
    clearTimeout(this.#safetyTimer);
    this.#reject(err);
  }

  /**
   * The result. Copies a caller often never reads (the development proxy reads status, headers,
   * body, trailers and violations) are made on first read, from what they would have been made
   * from here: the copies of the chunks and the upstream body. Where there is nothing to copy
   * (no chunk), the field is plain: a lazy field costs more than an empty list.
   */
  #result(): ExchangeResult {
    const d = this.#downstream;
    const headers = d.headers ?? new HeaderList();
    const status = Number(headers.get(':status') ?? 0);
    const transcript = this.#recorder.transcript;
    const chunks = d.chunks;
    const downstream = {
      status: Number.isFinite(status) ? status : 0,
      headers,
      body: concat(chunks),
    } as ExchangeResult['downstream'];
    if (chunks.length === 0) downstream.bodyChunks = [];
    else lazyField(downstream, 'bodyChunks', () => chunks.map((c) => Buffer.from(c)));
    downstream.trailers = d.trailers;
    downstream.reset = d.reset;
    downstream.localReply = d.localReply;
    downstream.streamedLocalReply = d.streamedLocalReply;
    downstream.details = d.details;
    let upstream: ExchangeResult['upstream'] = null;
    if (this.#upstream !== null) {
      const up = this.#upstream;
      // A copy of the list: the caller may change `bodyChunks`, not the body read later.
      const upChunks = up.chunks.slice();
      upstream = { headers: up.headers } as NonNullable<ExchangeResult['upstream']>;
      if (upChunks.length === 0) upstream.body = NO_BYTES;
      else lazyField(upstream, 'body', () => concat(upChunks));
      upstream.bodyChunks = up.chunks;
      upstream.trailers = up.trailers;
      upstream.complete = up.complete;
    }
    // The messages of the transcript as it is now, in two lists (a few entries: cheaper made
    // now than deferred).
    const sent: ExchangeResult['sent'] = [];
    const received: ExchangeResult['received'] = [];
    for (const e of transcript) {
      if (e.type === 'sent') sent.push(e.message);
      else if (e.type === 'received') received.push(e.message);
    }
    const result = {
      downstream,
      upstream,
      dynamicMetadata: this.dynamicMetadata,
      routeCacheClears: this.#filter.routeCacheClears,
      violations: this.#recorder.violations,
      transcript,
      sent,
      received,
    } as ExchangeResult;
    result.stats = this.#recorder.stats;
    result.stream = this.#filter.streamOutcome;
    return result;
  }
}

/**
 * Drives one HTTP exchange through a simulated Envoy HTTP ext_proc filter (Envoy 1.37+
 * semantics) connected to `target`, and reports what every party saw.
 *
 * `target` is a {@link ProcessStreamTarget} (wrapped with {@link inProcessChannel}) or any
 * {@link ExtProcChannel} (e.g. {@link grpcChannel}): the filter's `grpc_service`. A per-route
 * `grpcService` override (`spec.perRoute`, doc §12) sends the stream to its own target instead.
 * The promise rejects with `UnsupportedFeatureError` for behaviour the kit does not simulate
 * (e.g. mode_override into FULL_DUPLEX_STREAMED), `InvalidConfigError` for configs Envoy would
 * reject, or when `spec.timeoutMs` elapses.
 *
 * @example
 * ```ts
 * import { runExchange } from 'attache-extproc/testing';
 *
 * const res = await runExchange(processor, {
 *   envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
 *   request: { method: 'POST', path: '/echo', body: 'hello' },
 *   upstream: (req) => ({ status: 200, body: req.body }),
 * });
 * expect(res.downstream.status).toBe(200);
 * expect(res.violations).toEqual([]);
 * ```
 */
export async function runExchange(
  target: ProcessStreamTarget | ExtProcChannel,
  spec: ExchangeSpec = {},
): Promise<ExchangeResult> {
  const route = applyPerRoute(normalizeConfig(spec.envoy), spec.perRoute);
  const service = route.target ?? target;
  const channel = isExtProcChannel(service) ? service : inProcessChannel(service);
  return new Exchange(route.config, channel, spec).run();
}

/**
 * {@link runExchange} with a configuration normalised once by the caller, for a caller that runs
 * many exchanges with one configuration (the development proxy: nothing is re-validated per
 * request). `spec.envoy` and `spec.perRoute` are not read. Internal: not exported from the kit.
 */
export function runPreparedExchange(
  config: NormalizedConfig,
  channel: ExtProcChannel,
  spec: ExchangeSpec,
): Promise<ExchangeResult> {
  return new Exchange(config, channel, spec).run();
}
