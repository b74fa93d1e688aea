/**
 * Unix domain socket listeners on both transports: served (Process and health), a stale socket
 * file from a dead process replaced, a live one or a non-socket file left alone with
 * LISTEN_FAILED, and the socket file removed on close.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HEALTH, healthCheck } from '../../test/support/health-check.js';
import { ErrorCode } from '../errors.js';
import { silentLogger } from '../log.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { grpcChannel } from '../testing/channel-grpc.js';
import { runExchange } from '../testing/exchange.js';
import { type AttacheServer, createServer, type TransportName } from './create-server.js';
import { TRANSPORTS } from './transport.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const tag = definePlugin({
  name: 'tag',
  setup: () => ({ requestHeaders: (ctx) => void ctx.mutate.set('x-over', 'unix') }),
});

function socketPath(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'attache-sock-')), 'ext-proc.sock');
}

async function create(transport: TransportName): Promise<AttacheServer> {
  const server = await createServer({ plugins: [{ plugin: tag }], log: silentLogger, transport });
  cleanups.push(() => server.close(0));
  return server;
}

/** Leaves a socket file nobody listens on: a process that listened on it was killed. */
async function staleSocket(file: string): Promise<void> {
  const child = spawn(
    process.execPath,
    ['-e', "require('node:net').createServer().listen(process.argv[1], () => console.log('up'))", file],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await once(child.stdout, 'data');
  child.kill('SIGKILL');
  await once(child, 'exit');
}

describe.each(TRANSPORTS)('Unix sockets over the %s transport', (transport) => {
  it('serves Process and health on unix:/path, reports the path, and removes the socket file on close', async () => {
    const file = socketPath();
    const server = await create(transport);
    expect(await server.listen(`unix:${file}`)).toEqual({ address: `unix:${file}`, port: 0 });
    expect(await healthCheck(`unix:${file}`, '')).toEqual({ status: HEALTH.SERVING });
    const channel = grpcChannel(`unix:${file}`);
    cleanups.push(() => channel.close());
    const result = await runExchange(channel, {});
    expect(result.violations).toEqual([]);
    expect(result.upstream?.headers.get('x-over')).toBe('unix');
    await server.close(0);
    expect(existsSync(file)).toBe(false);
  });

  it('takes unix:///abs/path too', async () => {
    const file = socketPath();
    const server = await create(transport);
    expect((await server.listen(`unix://${file}`)).address).toBe(`unix:${file}`);
    expect(await healthCheck(`unix:${file}`, '')).toEqual({ status: HEALTH.SERVING });
  });

  it('replaces a stale socket file left by a dead process', async () => {
    const file = socketPath();
    await staleSocket(file);
    expect(existsSync(file)).toBe(true);
    const server = await create(transport);
    await server.listen(`unix:${file}`);
    expect(await healthCheck(`unix:${file}`, '')).toEqual({ status: HEALTH.SERVING });
  });

  it('refuses a socket another server listens on, and leaves that server serving', async () => {
    const file = socketPath();
    const other = net.createServer((socket) => socket.end('other'));
    other.listen(file);
    await once(other, 'listening');
    cleanups.push(() => new Promise((resolve) => other.close(resolve)));
    const server = await create(transport);
    const error = await server.listen(`unix:${file}`).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: ErrorCode.LISTEN_FAILED,
      message: `cannot listen on unix:${file}: another server is listening on ${file}`,
    });
    const reply = net.connect(file);
    const [data] = await once(reply, 'data');
    expect(String(data)).toBe('other');
    reply.destroy();
  });

  it('refuses to replace a file that is not a socket', async () => {
    const file = socketPath();
    writeFileSync(file, 'precious');
    const server = await create(transport);
    await expect(server.listen(`unix:${file}`)).rejects.toThrow(
      `cannot listen on unix:${file}: ${file} exists and is not a socket; not replacing it`,
    );
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });
});

it('refuses unix:// with a relative path, and an address of neither form', async () => {
  const server = await create('http2');
  await expect(server.listen('unix://run/x.sock')).rejects.toThrow(
    'cannot listen on unix://run/x.sock: unix:// takes an absolute path (unix:///run/x.sock)',
  );
  await expect(server.listen('nowhere')).rejects.toThrow(
    'cannot listen on nowhere: expected host:port (e.g. 127.0.0.1:50051 or [::1]:50051) or unix:/path/to.sock, got "nowhere"',
  );
});
