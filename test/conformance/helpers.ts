/**
 * Shared helpers of the §18 conformance suite: attache's own server (`createProcessor` with
 * inline plugins) driven by the Envoy-faithful test kit, in process or over a transport
 * (wire.ts).
 */
import {
  AttacheError,
  type BodyContext,
  type ChunkContext,
  createProcessor,
  definePlugin,
  type HandlerResult,
  type Handlers,
  type HeadersContext,
  type Logger,
  type MaybePromise,
  type PipelineEntry,
  type Processor,
  type ProcessorOptions,
  type ProcessStreamTarget,
  type StreamHandler,
  type TrailersContext,
} from 'attache-extproc';
import type {
  BodyInit,
  BodySendMode,
  ExchangeResult,
  ExchangeSpec,
  HeaderInit,
  HeaderList,
  HeaderSendMode,
  Pacing,
  ProcessingModeInput,
  TranscriptEntry,
} from 'attache-extproc/testing';
import { expect } from 'vitest';
import type {
  CommonResponse,
  ImmediateResponse,
  ProcessingResponse,
} from '../../src/gen/envoy/service/ext_proc/v3/external_processor.js';
import { recordingLogger } from '../support/recording-logger.js';

/** A plugin made of `handlers`. */
export function plugin(handlers: Handlers, name = 'p') {
  return definePlugin({ name, setup: () => handlers });
}

/** One line attache logged at `error` level (where failures and timeouts are reported). */
export interface LoggedError {
  /** The `plugin` binding of the child logger that wrote it (the failing plugin). */
  plugin: unknown;
  msg: string | undefined;
  err: unknown;
  phase: unknown;
  outcome: unknown;
}

/** A recording logger whose `errors` are its error lines (where failures and timeouts go). */
export function recordingLog(): Logger & { readonly errors: LoggedError[] } {
  const { log, lines } = recordingLogger();
  return Object.defineProperty(log, 'errors', {
    get: (): LoggedError[] =>
      lines
        .filter((l) => l.level === 'error')
        .map((l) => ({
          plugin: l.fields.plugin,
          msg: l.msg,
          err: l.fields.err,
          phase: l.fields.phase,
          outcome: l.fields.outcome,
        })),
  }) as Logger & { readonly errors: LoggedError[] };
}

/** What happened on one `Process` stream, as seen from the server side of the transport. */
export interface StreamLog {
  /** `message:<case>`, `send:<case>`, `end`, `fail:<code>`, `halfClose`, `cancel`, in order. */
  events: string[];
}

/**
 * Wraps a processor so every stream's events are recorded: what Envoy delivered to attache and
 * what attache did with the call (`send`, `end` = OK status, `fail` = error status).
 */
export function observe(target: Processor): ProcessStreamTarget & { streams: StreamLog[] } {
  const streams: StreamLog[] = [];
  return {
    streams,
    maxReceiveMessageBytes: target.maxReceiveMessageBytes,
    connect(sink, metadata): StreamHandler {
      const log: StreamLog = { events: [] };
      streams.push(log);
      const handler = target.connect(
        {
          send(reply) {
            const r = reply.response?.$case ?? (reply.overrideMessageTimeout ? 'overrideMessageTimeout' : '');
            log.events.push(`send:${r}`);
            return sink.send(reply);
          },
          whenWritable: () => sink.whenWritable(),
          end() {
            log.events.push('end');
            sink.end();
          },
          fail(code, message) {
            log.events.push(`fail:${code}`);
            sink.fail(code, message);
          },
        },
        metadata,
      );
      return {
        message(request) {
          log.events.push(`message:${request.request?.$case ?? ''}`);
          handler.message(request);
        },
        halfClose() {
          log.events.push('halfClose');
          handler.halfClose();
        },
        cancel() {
          log.events.push('cancel');
          handler.cancel();
        },
      };
    },
  };
}

/**
 * What the conformance processors are told of the filter (`envoy.processingMode`): it sends the
 * trailers, so attache sees where every streamed body ends (the kit's STREAMED configs say SEND
 * too; tests of the other cases pass their own `processingMode`).
 */
export const TRAILERS_SENT = { requestTrailerMode: 'SEND', responseTrailerMode: 'SEND' } as const;

/** A processor of one inline plugin, logging into a recorder. */
export async function processorOf(
  handlers: Handlers,
  options: Partial<ProcessorOptions> & { entry?: Partial<PipelineEntry> } = {},
) {
  const log = recordingLog();
  const { entry, ...rest } = options;
  const processor = await createProcessor({
    timeoutMs: 100,
    processingMode: TRAILERS_SENT,
    ...rest,
    plugins: [{ plugin: plugin(handlers), ...entry }],
    log,
  });
  return { processor, log, target: observe(processor) };
}

/** The `$case` of every message Envoy sent. */
export function sentKinds(res: ExchangeResult): Array<string | undefined> {
  return res.sent.map((m) => m.request?.$case);
}

/** The `$case` of every reply Envoy received (`override` for an override_message_timeout-only message). */
export function receivedKinds(res: ExchangeResult): Array<string | undefined> {
  return res.received.map((m) => m.response?.$case ?? (m.overrideMessageTimeout ? 'override' : undefined));
}

/** Transcript entry types in order. */
export function transcriptTypes(res: ExchangeResult): Array<TranscriptEntry['type']> {
  return res.transcript.map((e) => e.type);
}

/**
 * Asserts what Envoy requires of every reply outside FULL_DUPLEX_STREAMED (§4.2, §7): it has a
 * oneof, and it answers the oldest unanswered message of its own direction with the same type
 * (an ImmediateResponse may answer any), and no reply arrives with nothing pending. A message
 * carrying only override_message_timeout is not a reply (§8).
 */
export function expectReplyDiscipline(res: ExchangeResult): void {
  const pending: Record<'request' | 'response', string[]> = { request: [], response: [] };
  let stopped = false;
  for (const e of res.transcript) {
    if (e.type === 'sent') {
      const c = e.message.request?.$case ?? '';
      pending[c.startsWith('request') ? 'request' : 'response'].push(c);
    } else if (e.type === 'received') {
      const m = e.message;
      if (m.overrideMessageTimeout !== undefined) {
        expect(m.response, 'an override message carries nothing else').toBeUndefined();
        continue;
      }
      expect(m.response, 'reply without a oneof (§18.32)').toBeDefined();
      expect(stopped, 'reply after an ImmediateResponse').toBe(false);
      const c = m.response?.$case ?? '';
      if (c === 'immediateResponse') {
        stopped = true;
        continue;
      }
      const queue = pending[c.startsWith('request') ? 'request' : 'response'];
      expect(queue.length, `reply ${c} with nothing pending (§18.33)`).toBeGreaterThan(0);
      expect(c, 'reply type must match the pending message (§18.31)').toBe(queue.shift());
    }
  }
}

/** The error attache logged for a failed or timed-out plugin, as `[plugin, code]`. */
export function loggedCodes(log: { errors: LoggedError[] }): Array<[unknown, string | undefined]> {
  return log.errors.map((e) => [e.plugin, e.err instanceof AttacheError ? e.err.code : undefined]);
}

/** Calls `fn` and returns the AttacheError code it threw (or `none` / `not-attache`). */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof AttacheError ? e.code : `not-attache: ${String(e)}`;
  }
  return 'none';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The CommonResponse of a headers or body reply (undefined for other replies). */
export function commonOf(m: ProcessingResponse | undefined): CommonResponse | undefined {
  const r = m?.response;
  switch (r?.$case) {
    case 'requestHeaders':
    case 'responseHeaders':
    case 'requestBody':
    case 'responseBody':
      return r.value.response;
    default:
      return undefined;
  }
}

/** The ImmediateResponse of a reply (undefined for other replies). */
export function immediateOf(m: ProcessingResponse | undefined): ImmediateResponse | undefined {
  const r = m?.response;
  return r?.$case === 'immediateResponse' ? r.value : undefined;
}

/** A promise with its resolver, for values produced by handlers after the exchange moved on. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** The body messages Envoy sent for `direction`, as `[latin1 text, end_of_stream]`. */
export function bodyMessages(
  res: ExchangeResult,
  direction: 'request' | 'response' = 'request',
): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [];
  for (const m of res.sent) {
    const r = m.request;
    if (r === undefined) continue;
    if (
      (r.$case === 'requestBody' && direction === 'request') ||
      (r.$case === 'responseBody' && direction === 'response')
    ) {
      out.push([
        Buffer.from(r.value.body ?? Buffer.alloc(0)).toString('latin1'),
        r.value.endOfStream === true,
      ]);
    }
  }
  return out;
}

/** What one body reply asked of Envoy (the fields Envoy reads, §5.2). */
export interface BodyReplyShape {
  /** `none` (unchanged), `body`, `clearBody` or `streamedResponse`. */
  mutation: 'none' | 'body' | 'clearBody' | 'streamedResponse';
  /** Replacement or streamed bytes (latin1); empty for `none` / `clearBody`. */
  body: string;
  /** `streamed_response.end_of_stream` (false otherwise). */
  eos: boolean;
  /** Whether the reply carries a header_mutation. */
  headerMutation: boolean;
  /** CommonResponse.status (0 = CONTINUE, 1 = CONTINUE_AND_REPLACE). */
  status: number;
}

/** The body replies attache sent for `direction`, in order. */
export function bodyReplies(
  res: ExchangeResult,
  direction: 'request' | 'response' = 'request',
): BodyReplyShape[] {
  const out: BodyReplyShape[] = [];
  for (const m of res.received) {
    const r = m.response;
    if (r === undefined) continue;
    if (
      !(
        (r.$case === 'requestBody' && direction === 'request') ||
        (r.$case === 'responseBody' && direction === 'response')
      )
    )
      continue;
    const common = r.value.response;
    const mut = common?.bodyMutation?.mutation;
    const shape: BodyReplyShape = {
      mutation: mut?.$case ?? 'none',
      body: '',
      eos: false,
      headerMutation: common?.headerMutation !== undefined,
      status: common?.status ?? 0,
    };
    if (mut?.$case === 'body') shape.body = Buffer.from(mut.value).toString('latin1');
    if (mut?.$case === 'streamedResponse') {
      shape.body = Buffer.from(mut.value.body ?? Buffer.alloc(0)).toString('latin1');
      shape.eos = mut.value.endOfStream === true;
    }
    out.push(shape);
  }
  return out;
}

/**
 * The transcript as compact strings: `>requestBody` (Envoy sent), `<requestBody` (attache
 * replied), `<override`, `half-closed`, … — for ordering assertions across both directions.
 */
export function flow(res: ExchangeResult): string[] {
  return res.transcript.flatMap((e) => {
    if (e.type === 'sent') return [`>${e.message.request?.$case ?? ''}`];
    if (e.type === 'received') {
      const m = e.message;
      return [`<${m.response?.$case ?? (m.overrideMessageTimeout ? 'override' : '')}`];
    }
    if (e.type === 'opened') return [];
    return [e.type];
  });
}

/** A direction of the exchange. */
export type Dir = 'request' | 'response';
export const DIRECTIONS: readonly Dir[] = ['request', 'response'];
export const PACINGS: readonly Pacing[] = ['eager', 'on-idle'];

/** A whole-body handler for `dir` (`requestBody` / `responseBody`). */
export function wholeBody(dir: Dir, fn: (ctx: BodyContext) => MaybePromise<HandlerResult>): Handlers {
  return dir === 'request' ? { requestBody: fn } : { responseBody: fn };
}

/** A chunk handler for `dir` (`requestBodyChunk` / `responseBodyChunk`). */
export function chunkBody(dir: Dir, fn: (ctx: ChunkContext) => MaybePromise<HandlerResult>): Handlers {
  return dir === 'request' ? { requestBodyChunk: fn } : { responseBodyChunk: fn };
}

/**
 * An awaiting chunk plugin for `dir` that upper-cases chunks, holds 1 byte back, and throws on
 * its 2nd chunk (failure handling mid-stream, with bytes held).
 */
export function throwsOnSecondChunk(dir: Dir): Handlers {
  let n = 0;
  return chunkBody(dir, async (ctx) => {
    await sleep(1);
    if (++n === 2) throw new Error('boom');
    ctx.mutate.replaceChunk(ctx.chunk.text().toUpperCase());
    if (!ctx.chunk.last) ctx.holdBack(1);
  });
}

/** The two ways a plugin sees a body. */
export const KINDS = ['whole', 'chunk'] as const;
/** One of {@link KINDS}. */
export type Kind = (typeof KINDS)[number];

/**
 * A whole-body or a chunk plugin for `dir`, from one handler of each kind: synchronous (never
 * awaited) unless `delayMs` makes it await first.
 */
export function bodyPlugin(
  kind: Kind,
  dir: Dir,
  whole: (ctx: BodyContext) => void,
  chunk: (ctx: ChunkContext) => void,
  delayMs?: number,
): Handlers {
  if (delayMs === undefined) return kind === 'whole' ? wholeBody(dir, whole) : chunkBody(dir, chunk);
  return kind === 'whole'
    ? wholeBody(dir, async (ctx) => {
        await sleep(delayMs);
        whole(ctx);
      })
    : chunkBody(dir, async (ctx) => {
        await sleep(delayMs);
        chunk(ctx);
      });
}

/** A headers handler for `dir` (`requestHeaders` / `responseHeaders`). */
export function headersOf(dir: Dir, fn: (ctx: HeadersContext) => MaybePromise<HandlerResult>): Handlers {
  return dir === 'request' ? { requestHeaders: fn } : { responseHeaders: fn };
}

/** A trailers handler for `dir` (`requestTrailers` / `responseTrailers`). */
export function trailersOf(dir: Dir, fn: (ctx: TrailersContext) => MaybePromise<HandlerResult>): Handlers {
  return dir === 'request' ? { requestTrailers: fn } : { responseTrailers: fn };
}

/** The processing mode of `dir` only (the other direction keeps Envoy's defaults). */
export function modeOf(
  dir: Dir,
  body: BodySendMode,
  opts: { headers?: HeaderSendMode; trailers?: HeaderSendMode } = {},
): ProcessingModeInput {
  const m: ProcessingModeInput = dir === 'request' ? { requestBodyMode: body } : { responseBodyMode: body };
  if (opts.headers !== undefined) {
    if (dir === 'request') m.requestHeaderMode = opts.headers;
    else m.responseHeaderMode = opts.headers;
  }
  if (opts.trailers !== undefined) {
    if (dir === 'request') m.requestTrailerMode = opts.trailers;
    else m.responseTrailerMode = opts.trailers;
  }
  return m;
}

/** The HTTP message of `dir`: a POST request, or the upstream's response. */
export function carrying(
  dir: Dir,
  m: { body?: BodyInit; trailers?: HeaderInit; pacing?: Pacing; headers?: HeaderInit },
): Pick<ExchangeSpec, 'request' | 'upstream'> {
  return dir === 'request' ? { request: { method: 'POST', ...m } } : { upstream: { ...m } };
}

/** What the next hop of `dir` received (upstream for the request, downstream for the response). */
export interface Delivered {
  headers: HeaderList;
  body: string;
  chunks: string[];
  trailers: HeaderList | undefined;
}

/** {@link Delivered} for `dir` (undefined when no request reached upstream). */
export function delivered(res: ExchangeResult, dir: Dir): Delivered | undefined {
  const d = dir === 'request' ? res.upstream : res.downstream;
  if (d === null) return undefined;
  return {
    headers: d.headers,
    body: d.body.toString('latin1'),
    chunks: d.bodyChunks.map((c) => c.toString('latin1')),
    trailers: d.trailers,
  };
}
