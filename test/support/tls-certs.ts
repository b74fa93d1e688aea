/**
 * Throw-away certificates for TLS tests, made with the `openssl` CLI at run time in a temporary
 * folder (no private key is ever committed): a CA with a server certificate (localhost,
 * 127.0.0.1) and a client certificate, and a second, unrelated CA with a client certificate of
 * its own (a client the server must not trust).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** PEM texts, and the files they were written to (for config tests). */
export interface TestPki {
  readonly dir: string;
  readonly ca: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  /** A CA the server does not know, and a client certificate it signed. */
  readonly otherCa: string;
  readonly otherClientCert: string;
  readonly otherClientKey: string;
  /** `name` (e.g. `server.crt`) in {@link TestPki.dir}. */
  file(name: string): string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function makeCa(dir: string, name: string): void {
  openssl(dir, [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
  ]);
}

function makeLeaf(dir: string, name: string, ca: string, extensions: string): void {
  writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(dir, ['req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  ]);
}

let made: TestPki | undefined;

/** The test PKI, made once per test file (a few openssl runs). */
export function testPki(): TestPki {
  if (made !== undefined) return made;
  const dir = mkdtempSync(path.join(tmpdir(), 'attache-tls-'));
  makeCa(dir, 'ca');
  makeLeaf(dir, 'server', 'ca', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  makeLeaf(dir, 'client', 'ca', 'extendedKeyUsage=clientAuth\n');
  makeCa(dir, 'other-ca');
  makeLeaf(dir, 'other-client', 'other-ca', 'extendedKeyUsage=clientAuth\n');
  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  made = {
    dir,
    ca: read('ca.crt'),
    serverCert: read('server.crt'),
    serverKey: read('server.key'),
    clientCert: read('client.crt'),
    clientKey: read('client.key'),
    otherCa: read('other-ca.crt'),
    otherClientCert: read('other-client.crt'),
    otherClientKey: read('other-client.key'),
    file: (name) => path.join(dir, name),
  };
  return made;
}
