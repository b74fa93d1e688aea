/**
 * The metrics {@link Observer}: counts what every stream reports into {@link MetricCounts}. One
 * small object per stream (the outcome flags and the phase of the last message); everything else
 * goes straight to the shared counters.
 *
 * @module
 */
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { Step } from '../../pipeline/pipeline.js';
import type { Phase } from '../../plugin/types.js';
import type {
  FailureKind,
  FailureOutcome,
  HandlerOutcome,
  Observer,
  StreamEnd,
  StreamObserver,
} from '../observer.js';
import { add, type MetricCounts } from './counts.js';
import { CANCELLED, FAILED, FAILED_OPEN, IMMEDIATE, OK, phaseIndex } from './labels.js';

const RESPONDED_BIT = 1;
const FAILED_BIT = 2;
const FAILED_OPEN_BIT = 4;

/** The observer a processor with metrics reports to. */
export class MetricsObserver implements Observer {
  readonly #counts: MetricCounts;

  constructor(counts: MetricCounts) {
    this.#counts = counts;
  }

  open(): StreamObserver {
    return new StreamMetrics(this.#counts);
  }
}

/** Bytes of an optional body. */
function size(body: Uint8Array | undefined): number {
  return body === undefined ? 0 : body.length;
}

/** What one stream counts (see the module comment). */
class StreamMetrics implements StreamObserver {
  readonly #counts: MetricCounts;
  #flags = 0;
  /** The phase of the last message received: immediate responses answer it. */
  #phase = 0;

  constructor(counts: MetricCounts) {
    this.#counts = counts;
  }

  received(request: ProcessingRequest): void {
    const r = request.request;
    if (r === undefined) return;
    const phase = phaseIndex(r.$case);
    this.#phase = phase;
    const counts = this.#counts;
    add(counts.messages, phase, 1);
    if (r.$case === 'requestBody' || r.$case === 'responseBody')
      add(counts.receivedBytes, phase, size(r.value.body));
  }

  callHandler(_phase: Phase, _step: Step, fn: (ctx: unknown) => unknown, ctx: unknown): unknown {
    return fn(ctx);
  }

  handlerEnded(phase: Phase, step: Step, _outcome: HandlerOutcome, _error: Error | null, ms: number): void {
    this.#counts.observe(phase, step, ms);
  }

  responded(phase: Phase, step: Step, status: number): void {
    this.#flags |= RESPONDED_BIT;
    this.#counts.responded(phase, step, status);
  }

  failed(phase: Phase, step: Step, kind: FailureKind, outcome: FailureOutcome): void {
    this.#flags |= outcome === 'open' ? FAILED_OPEN_BIT : FAILED_BIT;
    this.#counts.failed(phase, step, kind, outcome);
  }

  modeOverrideSent(phase: Phase): void {
    const index = phaseIndex(phase);
    if (index >= 0) add(this.#counts.overrides, index, 1);
  }

  sent(reply: ProcessingResponse): void {
    const r = reply.response;
    if (r === undefined) return;
    let bytes = 0;
    let phase = this.#phase;
    switch (r.$case) {
      case 'immediateResponse':
        bytes = size(r.value.body);
        break;
      case 'streamedImmediateResponse': {
        const part = r.value.response;
        if (part?.$case === 'bodyResponse') bytes = size(part.value.body);
        break;
      }
      case 'requestTrailers':
      case 'responseTrailers':
        return;
      default: {
        const mutation = r.value.response?.bodyMutation?.mutation;
        if (mutation === undefined) return;
        phase = phaseIndex(r.$case);
        if (mutation.$case === 'body') bytes = mutation.value.length;
        else if (mutation.$case === 'streamedResponse') bytes = size(mutation.value.body);
      }
    }
    if (bytes > 0) add(this.#counts.sentBytes, phase, bytes);
  }

  closed(end: StreamEnd): void {
    const flags = this.#flags;
    const outcome =
      flags & FAILED_BIT
        ? FAILED
        : flags & RESPONDED_BIT
          ? IMMEDIATE
          : end === 'cancelled'
            ? CANCELLED
            : flags & FAILED_OPEN_BIT
              ? FAILED_OPEN
              : OK;
    add(this.#counts.streams, outcome, 1);
  }
}
