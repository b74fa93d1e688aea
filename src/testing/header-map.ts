/**
 * The mutable header map the simulated Envoy filter works on.
 *
 * It models the parts of Envoy's `HeaderMapImpl` that a server can observe through ext_proc:
 * - entries keep insertion order, but pseudo-headers (`:`-prefixed) always sit before regular
 *   headers, and a new pseudo-header goes to the end of the pseudo-header block;
 * - keys are lower-case; values are raw bytes (obs-text survives, doc §16, §18.68);
 * - "inline" (fast-path) headers hold a single entry: adding a second value folds it into the
 *   first one with a `,` (doc §19.6, §3.4); every other name keeps one entry per value;
 * - `set` removes every entry of the name and adds one new entry (Envoy's `setCopy`);
 * - `byteSize` is the sum of key and value lengths (what the header-size limit checks, doc §6.3).
 *
 * A value buffer the map holds is never written into, by the map or by the kit: every change
 * replaces an entry or its buffer. Snapshots ({@link HeaderList.fromMap}) share the buffers
 * instead of copying them.
 *
 * @module
 */

/** Which of Envoy's four header-map types a map models (each has its own inline-header list). */
export type HeaderMapKind = 'request-headers' | 'response-headers' | 'request-trailers' | 'response-trailers';

/** One header entry: a lower-case name and its raw value bytes. */
export interface HeaderEntry {
  key: string;
  value: Buffer;
}

// Envoy's inline header lists (source/common/http/header_map_impl.h INLINE_* macros). Names that
// appear in both request and response maps are listed once in `BOTH`.
const BOTH = [
  'connection',
  'content-type',
  'x-envoy-decorator-operation',
  'keep-alive',
  'proxy-connection',
  'proxy-status',
  'x-request-id',
  'transfer-encoding',
  'upgrade',
  'via',
  'content-length',
  'x-envoy-attempt-count',
];
const REQUEST_ONLY = [
  'x-client-trace-id',
  'x-envoy-downstream-service-cluster',
  'x-envoy-downstream-service-node',
  'x-envoy-external-address',
  'x-envoy-force-trace',
  'x-envoy-hedge-on-per-try-timeout',
  'x-envoy-internal',
  'x-envoy-ip-tags',
  'x-envoy-retry-on',
  'x-envoy-retry-grpc-on',
  'x-envoy-retriable-status-codes',
  'x-envoy-retriable-header-names',
  'x-envoy-original-path',
  'x-envoy-original-url',
  'x-envoy-upstream-alt-stat-name',
  'x-envoy-upstream-rq-timeout-alt-response',
  'expect',
  'x-forwarded-client-cert',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'grpc-timeout',
  ':authority',
  ':method',
  ':path',
  ':protocol',
  ':scheme',
  'te',
  'user-agent',
  'x-envoy-expected-rq-timeout-ms',
  'x-envoy-max-retries',
  'x-envoy-upstream-rq-timeout-ms',
  'x-envoy-upstream-rq-per-try-timeout-ms',
  'x-envoy-upstream-stream-duration-ms',
];
const RESPONSE_TRAILER_INLINE = ['grpc-status', 'grpc-message'];
const RESPONSE_ONLY = [
  'x-envoy-upstream-service-time',
  ':status',
  'date',
  'x-envoy-degraded',
  'x-envoy-immediate-health-check-fail',
  'x-envoy-ratelimited',
  'x-envoy-upstream-canary',
  'x-envoy-upstream-healthchecked-cluster',
  'location',
  'server',
  ...RESPONSE_TRAILER_INLINE,
];

const INLINE: Record<HeaderMapKind, ReadonlySet<string>> = {
  'request-headers': new Set([...BOTH, ...REQUEST_ONLY]),
  'response-headers': new Set([...BOTH, ...RESPONSE_ONLY]),
  'request-trailers': new Set(),
  'response-trailers': new Set(RESPONSE_TRAILER_INLINE),
};

const COMMA = Buffer.from(',');

/** Converts a header value given as text or bytes to bytes (text is UTF-8 encoded). */
export function toBytes(value: string | Uint8Array): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
}

/** Envoy-like mutable header map. Internal to the test kit; results expose {@link HeaderList}. */
export class HeaderMap {
  readonly kind: HeaderMapKind;
  #entries: HeaderEntry[] = [];

  constructor(kind: HeaderMapKind) {
    this.kind = kind;
  }

  /** Builds a map by adding the given pairs in order (codec behaviour: inline names fold). */
  static of(kind: HeaderMapKind, pairs: Iterable<readonly [string, string | Uint8Array]>): HeaderMap {
    const map = new HeaderMap(kind);
    for (const [key, value] of pairs) map.addOwned(key, toBytes(value));
    return map;
  }

  /** Number of entries (what Envoy compares with the max header count). */
  get size(): number {
    return this.#entries.length;
  }

  /** Sum of key and value lengths over all entries (Envoy's `byteSize()`). */
  byteSize(): number {
    let n = 0;
    for (const e of this.#entries) n += e.key.length + e.value.length;
    return n;
  }

  /** Snapshot of the entries, in iteration order. */
  entries(): readonly HeaderEntry[] {
    return this.#entries.map((e) => ({ key: e.key, value: Buffer.from(e.value) }));
  }

  /**
   * The entries themselves, no copy: for a caller that copies what it keeps (one copy instead of
   * two per header on every snapshot). Never mutate them or their bytes.
   */
  view(): readonly Readonly<HeaderEntry>[] {
    return this.#entries;
  }

  /** All values of a name. */
  get(key: string): Buffer[] {
    const k = key.toLowerCase();
    return this.#entries.filter((e) => e.key === k).map((e) => e.value);
  }

  /** First value of a name as a latin1/UTF-8 string, or undefined. */
  getString(key: string): string | undefined {
    const v = this.get(key)[0];
    return v === undefined ? undefined : v.toString('utf8');
  }

  has(key: string): boolean {
    const k = key.toLowerCase();
    return this.#entries.some((e) => e.key === k);
  }

  /** Envoy `addCopy`: a second value of an inline header is folded into the first with `,`. */
  add(key: string, value: Buffer): void {
    this.addOwned(key, Buffer.from(value));
  }

  /**
   * {@link add} of a value the caller made for this map and keeps no reference to (a fresh
   * `toBytes` result): the map takes it without a copy.
   */
  addOwned(key: string, value: Buffer): void {
    const k = key.toLowerCase();
    if (INLINE[this.kind].has(k)) {
      const existing = this.#entries.find((e) => e.key === k);
      if (existing !== undefined) {
        existing.value = existing.value.length === 0 ? value : Buffer.concat([existing.value, COMMA, value]);
        return;
      }
    }
    this.#insert({ key: k, value });
  }

  /** Envoy `setCopy`: remove every entry of the name, then add one entry. */
  set(key: string, value: Buffer): void {
    this.remove(key);
    this.#insert({ key: key.toLowerCase(), value: Buffer.from(value) });
  }

  remove(key: string): void {
    const k = key.toLowerCase();
    // Most removals find nothing (content-length on a bodyless message): no new array then.
    if (!this.#entries.some((e) => e.key === k)) return;
    this.#entries = this.#entries.filter((e) => e.key !== k);
  }

  /** Deep copy. */
  clone(): HeaderMap {
    const copy = new HeaderMap(this.kind);
    copy.#entries = this.#entries.map((e) => ({ key: e.key, value: Buffer.from(e.value) }));
    return copy;
  }

  #insert(entry: HeaderEntry): void {
    if (entry.key.startsWith(':')) {
      // Pseudo-headers are kept in front of all regular headers.
      const firstRegular = this.#entries.findIndex((e) => !e.key.startsWith(':'));
      if (firstRegular >= 0) {
        this.#entries.splice(firstRegular, 0, entry);
        return;
      }
    }
    this.#entries.push(entry);
  }
}
