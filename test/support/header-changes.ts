/**
 * A header map's coalesced changes listed in attache's terms, for tests: each value with whether
 * it adds (`append: true`) or replaces every value of its name, and the names removed. The map
 * itself reports them in Envoy's `HeaderMutation` shape ({@link HeaderMap.mutation}), which is
 * what a reply carries; this is that shape flattened so tests can state expectations plainly.
 */
import type { HeaderMap } from '../../src/http/header-map.js';

/** The coalesced change set for one header block. */
export interface HeaderChanges {
  /** Values to write; `append: false` replaces all values of the name, `true` adds one. */
  readonly set: Array<{ key: string; value: Buffer; append: boolean }>;
  /** Names to remove. */
  readonly remove: string[];
}

/** The changes of `map` since its baseline (empty lists when there are none). */
export function changesOf(map: HeaderMap): HeaderChanges {
  const m = map.mutation();
  if (m === undefined) return { set: [], remove: [] };
  return {
    set: (m.setHeaders ?? []).map((o) => ({
      key: o.header?.key as string,
      value: o.header?.rawValue as Buffer,
      append: o.append === true,
    })),
    remove: m.removeHeaders ?? [],
  };
}
