/** Plugin entries without `options:` in a config file, through the loader and the pipeline. */
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startError, writeConfig } from '../../test/support/config-files.js';
import { silentLogger } from '../log.js';
import { createProcessor } from '../processor.js';
import { loadConfig } from './load-config.js';
import { toServerOptions } from './to-server-options.js';

describe('a plugin entry without options', () => {
  // A plugin file made by hand with the brand (the temp dir cannot import attache), with a zod
  // schema; setup records what it was given.
  const zod = pathToFileURL(createRequire(import.meta.url).resolve('zod')).href;
  const plugin = (schema: string) =>
    `import { z } from ${JSON.stringify(zod)};\n` +
    `export const seen = [];\n` +
    `export default { name: 'tenant', options: ${schema}, setup: (o) => { seen.push(o); return {}; }, [Symbol.for('attache.plugin')]: true };\n`;

  async function start(schema: string): Promise<{ file: string; seen: unknown[] }> {
    const file = await writeConfig('a.yaml', 'plugins:\n  - use: ./tenant.mjs\n');
    const module = path.join(path.dirname(file), 'tenant.mjs');
    await writeFile(module, plugin(schema));
    return { file, seen: ((await import(pathToFileURL(module).href)) as { seen: unknown[] }).seen };
  }

  it('starts with the defaults when every option has one', async () => {
    const { file, seen } = await start(
      "z.object({ header: z.string().default('x-tenant'), allowed: z.array(z.string()).default([]) })",
    );
    const processor = await createProcessor(await toServerOptions(await loadConfig(file), silentLogger));
    await processor.close();
    expect(seen).toEqual([{ header: 'x-tenant', allowed: [] }]);
  });

  it('names file, field and reason when an option is required', async () => {
    const { file } = await start(
      "z.object({ header: z.string().default('x-tenant'), allowed: z.array(z.string()) })",
    );
    const text = await startError(file);
    expect(text).toContain(`${file}: plugins[0] (tenant).options.allowed:`);
    expect(text).toContain('expected array, received undefined');
  });

  it('starts a built-in whose options are all optional', async () => {
    const file = await writeConfig('a.yaml', 'plugins:\n  - use: headers\n');
    const processor = await createProcessor(await toServerOptions(await loadConfig(file), silentLogger));
    await processor.close();
  });
});
