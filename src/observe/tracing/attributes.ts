/**
 * The span names and attribute keys attache writes (README, Tracing). OpenTelemetry semantic
 * conventions where one fits (RPC, HTTP), `attache.*` for the rest. No attribute ever holds a
 * header value other than `x-request-id`, a query string or a body.
 *
 * @module
 */

import type { Phase } from '../../plugin/types.js';
import { EXT_PROC_SERVICE } from '../../protocol/service.js';

/** The exchange span's name when its first message is not request headers. */
export const EXCHANGE_SPAN_NAME = 'ext_proc exchange';

export const RPC_SYSTEM = 'rpc.system';
export const RPC_SERVICE = 'rpc.service';
export const RPC_METHOD = 'rpc.method';
export const HTTP_METHOD = 'http.request.method';
export const URL_PATH = 'url.path';
/** The semantic conventions' key for a captured request header (an array of its values). */
export const REQUEST_ID = 'http.request.header.x-request-id';

/** The exchange's first attributes, the same for every exchange. */
export const RPC_ATTRIBUTES = Object.freeze({
  [RPC_SYSTEM]: 'grpc',
  [RPC_SERVICE]: EXT_PROC_SERVICE,
  [RPC_METHOD]: 'Process',
});

export const STREAM_ID = 'attache.stream.id';
/** `completed` (Envoy half-closed) or `cancelled` (reset before that). */
export const STREAM_END = 'attache.stream.end';
export const MESSAGES_RECEIVED = 'attache.messages.received';
export const REPLIES_SENT = 'attache.replies.sent';
export const REQUEST_BODY_MODE = 'attache.request_body_mode';
export const RESPONSE_BODY_MODE = 'attache.response_body_mode';
export const OBSERVABILITY_MODE = 'attache.observability_mode';

export const PLUGIN = 'attache.plugin';
export const PHASE = 'attache.phase';
/** How the handler call ended: a `HandlerOutcome`, or `cancelled` when the stream ended first. */
export const OUTCOME = 'attache.outcome';
/** The failure kind (`throw`, `timeout`, `refused_mutation`, `body_limit`, `invalid_result`). */
export const FAILURE_KIND = 'attache.failure.kind';
/** What the failure became under the plugin's policy: `open` (passed on) or `closed` (answered). */
export const FAILURE_OUTCOME = 'attache.failure.outcome';
/** The HTTP status of a plugin's immediate response. */
export const IMMEDIATE_STATUS = 'attache.immediate_response.status_code';
/** On the exchange: the plugin that answered with an immediate response. */
export const IMMEDIATE_PLUGIN = 'attache.immediate_response.plugin';

/** Event on the exchange span for each plugin failure (several may happen under fail-open). */
export const FAILURE_EVENT = 'attache.plugin_failure';
/** Event on the exchange span for each `mode_override` sent. */
export const MODE_OVERRIDE_EVENT = 'attache.mode_override';

/** Phase names as attributes and span names carry them (the metrics' phase label values). */
export const PHASE_LABEL: Readonly<Record<Phase, string>> = Object.freeze({
  requestHeaders: 'request_headers',
  requestBody: 'request_body',
  requestTrailers: 'request_trailers',
  responseHeaders: 'response_headers',
  responseBody: 'response_body',
  responseTrailers: 'response_trailers',
});
