/**
 * Checks an Envoy bootstrap as Envoy would at load, and a little more: strictly against Envoy's API
 * types (`strict-json.ts`), then the references and shapes the types cannot express — every cluster
 * a route or the ext_proc filter names exists, the ext_proc cluster speaks HTTP/2, each filter's
 * `typed_config` is the type its slot takes, the router is last and ext_proc before it, names are
 * unique, and FULL_DUPLEX_STREAMED comes with trailers SEND (Envoy refuses it otherwise).
 *
 * Covered types: `envoy.config.bootstrap.v3.Bootstrap` and everything it reaches (listeners,
 * clusters, routes, core), and inside `typed_config`: `HttpConnectionManager`, `Router`,
 * `ExternalProcessor` and `ExtProcPerRoute` (Envoy 1.37+ fields), `HttpProtocolOptions`. Any other
 * `@type` is reported as not covered.
 *
 * @module
 */
import { envoyApi, TYPES, typeUrl } from './envoy-api.js';
import { type StrictIssue, StrictReader } from './strict-json.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A field by its proto name or its JSON (camelCase) name. */
function field(o: unknown, name: string): unknown {
  if (!isObject(o)) return undefined;
  if (name in o) return o[name];
  const camel = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return o[camel];
}

let reader: StrictReader | undefined;

/** Every problem Envoy (or attache's stricter reading) finds in a bootstrap; empty when it loads. */
export function validateBootstrap(doc: unknown): StrictIssue[] {
  reader ??= new StrictReader(envoyApi());
  const issues = reader.check(TYPES.bootstrap, doc);
  if (issues.length > 0) return issues;
  return semanticIssues(doc as Json);
}

/** The ext_proc filters of a bootstrap, with their paths. */
export function extProcFilters(doc: unknown): Array<{ path: string; config: Json }> {
  const out: Array<{ path: string; config: Json }> = [];
  list(field(field(doc, 'static_resources'), 'listeners')).forEach((l, li) => {
    list(field(l, 'filter_chains')).forEach((fc, ci) => {
      list(field(fc, 'filters')).forEach((f, fi) => {
        const hcm = field(f, 'typed_config');
        list(field(hcm, 'http_filters')).forEach((h, hi) => {
          const config = field(h, 'typed_config');
          if (isObject(config) && config['@type'] === typeUrl(TYPES.extProc)) {
            out.push({
              path: `static_resources.listeners[${li}].filter_chains[${ci}].filters[${fi}].typed_config.http_filters[${hi}].typed_config`,
              config,
            });
          }
        });
      });
    });
  });
  return out;
}

const HTTP_FILTER_TYPES = new Set([typeUrl(TYPES.extProc), typeUrl(TYPES.router)]);

function semanticIssues(doc: Json): StrictIssue[] {
  const issues: StrictIssue[] = [];
  const resources = field(doc, 'static_resources');
  const clusters = list(field(resources, 'clusters'));
  const clusterNames = new Map<string, Json>();
  clusters.forEach((c, i) => {
    const name = String(field(c, 'name'));
    if (clusterNames.has(name))
      issues.push({ path: `static_resources.clusters[${i}].name`, message: `duplicate cluster ${name}` });
    clusterNames.set(name, c as Json);
    const la = field(c, 'load_assignment');
    if (la !== undefined && field(la, 'cluster_name') !== name) {
      issues.push({
        path: `static_resources.clusters[${i}].load_assignment.cluster_name`,
        message: `must be the cluster's name ${name}`,
      });
    }
  });
  const dynamicClusters = field(field(doc, 'dynamic_resources'), 'cds_config') !== undefined;
  const needCluster = (name: unknown, path: string) => {
    if (typeof name !== 'string' || clusterNames.has(name) || dynamicClusters) return;
    issues.push({ path, message: `no cluster named ${name} in static_resources.clusters` });
  };
  const listenerNames = new Set<string>();
  list(field(resources, 'listeners')).forEach((l, li) => {
    const lp = `static_resources.listeners[${li}]`;
    const name = String(field(l, 'name'));
    if (listenerNames.has(name)) issues.push({ path: `${lp}.name`, message: `duplicate listener ${name}` });
    listenerNames.add(name);
    list(field(l, 'filter_chains')).forEach((fc, ci) => {
      list(field(fc, 'filters')).forEach((f, fi) => {
        const fp = `${lp}.filter_chains[${ci}].filters[${fi}]`;
        const hcm = field(f, 'typed_config');
        if (!isObject(hcm) || hcm['@type'] !== typeUrl(TYPES.hcm)) {
          issues.push({
            path: `${fp}.typed_config.@type`,
            message: `expected ${typeUrl(TYPES.hcm)} (other network filters are not covered)`,
          });
          return;
        }
        const filters = list(field(hcm, 'http_filters'));
        const filterNames = new Set<string>();
        let routerAt = -1;
        filters.forEach((h, hi) => {
          const hp = `${fp}.typed_config.http_filters[${hi}]`;
          const t = field(field(h, 'typed_config'), '@type');
          filterNames.add(String(field(h, 'name')));
          if (typeof t !== 'string' || !HTTP_FILTER_TYPES.has(t)) {
            issues.push({
              path: `${hp}.typed_config.@type`,
              message: `${String(t)}: not an HTTP filter type attache checks (ext_proc, router)`,
            });
          }
          if (t === typeUrl(TYPES.router)) routerAt = hi;
          if (t === typeUrl(TYPES.extProc)) {
            if (routerAt !== -1)
              issues.push({ path: hp, message: 'the ext_proc filter must come before the router' });
            checkExtProc(
              field(h, 'typed_config') as Json,
              `${hp}.typed_config`,
              clusterNames,
              needCluster,
              issues,
            );
          }
        });
        if (routerAt !== filters.length - 1) {
          issues.push({
            path: `${fp}.typed_config.http_filters`,
            message: 'the last HTTP filter must be the router (envoy.filters.http.router)',
          });
        }
        const rc = field(hcm, 'route_config');
        list(field(rc, 'virtual_hosts')).forEach((vh, vi) => {
          list(field(vh, 'routes')).forEach((r, ri) => {
            const rp = `${fp}.typed_config.route_config.virtual_hosts[${vi}].routes[${ri}]`;
            const action = field(r, 'route');
            needCluster(field(action, 'cluster'), `${rp}.route.cluster`);
            list(field(field(action, 'weighted_clusters'), 'clusters')).forEach((w, wi) => {
              needCluster(field(w, 'name'), `${rp}.route.weighted_clusters.clusters[${wi}].name`);
            });
            const perFilter = field(r, 'typed_per_filter_config');
            if (isObject(perFilter)) {
              for (const [key, config] of Object.entries(perFilter)) {
                const t = field(config, '@type');
                if (!filterNames.has(key)) {
                  issues.push({
                    path: `${rp}.typed_per_filter_config.${key}`,
                    message: `no HTTP filter named ${key} in this listener`,
                  });
                } else if (t === typeUrl(TYPES.extProcPerRoute)) {
                  const grpc = field(field(config, 'overrides'), 'grpc_service');
                  needCluster(
                    field(field(grpc, 'envoy_grpc'), 'cluster_name'),
                    `${rp}.typed_per_filter_config.${key}.overrides.grpc_service.envoy_grpc.cluster_name`,
                  );
                } else {
                  issues.push({
                    path: `${rp}.typed_per_filter_config.${key}.@type`,
                    message: `${String(t)}: expected ${typeUrl(TYPES.extProcPerRoute)}`,
                  });
                }
              }
            }
          });
        });
      });
    });
  });
  return issues;
}

/** Whether a cluster speaks HTTP/2 to its endpoints (explicit, or the deprecated cluster field). */
export function clusterIsHttp2(cluster: Json): boolean {
  const options = field(cluster, 'typed_extension_protocol_options');
  const http = isObject(options) ? options[TYPES.httpProtocolOptions] : undefined;
  if (field(field(http, 'explicit_http_config'), 'http2_protocol_options') !== undefined) return true;
  return field(cluster, 'http2_protocol_options') !== undefined;
}

function checkExtProc(
  config: Json,
  path: string,
  clusters: ReadonlyMap<string, Json>,
  needCluster: (name: unknown, path: string) => void,
  issues: StrictIssue[],
): void {
  const grpc = field(field(config, 'grpc_service'), 'envoy_grpc');
  const name = field(grpc, 'cluster_name');
  needCluster(name, `${path}.grpc_service.envoy_grpc.cluster_name`);
  const cluster = typeof name === 'string' ? clusters.get(name) : undefined;
  if (cluster !== undefined && !clusterIsHttp2(cluster)) {
    issues.push({
      path: `${path}.grpc_service.envoy_grpc.cluster_name`,
      message: `cluster ${String(name)} is not HTTP/2: every ext_proc stream fails (gRPC needs HTTP/2)`,
      fix: `give cluster ${String(name)} typed_extension_protocol_options.${TYPES.httpProtocolOptions} with explicit_http_config: { http2_protocol_options: {} }`,
    });
  }
  const mode = field(config, 'processing_mode');
  for (const direction of ['request', 'response'] as const) {
    if (
      field(mode, `${direction}_body_mode`) === 'FULL_DUPLEX_STREAMED' &&
      field(mode, `${direction}_trailer_mode`) !== 'SEND'
    ) {
      issues.push({
        path: `${path}.processing_mode.${direction}_trailer_mode`,
        message: `FULL_DUPLEX_STREAMED ${direction} body needs ${direction}_trailer_mode: SEND`,
      });
    }
    if (field(mode, `${direction}_body_mode`) === 'GRPC') {
      issues.push({
        path: `${path}.processing_mode.${direction}_body_mode`,
        message: "GRPC is not implemented by Envoy's HTTP ext_proc filter",
      });
    }
  }
}
