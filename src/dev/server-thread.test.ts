/**
 * `attache dev`'s gRPC server in its worker thread, as the built CLI runs it (`dist/`: a worker
 * thread cannot load the TypeScript sources vitest runs): it serves the config's pipeline with
 * the declared processing mode, reloads it (keeping the old pipeline when the new one fails,
 * with the error the same thread would give), fails its start with the same error as the same
 * thread, reports a thread that ended on its own, and ends the thread on close. The last test
 * runs the built `attache dev` end to end: banner, proxying, SIGHUP reload, SIGTERM exit 0.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startError } from '../../test/support/config-files.js';
import { upstreamHeader } from '../../test/support/upstream-header.js';
import { loadConfig } from '../config/load-config.js';
import { silentLogger } from '../log.js';
import { http2Channel } from '../testing/channel-http2.js';
import { runExchange } from '../testing/exchange.js';
import type { EchoBody } from './demo-upstream.js';
import type { DevServer, startDevServer as StartDevServer } from './server-thread.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const CLI = path.join(root, 'dist/src/cli/main.js');
const built = (await import(pathToFileURL(path.join(root, 'dist/src/dev/server-thread.js')).href)) as {
  startDevServer: typeof StartDevServer;
};

const OVERRIDES = {
  processingMode: { requestBodyMode: 'NONE' as const, responseBodyMode: 'NONE' as const },
  processingModeWhere: 'test: the simulated filter',
};

const running: DevServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

async function dir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'attache-dev-thread-'));
}

function headersConfig(value: string, extra = ''): string {
  return (
    'grpc:\n  address: 127.0.0.1:0\nlog:\n  level: silent\nplugins:\n' +
    `  - use: headers\n    options: { request: { set: { x-a: ${value} } } }\n${extra}`
  );
}

async function start(file: string, demo = false): Promise<DevServer> {
  const loaded = await loadConfig(file);
  const server = await built.startDevServer({
    file,
    loaded,
    log: silentLogger,
    overrides: OVERRIDES,
    demo,
    thread: true,
  });
  running.push(server);
  return server;
}

/** The `x-a` header the upstream received through the server at `address`. */
function upstreamSaw(address: string): Promise<string | undefined> {
  return upstreamHeader(http2Channel(address), 'x-a');
}

describe('the server thread of attache dev (built)', () => {
  it('serves the pipeline from a worker thread, with the demo upstream beside it', async () => {
    const folder = await dir();
    const file = path.join(folder, 'dev.yaml');
    await writeFile(file, headersConfig('one'));
    const server = await start(file, true);
    expect(server.where).toBe('thread');
    expect(await upstreamSaw(server.address)).toBe('one');
    const echo = (await (await fetch(`http://${server.demo}/x`)).json()) as EchoBody;
    expect(echo.path).toBe('/x');
  });

  it('reloads the file; a config that cannot start is refused with the same-thread error, the old pipeline keeps serving', async () => {
    const folder = await dir();
    const file = path.join(folder, 'dev.yaml');
    await writeFile(file, headersConfig('one'));
    const server = await start(file);
    await writeFile(file, headersConfig('two'));
    await server.reload();
    expect(await upstreamSaw(server.address)).toBe('two');

    await writeFile(file, headersConfig('three', '  - use: ./missing-plugin.js\n'));
    const expected = await startError(file);
    expect(expected).toContain('missing-plugin.js');
    await expect(server.reload()).rejects.toThrow(expected);
    expect(await upstreamSaw(server.address)).toBe('two');
  });

  it('fails its start with the error the same thread gives (file and field named, code kept)', async () => {
    const folder = await dir();
    const file = path.join(folder, 'dev.yaml');
    await writeFile(file, headersConfig('one', '  - use: ./missing-plugin.js\n'));
    const expected = await startError(file);
    const loaded = await loadConfig(file);
    const failed = built.startDevServer({
      file,
      loaded,
      log: silentLogger,
      overrides: OVERRIDES,
      demo: false,
      thread: true,
    });
    const error = await failed.then(
      () => null,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.message).toBe(expected);
    expect(error?.message).toContain('plugins[1].use');
    expect(error?.code).toMatch(/^ATTACHE_ERR_/);
  });

  it('reports a thread that ended on its own (here a plugin that exits)', async () => {
    const folder = await dir();
    const attache = pathToFileURL(path.join(root, 'dist/src/index.js')).href;
    await writeFile(
      path.join(folder, 'exit.mjs'),
      `import { definePlugin } from '${attache}';\n` +
        "export default definePlugin({ name: 'exit', setup: () => ({ requestHeaders() { process.exit(7); } }) });\n",
    );
    const file = path.join(folder, 'dev.yaml');
    await writeFile(
      file,
      'grpc:\n  address: 127.0.0.1:0\nlog:\n  level: silent\nplugins:\n  - use: ./exit.mjs\n',
    );
    const server = await start(file);
    const channel = http2Channel(server.address);
    try {
      void runExchange(channel, { request: { path: '/' } }).catch(() => undefined);
      await expect(server.lost).rejects.toThrow(/ended unexpectedly \(exit code 7\)/);
    } finally {
      channel.close();
    }
  });

  it('the built attache dev: banner, a request through the pipeline, SIGHUP reload, SIGTERM exit 0', async () => {
    const folder = await dir();
    const file = path.join(folder, 'dev.yaml');
    await writeFile(file, headersConfig('one').replace('level: silent', 'level: info'));
    const child = spawn(
      process.execPath,
      [CLI, 'dev', '--server-thread', '--config', file, '--listen', '127.0.0.1:0'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
      for (let i = 0; i < 400; i++) {
        const match = pattern.exec(stderr);
        if (match !== null) return match;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`not seen: ${pattern}\n${stderr}`);
    };
    try {
      const url = (await waitFor(/curl -i (http:\/\/\S+)/))[1] as string;
      expect(stderr).toMatch(/development proxy +http:\/\/\S+ -> http:\/\/\S+ \(demo echo upstream\)/);
      const first = (await (await fetch(url)).json()) as EchoBody;
      expect(first.headers['x-a']).toBe('one');
      await writeFile(file, headersConfig('two').replace('level: silent', 'level: info'));
      child.kill('SIGHUP');
      await waitFor(/config reloaded/);
      const second = (await (await fetch(url)).json()) as EchoBody;
      expect(second.headers['x-a']).toBe('two');
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
