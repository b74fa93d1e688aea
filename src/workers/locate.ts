/**
 * Where a worker module is: resolved like plugins are, relative to the plugin's own file (a
 * path) or from its folder (a package specifier).
 *
 * @module
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolvePackageEntry } from '../config/resolve-plugin.js';
import { AttacheError, ErrorCode } from '../errors.js';

/** attache's own folder: its built-in processors run from `dist/` in threads when tests run the sources. */
const ATTACHE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The `file:` URL of the worker module `spec` of the plugin defined in `pluginFile`.
 *
 * @throws AttacheError `ATTACHE_ERR_PLUGIN_SETUP` naming the plugin and module when it cannot be
 *   found, or is TypeScript (threads load JavaScript).
 */
export function locateWorkerModule(spec: string | URL, pluginFile: string | null, at: string): string {
  const fail = (why: string): never => {
    throw new AttacheError(ErrorCode.PLUGIN_SETUP, `${at}: worker module ${String(spec)}: ${why}`);
  };
  let file: string;
  if (spec instanceof URL || spec.startsWith('file:')) {
    file = fileURLToPath(spec);
  } else if (path.isAbsolute(spec)) {
    file = spec;
  } else {
    if (pluginFile === null)
      fail('relative to an unknown plugin file; pass a file: URL (new URL(..., import.meta.url))');
    const dir = path.dirname(pluginFile as string);
    file = spec.startsWith('.') ? path.resolve(dir, spec) : resolvePackageEntry(spec, dir, at);
  }
  if (existsSync(file)) return pathToFileURL(file).href;
  // attache's own processors, run from their TypeScript sources (tests): the compiled module.
  const rel = path.relative(ATTACHE_ROOT, file);
  if (!rel.startsWith('..') && !rel.startsWith(`dist${path.sep}`)) {
    const built = path.join(ATTACHE_ROOT, 'dist', rel);
    if (existsSync(built)) return pathToFileURL(built).href;
  }
  const ts = file.replace(/\.[cm]?js$/, '.ts');
  if (ts !== file && existsSync(ts)) {
    fail(`${file} does not exist, only ${path.basename(ts)}: compile it (worker threads load JavaScript)`);
  }
  return fail(`no file ${file}`);
}
