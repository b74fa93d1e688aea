import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { healthCheck as check } from '../../test/support/health-check.js';
import { useServers } from '../../test/support/servers.js';
import { silentLogger } from '../log.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { EXT_PROC_SERVICE } from '../protocol/service.js';
import { createServer, DEFAULT_TRANSPORT, type TransportName } from './create-server.js';

const servers = useServers();

const plugin = definePlugin({ name: 'noop', setup: () => ({}) });

describe.each<TransportName>(['grpc-js', 'http2', 'wire'])('createServer over %s', (transport) => {
  it('answers gRPC health SERVING for "" and the ext_proc service, NOT_FOUND otherwise', async () => {
    const { address } = await servers.start({ plugins: [{ plugin }], transport });
    expect(await check(address, '')).toEqual({ status: 1 });
    expect(await check(address, EXT_PROC_SERVICE)).toEqual({ status: 1 });
    expect((await check(address, 'other')).code).toBe(grpc.status.NOT_FOUND);
  });

  it('stops accepting on close and closes the plugins', async () => {
    let closed = 0;
    const closing = definePlugin({ name: 'closing', setup: () => ({ close: () => void closed++ }) });
    const { server, address } = await servers.start({ plugins: [{ plugin: closing }], transport });
    await server.close(100);
    await server.close(100);
    expect(closed).toBe(1);
    expect((await check(address, '')).code).toBe(grpc.status.UNAVAILABLE);
  });

  it('reports a port that cannot be bound', async () => {
    const { address } = await servers.start({ plugins: [], transport });
    const other = await createServer({ plugins: [], log: silentLogger, transport });
    await expect(other.listen(address)).rejects.toThrow(/cannot listen on/);
    await other.close(10);
  });
});

describe('createServer transport option', () => {
  it('defaults to http2', async () => {
    expect(DEFAULT_TRANSPORT).toBe('http2');
    // Only the http2 transport answers a GET with 405 (gRPC is POST only; grpc-js says 415).
    const { address } = await servers.start({ plugins: [{ plugin }] });
    const session = servers.session(address);
    const status = await new Promise((resolve, reject) => {
      const get = session.request({ ':method': 'GET', ':path': '/' });
      get.on('response', (headers) => resolve(headers[':status']));
      get.on('error', reject);
      get.end();
    });
    expect(status).toBe(405);
  });

  it('refuses an unknown transport, and grpc-js-only options with http2 or wire, naming them and the way out', async () => {
    await expect(
      createServer({ plugins: [], log: silentLogger, transport: 'h3' as TransportName }),
    ).rejects.toThrow('transport must be one of "http2", "grpc-js", "wire", got "h3"');
    await expect(
      createServer({ plugins: [], log: silentLogger, transport: 'http2', grpcOptions: {} }),
    ).rejects.toThrow(
      "grpcOptions applies to the grpc-js transport only; the http2 transport does not take it (it takes tls and keepalive): set transport: 'grpc-js' to use it",
    );
    await expect(
      createServer({ plugins: [], log: silentLogger, transport: 'wire', grpcOptions: {} }),
    ).rejects.toThrow(
      "grpcOptions applies to the grpc-js transport only; the wire transport does not take it (it takes tls and keepalive): set transport: 'grpc-js' to use it",
    );
    // The default transport is http2: the error says so, and how to get grpc-js.
    await expect(
      createServer({ plugins: [], log: silentLogger, credentials: grpc.ServerCredentials.createInsecure() }),
    ).rejects.toThrow(
      "credentials applies to the grpc-js transport only; the default transport, http2, does not take it (it takes tls and keepalive): set transport: 'grpc-js' to use it",
    );
  });

  it('grpc-js still takes grpcOptions and credentials', async () => {
    const { address } = await servers.start({
      plugins: [{ plugin }],
      transport: 'grpc-js',
      grpcOptions: { 'grpc.max_concurrent_streams': 10 },
      credentials: grpc.ServerCredentials.createInsecure(),
    });
    expect(await check(address, '')).toEqual({ status: 1 });
  });

  it('http2: refuses an address that is neither host:port nor unix:path with LISTEN_FAILED', async () => {
    const server = await createServer({ plugins: [], log: silentLogger, transport: 'http2' });
    await expect(server.listen('tcp://127.0.0.1:1')).rejects.toMatchObject({
      code: 'ATTACHE_ERR_LISTEN_FAILED',
      message: expect.stringMatching(/^cannot listen on tcp:\/\/127\.0\.0\.1:1: expected host:port/),
    });
    await server.close(10);
  });
});
