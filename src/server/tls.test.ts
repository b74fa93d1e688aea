/**
 * TLS and mutual TLS on both transports, with certificates made at run time: a grpc-js client
 * runs a `Process` exchange and a health check over TLS, and the server refuses the clients it
 * must refuse (cleartext, no certificate, a certificate from another CA).
 */
import { once } from 'node:events';
import http2 from 'node:http2';
import tls from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { HEALTH, healthCheck } from '../../test/support/health-check.js';
import { testPki } from '../../test/support/tls-certs.js';
import { silentLogger } from '../log.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { grpcChannel } from '../testing/channel-grpc.js';
import { runExchange } from '../testing/exchange.js';
import { type AttacheServer, createServer, type ServerOptions, type TransportName } from './create-server.js';

const pki = testPki();
const servers: AttacheServer[] = [];
const channels: Array<{ close(): void }> = [];
afterEach(async () => {
  for (const c of channels.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close(0)));
});

const tagTls = definePlugin({
  name: 'tag',
  setup: () => ({ requestHeaders: (ctx) => void ctx.mutate.set('x-over', 'tls') }),
});

async function start(transport: TransportName, options: Partial<ServerOptions>): Promise<string> {
  const server = await createServer({
    plugins: [{ plugin: tagTls }],
    log: silentLogger,
    transport,
    ...options,
  });
  servers.push(server);
  return (await server.listen('127.0.0.1:0')).address;
}

const serverOnly = { cert: pki.serverCert, key: pki.serverKey };
const mutual = (clientAuth?: 'request' | 'require') => ({ ...serverOnly, ca: pki.ca, clientAuth });

/** Client credentials trusting the test CA, with a client certificate or none. */
function client(cert?: 'good' | 'other'): grpc.ChannelCredentials {
  const ca = Buffer.from(pki.ca);
  if (cert === undefined) return grpc.credentials.createSsl(ca);
  const [c, k] =
    cert === 'good' ? [pki.clientCert, pki.clientKey] : [pki.otherClientCert, pki.otherClientKey];
  return grpc.credentials.createSsl(ca, Buffer.from(k), Buffer.from(c));
}

/** A whole exchange through the server: the header the plugin set reached upstream. */
async function exchange(address: string, credentials: grpc.ChannelCredentials): Promise<string | undefined> {
  const channel = grpcChannel(address, { credentials });
  channels.push(channel);
  const result = await runExchange(channel, { request: { path: '/x' } });
  expect(result.violations).toEqual([]);
  return result.upstream?.headers.get('x-over');
}

describe.each<TransportName>(['grpc-js', 'http2', 'wire'])('TLS over the %s transport', (transport) => {
  it('serves Process and health over TLS, and refuses a cleartext client', async () => {
    const address = await start(transport, { tls: serverOnly });
    expect(await exchange(address, client())).toBe('tls');
    expect(await healthCheck(address, '', client())).toEqual({ status: HEALTH.SERVING });
    expect(await healthCheck(address, '')).toEqual({ code: grpc.status.UNAVAILABLE });
  });

  it('mTLS (clientAuth require, the default with a CA): a client certificate from the CA is served', async () => {
    const address = await start(transport, { tls: mutual() });
    expect(await exchange(address, client('good'))).toBe('tls');
    expect(await healthCheck(address, '', client('good'))).toEqual({ status: HEALTH.SERVING });
  });

  it('mTLS refuses a client without a certificate, and one whose certificate another CA signed', async () => {
    const address = await start(transport, { tls: mutual('require') });
    expect(await healthCheck(address, '', client())).toEqual({ code: grpc.status.UNAVAILABLE });
    expect(await healthCheck(address, '', client('other'))).toEqual({ code: grpc.status.UNAVAILABLE });
    // The same server still serves the right client afterwards.
    expect(await healthCheck(address, '', client('good'))).toEqual({ status: HEALTH.SERVING });
  });

  it('offers ALPN h2 only', async () => {
    const address = await start(transport, { tls: serverOnly });
    const port = Number(address.slice(address.lastIndexOf(':') + 1));
    const socket = tls.connect({
      host: '127.0.0.1',
      port,
      ca: pki.ca,
      servername: 'localhost',
      ALPNProtocols: ['h2'],
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    expect(socket.alpnProtocol).toBe('h2');
    socket.destroy();
  });
});

describe('TLS specifics of one transport', () => {
  it.each(['http2', 'wire'] as const)(
    '%s: serves a client with or without a certificate, refuses one that does not verify',
    async (transport) => {
      const address = await start(transport, { tls: mutual('request') });
      expect(await healthCheck(address, '', client())).toEqual({ status: HEALTH.SERVING });
      expect(await healthCheck(address, '', client('good'))).toEqual({ status: HEALTH.SERVING });
      expect(await healthCheck(address, '', client('other'))).toEqual({ code: grpc.status.UNAVAILABLE });
      expect(await exchange(address, client())).toBe('tls');
    },
  );

  it('http2: the TLS server opens the same large receive windows as the cleartext one', async () => {
    const address = await start('http2', { tls: serverOnly });
    const port = address.slice(address.lastIndexOf(':') + 1);
    const session = http2.connect(`https://127.0.0.1:${port}`, { ca: pki.ca, servername: 'localhost' });
    session.on('error', () => {});
    await once(session, 'remoteSettings');
    // 1 MiB per stream on Node 24+; below it the stream window stays at HTTP/2's default, since
    // Node 20 stalls with both windows raised (src/transport/http2.ts, RAISE_STREAM_WINDOW).
    const raised = Number(process.versions.node.split('.')[0]) >= 24;
    expect(session.remoteSettings.initialWindowSize).toBe(raised ? 1 << 20 : 65_535);
    session.destroy();
  });

  it('wire: the TLS server opens 1 MiB stream windows on every Node', async () => {
    const address = await start('wire', { tls: serverOnly });
    const port = address.slice(address.lastIndexOf(':') + 1);
    const session = http2.connect(`https://127.0.0.1:${port}`, { ca: pki.ca, servername: 'localhost' });
    session.on('error', () => {});
    await once(session, 'remoteSettings');
    expect(session.remoteSettings.initialWindowSize).toBe(1 << 20);
    session.destroy();
  });

  it('grpc-js: refused at creation, since grpc-js cannot verify a certificate only when one is sent', async () => {
    await expect(
      createServer({ plugins: [], log: silentLogger, transport: 'grpc-js', tls: mutual('request') }),
    ).rejects.toThrow('tls.clientAuth "request" needs the http2 or wire transport');
  });
});
