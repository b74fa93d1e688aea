/**
 * `attache kgateway`: kgateway 2.4+ manifests from `attache.yaml` and its route resources — the
 * `GatewayExtension` (the settings kgateway can express), a `TrafficPolicy` for each attachment of
 * the route resources (rewritten to attache's extension), and the processor's workload. Where
 * kgateway cannot express what attache relies on, a warning names the plugin and the consequence.
 *
 * @module
 */

import type { z } from 'zod';
import type { ProcessingModeInput } from '../protocol/processing-mode.js';
import type { GenerationContext } from './context.js';
import { gatewayExtensionSchema, trafficPolicySchema } from './gateway/schema.js';
import { EXTENSION_NAME } from './gateway/translate.js';
import { modeWarnings, toYaml } from './generate-envoy.js';
import { refuseServerTls } from './in-cluster-tls.js';
import { grpcPort, type ManifestOptions, WORKLOAD_NAME, workload } from './workload.js';

/**
 * Checks a generated document against the schema written from its project's API reference; a
 * failure is a generator bug, reported as such rather than written out.
 */
export function assertManifest(schema: z.ZodType, doc: Record<string, unknown>): void {
  const result = schema.safeParse(doc);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`attache: generated ${String(doc.kind)} does not match its API: ${issues}`);
  }
}

/** Manifests and warnings. */
export interface Manifests {
  readonly yaml: string;
  readonly documents: ReadonlyArray<Record<string, unknown>>;
  readonly warnings: readonly string[];
}

/** A Gateway API duration for ms (`200ms`, `2s`). */
export const gatewayDuration = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

/** A processing mode in kgateway's (camelCase) field names, every field written. */
const kgMode = (mode: ProcessingModeInput): Record<string, string> => ({ ...mode }) as Record<string, string>;

/** What kgateway cannot say that attache relies on; shared with `attache envoy-gateway` where it applies. */
export function kgatewayWarnings(context: GenerationContext): string[] {
  const { settings, loaded } = context;
  const warnings: string[] = modeWarnings(context);
  for (const ns of settings.namespaces) {
    warnings.push(
      `plugin${ns.plugins.length > 1 ? 's' : ''} ${ns.plugins.map((p) => `"${p}"`).join(', ')} write${ns.plugins.length > 1 ? '' : 's'} dynamic metadata in ${ns.namespace}; kgateway cannot set receiving_namespaces, so Envoy drops it (no later filter, access log or route sees it)`,
    );
  }
  const rules = Object.keys(settings.mutationRules);
  if (rules.length > 0) {
    warnings.push(
      `envoy.mutationRules (${rules.join(', ')}): kgateway cannot set mutation_rules, so Envoy applies its defaults (no change to host, :authority, :scheme, :method, x-envoy-*) while attache checks plugins against yours`,
    );
  }
  const closed = !settings.failOpen;
  const differing = loaded.config.plugins
    .map((entry, i) => ({ name: settings.plugins[i]?.name ?? entry.use, failure: entry.failure }))
    .filter((p) => p.failure !== undefined && (p.failure === 'open') !== settings.failOpen);
  for (const p of differing) {
    warnings.push(
      `plugin "${p.name}" is fail-${p.failure} but kgateway has no per-route fail-open: when attache itself is unreachable or slow, every route fails ${closed ? 'closed' : 'open'} (failOpen: ${settings.failOpen})`,
    );
  }
  if (closed && settings.statusOnError !== 500) {
    warnings.push(
      `failure.status ${settings.statusOnError}: kgateway cannot set status_on_error, so when attache is unreachable Envoy answers 500 (504 on a timeout)`,
    );
  }
  if (settings.allowContentLengthHeader) {
    warnings.push(
      'envoy.allowContentLengthHeader: kgateway cannot set allow_content_length_header; Envoy removes content-length from streamed bodies',
    );
  }
  if (settings.maxHeadersKb !== 60 || settings.maxHeadersCount !== 100) {
    warnings.push(
      `envoy.maxHeadersKb/maxHeadersCount (${settings.maxHeadersKb}/${settings.maxHeadersCount}) are not Envoy's defaults: set the same limits on the Gateway's listener (kgateway ListenerPolicy), or attache checks header mutations against other limits`,
    );
  }
  warnings.push(
    "kgateway cannot set the runtime flag envoy.reloadable_features.ext_proc_graceful_grpc_close: run attache on Node 22+ with the http2 transport (the default), where Envoy's stream resets are harmless",
  );
  return warnings;
}

/** The GatewayExtension, with attache's settings in kgateway's fields. */
function gatewayExtension(context: GenerationContext, options: ManifestOptions): Record<string, unknown> {
  const { settings } = context;
  const extProc: Record<string, unknown> = {
    grpcService: { backendRef: { name: WORKLOAD_NAME, port: grpcPort(context) } },
    failOpen: settings.failOpen,
    processingMode: kgMode(settings.processingMode),
    messageTimeout: gatewayDuration(settings.messageTimeoutMs),
  };
  if (settings.maxMessageTimeoutMs > 0)
    extProc.maxMessageTimeout = gatewayDuration(settings.maxMessageTimeoutMs);
  if (settings.allowModeOverride) {
    extProc.allowProcessingModeOverride = true;
    extProc.allowedProcessingModeOverrides = settings.allowedOverrideModes.map((m) =>
      kgMode({ requestHeaderMode: settings.processingMode.requestHeaderMode, ...m }),
    );
  }
  return {
    apiVersion: 'gateway.kgateway.dev/v1alpha1',
    kind: 'GatewayExtension',
    metadata: { name: EXTENSION_NAME, namespace: options.namespace },
    spec: { extProc },
  };
}

/** The TrafficPolicies: those of the route resources pointed at attache, else one per Gateway. */
function trafficPolicies(
  context: GenerationContext,
  options: ManifestOptions,
): Array<Record<string, unknown>> {
  const resources = context.resources;
  if (resources === null) return [];
  // A resource without a namespace goes where the processor goes (kubectl apply -n <ns>).
  const namespaceOf = (declared: string | undefined) => declared ?? options.namespace;
  const extensionRef = (namespace: string) =>
    namespace === options.namespace
      ? { name: EXTENSION_NAME }
      : { name: EXTENSION_NAME, namespace: options.namespace };
  if (resources.policies.length === 0) {
    // attache's meaning without policies: ext_proc on every route, i.e. on every Gateway.
    return resources.gateways.map((g) => {
      const namespace = namespaceOf(g.value.metadata.namespace);
      return {
        apiVersion: 'gateway.kgateway.dev/v1alpha1',
        kind: 'TrafficPolicy',
        metadata: { name: `${EXTENSION_NAME}-${g.value.metadata.name}`, namespace },
        spec: {
          targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: g.value.metadata.name }],
          extProc: { extensionRef: extensionRef(namespace) },
        },
      };
    });
  }
  return resources.policies.map((p) => {
    const namespace = namespaceOf(p.value.metadata.namespace);
    const { extProc, targetRefs } = p.value.spec;
    const spec: Record<string, unknown> = {};
    if (targetRefs !== undefined) spec.targetRefs = targetRefs;
    spec.extProc =
      extProc.disable !== undefined
        ? { disable: {} }
        : {
            extensionRef: extensionRef(namespace),
            ...(extProc.processingMode === undefined ? {} : { processingMode: extProc.processingMode }),
          };
    return {
      apiVersion: 'gateway.kgateway.dev/v1alpha1',
      kind: 'TrafficPolicy',
      metadata: { name: p.value.metadata.name, namespace },
      spec,
    };
  });
}

/**
 * A ReferenceGrant in the processor's namespace for each other namespace whose policies refer to
 * `to` (kgateway enforces them with KGW_REFERENCE_GRANT_MODE=STRICT; Envoy Gateway always).
 */
export function referenceGrants(
  policies: ReadonlyArray<Record<string, unknown>>,
  options: ManifestOptions,
  to: { group: string; kind: string; name: string },
): Array<Record<string, unknown>> {
  const from = new Map<string, { group: string; kind: string; namespace: string }>();
  for (const p of policies) {
    const namespace = (p.metadata as { namespace: string }).namespace;
    const group = String(p.apiVersion).split('/')[0] as string;
    if (namespace !== options.namespace)
      from.set(`${namespace} ${p.kind}`, { group, kind: String(p.kind), namespace });
  }
  if (from.size === 0) return [];
  return [
    {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: `${EXTENSION_NAME}-from-policies`, namespace: options.namespace },
      spec: { from: [...from.values()], to: [to] },
    },
  ];
}

/** The kgateway manifests. */
export function generateKgateway(context: GenerationContext, options: ManifestOptions): Manifests {
  refuseServerTls(context, 'attache kgateway');
  const policies = trafficPolicies(context, options);
  const documents = [
    gatewayExtension(context, options),
    ...policies,
    ...referenceGrants(policies, options, {
      group: 'gateway.kgateway.dev',
      kind: 'GatewayExtension',
      name: EXTENSION_NAME,
    }),
    ...workload(context, options),
  ];
  assertManifest(gatewayExtensionSchema, documents[0] as Record<string, unknown>);
  for (const p of policies) assertManifest(trafficPolicySchema, p);
  const warnings = kgatewayWarnings(context);
  if (context.resources === null) {
    warnings.push(
      'no envoy.routes: no TrafficPolicy written; attach the GatewayExtension "attache" with one (spec.extProc.extensionRef)',
    );
  }
  const header = [
    `# Generated by \`attache kgateway\` from ${context.loaded.file} for kgateway 2.4+ (allowedProcessingModeOverrides: 2.3+).`,
    ...warnings.map((w) => `# warning: ${w}`),
  ];
  return {
    documents,
    warnings,
    yaml: `${header.join('\n')}\n${documents.map((d) => toYaml(d)).join('---\n')}`,
  };
}
