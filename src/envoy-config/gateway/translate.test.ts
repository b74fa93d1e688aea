/** Gateway API + kgateway resources → routes: strict reading, precedence, hosts, ext_proc per route. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { project } from '../../../test/support/envoy-project.js';
import { loadContext } from '../context.js';
import type { Route } from '../route-table.js';
import { durationMs } from './translate.js';

// biome-ignore lint/suspicious/noExplicitAny: generated documents are read freely.
type Doc = Record<string, any>;

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: web }
spec:
  gatewayClassName: kgateway
  listeners: [{ name: http, protocol: HTTP, port: 10000 }]
`;

const routesConfig = (extra = '') =>
  `envoy:\n  routes: ./routes.yaml\n  backends:\n    echo: 127.0.0.1:8080\n    default/api:9000: 127.0.0.1:9000\n${extra}plugins:\n  - use: ./req-headers.js\n`;

async function load(resources: string, extra?: string) {
  return loadContext(await project(routesConfig(extra), { 'routes.yaml': resources }));
}

const routes = (c: Awaited<ReturnType<typeof load>>): Route[] =>
  c.routes.listeners.flatMap((l) => l.virtualHosts.flatMap((v) => v.routes));

describe('route resources', () => {
  it('names file, document and path for an unsupported field, kind or value', async () => {
    const text = `${GATEWAY}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: app }
spec:
  parentRefs: [{ name: web }]
  rules:
    - filters: [{ type: RequestHeaderModifier, requestHeaderModifier: { set: [] } }]
      backendRefs: [{ name: echo, port: 8080 }]
      sessionPersistence: {}
---
apiVersion: v1
kind: Service
metadata: { name: echo }
`;
    const error = await load(text).catch((e: Error) => e.message);
    expect(error).toContain(
      'routes.yaml: document 2 (HTTPRoute app): spec.rules[0]: unsupported field "sessionPersistence"',
    );
    expect(error).toContain(
      'routes.yaml: document 2 (HTTPRoute app): spec.rules[0].filters[0].type: only ExtensionRef filters',
    );
    expect(error).toContain('routes.yaml: document 3: unsupported resource v1 Service');
  });

  it('refuses a TLS listener, a policy with both extensionRef and disable, and a backend without an address', async () => {
    const text = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: web }
spec:
  gatewayClassName: kgateway
  listeners: [{ name: https, protocol: HTTPS, port: 443 }]
---
apiVersion: gateway.kgateway.dev/v1alpha1
kind: TrafficPolicy
metadata: { name: p }
spec:
  extProc: { extensionRef: { name: attache }, disable: {} }
`;
    const error = await load(text).catch((e: Error) => e.message);
    expect(error).toContain('document 1 (Gateway web): spec.listeners[0].protocol: only HTTP listeners');
    expect(error).toContain(
      'document 2 (TrafficPolicy p): spec.extProc: set exactly one of extensionRef and disable',
    );
    const missing = `${GATEWAY}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: app }
spec:
  parentRefs: [{ name: web }]
  rules: [{ backendRefs: [{ name: other, port: 80 }] }]
`;
    expect(await load(missing).catch((e: Error) => e.message)).toContain(
      'document 2 (HTTPRoute app): spec.rules[0].backendRefs[0]: no address for default/other:80',
    );
  });

  it('orders routes by Gateway API precedence and maps PathPrefix to whole path segments', async () => {
    const text = `${GATEWAY}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: app }
spec:
  parentRefs: [{ name: web }]
  rules:
    - name: root
      backendRefs: [{ name: echo, port: 8080 }]
    - name: api
      matches: [{ path: { type: PathPrefix, value: /api/ } }, { path: { type: Exact, value: /login }, method: POST }]
      backendRefs: [{ name: api, port: 9000, weight: 3 }, { name: echo, port: 8080 }]
      timeouts: { request: 1m30s }
    - name: re
      matches: [{ path: { type: RegularExpression, value: "/v[0-9]+/.*" }, headers: [{ name: X-Tenant, value: a }] }]
      backendRefs: [{ name: echo, port: 8080 }]
`;
    const c = await load(text);
    expect(routes(c).map((r) => r.name)).toEqual([
      'default/app/api/1',
      'default/app/re/0',
      'default/app/api/0',
      'default/app/root/0',
    ]);
    expect(routes(c)[2]?.backends).toEqual([
      { cluster: 'default_api_9000', weight: 3 },
      { cluster: 'default_echo_8080', weight: 1 },
    ]);
    expect(routes(c)[2]?.timeoutMs).toBe(90_000);
    expect(routes(c)[1]?.match.headers).toEqual([{ name: 'x-tenant', type: 'Exact', value: 'a' }]);
    const { generateEnvoy } = await import('../generate-envoy.js');
    const g = await generateEnvoy(c.loaded.file, { processes: 1 });
    const envoyRoutes = (g.bootstrap as Doc).static_resources.listeners[0].filter_chains[0].filters[0]
      .typed_config.route_config.virtual_hosts[0].routes;
    expect(envoyRoutes[2].match).toEqual({ path_separated_prefix: '/api' });
    expect(envoyRoutes[0].match).toEqual({
      path: '/login',
      headers: [{ name: ':method', string_match: { exact: 'POST' } }],
    });
    expect(envoyRoutes[2].route).toEqual({
      weighted_clusters: {
        clusters: [
          { name: 'default_api_9000', weight: 3 },
          { name: 'default_echo_8080', weight: 1 },
        ],
      },
      timeout: '90s',
    });
  });

  it('gives each hostname its virtual host, with the routes for every host in each', async () => {
    const text = `${GATEWAY}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: a }
spec:
  parentRefs: [{ name: web }]
  hostnames: [a.example.com]
  rules: [{ matches: [{ path: { value: /a } }], backendRefs: [{ name: echo, port: 8080 }] }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: any }
spec:
  parentRefs: [{ name: web }]
  rules: [{ backendRefs: [{ name: echo, port: 8080 }] }]
`;
    const c = await load(text);
    const hosts = c.routes.listeners[0]?.virtualHosts.map((v) => [v.domains, v.routes.map((r) => r.name)]);
    expect(hosts).toEqual([
      [['a.example.com'], ['default/a/rule0/0', 'default/any/rule0/0']],
      [['*'], ['default/any/rule0/0']],
    ]);
  });

  it('runs ext_proc where a TrafficPolicy attaches it: Gateway, HTTPRoute, rule, ExtensionRef; disable wins nearer', async () => {
    const text = `${GATEWAY}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: app }
spec:
  parentRefs: [{ name: web }]
  rules:
    - name: health
      matches: [{ path: { value: /healthz } }]
      backendRefs: [{ name: echo, port: 8080 }]
    - name: upload
      matches: [{ path: { value: /upload } }]
      backendRefs: [{ name: echo, port: 8080 }]
    - name: main
      backendRefs: [{ name: echo, port: 8080 }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: other }
spec:
  parentRefs: [{ name: web }]
  rules:
    - matches: [{ path: { value: /other } }]
      filters: [{ type: ExtensionRef, extensionRef: { group: gateway.kgateway.dev, kind: TrafficPolicy, name: by-filter } }]
      backendRefs: [{ name: echo, port: 8080 }]
---
apiVersion: gateway.kgateway.dev/v1alpha1
kind: TrafficPolicy
metadata: { name: all }
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: app }]
  extProc: { extensionRef: { name: attache } }
---
apiVersion: gateway.kgateway.dev/v1alpha1
kind: TrafficPolicy
metadata: { name: off }
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: app, sectionName: health }]
  extProc: { disable: {} }
---
apiVersion: gateway.kgateway.dev/v1alpha1
kind: TrafficPolicy
metadata: { name: stream }
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: app, sectionName: upload }]
  extProc: { extensionRef: { name: attache }, processingMode: { requestBodyMode: STREAMED } }
---
apiVersion: gateway.kgateway.dev/v1alpha1
kind: TrafficPolicy
metadata: { name: by-filter }
spec:
  extProc: { extensionRef: { name: attache } }
`;
    const c = await load(text);
    const byName = Object.fromEntries(routes(c).map((r) => [r.name, r.extProc]));
    expect(byName['default/app/health/0']).toEqual({
      kind: 'off',
      source: expect.stringContaining('(TrafficPolicy off)'),
    });
    expect(byName['default/app/main/0']).toEqual({ kind: 'on' });
    expect(byName['default/other/rule0/0']).toEqual({ kind: 'on' });
    // kgateway fills a present processingMode with its CRD defaults.
    expect(byName['default/app/upload/0']).toEqual({
      kind: 'override',
      source: expect.stringContaining('(TrafficPolicy stream)'),
      processingMode: {
        requestHeaderMode: 'SEND',
        responseHeaderMode: 'SEND',
        requestBodyMode: 'STREAMED',
        responseBodyMode: 'NONE',
        requestTrailerMode: 'SKIP',
        responseTrailerMode: 'SKIP',
      },
    });
  });

  it('runs ext_proc on every route when no TrafficPolicy sets it, and off where none attaches it otherwise', async () => {
    const route = `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: app }
spec:
  parentRefs: [{ name: web }]
  rules: [{ name: main, backendRefs: [{ name: echo, port: 8080 }] }]
`;
    const all = await load(`${GATEWAY}${route}`);
    expect(routes(all)[0]?.extProc).toEqual({ kind: 'on' });
    expect(all.notes).toEqual(['no TrafficPolicy sets extProc: ext_proc runs on every route']);
    const other = await load(`${GATEWAY}${route}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: other }
spec:
  parentRefs: [{ name: web }]
  rules: [{ matches: [{ path: { value: /x } }], backendRefs: [{ name: echo, port: 8080 }] }]
---
apiVersion: gateway.kgateway.dev/v1alpha1
kind: TrafficPolicy
metadata: { name: only-app }
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: app }]
  extProc: { extensionRef: { name: attache } }
`);
    expect(routes(other).map((r) => [r.name, r.extProc.kind])).toEqual([
      ['default/other/rule0/0', 'off'],
      ['default/app/main/0', 'on'],
    ]);
  });

  it('refuses references to what is not there', async () => {
    const text = `${GATEWAY}---
apiVersion: gateway.kgateway.dev/v1alpha1
kind: TrafficPolicy
metadata: { name: p }
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: nope }]
  extProc: { extensionRef: { name: someone-else } }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: app }
spec:
  parentRefs: [{ name: web, sectionName: https }]
  rules: [{ backendRefs: [{ name: echo, port: 8080 }] }]
`;
    const error = await load(text).catch((e: Error) => e.message);
    expect(error).toContain(
      '(TrafficPolicy p): spec.extProc.extensionRef: no GatewayExtension default/someone-else',
    );
    expect(error).toContain('(TrafficPolicy p): spec.targetRefs[0]: no HTTPRoute default/nope');
    expect(error).toContain('(HTTPRoute app): spec.parentRefs[0]: Gateway default/web has no listener https');
  });

  it('reads Gateway API durations', () => {
    expect([durationMs('500ms'), durationMs('1h'), durationMs('1m30s'), durationMs('2s250ms')]).toEqual([
      500, 3_600_000, 90_000, 2250,
    ]);
  });
});

describe('route resources path', () => {
  it('names the config setting when the file or folder is missing or empty', async () => {
    const missing = await project('envoy:\n  routes: ./nope.yaml\nplugins: []\n');
    await expect(loadContext(missing)).rejects.toThrow(
      /attache\.yaml: envoy\.routes: \.\/nope\.yaml: cannot read/,
    );
    const empty = await project('envoy:\n  routes: ./routes\nplugins: []\n');
    await mkdir(path.join(path.dirname(empty), 'routes'));
    await expect(loadContext(empty)).rejects.toThrow(
      /attache\.yaml: envoy\.routes: \.\/routes: no \.yaml file in the folder/,
    );
  });
});
