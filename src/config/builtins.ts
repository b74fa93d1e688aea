/**
 * Built-in processors, usable in `use:` by name. They live in `processors/` and use only the
 * public API, like any third-party plugin.
 *
 * @module
 */

type Loader = () => Promise<Record<string, unknown>>;

/** Built-in plugin names and their loaders. */
export const BUILTINS: Readonly<Record<string, Loader>> = Object.freeze({
  headers: () => import('../../processors/headers/index.js'),
  'pan-mask': () => import('../../processors/pan-mask/index.js'),
  transform: () => import('../../processors/transform/index.js'),
});
