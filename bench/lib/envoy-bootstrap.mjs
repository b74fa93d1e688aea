// The Envoy bootstrap of the latency runs (bench/latency.mjs, when ENVOY_BIN is set): one Envoy
// with two listeners in front of the same upstream cluster, so "without the processor" and "with
// it" differ only by the ext_proc filter:
//   without  HTTP connection manager → router → upstream
//   with     HTTP connection manager → ext_proc (attache's gRPC cluster, HTTP/2) → router → upstream
// Plain JSON (Envoy reads a .json bootstrap as it reads YAML); the shape follows
// examples/quickstart/envoy.yaml, which the real-Envoy e2e test runs.

const HCM =
  'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const EXT_PROC = 'type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor';
const ROUTER = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router';
const HTTP_OPTIONS = 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

const address = (port) => ({ socket_address: { address: '127.0.0.1', port_value: port } });

function checkPort(name, port) {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`envoy bootstrap: ${name} must be a TCP port (1-65535), got ${port}`);
}

function listener(name, port, extProc) {
  return {
    name,
    address: address(port),
    filter_chains: [
      {
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: {
              '@type': HCM,
              stat_prefix: name,
              route_config: {
                virtual_hosts: [
                  {
                    name: 'all',
                    domains: ['*'],
                    routes: [{ match: { prefix: '/' }, route: { cluster: 'upstream' } }],
                  },
                ],
              },
              http_filters: [
                ...(extProc === null ? [] : [{ name: 'envoy.filters.http.ext_proc', typed_config: extProc }]),
                { name: 'envoy.filters.http.router', typed_config: { '@type': ROUTER } },
              ],
            },
          },
        ],
      },
    ],
  };
}

function cluster(name, port, http2) {
  return {
    name,
    type: 'STATIC',
    connect_timeout: '1s',
    ...(http2
      ? {
          typed_extension_protocol_options: {
            'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
              '@type': HTTP_OPTIONS,
              explicit_http_config: { http2_protocol_options: {} },
            },
          },
        }
      : {}),
    load_assignment: {
      cluster_name: name,
      endpoints: [{ lb_endpoints: [{ endpoint: { address: address(port) } }] }],
    },
  };
}

/**
 * Builds the bootstrap. `processingMode` is Envoy's ProcessingMode in proto field names
 * (e.g. `{ request_header_mode: 'SEND', request_body_mode: 'BUFFERED' }`). `gracefulClose`
 * turns on the runtime flag `ext_proc_graceful_grpc_close`; off by default, as in Envoy and
 * kgateway, so every stream ends with END_STREAM then RST_STREAM.
 */
export function envoyBootstrap({
  adminPort,
  withPort,
  withoutPort,
  upstreamPort,
  processorPort,
  processingMode,
  gracefulClose = false,
}) {
  for (const [name, port] of Object.entries({
    adminPort,
    withPort,
    withoutPort,
    upstreamPort,
    processorPort,
  }))
    checkPort(name, port);
  const extProc = {
    '@type': EXT_PROC,
    grpc_service: { envoy_grpc: { cluster_name: 'attache' } },
    failure_mode_allow: false,
    message_timeout: '0.2s',
    processing_mode: { request_header_mode: 'SEND', response_header_mode: 'SEND', ...processingMode },
  };
  return {
    admin: { address: address(adminPort) },
    static_resources: {
      listeners: [
        listener('without_ext_proc', withoutPort, null),
        listener('with_ext_proc', withPort, extProc),
      ],
      clusters: [cluster('attache', processorPort, true), cluster('upstream', upstreamPort, false)],
    },
    layered_runtime: {
      layers: [
        {
          name: 'static',
          static_layer: { 'envoy.reloadable_features.ext_proc_graceful_grpc_close': gracefulClose },
        },
      ],
    },
  };
}
