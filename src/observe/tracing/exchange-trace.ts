/**
 * The spans of one `Process` stream: an exchange span (kind SERVER) and, under it, a span per
 * plugin handler call (kind INTERNAL) that is the active context while the handler runs, so the
 * spans a plugin starts (an instrumented `fetch`, its own) are its children.
 *
 * The exchange span starts with the first message, because its parent may come from that
 * message's HTTP headers; its start time is the stream's opening. A handler span ends when its
 * handler does, but stays open for the events that follow at once for the same call (the
 * immediate response it sent, the failure policy applied), and is ended at the next event.
 *
 * @module
 */
import {
  type Attributes,
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { ProcessingMode_BodySendMode } from '../../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type { ProcessingRequest } from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { Step } from '../../pipeline/pipeline.js';
import type { Phase, PhaseContextBase } from '../../plugin/types.js';
import type { CallMetadata } from '../../transport/types.js';
import type { FailureKind, FailureOutcome, HandlerOutcome, StreamEnd, StreamObserver } from '../observer.js';
import {
  EXCHANGE_SPAN_NAME,
  FAILURE_EVENT,
  FAILURE_KIND,
  FAILURE_OUTCOME,
  HTTP_METHOD,
  IMMEDIATE_PLUGIN,
  IMMEDIATE_STATUS,
  MESSAGES_RECEIVED,
  MODE_OVERRIDE_EVENT,
  OBSERVABILITY_MODE,
  OUTCOME,
  PHASE,
  PHASE_LABEL,
  PLUGIN,
  REPLIES_SENT,
  REQUEST_BODY_MODE,
  REQUEST_ID,
  RESPONSE_BODY_MODE,
  RPC_ATTRIBUTES,
  STREAM_END,
  STREAM_ID,
  URL_PATH,
} from './attributes.js';
import { HEADER_LIST_GETTER, METADATA_GETTER, requestFacts } from './carriers.js';

/** One handler call's span, and what is known of its call. */
interface HandlerSpan {
  readonly span: Span;
  readonly step: Step;
  readonly phase: Phase;
  /** When the handler ended (`performance.now()`), or -1 while it runs. */
  endedAt: number;
}

/** Span names of one step, per phase, made once per step. */
const names = new WeakMap<Step, Partial<Record<Phase, string>>>();

function handlerSpanName(step: Step, phase: Phase): string {
  let byPhase = names.get(step);
  if (byPhase === undefined) names.set(step, (byPhase = {}));
  return (byPhase[phase] ??= `${step.name} ${PHASE_LABEL[phase]}`);
}

/** The trace of one stream (see the module comment). Never throws: tracing must not fail a message. */
export class ExchangeTrace implements StreamObserver {
  readonly #tracer: Tracer;
  readonly #metadata: CallMetadata;
  readonly #openedAt = performance.now();
  #exchange: Span | null = null;
  /** The exchange span's context: the parent of every handler span. */
  #context: Context = ROOT_CONTEXT;
  /** The handler span running in each direction (handlers of one direction run one at a time). */
  #request: HandlerSpan | null = null;
  #response: HandlerSpan | null = null;
  /** A handler span whose handler ended, kept open for the events of the same call. */
  #ended: HandlerSpan | null = null;
  #received = 0;
  #sent = 0;
  #failed = false;
  #streamId = false;
  /** Whether the exchange span records (is sampled); only then do handler calls get spans. */
  #recording = false;

  constructor(tracer: Tracer, metadata: CallMetadata) {
    this.#tracer = tracer;
    this.#metadata = metadata;
  }

  received(request: ProcessingRequest): void {
    this.#flush();
    this.#received++;
    if (this.#exchange === null) {
      try {
        this.#start(request);
      } catch {
        // A throwing propagator or sampler: this stream goes untraced rather than failing.
      }
    }
  }

  callHandler(phase: Phase, step: Step, fn: (ctx: unknown) => unknown, ctx: unknown): unknown {
    this.#flush();
    const exchange = this.#exchange;
    if (exchange === null) return fn(ctx);
    // Sampled out: no handler spans, but the handler still runs in the exchange's (unsampled)
    // context, so the spans a plugin starts are dropped with it instead of starting new traces.
    if (!this.#recording) return context.with(this.#context, fn, undefined, ctx);
    if (!this.#streamId) {
      this.#streamId = true;
      exchange.setAttribute(STREAM_ID, (ctx as PhaseContextBase).stream.id);
    }
    let span: Span;
    try {
      span = this.#tracer.startSpan(
        handlerSpanName(step, phase),
        { kind: SpanKind.INTERNAL, attributes: { [PLUGIN]: step.name, [PHASE]: PHASE_LABEL[phase] } },
        this.#context,
      );
    } catch {
      return fn(ctx);
    }
    const running: HandlerSpan = { span, step, phase, endedAt: -1 };
    if (isRequestPhase(phase)) this.#request = running;
    else this.#response = running;
    return context.with(trace.setSpan(this.#context, span), fn, undefined, ctx);
  }

  handlerEnded(phase: Phase, step: Step, outcome: HandlerOutcome, error: Error | null): void {
    this.#flush();
    const request = isRequestPhase(phase);
    const running = request ? this.#request : this.#response;
    if (running === null || running.step !== step) return;
    if (request) this.#request = null;
    else this.#response = null;
    running.endedAt = performance.now();
    const span = running.span;
    span.setAttribute(OUTCOME, outcome);
    if (error !== null) {
      span.setAttribute(FAILURE_KIND, outcome);
      span.recordException(error, running.endedAt);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    }
    this.#ended = running;
  }

  responded(phase: Phase, step: Step, status: number): void {
    const ended = this.#ended;
    if (ended !== null && ended.step === step && ended.phase === phase) {
      ended.span.setAttribute(IMMEDIATE_STATUS, status);
    }
    this.#flush();
    const exchange = this.#exchange;
    if (exchange === null) return;
    exchange.setAttribute(IMMEDIATE_STATUS, status);
    exchange.setAttribute(IMMEDIATE_PLUGIN, step.name);
  }

  failed(phase: Phase, step: Step, kind: FailureKind, outcome: FailureOutcome): void {
    const ended = this.#ended;
    if (ended !== null && ended.step === step && ended.phase === phase) {
      ended.span.setAttribute(FAILURE_KIND, kind);
      ended.span.setAttribute(FAILURE_OUTCOME, outcome);
      // A change refused after the handler returned (checked when the reply is built).
      if (kind === 'refused_mutation') ended.span.setStatus({ code: SpanStatusCode.ERROR, message: kind });
    }
    this.#flush();
    const exchange = this.#exchange;
    if (exchange === null) return;
    const phaseLabel = PHASE_LABEL[phase];
    exchange.addEvent(
      FAILURE_EVENT,
      { [PLUGIN]: step.name, [PHASE]: phaseLabel, [FAILURE_KIND]: kind, [FAILURE_OUTCOME]: outcome },
      performance.now(),
    );
    if (!this.#failed) {
      this.#failed = true;
      exchange.setStatus({
        code: SpanStatusCode.ERROR,
        message: `plugin ${step.name} failed in ${phaseLabel}: ${kind} (${outcome})`,
      });
    }
  }

  modeOverrideSent(phase: Phase): void {
    this.#flush();
    this.#exchange?.addEvent(MODE_OVERRIDE_EVENT, { [PHASE]: PHASE_LABEL[phase] }, performance.now());
  }

  sent(): void {
    this.#flush();
    this.#sent++;
  }

  closed(end: StreamEnd): void {
    this.#flush();
    const now = performance.now();
    // Handlers the stream's end cut off: their spans end now, marked.
    for (const running of [this.#request, this.#response]) {
      if (running === null) continue;
      running.span.setAttribute(OUTCOME, 'cancelled');
      endSpan(running.span, now);
    }
    this.#request = null;
    this.#response = null;
    if (this.#exchange === null) {
      // No message came: the span still records the stream, parented on the metadata alone.
      try {
        this.#begin(this.#parentFromMetadata() ?? ROOT_CONTEXT, EXCHANGE_SPAN_NAME, {});
      } catch {
        return;
      }
    }
    const exchange = this.#exchange as Span | null;
    if (exchange === null) return;
    exchange.setAttribute(STREAM_END, end);
    exchange.setAttribute(MESSAGES_RECEIVED, this.#received);
    exchange.setAttribute(REPLIES_SENT, this.#sent);
    endSpan(exchange, now);
  }

  /** Ends the span kept open for its call's events, if any. */
  #flush(): void {
    const ended = this.#ended;
    if (ended === null) return;
    this.#ended = null;
    endSpan(ended.span, ended.endedAt);
  }

  /** Starts the exchange span on the first message, parented as the README says. */
  #start(request: ProcessingRequest): void {
    const incoming = request.request;
    const headers = incoming?.$case === 'requestHeaders' ? (incoming.value.headers?.headers ?? []) : null;
    let parent = this.#parentFromMetadata();
    if (parent === null && headers !== null) {
      const fromHeaders = propagation.extract(ROOT_CONTEXT, headers, HEADER_LIST_GETTER);
      if (carriesSpan(fromHeaders)) parent = fromHeaders;
    }
    const attributes: Attributes = {};
    let name = EXCHANGE_SPAN_NAME;
    if (headers !== null) {
      const facts = requestFacts(headers);
      if (facts.method !== undefined) {
        name = `ext_proc ${facts.method}`;
        attributes[HTTP_METHOD] = facts.method;
      }
      if (facts.path !== undefined) attributes[URL_PATH] = facts.path;
      if (facts.requestId !== undefined) attributes[REQUEST_ID] = [facts.requestId];
    }
    const config = request.protocolConfig;
    if (config !== undefined) {
      attributes[REQUEST_BODY_MODE] = bodyMode(config.requestBodyMode);
      attributes[RESPONSE_BODY_MODE] = bodyMode(config.responseBodyMode);
    }
    if (request.observabilityMode === true) attributes[OBSERVABILITY_MODE] = true;
    this.#begin(parent ?? ROOT_CONTEXT, name, attributes);
  }

  #begin(parent: Context, name: string, attributes: Attributes): void {
    const span = this.#tracer.startSpan(
      name,
      { kind: SpanKind.SERVER, startTime: this.#openedAt, attributes: { ...RPC_ATTRIBUTES, ...attributes } },
      parent,
    );
    this.#exchange = span;
    this.#recording = span.isRecording();
    this.#context = trace.setSpan(parent, span);
  }

  /** The context Envoy sent in the call's metadata, or `null` when it carries none. */
  #parentFromMetadata(): Context | null {
    if (this.#metadata.size === 0) return null;
    const extracted = propagation.extract(ROOT_CONTEXT, this.#metadata, METADATA_GETTER);
    return carriesSpan(extracted) ? extracted : null;
  }
}

/** Whether a propagator found a (valid) remote span in what it read. */
function carriesSpan(extracted: Context): boolean {
  const found = trace.getSpanContext(extracted);
  return found !== undefined && trace.isSpanContextValid(found);
}

/** Ends `span`; a span processor that throws (the application's own) must not fail the message. */
function endSpan(span: Span, at: number): void {
  try {
    span.end(at);
  } catch {
    // The span is lost; the exchange goes on.
  }
}

function isRequestPhase(phase: Phase): boolean {
  return phase === 'requestHeaders' || phase === 'requestBody' || phase === 'requestTrailers';
}

function bodyMode(mode: ProcessingMode_BodySendMode | undefined): string {
  return ProcessingMode_BodySendMode[mode ?? ProcessingMode_BodySendMode.NONE] ?? String(mode);
}
