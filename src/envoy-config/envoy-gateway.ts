/**
 * `attache envoy-gateway`: Envoy Gateway 1.9+ `EnvoyExtensionPolicy` objects from `attache.yaml`
 * and its route resources (one per distinct processing mode, targeting the Gateways, HTTPRoutes
 * or named rules where ext_proc runs with it), plus the processor's workload.
 *
 * @module
 */
import type { BodySendMode, ProcessingModeConfig } from '../protocol/processing-mode.js';
import { routeMode } from './bootstrap.js';
import type { GenerationContext } from './context.js';
import { envoyExtensionPolicySchema } from './gateway/schema-envoy-gateway.js';
import { modeWarnings, toYaml } from './generate-envoy.js';
import { refuseServerTls } from './in-cluster-tls.js';
import { assertManifest, gatewayDuration, type Manifests, referenceGrants } from './kgateway.js';
import { grpcPort, type ManifestOptions, WORKLOAD_NAME, workload } from './workload.js';

const EG_BODY: Partial<Record<BodySendMode, string>> = {
  STREAMED: 'Streamed',
  BUFFERED: 'Buffered',
  BUFFERED_PARTIAL: 'BufferedPartial',
  FULL_DUPLEX_STREAMED: 'FullDuplexStreamed',
};

type Target = { group: string; kind: string; name: string; sectionName?: string };

/** EG's `processingMode`: a direction is present when its headers or body are sent. */
function egMode(
  mode: ProcessingModeConfig,
  allowModeOverride: boolean,
  warnings: Set<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const direction of ['request', 'response'] as const) {
    const headers = direction === 'request' ? mode.requestHeaderMode : mode.responseHeaderMode;
    const body = direction === 'request' ? mode.requestBodyMode : mode.responseBodyMode;
    const trailers = direction === 'request' ? mode.requestTrailerMode : mode.responseTrailerMode;
    if (headers === 'SKIP' && body === 'NONE') continue;
    out[direction] = EG_BODY[body] === undefined ? {} : { body: EG_BODY[body] };
    if (trailers === 'SEND' && body !== 'FULL_DUPLEX_STREAMED') {
      warnings.add(
        `Envoy Gateway cannot send ${direction} trailers (only FullDuplexStreamed turns them on)${body === 'STREAMED' ? `: a streamed ${direction} body that ends with trailers ends unseen by its plugins${allowModeOverride ? ' unless attache asks for them (allowModeOverride is on)' : ''}` : ''}`,
      );
    }
    if (headers === 'SKIP')
      warnings.add(
        `Envoy Gateway always sends the ${direction} headers with its body: one more round trip than attache needs`,
      );
  }
  if (allowModeOverride) out.allowModeOverride = true;
  return out;
}

/** The Envoy Gateway manifests. */
export function generateEnvoyGateway(context: GenerationContext, options: ManifestOptions): Manifests {
  refuseServerTls(context, 'attache envoy-gateway');
  const { settings } = context;
  const warnings = new Set<string>(modeWarnings(context));
  for (const ns of settings.namespaces) {
    if (ns.namespace.startsWith('envoy.filters.http')) {
      warnings.add(
        `namespace ${ns.namespace} of ${ns.plugins.join(', ')}: Envoy Gateway refuses writable namespaces under envoy.filters.http`,
      );
    }
  }
  if (Object.keys(settings.mutationRules).length > 0) {
    warnings.add(
      'envoy.mutationRules: Envoy Gateway cannot set mutation_rules; Envoy applies its defaults while attache checks plugins against yours',
    );
  }
  if (
    !settings.failOpen &&
    settings.statusOnError !== 500 &&
    ![400, 401, 403, 404, 500, 502, 503, 504].includes(settings.statusOnError)
  ) {
    warnings.add(
      `failure.status ${settings.statusOnError}: Envoy Gateway's statusOnError takes a fixed list of codes`,
    );
  }
  // Group the routes by their effective mode; each group is one policy.
  const groups = new Map<
    string,
    { namespace: string; mode: ProcessingModeConfig; targets: Map<string, Target> }
  >();
  const all = context.routes.listeners.flatMap((l) => l.virtualHosts.flatMap((v) => v.routes));
  for (const route of all) {
    const mode = routeMode(settings.processingMode, route);
    if (mode === null || route.origin === undefined) continue;
    const key = JSON.stringify(mode);
    // A policy targets objects of its own namespace.
    const declared = context.resources?.httpRoutes.find(
      (r) => r.namespace === route.origin?.namespace && r.value.metadata.name === route.origin.httpRoute,
    )?.value.metadata.namespace;
    const namespace = declared ?? options.namespace;
    const groupKey = `${namespace} ${key}`;
    const group = groups.get(groupKey) ?? { namespace, mode, targets: new Map() };
    const siblings = all.filter(
      (r) =>
        r.origin?.httpRoute === route.origin?.httpRoute && r.origin?.namespace === route.origin?.namespace,
    );
    const wholeRoute = siblings.every((r) => JSON.stringify(routeMode(settings.processingMode, r)) === key);
    let target: Target;
    if (wholeRoute)
      target = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: route.origin.httpRoute };
    else if (route.origin.rule !== undefined) {
      target = {
        group: 'gateway.networking.k8s.io',
        kind: 'HTTPRoute',
        name: route.origin.httpRoute,
        sectionName: route.origin.rule,
      };
    } else {
      warnings.add(
        `HTTPRoute ${route.origin.httpRoute}: a rule without a name runs ext_proc differently from its siblings; Envoy Gateway can only target named rules, so it is left out`,
      );
      continue;
    }
    group.targets.set(JSON.stringify(target), target);
    groups.set(groupKey, group);
  }
  if (context.resources === null)
    warnings.add('no envoy.routes: no EnvoyExtensionPolicy written (it needs targetRefs)');
  const policies = [...groups.values()].map((g, i) => {
    const extProc: Record<string, unknown> = {
      backendRefs: [
        g.namespace === options.namespace
          ? { name: WORKLOAD_NAME, port: grpcPort(context) }
          : { name: WORKLOAD_NAME, namespace: options.namespace, port: grpcPort(context) },
      ],
      failOpen: settings.failOpen,
      messageTimeout: gatewayDuration(settings.messageTimeoutMs),
      processingMode: egMode(g.mode, settings.allowModeOverride, warnings),
    };
    if (settings.namespaces.length > 0)
      extProc.metadata = { writableNamespaces: settings.namespaces.map((n) => n.namespace) };
    if (!settings.failOpen && settings.statusOnError !== 500) extProc.statusOnError = settings.statusOnError;
    return {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'EnvoyExtensionPolicy',
      metadata: {
        name: groups.size === 1 ? WORKLOAD_NAME : `${WORKLOAD_NAME}-${i + 1}`,
        namespace: g.namespace,
      },
      spec: { targetRefs: [...g.targets.values()], extProc: [extProc] },
    };
  });
  if (settings.allowModeOverride && settings.allowedOverrideModes.length > 0) {
    warnings.add(
      'Envoy Gateway cannot list allowed_override_modes: Envoy accepts any mode_override (attache sends only the ones attache envoy overrides lists)',
    );
  }
  warnings.add(
    'Envoy Gateway cannot set the runtime flag envoy.reloadable_features.ext_proc_graceful_grpc_close: run attache on Node 22+ with the http2 transport (the default)',
  );
  for (const p of policies) assertManifest(envoyExtensionPolicySchema, p);
  const documents = [
    ...policies,
    ...referenceGrants(policies, options, { group: '', kind: 'Service', name: WORKLOAD_NAME }),
    ...workload(context, options),
  ];
  const list = [...warnings];
  const header = [
    `# Generated by \`attache envoy-gateway\` from ${context.loaded.file} for Envoy Gateway 1.9+.`,
    ...list.map((w) => `# warning: ${w}`),
  ];
  return {
    documents,
    warnings: list,
    yaml: `${header.join('\n')}\n${documents.map((d) => toYaml(d)).join('---\n')}`,
  };
}
