/**
 * {@link HeaderList}: the read-only header view the test kit returns in results.
 *
 * @module
 */
import type { HeaderEntry, HeaderMap } from './header-map.js';

/** The entries of an empty list (shared: a list never changes its entries). */
const NONE: ReadonlyArray<readonly [string, Buffer]> = Object.freeze([]);

/**
 * An immutable, ordered list of header entries as Envoy held them (pseudo-headers included,
 * names lower-case, values as raw bytes).
 *
 * @example
 * ```ts
 * const res = await runExchange(target, { request: { path: '/x' } });
 * res.downstream.headers.get('content-type'); // 'text/plain' (first value, UTF-8)
 * res.downstream.headers.getAll('set-cookie'); // ['a=1', 'b=2']
 * res.upstream?.headers.getRaw('x-bin')[0];    // Buffer with the exact bytes
 * ```
 */
export class HeaderList implements Iterable<[string, string]> {
  #entries: ReadonlyArray<readonly [string, Buffer]>;

  /** Builds a list from `[name, bytes]` pairs; names are lower-cased, buffers copied. */
  constructor(entries: Iterable<readonly [string, Uint8Array]> = NONE) {
    this.#entries =
      entries === NONE ? NONE : [...entries].map(([k, v]) => [k.toLowerCase(), Buffer.from(v)] as const);
  }

  /** @internal Snapshot of a kit-internal header map. */
  static fromMap(map: HeaderMap): HeaderList {
    // The map's value buffers themselves, no copy: the map never writes into a value it holds
    // (a change replaces the entry or its buffer, see HeaderMap), and a list never hands its own
    // buffers out (`getRaw` and `rawEntries` copy). Its names are lower-case already.
    const view = map.view();
    const entries = new Array<readonly [string, Buffer]>(view.length);
    for (let i = 0; i < view.length; i++) {
      const e = view[i] as Readonly<HeaderEntry>;
      entries[i] = [e.key, e.value];
    }
    const list = new HeaderList();
    list.#entries = entries;
    return list;
  }

  /** Number of entries. */
  get size(): number {
    return this.#entries.length;
  }

  /** First value of `name` decoded as UTF-8, or `undefined` when absent. */
  get(name: string): string | undefined {
    const k = name.toLowerCase();
    const hit = this.#entries.find(([key]) => key === k);
    return hit === undefined ? undefined : hit[1].toString('utf8');
  }

  /** Every value of `name`, decoded as UTF-8, in order. */
  getAll(name: string): string[] {
    return this.getRaw(name).map((v) => v.toString('utf8'));
  }

  /** Every value of `name` as a copy of the raw bytes. */
  getRaw(name: string): Buffer[] {
    const k = name.toLowerCase();
    return this.#entries.filter(([key]) => key === k).map(([, v]) => Buffer.from(v));
  }

  /** Whether at least one entry named `name` exists. */
  has(name: string): boolean {
    const k = name.toLowerCase();
    return this.#entries.some(([key]) => key === k);
  }

  /** All entries as `[name, value]` with values decoded as UTF-8. */
  entries(): Array<[string, string]> {
    return this.#entries.map(([k, v]) => [k, v.toString('utf8')]);
  }

  /** All entries as `[name, bytes]`. */
  rawEntries(): Array<[string, Buffer]> {
    return this.#entries.map(([k, v]) => [k, Buffer.from(v)]);
  }

  /** Entry names in order (with repeats). */
  names(): string[] {
    return this.#entries.map(([k]) => k);
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.entries()[Symbol.iterator]();
  }

  /** JSON form: an array of `[name, value]` pairs (values UTF-8), keeping repeats and order. */
  toJSON(): Array<[string, string]> {
    return this.entries();
  }
}
