/**
 * `ctx.stream`: the {@link StreamContext} members and nothing else. The state lives in the
 * stream (`StreamState`), out of plugins' reach.
 *
 * @module
 */
import type { HeaderView } from '../../http/header-map.js';
import type { StreamState } from '../../stream/stream-state.js';
import type { StateKey, StreamContext } from '../types.js';
import { ReadonlyMapView } from './readonly-map.js';

/** @internal one per stream, created on first use. */
export class StreamContextView implements StreamContext {
  readonly #s: StreamState;
  #metadata: ReadonlyMap<string, string> | null = null;

  constructor(state: StreamState) {
    this.#s = state;
  }

  get id(): number {
    return this.#s.id;
  }

  get grpcMetadata(): ReadonlyMap<string, string> {
    // The transport's own Map: plugins get a view without set/delete/clear.
    return (this.#metadata ??= new ReadonlyMapView(this.#s.grpcMetadata));
  }

  get requestHeaders(): HeaderView | undefined {
    return this.#s.requestHeaders?.view();
  }

  get responseHeaders(): HeaderView | undefined {
    return this.#s.responseHeaders?.view();
  }

  get observability(): boolean {
    return this.#s.observability;
  }

  get signal(): AbortSignal {
    return this.#s.signal;
  }

  get<T>(key: StateKey<T>): T | undefined {
    return this.#s.get(key);
  }

  set<T>(key: StateKey<T>, value: T): void {
    this.#s.set(key, value);
  }

  attribute(name: string): unknown {
    return this.#s.attribute(name);
  }

  envoyMetadata(namespace: string): Readonly<Record<string, unknown>> | undefined {
    return this.#s.envoyMetadata(namespace);
  }
}
