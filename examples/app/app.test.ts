/**
 * The application's config, loaded as `attache serve` loads it: the plugin is found by its
 * package name from this folder (npm workspaces link it into node_modules), then driven the
 * way Envoy would drive it.
 */
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import correlationId from '@attache-examples/correlation-id';
import { createProcessor, silentLogger } from 'attache-extproc';
import { runExchange } from 'attache-extproc/testing';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { toServerOptions } from '../../src/config/to-server-options.js';

const config = fileURLToPath(new URL('attache.yaml', import.meta.url));

async function load(file: string) {
  return toServerOptions(await loadConfig(file), silentLogger);
}

describe('examples/app', () => {
  it('loads the plugin package by its name, next to a built-in', async () => {
    const options = await load(config);
    expect(options.plugins.map((p) => p.plugin.name)).toEqual(['correlation-id', 'headers']);
    // The very module `import ... from '@attache-examples/correlation-id'` gives.
    expect(options.plugins[0]?.plugin).toBe(correlationId);
  });

  it('runs the pipeline as Envoy would: id forwarded and echoed, metadata kept, built-in applied', async () => {
    const processor = await createProcessor(await load(config));
    const result = await runExchange(processor, {
      envoy: { metadataOptions: { receivingNamespaces: { untyped: ['attache.correlation'] } } },
      request: { path: '/hello', headers: { 'x-correlation-id': 'app-test-1', 'x-debug': '1' } },
    });
    expect(result.violations).toEqual([]);
    expect(result.upstream?.headers.get('x-correlation-id')).toBe('app-test-1');
    expect(result.upstream?.headers.has('x-debug')).toBe(false);
    expect(result.downstream.status).toBe(200);
    expect(result.downstream.headers.get('x-correlation-id')).toBe('app-test-1');
    expect(result.downstream.headers.get('x-served-by')).toBe('attache-example-app');
    expect(result.dynamicMetadata['attache.correlation']).toEqual({ id: 'app-test-1', source: 'client' });
  });

  it("resolves the package from the config's folder, not from attache's", async () => {
    // The same file elsewhere has no node_modules above it with the plugin: the start fails, naming it.
    const dir = await mkdtemp(path.join(tmpdir(), 'attache-app-'));
    const copy = path.join(dir, 'attache.yaml');
    await copyFile(config, copy);
    await expect(load(copy)).rejects.toThrow(
      `${copy}: plugins[0].use: cannot find package "@attache-examples/correlation-id" from ${dir}`,
    );
  });
});
