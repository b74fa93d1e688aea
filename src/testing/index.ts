/**
 * `attache-extproc/testing`: an Envoy-faithful ext_proc client ("test kit").
 *
 * It drives an ext_proc server exactly as Envoy's HTTP ext_proc filter (1.37+, with 1.38's
 * `allow_content_length_header` as an option) does for one HTTP exchange, and judges the server's
 * replies by Envoy's rules. The reference is the project's protocol notes, `docs/protocol.md`
 * (what Envoy sends, when, and what it accepts, with the Envoy source of each rule): every `§`
 * reference in the sources (`§4.6`, `doc §6.1`, `§18.50`) points into it.
 *
 * @example
 * ```ts
 * import { runExchange } from 'attache-extproc/testing';
 *
 * const res = await runExchange(processor, { request: { method: 'GET', path: '/hello' } });
 * expect(res.downstream.status).toBe(200);
 * expect(res.violations).toEqual([]);
 * ```
 *
 * What is simulated:
 * - header modes DEFAULT/SEND/SKIP with the lazily opened stream (none when nothing is sent);
 * - every body mode Envoy implements: NONE, BUFFERED (trailers, empty bodies, header SKIP per
 *   §19.1, the buffer limit's 413/500 with the 413 passing through response processing per
 *   §19.5), BUFFERED_PARTIAL, STREAMED (chunk queue, watermark, send_body_without_waiting) and
 *   FULL_DUPLEX_STREAMED (no message timer, no fail-open once body data was sent);
 * - every reply type, CONTINUE_AND_REPLACE, ImmediateResponse, header-mutation rules and limits,
 *   content-length rules (incl. 1.38's allow_content_length_header), dynamic metadata,
 *   attributes (a table of plain names, no CEL), forward_rules, mode_override, spurious replies,
 *   message timeouts and overrides, server close, fail-open, status_on_error, the 1.37 early
 *   stream close and observability mode;
 * - StreamedImmediateResponse (§5.5): the server's streamed local response reaches downstream
 *   (`downstream.streamedLocalReply`), the request never goes upstream, the request body
 *   (FULL_DUPLEX) and trailers keep going to the server, and spurious replies after its start
 *   reset the stream;
 * - per-route `ExtProcPerRoute` (§12, `spec.perRoute`): `disabled`, and the overrides
 *   processing_mode, grpc_service (another target), grpc_initial_metadata, metadata_options and
 *   failure_mode_allow, merged least → most specific.
 *
 * Not simulated (rejected with `UnsupportedFeatureError`, never silently different):
 * mode_override into FULL_DUPLEX_STREAMED (known Envoy bugs, §4.8), mode_override while only the
 * per-route mode is FULL_DUPLEX_STREAMED and StreamedImmediateResponse under
 * `disable_immediate_response` (both: doc silent), and the GRPC body mode (not implemented by
 * Envoy's HTTP filter). `http_service` and `processing_request_modifier` (filter-level or
 * per-route) are out of scope.
 *
 * Modelled around the filter: the HCM's `x-request-id` / `x-forwarded-proto` and the router's
 * `x-envoy-upstream-service-time` (switch off with `hcmHeaders: false`); an HTTP/1 `host` header
 * becomes `:authority`; inline headers fold with `,`; the upstream answers once the request
 * fully arrived, no earlier than the next event-loop turn. Headers the HCM adds after the filter
 * chain (`date`, `server`) and the router's upstream-only headers are not modelled.
 *
 * @module
 */

export type { MutationRules } from '../http/header-rules.js';
export { PROCESS_PATH } from '../protocol/service.js';
export { KNOWN_ATTRIBUTES } from './attributes.js';
export type { CallStatus, ClientSideStream, ClientStreamEvents, ExtProcChannel } from './channel.js';
export { type GrpcChannelOptions, grpcChannel } from './channel-grpc.js';
export {
  type ChannelCloseMode,
  type Http2ChannelOptions,
  type Http2ChannelTls,
  http2Channel,
} from './channel-http2.js';
export { inProcessChannel } from './channel-in-process.js';
export type {
  BodySendMode,
  EnvoyFilterConfig,
  HeaderSendMode,
  ProcessingModeInput,
  RouteCacheAction,
} from './config.js';
export {
  ExchangeTimeoutError,
  InvalidConfigError,
  TestKitError,
  TestKitErrorCode,
  UnsupportedFeatureError,
} from './errors.js';
export { runExchange } from './exchange.js';
export { HeaderList } from './header-list.js';
export { HeaderMutationDetails } from './header-mutation.js';
export type { ExtProcOverrides, ExtProcPerRoute, PerRouteGrpcService } from './per-route.js';
export type {
  Direction,
  DownstreamResult,
  ExchangeResult,
  ExtProcStats,
  ReplyDisposition,
  StreamOutcome,
  TranscriptEntry,
  UpstreamResult,
  Violation,
  ViolationKind,
} from './result.js';
export type {
  BodyInit,
  ConnectionInfo,
  ExchangeSpec,
  HeaderInit,
  Pacing,
  ReceivedRequest,
  RequestSpec,
  UpstreamResponseSpec,
} from './spec.js';
export type { StringMatcherInput } from './string-matcher.js';
