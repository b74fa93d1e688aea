/**
 * From Gateway API and kgateway resources to attache's route table, with kgateway's meaning:
 * listeners from each Gateway, virtual hosts from the HTTPRoutes' hostnames, routes in Gateway
 * API precedence, clusters from backendRefs (mapped to local addresses), and on each route what a
 * kgateway `TrafficPolicy.extProc` attached there would do (on, off, or a processing mode).
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../../errors.js';
import type { ProcessingModeInput } from '../../protocol/processing-mode.js';
import { parseListenAddress } from '../../server/listen-address.js';
import type {
  HostPort,
  Listener,
  Route,
  RouteExtProc,
  RouteMatch,
  RouteTable,
  UpstreamCluster,
} from '../route-table.js';
import type { Located, RouteResources } from './load.js';
import type { HttpRouteResource, KgatewayProcessingMode, TrafficPolicyResource } from './schema.js';

/** The name of the GatewayExtension `attache kgateway` writes; TrafficPolicies may refer to it. */
export const EXTENSION_NAME = 'attache';

/** What the translation needs besides the resources. */
export interface TranslateOptions {
  /** The host Envoy's listeners bind (the config's `envoy.listen` host). */
  readonly listenHost: string;
  /** `name`, `name:port` or `namespace/name:port` → `host:port`. */
  readonly backends: Readonly<Record<string, string>>;
  /** Names the backends map in errors. */
  readonly where: string;
}

/** The table and what a reader should know about it. */
export interface Translation {
  readonly table: RouteTable;
  readonly notes: readonly string[];
}

/** A Gateway API duration in ms (`1m30s` → 90000). */
export function durationMs(value: string): number {
  let total = 0;
  for (const [, n, unit] of value.matchAll(/(\d+)(ms|h|m|s)/g)) {
    total += Number(n) * (unit === 'h' ? 3_600_000 : unit === 'm' ? 60_000 : unit === 's' ? 1000 : 1);
  }
  return total;
}

/**
 * kgateway's `processingMode` as Envoy receives it: when the object is present, its CRD defaults
 * fill the fields it leaves out (headers SEND, bodies NONE, trailers SKIP).
 */
export function kgatewayMode(mode: KgatewayProcessingMode): ProcessingModeInput {
  return {
    requestHeaderMode: mode.requestHeaderMode ?? 'SEND',
    responseHeaderMode: mode.responseHeaderMode ?? 'SEND',
    requestBodyMode: mode.requestBodyMode ?? 'NONE',
    responseBodyMode: mode.responseBodyMode ?? 'NONE',
    requestTrailerMode: mode.requestTrailerMode ?? 'SKIP',
    responseTrailerMode: mode.responseTrailerMode ?? 'SKIP',
  };
}

const fail = (lines: readonly string[]): never => {
  throw new AttacheError(
    ErrorCode.CONFIG_INVALID,
    `cannot translate the route resources\n  ${lines.join('\n  ')}`,
  );
};

/** Gateway API precedence: Exact, then RegularExpression, then the longest prefix; then method, headers, query. */
function precedence(a: Route, b: Route): number {
  const rank = (r: Route) =>
    r.match.path.type === 'Exact' ? 0 : r.match.path.type === 'RegularExpression' ? 1 : 2;
  return (
    rank(a) - rank(b) ||
    (a.match.path.type === 'PathPrefix' ? b.match.path.value.length - a.match.path.value.length : 0) ||
    Number(b.match.method !== undefined) - Number(a.match.method !== undefined) ||
    b.match.headers.length - a.match.headers.length ||
    b.match.queryParams.length - a.match.queryParams.length
  );
}

interface PolicyRef {
  readonly policy: Located<TrafficPolicyResource>;
}

/** Translates the resources. @throws AttacheError listing every problem, each naming its document. */
export function translateRoutes(resources: RouteResources, options: TranslateOptions): Translation {
  const problems: string[] = [];
  const notes: string[] = [];
  if (resources.gateways.length === 0)
    fail(['no Gateway: give one, with an HTTP listener per port Envoy listens on']);

  // Listeners, one per port.
  const ports = new Map<
    number,
    { name: string; gateway: string; listeners: string[]; hostnames: Set<string | undefined> }
  >();
  for (const gw of resources.gateways) {
    gw.value.spec.listeners.forEach((l, i) => {
      const existing = ports.get(l.port);
      if (existing !== undefined && existing.gateway !== `${gw.namespace}/${gw.value.metadata.name}`) {
        problems.push(
          `${gw.where}: spec.listeners[${i}].port: ${l.port} is also a listener of Gateway ${existing.gateway}`,
        );
        return;
      }
      const entry = existing ?? {
        name: `${gw.value.metadata.name}_${l.port}`,
        gateway: `${gw.namespace}/${gw.value.metadata.name}`,
        listeners: [],
        hostnames: new Set(),
      };
      entry.listeners.push(l.name);
      entry.hostnames.add(l.hostname);
      ports.set(l.port, entry);
    });
  }

  // Policies by target.
  const policiesByName = new Map<string, Located<TrafficPolicyResource>>();
  for (const p of resources.policies) policiesByName.set(`${p.namespace}/${p.value.metadata.name}`, p);
  const extensionNames = new Set(resources.extensions.map((e) => `${e.namespace}/${e.value.metadata.name}`));
  const anyAttach = resources.policies.some((p) => p.value.spec.extProc.extensionRef !== undefined);
  for (const p of resources.policies) {
    const ref = p.value.spec.extProc.extensionRef;
    if (ref === undefined) continue;
    const key = `${ref.namespace ?? p.namespace}/${ref.name}`;
    if (!extensionNames.has(key) && ref.name !== EXTENSION_NAME) {
      problems.push(
        `${p.where}: spec.extProc.extensionRef: no GatewayExtension ${key} in the resources (attache kgateway names its own "${EXTENSION_NAME}")`,
      );
    }
    p.value.spec.targetRefs?.forEach((t, i) => {
      const found =
        t.kind === 'Gateway'
          ? resources.gateways.some((g) => g.namespace === p.namespace && g.value.metadata.name === t.name)
          : resources.httpRoutes.some((r) => r.namespace === p.namespace && r.value.metadata.name === t.name);
      if (!found) {
        problems.push(
          `${p.where}: spec.targetRefs[${i}]: no ${t.kind} ${p.namespace}/${t.name} (a policy targets its own namespace)`,
        );
      }
    });
  }
  if (resources.policies.length === 0) {
    notes.push('no TrafficPolicy sets extProc: ext_proc runs on every route');
  }

  const clusters = new Map<string, UpstreamCluster>();
  const backendAddress = (
    route: Located<HttpRouteResource>,
    at: string,
    name: string,
    namespace: string,
    port: number,
  ) => {
    const keys = [`${namespace}/${name}:${port}`, `${name}:${port}`, name];
    const key = keys.find((k) => options.backends[k] !== undefined);
    if (key === undefined) {
      problems.push(
        `${route.where}: ${at}: no address for ${namespace}/${name}:${port}; add it to ${options.where} (as ${keys.join(', ')})`,
      );
      return undefined;
    }
    const target = parseListenAddress(options.backends[key] as string);
    return target.kind === 'tcp' ? ({ host: target.host, port: target.port } satisfies HostPort) : undefined;
  };

  /** The most specific TrafficPolicy with extProc for a rule. */
  const policyFor = (
    route: Located<HttpRouteResource>,
    ruleIndex: number,
    gatewayListeners: ReadonlyArray<{ gateway: string; listener: string }>,
  ): PolicyRef | undefined => {
    const rule = route.value.spec.rules[ruleIndex];
    if (rule === undefined) return undefined;
    for (const f of rule.filters ?? []) {
      const p = policiesByName.get(`${route.namespace}/${f.extensionRef.name}`);
      if (p !== undefined) return { policy: p };
    }
    const targeting = (kind: string, name: string, section?: string) =>
      resources.policies.find(
        (p) =>
          p.namespace === route.namespace &&
          (p.value.spec.targetRefs ?? []).some(
            (t) =>
              t.kind === kind &&
              t.name === name &&
              (section === undefined ? t.sectionName === undefined : t.sectionName === section),
          ),
      );
    const name = route.value.metadata.name;
    const bySection = rule.name === undefined ? undefined : targeting('HTTPRoute', name, rule.name);
    if (bySection !== undefined) return { policy: bySection };
    const byRoute = targeting('HTTPRoute', name);
    if (byRoute !== undefined) return { policy: byRoute };
    for (const { gateway, listener } of gatewayListeners) {
      const [ns, gw] = gateway.split('/') as [string, string];
      if (ns !== route.namespace) continue;
      const p = targeting('Gateway', gw, listener) ?? targeting('Gateway', gw);
      if (p !== undefined) return { policy: p };
    }
    return undefined;
  };

  const extProcOf = (policy: PolicyRef | undefined): RouteExtProc => {
    if (policy === undefined) {
      return anyAttach ? { kind: 'off', source: 'no TrafficPolicy attaches ext_proc here' } : { kind: 'on' };
    }
    const { extProc } = policy.policy.value.spec;
    if (extProc.disable !== undefined) return { kind: 'off', source: policy.policy.where };
    if (extProc.processingMode !== undefined) {
      return {
        kind: 'override',
        processingMode: kgatewayMode(extProc.processingMode),
        source: policy.policy.where,
      };
    }
    return { kind: 'on' };
  };

  // Routes per listener port, then per hostname.
  const perPort = new Map<number, Array<{ hostnames: readonly string[]; route: Route }>>();
  for (const route of resources.httpRoutes) {
    const attached: Array<{ port: number; gateway: string; listener: string }> = [];
    route.value.spec.parentRefs.forEach((ref, i) => {
      const gwKey = `${ref.namespace ?? route.namespace}/${ref.name}`;
      const gw = resources.gateways.find((g) => `${g.namespace}/${g.value.metadata.name}` === gwKey);
      if (gw === undefined) {
        problems.push(`${route.where}: spec.parentRefs[${i}]: no Gateway ${gwKey}`);
        return;
      }
      const listeners = gw.value.spec.listeners.filter(
        (l) =>
          (ref.sectionName === undefined || l.name === ref.sectionName) &&
          (ref.port === undefined || l.port === ref.port),
      );
      if (listeners.length === 0) {
        problems.push(
          `${route.where}: spec.parentRefs[${i}]: Gateway ${gwKey} has no listener ${ref.sectionName ?? ''}${ref.port === undefined ? '' : `:${ref.port}`}`,
        );
      }
      for (const l of listeners) {
        const from = l.allowedRoutes?.namespaces?.from ?? 'Same';
        if (from === 'Same' && gw.namespace !== route.namespace) {
          problems.push(
            `${route.where}: spec.parentRefs[${i}]: listener ${l.name} of Gateway ${gwKey} accepts routes of its own namespace only`,
          );
          continue;
        }
        attached.push({ port: l.port, gateway: gwKey, listener: l.name });
      }
    });
    route.value.spec.rules.forEach((rule, r) => {
      const backends: Array<{ cluster: string; weight: number }> = [];
      rule.backendRefs.forEach((b, k) => {
        const at = `spec.rules[${r}].backendRefs[${k}]`;
        if ((b.filters ?? []).length > 0) {
          problems.push(
            `${route.where}: ${at}.filters: a policy on one backend is not translated; put the ExtensionRef on the rule`,
          );
        }
        const namespace = b.namespace ?? route.namespace;
        const address = backendAddress(route, at, b.name, namespace, b.port);
        if (address === undefined) return;
        const cluster = `${namespace}_${b.name}_${b.port}`;
        clusters.set(cluster, { name: cluster, endpoints: [address] });
        if ((b.weight ?? 1) > 0) backends.push({ cluster, weight: b.weight ?? 1 });
      });
      if (backends.length === 0) {
        problems.push(
          `${route.where}: spec.rules[${r}].backendRefs: every weight is 0 (Envoy would answer 500); not translated`,
        );
        return;
      }
      const policy = policyFor(route, r, attached);
      (rule.filters ?? []).forEach((f, k) => {
        if (!policiesByName.has(`${route.namespace}/${f.extensionRef.name}`)) {
          problems.push(
            `${route.where}: spec.rules[${r}].filters[${k}].extensionRef: no TrafficPolicy ${route.namespace}/${f.extensionRef.name}`,
          );
        }
      });
      const extProc = extProcOf(policy);
      const matches = rule.matches === undefined || rule.matches.length === 0 ? [{}] : rule.matches;
      matches.forEach((m: NonNullable<typeof rule.matches>[number] | Record<string, never>, k) => {
        const match: RouteMatch = {
          path: { type: m.path?.type ?? 'PathPrefix', value: m.path?.value ?? '/' },
          headers: (m.headers ?? []).map((h) => ({
            name: h.name.toLowerCase(),
            type: h.type,
            value: h.value,
          })),
          queryParams: (m.queryParams ?? []).map((q) => ({ name: q.name, type: q.type, value: q.value })),
          ...(m.method === undefined ? {} : { method: m.method }),
        };
        const entry: Route = {
          name: `${route.namespace}/${route.value.metadata.name}/${rule.name ?? `rule${r}`}/${k}`,
          match,
          backends,
          ...(rule.timeouts?.request === undefined ? {} : { timeoutMs: durationMs(rule.timeouts.request) }),
          extProc,
          origin: {
            namespace: route.namespace,
            httpRoute: route.value.metadata.name,
            ...(rule.name === undefined ? {} : { rule: rule.name }),
          },
        };
        for (const { port } of attached) {
          const list = perPort.get(port) ?? [];
          list.push({ hostnames: route.value.spec.hostnames ?? [], route: entry });
          perPort.set(port, list);
        }
      });
    });
  }
  if (problems.length > 0) fail(problems);

  const listeners: Listener[] = [...ports.entries()]
    .sort(([a], [b]) => a - b)
    .map(([port, entry]) => {
      const routes = perPort.get(port) ?? [];
      const listenerHosts = [...entry.hostnames].filter((h): h is string => h !== undefined);
      const anyHost = entry.hostnames.has(undefined) || listenerHosts.length === 0;
      const named = new Set(routes.flatMap((r) => r.hostnames));
      const virtualHosts = [...named].sort().map((host) => ({
        name: host,
        domains: [host],
        routes: routes
          .filter((r) => r.hostnames.length === 0 || r.hostnames.includes(host))
          .map((r) => r.route)
          .sort(precedence),
      }));
      const unnamed = routes
        .filter((r) => r.hostnames.length === 0)
        .map((r) => r.route)
        .sort(precedence);
      if (unnamed.length > 0) {
        const domains = anyHost ? ['*'] : listenerHosts.filter((h) => !named.has(h));
        if (domains.length > 0)
          virtualHosts.push({ name: anyHost ? 'all' : domains.join(','), domains, routes: unnamed });
      }
      return { name: entry.name, address: { host: options.listenHost, port }, virtualHosts };
    });
  return {
    table: { listeners, clusters: [...clusters.values()].sort((a, b) => (a.name < b.name ? -1 : 1)) },
    notes,
  };
}
