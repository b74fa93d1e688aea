import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureStderr } from '../../test/support/capture-output.js';
import { run } from './run.js';

afterEach(() => vi.restoreAllMocks());

describe('attache CLI', () => {
  it('exits 1 with file, field and reason for a bad config', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'attache-cli-'));
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, 'plugins:\n  - use: headers\n    bogus: 1\n');
    const stderr = captureStderr();
    expect(await run(['serve', '--config', file])).toBe(1);
    expect(stderr()).toContain(`${file}: plugins[0]: unknown key "bogus"`);
    expect(stderr()).not.toContain('    at '); // no stack trace for configuration errors
  });

  it('exits 1 naming the flag for a bad --processes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'attache-cli-'));
    const file = path.join(dir, 'ok.yaml');
    await writeFile(file, 'plugins: []\n');
    for (const bad of ['0', 'two', '1.5', '300']) {
      const stderr = captureStderr();
      expect(await run(['serve', '--config', file, '--processes', bad])).toBe(1);
      expect(stderr()).toContain(`serve: --processes must be an integer from 1 to 256, got "${bad}"`);
      vi.restoreAllMocks();
    }
  });

  it('exits 1 when --config is missing and 2 for an unknown command', async () => {
    const stderr = captureStderr();
    expect(await run(['serve'])).toBe(1);
    expect(stderr()).toContain('--config <file.yaml> is required');
    expect(await run(['frobnicate'])).toBe(2);
  });

  it('serves until SIGTERM, then shuts down gracefully and exits 0', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'attache-cli-'));
    const file = path.join(dir, 'ok.yaml');
    await writeFile(
      file,
      'grpc:\n  address: 127.0.0.1:0\nlog:\n  level: silent\ntimeouts:\n  shutdownGraceMs: 200\n  drainDelayMs: 0\nplugins:\n  - use: headers\n    options: { request: { set: { x-a: one } } }\n',
    );
    // In this process (its signal handlers are the test's): one process, no supervisor.
    const exit = run(['serve', '--config', file, '--processes', '1', '--admin-address', '127.0.0.1:0']);
    // Wait until the server is up and its signal handler installed, then deliver the signal.
    const before = process.listenerCount('SIGTERM');
    for (let i = 0; i < 200 && process.listenerCount('SIGTERM') === before; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    process.emit('SIGTERM', 'SIGTERM');
    expect(await exit).toBe(0);
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
