/** The `attache dev` command end to end: config → gRPC server → proxy → demo upstream. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureStderr } from '../../test/support/capture-output.js';
import { run } from '../cli/run.js';
import type { EchoBody } from './demo-upstream.js';

afterEach(() => vi.restoreAllMocks());

async function configFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'attache-dev-'));
  const file = path.join(dir, 'dev.yaml');
  await writeFile(
    file,
    // Port 0: never the default 50051, which a developer's own `npm start` may hold.
    'grpc:\n  address: 127.0.0.1:0\nlog:\n  level: silent\nplugins:\n  - use: headers\n    options: { request: { set: { x-a: one } }, response: { set: { x-b: two } } }\n',
  );
  return file;
}

describe('attache dev', () => {
  it('proxies through the pipeline until SIGTERM, then exits 0', async () => {
    const stderr = captureStderr();
    const file = await configFile();
    const before = process.listenerCount('SIGTERM');
    const exit = run(['dev', '--config', file, '--listen', '127.0.0.1:0']);
    // Wait until the proxy is up and its signal handler installed.
    for (let i = 0; i < 200 && process.listenerCount('SIGTERM') === before; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);

    const url = /curl -i (http:\/\/\S+)/.exec(stderr())?.[1];
    expect(url).toBeDefined();
    expect(stderr()).toContain('Development only');
    const res = await fetch(url as string, { headers: { 'x-debug': '1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-b')).toBe('two');
    expect(((await res.json()) as EchoBody).headers['x-a']).toBe('one');

    process.emit('SIGTERM', 'SIGTERM');
    expect(await exit).toBe(0);
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('tells the server the mode it simulates: a whole-body plugin gets a streamed body whole', async () => {
    // Without knowing the filter sends the trailers, attache would refuse STREAMED body plugins
    // (it could not see where a body with trailers ends).
    const stderr = captureStderr();
    const dir = await mkdtemp(path.join(tmpdir(), 'attache-dev-'));
    const here = path.dirname(fileURLToPath(import.meta.url));
    const attache = pathToFileURL(path.resolve(here, '../index.ts')).href;
    await writeFile(
      path.join(dir, 'upper.ts'),
      `import { definePlugin } from '${attache}';\n` +
        "export default definePlugin({ name: 'upper', setup: () => ({ requestBody(ctx) { ctx.mutate.replaceBody(ctx.body.text().toUpperCase()); } }) });\n",
    );
    const file = path.join(dir, 'dev.yaml');
    await writeFile(
      file,
      'grpc:\n  address: 127.0.0.1:0\nlog:\n  level: silent\nplugins:\n  - use: ./upper.ts\n',
    );
    const before = process.listenerCount('SIGTERM');
    const exit = run(['dev', '--config', file, '--listen', '127.0.0.1:0', '--request-body-mode', 'streamed']);
    for (let i = 0; i < 200 && process.listenerCount('SIGTERM') === before; i++)
      await new Promise((r) => setTimeout(r, 25));
    const url = /curl -i (http:\/\/\S+)/.exec(stderr())?.[1];
    expect(url).toBeDefined();
    const res = await fetch(url as string, { method: 'POST', body: 'streamed body' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as EchoBody).body).toBe('STREAMED BODY');
    process.emit('SIGTERM', 'SIGTERM');
    expect(await exit).toBe(0);
  });

  it('exits 1 for a missing --config or a bad body mode', async () => {
    const stderr = captureStderr();
    expect(await run(['dev'])).toBe(1);
    expect(stderr()).toContain('--config <file.yaml> is required');
    expect(await run(['dev', '--config', await configFile(), '--request-body-mode', 'bogus'])).toBe(1);
    expect(stderr()).toContain('--request-body-mode must be one of');
  });
});
