/**
 * The header block of one message as plugins see it: a lazy, read-only view over what Envoy
 * sent, plus the changes plugins made, which later plugins in the chain see applied. The
 * changes are coalesced into one Envoy `HeaderMutation` when the reply is built.
 *
 * @module
 */

import type { HeaderValueOption } from '../gen/envoy/config/core/v3/base.js';
import type { HeaderMutation } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { HeaderBlock, type SourceHeader } from './header-block.js';
import { lowerCase } from './header-rules.js';

export type { SourceHeader } from './header-block.js';

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

/** `list` with `item` added: a new list holding only it when `list` is null. */
function put<T>(list: T[] | null, item: T): T[] {
  if (list === null) return [item];
  list.push(item);
  return list;
}

/** One value of a mutation in Envoy's shape (§6.1): `append` only when it adds a value. */
function option(key: string, rawValue: Buffer, append: boolean): HeaderValueOption {
  return append ? { header: { key, rawValue }, append: true } : { header: { key, rawValue } };
}

/**
 * One header block with change tracking. Internal: plugins get it typed as {@link HeaderView}
 * and change it through the mutation builder, which checks every change first.
 *
 * The changes are an overlay on the source list, which is never copied: the names touched
 * (with whether a set or remove hid the source's values of that name) and the values added
 * since, in order. What the map holds is the source's entries under names not hidden, then the
 * added ones: exactly the list that applying each change to a copy of the source would leave
 * (a set or remove drops every value of its name, a set or append adds its value at the end).
 * A plugin typically changes one or two names of a dozen or more headers, so the overlay saves
 * a Buffer view of every header and the copy, and reads stay one loop over the block (which
 * compares the name bytes of a decoded message, {@link HeaderBlock.find}).
 * @internal
 */
export class HeaderMap implements HeaderView {
  #source: HeaderBlock;
  #view: HeaderView | null = null;
  /** Names changed since the baseline, in first-change order; `null` while unchanged. */
  #touched: string[] | null = null;
  /** Per touched name: a set or remove happened (its source values are hidden, overwrite intent). */
  #hides: boolean[] | null = null;
  /** Values added since the baseline: name, value, name, value... in the order they were added. */
  #added: Array<string | Buffer> | null = null;
  /** Source entries under hidden names. */
  #hiddenCount = 0;

  /** `source`: the decoder's block, or any `HeaderValue` list (turned into a block here). */
  constructor(source: HeaderBlock | readonly SourceHeader[]) {
    this.#source = source instanceof HeaderBlock ? source : HeaderBlock.from(source);
  }

  get size(): number {
    const added = this.#added;
    return this.#source.length - this.#hiddenCount + (added === null ? 0 : added.length / 2);
  }

  /** The read-only view plugins get (created once per map, on first use). */
  view(): HeaderView {
    if (this.#view === null) this.#view = new ReadonlyHeaders(this);
    return this.#view;
  }

  /**
   * Whether {@link byteSize} is over `limit`. Settled without counting when a bound of it is not
   * over (nearly always: Envoy's limit is 60 KiB by default): the source's bound
   * ({@link HeaderBlock.byteBound}: a decoded block's encoded size, with no pass over the names'
   * bytes) plus the values added, with the hidden entries still counted.
   */
  overLimit(limit: number): boolean {
    let bound = this.#source.byteBound();
    const added = this.#added;
    if (added !== null) {
      for (let i = 0; i < added.length; i += 2) {
        bound += (added[i] as string).length + (added[i + 1] as Buffer).length;
      }
    }
    return bound > limit && this.byteSize() > limit;
  }

  /** Sum of name and value lengths: what Envoy compares with its header size limit (§6.3). */
  byteSize(): number {
    const source = this.#source;
    let n = source.byteSize();
    const touched = this.#touched;
    if (touched !== null) {
      // Less the source's entries under hidden names (each such name is the touched key itself).
      const hides = this.#hides as boolean[];
      for (let t = 0; t < touched.length; t++) {
        if (!hides[t]) continue;
        const key = touched[t] as string;
        for (let i = source.find(key, 0); i >= 0; i = source.findNext(key, i)) {
          n -= key.length + source.valueLength(i);
        }
      }
    }
    const added = this.#added;
    if (added !== null) {
      for (let i = 0; i < added.length; i += 2) {
        n += (added[i] as string).length + (added[i + 1] as Buffer).length;
      }
    }
    return n;
  }

  get(name: string): string | undefined {
    const key = lowerCase(name);
    // Joined as it goes (one value, the common case, is its own string): no arrays made.
    let text: string | undefined;
    if (!this.#hidden(key)) {
      const source = this.#source;
      for (let i = source.find(key, 0); i >= 0; i = source.findNext(key, i)) {
        const s = source.text(i);
        text = text === undefined ? s : `${text}, ${s}`;
      }
    }
    const added = this.#added;
    if (added !== null) {
      for (let i = 0; i < added.length; i += 2) {
        if (added[i] !== key) continue;
        const s = (added[i + 1] as Buffer).toString('utf8');
        text = text === undefined ? s : `${text}, ${s}`;
      }
    }
    return text;
  }

  getAll(name: string): string[] {
    return this.getRaw(name).map((b) => b.toString('utf8'));
  }

  getRaw(name: string): Buffer[] {
    const key = lowerCase(name);
    const out: Buffer[] = [];
    if (!this.#hidden(key)) {
      const source = this.#source;
      for (let i = source.find(key, 0); i >= 0; i = source.findNext(key, i)) out.push(source.value(i));
    }
    const added = this.#added;
    if (added !== null) {
      for (let i = 0; i < added.length; i += 2) if (added[i] === key) out.push(added[i + 1] as Buffer);
    }
    return out;
  }

  has(name: string): boolean {
    const key = lowerCase(name);
    if (!this.#hidden(key) && this.#source.find(key, 0) >= 0) return true;
    const added = this.#added;
    if (added !== null) {
      for (let i = 0; i < added.length; i += 2) if (added[i] === key) return true;
    }
    return false;
  }

  *entries(): IterableIterator<[string, string]> {
    const changed = this.#touched !== null;
    const source = this.#source;
    const names = source.names;
    for (let i = 0; i < names.length; i++) {
      const key = names[i] as string;
      if (changed && this.#hidden(key)) continue;
      yield [key, source.text(i)];
    }
    const added = this.#added;
    if (added === null) return;
    for (let i = 0; i < added.length; i += 2) {
      yield [added[i] as string, (added[i + 1] as Buffer).toString('utf8')];
    }
  }

  /** Whether any change was made. */
  get changed(): boolean {
    return this.#touched !== null;
  }

  /** Replaces every value of a (normalized) name with one value. */
  set(key: string, value: Buffer): void {
    this.#touch(key, true);
    this.#dropAdded(key);
    this.#add(key, value);
  }

  /** Adds one value to a (normalized) name. */
  append(key: string, value: Buffer): void {
    this.#touch(key, false);
    this.#add(key, value);
  }

  /** Removes every value of a (normalized) name. */
  remove(key: string): void {
    this.#touch(key, true);
    this.#dropAdded(key);
  }

  /**
   * Coalesces the changes per name into what Envoy must be told (§6.1, §6.2), in Envoy's
   * `HeaderMutation` shape, ready for a reply; `undefined` when there is nothing to tell. Envoy
   * applies all removals first, then each set in order. It reads only `raw_value` and only the
   * deprecated `append` flag: unset means "replace all values of the name", so `append` is set
   * only on a value that adds one. Untouched names produce nothing. Changes never assume that
   * attache saw every value (forward_rules may hide some): a set replaces all values, an append
   * adds, and a removal is sent whether attache saw the name or not.
   */
  mutation(): HeaderMutation | undefined {
    const touched = this.#touched;
    if (touched === null) return undefined;
    // Lists made with their first element, and no per-name lists: most maps change one name.
    let set: HeaderValueOption[] | null = null;
    let remove: string[] | null = null;
    const hides = this.#hides as boolean[];
    const added = this.#added ?? [];
    const source = this.#source;
    for (let t = 0; t < touched.length; t++) {
      const key = touched[t] as string;
      if (!hides[t]) {
        // Appends only: add the new values, whatever Envoy holds (it may hold values that
        // forward_rules kept from us).
        for (let i = 0; i < added.length; i += 2) {
          if (added[i] === key) set = put(set, option(key, added[i + 1] as Buffer, true));
        }
        continue;
      }
      // The source's values are hidden: what the name holds now is its added values.
      let after = 0;
      for (let i = 0; i < added.length; i += 2) if (added[i] === key) after++;
      if (after === 0) {
        // Always sent, like set() and append(): Envoy may hold values that its forward_rules
        // kept from attache, and removing a header it does not have is a no-op there.
        remove = put(remove, key);
        continue;
      }
      // Whether the added values begin with the source's values, byte for byte.
      let before = 0;
      let keep = true;
      let a = 0;
      for (let i = source.find(key, 0); i >= 0; i = source.findNext(key, i)) {
        before++;
        while (a < added.length && added[a] !== key) a += 2;
        if (a >= added.length) keep = false;
        if (!keep) continue;
        keep = source.value(i).equals(added[a + 1] as Buffer);
        a += 2;
      }
      keep = keep && before > 0;
      if (keep && before === after) continue;
      // Otherwise overwrite: the first value replaces every value Envoy has, the rest add.
      const start = keep ? before : 0;
      let n = 0;
      for (let i = 0; i < added.length; i += 2) {
        if (added[i] !== key) continue;
        if (n >= start) set = put(set, option(key, added[i + 1] as Buffer, keep || n > start));
        n++;
      }
    }
    if (set === null && remove === null) return undefined;
    return { setHeaders: set ?? [], removeHeaders: remove ?? [] };
  }

  /**
   * Makes the current state the new baseline: later {@link mutation}s are relative to it. Called
   * once a reply carried the changes, so a later phase (e.g. a buffered body reply that may still
   * change the held headers) does not send them twice, which would duplicate appended values.
   */
  commit(): void {
    if (this.#touched === null) return;
    const source = this.#source;
    const names: string[] = [];
    const values: Buffer[] = [];
    for (let i = 0; i < source.names.length; i++) {
      const name = source.names[i] as string;
      if (this.#hidden(name)) continue;
      names.push(name);
      values.push(source.value(i));
    }
    const added = this.#added;
    if (added !== null) {
      for (let i = 0; i < added.length; i += 2) {
        names.push(added[i] as string);
        values.push(added[i + 1] as Buffer);
      }
    }
    this.#source = HeaderBlock.of(names, values);
    this.revert();
  }

  /** Drops every change since the last {@link commit} (a failed plugin's message passes unchanged). */
  revert(): void {
    this.#touched = null;
    this.#hides = null;
    this.#added = null;
    this.#hiddenCount = 0;
  }

  /** Whether a set or remove since the baseline hid the source's values of `key`. */
  #hidden(key: string): boolean {
    const touched = this.#touched;
    if (touched === null) return false;
    const i = touched.indexOf(key);
    return i >= 0 && (this.#hides as boolean[])[i] === true;
  }

  /** Records a change of `key`; `hide`: a set or remove, which hides the source's values of it. */
  #touch(key: string, hide: boolean): void {
    const touched = this.#touched;
    const hides = this.#hides;
    let i: number;
    if (touched === null || hides === null) {
      // Made with their first element: most maps see one changed name, and a list grown from
      // empty by push() would reserve room for 16.
      this.#touched = [key];
      this.#hides = [false];
      i = 0;
    } else {
      i = touched.indexOf(key);
      if (i < 0) {
        i = touched.length;
        touched.push(key);
        hides.push(false);
      }
    }
    if (hide && !(this.#hides as boolean[])[i]) {
      (this.#hides as boolean[])[i] = true;
      this.#hiddenCount += this.#source.count(key);
    }
  }

  #add(key: string, value: Buffer): void {
    if (this.#added === null) this.#added = [key, value];
    else this.#added.push(key, value);
  }

  /** Drops the added values of `key` (a set or remove replaces them too). */
  #dropAdded(key: string): void {
    const added = this.#added;
    if (added === null) return;
    let w = 0;
    for (let r = 0; r < added.length; r += 2) {
      if (added[r] === key) continue;
      added[w] = added[r] as string;
      added[w + 1] = added[r + 1] as Buffer;
      w += 2;
    }
    added.length = w;
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
