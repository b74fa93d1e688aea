/**
 * `definePlugin`: the entry point for plugin authors.
 *
 * @module
 */

import validRange from 'semver/ranges/valid.js';
import { AttacheError, ErrorCode } from '../errors.js';
import { recordCallerFile } from '../server/plugin-origins.js';
import type { PluginDefinition } from './types.js';

const kPlugin = Symbol.for('attache.plugin');
/** The file that called `definePlugin` (worker modules resolve relative to it). */
const kFile = Symbol('attache.plugin.file');

/** A plugin produced by {@link definePlugin}. */
export interface Plugin<O = unknown> extends PluginDefinition<O> {
  readonly [kPlugin]: true;
}

/**
 * Declares a plugin. The options type is inferred from the `options` schema (or from `setup`'s
 * parameter when there is no schema).
 *
 * @example
 * ```ts
 * import { definePlugin } from 'attache-extproc';
 * import { z } from 'zod';
 *
 * export default definePlugin({
 *   name: 'add-header',
 *   options: z.object({ name: z.string(), value: z.string() }),
 *   setup({ name, value }) {
 *     return { requestHeaders: (ctx) => { ctx.mutate.set(name, value); } };
 *   },
 * });
 * ```
 * @throws AttacheError `ATTACHE_ERR_PLUGIN_INVALID` when the definition is malformed.
 */
export function definePlugin<O = undefined>(definition: PluginDefinition<O>): Plugin<O> {
  const where = `definePlugin(${JSON.stringify((definition as { name?: unknown })?.name)})`;
  if (typeof definition !== 'object' || definition === null) {
    throw new AttacheError(ErrorCode.PLUGIN_INVALID, 'definePlugin() needs a plugin definition object');
  }
  if (typeof definition.name !== 'string' || !/^[a-zA-Z0-9@][\w@./-]*$/.test(definition.name)) {
    throw new AttacheError(
      ErrorCode.PLUGIN_INVALID,
      `${where}: name must be a non-empty identifier-like string`,
    );
  }
  if (typeof definition.setup !== 'function') {
    throw new AttacheError(ErrorCode.PLUGIN_INVALID, `${where}: setup must be a function`);
  }
  if (definition.attache !== undefined && validRange(definition.attache) === null) {
    throw new AttacheError(
      ErrorCode.PLUGIN_INVALID,
      `${where}: attache must be a semver range (e.g. "^0.1.0"), got ${JSON.stringify(definition.attache)}`,
    );
  }
  const options = definition.options;
  if (options !== undefined && typeof options?.['~standard']?.validate !== 'function') {
    throw new AttacheError(
      ErrorCode.PLUGIN_INVALID,
      `${where}: options must be a Standard Schema (e.g. a zod or valibot schema)`,
    );
  }
  // Once per definition, never per message: lets a stray async error name its plugin.
  const file = recordCallerFile(definition.name, definePlugin);
  return Object.freeze({ ...definition, [kPlugin]: true as const, [kFile]: file });
}

/** Whether `value` is a plugin made by {@link definePlugin} (works across copies of attache). */
export function isPlugin(value: unknown): value is Plugin {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[kPlugin] === true;
}

/**
 * @internal The file of the module that defined `plugin` (where `definePlugin` was called), or
 * `null` when unknown (a plugin from another copy of attache, or a stack without files).
 */
export function pluginFileOf(plugin: Plugin<unknown>): string | null {
  return (plugin as unknown as Record<symbol, string | null | undefined>)[kFile] ?? null;
}
