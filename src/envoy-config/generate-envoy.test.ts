/** `attache envoy`: the bootstrap follows the config, lists every endpoint and always validates. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configWith, project } from '../../test/support/envoy-project.js';
import { generateEnvoy } from './generate-envoy.js';
import { validateBootstrap } from './validate.js';

// biome-ignore lint/suspicious/noExplicitAny: generated documents are read freely.
type Doc = Record<string, any>;
const hcm = (d: Doc): Doc => d.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
const filter = (d: Doc): Doc => hcm(d).http_filters[0].typed_config;
const endpoints = (d: Doc): string[] =>
  d.static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints.map((e: Doc) =>
    e.endpoint.address.pipe
      ? `unix:${e.endpoint.address.pipe.path}`
      : `${e.endpoint.address.socket_address.address}:${e.endpoint.address.socket_address.port_value}`,
  );

describe('attache envoy', () => {
  it('writes a bootstrap that loads strictly and says where each mode comes from', async () => {
    const g = await generateEnvoy(await project(configWith(['req-headers', 'chunk-body'])), { processes: 1 });
    expect(validateBootstrap(parse(g.yaml))).toEqual([]);
    expect(g.yaml).toContain('#   responseBodyMode: STREAMED ("chunk-body" reads it in chunks)');
    const f = filter(g.bootstrap);
    expect(f.processing_mode).toEqual({
      request_header_mode: 'SEND',
      response_header_mode: 'SKIP',
      request_body_mode: 'NONE',
      response_body_mode: 'STREAMED',
      request_trailer_mode: 'SKIP',
      response_trailer_mode: 'SEND',
    });
    expect(hcm(g.bootstrap).http_filters.map((h: Doc) => h.name)).toEqual([
      'envoy.filters.http.ext_proc',
      'envoy.filters.http.router',
    ]);
    expect((g.bootstrap as Doc).admin.address.socket_address).toEqual({
      address: '127.0.0.1',
      port_value: 9901,
    });
    expect((g.bootstrap as Doc).layered_runtime.layers[0].static_layer).toEqual({
      'envoy.reloadable_features.ext_proc_graceful_grpc_close': true,
    });
  });

  it('lists every endpoint of attache serve --processes N, a wildcard address reached on loopback', async () => {
    const file = await project(
      configWith(['req-headers'], 'grpc:\n  address: 0.0.0.0:7000\nenvoy:\n  upstream: 127.0.0.1:8080\n'),
    );
    expect(endpoints((await generateEnvoy(file, { processes: 3 })).bootstrap)).toEqual([
      '127.0.0.1:7000',
      '127.0.0.1:7001',
      '127.0.0.1:7002',
    ]);
    const configured = await project(
      configWith(
        ['req-headers'],
        'grpc:\n  address: 127.0.0.1:7000\n  processes: 2\nenvoy:\n  upstream: 127.0.0.1:8080\n',
      ),
    );
    expect(endpoints((await generateEnvoy(configured)).bootstrap)).toEqual([
      '127.0.0.1:7000',
      '127.0.0.1:7001',
    ]);
  });

  it('lists the endpoints of an endpoints file, sockets included, and refuses port 0 without one', async () => {
    const file = await project(
      configWith(['req-headers'], 'grpc:\n  address: 127.0.0.1:0\nenvoy:\n  upstream: 127.0.0.1:8080\n'),
    );
    await expect(generateEnvoy(file, { processes: 2 })).rejects.toThrow(/port 0 .* --endpoints-file/);
    const list = path.join(path.dirname(file), 'endpoints.json');
    await writeFile(
      list,
      JSON.stringify({
        version: 1,
        transport: 'http2',
        endpoints: [
          { worker: 0, address: '127.0.0.1:40001' },
          { worker: 1, address: 'unix:/run/a.sock.1' },
        ],
      }),
    );
    const g = await generateEnvoy(file, { endpointsFile: list });
    expect(endpoints(g.bootstrap)).toEqual(['127.0.0.1:40001', 'unix:/run/a.sock.1']);
    expect((g.bootstrap as Doc).static_resources.clusters[0].type).toBe('STATIC');
    await writeFile(list, '{"version":2}');
    await expect(generateEnvoy(file, { endpointsFile: list })).rejects.toThrow(/expected \{ "version": 1/);
  });

  it('resolves a host name endpoint with STRICT_DNS', async () => {
    const file = await project(
      configWith(
        ['req-headers'],
        'grpc:\n  address: attache.local:50051\nenvoy:\n  upstream: echo.local:8080\n',
      ),
    );
    const { bootstrap } = await generateEnvoy(file, { processes: 1 });
    expect((bootstrap as Doc).static_resources.clusters.map((c: Doc) => c.type)).toEqual([
      'STRICT_DNS',
      'STRICT_DNS',
    ]);
  });

  it("takes failure mode, timeouts, mutation rules, namespaces and header limits from attache's settings", async () => {
    const file = await project(`failure: { mode: open }
timeouts: { messageMs: 480 }
envoy:
  upstream: 127.0.0.1:8080
  maxMessageTimeoutMs: 2000
  mutationRules: { disallowSystem: true, disallowExpression: "^x-internal-", disallowIsError: true }
  maxHeadersCount: 50
  maxHeadersKb: 32
  allowContentLengthHeader: true
plugins:
  - use: ./req-headers.js
    metadataNamespaces: [acme.tenant, acme.audit]
  - use: ./resp-headers.js
    metadataNamespaces: [acme.audit]
`);
    const { bootstrap } = await generateEnvoy(file, { processes: 1 });
    expect(filter(bootstrap)).toMatchObject({
      failure_mode_allow: true,
      message_timeout: '0.5s',
      max_message_timeout: '2s',
      mutation_rules: {
        disallow_system: true,
        disallow_expression: { regex: '^x-internal-' },
        disallow_is_error: true,
      },
      metadata_options: { receiving_namespaces: { untyped: ['acme.audit', 'acme.tenant'] } },
      allow_content_length_header: true,
    });
    expect(filter(bootstrap).status_on_error).toBeUndefined();
    expect(hcm(bootstrap).max_request_headers_kb).toBe(32);
    expect(hcm(bootstrap).common_http_protocol_options).toEqual({ max_headers_count: 50 });
  });

  it("fails closed with failure.status as Envoy's status_on_error, and envoy.messageTimeoutMs wins", async () => {
    const file = await project(
      configWith(
        ['req-headers'],
        'failure: { status: 503 }\nenvoy:\n  upstream: 127.0.0.1:8080\n  messageTimeoutMs: 1500\n',
      ),
    );
    const f = filter((await generateEnvoy(file, { processes: 1 })).bootstrap);
    expect(f).toMatchObject({
      failure_mode_allow: false,
      status_on_error: { code: 'ServiceUnavailable' },
      message_timeout: '1.5s',
    });
  });

  it('lists exactly the mode overrides attache sends when envoy.allowModeOverride is on', async () => {
    const config = (allow: boolean) =>
      `envoy:\n  upstream: 127.0.0.1:8080\n  allowModeOverride: ${allow}\nplugins:\n  - use: ./whole-body.js\n    match: { path: /api }\n  - use: ./resp-headers.js\n`;
    const f = filter((await generateEnvoy(await project(config(true)), { processes: 1 })).bootstrap);
    expect(f.allow_mode_override).toBe(true);
    // Outside /api no plugin reads the request body: attache switches it off.
    expect(f.allowed_override_modes).toContainEqual(expect.objectContaining({ request_body_mode: 'NONE' }));
    // Envoy does not compare request_header_mode (the request headers are already sent).
    expect(f.allowed_override_modes.some((m: Doc) => 'request_header_mode' in m)).toBe(false);
    const off = filter((await generateEnvoy(await project(config(false)), { processes: 1 })).bootstrap);
    expect(off.allow_mode_override).toBe(false);
    expect(off.allowed_override_modes).toBeUndefined();
  });

  it("lets a BUFFERED body of body.maxBytes through Envoy's connection buffers", async () => {
    const file = await project(
      configWith(['whole-body'], 'body: { maxBytes: 8388608 }\nenvoy:\n  upstream: 127.0.0.1:8080\n'),
    );
    const { bootstrap } = await generateEnvoy(file, { processes: 1 });
    expect((bootstrap as Doc).static_resources.listeners[0].per_connection_buffer_limit_bytes).toBe(8388608);
    expect((bootstrap as Doc).static_resources.clusters[1].per_connection_buffer_limit_bytes).toBe(8388608);
  });

  it('refuses what it cannot write, naming the field', async () => {
    const none = await project(configWith(['req-headers'], ''));
    await expect(generateEnvoy(none, { processes: 1 })).rejects.toThrow(
      /envoy: give envoy.upstream .* or envoy.routes/,
    );
    const admin = await project(
      configWith(['req-headers'], 'envoy:\n  upstream: 127.0.0.1:8080\n  admin: 0.0.0.0:9901\n'),
    );
    await expect(generateEnvoy(admin, { processes: 1 })).rejects.toThrow(
      /envoy.admin: 0.0.0.0 is not a loopback address/,
    );
    const status = await project(
      configWith(['req-headers'], 'failure: { status: 599 }\nenvoy:\n  upstream: 127.0.0.1:8080\n'),
    );
    await expect(generateEnvoy(status, { processes: 1 })).rejects.toThrow(/failure.status 599/);
    const upstream = await project(configWith(['req-headers'], 'envoy:\n  upstream: unix:/x.sock\n'));
    await expect(generateEnvoy(upstream)).rejects.toThrow(/envoy.upstream: expected host:port/);
  });
});

describe('attache envoy listeners', () => {
  it('binds the listener where envoy.listen says, a wildcard included', async () => {
    const file = await project(
      configWith(['req-headers'], 'envoy:\n  upstream: 127.0.0.1:8080\n  listen: 0.0.0.0:8000\n'),
    );
    const { bootstrap } = await generateEnvoy(file, { processes: 1 });
    expect((bootstrap as Doc).static_resources.listeners[0].address.socket_address).toEqual({
      address: '0.0.0.0',
      port_value: 8000,
    });
  });
});

describe('attache envoy warnings', () => {
  it('warns when a declared processing mode keeps a phase from the plugin that reads it', async () => {
    const file = await project(
      configWith(
        ['whole-body'],
        'envoy:\n  upstream: 127.0.0.1:8080\n  processingMode: { requestBodyMode: NONE }\n',
      ),
    );
    const g = await generateEnvoy(file, { processes: 1 });
    expect(g.warnings).toEqual([
      expect.stringMatching(
        /envoy\.processingMode\.request_body_mode: NONE: "whole-body" read the request body and never see it \(set request_body_mode: BUFFERED\)$/,
      ),
    ]);
    expect(g.yaml).toContain('# warning: ');
    const clean = await generateEnvoy(await project(configWith(['whole-body'])), { processes: 1 });
    expect(clean.warnings).toEqual([]);
    expect(clean.yaml).not.toContain('# warning: ');
  });
});
