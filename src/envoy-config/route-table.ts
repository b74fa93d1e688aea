/**
 * What Envoy routes, independent of where it was declared (Gateway API resources or the config's
 * one `envoy.upstream`): listeners, virtual hosts, routes, upstream clusters, and what ext_proc
 * does on each route.
 *
 * @module
 */
import type { ProcessingModeInput } from '../protocol/processing-mode.js';

/** A TCP address. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** What ext_proc does on one route. */
export type RouteExtProc =
  /** The filter-level settings. */
  | { readonly kind: 'on' }
  /** Processing mode fields that replace the filter's on this route (`ExtProcPerRoute.overrides`). */
  | { readonly kind: 'override'; readonly processingMode: ProcessingModeInput; readonly source: string }
  /** No ext_proc on this route (`ExtProcPerRoute.disabled`). */
  | { readonly kind: 'off'; readonly source: string };

/** How a route matches (Gateway API's `HTTPRouteMatch`, in Envoy's terms). */
export interface RouteMatch {
  readonly path: { readonly type: 'Exact' | 'PathPrefix' | 'RegularExpression'; readonly value: string };
  readonly headers: ReadonlyArray<{
    readonly name: string;
    readonly type: 'Exact' | 'RegularExpression';
    readonly value: string;
  }>;
  readonly queryParams: ReadonlyArray<{
    readonly name: string;
    readonly type: 'Exact' | 'RegularExpression';
    readonly value: string;
  }>;
  readonly method?: string;
}

/** One route. */
export interface Route {
  /** Unique in the table: `<namespace>/<httproute>/<rule>/<match>`. */
  readonly name: string;
  readonly match: RouteMatch;
  /** Upstream clusters with weights (one entry: no weights). */
  readonly backends: ReadonlyArray<{ readonly cluster: string; readonly weight: number }>;
  /** The route's timeout in ms (Gateway API `timeouts.request`), when set. */
  readonly timeoutMs?: number;
  readonly extProc: RouteExtProc;
  /** The HTTPRoute rule it came from (none for the single-upstream table). */
  readonly origin?: { readonly namespace: string; readonly httpRoute: string; readonly rule?: string };
}

/** A virtual host: the routes for some host names. */
export interface VirtualHost {
  readonly name: string;
  readonly domains: readonly string[];
  readonly routes: readonly Route[];
}

/** A listener (a Gateway listener, or the config's `envoy.listen`). */
export interface Listener {
  readonly name: string;
  readonly address: HostPort;
  readonly virtualHosts: readonly VirtualHost[];
}

/** An upstream cluster. */
export interface UpstreamCluster {
  readonly name: string;
  readonly endpoints: readonly HostPort[];
}

/** Everything Envoy routes. */
export interface RouteTable {
  readonly listeners: readonly Listener[];
  readonly clusters: readonly UpstreamCluster[];
}

/** The table without route resources: every request on `listen` goes to `upstream`. */
export function singleUpstreamTable(listen: HostPort, upstream: HostPort): RouteTable {
  return {
    listeners: [
      {
        name: 'ingress',
        address: listen,
        virtualHosts: [
          {
            name: 'all',
            domains: ['*'],
            routes: [
              {
                name: 'all',
                match: { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] },
                backends: [{ cluster: 'upstream', weight: 1 }],
                extProc: { kind: 'on' },
              },
            ],
          },
        ],
      },
    ],
    clusters: [{ name: 'upstream', endpoints: [upstream] }],
  };
}
