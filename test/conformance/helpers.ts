/**
 * Shared helpers of the §18 conformance suite: attache's own server (`createProcessor` with
 * inline plugins) driven by the Envoy-faithful test kit.
 */
import {
  AttacheError,
  createProcessor,
  definePlugin,
  type Handlers,
  type Logger,
  type PipelineEntry,
  type Processor,
  type ProcessorOptions,
  type ProcessStreamTarget,
  type StreamHandler,
} from 'attache';
import type { ExchangeResult, TranscriptEntry } from 'attache/testing';
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
            sink.send(reply);
          },
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

/** A processor of one inline plugin, logging into a recorder. */
export async function processorOf(
  handlers: Handlers,
  options: Partial<ProcessorOptions> & { entry?: Partial<PipelineEntry> } = {},
) {
  const log = recordingLog();
  const { entry, ...rest } = options;
  const processor = await createProcessor({
    timeoutMs: 100,
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

/** Lets queued in-process deliveries (Envoy's half-close / cancel) reach the server. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
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
