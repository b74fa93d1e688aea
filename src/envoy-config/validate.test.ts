/** What the types cannot say: references, filter slots and order, HTTP/2 for the processor. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateBootstrap } from './validate.js';

// biome-ignore lint/suspicious/noExplicitAny: test documents are edited freely.
type Doc = Record<string, any>;
const quickstart = (): Doc =>
  parse(readFileSync(new URL('../../examples/quickstart/envoy.yaml', import.meta.url), 'utf8'));
const hcm = (d: Doc): Doc => d.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
const HCM = 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config';

describe('validateBootstrap', () => {
  it('passes the quick start bootstrap', () => {
    expect(validateBootstrap(quickstart())).toEqual([]);
  });

  it('finds a route to a cluster that does not exist, and an ext_proc cluster that does not exist', () => {
    const d = quickstart();
    hcm(d).route_config.virtual_hosts[0].routes[0].route.cluster = 'upstrem';
    hcm(d).http_filters[0].typed_config.grpc_service.envoy_grpc.cluster_name = 'atache';
    expect(validateBootstrap(d)).toEqual([
      {
        path: `${HCM}.http_filters[0].typed_config.grpc_service.envoy_grpc.cluster_name`,
        message: 'no cluster named atache in static_resources.clusters',
      },
      {
        path: `${HCM}.route_config.virtual_hosts[0].routes[0].route.cluster`,
        message: 'no cluster named upstrem in static_resources.clusters',
      },
    ]);
  });

  it('refuses a processor cluster without HTTP/2, with the fix', () => {
    const d = quickstart();
    delete d.static_resources.clusters[0].typed_extension_protocol_options;
    const [issue, ...rest] = validateBootstrap(d);
    expect(rest).toEqual([]);
    expect(issue?.message).toBe(
      'cluster attache is not HTTP/2: every ext_proc stream fails (gRPC needs HTTP/2)',
    );
    expect(issue?.fix).toContain('explicit_http_config: { http2_protocol_options: {} }');
  });

  it('accepts the deprecated cluster-level http2_protocol_options as HTTP/2', () => {
    const d = quickstart();
    delete d.static_resources.clusters[0].typed_extension_protocol_options;
    d.static_resources.clusters[0].http2_protocol_options = {};
    expect(validateBootstrap(d)).toEqual([]);
  });

  it('refuses ext_proc after the router, a chain not ending with the router, and a filter type it does not check', () => {
    const d = quickstart();
    hcm(d).http_filters.reverse();
    const messages = validateBootstrap(d).map((i) => i.message);
    expect(messages).toEqual([
      'the ext_proc filter must come before the router',
      'the last HTTP filter must be the router (envoy.filters.http.router)',
    ]);
    const e = quickstart();
    hcm(e).http_filters[0].typed_config = {
      '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
      name: 'x',
    };
    expect(validateBootstrap(e).map((i) => i.message)).toEqual([
      expect.stringContaining('Cluster: not an HTTP filter type attache checks'),
    ]);
  });

  it('refuses a per-route config of the wrong type or for a filter the listener does not have', () => {
    const d = quickstart();
    const route = hcm(d).route_config.virtual_hosts[0].routes[0];
    route.typed_per_filter_config = {
      'envoy.filters.http.ext_proc': {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
      },
      'envoy.filters.http.ext_authz': {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute',
        disabled: true,
      },
    };
    expect(validateBootstrap(d).map((i) => i.message)).toEqual([
      expect.stringContaining(
        'Router: expected type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute',
      ),
      'no HTTP filter named envoy.filters.http.ext_authz in this listener',
    ]);
    route.typed_per_filter_config = {
      'envoy.filters.http.ext_proc': {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute',
        disabled: false,
      },
    };
    expect(validateBootstrap(d).map((i) => i.message)).toEqual(['must be true']);
  });

  it('refuses FULL_DUPLEX_STREAMED without trailers SEND, as Envoy does', () => {
    const d = quickstart();
    hcm(d).http_filters[0].typed_config.processing_mode.request_body_mode = 'FULL_DUPLEX_STREAMED';
    expect(validateBootstrap(d)).toEqual([
      {
        path: `${HCM}.http_filters[0].typed_config.processing_mode.request_trailer_mode`,
        message: 'FULL_DUPLEX_STREAMED request body needs request_trailer_mode: SEND',
      },
    ]);
  });

  it('finds duplicate cluster names and a load assignment for another cluster', () => {
    const d = quickstart();
    d.static_resources.clusters[1].name = 'attache';
    expect(validateBootstrap(d).map((i) => i.message)).toEqual([
      'duplicate cluster attache',
      "must be the cluster's name attache",
      // The second one named attache is the one references find: it has no HTTP/2, and upstream is gone.
      'cluster attache is not HTTP/2: every ext_proc stream fails (gRPC needs HTTP/2)',
      'no cluster named upstream in static_resources.clusters',
    ]);
  });
});
