/**
 * The simulated filter's configuration: a camelCase mirror of the subset of Envoy's
 * `ExternalProcessor` config the kit supports, normalized with Envoy's defaults (doc §2, §4.1).
 *
 * @module
 */

import type { MutationRules } from '../http/header-rules.js';
import type {
  BodySendMode,
  HeaderSendMode,
  ProcessingModeConfig,
  ProcessingModeInput,
} from '../protocol/processing-mode.js';
import { BODY_MODES, HEADER_MODES, withDefaults } from '../protocol/processing-mode.js';
import { InvalidConfigError, UnsupportedFeatureError } from './errors.js';
import { compileStringMatcher, type StringMatcher, type StringMatcherInput } from './string-matcher.js';

export type { BodySendMode, HeaderSendMode, ProcessingModeConfig, ProcessingModeInput };

/**
 * `route_cache_action` (§5.1).
 *
 * @example
 * ```ts
 * const envoy: EnvoyFilterConfig = { routeCacheAction: 'RETAIN' };
 * ```
 */
export type RouteCacheAction = 'DEFAULT' | 'CLEAR' | 'RETAIN';

/**
 * Envoy ext_proc filter configuration for {@link runExchange} (`spec.envoy`). Every field is
 * optional and defaults to Envoy's default.
 *
 * @example
 * ```ts
 * const envoy: EnvoyFilterConfig = {
 *   processingMode: { requestBodyMode: 'BUFFERED', responseHeaderMode: 'SKIP' },
 *   messageTimeoutMs: 50,
 *   mutationRules: { disallowIsError: true },
 *   metadataOptions: { receivingNamespaces: { untyped: ['my.plugin'] } },
 * };
 * ```
 */
export interface EnvoyFilterConfig {
  /** `processing_mode` (default: headers SEND, bodies NONE, trailers SKIP). */
  processingMode?: ProcessingModeInput;
  /** `failure_mode_allow` (false). */
  failureModeAllow?: boolean;
  /** `message_timeout` in ms (200; 0 fires at once; max 3 600 000). */
  messageTimeoutMs?: number;
  /** `max_message_timeout` in ms (0 = override_message_timeout disabled). */
  maxMessageTimeoutMs?: number;
  /** `allow_mode_override` (false). */
  allowModeOverride?: boolean;
  /** `allowed_override_modes` ([] = any override allowed). */
  allowedOverrideModes?: ProcessingModeInput[];
  /** `disable_immediate_response` (false). */
  disableImmediateResponse?: boolean;
  /** `status_on_error` (500; only 400–599 honored, anything else means 500). */
  statusOnError?: number;
  /** `mutation_rules` (all false, no expressions); the same shape as attache's `envoy.mutationRules`. */
  mutationRules?: MutationRules;
  /** `metadata_options` (untyped namespaces only). */
  metadataOptions?: {
    forwardingNamespaces?: { untyped?: string[] };
    receivingNamespaces?: { untyped?: string[] };
  };
  /** `request_attributes`: attribute names from the kit's table (see `attributes.ts`). */
  requestAttributes?: string[];
  /** `response_attributes`. */
  responseAttributes?: string[];
  /** `forward_rules` (string matchers on header names). */
  forwardRules?: { allowedHeaders?: StringMatcherInput[]; disallowedHeaders?: StringMatcherInput[] };
  /** `send_body_without_waiting_for_header_response` (false). */
  sendBodyWithoutWaitingForHeaderResponse?: boolean;
  /** `allow_content_length_header` (false; Envoy 1.38+). */
  allowContentLengthHeader?: boolean;
  /** `observability_mode` (false). */
  observabilityMode?: boolean;
  /** `deferred_close_timeout` in ms (5000; observability mode only). */
  deferredCloseTimeoutMs?: number;
  /**
   * Runtime flag `envoy.reloadable_features.ext_proc_graceful_grpc_close` (false): Envoy ends a
   * stream with a half-close and waits for the server's status instead of resetting it (doc
   * §1.6). Recommended with Node servers: the reset Envoy sends otherwise counts against Node's
   * HTTP/2 rapid-reset limit.
   */
  gracefulGrpcClose?: boolean;
  /**
   * Runtime key `envoy.filters.http.ext_proc.remote_close_timeout_milliseconds` (1000): how long a
   * graceful close waits for the server's status before resetting the stream.
   */
  remoteCloseTimeoutMs?: number;
  /** The HTTP stream's buffer limit in bytes (listener default 1 MiB, doc §11). */
  bufferLimitBytes?: number;
  /** HCM `max_headers_count` (100). */
  maxHeadersCount?: number;
  /** HCM `max_request_headers_kb` (60), applied to every header map. */
  maxHeadersKb?: number;
  /**
   * `grpc_service.initial_metadata`, sent as call metadata (a per-route `grpcInitialMetadata`
   * merges on top by key, doc §1.4, §12).
   */
  grpcInitialMetadata?: Record<string, string>;
  /** `route_cache_action` (DEFAULT). */
  routeCacheAction?: RouteCacheAction;
  /** `disable_clear_route_cache` (false): same as RETAIN. */
  disableClearRouteCache?: boolean;
  /**
   * Model the headers the HTTP connection manager adds before the filter runs (`x-request-id`,
   * `x-forwarded-proto`; on responses `x-envoy-upstream-service-time`) (doc §3.3). Default true.
   */
  hcmHeaders?: boolean;
}

/** Normalized configuration used by the simulated filter. */
export interface NormalizedConfig {
  /** The filter-level `processing_mode` (what mode_override merges with, doc §9). */
  processingMode: ProcessingModeConfig;
  /**
   * The mode this request starts with: `processingMode` after the per-route override or
   * `disabled` (doc §12). Equal to `processingMode` when no per-route config applies.
   */
  routeProcessingMode: ProcessingModeConfig;
  failureModeAllow: boolean;
  messageTimeoutMs: number;
  maxMessageTimeoutMs: number;
  allowModeOverride: boolean;
  allowedOverrideModes: ProcessingModeConfig[];
  disableImmediateResponse: boolean;
  statusOnError: number;
  mutationRules: NormalizedMutationRules;
  forwardingNamespaces: string[];
  receivingNamespaces: string[];
  requestAttributes: string[];
  responseAttributes: string[];
  allowedHeaders: StringMatcher[];
  disallowedHeaders: StringMatcher[];
  sendBodyWithoutWaiting: boolean;
  allowContentLengthHeader: boolean;
  observabilityMode: boolean;
  deferredCloseTimeoutMs: number;
  gracefulGrpcClose: boolean;
  remoteCloseTimeoutMs: number;
  bufferLimitBytes: number;
  maxHeadersCount: number;
  maxHeadersKb: number;
  grpcInitialMetadata: Record<string, string>;
  routeCacheAction: RouteCacheAction;
  hcmHeaders: boolean;
}

/** Body modes the kit simulates (GRPC is not implemented by Envoy's HTTP filter, §4.1). */
const SUPPORTED_BODY_MODES: ReadonlySet<BodySendMode> = new Set([
  'NONE',
  'STREAMED',
  'BUFFERED',
  'BUFFERED_PARTIAL',
  'FULL_DUPLEX_STREAMED',
]);

/** Fills a partial processing mode with proto3 defaults (DEFAULT / NONE) and validates it. */
export function fullProcessingMode(
  input: ProcessingModeInput | undefined,
  where: string,
): ProcessingModeConfig {
  const m = withDefaults(input);
  for (const key of [
    'requestHeaderMode',
    'responseHeaderMode',
    'requestTrailerMode',
    'responseTrailerMode',
  ] as const) {
    if (!HEADER_MODES.includes(m[key]))
      throw new InvalidConfigError(`${where}.${key}: unknown mode ${m[key]}`);
  }
  for (const key of ['requestBodyMode', 'responseBodyMode'] as const) {
    if (!BODY_MODES.includes(m[key])) throw new InvalidConfigError(`${where}.${key}: unknown mode ${m[key]}`);
  }
  return m;
}

/**
 * Rejects body modes the kit does not simulate: GRPC, which Envoy's HTTP filter does not
 * implement either (doc §4.1: "Don't use").
 */
export function assertSupportedBodyModes(mode: ProcessingModeConfig, where: string): void {
  for (const key of ['requestBodyMode', 'responseBodyMode'] as const) {
    if (!SUPPORTED_BODY_MODES.has(mode[key])) {
      throw new UnsupportedFeatureError(
        `${where}.${key} = ${mode[key]} is not supported by the attache test kit (Envoy's HTTP filter does not implement it)`,
      );
    }
  }
}

function nonNegative(
  value: number | undefined,
  fallback: number,
  name: string,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || v > max)
    throw new InvalidConfigError(`${name} must be within 0..${max}`);
  return v;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) throw new InvalidConfigError(`${name} must be a positive integer`);
  return v;
}

/**
 * Fills and validates a configured processing mode (filter-level or per-route): Envoy's
 * config-load rule that FULL_DUPLEX_STREAMED needs that direction's trailer mode SEND (doc §4.1),
 * and the kit's supported body modes.
 */
export function configuredProcessingMode(
  input: ProcessingModeInput | undefined,
  where: string,
): ProcessingModeConfig {
  const mode = fullProcessingMode(input, where);
  if (mode.requestBodyMode === 'FULL_DUPLEX_STREAMED' && mode.requestTrailerMode !== 'SEND') {
    throw new InvalidConfigError(
      `${where}: FULL_DUPLEX_STREAMED request body mode requires requestTrailerMode SEND`,
    );
  }
  if (mode.responseBodyMode === 'FULL_DUPLEX_STREAMED' && mode.responseTrailerMode !== 'SEND') {
    throw new InvalidConfigError(
      `${where}: FULL_DUPLEX_STREAMED response body mode requires responseTrailerMode SEND`,
    );
  }
  assertSupportedBodyModes(mode, where);
  return mode;
}

/** {@link MutationRules} with Envoy's defaults filled in; expressions stay optional. */
export type NormalizedMutationRules = Required<
  Omit<MutationRules, 'allowExpression' | 'disallowExpression'>
> &
  Pick<MutationRules, 'allowExpression' | 'disallowExpression'>;

function normalizeMutationRules(rules: MutationRules): NormalizedMutationRules {
  for (const key of ['allowExpression', 'disallowExpression'] as const) {
    const source = rules[key];
    if (source === undefined) continue;
    try {
      new RegExp(source);
    } catch (cause) {
      throw new InvalidConfigError(
        `mutationRules.${key}: invalid regular expression: ${(cause as Error).message}`,
        {
          cause,
        },
      );
    }
  }
  return {
    allowAllRouting: rules.allowAllRouting ?? false,
    allowEnvoy: rules.allowEnvoy ?? false,
    disallowSystem: rules.disallowSystem ?? false,
    disallowAll: rules.disallowAll ?? false,
    disallowIsError: rules.disallowIsError ?? false,
    allowExpression: rules.allowExpression,
    disallowExpression: rules.disallowExpression,
  };
}

function matchers(inputs: readonly StringMatcherInput[] | undefined, where: string): StringMatcher[] {
  return (inputs ?? []).map((input, i) => {
    try {
      return compileStringMatcher(input);
    } catch (cause) {
      throw new InvalidConfigError(`${where}[${i}]: ${(cause as Error).message}`, { cause });
    }
  });
}

/**
 * Applies Envoy's defaults and config-load validation to `input`.
 *
 * @throws InvalidConfigError for configs Envoy rejects (e.g. FULL_DUPLEX_STREAMED without
 *   trailer SEND, doc §4.1); UnsupportedFeatureError for modes the kit cannot simulate yet.
 */
export function normalizeConfig(input: EnvoyFilterConfig = {}): NormalizedConfig {
  const processingMode = configuredProcessingMode(input.processingMode, 'processingMode');
  const observabilityMode = input.observabilityMode ?? false;

  const routeCacheAction: RouteCacheAction = input.disableClearRouteCache
    ? 'RETAIN'
    : (input.routeCacheAction ?? 'DEFAULT');
  if (!['DEFAULT', 'CLEAR', 'RETAIN'].includes(routeCacheAction)) {
    throw new InvalidConfigError(`routeCacheAction: unknown value ${routeCacheAction}`);
  }

  const statusOnErrorInput = input.statusOnError ?? 500;
  const grpcInitialMetadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.grpcInitialMetadata ?? {}))
    grpcInitialMetadata[k.toLowerCase()] = v;

  return {
    processingMode,
    routeProcessingMode: processingMode,
    failureModeAllow: input.failureModeAllow ?? false,
    messageTimeoutMs: nonNegative(input.messageTimeoutMs, 200, 'messageTimeoutMs', 3_600_000),
    maxMessageTimeoutMs: nonNegative(input.maxMessageTimeoutMs, 0, 'maxMessageTimeoutMs', 3_600_000),
    allowModeOverride: input.allowModeOverride ?? false,
    allowedOverrideModes: (input.allowedOverrideModes ?? []).map((m, i) =>
      fullProcessingMode(m, `allowedOverrideModes[${i}]`),
    ),
    disableImmediateResponse: input.disableImmediateResponse ?? false,
    // §8: only 400–599 honored, otherwise 500.
    statusOnError: statusOnErrorInput >= 400 && statusOnErrorInput <= 599 ? statusOnErrorInput : 500,
    mutationRules: normalizeMutationRules(input.mutationRules ?? {}),
    forwardingNamespaces: [...(input.metadataOptions?.forwardingNamespaces?.untyped ?? [])],
    receivingNamespaces: [...(input.metadataOptions?.receivingNamespaces?.untyped ?? [])],
    requestAttributes: [...(input.requestAttributes ?? [])],
    responseAttributes: [...(input.responseAttributes ?? [])],
    allowedHeaders: matchers(input.forwardRules?.allowedHeaders, 'forwardRules.allowedHeaders'),
    disallowedHeaders: matchers(input.forwardRules?.disallowedHeaders, 'forwardRules.disallowedHeaders'),
    sendBodyWithoutWaiting: input.sendBodyWithoutWaitingForHeaderResponse ?? false,
    allowContentLengthHeader: input.allowContentLengthHeader ?? false,
    observabilityMode,
    deferredCloseTimeoutMs: nonNegative(input.deferredCloseTimeoutMs, 5000, 'deferredCloseTimeoutMs'),
    gracefulGrpcClose: input.gracefulGrpcClose ?? false,
    remoteCloseTimeoutMs: nonNegative(input.remoteCloseTimeoutMs, 1000, 'remoteCloseTimeoutMs'),
    bufferLimitBytes: nonNegative(input.bufferLimitBytes, 1024 * 1024, 'bufferLimitBytes'),
    maxHeadersCount: positiveInt(input.maxHeadersCount, 100, 'maxHeadersCount'),
    maxHeadersKb: positiveInt(input.maxHeadersKb, 60, 'maxHeadersKb'),
    grpcInitialMetadata,
    routeCacheAction,
    hcmHeaders: input.hcmHeaders ?? true,
  };
}
