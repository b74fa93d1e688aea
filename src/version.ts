/**
 * The running attache version, for `attache version` and plugin compatibility checks.
 *
 * @module
 */
import { readFileSync } from 'node:fs';

function findVersion(): string {
  // src/version.ts and dist/src/version.js sit at different depths below package.json.
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'attache' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not at this depth
    }
  }
  throw new Error('attache: cannot find its own package.json');
}

/** The version of this attache package. */
export const ATTACHE_VERSION: string = findVersion();
