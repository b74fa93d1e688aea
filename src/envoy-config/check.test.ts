/** `attache check`: each kind of disagreement is found, with its fix; none for what attache writes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configWith, project } from '../../test/support/envoy-project.js';
import { runCheck } from './check.js';
import { loadContext } from './context.js';
import { generateEnvoy } from './generate-envoy.js';

// biome-ignore lint/suspicious/noExplicitAny: documents are edited freely.
type Doc = Record<string, any>;
const filter = (d: Doc): Doc =>
  d.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config;
const endpoints = { processes: 1 };

async function checkBootstrap(config: string, edit: (d: Doc) => void) {
  const file = await project(config);
  const doc = structuredClone((await generateEnvoy(file, endpoints)).bootstrap) as Doc;
  edit(doc);
  return runCheck(await loadContext(file), { bootstrap: doc, bootstrapFile: 'envoy.yaml', endpoints });
}

describe('attache check', () => {
  it('finds nothing in what attache envoy writes, nor in the quick start', async () => {
    const file = await project(configWith(['req-headers', 'chunk-body', 'trailers']));
    const report = await runCheck(await loadContext(file), { endpoints });
    expect(report.findings).toEqual([]);
    expect(report.text).toMatch(/no disagreement\n$/);
    const quickstart = new URL('../../examples/quickstart/', import.meta.url);
    const context = await loadContext(new URL('attache.yaml', quickstart).pathname);
    const handWritten = parse(readFileSync(new URL('envoy.yaml', quickstart), 'utf8'));
    expect((await runCheck(context, { bootstrap: handWritten, endpoints })).findings).toEqual([]);
  });

  it('finds phases the plugins read that the filter does not send', async () => {
    const report = await checkBootstrap(
      configWith(['req-headers', 'whole-body', 'chunk-body', 'trailers']),
      (d) => {
        filter(d).processing_mode = { request_header_mode: 'SKIP', response_body_mode: 'STREAMED' };
      },
    );
    expect(report.findings.map((f) => [f.problem, f.fix])).toEqual([
      [
        'SKIP: "req-headers" read the request headers (or match on them) and never run',
        'set request_header_mode: SEND',
      ],
      ['NONE: "whole-body" read the request body and never see it', 'set request_body_mode: BUFFERED'],
      ['DEFAULT: "trailers" read the request trailers and never see them', 'set request_trailer_mode: SEND'],
      [
        'DEFAULT with a STREAMED response body: when the body ends with trailers, "chunk-body" never get its last chunk',
        'set response_trailer_mode: SEND (or envoy.allowModeOverride: true so attache asks for them)',
      ],
    ]);
  });

  it('finds a failure mode, timeouts, overrides, rules, namespaces and limits that differ from the config', async () => {
    const config = `timeouts: { messageMs: 300 }
envoy:
  upstream: 127.0.0.1:8080
  maxMessageTimeoutMs: 1000
  mutationRules: { disallowSystem: true }
  maxHeadersKb: 32
plugins:
  - use: ./req-headers.js
    metadataNamespaces: [acme.tenant]
`;
    const report = await checkBootstrap(config, (d) => {
      const f = filter(d);
      f.failure_mode_allow = true;
      f.message_timeout = '0.2s';
      delete f.max_message_timeout;
      f.allow_mode_override = true;
      delete f.mutation_rules;
      delete f.metadata_options;
      d.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.max_request_headers_kb = 60;
    });
    const where = report.findings.map((f) =>
      f.where.replace(
        /^envoy.yaml: static_resources.listeners\[0\].filter_chains\[0\].filters\[0\].typed_config/,
        '',
      ),
    );
    expect(where).toEqual([
      '.http_filters[0].typed_config.failure_mode_allow',
      '.http_filters[0].typed_config.message_timeout',
      '.http_filters[0].typed_config.max_message_timeout',
      '.http_filters[0].typed_config.allow_mode_override',
      '.http_filters[0].typed_config.mutation_rules',
      '.http_filters[0].typed_config.metadata_options.receiving_namespaces.untyped',
      '.max_request_headers_kb',
    ]);
    expect(report.findings[1]?.problem).toContain(
      "200 ms is not longer than attache's timeouts.messageMs (300 ms)",
    );
    expect(report.findings[5]?.problem).toBe(
      'misses acme.tenant: Envoy drops the dynamic metadata "req-headers" writes',
    );
  });

  it('finds a missing endpoint, a public admin address, the missing graceful-close flag and strict errors', async () => {
    const file = await project(configWith(['req-headers']));
    const doc = structuredClone((await generateEnvoy(file, endpoints)).bootstrap) as Doc;
    doc.admin.address.socket_address.address = '0.0.0.0';
    delete doc.layered_runtime;
    const context = await loadContext(file);
    const report = await runCheck(context, {
      bootstrap: doc,
      bootstrapFile: 'envoy.yaml',
      endpoints: { processes: 2 },
    });
    expect(report.findings.map((f) => f.problem)).toEqual([
      'does not list the processor endpoint 127.0.0.1:50052: Envoy never sends it a stream',
      "0.0.0.0: Envoy's admin interface (which can stop Envoy) is reachable from outside",
      expect.stringContaining('no envoy.reloadable_features.ext_proc_graceful_grpc_close'),
    ]);
    filter(doc).procesing_mode = {};
    const strict = await runCheck(context, { bootstrap: doc, bootstrapFile: 'envoy.yaml', endpoints });
    expect(strict.findings).toEqual([
      {
        where: expect.stringMatching(/typed_config\.procesing_mode$/),
        problem: expect.stringContaining('unknown field'),
        fix: 'Envoy refuses this config: correct the field',
      },
    ]);
    expect(strict.text).toMatch(/attache check: 1 disagreement\n$/);
  });

  it('finds a per-route processing mode that starves the plugins, in a bootstrap and in a TrafficPolicy', async () => {
    const report = await checkBootstrap(configWith(['whole-body']), (d) => {
      d.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].typed_per_filter_config =
        {
          'envoy.filters.http.ext_proc': {
            '@type': 'type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute',
            overrides: { processing_mode: { request_body_mode: 'NONE' } },
          },
        };
    });
    expect(report.findings.map((f) => f.problem)).toEqual([
      'NONE: "whole-body" read the request body and never see it',
    ]);
    expect(report.findings[0]?.where).toMatch(
      /routes\[0\]\.typed_per_filter_config\.envoy\.filters\.http\.ext_proc\.overrides\.processing_mode\.request_body_mode$/,
    );

    const resources = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: web }
spec: { gatewayClassName: kgateway, listeners: [{ name: http, protocol: HTTP, port: 10000 }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: app }
spec:
  parentRefs: [{ name: web }]
  rules: [{ name: main, backendRefs: [{ name: echo, port: 8080 }] }]
---
apiVersion: gateway.kgateway.dev/v1alpha1
kind: TrafficPolicy
metadata: { name: headers-only }
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: app }]
  extProc: { extensionRef: { name: attache }, processingMode: { requestBodyMode: NONE } }
---
apiVersion: gateway.kgateway.dev/v1alpha1
kind: GatewayExtension
metadata: { name: attache }
spec:
  extProc:
    grpcService: { backendRef: { name: attache, port: 50051 } }
    messageTimeout: 100ms
`;
    const file = await project(
      'envoy:\n  routes: ./routes.yaml\n  backends: { echo: 127.0.0.1:8080 }\nplugins:\n  - use: ./whole-body.js\n',
      { 'routes.yaml': resources },
    );
    const policy = await runCheck(await loadContext(file), { endpoints });
    expect(policy.findings.map((f) => [f.where.replace(/^.*routes\.yaml: /, ''), f.problem])).toEqual([
      [
        'document 4 (GatewayExtension attache): spec.extProc.failOpen',
        "true (kgateway's default), but failure.mode is closed: when attache is unreachable Envoy passes requests through unprocessed",
      ],
      [
        'document 4 (GatewayExtension attache): spec.extProc.messageTimeout',
        expect.stringContaining("100 ms is not longer than attache's timeouts.messageMs (180 ms)"),
      ],
      [
        'document 4 (GatewayExtension attache): spec.extProc.processingMode.request_body_mode',
        'NONE: "whole-body" read the request body and never see it',
      ],
      [
        'document 3 (TrafficPolicy headers-only): spec.extProc.processingMode (route default/app/main/0).request_body_mode',
        'NONE: "whole-body" read the request body and never see it',
      ],
    ]);
  });

  it("finds a declared envoy.processingMode that starves the plugins, and an envoy.messageTimeoutMs below attache's budget", async () => {
    const file = await project(
      configWith(
        ['whole-body'],
        'envoy:\n  upstream: 127.0.0.1:8080\n  messageTimeoutMs: 150\n  processingMode: { requestBodyMode: NONE }\n',
      ),
    );
    const report = await runCheck(await loadContext(file), { endpoints });
    expect(report.findings.map((f) => f.where.replace(/^.*attache\.yaml: /, ''))).toEqual([
      'envoy.processingMode.request_body_mode',
      'envoy.messageTimeoutMs',
    ]);
  });

  it('finds a declared envoy.processingMode that streams a body whose headers a plugin changes from it', async () => {
    const config = (envoy: string) => `envoy:
  upstream: 127.0.0.1:8080
${envoy}plugins:
  - use: transform
    options:
      request: { body: { parseAs: json }, set: { x-user: '{{user.id}}' } }
      response: { body: { parseAs: json }, status: '{{#if error}}502{{/if}}' }
`;
    const check = async (envoy: string) =>
      (await runCheck(await loadContext(await project(config(envoy))), { endpoints })).findings;
    const streamed =
      '  processingMode: { requestBodyMode: STREAMED, requestTrailerMode: SEND, responseBodyMode: STREAMED, responseTrailerMode: SEND }\n';
    const found = await check(streamed);
    expect(found.map((f) => [f.where.replace(/^.*attache\.yaml: /, ''), f.problem, f.fix])).toEqual([
      [
        'envoy.processingMode.request_body_mode',
        'STREAMED: "transform" changes the request headers from the body, and Envoy ignores header changes in a streamed body reply: that part of its work fails',
        'set request_body_mode: BUFFERED (or allow_mode_override on the filter and envoy.allowModeOverride: true, so the plugin asks for BUFFERED)',
      ],
      [
        'envoy.processingMode.response_body_mode',
        'STREAMED: "transform" changes the response headers or status from the body, and Envoy ignores header changes in a streamed body reply: that part of its work fails',
        'set response_body_mode: BUFFERED (or allow_mode_override on the filter and envoy.allowModeOverride: true, so the plugin asks for BUFFERED)',
      ],
    ]);
    // With mode overrides on, transform asks for BUFFERED itself.
    expect(await check(`  allowModeOverride: true\n${streamed}`)).toEqual([]);
    // Not under FULL_DUPLEX_STREAMED: Envoy ignores every override there.
    const duplex = await check(
      '  allowModeOverride: true\n  processingMode: { requestBodyMode: FULL_DUPLEX_STREAMED, requestTrailerMode: SEND }\n',
    );
    expect(duplex.map((f) => [f.where.replace(/^.*attache\.yaml: /, ''), f.fix])).toEqual([
      ['envoy.processingMode.request_body_mode', 'set request_body_mode: BUFFERED'],
    ]);
    // Buffered (what attache envoy writes): nothing.
    expect(await check('')).toEqual([]);
    // The same in a bootstrap kept by hand.
    const report = await checkBootstrap(config(''), (d) => {
      Object.assign(filter(d).processing_mode, {
        response_body_mode: 'STREAMED',
        response_trailer_mode: 'SEND',
      });
    });
    expect(
      report.findings.map((f) => [f.where.replace(/^envoy\.yaml: .*\.typed_config\./, ''), f.fix]),
    ).toEqual([
      [
        'processing_mode.response_body_mode',
        'set response_body_mode: BUFFERED (or allow_mode_override on the filter and envoy.allowModeOverride: true, so the plugin asks for BUFFERED)',
      ],
    ]);
  });
});
