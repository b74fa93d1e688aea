/**
 * The handler runner: calls the steps of one phase in order on one message, sync-first (a
 * handler that returns a plain value is never awaited), each within its own time budget and the
 * message's, and reports how the message ended exactly once.
 *
 * @module
 */

import { AttacheError, ErrorCode, toError } from '../errors.js';
import type { Body } from '../http/body.js';
import type { Logger } from '../log.js';
import { limitedLog } from '../log-limit.js';
import { failureKind, type HandlerOutcome, type StreamObserver } from '../observe/observer.js';
import { type ImmediateResponse, isImmediateResponse } from '../plugin/respond.js';
import type { Phase } from '../plugin/types.js';
import type { BodyFlow } from './body-flow.js';
import type { Step } from './pipeline.js';

/**
 * Reports a handler that ran synchronously past its time budget. Its timer could not fire
 * meanwhile (one event loop), so every other stream of the process waited as long, and Envoy's
 * own message timer may already have given up on this one. Its result stands (it did finish);
 * the line names the plugin and phase, so the blocking code can be found. Rate-limited per plugin.
 */
function reportBlocked(message: { phase: string }, step: Step, heldMs: number): void {
  limitedLog(
    step.log,
    'warn',
    'EVENT_LOOP_BLOCKED',
    { phase: message.phase, heldMs: Math.round(heldMs), budgetMs: step.timeoutMs },
    'plugin handler blocked the event loop past its time budget (every stream of the process waited); move the work off the main thread or make it asynchronous',
  );
}

/** How running the pipeline over a message ended. */
export type Ending =
  | { readonly kind: 'continue' }
  | { readonly kind: 'respond'; readonly response: ImmediateResponse; readonly step: Step }
  | { readonly kind: 'failed'; readonly step: Step; readonly error: Error };

/** The ending of a message every handler let through (shared: it carries nothing). */
export const CONTINUED: Ending = Object.freeze({ kind: 'continue' });

/** A failed ending, attributed to `step`. */
export function failed(step: Step, error: Error): Ending {
  return { kind: 'failed', step, error };
}

/** The message a run works on. */
export interface RunSubject {
  readonly phase: Phase;
  /** The body chain the message runs through (body phases only). */
  readonly flow: BodyFlow | null;
  readonly body: Body | undefined;
  /** Per plugin instance, whether it runs for this exchange (its `match`); `null`: all run. */
  readonly runs: Uint8Array | null;
  /** The step being run, set before each call (for attribution and per-step checks). */
  step: Step | null;
  /** The running step's logger. */
  log: Logger;
  /** Set once the message is answered or abandoned: changes made later are refused. */
  sealed: boolean;
  /** What the handler of `step` receives. */
  contextFor(step: Step): unknown;
  /** What the stream reports handler runs to (metrics, tracing), or null. */
  readonly observer: StreamObserver | null;
}

/** Where a run reports its end. */
export interface RunHost<M extends RunSubject> {
  finished(message: M, ending: Ending): void;
}

// Attache answers this long before Envoy's timer fires (Envoy's 200 ms default vs the 180 ms budget).
const MARGIN_MS = 20;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

/**
 * Runs messages one at a time (one runner per direction of a stream, reused: a direction has one
 * message in the pipeline at a time). Results of an abandoned or finished run that arrive late
 * are discarded.
 */
export class Runner<M extends RunSubject> {
  readonly #host: RunHost<M>;
  #message: M | null = null;
  #steps: readonly Step[] = [];
  #index = 0;
  #budgetMs = 0;
  #startedAt = 0;
  /** When the running step was called (its own budget counts from here). */
  #stepStartedAt = 0;
  /** The step that asked for more time: its own budget no longer applies. */
  #extendedStep: Step | null = null;
  /** The step being awaited, so {@link Runner.extend} can re-arm its timer. */
  #awaiting: Step | null = null;
  #timer: NodeJS.Timeout | undefined = undefined;
  #epoch = 0;
  /** When the awaited step's handler was called (`performance.now()`), for its duration. */
  #calledAt = 0;
  /** How long the last handler call took, in ms, as reported to the observer. */
  #took = 0;

  constructor(host: RunHost<M>) {
    this.#host = host;
  }

  /**
   * Runs `steps` in order over `message` within `budgetMs` for the whole message; calls
   * `host.finished` exactly once when done (possibly before this returns).
   */
  run(message: M, steps: readonly Step[], budgetMs: number): void {
    this.#message = message;
    this.#steps = steps;
    this.#index = 0;
    this.#budgetMs = budgetMs;
    this.#startedAt = performance.now();
    this.#extendedStep = null;
    this.#awaiting = null;
    this.#next(message);
  }

  /** Whether the running message already got more time ({@link Runner.extend}). */
  get extended(): boolean {
    return this.#extendedStep !== null;
  }

  /**
   * Gives the running message `ms` from now (Envoy restarted its timer with it), and the step
   * that asked that much: its own budget no longer applies.
   */
  extend(ms: number): void {
    const message = this.#message;
    if (message === null) return;
    this.#budgetMs = performance.now() - this.#startedAt + Math.max(1, ms - MARGIN_MS);
    this.#extendedStep = message.step;
    if (this.#awaiting !== null && this.#awaiting === this.#extendedStep) {
      this.#arm(message, this.#awaiting, this.#epoch);
    }
  }

  /**
   * When the running step runs out of time (`performance.now()` clock): the end of its own budget
   * or of the message's, whichever comes first, or the message's alone once the step asked for
   * more time. `-Infinity` when no message is running. Work the step hands off (worker tasks)
   * carries it, so it is shed rather than run after the step's result stopped mattering.
   */
  deadline(): number {
    const message = this.#message;
    if (message === null || message.sealed) return Number.NEGATIVE_INFINITY;
    const end = this.#startedAt + this.#budgetMs;
    const step = message.step;
    if (step === null || step === this.#extendedStep) return end;
    return Math.min(end, this.#stepStartedAt + step.timeoutMs);
  }

  /** Stops the run without finishing it (the stream ended); late results are discarded. */
  abandon(): void {
    const message = this.#message;
    if (message === null) return;
    message.sealed = true;
    this.#epoch++;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#message = null;
  }

  #next(message: M): void {
    const steps = this.#steps;
    const flow = message.flow;
    while (this.#index < steps.length) {
      const index = this.#index++;
      const step = steps[index] as Step;
      message.step = step;
      message.log = step.log;
      let result: unknown;
      const runs = message.runs;
      // A plugin whose `match` does not hold for this exchange is skipped, in every phase.
      if (runs !== null && runs[step.plugin] === 0) continue;
      const observer = message.observer;
      let started = -1;
      try {
        if (flow !== null && !flow.enter(message.body as Body, index, step)) continue;
        const fn = step.fn as (ctx: unknown) => unknown;
        started = performance.now();
        this.#stepStartedAt = started;
        result =
          observer === null
            ? fn(message.contextFor(step))
            : observer.callHandler(message.phase, step, fn, message.contextFor(step));
        // No timer fires while a handler holds the event loop: measure what it held, and say so.
        const held = performance.now() - started;
        // The observer's handler duration reuses these two clock reads (an async handler's
        // duration is taken again when it settles).
        this.#took = held;
        this.#calledAt = started;
        if (held > step.timeoutMs) reportBlocked(message, step, held);
      } catch (thrown) {
        const error = toError(thrown);
        if (started >= 0) {
          if (observer !== null) this.#took = performance.now() - started;
          this.#report(message, step, failureKind(error), error);
        }
        this.#finish(message, failed(step, error));
        return;
      }
      if (result !== undefined) {
        if (isThenable(result)) {
          this.#await(message, step, result);
          return;
        }
        if (!this.#accept(message, step, result)) return;
      }
      if (flow !== null && !this.#leave(message, index, step)) return;
      this.#report(message, step, 'continue', null);
    }
    this.#finish(message, CONTINUED);
  }

  /** Ends a body step (its `holdBack`); returns false when that failed the step. */
  #leave(message: M, index: number, step: Step): boolean {
    try {
      (message.flow as BodyFlow).leave(message.body as Body, index, step);
      return true;
    } catch (thrown) {
      const error = toError(thrown);
      this.#report(message, step, failureKind(error), error);
      this.#finish(message, failed(step, error));
      return false;
    }
  }

  /** Tells the stream's observer, if any, how the handler of `step` ended and how long it took. */
  #report(message: M, step: Step, outcome: HandlerOutcome, error: Error | null): void {
    message.observer?.handlerEnded(message.phase, step, outcome, error, this.#took);
  }

  /** Takes the awaited handler's duration, when an observer will be told it. */
  #settled(message: M): void {
    if (message.observer !== null) this.#took = performance.now() - this.#calledAt;
  }

  /** Handles a settled result; returns true when the chain should go on. */
  #accept(message: M, step: Step, result: unknown): boolean {
    if (result === undefined) return true;
    if (isImmediateResponse(result)) {
      this.#report(message, step, 'respond', null);
      this.#finish(message, { kind: 'respond', response: result, step });
      return false;
    }
    const error = new AttacheError(
      ErrorCode.HANDLER_RESULT,
      `${message.phase} handler returned ${typeof result}; return undefined to continue or respond(...) to stop`,
    );
    this.#report(message, step, 'invalid_result', error);
    this.#finish(message, failed(step, error));
    return false;
  }

  #await(message: M, step: Step, pending: PromiseLike<unknown>): void {
    const epoch = ++this.#epoch;
    this.#awaiting = step;
    this.#arm(message, step, epoch);
    pending.then(
      (value) => {
        if (epoch !== this.#epoch || message.sealed) return;
        clearTimeout(this.#timer);
        this.#awaiting = null;
        this.#settled(message);
        if (
          this.#accept(message, step, value) &&
          (message.flow === null || this.#leave(message, this.#index - 1, step))
        ) {
          this.#report(message, step, 'continue', null);
          this.#next(message);
        }
      },
      (thrown: unknown) => {
        if (epoch !== this.#epoch || message.sealed) return;
        clearTimeout(this.#timer);
        this.#awaiting = null;
        this.#settled(message);
        const error = toError(thrown);
        this.#report(message, step, failureKind(error), error);
        this.#finish(message, failed(step, error));
      },
    );
  }

  /** (Re)starts the timer of the awaited `step` (`epoch` is the await it belongs to). */
  #arm(message: M, step: Step, epoch: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const left = Math.max(0, Math.floor(this.#budgetMs - (performance.now() - this.#startedAt)));
    const limit = step === this.#extendedStep ? left : Math.min(step.timeoutMs, left);
    const reason =
      limit < step.timeoutMs || step === this.#extendedStep
        ? `the ${message.phase} message ran out of its ${Math.round(this.#budgetMs)} ms budget (this handler had ${limit} ms left)`
        : `${message.phase} handler did not settle within ${step.timeoutMs} ms`;
    this.#timer = setTimeout(() => {
      if (epoch !== this.#epoch || message.sealed) return;
      const error = new AttacheError(ErrorCode.HANDLER_TIMEOUT, reason);
      this.#settled(message);
      this.#report(message, step, 'timeout', error);
      this.#finish(message, failed(step, error));
    }, limit);
  }

  #finish(message: M, ending: Ending): void {
    message.sealed = true;
    this.#epoch++;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#message = null;
    this.#host.finished(message, ending);
  }
}
