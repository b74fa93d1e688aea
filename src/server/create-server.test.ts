import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { healthCheck as check } from '../../test/support/health-check.js';
import { silentLogger } from '../log.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { EXT_PROC_SERVICE } from '../protocol/service.js';
import { type AttacheServer, createServer, type TransportName } from './create-server.js';

let server: AttacheServer | undefined;
afterEach(async () => {
  await server?.close(100);
  server = undefined;
});

const plugin = definePlugin({ name: 'noop', setup: () => ({}) });

describe.each<TransportName>(['grpc-js', 'http2'])('createServer over %s', (transport) => {
  it('answers gRPC health SERVING for "" and the ext_proc service, NOT_FOUND otherwise', async () => {
    server = await createServer({ plugins: [{ plugin }], log: silentLogger, transport });
    const { address } = await server.listen('127.0.0.1:0');
    expect(await check(address, '')).toEqual({ status: 1 });
    expect(await check(address, EXT_PROC_SERVICE)).toEqual({ status: 1 });
    expect((await check(address, 'other')).code).toBe(grpc.status.NOT_FOUND);
  });

  it('stops accepting on close and closes the plugins', async () => {
    let closed = 0;
    const closing = definePlugin({ name: 'closing', setup: () => ({ close: () => void closed++ }) });
    server = await createServer({ plugins: [{ plugin: closing }], log: silentLogger, transport });
    const { address } = await server.listen('127.0.0.1:0');
    await server.close(100);
    await server.close(100);
    expect(closed).toBe(1);
    expect((await check(address, '')).code).toBe(grpc.status.UNAVAILABLE);
  });

  it('reports a port that cannot be bound', async () => {
    server = await createServer({ plugins: [], log: silentLogger, transport });
    const { address } = await server.listen('127.0.0.1:0');
    const other = await createServer({ plugins: [], log: silentLogger, transport });
    await expect(other.listen(address)).rejects.toThrow(/cannot listen on/);
    await other.close(10);
  });
});

describe('createServer transport option', () => {
  it('refuses an unknown transport, and grpc-js-only options with http2, naming them', async () => {
    await expect(
      createServer({ plugins: [], log: silentLogger, transport: 'h3' as TransportName }),
    ).rejects.toThrow('transport must be "grpc-js" or "http2", got "h3"');
    await expect(
      createServer({ plugins: [], log: silentLogger, transport: 'http2', grpcOptions: {} }),
    ).rejects.toThrow('grpcOptions applies to the grpc-js transport only');
    await expect(
      createServer({
        plugins: [],
        log: silentLogger,
        transport: 'http2',
        credentials: grpc.ServerCredentials.createInsecure(),
      }),
    ).rejects.toThrow('credentials applies to the grpc-js transport only');
  });

  it('http2: refuses an address that is neither host:port nor unix:path with LISTEN_FAILED', async () => {
    server = await createServer({ plugins: [], log: silentLogger, transport: 'http2' });
    await expect(server.listen('tcp://127.0.0.1:1')).rejects.toMatchObject({
      code: 'ATTACHE_ERR_LISTEN_FAILED',
      message: expect.stringMatching(/^cannot listen on tcp:\/\/127\.0\.0\.1:1: expected host:port/),
    });
  });
});
