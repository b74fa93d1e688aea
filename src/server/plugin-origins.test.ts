import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { attribute, recordPluginFolder } from './plugin-origins.js';

async function dir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'attache-origins-'));
}

describe('plugin origins', () => {
  it('attributes an error to the module that called definePlugin, through async frames of other files', async () => {
    const d = await dir();
    // A helper library the plugin awaits: the error is made there, the plugin is on its async stack.
    await writeFile(
      path.join(d, 'lib.mjs'),
      'export async function fail() { await null; throw new Error("deep"); }\n',
    );
    await writeFile(
      path.join(d, 'plugin.mjs'),
      `import { definePlugin } from 'attache-extproc';
import { fail } from './lib.mjs';
export async function work() { await fail(); }
export default definePlugin({ name: 'origin-test', setup: () => ({}) });
`,
    );
    const mod = (await import(pathToFileURL(path.join(d, 'plugin.mjs')).href)) as { work(): Promise<void> };
    const error = await mod.work().catch((e: unknown) => e);
    expect(attribute(error)).toEqual({ plugin: 'origin-test', file: path.join(d, 'plugin.mjs') });
  });

  it('attributes frames anywhere under an npm package folder to its plugin', async () => {
    const d = await dir();
    const pkg = path.join(d, 'node_modules', '@acme', 'plugin');
    await mkdir(path.join(pkg, 'dist'), { recursive: true });
    recordPluginFolder(pkg, 'acme');
    const error = new Error('x');
    error.stack = `Error: x\n    at tick (${pathToFileURL(path.join(pkg, 'dist', 'lib.js')).href}?v=1:3:9)\n    at node:internal/timers:1:1`;
    expect(attribute(error)).toEqual({ plugin: 'acme', file: pkg });
  });

  it('leaves values without a stack, and stacks without plugin frames, unattributed', () => {
    expect(attribute('a string')).toBeNull();
    expect(attribute(undefined)).toBeNull();
    expect(attribute(new Error('here, in a test file that defines no plugin'))).toBeNull();
  });
});
