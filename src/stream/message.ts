/**
 * One message being run through the pipeline: the context plugins see, the changes they make,
 * and the sync-first runner that calls each handler in order.
 *
 * @module
 */
import { AttacheError, ErrorCode, toError } from '../errors.js';
import type { Body } from '../http/body.js';
import type { HeaderMap } from '../http/header-map.js';
import type { HeaderBlock } from '../http/header-rules.js';
import type { Logger } from '../log.js';
import { describeOverride, overrideKey } from '../pipeline/mode-overrides.js';
import type { Step } from '../pipeline/pipeline.js';
import { type ImmediateResponse, isImmediateResponse } from '../plugin/respond.js';
import type { Direction, JsonValue, ModeOverride, Phase } from '../plugin/types.js';
import type { BodyFlow } from './body-flow.js';
import { MessageMutations } from './mutations.js';
import type { StreamContextImpl } from './stream-context.js';

/** How running the pipeline over a message ended. */
export const Outcome = { Continue: 0, Respond: 1, Failed: 2 } as const;
/** One of the {@link Outcome} values. */
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** Where the header changes of this message go, or why there are none. */
export interface HeaderTarget {
  readonly map: HeaderMap | null;
  readonly block: HeaderBlock;
  /** Why header changes are impossible in this message (when `map` is null). */
  readonly refusal: string;
}

/** Receives the message when the pipeline is done with it. */
export interface MessageOwner {
  complete(message: Message): void;
  /** Sends Envoy an `override_message_timeout` of `ms` for the pending message. */
  overrideTimeout(ms: number): void;
  /** Envoy's `max_message_timeout` (0: off). */
  readonly maxMessageTimeoutMs: number;
}

// Attache answers this long before Envoy's timer fires (Envoy's 200 ms default vs the 180 ms budget).
const MARGIN_MS = 20;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

/**
 * The context object handed to handlers (it implements the headers, body and trailers contexts;
 * the public types expose only what fits the phase) and the state of the run.
 */
export class Message {
  readonly phase: Phase;
  readonly direction: Direction;
  readonly stream: StreamContextImpl;
  readonly endOfStream: boolean;
  readonly headers: HeaderMap | undefined;
  readonly trailers: HeaderMap | undefined;
  readonly body: Body | undefined;
  /** The body chain this message runs through (body phases only). */
  readonly flow: BodyFlow | null;
  readonly target: HeaderTarget;
  readonly mutate: MessageMutations;
  /** Caller-owned tag (the stream keeps its direction state here). */
  readonly owner: MessageOwner;
  log: Logger;

  // Results, read by the reply builder.
  outcome: Outcome = Outcome.Continue;
  immediate: ImmediateResponse | null = null;
  failedStep: Step | null = null;
  error: Error | null = null;
  /** The handler that produced the outcome or last changed something (for error attribution). */
  currentStep: Step | null = null;
  lastMutator: Step | null = null;
  /** Replacement body of a headers phase (CONTINUE_AND_REPLACE). */
  replacement: Buffer | null = null;
  /** The plugin that set `:method` (only valid together with a replacement). */
  methodSetBy: Step | null = null;
  metadata: Record<string, Record<string, JsonValue>> | null = null;
  modeOverride: { -readonly [K in keyof ModeOverride]: ModeOverride[K] } | null = null;
  sealed = false;

  /** Why `overrideMode` is refused in this message, or null when allowed. */
  readonly #modeRefusal: string | null;
  #steps: readonly Step[] = [];
  #index = 0;
  #budgetMs = 0;
  #startedAt = 0;
  /** The step that asked for more time: its own budget no longer applies. */
  #extendedStep: Step | null = null;
  /** The step being awaited, so `requestMoreTime` can re-arm its timer. */
  #awaiting: Step | null = null;
  #timer: NodeJS.Timeout | undefined = undefined;
  #epoch = 0;

  constructor(
    owner: MessageOwner,
    stream: StreamContextImpl,
    phase: Phase,
    direction: Direction,
    parts: {
      headers?: HeaderMap;
      trailers?: HeaderMap;
      body?: Body;
      flow?: BodyFlow;
      endOfStream: boolean;
      target: HeaderTarget;
      /** Why `overrideMode` is refused in this message, or null when allowed. */
      modeRefusal: string | null;
    },
    log: Logger,
  ) {
    this.owner = owner;
    this.stream = stream;
    this.phase = phase;
    this.direction = direction;
    this.headers = parts.headers;
    this.trailers = parts.trailers;
    this.body = parts.body;
    this.flow = parts.flow ?? null;
    this.endOfStream = parts.endOfStream;
    this.target = parts.target;
    this.#modeRefusal = parts.modeRefusal;
    this.mutate = new MessageMutations(this);
    this.log = log;
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
    if (this.#modeRefusal !== null)
      throw new AttacheError(ErrorCode.MODE_OVERRIDE_REFUSED, this.#modeRefusal);
    const step = this.currentStep;
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
    if (this.#extendedStep !== null) {
      throw new AttacheError(
        ErrorCode.TIMEOUT_OVERRIDE_REFUSED,
        'requestMoreTime(): Envoy honors one override per message',
      );
    }
    this.owner.overrideTimeout(ms);
    // Envoy restarts its timer with `ms` now; keep answering a little before it fires.
    this.#budgetMs = performance.now() - this.#startedAt + Math.max(1, ms - MARGIN_MS);
    this.#extendedStep = this.currentStep;
    if (this.#awaiting !== null && this.#awaiting === this.#extendedStep)
      this.#arm(this.#awaiting, this.#epoch);
  }

  /** The chunk, for chunk handlers (the same holder whole-body handlers see as `body`). */
  get chunk(): Body | undefined {
    return this.body;
  }

  holdBack(n: number): void {
    this.assertOpen();
    const body = this.body;
    if (body === undefined || this.currentStep?.chunk !== true) {
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

  /**
   * Runs `steps` in order within `budgetMs` for the whole message; calls `owner.complete(this)`
   * exactly once when done.
   */
  run(steps: readonly Step[], budgetMs: number): void {
    this.#steps = steps;
    this.#index = 0;
    this.#budgetMs = budgetMs;
    this.#startedAt = performance.now();
    this.#next();
  }

  /** Stops the run without completing (the stream ended); late results are discarded. */
  abandon(): void {
    this.sealed = true;
    this.#epoch++;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }

  #next(): void {
    const steps = this.#steps;
    const flow = this.flow;
    while (this.#index < steps.length) {
      const index = this.#index++;
      const step = steps[index] as Step;
      this.currentStep = step;
      this.log = step.log;
      let result: unknown;
      const runs = this.stream.runs;
      // A plugin whose `match` does not hold for this exchange is skipped, in every phase.
      if (runs !== null && runs[step.plugin] === 0) continue;
      try {
        if (flow !== null && !flow.enter(this.body as Body, index, step)) continue;
        result = (step.fn as (ctx: Message) => unknown)(this);
      } catch (error) {
        this.#fail(step, toError(error));
        return;
      }
      if (result !== undefined) {
        if (isThenable(result)) {
          this.#await(step, result);
          return;
        }
        if (!this.#accept(step, result)) return;
      }
      if (flow !== null && !this.#leave(index, step)) return;
    }
    this.#finish();
  }

  /** Ends a body step (its `holdBack`); returns false when that failed the step. */
  #leave(index: number, step: Step): boolean {
    try {
      (this.flow as BodyFlow).leave(this.body as Body, index, step);
      return true;
    } catch (error) {
      this.#fail(step, toError(error));
      return false;
    }
  }

  /** Handles a settled result; returns true when the chain should go on. */
  #accept(step: Step, result: unknown): boolean {
    if (result === undefined) return true;
    if (isImmediateResponse(result)) {
      this.outcome = Outcome.Respond;
      this.immediate = result;
      this.#finish();
      return false;
    }
    this.#fail(
      step,
      new AttacheError(
        ErrorCode.HANDLER_RESULT,
        `${this.phase} handler returned ${typeof result}; return undefined to continue or respond(...) to stop`,
      ),
    );
    return false;
  }

  #await(step: Step, pending: PromiseLike<unknown>): void {
    const epoch = ++this.#epoch;
    this.#awaiting = step;
    this.#arm(step, epoch);
    pending.then(
      (value) => {
        if (epoch !== this.#epoch || this.sealed) return;
        clearTimeout(this.#timer);
        this.#awaiting = null;
        if (this.#accept(step, value) && (this.flow === null || this.#leave(this.#index - 1, step))) {
          this.#next();
        }
      },
      (error: unknown) => {
        if (epoch !== this.#epoch || this.sealed) return;
        clearTimeout(this.#timer);
        this.#awaiting = null;
        this.#fail(step, toError(error));
      },
    );
  }

  /** (Re)starts the timer of the awaited `step` (`epoch` is the await it belongs to). */
  #arm(step: Step, epoch: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const left = Math.max(0, Math.floor(this.#budgetMs - (performance.now() - this.#startedAt)));
    const limit = step === this.#extendedStep ? left : Math.min(step.timeoutMs, left);
    const reason =
      limit < step.timeoutMs || step === this.#extendedStep
        ? `the ${this.phase} message ran out of its ${Math.round(this.#budgetMs)} ms budget (this handler had ${limit} ms left)`
        : `${this.phase} handler did not settle within ${step.timeoutMs} ms`;
    this.#timer = setTimeout(() => {
      if (epoch !== this.#epoch || this.sealed) return;
      this.#fail(step, new AttacheError(ErrorCode.HANDLER_TIMEOUT, reason));
    }, limit);
  }

  /** Records a failure of `step` (also used by the reply builder for post-run checks). */
  fail(step: Step, error: Error): void {
    this.outcome = Outcome.Failed;
    this.failedStep = step;
    this.error = error;
  }

  #fail(step: Step, error: Error): void {
    this.fail(step, error);
    this.#finish();
  }

  #finish(): void {
    this.sealed = true;
    this.#epoch++;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.owner.complete(this);
  }
}
