/**
 * A static Envoy v3 bootstrap (Envoy 1.37+) from attache's settings and a route table: listeners
 * with the ext_proc filter ahead of the router, per-route `ExtProcPerRoute`, the processor's
 * HTTP/2 cluster listing every endpoint, the upstream clusters, admin on loopback and the
 * graceful-close runtime flag. The result is a plain object in Envoy's snake_case field names,
 * ready to be written as YAML.
 *
 * @module
 */
import { isIP } from 'node:net';
import { AttacheError, ErrorCode } from '../errors.js';
import type { ProcessingModeConfig, ProcessingModeInput } from '../protocol/processing-mode.js';
import type { ListenTarget } from '../server/listen-address.js';
import { envoyApi, TYPES, typeUrl } from './envoy-api.js';
import type { HostPort, Route, RouteTable } from './route-table.js';
import type { ExtProcSettings, MutationRulesConfig } from './settings.js';

/** The processor cluster's name. */
export const PROCESSOR_CLUSTER = 'attache';
/** The ext_proc filter's name in the HTTP filter chain (and the `typed_per_filter_config` key). */
export const EXT_PROC_FILTER = 'envoy.filters.http.ext_proc';
/** The runtime flag that ends each ext_proc stream with a half-close instead of a reset. */
export const GRACEFUL_CLOSE_FLAG = 'envoy.reloadable_features.ext_proc_graceful_grpc_close';
/** Envoy's default `per_connection_buffer_limit_bytes` (1 MiB). */
const ENVOY_BUFFER_LIMIT = 1024 * 1024;

/** What {@link buildBootstrap} needs besides the settings and routes. */
export interface BootstrapInput {
  readonly settings: ExtProcSettings;
  readonly routes: RouteTable;
  /** Every endpoint of the processor (`attache serve --processes N` serves N). */
  readonly processor: readonly ListenTarget[];
  /** Envoy's admin address (loopback). */
  readonly admin: HostPort;
  /** Envoy's side of TLS to the processor (`envoy.processorTls`), or null: cleartext HTTP/2. */
  readonly tls: ProcessorTls | null;
}

/** `envoy.processorTls`: the files Envoy uses to speak TLS to attache (paths as Envoy sees them). */
export interface ProcessorTls {
  readonly caFile: string;
  readonly sni?: string | undefined;
  readonly certFile?: string | undefined;
  readonly keyFile?: string | undefined;
}

/**
 * The processor cluster's TLS socket: ALPN h2 (attache offers only h2), the chain checked
 * against `caFile` and, with `sni`, the name checked too (Envoy checks a name only when told to).
 */
function tlsSocket(tls: ProcessorTls): Json {
  const validation: Json = { trusted_ca: { filename: tls.caFile } };
  if (tls.sni !== undefined) {
    validation.match_typed_subject_alt_names = [{ san_type: 'DNS', matcher: { exact: tls.sni } }];
  }
  const common: Json = { alpn_protocols: ['h2'], validation_context: validation };
  if (tls.certFile !== undefined && tls.keyFile !== undefined) {
    common.tls_certificates = [
      { certificate_chain: { filename: tls.certFile }, private_key: { filename: tls.keyFile } },
    ];
  }
  const context: Json = { '@type': typeUrl(TYPES.upstreamTls) };
  if (tls.sni !== undefined) context.sni = tls.sni;
  context.common_tls_context = common;
  return { name: 'envoy.transport_sockets.tls', typed_config: context };
}

type Json = Record<string, unknown>;

/** A duration in Envoy's JSON form (`0.2s`). */
export function duration(ms: number): string {
  const seconds = (ms / 1000).toFixed(3).replace(/\.?0+$/, '');
  return `${seconds}s`;
}

/** A processing mode in Envoy's field names, every given field written (none left to defaults). */
export function envoyMode(mode: ProcessingModeInput): Json {
  const out: Json = {};
  const names: Array<[keyof ProcessingModeInput, string]> = [
    ['requestHeaderMode', 'request_header_mode'],
    ['responseHeaderMode', 'response_header_mode'],
    ['requestBodyMode', 'request_body_mode'],
    ['responseBodyMode', 'response_body_mode'],
    ['requestTrailerMode', 'request_trailer_mode'],
    ['responseTrailerMode', 'response_trailer_mode'],
  ];
  for (const [key, name] of names) if (mode[key] !== undefined) out[name] = mode[key];
  return out;
}

/** `HeaderMutationRules` in Envoy's field names. */
function mutationRules(rules: MutationRulesConfig): Json | undefined {
  const out: Json = {};
  if (rules.allowAllRouting !== undefined) out.allow_all_routing = rules.allowAllRouting;
  if (rules.allowEnvoy !== undefined) out.allow_envoy = rules.allowEnvoy;
  if (rules.disallowSystem !== undefined) out.disallow_system = rules.disallowSystem;
  if (rules.disallowAll !== undefined) out.disallow_all = rules.disallowAll;
  if (rules.allowExpression !== undefined) out.allow_expression = { regex: rules.allowExpression };
  if (rules.disallowExpression !== undefined) out.disallow_expression = { regex: rules.disallowExpression };
  if (rules.disallowIsError !== undefined) out.disallow_is_error = rules.disallowIsError;
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Envoy's `type.v3.StatusCode` name for an HTTP status. */
function statusCodeName(status: number): string {
  const value = envoyApi()
    .getEnum('envoy.type.v3.StatusCode')
    ?.values.find((v) => v.number === status);
  if (value === undefined || status === 0) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `failure.status ${status} is not a status Envoy's status_on_error can send`,
    );
  }
  return value.name;
}

/** The ext_proc filter's `typed_config`. */
export function extProcFilter(settings: ExtProcSettings): Json {
  const filter: Json = {
    '@type': typeUrl(TYPES.extProc),
    grpc_service: { envoy_grpc: { cluster_name: PROCESSOR_CLUSTER } },
    failure_mode_allow: settings.failOpen,
  };
  if (!settings.failOpen) filter.status_on_error = { code: statusCodeName(settings.statusOnError) };
  filter.processing_mode = envoyMode(settings.processingMode);
  filter.message_timeout = duration(settings.messageTimeoutMs);
  if (settings.maxMessageTimeoutMs > 0) filter.max_message_timeout = duration(settings.maxMessageTimeoutMs);
  filter.allow_mode_override = settings.allowModeOverride;
  if (settings.allowModeOverride) {
    filter.allowed_override_modes = settings.allowedOverrideModes.map((m) => envoyMode(m));
  }
  const rules = mutationRules(settings.mutationRules);
  if (rules !== undefined) filter.mutation_rules = rules;
  if (settings.namespaces.length > 0) {
    filter.metadata_options = {
      receiving_namespaces: { untyped: settings.namespaces.map((n) => n.namespace) },
    };
  }
  if (settings.allowContentLengthHeader) filter.allow_content_length_header = true;
  return filter;
}

/** Whether a body is buffered by Envoy under `mode`. */
const buffers = (mode: ProcessingModeInput): boolean =>
  [mode.requestBodyMode, mode.responseBodyMode].some((m) => m === 'BUFFERED' || m === 'BUFFERED_PARTIAL');

/** An Envoy address to bind (listeners, admin). */
function socketAddress(host: string, port: number): Json {
  return { socket_address: { address: host, port_value: port } };
}

/** An Envoy address to connect to: a wildcard listen host (0.0.0.0, ::) is reached on loopback. */
function endpointAddress(target: ListenTarget): Json {
  if (target.kind === 'unix') return { pipe: { path: target.path } };
  const host = target.host === '0.0.0.0' ? '127.0.0.1' : target.host === '::' ? '::1' : target.host;
  return socketAddress(host, target.port);
}

/** STATIC when every endpoint is an IP or a socket, else STRICT_DNS (host names resolved). */
function clusterType(targets: readonly ListenTarget[]): string {
  return targets.every((t) => t.kind === 'unix' || isIP(t.host) !== 0) ? 'STATIC' : 'STRICT_DNS';
}

function cluster(name: string, targets: readonly ListenTarget[], bufferLimit: number | undefined): Json {
  const out: Json = { name, type: clusterType(targets), connect_timeout: '1s' };
  if (bufferLimit !== undefined) out.per_connection_buffer_limit_bytes = bufferLimit;
  out.load_assignment = {
    cluster_name: name,
    endpoints: [{ lb_endpoints: targets.map((t) => ({ endpoint: { address: endpointAddress(t) } })) }],
  };
  return out;
}

/** The processor's cluster: gRPC needs HTTP/2; Envoy checks each endpoint with grpc.health.v1. */
function processorCluster(targets: readonly ListenTarget[], tls: ProcessorTls | null): Json {
  if (targets.length === 0) {
    throw new AttacheError(ErrorCode.CONFIG_INVALID, 'the processor has no endpoint to list');
  }
  const base = cluster(PROCESSOR_CLUSTER, targets, undefined);
  const { load_assignment, ...rest } = base;
  return {
    ...rest,
    typed_extension_protocol_options: {
      [TYPES.httpProtocolOptions]: {
        '@type': typeUrl(TYPES.httpProtocolOptions),
        explicit_http_config: { http2_protocol_options: {} },
      },
    },
    health_checks: [
      { timeout: '1s', interval: '5s', unhealthy_threshold: 2, healthy_threshold: 1, grpc_health_check: {} },
    ],
    load_assignment,
    ...(tls === null ? {} : { transport_socket: tlsSocket(tls) }),
  };
}

function pathMatch(route: Route): Json {
  const { type, value } = route.match.path;
  if (type === 'Exact') return { path: value };
  if (type === 'RegularExpression') return { safe_regex: { regex: value } };
  const trimmed = value.length > 1 ? value.replace(/\/+$/, '') : value;
  // Gateway API's PathPrefix matches whole segments: /foo matches /foo and /foo/x, not /foobar.
  return trimmed === '/' || trimmed === '' ? { prefix: '/' } : { path_separated_prefix: trimmed };
}

const stringMatch = (type: 'Exact' | 'RegularExpression', value: string): Json =>
  type === 'Exact' ? { exact: value } : { safe_regex: { regex: value } };

function routeJson(route: Route): Json {
  const match: Json = pathMatch(route);
  const headers = route.match.headers.map((h) => ({
    name: h.name,
    string_match: stringMatch(h.type, h.value),
  }));
  if (route.match.method !== undefined)
    headers.push({ name: ':method', string_match: { exact: route.match.method } });
  if (headers.length > 0) match.headers = headers;
  if (route.match.queryParams.length > 0) {
    match.query_parameters = route.match.queryParams.map((q) => ({
      name: q.name,
      string_match: stringMatch(q.type, q.value),
    }));
  }
  const action: Json =
    route.backends.length === 1
      ? { cluster: (route.backends[0] as { cluster: string }).cluster }
      : {
          weighted_clusters: { clusters: route.backends.map((b) => ({ name: b.cluster, weight: b.weight })) },
        };
  if (route.timeoutMs !== undefined) action.timeout = duration(route.timeoutMs);
  const out: Json = { name: route.name, match, route: action };
  if (route.extProc.kind === 'off') {
    out.typed_per_filter_config = {
      [EXT_PROC_FILTER]: { '@type': typeUrl(TYPES.extProcPerRoute), disabled: true },
    };
  } else if (route.extProc.kind === 'override') {
    out.typed_per_filter_config = {
      [EXT_PROC_FILTER]: {
        '@type': typeUrl(TYPES.extProcPerRoute),
        overrides: { processing_mode: envoyMode(route.extProc.processingMode) },
      },
    };
  }
  return out;
}

/** The effective mode on a route: its override's fields over the filter's. */
export function routeMode(filterMode: ProcessingModeConfig, route: Route): ProcessingModeConfig | null {
  if (route.extProc.kind === 'off') return null;
  if (route.extProc.kind === 'on') return filterMode;
  return { ...filterMode, ...route.extProc.processingMode };
}

/**
 * The bootstrap.
 *
 * @throws AttacheError for a `failure.status` Envoy cannot send or a processor without endpoints.
 */
export function buildBootstrap(input: BootstrapInput): Json {
  const { settings, routes } = input;
  const allRoutes = routes.listeners.flatMap((l) => l.virtualHosts.flatMap((v) => v.routes));
  const buffered =
    buffers(settings.processingMode) ||
    allRoutes.some((r) => r.extProc.kind === 'override' && buffers(r.extProc.processingMode));
  // A BUFFERED body over the connection's buffer limit gets Envoy's 413 (request) or 500
  // (response): the limit follows attache's body.maxBytes so that attache's limit is the one met.
  const bufferLimit = buffered ? Math.max(settings.maxBodyBytes, ENVOY_BUFFER_LIMIT) : undefined;
  const filter = extProcFilter(settings);
  const listeners = routes.listeners.map((listener) => {
    const hcm: Json = {
      '@type': typeUrl(TYPES.hcm),
      stat_prefix: listener.name,
      max_request_headers_kb: settings.maxHeadersKb,
      common_http_protocol_options: { max_headers_count: settings.maxHeadersCount },
      route_config: {
        name: listener.name,
        virtual_hosts: listener.virtualHosts.map((vh) => ({
          name: vh.name,
          domains: vh.domains,
          routes: vh.routes.map(routeJson),
        })),
      },
      http_filters: [
        { name: EXT_PROC_FILTER, typed_config: filter },
        { name: 'envoy.filters.http.router', typed_config: { '@type': typeUrl(TYPES.router) } },
      ],
    };
    const out: Json = {
      name: listener.name,
      address: socketAddress(listener.address.host, listener.address.port),
    };
    if (bufferLimit !== undefined) out.per_connection_buffer_limit_bytes = bufferLimit;
    out.filter_chains = [
      { filters: [{ name: 'envoy.filters.network.http_connection_manager', typed_config: hcm }] },
    ];
    return out;
  });
  const clusters = [
    processorCluster(input.processor, input.tls),
    ...routes.clusters.map((c) =>
      cluster(
        c.name,
        c.endpoints.map((e) => ({ kind: 'tcp' as const, host: e.host, port: e.port })),
        bufferLimit,
      ),
    ),
  ];
  return {
    admin: { address: socketAddress(input.admin.host, input.admin.port) },
    static_resources: { listeners, clusters },
    layered_runtime: {
      layers: [{ name: 'static', static_layer: { [GRACEFUL_CLOSE_FLAG]: true } }],
    },
  };
}
