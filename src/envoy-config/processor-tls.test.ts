/**
 * `grpc.tls` in generated configs: `attache envoy` writes the processor cluster's TLS from
 * `envoy.processorTls` (loaded strictly into Envoy's UpstreamTlsContext), refuses a side that
 * would fail every handshake, and `attache check` finds a bootstrap whose cluster disagrees;
 * the Kubernetes generators, whose Service is h2c, refuse TLS with the way out.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configWith, project } from '../../test/support/envoy-project.js';
import { testPki } from '../../test/support/tls-certs.js';
import { runCheck } from './check.js';
import { loadContext } from './context.js';
import { generateEnvoyGateway } from './envoy-gateway.js';
import { generateEnvoy } from './generate-envoy.js';
import { generateKgateway } from './kgateway.js';
import { validateBootstrap } from './validate.js';

// biome-ignore lint/suspicious/noExplicitAny: generated documents are read freely.
type Doc = Record<string, any>;

const pki = testPki();
const serverTls = (extra = '') =>
  `grpc:\n  address: 127.0.0.1:50051\n  tls:\n    certFile: ${pki.file('server.crt')}\n    keyFile: ${pki.file('server.key')}\n${extra}`;
const envoy = (tls: string) => `envoy:\n  upstream: 127.0.0.1:8080\n${tls}`;
const ENVOY_SIDE = '  processorTls:\n    caFile: /etc/envoy/attache-ca.crt\n    sni: attache.internal\n';
const ENVOY_MTLS = `${ENVOY_SIDE}    certFile: /etc/envoy/client.crt\n    keyFile: /etc/envoy/client.key\n`;

const processorCluster = (d: Doc): Doc =>
  d.static_resources.clusters.find((c: Doc) => c.name === 'attache') as Doc;

describe('attache envoy with grpc.tls', () => {
  it('writes the UpstreamTlsContext: ALPN h2, the CA, SNI checked as a DNS name', async () => {
    const file = await project(configWith(['req-headers'], serverTls() + envoy(ENVOY_SIDE)));
    const g = await generateEnvoy(file, { processes: 1 });
    expect(validateBootstrap(parse(g.yaml))).toEqual([]);
    expect(processorCluster(g.bootstrap as Doc).transport_socket).toEqual({
      name: 'envoy.transport_sockets.tls',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
        sni: 'attache.internal',
        common_tls_context: {
          alpn_protocols: ['h2'],
          validation_context: {
            trusted_ca: { filename: '/etc/envoy/attache-ca.crt' },
            match_typed_subject_alt_names: [{ san_type: 'DNS', matcher: { exact: 'attache.internal' } }],
          },
        },
      },
    });
  });

  it("adds Envoy's client certificate for mTLS, and requires it when attache requires one", async () => {
    const mtls = serverTls(`    caFile: ${pki.file('ca.crt')}\n`);
    const file = await project(configWith(['req-headers'], mtls + envoy(ENVOY_MTLS)));
    const g = await generateEnvoy(file, { processes: 1 });
    expect(validateBootstrap(parse(g.yaml))).toEqual([]);
    expect(
      processorCluster(g.bootstrap as Doc).transport_socket.typed_config.common_tls_context.tls_certificates,
    ).toEqual([
      {
        certificate_chain: { filename: '/etc/envoy/client.crt' },
        private_key: { filename: '/etc/envoy/client.key' },
      },
    ]);
    const missing = await project(configWith(['req-headers'], mtls + envoy(ENVOY_SIDE)));
    await expect(generateEnvoy(missing, { processes: 1 })).rejects.toThrow(
      /envoy.processorTls: grpc.tls requires a client certificate .*certFile and keyFile/,
    );
  });

  it('refuses TLS on one side only, and a certificate without its key', async () => {
    const serverOnly = await project(configWith(['req-headers'], serverTls() + envoy('')));
    await expect(generateEnvoy(serverOnly, { processes: 1 })).rejects.toThrow(
      /grpc.tls: attache serves TLS, so the generated cluster must too: set envoy.processorTls.caFile/,
    );
    const envoyOnly = await project(configWith(['req-headers'], envoy(ENVOY_SIDE)));
    await expect(generateEnvoy(envoyOnly, { processes: 1 })).rejects.toThrow(
      /envoy.processorTls: attache serves cleartext HTTP\/2/,
    );
    const halfPair = await project(
      configWith(['req-headers'], serverTls() + envoy(`${ENVOY_SIDE}    certFile: /etc/envoy/client.crt\n`)),
    );
    await expect(generateEnvoy(halfPair, { processes: 1 })).rejects.toThrow(
      /certFile and keyFile go together/,
    );
  });

  it('attache check finds a processor cluster whose TLS disagrees with grpc.tls', async () => {
    const tlsFile = await project(configWith(['req-headers'], serverTls() + envoy(ENVOY_SIDE)));
    const cleartextFile = await project(configWith(['req-headers']));
    const tlsBootstrap = (await generateEnvoy(tlsFile, { processes: 1 })).bootstrap;
    const cleartextBootstrap = (await generateEnvoy(cleartextFile, { processes: 1 })).bootstrap;
    const endpoints = { processes: 1 };

    const agree = await runCheck(await loadContext(tlsFile), { bootstrap: tlsBootstrap, endpoints });
    expect(agree.findings).toEqual([]);
    const plain = await runCheck(await loadContext(tlsFile), { bootstrap: cleartextBootstrap, endpoints });
    expect(plain.findings.map((f) => f.problem)).toEqual([
      'absent, but attache serves TLS (grpc.tls): Envoy speaks cleartext to it and every stream fails',
    ]);
    const extra = await runCheck(await loadContext(cleartextFile), { bootstrap: tlsBootstrap, endpoints });
    expect(extra.findings.map((f) => f.problem)).toEqual([
      'set, but attache serves cleartext HTTP/2 (no grpc.tls): every TLS handshake fails',
    ]);
  });
});

describe('the Kubernetes generators with grpc.tls', () => {
  it('refuse it, naming the command and the way out', async () => {
    const context = await loadContext(
      await project(configWith(['req-headers'], serverTls() + envoy(ENVOY_SIDE))),
    );
    const options = { namespace: 'default', image: 'attache:test' };
    expect(() => generateKgateway(context, options)).toThrow(
      /grpc.tls: attache kgateway writes a Service that the gateway reaches over cleartext HTTP\/2 .*BackendTLSPolicy/,
    );
    expect(() => generateEnvoyGateway(context, options)).toThrow(
      /grpc.tls: attache envoy-gateway writes a Service/,
    );
  });
});
