import { mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

async function setup(watch: boolean) {
  const dir = await mkdtemp(path.join(tmpdir(), 'attache-reload-'));
  const file = path.join(dir, 'attache.yaml');
  await writeFile(path.join(dir, 'tag.js'), PLUGIN('one'));
  await writeFile(file, CONFIG());
  const { log, lines } = recordingLogger();
  const loaded = await loadConfig(file);
  const processor: Processor = await createProcessor(await toServerOptions(loaded, log));
  reloader = startReloader({ file, started: loaded.config, processor, log, watch });
  const tag = async () => (await runExchange(processor, {})).upstream?.headers.get('x-tag');
  return { dir, file, lines, processor, tag };
}

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
});
