/**
 * The quick start's hand-written Envoy config agrees with its attache config: the ext_proc
 * filter allows exactly the mode overrides attache may send (none, for this pipeline).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load-config.js';
import { toServerOptions } from '../../src/config/to-server-options.js';
import { allowedOverrideModes, createProcessor } from '../../src/index.js';
import { silentLogger } from '../../src/log.js';
import { envoyProcessingMode } from '../../src/mode-override/filter-config.js';
import type { ProcessingModeInput } from '../../src/protocol/processing-mode.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Every value under `key`, anywhere in a parsed YAML document. */
function findAll(node: unknown, key: string): unknown[] {
  if (Array.isArray(node)) return node.flatMap((n) => findAll(n, key));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => [...(k === key ? [v] : []), ...findAll(v, key)]);
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe('examples/quickstart/envoy.yaml', () => {
  it("lists exactly the overrides attache sends for attache.yaml behind the filter's processing mode", async () => {
    const envoy = parse(await readFile(path.join(here, 'envoy.yaml'), 'utf8'));
    const filters = findAll(envoy, 'typed_config').filter(
      (c) =>
        (c as Record<string, unknown>)['@type'] ===
        'type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor',
    ) as Array<Record<string, unknown>>;
    expect(filters).toHaveLength(1);
    const filter = filters[0] as Record<string, unknown>;
    const processingMode = Object.fromEntries(
      Object.entries((filter.processing_mode ?? {}) as Record<string, string>).map(([k, v]) => [camel(k), v]),
    ) as ProcessingModeInput;

    const processor = await createProcessor(
      await toServerOptions(await loadConfig(path.join(here, 'attache.yaml')), silentLogger),
    );
    try {
      const { modes } = allowedOverrideModes(processor, { processingMode });
      expect(filter.allow_mode_override ?? false).toBe(modes.length > 0);
      expect(filter.allowed_override_modes ?? []).toEqual(modes.map(envoyProcessingMode));
    } finally {
      await processor.close();
    }
  });
});
