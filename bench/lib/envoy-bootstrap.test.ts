/**
 * The latency benchmark's Envoy bootstrap cannot run here (no Envoy binary on CI machines), so its
 * structure is checked instead: listeners, filter order, clusters, and the type URLs of the
 * quick start's bootstrap, which the real-Envoy e2e test runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envoyBootstrap } from './envoy-bootstrap.mjs';

const ports = {
  adminPort: 9901,
  withPort: 10001,
  withoutPort: 10002,
  upstreamPort: 8080,
  processorPort: 50051,
};

// biome-ignore lint/suspicious/noExplicitAny: walking untyped Envoy JSON.
type Json = any;

function hcm(listener: Json): Json {
  return listener.filter_chains[0].filters[0].typed_config;
}

function types(node: Json, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const x of node) types(x, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '@type' && typeof v === 'string') out.add(v);
      else types(v, out);
    }
  }
  return out;
}

describe('envoyBootstrap', () => {
  const b: Json = envoyBootstrap({ ...ports, processingMode: { request_body_mode: 'BUFFERED' } });
  const byName = (name: string) => b.static_resources.listeners.find((l: Json) => l.name === name);

  it('has one listener without ext_proc and one with it, on their own ports', () => {
    expect(b.static_resources.listeners.map((l: Json) => l.name)).toEqual([
      'without_ext_proc',
      'with_ext_proc',
    ]);
    expect(byName('without_ext_proc').address.socket_address.port_value).toBe(10002);
    expect(byName('with_ext_proc').address.socket_address.port_value).toBe(10001);
    expect(b.admin.address.socket_address.port_value).toBe(9901);
  });

  it('puts ext_proc before the router, and the router last, on the with listener only', () => {
    expect(hcm(byName('without_ext_proc')).http_filters.map((f: Json) => f.name)).toEqual([
      'envoy.filters.http.router',
    ]);
    expect(hcm(byName('with_ext_proc')).http_filters.map((f: Json) => f.name)).toEqual([
      'envoy.filters.http.ext_proc',
      'envoy.filters.http.router',
    ]);
  });

  it('routes both listeners to the upstream cluster and ext_proc to an HTTP/2 attache cluster', () => {
    const clusters = new Map(b.static_resources.clusters.map((c: Json) => [c.name, c]));
    for (const name of ['without_ext_proc', 'with_ext_proc']) {
      const route = hcm(byName(name)).route_config.virtual_hosts[0].routes[0];
      expect(route.match).toEqual({ prefix: '/' });
      expect(clusters.has(route.route.cluster)).toBe(true);
    }
    const extProc = hcm(byName('with_ext_proc')).http_filters[0].typed_config;
    const attache: Json = clusters.get(extProc.grpc_service.envoy_grpc.cluster_name);
    expect(attache.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address).toEqual({
      address: '127.0.0.1',
      port_value: 50051,
    });
    const options =
      attache.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'];
    expect(options.explicit_http_config).toEqual({ http2_protocol_options: {} });
    const upstream: Json = clusters.get('upstream');
    expect(
      upstream.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value,
    ).toBe(8080);
    expect(upstream.typed_extension_protocol_options).toBeUndefined();
  });

  it("keeps Envoy's default header modes, adds the case's body mode, and fails closed", () => {
    const extProc = hcm(byName('with_ext_proc')).http_filters[0].typed_config;
    expect(extProc.processing_mode).toEqual({
      request_header_mode: 'SEND',
      response_header_mode: 'SEND',
      request_body_mode: 'BUFFERED',
    });
    expect(extProc.failure_mode_allow).toBe(false);
  });

  it('ends ext_proc streams as Envoy does by default (reset) unless gracefulClose is set', () => {
    const flag = (x: Json) =>
      x.layered_runtime.layers[0].static_layer['envoy.reloadable_features.ext_proc_graceful_grpc_close'];
    expect(flag(b)).toBe(false);
    expect(flag(envoyBootstrap({ ...ports, gracefulClose: true }))).toBe(true);
  });

  it("uses exactly the type URLs of the quick start's bootstrap (run by the real-Envoy e2e test)", () => {
    const quickstart = parse(
      readFileSync(new URL('../../examples/quickstart/envoy.yaml', import.meta.url), 'utf8'),
    );
    expect([...types(b)].sort()).toEqual([...types(quickstart)].sort());
  });

  it('names the field of a bad port', () => {
    expect(() => envoyBootstrap({ ...ports, upstreamPort: 0 })).toThrow(/upstreamPort must be a TCP port/);
  });
});
