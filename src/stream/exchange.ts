/**
 * What one `Process` stream knows about its exchange besides what plugins see: the body modes in
 * force, whether Envoy still takes replies, which plugins run. Shared by the state machine
 * (`processor-stream.ts`) and the reply builders (`replies/`).
 *
 * It extends the state plugins see (`stream-state.ts`) rather than holding it: both live exactly
 * as long as the stream, so one object serves both (one allocation less per stream), and
 * plugins still reach only the {@link StreamState} members through their own view.
 *
 * @module
 */
import { ProcessingMode_BodySendMode as BodySendMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type { ProcessingResponse } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { Logger } from '../log.js';
import type { StreamObserver } from '../observe/observer.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Direction } from '../plugin/types.js';
import type { StreamSink } from '../transport/types.js';
import { StreamState } from './stream-state.js';

/** Body mode not announced by Envoy (no `protocol_config`: Envoy before 1.34). */
export const UNKNOWN_MODE = -2;

/** Why `overrideMode` is refused when the filter does not allow overrides. */
const NOT_ALLOWED =
  'overrideMode(): the Envoy filter does not allow mode overrides (envoy.allowModeOverride is false), so Envoy would ignore it; set allow_mode_override on the filter and envoy.allowModeOverride in the attache config';

/** The exchange of one stream (see the module comment); as a {@link StreamState}, what plugins see. */
export class Exchange extends StreamState {
  readonly pipeline: Pipeline;
  readonly sink: StreamSink;
  readonly log: Logger;
  /** What this stream reports to (metrics, tracing), or null. */
  readonly observer: StreamObserver | null;
  requestBodyMode: number = UNKNOWN_MODE;
  responseBodyMode: number = UNKNOWN_MODE;
  /** Why `overrideMode` is refused in headers phases, or null when Envoy would apply it. */
  modeRefusal: string | null;
  /**
   * Per plugin instance, whether it runs in the response phases of this exchange (its `match`,
   * narrowed at the response headers by `responseContentType`); `null` until decided, and always
   * when no plugin has a `match`.
   */
  runs: Uint8Array | null = null;
  /**
   * Per plugin instance, whether it runs in the request phases: its request conditions only. A
   * response condition, decided when the request body may still be streaming, never stops a
   * plugin in the middle of the request body it holds bytes of. Same as {@link runs} until the
   * response headers narrow that.
   */
  requestRuns: Uint8Array | null = null;
  /**
   * Set at the first message when attache may not see where a streamed body ends (body-end.ts):
   * `closed` answers the failure, `open` passes every message through unprocessed.
   */
  refused: 'closed' | 'open' | null = null;
  /** An immediate response went out: Envoy stops processing; later messages are ignored. */
  stopped = false;
  ended = false;

  constructor(
    pipeline: Pipeline,
    sink: StreamSink,
    log: Logger,
    metadata: ReadonlyMap<string, string>,
    observer: StreamObserver | null,
  ) {
    super(metadata);
    this.pipeline = pipeline;
    this.observer = observer;
    this.sink = sink;
    this.log = log;
    this.modeRefusal = pipeline.allowModeOverride ? null : NOT_ALLOWED;
  }

  /** The body mode in force for `direction` ({@link UNKNOWN_MODE} when never announced). */
  bodyMode(direction: Direction): number {
    return direction === 'request' ? this.requestBodyMode : this.responseBodyMode;
  }

  /** Whether Envoy streams this direction's body (chunks, not one buffered message). */
  streamed(direction: Direction): boolean {
    const mode = this.bodyMode(direction);
    // Observability mode sends STREAMED bodies without announcing a mode (§10).
    return this.observability || mode === BodySendMode.STREAMED || mode === BodySendMode.FULL_DUPLEX_STREAMED;
  }

  /** Sends a reply, unless in observability mode, where Envoy ignores replies (§10). */
  send(reply: ProcessingResponse): void {
    if (this.observability) return;
    this.observer?.sent(reply);
    this.sink.send(reply);
  }

  /** Sends a reply even in observability mode (streamed local responses: local-response.ts). */
  sendRaw(reply: ProcessingResponse): boolean {
    this.observer?.sent(reply);
    return this.sink.send(reply);
  }

  /**
   * Sends `override_message_timeout` on its own: Envoy consumes a message carrying it entirely,
   * so it must never ride along with a real reply (§8, §16).
   */
  overrideTimeout(direction: Direction, ms: number): void {
    if (this.ended || this.stopped || this.observability) return;
    // FULL_DUPLEX_STREAMED runs no message timer, so Envoy would ignore the override (§4.8).
    if (this.bodyMode(direction) === BodySendMode.FULL_DUPLEX_STREAMED) return;
    this.sendRaw({
      overrideMessageTimeout: { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 },
    });
  }
}

/** Whether Envoy keeps the headers until the body reply in this body mode (§4.4, §4.5). */
export function holdsHeaders(mode: number): boolean {
  return mode === BodySendMode.BUFFERED || mode === BodySendMode.BUFFERED_PARTIAL || mode === UNKNOWN_MODE;
}
