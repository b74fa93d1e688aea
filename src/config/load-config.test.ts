import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startError, writeConfig } from '../../test/support/config-files.js';
import { silentLogger } from '../log.js';
import { createProcessor, pipelineOf } from '../processor.js';
import { loadConfig } from './load-config.js';
import { toServerOptions } from './to-server-options.js';

describe('loadConfig', () => {
  it('applies defaults to a minimal config', async () => {
    const file = await writeConfig('a.yaml', 'plugins: []\n');
    const { config } = await loadConfig(file);
    expect(config.grpc.address).toBe('127.0.0.1:50051');
    expect(config.failure).toEqual({ mode: 'closed', status: 500 });
    expect(config.timeouts.handlerMs).toBe(150);
    expect(config.timeouts.drainDelayMs).toBe(10_000);
    expect(config.strayErrors).toBe('log');
  });

  it('maps timeouts.drainDelayMs and strayErrors onto the server, and rejects bad values', async () => {
    const file = await writeConfig(
      'a.yaml',
      'timeouts:\n  drainDelayMs: 0\nstrayErrors: exit\nplugins: []\n',
    );
    const options = await toServerOptions(await loadConfig(file), silentLogger);
    expect(options.drainDelayMs).toBe(0);
    expect(options.strayErrors).toBe('exit');
    const bad = await writeConfig(
      'b.yaml',
      'timeouts:\n  drainDelayMs: -5\nstrayErrors: ignore\nplugins: []\n',
    );
    const text = await startError(bad);
    expect(text).toContain(`${bad}: timeouts.drainDelayMs: `);
    expect(text).toContain(`${bad}: strayErrors: `);
  });

  it('takes metrics.prefix (default attache_), and rejects one that cannot start a metric name', async () => {
    const plain = await writeConfig('a.yaml', 'plugins: []\n');
    expect((await loadConfig(plain)).config.metrics).toEqual({ prefix: 'attache_' });
    const file = await writeConfig('b.yaml', 'metrics:\n  prefix: edge_\nplugins: []\n');
    expect((await loadConfig(file)).config.metrics.prefix).toBe('edge_');
    const bad = await writeConfig('c.yaml', 'metrics:\n  prefix: 1-edge\nplugins: []\n');
    expect(await startError(bad)).toContain(
      `${bad}: metrics.prefix: must be empty or start a Prometheus metric name`,
    );
  });

  it('maps tracing.enabled onto the server (auto by default), and rejects other values', async () => {
    const options = async (yaml: string) =>
      (await toServerOptions(await loadConfig(await writeConfig('a.yaml', yaml)), silentLogger)).tracing;
    expect(await options('plugins: []\n')).toBe('auto');
    expect(await options('tracing:\n  enabled: off\nplugins: []\n')).toBe(false);
    const bad = await writeConfig('b.yaml', 'tracing:\n  enabled: yes\nplugins: []\n');
    expect(await startError(bad)).toContain(`${bad}: tracing.enabled: `);
    // on: checked when the options are made, naming the file (no provider is registered here).
    await expect(options('tracing:\n  enabled: on\nplugins: []\n')).rejects.toThrow(
      /a\.yaml: tracing\.enabled: on, but no OpenTelemetry tracer provider is registered/,
    );
  });

  it('takes grpc.processes (serve reads it), and rejects bad values', async () => {
    const file = await writeConfig('a.yaml', 'grpc:\n  address: 127.0.0.1:1\n  processes: 4\nplugins: []\n');
    expect((await loadConfig(file)).config.grpc.processes).toBe(4);
    expect(
      (await loadConfig(await writeConfig('b.yaml', 'plugins: []\n'))).config.grpc.processes,
    ).toBeUndefined();
    for (const bad of ['0', '1.5', '257', 'two']) {
      const text = await startError(
        await writeConfig('c.yaml', `grpc:\n  address: 127.0.0.1:1\n  processes: ${bad}\nplugins: []\n`),
      );
      expect(text).toContain('c.yaml: grpc.processes: ');
    }
  });

  it('maps body.maxBytes and envoy.allowContentLengthHeader onto the pipeline, and rejects bad values', async () => {
    const file = await writeConfig(
      'a.yaml',
      'body:\n  maxBytes: 1024\nenvoy:\n  allowContentLengthHeader: true\nplugins: []\n',
    );
    const processor = await createProcessor(await toServerOptions(await loadConfig(file), silentLogger));
    expect(pipelineOf(processor).maxBodyBytes).toBe(1024);
    expect(pipelineOf(processor).allowContentLengthHeader).toBe(true);
    const bad = await writeConfig('b.yaml', 'body:\n  maxBytes: -1\nplugins: []\n');
    expect(await startError(bad)).toMatch(new RegExp(`${bad}: body\\.maxBytes: .*`));
  });

  it('maps workers onto the worker pool settings, and rejects bad values', async () => {
    const file = await writeConfig(
      'a.yaml',
      'workers:\n  threads: 3\n  maxQueue: 10\n  maxHeapMb: 64\nplugins: []\n',
    );
    const options = await toServerOptions(await loadConfig(file), silentLogger);
    expect(options.workers).toEqual({ threads: 3, maxQueue: 10, maxHeapMb: 64 });
    for (const [key, bad] of [
      ['threads', '0'],
      ['threads', '1.5'],
      ['maxQueue', '0'],
      ['maxHeapMb', '8'],
      ['size', '1'],
    ]) {
      const text = await startError(await writeConfig('b.yaml', `workers:\n  ${key}: ${bad}\nplugins: []\n`));
      expect(text).toContain(key === 'size' ? 'b.yaml: workers' : `b.yaml: workers.${key}: `);
    }
  });

  it('checks plugins[].match: regexes at startup, and at least one condition', async () => {
    const bad = await writeConfig('m.yaml', "plugins:\n  - use: headers\n    match:\n      pathRegex: '('\n");
    expect(await startError(bad)).toMatch(
      new RegExp(
        `^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: plugins\\[0\\]\\.match\\.pathRegex: invalid regular expression`,
      ),
    );
    const empty = await writeConfig('e.yaml', 'plugins:\n  - use: headers\n    match: {}\n');
    expect(await startError(empty)).toContain(`${empty}: plugins[0].match: give at least one condition`);
    const typo = await writeConfig('t.yaml', 'plugins:\n  - use: headers\n    match:\n      paht: /x\n');
    expect(await startError(typo)).toContain(`${typo}: plugins[0].match: unknown key "paht"`);
  });

  it('names the plugin for a setup that throws, an incompatible version and a duplicate name', async () => {
    const plugin = (body: string) =>
      `import { definePlugin } from 'attache-extproc';\nexport default definePlugin(${body});\n`;
    const dir = path.dirname(await writeConfig('x.yaml', 'plugins: []\n'));
    await writeFile(
      path.join(dir, 'throws.js'),
      plugin("{ name: 'vault', setup() { throw new Error('VAULT_TOKEN is not set'); } }"),
    );
    await writeFile(
      path.join(dir, 'old.js'),
      plugin("{ name: 'legacy', attache: '^0.0.1', setup: () => ({}) }"),
    );
    await writeFile(path.join(dir, 'ok.js'), plugin("{ name: 'ok', setup: () => ({}) }"));
    const config = async (name: string, uses: string[]) => {
      const file = path.join(dir, name);
      await writeFile(file, `plugins:\n${uses.map((u) => `  - use: ${u}\n`).join('')}`);
      return file;
    };
    const throws = await config('throws.yaml', ['./throws.js']);
    expect(await startError(throws)).toBe(
      `${throws}: plugins[0] (vault): setup failed: VAULT_TOKEN is not set`,
    );
    const old = await config('old.yaml', ['./ok.js', './old.js']);
    expect(await startError(old)).toMatch(
      new RegExp(
        `^${old.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: plugins\\[1\\] \\(legacy\\): the plugin supports attache \\^0\\.0\\.1, this is attache `,
      ),
    );
    const twice = await config('twice.yaml', ['./ok.js', './ok.js']);
    expect(await startError(twice)).toBe(
      `${twice}: plugins[1]: duplicate plugin name "ok"; give one of them another \`name\``,
    );
  });

  it('takes the whole mutation_rules shape, and checks its expressions at startup', async () => {
    const file = await writeConfig(
      'r.yaml',
      "envoy:\n  mutationRules:\n    allowExpression: 'x-envoy-trace-.*'\n    disallowExpression: 'x-internal-.*'\n    disallowIsError: true\nplugins: []\n",
    );
    const { config } = await loadConfig(file);
    expect(config.envoy.mutationRules).toEqual({
      allowExpression: 'x-envoy-trace-.*',
      disallowExpression: 'x-internal-.*',
      disallowIsError: true,
    });
    await expect(
      createProcessor(await toServerOptions(await loadConfig(file), silentLogger)),
    ).resolves.toBeDefined();
    const bad = await writeConfig(
      's.yaml',
      "envoy:\n  mutationRules:\n    disallowExpression: 'x-('\nplugins: []\n",
    );
    expect(await startError(bad)).toContain(
      `${bad}: envoy.mutationRules.disallowExpression: invalid regular expression`,
    );
  });

  it('names the file, field and reason for an unknown key', async () => {
    const file = await writeConfig('a.yaml', 'grpc:\n  address: 127.0.0.1:1\n  adress: x\nplugins: []\n');
    expect(await startError(file)).toContain(`${file}: grpc: unknown key "adress"`);
  });

  it('names the file, field and reason for a wrong type', async () => {
    const file = await writeConfig('a.yaml', 'plugins:\n  - use: headers\n    timeoutMs: soon\n');
    expect(await startError(file)).toMatch(
      new RegExp(`${file.replace(/[.]/g, '\\.')}: plugins\\[0\\]\\.timeoutMs: .*number`),
    );
  });

  it('reports a missing plugins list and a malformed address', async () => {
    const file = await writeConfig('a.yaml', 'grpc:\n  address: nowhere\n');
    const text = await startError(file);
    expect(text).toContain(`${file}: grpc.address: expected host:port`);
    expect(text).toContain(`${file}: plugins:`);
  });

  it('names grpc.address and the reason for a port out of range', async () => {
    const file = await writeConfig('a.yaml', 'grpc:\n  address: 127.0.0.1:70000\nplugins: []\n');
    expect(await startError(file)).toContain(
      `${file}: grpc.address: port 70000 is out of range (0-65535; 0 picks a free one), in "127.0.0.1:70000"`,
    );
  });

  it('reports a plugin with a syntax error with its file, line and column', async () => {
    const file = await writeConfig('a.yaml', 'plugins:\n  - use: ./broken.js\n');
    const plugin = path.join(path.dirname(file), 'broken.js');
    await writeFile(
      plugin,
      "export default {\n  name: 'broken',\n  setup() { return { requestHeaders(ctx) { ctx.x( +* 1 } }; },\n};\n",
    );
    const text = await startError(file);
    expect(text).toContain(`${file}: plugins[0].use: cannot load "./broken.js": `);
    // Line 3, column 52: the `*` (1-based, as editors count), whatever the loader's own message.
    expect(text.endsWith(` at ${plugin}:3:52`)).toBe(true);
  });

  it('reports YAML syntax errors with line and column', async () => {
    const file = await writeConfig('a.yaml', 'plugins: [\n  - a\n');
    expect(await startError(file)).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:\\d+:\\d+: `));
  });

  it('reports an unreadable file', async () => {
    expect(await startError('/nonexistent/attache.yaml')).toContain('/nonexistent/attache.yaml: cannot read');
  });

  it('reports a plugin that cannot be found, by path or package', async () => {
    const a = await writeConfig('a.yaml', 'plugins:\n  - use: ./missing.js\n');
    expect(await startError(a)).toContain(`${a}: plugins[0].use: no file`);
    const b = await writeConfig('b.yaml', 'plugins:\n  - use: attache-no-such-plugin\n');
    expect(await startError(b)).toContain(
      `${b}: plugins[0].use: cannot find package "attache-no-such-plugin"`,
    );
  });

  it('reports a module that is not a plugin', async () => {
    const file = await writeConfig('a.yaml', 'plugins:\n  - use: ./not-a-plugin.mjs\n');
    await writeFile(path.join(path.dirname(file), 'not-a-plugin.mjs'), 'export default { name: "x" };\n');
    expect(await startError(file)).toContain('does not export a plugin');
  });

  it('resolves built-ins and validates their options with the config location', async () => {
    const file = await writeConfig(
      'a.yaml',
      'plugins:\n  - use: headers\n    options:\n      request:\n        set: { x-a: 1 }\n',
    );
    expect(await startError(file)).toContain(`${file}: plugins[0] (headers).options.request.set.x-a:`);
  });

  it('resolves a package installed next to the config, by its exports', async () => {
    const file = await writeConfig('a.yaml', 'plugins:\n  - use: "@acme/plugin"\n    name: acme\n');
    const pkg = path.join(path.dirname(file), 'node_modules', '@acme', 'plugin');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(pkg, 'dist'), { recursive: true });
    await writeFile(
      path.join(pkg, 'package.json'),
      JSON.stringify({
        name: '@acme/plugin',
        type: 'module',
        exports: { '.': { import: './dist/index.js', require: './nope.cjs' } },
      }),
    );
    // A plugin object made by hand with the brand, since the temp dir cannot import attache itself.
    await writeFile(
      path.join(pkg, 'dist', 'index.js'),
      "export default { name: 'acme', setup: () => ({}), [Symbol.for('attache.plugin')]: true };\n",
    );
    const options = await toServerOptions(await loadConfig(file), silentLogger);
    expect(options.plugins.map((p) => p.name ?? p.plugin.name)).toEqual(['acme']);
  });
});
