/** Config files for tests: written to a fresh temporary folder, and the start error they cause. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { toServerOptions } from '../../src/config/to-server-options.js';
import { silentLogger } from '../../src/log.js';
import { createProcessor } from '../../src/processor.js';

/** Writes `text` as `name` in a new temporary folder; returns the file's path. */
export async function writeConfig(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'attache-config-'));
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

/** The message of the error that loading `file` and starting its processor fails with. */
export async function startError(file: string): Promise<string> {
  try {
    const loaded = await loadConfig(file);
    await createProcessor(await toServerOptions(loaded, silentLogger));
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}
