/**
 * attache's own package: its version (for `attache version` and plugin compatibility checks),
 * folder and manifest (for scaffolding).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * attache's name on the npm registry: what plugins import and declare as their peer dependency.
 * Not plain `attache`: that name belongs to an unrelated package (a Hapi plugin), which a
 * published plugin's `peerDependencies: { attache }` would pull in.
 * @internal
 */
export const ATTACHE_NPM_NAME = 'attache-extproc';

/** @internal The fields of attache's package.json that attache reads about itself. */
export interface AttacheManifest {
  readonly name: string;
  readonly version: string;
  readonly engines?: { readonly node?: string };
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

function find(): { root: string; manifest: AttacheManifest } {
  // src/version.ts and dist/src/version.js sit at different depths below package.json.
  for (const up of ['../', '../../']) {
    const url = new URL(up, import.meta.url);
    try {
      const manifest = JSON.parse(readFileSync(new URL('package.json', url), 'utf8')) as AttacheManifest;
      if (manifest.name === ATTACHE_NPM_NAME) return { root: path.resolve(fileURLToPath(url)), manifest };
    } catch {
      // not at this depth
    }
  }
  throw new Error('attache: cannot find its own package.json');
}

/** @internal attache's folder and package.json. */
export const ATTACHE_PACKAGE: { readonly root: string; readonly manifest: AttacheManifest } = find();

/** The version of this attache package. */
export const ATTACHE_VERSION: string = ATTACHE_PACKAGE.manifest.version;
