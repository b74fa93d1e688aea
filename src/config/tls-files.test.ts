/**
 * `grpc.tls`, `grpc.keepalive` and unix addresses in attache.yaml, and the same settings given to
 * `createServer` directly: a working config served over TLS from paths relative to the config
 * file, and every bad setting stopping the start with file, field and reason.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { startError, writeConfig } from '../../test/support/config-files.js';
import { HEALTH, healthCheck } from '../../test/support/health-check.js';
import { testPki } from '../../test/support/tls-certs.js';
import { silentLogger } from '../log.js';
import { type AttacheServer, createServer, type TransportName } from '../server/create-server.js';
import { loadConfig } from './load-config.js';
import { toServerOptions } from './to-server-options.js';

const pki = testPki();
let server: AttacheServer | undefined;
afterEach(async () => {
  await server?.close(0);
  server = undefined;
});

/** A config next to copies of the test PKI's files (ca.crt, server.crt, server.key, client.key…). */
async function configWithCerts(grpcSection: string): Promise<string> {
  const file = await writeConfig('attache.yaml', `grpc:\n${grpcSection}plugins: []\n`);
  for (const name of ['ca.crt', 'server.crt', 'server.key', 'client.key']) {
    copyFileSync(pki.file(name), path.join(path.dirname(file), name));
  }
  return file;
}

describe.each<TransportName>(['grpc-js', 'http2', 'wire'])('grpc.tls over %s', (transport) => {
  it('serves mTLS from PEM files given relative to the config file', async () => {
    const file = await configWithCerts(
      `  address: 127.0.0.1:0\n  transport: ${transport}\n  tls:\n    certFile: ./server.crt\n    keyFile: server.key\n    caFile: ./ca.crt\n  keepalive:\n    timeMs: 60000\n`,
    );
    // Started from elsewhere: the paths still resolve against the config's folder.
    const options = await toServerOptions(await loadConfig(file), silentLogger);
    expect(options.keepalive).toEqual({ timeMs: 60000 });
    server = await createServer(options);
    const { address } = await server.listen();
    const trusted = grpc.credentials.createSsl(
      Buffer.from(pki.ca),
      Buffer.from(pki.clientKey),
      Buffer.from(pki.clientCert),
    );
    expect(await healthCheck(address, '', trusted)).toEqual({ status: HEALTH.SERVING });
    // caFile without clientAuth means require: no client certificate, no connection.
    const anonymous = grpc.credentials.createSsl(Buffer.from(pki.ca));
    expect(await healthCheck(address, '', anonymous)).toEqual({ code: grpc.status.UNAVAILABLE });
  });
});

describe('grpc.tls errors name the file, the key, the path and the reason', () => {
  const tls = (lines: string) => configWithCerts(`  address: 127.0.0.1:0\n  tls:\n${lines}`);

  it('an unreadable file', async () => {
    const file = await tls('    certFile: ./server.crt\n    keyFile: ./x.key\n');
    expect(await startError(file)).toBe(`${file}: grpc.tls.keyFile: cannot read ./x.key: ENOENT`);
  });

  it('a file that is not a PEM certificate', async () => {
    const file = await tls('    certFile: ./server.key\n    keyFile: ./server.key\n');
    expect(await startError(file)).toBe(
      `${file}: grpc.tls.certFile (./server.key): not a PEM certificate (no "-----BEGIN CERTIFICATE-----" block)`,
    );
  });

  it('a file that is not a private key', async () => {
    const file = await tls('    certFile: ./server.crt\n    keyFile: ./ca.crt\n');
    expect(await startError(file)).toMatch(
      new RegExp(
        `^${escapeRegExp(file)}: grpc\\.tls\\.keyFile \\(\\./ca\\.crt\\): not a valid PEM private key: .+`,
      ),
    );
  });

  it('a key that does not match the certificate', async () => {
    const file = await tls('    certFile: ./server.crt\n    keyFile: ./client.key\n');
    expect(await startError(file)).toBe(
      `${file}: grpc.tls.keyFile (./client.key): the private key does not match the certificate in grpc.tls.certFile (./server.crt)`,
    );
  });

  it('clientAuth that needs a CA without caFile, and a CA nothing checks', async () => {
    const require = await tls(
      '    certFile: ./server.crt\n    keyFile: ./server.key\n    clientAuth: require\n',
    );
    expect(await startError(require)).toBe(
      `${require}: grpc.tls.clientAuth: "require" needs grpc.tls.caFile, the CA that client certificates must chain to`,
    );
    const unused = await tls(
      '    certFile: ./server.crt\n    keyFile: ./server.key\n    caFile: ./ca.crt\n    clientAuth: none\n',
    );
    expect(await startError(unused)).toContain(
      `${unused}: grpc.tls.caFile (./ca.crt): client certificates are not checked with grpc.tls.clientAuth "none"`,
    );
  });

  it('unknown keys and values', async () => {
    const file = await tls(
      '    certFile: ./server.crt\n    keyFile: ./server.key\n    clientAuth: maybe\n    ciphers: x\n',
    );
    const text = await startError(file);
    expect(text).toContain(`${file}: grpc.tls: unknown key "ciphers"`);
    expect(text).toContain(`${file}: grpc.tls.clientAuth: `);
  });
});

describe('grpc.keepalive and grpc.address in the config', () => {
  it('refuses a keepalive time that is not a positive integer of ms, and unknown keys', async () => {
    const file = await writeConfig(
      'a.yaml',
      'grpc:\n  address: 127.0.0.1:0\n  keepalive:\n    timeMs: 0\n    timeoutMs: 1.5\n    permitWithoutCalls: true\nplugins: []\n',
    );
    const text = await startError(file);
    expect(text).toContain(`${file}: grpc.keepalive.timeMs: `);
    expect(text).toContain(`${file}: grpc.keepalive.timeoutMs: `);
    expect(text).toContain(`${file}: grpc.keepalive: unknown key "permitWithoutCalls"`);
  });

  it('takes unix:path addresses and names both forms when the address is neither', async () => {
    const ok = await writeConfig(
      'a.yaml',
      'grpc:\n  address: unix:/run/attache/ext-proc.sock\nplugins: []\n',
    );
    expect((await loadConfig(ok)).config.grpc.address).toBe('unix:/run/attache/ext-proc.sock');
    const bad = await writeConfig('a.yaml', 'grpc:\n  address: unix://relative.sock\nplugins: []\n');
    expect(await startError(bad)).toContain(
      `${bad}: grpc.address: unix:// takes an absolute path (unix:///run/x.sock), got "unix://relative.sock"`,
    );
  });
});

describe('createServer tls and keepalive options', () => {
  const base = { plugins: [], log: silentLogger };
  const serverTls = { cert: pki.serverCert, key: pki.serverKey };

  it('checks the PEM and the key at creation, naming the option', async () => {
    await expect(createServer({ ...base, tls: { cert: 'nope', key: pki.serverKey } })).rejects.toThrow(
      'tls.cert: not a PEM certificate (no "-----BEGIN CERTIFICATE-----" block)',
    );
    await expect(
      createServer({ ...base, tls: { cert: pki.serverCert, key: pki.clientKey } }),
    ).rejects.toThrow('tls.key: the private key does not match the certificate in tls.cert');
    await expect(
      createServer({
        ...base,
        tls: {
          ...serverTls,
          ca: `${pki.ca}\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`,
        },
      }),
    ).rejects.toThrow(/^tls\.ca: not a valid PEM CA certificate \(certificate 2 of 2\): /);
    await expect(
      createServer({ ...base, tls: { ...serverTls, clientAuth: 'always' as 'require' } }),
    ).rejects.toThrow('tls.clientAuth: expected "none", "request", "require", got "always"');
  });

  it('refuses tls with credentials, and keepalive with grpc-js keepalive options', async () => {
    await expect(
      createServer({
        ...base,
        transport: 'grpc-js',
        tls: serverTls,
        credentials: grpc.ServerCredentials.createInsecure(),
      }),
    ).rejects.toThrow('tls and credentials cannot be combined');
    await expect(
      createServer({
        ...base,
        transport: 'grpc-js',
        keepalive: { timeMs: 1000 },
        grpcOptions: { 'grpc.keepalive_timeout_ms': 5 },
      }),
    ).rejects.toThrow('keepalive and grpcOptions["grpc.keepalive_timeout_ms"] cannot be combined');
  });

  it('refuses keepalive times that are not integers from 1 ms to 2^31 - 1', async () => {
    await expect(createServer({ ...base, keepalive: { timeMs: 0 } })).rejects.toThrow(
      'keepalive.timeMs: expected an integer from 1 to 2147483647 (ms), got 0',
    );
    await expect(createServer({ ...base, keepalive: { timeoutMs: 2 ** 31 } })).rejects.toThrow(
      'keepalive.timeoutMs: expected an integer from 1 to 2147483647 (ms), got 2147483648',
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
