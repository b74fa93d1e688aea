/**
 * attache: write Envoy ext_proc processors as plugins.
 *
 * @module
 */
// biome-ignore-all assist/source/organizeImports: exports are grouped by audience, not sorted.

// For plugin authors.
export { definePlugin, isPlugin, type Plugin } from './plugin/define-plugin.js';
export {
  respond,
  isImmediateResponse,
  type BodySource,
  type HeaderInit,
  type ImmediateResponse,
  type RespondInit,
} from './plugin/respond.js';
export { createStateKey } from './plugin/state-key.js';
export type {
  BodyContext,
  BodyMode,
  ChunkContext,
  ChunkMutations,
  Direction,
  Handler,
  HandlerResult,
  Handlers,
  HeaderMutations,
  HeadersContext,
  JsonValue,
  MaybePromise,
  ModeOverride,
  Mutations,
  Phase,
  PhaseContextBase,
  PluginDefinition,
  SetupApi,
  StateKey,
  StreamContext,
  TrailersContext,
} from './plugin/types.js';
export type { StandardSchemaV1 } from './plugin/standard-schema.js';
export type {
  HistogramSpec,
  MetricCounter,
  MetricGauge,
  MetricHistogram,
  MetricLabels,
  MetricSpec,
  PluginMetrics,
} from './observe/metrics/api.js';
export {
  DEFAULT_WORKER_THRESHOLD,
  type WorkerArgOf,
  type WorkerModule,
  type WorkerOptionsOf,
  type WorkerPoolOptions,
  type WorkerResultOf,
  type Workers,
  type WorkersSpec,
} from './workers/types.js';
/**
 * The schema library for plugin options (zod 4): validation and TypeScript types from one
 * definition, and the same copy attache itself uses. Any Standard Schema library works too.
 */
export { z } from 'zod';
export type { BodyView, ChunkView } from './http/body.js';
export { incompleteUtf8Tail } from './http/utf8.js';
export type { HeaderView } from './http/header-map.js';
export type { MutationRules } from './http/header-rules.js';
export { AttacheError, ErrorCode } from './errors.js';
export { ATTACHE_VERSION } from './version.js';
export {
  createLogger,
  silentLogger,
  type Logger,
  type LogFormat,
  type LoggerOptions,
  type LogLevel,
} from './log.js';

// For running processors.
export {
  type AttacheServer,
  createServer,
  type ServerOptions,
  type ShutdownOutcome,
  type TransportName,
} from './server/create-server.js';
export type { StrayErrorAction, StrayErrorCounts } from './server/stray-errors.js';
export {
  Readiness,
  type ReadinessReport,
  type ReadinessState,
  type ReloadRecord,
} from './server/readiness.js';
export {
  startAdminServer,
  type AdminServer,
  type AdminServerOptions,
  type MetricsRegistry,
} from './admin/admin-server.js';
export type { ClientAuth, KeepaliveOptions, TlsOptions } from './server/tls-options.js';
export { createProcessor, Processor, DEFAULT_MAX_MESSAGE_BYTES, type ProcessorOptions } from './processor.js';
export type { MetricsOptions } from './observe/metrics/api.js';
export type { TracingOption } from './observe/tracing/tracing-option.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  type FailureMode,
  type PipelineEntry,
  type PipelineOptions,
} from './pipeline/pipeline.js';
export type { MatchSpec, StringMatch } from './pipeline/match.js';
export { EXT_PROC_SERVICE, PROCESS_PATH } from './protocol/service.js';

// For the Envoy side: what the filter's allowed_override_modes should list.
export {
  allowedOverrideModes,
  type AllowedOverrideMode,
  type AllowedOverrides,
  type FilterModeInput,
} from './mode-override/allowed.js';
export type {
  BodySendMode,
  HeaderSendMode,
  ProcessingModeConfig,
  ProcessingModeInput,
} from './protocol/processing-mode.js';

// For transports and test doubles.
export { GrpcStatus } from './transport/types.js';
export type { CallMetadata, ProcessStreamTarget, StreamHandler, StreamSink } from './transport/types.js';
