/** Loading Envoy documents strictly into Envoy's API types, every problem with its path. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envoyApi, TYPES } from './envoy-api.js';
import { StrictReader } from './strict-json.js';

const reader = new StrictReader(envoyApi());
// biome-ignore lint/suspicious/noExplicitAny: test documents are edited freely.
type Doc = Record<string, any>;
const quickstart = (): Doc =>
  parse(readFileSync(new URL('../../examples/quickstart/envoy.yaml', import.meta.url), 'utf8'));
const extProc = (d: Doc): Doc =>
  d.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config;
const FILTER =
  'static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config';

describe('StrictReader', () => {
  it("loads the quick start's hand-written bootstrap, Envoy 1.37+ ext_proc fields included", () => {
    const d = quickstart();
    extProc(d).status_on_error = { code: 'ServiceUnavailable' };
    extProc(d).allow_content_length_header = true;
    expect(reader.check(TYPES.bootstrap, d)).toEqual([]);
  });

  it('reports an unknown field with its path, in snake_case and camelCase documents alike', () => {
    const d = quickstart();
    d.static_resources.clusters[0].conect_timeout = '1s';
    extProc(d).messageTimeot = '1s';
    expect(reader.check(TYPES.bootstrap, d)).toEqual([
      {
        path: `${FILTER}.messageTimeot`,
        message: expect.stringContaining(
          'unknown field of envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor',
        ),
      },
      {
        path: 'static_resources.clusters[0].conect_timeout',
        message: 'unknown field of envoy.config.cluster.v3.Cluster',
      },
    ]);
  });

  it('reports an enum value Envoy does not know, and a value of the wrong JSON type', () => {
    const d = quickstart();
    extProc(d).processing_mode.request_body_mode = 'BUFFERD';
    extProc(d).failure_mode_allow = 'no';
    const issues = reader.check(TYPES.bootstrap, d);
    expect(issues.map((i) => i.path)).toEqual([
      `${FILTER}.failure_mode_allow`,
      `${FILTER}.processing_mode.request_body_mode`,
    ]);
    expect(issues[1]?.message).toContain(
      '"BUFFERD" is not a value of envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode',
    );
  });

  it('reports an @type that names no Envoy type, or has no type URL prefix', () => {
    const d = quickstart();
    extProc(d)['@type'] = 'type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExternalProcesor';
    d.static_resources.clusters[0].typed_extension_protocol_options[
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions'
    ]['@type'] = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';
    const issues = reader.check(TYPES.bootstrap, d);
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringContaining('ExternalProcesor: no such Envoy API type'),
      expect.stringContaining('expected type.googleapis.com/<type>'),
    ]);
  });

  it('reports two members of one oneof, and a missing required oneof', () => {
    const d = quickstart();
    d.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].match =
      {
        prefix: '/',
        path: '/x',
      };
    const route =
      d.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0]
        .routes[0];
    const issues = reader.check(TYPES.bootstrap, d);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain('one oneof (path_specifier)');
    route.match = {};
    expect(reader.check(TYPES.bootstrap, d)[0]?.message).toContain('set one of prefix, path');
  });

  it("applies Envoy's validation rules: duration bounds, required messages, string lengths", () => {
    const d = quickstart();
    extProc(d).message_timeout = '3601s';
    delete d.static_resources.clusters[0].load_assignment.cluster_name;
    const issues = reader.check(TYPES.bootstrap, d);
    expect(issues).toEqual([
      { path: `${FILTER}.message_timeout`, message: 'must be at most 3600s' },
      {
        path: 'static_resources.clusters[0].load_assignment.cluster_name',
        message: expect.stringContaining('required'),
      },
    ]);
  });

  it('reads a typed_config under its own @type, so a Router where the ext_proc config should be is checked as a Router', () => {
    const d = quickstart();
    extProc(d)['@type'] = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router';
    const issues = reader.check(TYPES.bootstrap, d);
    expect(issues.map((i) => i.path)).toContain(`${FILTER}.grpc_service`);
    expect(issues.every((i) => i.message.includes('envoy.extensions.filters.http.router.v3.Router'))).toBe(
      true,
    );
  });
});

describe('StrictReader validation rules', () => {
  it('checks patterns and not_in, as in path_separated_prefix and status_on_error', () => {
    const d = quickstart();
    const route =
      d.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0]
        .routes[0];
    route.match = { path_separated_prefix: '/api/' };
    extProc(d).status_on_error = { code: 'Empty' };
    const issues = reader.check(TYPES.bootstrap, d);
    expect(issues.map((i) => i.message)).toEqual(['must match ^[^?#]+[^?#/]$', 'must not be Empty']);
  });
});
