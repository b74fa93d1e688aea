/**
 * Per-route ext_proc configuration (`ExtProcPerRoute`, doc §12): what a test gives as
 * `spec.perRoute`, and how Envoy folds it into the filter's configuration for one request.
 *
 * Envoy merges the per-route configs that match a request from the least to the most specific
 * (virtual host, route, …) when the request headers arrive; the kit knows the route from the
 * start, so it merges once before the exchange begins (the result is the same).
 *
 * @module
 */
import type { ProcessStreamTarget } from '../transport/types.js';
import type { ExtProcChannel } from './channel.js';
import {
  configuredProcessingMode,
  type NormalizedConfig,
  type ProcessingModeConfig,
  type ProcessingModeInput,
} from './config.js';
import { InvalidConfigError } from './errors.js';

/**
 * `ExtProcOverrides.grpc_service`: the route sends its Process stream to another ext_proc server
 * (doc §12, §18.64). The kit cannot resolve a cluster name, so the test hands over the server
 * itself.
 *
 * @example
 * ```ts
 * const grpcService: PerRouteGrpcService = { target: otherProcessor, initialMetadata: { 'x-pool': 'b' } };
 * ```
 */
export interface PerRouteGrpcService {
  /** The other server: a `ProcessStreamTarget` (run in-process) or any {@link ExtProcChannel}. */
  target: ProcessStreamTarget | ExtProcChannel;
  /**
   * That GrpcService's own `initial_metadata`. It replaces the filter-level `grpcInitialMetadata`
   * (the whole GrpcService is replaced); the route's `grpcInitialMetadata` then merges on top.
   */
  initialMetadata?: Record<string, string>;
}

/**
 * `ExtProcOverrides`: the per-route fields Envoy implements (doc §12). Attribute overrides are
 * not implemented by Envoy, and `processing_request_modifier` is not simulated by the kit, so
 * neither is offered.
 *
 * @example
 * ```ts
 * const overrides: ExtProcOverrides = {
 *   processingMode: { requestBodyMode: 'BUFFERED', responseHeaderMode: 'SKIP' },
 *   grpcInitialMetadata: { 'x-route': 'checkout' },
 *   failureModeAllow: true,
 * };
 * ```
 */
export interface ExtProcOverrides {
  /** `processing_mode`: replaces the filter's whole mode (no per-field merge). */
  processingMode?: ProcessingModeInput;
  /** `grpc_service`: another ext_proc server for this route. */
  grpcService?: PerRouteGrpcService;
  /** `grpc_initial_metadata`: merged by key into the call metadata (the route's value wins). */
  grpcInitialMetadata?: Record<string, string>;
  /** `metadata_options`: replaces the filter's namespaces wholesale (an omitted list is empty). */
  metadataOptions?: {
    forwardingNamespaces?: { untyped?: string[] };
    receivingNamespaces?: { untyped?: string[] };
  };
  /** `failure_mode_allow` (BoolValue, Envoy 1.35+): replaces the filter's value when set. */
  failureModeAllow?: boolean;
}

/**
 * `ExtProcPerRoute`: exactly one of `disabled: true` (no ext_proc for the route: all header
 * modes SKIP, bodies NONE, trailers SKIP, so no stream at all, §18.63) or `overrides`.
 *
 * @example
 * ```ts
 * const vhost: ExtProcPerRoute = { overrides: { grpcInitialMetadata: { 'x-vhost': 'shop' } } };
 * const route: ExtProcPerRoute = { disabled: true };
 * await runExchange(processor, { perRoute: [vhost, route] }); // disabled: the route is more specific
 * ```
 */
export type ExtProcPerRoute = { disabled: true } | { overrides: ExtProcOverrides };

/** The per-route configs after Envoy's merge. */
interface MergedPerRoute {
  disabled: boolean;
  processingMode?: ProcessingModeConfig | undefined;
  grpcService?: PerRouteGrpcService | undefined;
  grpcInitialMetadata: Record<string, string>;
  metadataOptions?: ExtProcOverrides['metadataOptions'];
  failureModeAllow?: boolean | undefined;
}

/** `disabled: true` (doc §12): nothing is ever sent. */
const DISABLED_MODE: ProcessingModeConfig = {
  requestHeaderMode: 'SKIP',
  responseHeaderMode: 'SKIP',
  requestBodyMode: 'NONE',
  responseBodyMode: 'NONE',
  requestTrailerMode: 'SKIP',
  responseTrailerMode: 'SKIP',
};

function lowerKeys(metadata: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metadata ?? {})) out[k.toLowerCase()] = v;
  return out;
}

/** Checks the oneof: exactly one of `disabled: true` / `overrides`. */
function overridesOf(level: ExtProcPerRoute, where: string): ExtProcOverrides | undefined {
  const hasDisabled = 'disabled' in level;
  const hasOverrides = 'overrides' in level;
  if (hasDisabled === hasOverrides) {
    throw new InvalidConfigError(`${where}: give exactly one of \`disabled: true\` or \`overrides\``);
  }
  if (hasDisabled) {
    // Doc silent on `disabled: false`; the kit refuses it rather than guess what Envoy makes of it.
    if (level.disabled !== true) throw new InvalidConfigError(`${where}.disabled must be true`);
    return undefined;
  }
  return (level as { overrides: ExtProcOverrides }).overrides;
}

/**
 * Envoy's per-route merge, least → most specific (doc §12): per field the more specific level
 * wins, `grpc_initial_metadata` merges by key, and `disabled` is the most specific level's (an
 * `overrides` level re-enables). A disabled level carries no fields, so the fields of levels on
 * either side of it still merge — the doc's "per field" rule read literally.
 */
function mergePerRoute(levels: readonly ExtProcPerRoute[]): MergedPerRoute {
  const merged: MergedPerRoute = { disabled: false, grpcInitialMetadata: {} };
  levels.forEach((level, i) => {
    const where = `perRoute[${i}]`;
    const overrides = overridesOf(level, where);
    merged.disabled = overrides === undefined;
    if (overrides === undefined) return;
    if (overrides.processingMode !== undefined) {
      // Doc §12 is silent on validating per-route modes; the kit applies the filter-level
      // config-load rules (§4.1), the stricter reading.
      merged.processingMode = configuredProcessingMode(overrides.processingMode, `${where}.processingMode`);
    }
    if (overrides.grpcService !== undefined) merged.grpcService = overrides.grpcService;
    if (overrides.metadataOptions !== undefined) merged.metadataOptions = overrides.metadataOptions;
    if (overrides.failureModeAllow !== undefined) merged.failureModeAllow = overrides.failureModeAllow;
    Object.assign(merged.grpcInitialMetadata, lowerKeys(overrides.grpcInitialMetadata));
  });
  return merged;
}

/** The filter configuration for one request after its per-route config, and where it streams to. */
export interface RouteResolution {
  config: NormalizedConfig;
  /** The per-route `grpc_service` target, if the route overrides it. */
  target?: ProcessStreamTarget | ExtProcChannel | undefined;
}

/**
 * Applies the matching per-route configs (`spec.perRoute`, least → most specific) to the
 * filter-level `config` (doc §12, §1.4). `config.processingMode` stays the filter-level mode,
 * which mode_override merges with (doc §9); the request starts in `routeProcessingMode`.
 *
 * @throws InvalidConfigError for a malformed `ExtProcPerRoute` or a per-route mode Envoy would
 *   reject at config load.
 */
export function applyPerRoute(
  config: NormalizedConfig,
  perRoute: ExtProcPerRoute | readonly ExtProcPerRoute[] | undefined,
): RouteResolution {
  if (perRoute === undefined) return { config };
  const levels: readonly ExtProcPerRoute[] = Array.isArray(perRoute)
    ? perRoute
    : [perRoute as ExtProcPerRoute];
  const merged = mergePerRoute(levels);
  if (merged.disabled) return { config: { ...config, routeProcessingMode: DISABLED_MODE } };
  const options = merged.metadataOptions;
  // §1.4: the GrpcService's initial_metadata (the route's own GrpcService when it overrides it),
  // then the per-route grpc_initial_metadata, replacing per key.
  const baseMetadata =
    merged.grpcService === undefined
      ? config.grpcInitialMetadata
      : lowerKeys(merged.grpcService.initialMetadata);
  return {
    config: {
      ...config,
      routeProcessingMode: merged.processingMode ?? config.processingMode,
      failureModeAllow: merged.failureModeAllow ?? config.failureModeAllow,
      forwardingNamespaces:
        options === undefined
          ? config.forwardingNamespaces
          : [...(options.forwardingNamespaces?.untyped ?? [])],
      receivingNamespaces:
        options === undefined
          ? config.receivingNamespaces
          : [...(options.receivingNamespaces?.untyped ?? [])],
      grpcInitialMetadata: { ...baseMetadata, ...merged.grpcInitialMetadata },
    },
    target: merged.grpcService?.target,
  };
}
