/**
 * Turns a `use:` value into a plugin: a built-in name, a path relative to the config file, or an
 * npm package resolved from the config file's folder (so plugins install next to the config,
 * not inside attache).
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AttacheError, ErrorCode } from '../errors.js';
import { isPlugin, type Plugin } from '../plugin/define-plugin.js';
import { BUILTINS } from './builtins.js';

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
function resolvePackage(spec: string, fromDir: string, at: string): string {
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const rest = parts.slice(nameLength).join('/');
  const subpath = rest === '' ? '.' : `./${rest}`;
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const pkgDir = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(pkgDir, 'package.json'))) return entryOf(pkgDir, subpath, at, spec);
    if (path.dirname(dir) === dir) break;
  }
  return fail(at, `cannot find package "${name}" from ${fromDir} (install it next to the config file)`);
}

/**
 * Loads the plugin named by `use`.
 *
 * @param at - where the value came from, for errors (e.g. `attache.yaml: plugins[2].use`).
 * @param generation - above 0 on a reload: the module is imported afresh (a new URL, since ESM
 *   caches modules by URL), so an edited plugin file takes effect. Modules it imports itself
 *   stay cached.
 */
export async function resolvePlugin(
  use: string,
  configDir: string,
  at: string,
  generation = 0,
): Promise<Plugin<unknown>> {
  let mod: Record<string, unknown>;
  const builtin = BUILTINS[use];
  if (builtin !== undefined) {
    mod = await builtin();
  } else {
    const isPath = use.startsWith('.') || path.isAbsolute(use);
    const file = isPath ? path.resolve(configDir, use) : resolvePackage(use, configDir, at);
    if (isPath && !existsSync(file)) fail(at, `no file ${file}`);
    try {
      const url = pathToFileURL(file).href;
      mod = (await import(generation > 0 ? `${url}?reload=${generation}` : url)) as Record<string, unknown>;
    } catch (cause) {
      fail(at, `cannot load "${use}": ${(cause as Error).message}`, cause);
    }
  }
  const candidate = mod.default ?? mod.plugin;
  if (!isPlugin(candidate)) {
    fail(at, `"${use}" does not export a plugin (its default export must be the result of definePlugin())`);
  }
  return candidate as Plugin<unknown>;
}
