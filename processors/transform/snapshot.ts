/**
 * What a pool task's templates read instead of the live stream: a structured-clonable copy of
 * this direction's headers, the request's headers (from a response), the forwarded metadata
 * namespaces and the attributes the direction can reach (reach.ts), and the random values drawn
 * so far in the exchange. Built only for pool tasks; inline renderings read the stream itself
 * through the same {@link TemplateStream} interface.
 *
 * Headers are copied as the `[name, value]` pairs the view holds, values decoded exactly as
 * `getAll` decodes them, so `get` (repeated values joined with ", ") and `getAll` answer the
 * same in a thread as on the main thread.
 *
 * @module
 */
import type { Direction, HeaderView, StateKey, StreamContext } from 'attache-extproc';
import { randomKey } from './helpers.js';
import type { Reach } from './reach.js';
import type { TemplateHeaders, TemplateStream } from './scope.js';

/** The snapshot, as sent to a thread (short keys: it is cloned for every task). */
export interface MessageSnapshot {
  /** This direction's headers: name, value, name, value... (`null`: none). */
  readonly h: string[] | null;
  /** The request's headers, for a response (`null`: none, or a request). */
  readonly r: string[] | null;
  /** Reachable namespaces that Envoy forwarded. */
  readonly m: Record<string, Readonly<Record<string, unknown>>>;
  /** Reachable attributes that Envoy sent. */
  readonly a: Record<string, unknown>;
  /** Random values drawn so far in this exchange, by needle. */
  readonly x: Array<[string, string]> | null;
}

function flatten(view: HeaderView | undefined): string[] | null {
  if (view === undefined) return null;
  const out: string[] = [];
  for (const [name, value] of view.entries()) out.push(name, value);
  return out;
}

/** Takes the snapshot of one message for a pool task. */
export function takeSnapshot(
  direction: Direction,
  headers: HeaderView | undefined,
  stream: StreamContext,
  reach: Reach,
): MessageSnapshot {
  const m: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const ns of reach.namespaces) {
    const values = stream.envoyMetadata(ns);
    if (values !== undefined) m[ns] = values;
  }
  const a: Record<string, unknown> = {};
  for (const name of reach.attributes) {
    const v = stream.attribute(name);
    if (v !== undefined) a[name] = v;
  }
  const drawn = stream.get(randomKey);
  return {
    h: flatten(headers),
    r: direction === 'response' ? flatten(stream.requestHeaders) : null,
    m,
    a,
    x: drawn === undefined || drawn.size === 0 ? null : [...drawn],
  };
}

/** Adds the random values a pool task drew to the exchange's (the first draw of a needle wins). */
export function keepDrawn(stream: StreamContext, drawn: ReadonlyArray<[string, string]> | null): void {
  if (drawn === null) return;
  let mine = stream.get(randomKey);
  if (mine === undefined) stream.set(randomKey, (mine = new Map()));
  for (const [needle, value] of drawn) if (!mine.has(needle)) mine.set(needle, value);
}

/** A header block read from a snapshot's pairs (see the module comment). */
class SnapshotHeaders implements TemplateHeaders {
  readonly #pairs: readonly string[];

  constructor(pairs: readonly string[]) {
    this.#pairs = pairs;
  }

  get(name: string): string | undefined {
    const all = this.getAll(name);
    return all.length === 0 ? undefined : all.length === 1 ? all[0] : all.join(', ');
  }

  getAll(name: string): string[] {
    const key = name.toLowerCase();
    const out: string[] = [];
    for (let i = 0; i < this.#pairs.length; i += 2) {
      if (this.#pairs[i] === key) out.push(this.#pairs[i + 1] as string);
    }
    return out;
  }
}

/** The headers of a snapshot as templates read them. */
export function snapshotHeaders(pairs: readonly string[] | null): TemplateHeaders | undefined {
  return pairs === null ? undefined : new SnapshotHeaders(pairs);
}

/** The stream as a pool task's templates read it; {@link drawn} gives what it drew. */
export class SnapshotStream implements TemplateStream {
  readonly requestHeaders: TemplateHeaders | undefined;
  readonly #snapshot: MessageSnapshot;
  readonly #state = new Map<StateKey<unknown>, unknown>();
  readonly #before: ReadonlyMap<string, string>;

  constructor(snapshot: MessageSnapshot) {
    this.#snapshot = snapshot;
    this.requestHeaders = snapshotHeaders(snapshot.r);
    const drawn = new Map(snapshot.x ?? []);
    this.#before = new Map(drawn);
    this.#state.set(randomKey as StateKey<unknown>, drawn);
  }

  attribute(name: string): unknown {
    return Object.hasOwn(this.#snapshot.a, name) ? this.#snapshot.a[name] : undefined;
  }

  envoyMetadata(namespace: string): Readonly<Record<string, unknown>> | undefined {
    return Object.hasOwn(this.#snapshot.m, namespace) ? this.#snapshot.m[namespace] : undefined;
  }

  get<T>(key: StateKey<T>): T | undefined {
    return this.#state.get(key as StateKey<unknown>) as T | undefined;
  }

  set<T>(key: StateKey<T>, value: T): void {
    this.#state.set(key as StateKey<unknown>, value);
  }

  /** The random values drawn by this task (not in the snapshot), or `null`. */
  drawn(): Array<[string, string]> | null {
    const now = this.get(randomKey);
    if (now === undefined) return null;
    const fresh = [...now].filter(([needle]) => !this.#before.has(needle));
    return fresh.length === 0 ? null : fresh;
  }
}
