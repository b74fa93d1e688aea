/**
 * Per-exchange state shared by all plugins and phases ({@link StreamContext}).
 *
 * @module
 */
import type { ProcessingRequest } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { HeaderView } from '../http/header-map.js';
import type { MutationRules } from '../http/header-rules.js';
import type { StateKey, StreamContext } from '../plugin/types.js';

/** Envoy puts all attributes in one Struct under this key, whatever the filter is named (§3.9). */
const ATTRIBUTES_KEY = 'envoy.filters.http.ext_proc';

let nextId = 1;

/** Implementation of {@link StreamContext}; rare members are allocated on first use. */
export class StreamContextImpl implements StreamContext {
  readonly id: number;
  readonly grpcMetadata: ReadonlyMap<string, string>;
  requestHeaders: HeaderView | undefined = undefined;
  responseHeaders: HeaderView | undefined = undefined;
  observability = false;
  /**
   * Per plugin instance, whether it runs for this exchange (its `match`); `null` until decided,
   * and always when no plugin has a `match`.
   */
  runs: Uint8Array | null = null;
  #state: Map<symbol, unknown> | null = null;
  #attributes: Record<string, unknown> | null = null;
  #metadata: Record<string, Record<string, unknown> | undefined> | null = null;
  #abort: AbortController | null = null;
  #ended = false;

  /** Envoy's mutation rules (from the pipeline), used by the mutation checks. */
  readonly rules: MutationRules;

  constructor(grpcMetadata: ReadonlyMap<string, string>, rules: MutationRules) {
    this.id = nextId++;
    this.grpcMetadata = grpcMetadata;
    this.rules = rules;
  }

  get<T>(key: StateKey<T>): T | undefined {
    return this.#state?.get(key.id) as T | undefined;
  }

  set<T>(key: StateKey<T>, value: T): void {
    (this.#state ??= new Map()).set(key.id, value);
  }

  attribute(name: string): unknown {
    return this.#attributes?.[name];
  }

  envoyMetadata(namespace: string): Readonly<Record<string, unknown>> | undefined {
    return this.#metadata?.[namespace];
  }

  get signal(): AbortSignal {
    if (this.#abort === null) {
      this.#abort = new AbortController();
      if (this.#ended) this.#abort.abort();
    }
    return this.#abort.signal;
  }

  /** Takes attributes and forwarded metadata from a message (attributes come once per direction). */
  absorb(request: ProcessingRequest): void {
    const attrs = request.attributes?.[ATTRIBUTES_KEY];
    if (attrs !== undefined) {
      for (const key in attrs) (this.#attributes ??= {})[key] = attrs[key];
    }
    const md = request.metadataContext?.filterMetadata;
    if (md !== undefined) {
      for (const _ in md) {
        // Every message carries the current metadata (§3.8); the latest one wins.
        this.#metadata = md;
        break;
      }
    }
  }

  /** Marks the exchange as over and aborts `signal`. */
  end(): void {
    this.#ended = true;
    this.#abort?.abort();
  }
}
