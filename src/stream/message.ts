/**
 * One message being run through the pipeline: what its handlers read and the changes they
 * make, which the reply builders turn into Envoy's reply. Handlers never hold it: they get the
 * phase's context object (`plugin/context/`), which calls in here.
 *
 * @module
 */

import { AttacheError, ErrorCode } from '../errors.js';
import type { HeaderMutation } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { Body } from '../http/body.js';
import type { HeaderMap } from '../http/header-map.js';
import type { HeaderBlock, MutationRules } from '../http/header-rules.js';
import type { Logger } from '../log.js';
import { describeOverride, overrideKey } from '../mode-override/declarations.js';
import type { StreamObserver } from '../observe/observer.js';
import type { BodyFlow } from '../pipeline/body-flow.js';
import type { Step } from '../pipeline/pipeline.js';
import type { Runner, RunSubject } from '../pipeline/runner.js';
import {
  BodyContextImpl,
  ChunkContextImpl,
  HeadersContextImpl,
  TrailersContextImpl,
} from '../plugin/context/phase-contexts.js';
import type { Direction, JsonValue, ModeOverride, Phase } from '../plugin/types.js';
import type { StreamState } from './stream-state.js';

/** What a message needs from its direction of the stream. */
export interface MessageOwner {
  /** Runs this direction's messages. */
  readonly runner: Runner<Message>;
  /** Envoy's mutation rules. */
  readonly rules: MutationRules;
  /** Per plugin instance, whether it runs for this exchange (`null`: all). */
  readonly runs: Uint8Array | null;
  /** Sends Envoy an `override_message_timeout` of `ms` for the pending message. */
  overrideTimeout(ms: number): void;
  /** Envoy's `max_message_timeout` (0: off). */
  readonly maxMessageTimeoutMs: number;
  /** What the stream reports to (metrics, tracing), or null. */
  readonly observer: StreamObserver | null;
}

const NOT_IN_HEADERS = 'mode_override is only possible in a headers phase';

/** Why a body message refuses header changes once Envoy forwarded the headers: made once, not per message. */
const HEADERS_FORWARDED: Readonly<Record<Direction, string>> = {
  request: forwarded('request'),
  response: forwarded('response'),
};

function forwarded(d: Direction): string {
  return `${d} headers were already forwarded by Envoy; they can change only in ${d}Headers, or in a body phase under BUFFERED/BUFFERED_PARTIAL with headers sent`;
}

/** The handler context a message hands out, per kind of handler. */
type Context = HeadersContextImpl | BodyContextImpl | ChunkContextImpl | TrailersContextImpl;

/** One message in the pipeline (see the module comment). */
export class Message implements RunSubject {
  readonly phase: Phase;
  readonly direction: Direction;
  readonly stream: StreamState;
  readonly endOfStream: boolean;
  /** The headers plugins read (this direction's, in body phases). */
  readonly headers: HeaderMap | undefined;
  readonly trailers: HeaderMap | undefined;
  readonly body: Body | undefined;
  readonly flow: BodyFlow | null;
  /** Where header changes go: `null` when Envoy no longer takes them in this message. */
  readonly target: HeaderMap | null;
  readonly block: HeaderBlock;
  /** Why header changes are impossible (when `target` is null). */
  readonly targetRefusal: string;
  /** Why `overrideMode` is refused in this message, or null when allowed. */
  readonly modeRefusal: string | null;
  readonly owner: MessageOwner;
  log: Logger;
  /** What the stream reports handler runs to (its direction's), or null. */
  readonly observer: StreamObserver | null;
  step: Step | null = null;
  sealed = false;

  // Changes, read by the reply builders.
  /** The plugin that last changed something (for errors found after the run). */
  lastMutator: Step | null = null;
  /** Replacement body of a headers phase (CONTINUE_AND_REPLACE). */
  replacement: Buffer | null = null;
  /** The plugin that set `:method` (only valid together with a replacement). */
  methodSetBy: Step | null = null;
  metadata: Record<string, Record<string, JsonValue>> | null = null;
  modeOverride: { -readonly [K in keyof ModeOverride]: ModeOverride[K] } | null = null;
  /**
   * The mutation of `target` as the post-run checks computed it, so the reply builder does not
   * compute it again: `null` when not computed, `undefined` when computed and empty. Stale once
   * the map changes again.
   */
  checkedMutation: HeaderMutation | undefined | null = null;

  #context: Context | null = null;
  /** Body phases serve whole-body and chunk handlers, which see different contexts. */
  #chunkContext: ChunkContextImpl | null = null;

  private constructor(
    owner: MessageOwner,
    stream: StreamState,
    phase: Phase,
    direction: Direction,
    endOfStream: boolean,
    headers: HeaderMap | undefined,
    trailers: HeaderMap | undefined,
    body: Body | undefined,
    flow: BodyFlow | null,
    target: HeaderMap | null,
    block: HeaderBlock,
    targetRefusal: string,
    modeRefusal: string | null,
    log: Logger,
  ) {
    this.owner = owner;
    this.stream = stream;
    this.phase = phase;
    this.direction = direction;
    this.endOfStream = endOfStream;
    this.headers = headers;
    this.trailers = trailers;
    this.body = body;
    this.flow = flow;
    this.target = target;
    this.block = block;
    this.targetRefusal = targetRefusal;
    this.modeRefusal = modeRefusal;
    this.log = log;
    this.observer = owner.observer;
  }

  /** A headers message: plugins read and change `headers`; `modeRefusal` as the stream decided. */
  static headers(
    owner: MessageOwner & { readonly direction: Direction },
    stream: StreamState,
    phase: 'requestHeaders' | 'responseHeaders',
    headers: HeaderMap,
    endOfStream: boolean,
    modeRefusal: string | null,
    log: Logger,
  ): Message {
    const direction = owner.direction;
    return new Message(
      owner,
      stream,
      phase,
      direction,
      endOfStream,
      headers,
      undefined,
      undefined,
      null,
      headers,
      direction,
      '',
      modeRefusal,
      log,
    );
  }

  /**
   * A body message (or the flush before trailers). Header changes go to the direction's headers
   * while Envoy still holds them (`held`), and are refused otherwise.
   */
  static body(
    owner: MessageOwner & { readonly direction: Direction },
    stream: StreamState,
    phase: 'requestBody' | 'responseBody',
    body: Body,
    flow: BodyFlow,
    headers: HeaderMap | null,
    held: boolean,
    log: Logger,
  ): Message {
    const d = owner.direction;
    return new Message(
      owner,
      stream,
      phase,
      d,
      body.endOfStream,
      headers ?? undefined,
      undefined,
      body,
      flow,
      held ? headers : null,
      d,
      HEADERS_FORWARDED[d],
      NOT_IN_HEADERS,
      log,
    );
  }

  /** A trailers message: plugins read and change `trailers`. */
  static trailers(
    owner: MessageOwner & { readonly direction: Direction },
    stream: StreamState,
    phase: 'requestTrailers' | 'responseTrailers',
    trailers: HeaderMap,
    log: Logger,
  ): Message {
    return new Message(
      owner,
      stream,
      phase,
      owner.direction,
      true,
      undefined,
      trailers,
      undefined,
      null,
      trailers,
      'trailers',
      '',
      NOT_IN_HEADERS,
      log,
    );
  }

  get runs(): Uint8Array | null {
    return this.owner.runs;
  }

  contextFor(step: Step): unknown {
    if (this.flow !== null && step.chunk) return (this.#chunkContext ??= new ChunkContextImpl(this));
    if (this.#context !== null) return this.#context;
    switch (this.phase) {
      case 'requestHeaders':
      case 'responseHeaders':
        this.#context = new HeadersContextImpl(this);
        break;
      case 'requestBody':
      case 'responseBody':
        this.#context = new BodyContextImpl(this);
        break;
      default:
        this.#context = new TrailersContextImpl(this);
    }
    return this.#context;
  }

  setMetadata(namespace: string, values: Readonly<Record<string, JsonValue>>): void {
    this.assertOpen();
    if (typeof namespace !== 'string' || namespace === '') {
      throw new AttacheError(
        ErrorCode.INVALID_ARGUMENT,
        'setMetadata(): namespace must be a non-empty string',
      );
    }
    Object.assign(((this.metadata ??= {})[namespace] ??= {}), values);
  }

  overrideMode(mode: ModeOverride): void {
    this.assertOpen();
    if (this.modeRefusal !== null) throw new AttacheError(ErrorCode.MODE_OVERRIDE_REFUSED, this.modeRefusal);
    const step = this.step;
    const key = overrideKey(mode);
    if (key === undefined) {
      throw new AttacheError(
        ErrorCode.INVALID_ARGUMENT,
        `overrideMode(): not a mode override: ${JSON.stringify(mode)}`,
      );
    }
    if (step === null || !step.overrides.has(key)) {
      // Undeclared overrides would be missing from the filter's allowed_override_modes, where
      // Envoy drops them without a word: refuse them here, where the plugin author sees it.
      throw new AttacheError(
        ErrorCode.MODE_OVERRIDE_REFUSED,
        `overrideMode(${describeOverride(mode)}): not among the modeOverrides that setup returned; declare every override the plugin may send`,
      );
    }
    this.modeOverride = { ...this.modeOverride, ...mode };
  }

  requestMoreTime(ms: number): void {
    this.assertOpen();
    const max = this.owner.maxMessageTimeoutMs;
    if (max <= 0) {
      throw new AttacheError(
        ErrorCode.TIMEOUT_OVERRIDE_REFUSED,
        "requestMoreTime(): Envoy ignores override_message_timeout unless the filter's max_message_timeout is set; set it, and envoy.maxMessageTimeoutMs in the attache config to the same value",
      );
    }
    if (!Number.isInteger(ms) || ms < 1 || ms > max) {
      throw new AttacheError(
        ErrorCode.INVALID_ARGUMENT,
        `requestMoreTime(): ms must be an integer in [1, ${max}], got ${ms}`,
      );
    }
    const runner = this.owner.runner;
    if (runner.extended) {
      throw new AttacheError(
        ErrorCode.TIMEOUT_OVERRIDE_REFUSED,
        'requestMoreTime(): Envoy honors one override per message',
      );
    }
    this.owner.overrideTimeout(ms);
    // Envoy restarts its timer with `ms` now; keep answering a little before it fires.
    runner.extend(ms);
  }

  holdBack(n: number): void {
    this.assertOpen();
    const body = this.body;
    if (body === undefined || this.step?.chunk !== true) {
      throw new AttacheError(ErrorCode.PHASE_UNSUPPORTED, 'holdBack() is only available to chunk handlers');
    }
    if (!Number.isInteger(n) || n < 0 || n > body.length) {
      throw new AttacheError(
        ErrorCode.INVALID_ARGUMENT,
        `holdBack(): n must be an integer in [0, ${body.length}], got ${n}`,
      );
    }
    if (n > 0 && body.last) {
      throw new AttacheError(
        ErrorCode.PHASE_UNSUPPORTED,
        'holdBack(): this is the last chunk of the body; nothing follows to carry the bytes over to',
      );
    }
    body.hold = n;
  }

  /** Throws if the message was already answered (a late change from a timed-out handler). */
  assertOpen(): void {
    if (this.sealed) {
      throw new AttacheError(
        ErrorCode.PHASE_CLOSED,
        `${this.phase} was already answered; changes made after a handler returned (or timed out) are lost`,
      );
    }
  }
}
