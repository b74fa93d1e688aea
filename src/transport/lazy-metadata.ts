/**
 * Call metadata as a `ReadonlyMap`, converted from the transport's own form only if a plugin
 * reads it: most streams never look at it, and the conversion is a per-stream allocation.
 *
 * @module
 */
import type { Metadata } from '@grpc/grpc-js';

/**
 * A read-only map built from `source` by `build` on first use. `build` is a module-level
 * function, so a stream pays one small object and no closure until a plugin reads the metadata.
 */
export class LazyMetadata<S> implements ReadonlyMap<string, string> {
  readonly #source: S;
  readonly #build: (source: S) => Map<string, string>;
  #map: Map<string, string> | null = null;

  constructor(source: S, build: (source: S) => Map<string, string>) {
    this.#source = source;
    this.#build = build;
  }

  #get(): Map<string, string> {
    this.#map ??= this.#build(this.#source);
    return this.#map;
  }

  get size(): number {
    return this.#get().size;
  }
  get(key: string): string | undefined {
    return this.#get().get(key);
  }
  has(key: string): boolean {
    return this.#get().has(key);
  }
  forEach(
    fn: (value: string, key: string, map: ReadonlyMap<string, string>) => void,
    thisArg?: unknown,
  ): void {
    for (const [k, v] of this.#get()) fn.call(thisArg, v, k, this);
  }
  entries(): MapIterator<[string, string]> {
    return this.#get().entries();
  }
  keys(): MapIterator<string> {
    return this.#get().keys();
  }
  values(): MapIterator<string> {
    return this.#get().values();
  }
  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.#get()[Symbol.iterator]();
  }
}

/** grpc-js metadata's string entries (binary `-bin` entries are skipped). */
export function fromGrpcMetadata(source: Metadata): Map<string, string> {
  const map = new Map<string, string>();
  const raw = source.getMap();
  for (const key in raw) {
    const value = raw[key];
    if (typeof value === 'string') map.set(key, value);
  }
  return map;
}
