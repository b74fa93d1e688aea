/**
 * What a pool task's templates read instead of the live stream: the snapshot the main thread
 * took (snapshot.ts), behind the interfaces templates read (`get`/`getAll` of headers,
 * `attribute`, `envoyMetadata`), and the random values the task draws. Loaded in pool threads:
 * imports nothing of attache's runtime.
 *
 * @module
 */
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

/** The stream as a pool task's templates read it, and the random values it draws. */
export class SnapshotStream implements TemplateStream {
  readonly requestHeaders: TemplateHeaders | undefined;
  readonly #snapshot: MessageSnapshot;
  readonly #drawn: Map<string, string>;

  constructor(snapshot: MessageSnapshot) {
    this.#snapshot = snapshot;
    this.requestHeaders = snapshotHeaders(snapshot.r);
    this.#drawn = new Map(snapshot.x ?? []);
  }

  attribute(name: string): unknown {
    return Object.hasOwn(this.#snapshot.a, name) ? this.#snapshot.a[name] : undefined;
  }

  envoyMetadata(namespace: string): Readonly<Record<string, unknown>> | undefined {
    return Object.hasOwn(this.#snapshot.m, namespace) ? this.#snapshot.m[namespace] : undefined;
  }

  /** The exchange's draws: the snapshot's, then this task's. */
  readonly draws = (): Map<string, string> => this.#drawn;

  /** The random values this task drew (not in the snapshot), or `null`. */
  drawn(): Array<[string, string]> | null {
    const before = this.#snapshot.x;
    if (this.#drawn.size === (before?.length ?? 0)) return null;
    const had = new Set(before?.map(([needle]) => needle));
    return [...this.#drawn].filter(([needle]) => !had.has(needle));
  }
}
