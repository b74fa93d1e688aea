/**
 * Per-exchange state shared by all plugins and phases: what plugins read through
 * {@link StreamContext} (`ctx.stream`), kept by the stream that feeds it.
 *
 * @module
 */
import type { ProcessingRequest } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { HeaderMap } from '../http/header-map.js';
import { StreamContextView } from '../plugin/context/stream-context.js';
import type { StateKey, StreamContext } from '../plugin/types.js';

/** Envoy puts all attributes in one Struct under this key, whatever the filter is named (§3.9). */
const ATTRIBUTES_KEY = 'envoy.filters.http.ext_proc';

let nextId = 1;

/** The state behind {@link StreamContext}; rare members are allocated on first use. */
export class StreamState {
  readonly id: number;
  readonly grpcMetadata: ReadonlyMap<string, string>;
  requestHeaders: HeaderMap | undefined = undefined;
  responseHeaders: HeaderMap | undefined = undefined;
  /** Envoy's observability mode (§10): replies are ignored, so none is sent. */
  observability = false;
  #state: Map<symbol, unknown> | null = null;
  #attributes: Record<string, unknown> | null = null;
  #metadata: Record<string, Record<string, unknown> | undefined> | null = null;
  #abort: AbortController | null = null;
  #ended = false;
  #context: StreamContext | null = null;

  constructor(grpcMetadata: ReadonlyMap<string, string>) {
    this.id = nextId++;
    this.grpcMetadata = grpcMetadata;
  }

  /** What plugins get as `ctx.stream` (and `streamEnd`'s argument). */
  get context(): StreamContext {
    if (this.#context === null) this.#context = new StreamContextView(this);
    return this.#context;
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
