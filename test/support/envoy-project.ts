/** A temporary attache project for the generator tests: config, plugin files, route resources. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Plugins that read different phases, importable from a config as `./<name>.js`. */
export const PLUGINS: Record<string, string> = {
  'req-headers': `import { definePlugin } from 'attache-extproc';
export default definePlugin({ name: 'req-headers', setup: () => ({ requestHeaders() {} }) });
`,
  'resp-headers': `import { definePlugin } from 'attache-extproc';
export default definePlugin({ name: 'resp-headers', setup: () => ({ responseHeaders() {} }) });
`,
  'whole-body': `import { definePlugin } from 'attache-extproc';
export default definePlugin({ name: 'whole-body', setup: () => ({ requestBody() {} }) });
`,
  'chunk-body': `import { definePlugin } from 'attache-extproc';
export default definePlugin({ name: 'chunk-body', setup: () => ({ responseBodyChunk() {} }) });
`,
  trailers: `import { definePlugin } from 'attache-extproc';
export default definePlugin({ name: 'trailers', setup: () => ({ requestTrailers() {} }) });
`,
};

/** Writes the config (and every plugin file, and `files`) into a new folder; returns the config path. */
export async function project(config: string, files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'attache-envoy-gen-'));
  for (const [name, text] of Object.entries(PLUGINS)) await writeFile(path.join(dir, `${name}.js`), text);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const file = path.join(dir, 'attache.yaml');
  await writeFile(file, config);
  return file;
}

/** A config with the given plugin files and extra top-level YAML (an `envoy:` block...). */
export const configWith = (
  plugins: readonly string[],
  extra = 'envoy:\n  upstream: 127.0.0.1:8080\n',
): string =>
  `${extra}plugins:${plugins.length === 0 ? ' []\n' : `\n${plugins.map((p) => `  - use: ./${p}.js\n`).join('')}`}`;
