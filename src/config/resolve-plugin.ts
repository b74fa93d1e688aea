/**
 * Turns a `use:` value into a plugin: a built-in name, a path relative to the config file, or an
 * npm package resolved from the config file's folder (so plugins install next to the config,
 * not inside attache).
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AttacheError, ErrorCode } from '../errors.js';
import { isPlugin, type Plugin } from '../plugin/define-plugin.js';
import { recordPluginFile, recordPluginFolder } from '../server/plugin-origins.js';
import { BUILTINS } from './builtins.js';
import { syntaxErrorPosition } from './syntax-location.js';

const CONDITIONS = new Set(['import', 'node', 'default']);

function fail(at: string, message: string, cause?: unknown): never {
  throw new AttacheError(ErrorCode.CONFIG_INVALID, `${at}: ${message}`, { cause });
}

/** Resolves an `exports` target for the ESM conditions Node uses for `import`. */
function pickTarget(target: unknown): string | null {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const t of target) {
      const r = pickTarget(t);
      if (r !== null) return r;
    }
    return null;
  }
  if (typeof target === 'object' && target !== null) {
    for (const [key, value] of Object.entries(target)) {
      if (CONDITIONS.has(key)) {
        const r = pickTarget(value);
        if (r !== null) return r;
      }
    }
  }
  return null;
}

function entryOf(pkgDir: string, subpath: string, at: string, spec: string): string {
  const manifest = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
    exports?: unknown;
    main?: string;
  };
  const exp = manifest.exports;
  if (exp !== undefined) {
    const isMap =
      typeof exp === 'object' &&
      exp !== null &&
      !Array.isArray(exp) &&
      Object.keys(exp).some((k) => k.startsWith('.'));
    const target = isMap ? (exp as Record<string, unknown>)[subpath] : subpath === '.' ? exp : undefined;
    const picked = target === undefined ? null : pickTarget(target);
    if (picked === null) fail(at, `package "${spec}" does not export "${subpath}" for import`);
    return path.join(pkgDir, picked);
  }
  if (subpath !== '.') return path.join(pkgDir, subpath);
  return path.join(pkgDir, manifest.main ?? 'index.js');
}

/** Finds an installed package by walking up `node_modules` folders from `fromDir`. */
function resolvePackage(spec: string, fromDir: string, at: string): { dir: string; entry: string } {
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const rest = parts.slice(nameLength).join('/');
  const subpath = rest === '' ? '.' : `./${rest}`;
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const pkgDir = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(pkgDir, 'package.json'))) {
      return { dir: pkgDir, entry: entryOf(pkgDir, subpath, at, spec) };
    }
    if (path.dirname(dir) === dir) break;
  }
  return fail(at, `cannot find package "${name}" from ${fromDir} (install it next to the config file)`);
}

/**
 * The entry file of the package `spec` (`name` or `name/subpath`) installed at or above
 * `fromDir`, as `import` would pick it (worker modules of packaged plugins resolve this way).
 *
 * @throws AttacheError `ATTACHE_ERR_CONFIG_INVALID` when it is not installed or not exported.
 */
export function resolvePackageEntry(spec: string, fromDir: string, at: string): string {
  return resolvePackage(spec, fromDir, at).entry;
}

/**
 * The file a `use:` value loads: the plugin file for a path (relative to the config's folder),
 * the resolved entry file for an npm package, `null` for a built-in.
 *
 * @throws AttacheError when a package cannot be found or does not export the entry.
 */
export function pluginFile(use: string, configDir: string, at: string): string | null {
  if (BUILTINS[use] !== undefined) return null;
  if (use.startsWith('.') || path.isAbsolute(use)) return path.resolve(configDir, use);
  return resolvePackage(use, configDir, at).entry;
}

/**
 * Per plugin file, the module URL imported for each content it had (by hash). ES modules cannot
 * be unloaded, so each import of a new URL stays in memory for the life of the process: importing
 * by content makes an unchanged file cost nothing on a reload, and bounds the cost to one module
 * per distinct content of the file.
 */
const importedByContent = new Map<string, Map<string, string>>();

async function importByContent(file: string): Promise<Record<string, unknown>> {
  const hash = createHash('sha256')
    .update(await readFile(file))
    .digest('hex')
    .slice(0, 16);
  let urls = importedByContent.get(file);
  let url = urls?.get(hash);
  if (url === undefined) {
    const plain = pathToFileURL(file).href;
    // The first content keeps the plain URL, so a plugin imported elsewhere is the same module.
    url = urls === undefined ? plain : `${plain}?v=${hash}`;
    if (urls === undefined) importedByContent.set(file, (urls = new Map()));
    urls.set(hash, url);
  }
  return (await import(url)) as Record<string, unknown>;
}

/**
 * Loads the plugin named by `use` and records where its code lives (so a stray error can name it).
 *
 * A plugin file (or package entry) is imported again only when its content changed since it was
 * last imported: an edited file takes effect on a reload, an unchanged one is the module already
 * loaded. Modules it imports itself stay cached.
 *
 * @param at - where the value came from, for errors (e.g. `attache.yaml: plugins[2].use`).
 */
export async function resolvePlugin(use: string, configDir: string, at: string): Promise<Plugin<unknown>> {
  let mod: Record<string, unknown>;
  let origin: { file: string; folder: string | null } | null = null;
  const builtin = BUILTINS[use];
  if (builtin !== undefined) {
    mod = await builtin();
  } else {
    const isPath = use.startsWith('.') || path.isAbsolute(use);
    const pkg = isPath ? null : resolvePackage(use, configDir, at);
    const file = pkg === null ? path.resolve(configDir, use) : pkg.entry;
    if (isPath && !existsSync(file)) fail(at, `no file ${file}`);
    origin = { file, folder: pkg?.dir ?? null };
    try {
      mod = await importByContent(file);
    } catch (cause) {
      // Any load failure (a loader may wrap V8's SyntaxError): the file parses, or it says where not.
      const pos = await syntaxErrorPosition(file);
      const where = pos === null ? '' : ` at ${pos.file}:${pos.line}:${pos.column}`;
      fail(at, `cannot load "${use}": ${(cause as Error).message}${where}`, cause);
    }
  }
  const candidate = mod.default ?? mod.plugin;
  if (!isPlugin(candidate)) {
    fail(at, `"${use}" does not export a plugin (its default export must be the result of definePlugin())`);
  }
  const plugin = candidate as Plugin<unknown>;
  if (origin?.folder != null) recordPluginFolder(origin.folder, plugin.name);
  else if (origin !== null) recordPluginFile(origin.file, plugin.name);
  return plugin;
}
