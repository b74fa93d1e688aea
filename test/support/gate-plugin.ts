/**
 * A plugin file for `attache serve` child processes whose life a test steers with files in its
 * folder: its `setup` waits until `release` exists (and throws if `fail` exists then); a request
 * with `x-hold` logs "holding" and waits until `unhold` exists (or the stream ends, except with
 * `x-hold: stubborn`, which keeps polling, as a plugin that leaks a timer would). Every request it lets through gets
 * `x-served: yes`. It imports the built package (dist), as the CLI under test does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIST_INDEX = pathToFileURL(
  path.resolve(fileURLToPath(import.meta.url), '../../../dist/src/index.js'),
).href;

const SOURCE = `import { existsSync } from 'node:fs';
import { definePlugin } from '${DIST_INDEX}';

const file = (name) => new URL('./' + name, import.meta.url);
// Stops waiting when the stream ends (a well-behaved plugin leaves nothing running).
const until = async (name, signal) => {
  while (!existsSync(file(name)) && signal?.aborted !== true) await new Promise((r) => setTimeout(r, 20));
};

export default definePlugin({
  name: 'gate',
  async setup() {
    await until('release');
    if (existsSync(file('fail'))) throw new Error('the gate refused to open');
    return {
      async requestHeaders(ctx) {
        if (ctx.headers.get('x-hold') !== undefined) {
          ctx.log.info('holding');
          // "stubborn": ignores the stream's end, as a badly written plugin would.
          await until('unhold', ctx.headers.get('x-hold') === 'stubborn' ? undefined : ctx.stream.signal);
        }
        ctx.mutate.set('x-served', 'yes');
      },
    };
  },
});
`;

/** A folder with `gate.js` and an `attache.yaml` that uses it (plus `extra` YAML). */
export interface GateProject {
  readonly dir: string;
  readonly config: string;
  /** Creates (or removes) one of the steering files. */
  set(name: 'release' | 'fail' | 'unhold', on?: boolean): Promise<void>;
  /** Rewrites the config (e.g. with an error, for a failed reload). */
  writeConfig(text: string): Promise<void>;
}

/** Writes the project; `yaml` is the config without its `plugins` (which use the gate). */
export async function gateProject(yaml: string): Promise<GateProject> {
  const dir = await mkdtemp(path.join(tmpdir(), 'attache-gate-'));
  const config = path.join(dir, 'attache.yaml');
  await writeFile(path.join(dir, 'gate.js'), SOURCE);
  await writeFile(config, `${yaml}plugins:\n  - use: ./gate.js\n    timeoutMs: 600000\n`);
  return {
    dir,
    config,
    async set(name, on = true) {
      if (on) await writeFile(path.join(dir, name), '');
      else await rm(path.join(dir, name), { force: true });
    },
    writeConfig: (text) => writeFile(config, text),
  };
}
