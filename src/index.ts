/**
 * attache: write Envoy ext_proc processors as plugins.
 *
 * @module
 */

export { AttacheError, ErrorCode } from './errors.js';
export type { BodyView } from './http/body.js';
export type { HeaderView } from './http/header-map.js';
export type { MutationRules } from './http/header-rules.js';
export { createLogger, type Logger, type LogLevel, silentLogger } from './log.js';
export type { FailureMode, PipelineEntry, PipelineOptions } from './pipeline/pipeline.js';
// For plugin authors.
export { definePlugin, isPlugin, type Plugin } from './plugin/define-plugin.js';
export {
  type HeaderInit,
  type ImmediateResponse,
  isImmediateResponse,
  type RespondInit,
  respond,
} from './plugin/respond.js';
export type { StandardSchemaV1 } from './plugin/standard-schema.js';
export { createStateKey } from './plugin/state-key.js';
export type {
  BodyContext,
  BodyMode,
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
export { createProcessor, DEFAULT_MAX_MESSAGE_BYTES, Processor, type ProcessorOptions } from './processor.js';
// For running processors.
export { type AttacheServer, createServer, type ServerOptions } from './server/create-server.js';
export { EXT_PROC_SERVICE, PROCESS_PATH } from './transport/grpc-js.js';
export type { CallMetadata, ProcessStreamTarget, StreamHandler, StreamSink } from './transport/types.js';
// For transports and test doubles.
export { GrpcStatus } from './transport/types.js';
