/** `attache kgateway` and `attache envoy-gateway`: manifests from the config, each warning when it applies. */
import { describe, expect, it } from 'vitest';
import { configWith, project } from '../../test/support/envoy-project.js';
import { loadContext } from './context.js';
import { generateEnvoyGateway } from './envoy-gateway.js';
import { gatewayExtensionSchema, trafficPolicySchema } from './gateway/schema.js';
import { envoyExtensionPolicySchema } from './gateway/schema-envoy-gateway.js';
import { generateKgateway } from './kgateway.js';

// biome-ignore lint/suspicious/noExplicitAny: manifests are read freely.
type Doc = Record<string, any>;
const options = { namespace: 'attache', image: 'attache:test' };
const byKind = (docs: readonly Doc[], kind: string) => docs.filter((d) => d.kind === kind);

const ROUTES = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: web, namespace: apps }
spec: { gatewayClassName: kgateway, listeners: [{ name: http, protocol: HTTP, port: 10000 }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: app, namespace: apps }
spec:
  parentRefs: [{ name: web }]
  rules:
    - { name: health, matches: [{ path: { value: /healthz } }], backendRefs: [{ name: echo, port: 8080 }] }
    - { name: upload, matches: [{ path: { value: /upload } }], backendRefs: [{ name: echo, port: 8080 }] }
    - { name: main, backendRefs: [{ name: echo, port: 8080 }] }
---
apiVersion: gateway.kgateway.dev/v1alpha1
kind: TrafficPolicy
metadata: { name: on, namespace: apps }
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: app }]
  extProc: { extensionRef: { name: attache, namespace: attache } }
---
apiVersion: gateway.kgateway.dev/v1alpha1
kind: TrafficPolicy
metadata: { name: off, namespace: apps }
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: app, sectionName: health }]
  extProc: { disable: {} }
---
apiVersion: gateway.kgateway.dev/v1alpha1
kind: TrafficPolicy
metadata: { name: stream, namespace: apps }
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: app, sectionName: upload }]
  extProc: { extensionRef: { name: attache, namespace: attache }, processingMode: { requestBodyMode: STREAMED, requestTrailerMode: SEND } }
`;

async function context(config: string, routes = ROUTES) {
  return loadContext(await project(config, { 'routes.yaml': routes }));
}
const withRoutes = (extra = '', plugins = ['req-headers']) =>
  configWith(plugins, `${extra}envoy:\n  routes: ./routes.yaml\n  backends: { echo: 127.0.0.1:8080 }\n`);

describe('attache kgateway', () => {
  it("writes a GatewayExtension with attache's settings and the route resources' policies pointed at it", async () => {
    const c = await context(withRoutes('failure: { mode: open }\ntimeouts: { messageMs: 480 }\n'));
    const { documents, yaml } = generateKgateway(c, options);
    const [extension] = byKind(documents, 'GatewayExtension');
    expect(gatewayExtensionSchema.safeParse(extension).success).toBe(true);
    expect(extension?.spec.extProc).toEqual({
      grpcService: { backendRef: { name: 'attache', port: 50051 } },
      failOpen: true,
      processingMode: {
        requestHeaderMode: 'SEND',
        responseHeaderMode: 'SKIP',
        requestBodyMode: 'NONE',
        responseBodyMode: 'NONE',
        requestTrailerMode: 'SKIP',
        responseTrailerMode: 'SKIP',
      },
      messageTimeout: '500ms',
    });
    const policies = byKind(documents, 'TrafficPolicy');
    expect(policies.map((p) => [p.metadata.name, p.metadata.namespace, p.spec.extProc])).toEqual([
      ['on', 'apps', { extensionRef: { name: 'attache', namespace: 'attache' } }],
      ['off', 'apps', { disable: {} }],
      [
        'stream',
        'apps',
        {
          extensionRef: { name: 'attache', namespace: 'attache' },
          processingMode: { requestBodyMode: 'STREAMED', requestTrailerMode: 'SEND' },
        },
      ],
    ]);
    for (const p of policies) expect(trafficPolicySchema.safeParse(p).success).toBe(true);
    // Policies in another namespace refer to attache's extension: a ReferenceGrant allows it.
    expect(byKind(documents, 'ReferenceGrant')[0]?.spec).toEqual({
      from: [{ group: 'gateway.kgateway.dev', kind: 'TrafficPolicy', namespace: 'apps' }],
      to: [{ group: 'gateway.kgateway.dev', kind: 'GatewayExtension', name: 'attache' }],
    });
    expect(yaml.split('\n---\n')).toHaveLength(documents.length);
  });

  it('writes a non-root workload with admin-listener probes and scrape annotations, an h2c Service, a termination grace longer than the drain, HPA and PDB', async () => {
    const c = await context(
      withRoutes(
        'timeouts: { drainDelayMs: 5000, shutdownGraceMs: 20000 }\ngrpc: { address: 127.0.0.1:7000 }\n',
      ),
    );
    const docs = generateKgateway(c, options).documents;
    const [deployment] = byKind(docs, 'Deployment');
    const pod = deployment?.spec.template.spec;
    expect(pod.terminationGracePeriodSeconds).toBe(30);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    const container = pod.containers[0];
    expect(container.args).toEqual([
      'serve',
      '--config',
      c.loaded.file,
      '--processes',
      '1',
      '--address',
      '0.0.0.0:7000',
      '--admin-address',
      '0.0.0.0:9464',
    ]);
    expect(container.ports).toEqual([
      { name: 'grpc', containerPort: 7000, protocol: 'TCP' },
      { name: 'admin', containerPort: 9464, protocol: 'TCP' },
    ]);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'admin' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/readyz', port: 'admin' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'admin' });
    expect(deployment?.spec.template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9464',
      'prometheus.io/path': '/metrics',
    });
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
    });
    expect(byKind(docs, 'Service')[0]?.spec.ports).toEqual([
      { name: 'grpc', port: 7000, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
    ]);
    expect(byKind(docs, 'HorizontalPodAutoscaler')).toHaveLength(1);
    expect(byKind(docs, 'PodDisruptionBudget')[0]?.spec.minAvailable).toBe(1);
  });

  it('probes gRPC health and adds no scrape annotations when admin.address is off', async () => {
    const c = await context(withRoutes('grpc: { address: 127.0.0.1:7000 }\nadmin: { address: "off" }\n'));
    const [deployment] = byKind(generateKgateway(c, options).documents, 'Deployment');
    const container = deployment?.spec.template.spec.containers[0];
    expect(container.args).not.toContain('--admin-address');
    expect(container.readinessProbe.grpc).toEqual({ port: 7000 });
    expect(container.livenessProbe.grpc).toEqual({ port: 7000 });
    expect(deployment?.spec.template.metadata.annotations).toBeUndefined();
  });

  it('warns, naming the plugin and the consequence, where kgateway cannot express what attache relies on', async () => {
    const config = `failure: { status: 503 }
envoy:
  routes: ./routes.yaml
  backends: { echo: 127.0.0.1:8080 }
  mutationRules: { allowAllRouting: true }
plugins:
  - use: ./req-headers.js
    metadataNamespaces: [acme.tenant]
  - use: ./resp-headers.js
    failure: open
`;
    const { warnings } = generateKgateway(await context(config), options);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^plugin "req-headers" writes dynamic metadata in acme.tenant; kgateway cannot set receiving_namespaces, so Envoy drops it/,
      ),
      expect.stringMatching(/^envoy.mutationRules \(allowAllRouting\): kgateway cannot set mutation_rules/),
      expect.stringMatching(
        /^plugin "resp-headers" is fail-open but kgateway has no per-route fail-open: .* every route fails closed/,
      ),
      expect.stringMatching(/^failure.status 503: kgateway cannot set status_on_error/),
      expect.stringContaining('ext_proc_graceful_grpc_close'),
    ]);
  });

  it('lists the allowed override modes (kgateway 2.3+) when attache sends overrides', async () => {
    const config = `envoy:\n  routes: ./routes.yaml\n  backends: { echo: 127.0.0.1:8080 }\n  allowModeOverride: true\nplugins:\n  - use: ./whole-body.js\n    match: { path: /api }\n`;
    const [extension] = byKind(
      generateKgateway(await context(config), options).documents,
      'GatewayExtension',
    );
    expect(extension?.spec.extProc.allowProcessingModeOverride).toBe(true);
    expect(extension?.spec.extProc.allowedProcessingModeOverrides).toContainEqual(
      expect.objectContaining({ requestBodyMode: 'NONE' }),
    );
    expect(gatewayExtensionSchema.safeParse(extension).success).toBe(true);
  });

  it('attaches the extension to every Gateway when the route resources have no TrafficPolicy', async () => {
    const routes = ROUTES.split('\n---\n').slice(0, 2).join('\n---\n');
    const policies = byKind(
      generateKgateway(await context(withRoutes(), routes), options).documents,
      'TrafficPolicy',
    );
    expect(policies.map((p) => [p.metadata, p.spec.targetRefs])).toEqual([
      [
        { name: 'attache-web', namespace: 'apps' },
        [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'web' }],
      ],
    ]);
  });
});

describe('attache envoy-gateway', () => {
  it('writes one EnvoyExtensionPolicy per processing mode, targeting the rules where ext_proc runs with it', async () => {
    const config = withRoutes('', ['req-headers', 'whole-body']).replace(
      'envoy:\n',
      'envoy:\n  allowModeOverride: false\n',
    );
    const c = await context(
      `${config.replace('plugins:', 'plugins:\n  - use: ./resp-headers.js\n    metadataNamespaces: [acme.tenant]')}`,
    );
    const { documents, warnings } = generateEnvoyGateway(c, options);
    const policies = byKind(documents, 'EnvoyExtensionPolicy');
    for (const p of policies) expect(envoyExtensionPolicySchema.safeParse(p).success).toBe(true);
    expect(policies.map((p) => [p.metadata, p.spec.targetRefs, p.spec.extProc[0].processingMode])).toEqual([
      [
        { name: 'attache-1', namespace: 'apps' },
        [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'app', sectionName: 'upload' }],
        { request: { body: 'Streamed' }, response: {} },
      ],
      [
        { name: 'attache-2', namespace: 'apps' },
        [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'app', sectionName: 'main' }],
        { request: { body: 'Buffered' }, response: {} },
      ],
    ]);
    expect(policies[0]?.spec.extProc[0]).toMatchObject({
      backendRefs: [{ name: 'attache', namespace: 'attache', port: 50051 }],
      failOpen: false,
      messageTimeout: '200ms',
      metadata: { writableNamespaces: ['acme.tenant'] },
    });
    expect(warnings).toContainEqual(expect.stringContaining('Envoy Gateway cannot send request trailers'));
    expect(byKind(documents, 'ReferenceGrant')[0]?.spec.to).toEqual([
      { group: '', kind: 'Service', name: 'attache' },
    ]);
  });

  it('refuses a writable namespace Envoy Gateway forbids, through its schema', () => {
    const policy = {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'EnvoyExtensionPolicy',
      metadata: { name: 'x', namespace: 'apps' },
      spec: {
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'app' }],
        extProc: [
          {
            backendRefs: [{ name: 'attache', port: 50051 }],
            metadata: { writableNamespaces: ['envoy.filters.http.x'] },
          },
        ],
      },
    };
    expect(envoyExtensionPolicySchema.safeParse(policy).success).toBe(false);
    policy.spec.extProc[0] = {
      backendRefs: [{ name: 'attache', port: 50051 }],
      processingMode: { request: { body: 'Stream' } },
    } as never;
    expect(envoyExtensionPolicySchema.safeParse(policy).success).toBe(false);
  });
});
