/**
 * What {@link runExchange} reports: the downstream response, what reached upstream, Envoy's
 * counters, the stream transcript and the protocol violations Envoy would have judged.
 *
 * @module
 */
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { HeaderList } from './header-list.js';

/**
 * Traffic direction of a message or violation (Envoy's decoding / encoding path).
 *
 * @example
 * ```ts
 * res.violations.filter((v) => v.direction === 'response');
 * ```
 */
export type Direction = 'request' | 'response';

/**
 * Kinds of server behaviour Envoy judges or silently corrects. All are bugs in a server, even
 * the ones Envoy merely ignores.
 *
 * @example
 * ```ts
 * expect(res.violations.map((v) => v.kind)).not.toContain('spurious-reply');
 * ```
 */
export type ViolationKind =
  /** Reply that did not match what Envoy was waiting for (doc §7). */
  | 'spurious-reply'
  /** Header name/value Envoy refuses to parse (CR/LF/NUL…): whole reply rejected (§6.1, §6.2). */
  | 'invalid-header-mutation'
  /** Mutation refused by `mutation_rules` (ignored, or an error with `disallow_is_error`) (§6.3). */
  | 'refused-header-mutation'
  /** Mutation over the HCM header count/size limits (§6.3). */
  | 'header-limit-exceeded'
  /** BUFFERED body mutation that disagrees with content-length (§6.4). */
  | 'content-length-mismatch'
  /** The server ended the call with a non-OK status, or the transport failed (§1.7). */
  | 'stream-error'
  /** No reply within the message timeout (§8). */
  | 'message-timeout'
  /** ImmediateResponse while `disable_immediate_response` is set (§5.4). */
  | 'immediate-response-disabled'
  /** A mutation Envoy drops without error (headers already sent, content-length stripped…). */
  | 'ignored-header-mutation'
  /** `mode_override` Envoy ignores (not allowed, not in `allowed_override_modes`, wrong time) (§9). */
  | 'ignored-mode-override'
  /** `override_message_timeout` Envoy ignores (§8). */
  | 'ignored-override-timeout'
  /** Fields Envoy never reads in that message (e.g. a reply next to override_message_timeout). */
  | 'ignored-fields'
  /** `dynamic_metadata` namespaces outside `receiving_namespaces` (§5.6). */
  | 'ignored-dynamic-metadata'
  /** HeaderValue with `value` instead of `raw_value`: Envoy sets an empty header (§6.1). */
  | 'value-instead-of-raw-value'
  /** `append_action` / `keep_empty_value` used: Envoy ignores them (§6.1). */
  | 'append-action-ignored'
  /** A reply the server sent although Envoy is in observability mode (replies are ignored, §10). */
  | 'reply-in-observability-mode'
  /**
   * A StreamedImmediateResponse Envoy cannot turn into a local response (§5.5): `:status`
   * missing or below 200, more to come while the request body mode is neither NONE nor
   * FULL_DUPLEX_STREAMED, or the call ended before the local response reached end-of-stream.
   */
  | 'invalid-streamed-immediate-response';

/**
 * One judged violation.
 *
 * @example
 * ```ts
 * // { kind: 'refused-header-mutation', direction: 'request', message: 'set of ":authority" … refused' }
 * expect(res.violations).toEqual([]);
 * ```
 */
export interface Violation {
  kind: ViolationKind;
  direction?: Direction | undefined;
  message: string;
}

/**
 * Envoy's ext_proc filter counters (names as Envoy's stats, doc §1.7, §5, §7, §8).
 *
 * @example
 * ```ts
 * expect(res.stats).toMatchObject({ spurious_msgs_received: 0, message_timeouts: 0 });
 * ```
 */
export interface ExtProcStats {
  streams_started: number;
  stream_msgs_sent: number;
  stream_msgs_received: number;
  spurious_msgs_received: number;
  streams_closed: number;
  streams_failed: number;
  failure_mode_allowed: number;
  message_timeouts: number;
  rejected_header_mutations: number;
  override_message_timeout_received: number;
  override_message_timeout_ignored: number;
  clear_route_cache_ignored: number;
  clear_route_cache_disabled: number;
  clear_route_cache_upstream_ignored: number;
  send_immediate_resp_upstream_ignored: number;
  server_half_closed: number;
  immediate_responses_sent: number;
}

/** A zeroed counter set. */
export function emptyStats(): ExtProcStats {
  return {
    streams_started: 0,
    stream_msgs_sent: 0,
    stream_msgs_received: 0,
    spurious_msgs_received: 0,
    streams_closed: 0,
    streams_failed: 0,
    failure_mode_allowed: 0,
    message_timeouts: 0,
    rejected_header_mutations: 0,
    override_message_timeout_received: 0,
    override_message_timeout_ignored: 0,
    clear_route_cache_ignored: 0,
    clear_route_cache_disabled: 0,
    clear_route_cache_upstream_ignored: 0,
    send_immediate_resp_upstream_ignored: 0,
    server_half_closed: 0,
    immediate_responses_sent: 0,
  };
}

/**
 * How Envoy treated a received reply.
 *
 * @example
 * ```ts
 * res.transcript.filter((e) => e.type === 'received' && e.disposition === 'spurious');
 * ```
 */
export type ReplyDisposition =
  /** Processed normally. */
  | 'accepted'
  /** Processed, but it failed (bad mutation, content-length mismatch…) → local reply. */
  | 'rejected'
  /** Judged spurious (doc §7). */
  | 'spurious'
  /** Consumed as an `override_message_timeout` message (any other field ignored). */
  | 'timeout-override'
  /** Ignored: processing was already complete, or observability mode. */
  | 'ignored';

/**
 * One event on the side stream, in order. `t` is milliseconds since the exchange started.
 *
 * @example
 * ```ts
 * expect(res.transcript.map((e) => e.type)).toEqual(['opened', 'sent', 'received', 'half-closed', 'cancelled']);
 * ```
 */
export type TranscriptEntry =
  | { seq: number; t: number; type: 'opened'; metadata: Record<string, string> }
  | { seq: number; t: number; type: 'sent'; direction: Direction; message: ProcessingRequest }
  | {
      seq: number;
      t: number;
      type: 'received';
      /**
       * From the reply's oneof (`undefined` for immediate_response, streamed_immediate_response or
       * an empty reply).
       */
      direction: Direction | undefined;
      message: ProcessingResponse;
      disposition: ReplyDisposition;
    }
  | { seq: number; t: number; type: 'half-closed' }
  | { seq: number; t: number; type: 'cancelled' }
  | { seq: number; t: number; type: 'server-closed'; code: number; message: string }
  /** A graceful close (`gracefulGrpcClose`) waited `remoteCloseTimeoutMs` in vain; a reset follows. */
  | { seq: number; t: number; type: 'remote-close-timeout' };

/**
 * What the downstream client received.
 *
 * @example
 * ```ts
 * expect(res.downstream).toMatchObject({ status: 403, localReply: true, details: 'policy_denied' });
 * ```
 */
export interface DownstreamResult {
  /** Final `:status` (0 only if the stream was reset before any header was sent). */
  status: number;
  /** Response headers as Envoy sent them (pseudo-headers included). */
  headers: HeaderList;
  /** All body bytes received. */
  body: Buffer;
  /** Non-empty DATA frames as they arrived downstream (e.g. a streamed local response's chunks). */
  bodyChunks: Buffer[];
  trailers?: HeaderList | undefined;
  /** The stream was reset (a local reply was needed after the response had started, §5.4). */
  reset: boolean;
  /**
   * The response is a local reply generated by Envoy (ext_proc error, ImmediateResponse,
   * StreamedImmediateResponse, 413…).
   */
  localReply: boolean;
  /**
   * The response is the server's streamed local response (StreamedImmediateResponse, §5.5): its
   * headers, chunks and trailers came from the server, and the request never went upstream.
   */
  streamedLocalReply: boolean;
  /**
   * Envoy's response code details (`via_upstream` for a proxied response). Empty for a streamed
   * local response, whose details docs/protocol.md does not give (a reset afterwards sets
   * the failure's details).
   */
  details: string;
}

/**
 * What the simulated upstream received.
 *
 * @example
 * ```ts
 * expect(res.upstream?.headers.get('x-user')).toBe('alice');
 * expect(res.upstream?.body.toString()).toBe('rewritten');
 * ```
 */
export interface UpstreamResult {
  headers: HeaderList;
  /** All body bytes received. */
  body: Buffer;
  /** Non-empty DATA frames as they arrived upstream. */
  bodyChunks: Buffer[];
  trailers?: HeaderList | undefined;
  /** Whether the whole request arrived (false: upstream request reset by a local reply). */
  complete: boolean;
}

/**
 * How the side stream ended.
 *
 * @example
 * ```ts
 * expect(res.stream).toEqual({ opened: true, endedBy: 'envoy' });
 * ```
 */
export interface StreamOutcome {
  /** Whether a Process stream was opened at all. */
  opened: boolean;
  /**
   * `envoy`: Envoy closed it (half-close + cancel); `envoy-graceful`: Envoy half-closed
   * (`gracefulGrpcClose`) and the server answered with its status in time; `envoy-timeout`: it did
   * not, so Envoy reset the stream after `remoteCloseTimeoutMs`; `server-ok` / `server-error`:
   * the server ended the call first; `never-opened`: no message was ever needed.
   */
  endedBy: 'envoy' | 'envoy-graceful' | 'envoy-timeout' | 'server-ok' | 'server-error' | 'never-opened';
  /** The server's status when it ended the call. */
  status?: { code: number; message: string } | undefined;
}

/**
 * The outcome of one simulated HTTP exchange.
 *
 * @example
 * ```ts
 * const res: ExchangeResult = await runExchange(processor, { request: { path: '/' } });
 * console.log(res.downstream.status, res.sent.length, res.stats.stream_msgs_received);
 * ```
 */
export interface ExchangeResult {
  downstream: DownstreamResult;
  /** `null` when no request headers ever reached upstream. */
  upstream: UpstreamResult | null;
  /** The stream's dynamic metadata at the end (initial metadata merged with what Envoy wrote). */
  dynamicMetadata: Record<string, Record<string, unknown>>;
  /** Number of times the route cache was cleared (doc §5.1; no Envoy counter exists for this). */
  routeCacheClears: number;
  violations: Violation[];
  transcript: TranscriptEntry[];
  /** Convenience: the `sent` messages of the transcript, in order. */
  sent: ProcessingRequest[];
  /** Convenience: the `received` messages of the transcript, in order. */
  received: ProcessingResponse[];
  stats: ExtProcStats;
  stream: StreamOutcome;
}
