/**
 * The header block of one message as plugins see it: a lazy, read-only view over what Envoy
 * sent, plus the changes plugins made, which later plugins in the chain see applied. The
 * changes are coalesced into one Envoy `HeaderMutation` when the reply is built.
 *
 * @module
 */

/** @internal A header as it arrives from Envoy: `raw_value` bytes (§3.1), `value` only from old Envoys. */
export interface SourceHeader {
  readonly key?: string | undefined;
  readonly value?: string | undefined;
  readonly rawValue?: Buffer | Uint8Array | undefined;
}

/** Read-only access to a header block. Names are case-insensitive. */
export interface HeaderView {
  /** All values of `name` joined with `", "` (like the Fetch `Headers.get`), or `undefined`. */
  get(name: string): string | undefined;
  /** Each value of `name`, decoded as UTF-8, in order. */
  getAll(name: string): string[];
  /** Each value of `name` as the exact bytes Envoy sent (values may hold non-UTF-8 obs-text). */
  getRaw(name: string): Buffer[];
  /** Whether `name` has at least one value. */
  has(name: string): boolean;
  /** Every `[name, value]` pair in order, one pair per value; names lower-case. */
  entries(): IterableIterator<[string, string]>;
  /** Number of header entries (one per value). */
  readonly size: number;
}

/** @internal The coalesced change set for one header block, in Envoy's terms. */
export interface HeaderChanges {
  /** Values to write; `append: false` replaces all values of the name, `true` adds one. */
  readonly set: Array<{ key: string; value: Buffer; append: boolean }>;
  /** Names to remove. */
  readonly remove: string[];
}

const EMPTY = Buffer.alloc(0);

function sourceBytes(h: SourceHeader): Buffer {
  const raw = h.rawValue;
  if (raw !== undefined && raw.length > 0) {
    return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  }
  // Envoy ≥1.32 fills raw_value only; `value` is a fallback for hand-built messages.
  return h.value ? Buffer.from(h.value, 'utf8') : EMPTY;
}

/**
 * One header block with change tracking. Internal: plugins get it typed as {@link HeaderView}
 * and change it through the mutation builder, which checks every change first.
 * @internal
 */
export class HeaderMap implements HeaderView {
  #source: readonly SourceHeader[];
  #view: HeaderView | null = null;
  // Working copy, built on the first change only; reads before that go to the source list.
  #names: string[] | null = null;
  #values: Buffer[] | null = null;
  // Touched names → whether a set/remove happened (overwrite intent) rather than appends only.
  #touched: Map<string, boolean> | null = null;

  constructor(source: readonly SourceHeader[]) {
    this.#source = source;
  }

  get size(): number {
    return this.#names === null ? this.#source.length : this.#names.length;
  }

  /** The read-only view plugins get (created once per map, on first use). */
  view(): HeaderView {
    if (this.#view === null) this.#view = new ReadonlyHeaders(this);
    return this.#view;
  }

  /** Sum of name and value lengths: what Envoy compares with its header size limit (§6.3). */
  byteSize(): number {
    let n = 0;
    if (this.#names === null) {
      for (const h of this.#source) n += (h.key?.length ?? 0) + sourceBytes(h).length;
    } else {
      const values = this.#values as Buffer[];
      this.#names.forEach((name, i) => {
        n += name.length + (values[i] as Buffer).length;
      });
    }
    return n;
  }

  get(name: string): string | undefined {
    const all = this.getAll(name);
    return all.length === 0 ? undefined : all.length === 1 ? all[0] : all.join(', ');
  }

  getAll(name: string): string[] {
    return this.getRaw(name).map((b) => b.toString('utf8'));
  }

  getRaw(name: string): Buffer[] {
    const key = name.toLowerCase();
    const out: Buffer[] = [];
    if (this.#names === null) {
      for (const h of this.#source) if (h.key === key) out.push(sourceBytes(h));
    } else {
      const values = this.#values as Buffer[];
      this.#names.forEach((n, i) => {
        if (n === key) out.push(values[i] as Buffer);
      });
    }
    return out;
  }

  has(name: string): boolean {
    const key = name.toLowerCase();
    if (this.#names === null) return this.#source.some((h) => h.key === key);
    return this.#names.includes(key);
  }

  *entries(): IterableIterator<[string, string]> {
    if (this.#names === null) {
      for (const h of this.#source) yield [h.key ?? '', sourceBytes(h).toString('utf8')];
      return;
    }
    const values = this.#values as Buffer[];
    for (let i = 0; i < this.#names.length; i++) {
      yield [this.#names[i] as string, (values[i] as Buffer).toString('utf8')];
    }
  }

  /** Whether any change was made. */
  get changed(): boolean {
    return this.#touched !== null && this.#touched.size > 0;
  }

  /** Replaces every value of a (normalized) name with one value. */
  set(key: string, value: Buffer): void {
    this.#removeAll(key);
    (this.#names as string[]).push(key);
    (this.#values as Buffer[]).push(value);
  }

  /** Adds one value to a (normalized) name. */
  append(key: string, value: Buffer): void {
    this.#materialize(key, false);
    (this.#names as string[]).push(key);
    (this.#values as Buffer[]).push(value);
  }

  /** Removes every value of a (normalized) name. */
  remove(key: string): void {
    this.#removeAll(key);
  }

  /**
   * Coalesces the changes per name into what Envoy must be told (§6.1, §6.2): Envoy applies all
   * removals first, then each set in order, where `append: false` replaces all values of the
   * name and `append: true` adds one. Untouched names produce nothing. Changes never assume that
   * attache saw every value (forward_rules may hide some): a set replaces all values, an append
   * adds, and a removal is sent whether attache saw the name or not.
   */
  changes(): HeaderChanges {
    const set: HeaderChanges['set'] = [];
    const remove: string[] = [];
    if (this.#touched === null) return { set, remove };
    for (const [key, overwrite] of this.#touched) {
      const before: Buffer[] = [];
      for (const h of this.#source) if (h.key === key) before.push(sourceBytes(h));
      const after = this.getRaw(key);
      if (!overwrite) {
        // Appends only: add the new values, whatever Envoy holds (it may hold values that
        // forward_rules kept from us).
        for (let i = before.length; i < after.length; i++)
          set.push({ key, value: after[i] as Buffer, append: true });
        continue;
      }
      if (after.length === 0) {
        // Always sent, like set() and append(): Envoy may hold values that its forward_rules
        // kept from attache, and removing a header it does not have is a no-op there.
        remove.push(key);
        continue;
      }
      let keep = before.length > 0 && before.length <= after.length;
      for (let i = 0; keep && i < before.length; i++) keep = (before[i] as Buffer).equals(after[i] as Buffer);
      if (keep && before.length === after.length) continue;
      // Otherwise overwrite: the first value replaces every value Envoy has, the rest add.
      const start = keep ? before.length : 0;
      for (let i = start; i < after.length; i++) {
        set.push({ key, value: after[i] as Buffer, append: keep || i > start });
      }
    }
    return { set, remove };
  }

  /**
   * Makes the current state the new baseline: later {@link changes} are relative to it. Called
   * once a reply carried the changes, so a later phase (e.g. a buffered body reply that may still
   * change the held headers) does not send them twice, which would duplicate appended values.
   */
  commit(): void {
    if (this.#names === null) return;
    const values = this.#values as Buffer[];
    this.#source = this.#names.map((key, i) => ({ key, rawValue: values[i] as Buffer }));
    this.#names = null;
    this.#values = null;
    this.#touched = null;
  }

  /** Drops every change since the last {@link commit} (a failed plugin's message passes unchanged). */
  revert(): void {
    this.#names = null;
    this.#values = null;
    this.#touched = null;
  }

  #materialize(touched: string, overwrite: boolean): void {
    if (this.#names === null) {
      const names: string[] = [];
      const values: Buffer[] = [];
      for (const h of this.#source) {
        names.push(h.key ?? '');
        values.push(sourceBytes(h));
      }
      this.#names = names;
      this.#values = values;
    }
    if (this.#touched === null) this.#touched = new Map();
    this.#touched.set(touched, overwrite || this.#touched.get(touched) === true);
  }

  #removeAll(key: string): void {
    this.#materialize(key, true);
    const names = this.#names as string[];
    const values = this.#values as Buffer[];
    for (let i = names.length - 1; i >= 0; i--) {
      if (names[i] === key) {
        names.splice(i, 1);
        values.splice(i, 1);
      }
    }
  }
}

/**
 * What plugins hold of a {@link HeaderMap}: the {@link HeaderView} members and nothing else, so
 * the map's change tracking (`set`, `commit`, `revert`...) is out of their reach.
 */
class ReadonlyHeaders implements HeaderView {
  readonly #map: HeaderMap;

  constructor(map: HeaderMap) {
    this.#map = map;
  }

  get size(): number {
    return this.#map.size;
  }

  get(name: string): string | undefined {
    return this.#map.get(name);
  }

  getAll(name: string): string[] {
    return this.#map.getAll(name);
  }

  getRaw(name: string): Buffer[] {
    return this.#map.getRaw(name);
  }

  has(name: string): boolean {
    return this.#map.has(name);
  }

  entries(): IterableIterator<[string, string]> {
    return this.#map.entries();
  }
}
