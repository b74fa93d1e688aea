import { appendFile, mkdir, mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { loadConfig } from '../config/load-config.js';
import { toServerOptions } from '../config/to-server-options.js';
import { createProcessor, type Processor } from '../processor.js';
import { runExchange } from '../testing/exchange.js';
import { type Reloader, startReloader } from './reloader.js';

const PLUGIN = (tag: string) => `import { definePlugin } from 'attache-extproc';
export default definePlugin({
  name: 'tag',
  setup: () => ({ requestHeaders: (ctx) => void ctx.mutate.set('x-tag', '${tag}') }),
});
`;
const CONFIG = (extra = '') => `plugins:\n  - use: ./tag.js\n${extra}`;

let reloader: Reloader | undefined;
afterEach(() => reloader?.stop());

async function setup(watch: boolean, registry?: Registry) {
  const dir = await mkdtemp(path.join(tmpdir(), 'attache-reload-'));
  const file = path.join(dir, 'attache.yaml');
  await writeFile(path.join(dir, 'tag.js'), PLUGIN('one'));
  await writeFile(file, CONFIG());
  const { log, lines } = recordingLogger();
  const loaded = await loadConfig(file);
  const processor: Processor = await createProcessor({
    ...(await toServerOptions(loaded, log)),
    ...(registry === undefined ? {} : { metrics: { registry, defaultMetrics: false } }),
  });
  reloader = startReloader({ file, started: loaded.config, processor, log, watch });
  const tag = async () => (await runExchange(processor, {})).upstream?.headers.get('x-tag');
  const reloads = () => lines.filter((l) => l.msg.startsWith('config reloaded')).length;
  return { dir, file, lines, processor, tag, reloads };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Well past the watcher's 150 ms debounce: a reload that was going to happen has happened. Only
// used before asserting that nothing more happened, so a slow machine cannot fail a correct build.
const SETTLE_MS = 800;

describe('config reload', () => {
  it('SIGHUP reloads: an edited plugin file takes effect for new streams', async () => {
    const { dir, tag } = await setup(false);
    expect(await tag()).toBe('one');
    await writeFile(path.join(dir, 'tag.js'), PLUGIN('two'));
    process.emit('SIGHUP', 'SIGHUP');
    await vi.waitFor(async () => expect(await tag()).toBe('two'));
  });

  it('a bad new config is rejected with file, field and reason; the old pipeline keeps serving', async () => {
    const { file, lines, tag } = await setup(false);
    await writeFile(file, CONFIG('    timeoutMs: fast\n'));
    expect(await reloader?.reload()).toBe(false);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: expect.stringContaining(`${file}: plugins[0].timeoutMs:`),
      }),
    );
    expect(await tag()).toBe('one');
  });

  it('counts reloads taken and rejected, at every stage a config can fail', async () => {
    const registry = new Registry();
    const { dir, file } = await setup(false, registry);
    expect(await reloader?.reload()).toBe(true);
    await writeFile(file, CONFIG('    timeoutMs: fast\n')); // fails validation
    expect(await reloader?.reload()).toBe(false);
    await writeFile(file, 'plugins:\n  - use: ./missing.js\n'); // fails resolving its plugin
    expect(await reloader?.reload()).toBe(false);
    await writeFile(file, CONFIG());
    await writeFile(path.join(dir, 'tag.js'), 'export default { name: "not a plugin" };\n'); // fails in the pipeline
    expect(await reloader?.reload()).toBe(false);
    const reloads = (await registry.getMetricsAsJSON()).find((m) => m.name === 'attache_reloads_total');
    expect(reloads?.values.map((v) => [v.labels.result, v.value])).toEqual([
      ['ok', 1],
      ['failed', 3],
    ]);
  });

  it('warns that restart-only settings wait for a restart', async () => {
    const { file, lines } = await setup(false);
    await writeFile(file, `grpc:\n  address: 127.0.0.1:1\n${CONFIG()}`);
    expect(await reloader?.reload()).toBe(true);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', fields: { key: 'grpc.address' } }));
  });

  it('--watch reloads when the config is replaced by rename, as editors save', async () => {
    const { dir, file, tag } = await setup(true);
    await writeFile(path.join(dir, 'tag.js'), PLUGIN('three'));
    const tmp = path.join(dir, '.attache.yaml.swp');
    await writeFile(tmp, CONFIG());
    await rename(tmp, file);
    await vi.waitFor(async () => expect(await tag()).toBe('three'), { timeout: 5000 });
  });

  it('--watch ignores other files in the config folder and reloads once per edit of the config or a plugin', async () => {
    const { dir, file, tag, reloads } = await setup(true);
    // A log file written next to the config, again and again.
    for (let i = 0; i < 8; i++) {
      await appendFile(path.join(dir, 'attache.log'), `{"msg":"line ${i}"}\n`);
      await sleep(60);
    }
    await sleep(SETTLE_MS);
    expect(reloads()).toBe(0);

    await writeFile(path.join(dir, 'tag.js'), PLUGIN('two'));
    await vi.waitFor(async () => expect(await tag()).toBe('two'), { timeout: 5000 });
    await sleep(SETTLE_MS);
    expect(reloads()).toBe(1);

    await writeFile(file, CONFIG('    name: tagged\n'));
    await vi.waitFor(() => expect(reloads()).toBe(2), { timeout: 5000 });
    // Saving without a change is no change.
    await writeFile(file, CONFIG('    name: tagged\n'));
    await sleep(SETTLE_MS);
    expect(reloads()).toBe(2);
  });

  it('--watch follows the plugins the config loads: a new plugin file is watched, a dropped one no longer', async () => {
    const { dir, file, tag, reloads } = await setup(true);
    await mkdir(path.join(dir, 'more'));
    await writeFile(path.join(dir, 'more', 'other.js'), PLUGIN('other'));
    await writeFile(file, 'plugins:\n  - use: ./more/other.js\n');
    await vi.waitFor(async () => expect(await tag()).toBe('other'), { timeout: 5000 });
    expect(reloads()).toBe(1);

    await writeFile(path.join(dir, 'tag.js'), PLUGIN('dropped'));
    await sleep(SETTLE_MS);
    expect(reloads()).toBe(1);

    await writeFile(path.join(dir, 'more', 'other.js'), PLUGIN('edited'));
    await vi.waitFor(async () => expect(await tag()).toBe('edited'), { timeout: 5000 });
    expect(reloads()).toBe(2);
  });

  it('a reload that leaves a plugin file unchanged keeps no memory for it', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { dir, reloads } = await setup(false);
    // A plugin of realistic size: each extra copy of it kept per reload would show at once.
    const padding = `// ${'x'.repeat(100)}\n`.repeat(600);
    await writeFile(path.join(dir, 'tag.js'), `${PLUGIN('big')}${padding}`);
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    for (let i = 0; i < 20; i++) await reloader?.reload();
    const before = heap();
    const n = 200;
    for (let i = 0; i < n; i++) expect(await reloader?.reload()).toBe(true);
    const grown = heap() - before;
    expect(reloads()).toBe(20 + n);
    // Generous: 5 KB per reload for everything else; a kept copy of the 60 KB plugin is 12 MB.
    expect(grown).toBeLessThan(n * 5 * 1024);
  });
});
