/**
 * Call metadata as a `ReadonlyMap`, converted from grpc-js only if a plugin reads it: most
 * streams never look at it, and the conversion is a per-stream allocation.
 *
 * @module
 */
import type { Metadata } from '@grpc/grpc-js';

/** A read-only map over grpc-js metadata (string values; binary `-bin` entries are skipped). */
export class LazyMetadata implements ReadonlyMap<string, string> {
  readonly #source: Metadata;
  #map: Map<string, string> | null = null;

  constructor(source: Metadata) {
    this.#source = source;
  }

  #get(): Map<string, string> {
    if (this.#map === null) {
      const map = new Map<string, string>();
      const raw = this.#source.getMap();
      for (const key in raw) {
        const value = raw[key];
        if (typeof value === 'string') map.set(key, value);
      }
      this.#map = map;
    }
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
