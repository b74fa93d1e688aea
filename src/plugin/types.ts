/**
 * The plugin contract: what a plugin declares, what its handlers receive and may return.
 * Proto types never appear here.
 *
 * @module
 */
import type { BodyView, ChunkView } from '../http/body.js';
import type { HeaderView } from '../http/header-map.js';
import type { Logger } from '../log.js';
import type { PluginMetrics } from '../observe/metrics/api.js';
import type { AnyWorkerModule, WorkerArgOf, WorkerResultOf, Workers, WorkersSpec } from '../workers/types.js';
import type { ImmediateResponse } from './respond.js';
import type { StandardSchemaV1 } from './standard-schema.js';

/** A value that may or may not be a promise. Handlers that return plain values are never awaited. */
export type MaybePromise<T> = T | PromiseLike<T>;

/** The six points of an HTTP exchange where Envoy can consult the processor. */
export type Phase =
  | 'requestHeaders'
  | 'requestBody'
  | 'requestTrailers'
  | 'responseHeaders'
  | 'responseBody'
  | 'responseTrailers';

/** Which half of the exchange a phase belongs to. */
export type Direction = 'request' | 'response';

/** A JSON-compatible value (what Envoy dynamic metadata can carry). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What a handler returns: nothing to continue, or {@link respond}(...) to stop the request. */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` lets handlers with no return statement type-check.
export type HandlerResult = ImmediateResponse | undefined | void;

/** A typed key for per-stream state; create with {@link createStateKey}. */
export interface StateKey<T> {
  readonly id: symbol;
  readonly description: string;
  /** Phantom field carrying the value type; never set. */
  readonly __type?: T;
}

/**
 * One HTTP exchange (one Envoy `Process` stream), shared by every plugin and phase.
 */
export interface StreamContext {
  /** A process-unique id for logs. */
  readonly id: number;
  /** gRPC metadata of the `Process` call (e.g. `traceparent`, Envoy's `initial_metadata`). */
  readonly grpcMetadata: ReadonlyMap<string, string>;
  /** Request headers as the last request-side phase left them, once seen. */
  readonly requestHeaders: HeaderView | undefined;
  /** Response headers as the last response-side phase left them, once seen. */
  readonly responseHeaders: HeaderView | undefined;
  /** Whether Envoy runs this filter in observability mode (replies are ignored by Envoy). */
  readonly observability: boolean;
  /** Reads per-stream state. */
  get<T>(key: StateKey<T>): T | undefined;
  /** Writes per-stream state; it lives until the stream ends. */
  set<T>(key: StateKey<T>, value: T): void;
  /**
   * An Envoy attribute (from the filter's `request_attributes` / `response_attributes`),
   * e.g. `attribute('request.path')`; `undefined` when Envoy did not send it.
   */
  attribute(name: string): unknown;
  /** A namespace of the dynamic metadata Envoy forwarded (`metadata_context.filter_metadata`). */
  envoyMetadata(namespace: string): Readonly<Record<string, unknown>> | undefined;
  /** Aborted when the stream ends (Envoy closed it or the server is shutting down). */
  readonly signal: AbortSignal;
}

/** Fields every phase context has. */
export interface PhaseContextBase {
  /** The phase being processed. */
  readonly phase: Phase;
  /** `request` or `response`. */
  readonly direction: Direction;
  /** The exchange this message belongs to. */
  readonly stream: StreamContext;
  /** Logger bound to the plugin instance and stream. */
  readonly log: Logger;
  /**
   * Writes values into Envoy's dynamic metadata under `namespace` (merged with other plugins'
   * values for this message). Envoy keeps only namespaces listed in its
   * `metadata_options.receiving_namespaces.untyped`.
   *
   * @throws AttacheError `ATTACHE_ERR_INVALID_ARGUMENT` when `namespace` is not a non-empty string.
   */
  setMetadata(namespace: string, values: Readonly<Record<string, JsonValue>>): void;
  /**
   * Asks Envoy to wait up to `ms` for the reply to this message (Envoy's
   * `override_message_timeout`), and gives the running handler and the rest of the chain that much
   * time. Envoy honors it once per message and only up to its `max_message_timeout`, so attache
   * needs the same limit in its config (`envoy.maxMessageTimeoutMs`).
   *
   * @throws AttacheError `ATTACHE_ERR_TIMEOUT_OVERRIDE_REFUSED` when Envoy would ignore the
   *   override (no `envoy.maxMessageTimeoutMs`) or this message already used its one override;
   *   `ATTACHE_ERR_INVALID_ARGUMENT` when `ms` is not an integer in `[1, maxMessageTimeoutMs]`.
   */
  requestMoreTime(ms: number): void;
}

/** Header changes, checked against Envoy's rules when they are made. */
export interface HeaderMutations {
  /** Replace all values of `name` with `value` (strings are sent as UTF-8). */
  set(name: string, value: string | Uint8Array): this;
  /** Add a value to `name`, keeping existing values. */
  append(name: string, value: string | Uint8Array): this;
  /** Remove every value of `name`. */
  remove(name: string): this;
}

/** Header changes plus body replacement. */
export interface Mutations extends HeaderMutations {
  /**
   * Replace the whole body of this message.
   *
   * Bytes passed here are handed over to attache, as a chunk given to Node's `writable.write()`:
   * they are not copied, and the reply reads them when the socket takes it, which can be after
   * the handler returned. Do not modify them afterwards (give a new buffer each time rather than
   * refilling a scratch buffer, or pass a copy). A change made anyway never breaks the stream:
   * Envoy receives a well-formed reply of the length the body had when the reply was queued,
   * holding the bytes as they are when the socket takes them, so the change may or may not reach
   * Envoy. Nor may their memory be transferred to another thread meanwhile. Views of a resizable
   * `ArrayBuffer` are copied here, since resizing could shorten them.
   */
  replaceBody(body: string | Uint8Array): this;
  /** Empty the body of this message. */
  clearBody(): this;
}

/**
 * Processing-mode changes for the rest of this exchange (Envoy's `mode_override`). Only in
 * header phases; Envoy applies it only when its filter config sets `allow_mode_override`.
 */
export interface ModeOverride {
  readonly responseHeaders?: 'send' | 'skip';
  readonly requestBody?: BodyMode;
  readonly responseBody?: BodyMode;
  readonly requestTrailers?: 'send' | 'skip';
  readonly responseTrailers?: 'send' | 'skip';
}

/** Envoy's body send modes, lower-case. */
export type BodyMode = 'none' | 'streamed' | 'buffered' | 'buffered_partial' | 'full_duplex_streamed';

/** Context of a request or response headers phase. */
export interface HeadersContext extends PhaseContextBase {
  readonly phase: 'requestHeaders' | 'responseHeaders';
  /** The headers, with earlier plugins' changes applied. */
  readonly headers: HeaderView;
  /** Whether the message has no body and no trailers. */
  readonly endOfStream: boolean;
  /**
   * Header changes, and `replaceBody`: replaces the whole body of this direction
   * (CONTINUE_AND_REPLACE). Envoy then sends no more body or trailer messages for this direction.
   */
  readonly mutate: Mutations;
  /**
   * Asks Envoy to change the processing mode for the rest of this exchange. Calls in one message
   * merge (a later field wins); attache adds the phases it skips for the exchange.
   *
   * @throws AttacheError `ATTACHE_ERR_MODE_OVERRIDE_REFUSED` when `mode` is not among the
   *   plugin's declared {@link Handlers.modeOverrides}, or Envoy would ignore any override here
   *   (`envoy.allowModeOverride` is off, FULL_DUPLEX_STREAMED, or
   *   `send_body_without_waiting_for_header_response`);
   *   `ATTACHE_ERR_INVALID_ARGUMENT` when `mode` is not a mode override.
   */
  overrideMode(mode: ModeOverride): void;
  /**
   * `null` when Envoy would apply a mode override sent in this reply; otherwise why it would not
   * (`envoy.allowModeOverride` is off, FULL_DUPLEX_STREAMED, or
   * `send_body_without_waiting_for_header_response`), the reason {@link overrideMode} throws with.
   * Lets a plugin ask for an override only where it takes effect, without a throw per exchange.
   */
  readonly modeOverrideRefusal: string | null;
}

/** Context of a whole-body phase. */
export interface BodyContext extends PhaseContextBase {
  readonly phase: 'requestBody' | 'responseBody';
  /** The body, with earlier plugins' replacement applied. */
  readonly body: BodyView;
  /** This direction's headers as last seen, or `undefined` if Envoy did not send them. */
  readonly headers: HeaderView | undefined;
  /**
   * Body replacement, and header changes while Envoy still holds the headers (BUFFERED and
   * BUFFERED_PARTIAL with headers sent); otherwise header changes throw.
   */
  readonly mutate: Mutations;
}

/** Changes a chunk handler can make. */
export interface ChunkMutations extends HeaderMutations {
  /**
   * Replaces the bytes of this chunk (what {@link ChunkContext.chunk} holds, carried bytes
   * included) with `bytes`. Later plugins see the replacement. `bytes` are handed over to attache
   * as with {@link Mutations.replaceBody}: do not modify them afterwards.
   */
  replaceChunk(bytes: string | Uint8Array): this;
}

/**
 * Context of a body chunk. Chunk handlers see the body as it arrives, in every body mode: each
 * Envoy message under STREAMED and FULL_DUPLEX_STREAMED is one chunk, and a buffered body is one
 * chunk with `last` set.
 */
export interface ChunkContext extends PhaseContextBase {
  readonly phase: 'requestBody' | 'responseBody';
  /** The bytes this plugin held back from its previous chunk, followed by the new bytes. */
  readonly chunk: ChunkView;
  /** This direction's headers as last seen, or `undefined` if Envoy did not send them. */
  readonly headers: HeaderView | undefined;
  /**
   * `replaceChunk`, and header changes while Envoy still holds the headers (BUFFERED and
   * BUFFERED_PARTIAL with headers sent); otherwise header changes throw.
   */
  readonly mutate: ChunkMutations;
  /**
   * Keeps the last `n` bytes of this chunk's output (after any `replaceChunk`) back instead of
   * passing them on; they are put in front of this plugin's next chunk. Use it for patterns that
   * may continue in the next chunk (a card number, a UTF-8 sequence, an SSE event). At the last
   * chunk nothing can be held.
   *
   * @throws AttacheError `ATTACHE_ERR_PHASE_UNSUPPORTED` when `chunk.last` is set and `n > 0`;
   *   `ATTACHE_ERR_INVALID_ARGUMENT` when `n` is not an integer in `[0, chunk length]`.
   */
  holdBack(n: number): void;
}

/** Context of a trailers phase. */
export interface TrailersContext extends PhaseContextBase {
  readonly phase: 'requestTrailers' | 'responseTrailers';
  /** The trailers, with earlier plugins' changes applied. */
  readonly trailers: HeaderView;
  /** Trailer changes. */
  readonly mutate: HeaderMutations;
}

/** A handler for one phase. */
export type Handler<C> = (ctx: C) => MaybePromise<HandlerResult>;

/** The handlers a plugin's `setup` returns; only the phases present are wired. */
export interface Handlers {
  readonly requestHeaders?: Handler<HeadersContext>;
  /**
   * Sees the whole request body once. Under STREAMED and FULL_DUPLEX_STREAMED attache collects
   * the chunks (up to the body limit) and runs it at the end of the body.
   */
  readonly requestBody?: Handler<BodyContext>;
  /** Sees the request body chunk by chunk, with carry-over ({@link ChunkContext.holdBack}). */
  readonly requestBodyChunk?: Handler<ChunkContext>;
  readonly requestTrailers?: Handler<TrailersContext>;
  readonly responseHeaders?: Handler<HeadersContext>;
  /** Like `requestBody`, for the response. */
  readonly responseBody?: Handler<BodyContext>;
  /** Like `requestBodyChunk`, for the response. */
  readonly responseBodyChunk?: Handler<ChunkContext>;
  readonly responseTrailers?: Handler<TrailersContext>;
  /**
   * Called once when the `Process` stream ends, whatever the reason (Envoy 1.37+ closes it as soon
   * as it needs no more replies, which can be before the HTTP response is complete). Must not throw.
   */
  readonly streamEnd?: (stream: StreamContext) => void;
  /** Called once when the server shuts down or the pipeline is replaced. */
  readonly close?: () => MaybePromise<void>;
  /**
   * Every mode override the headers handlers may pass to `ctx.overrideMode` (each call's argument,
   * as written). attache refuses an undeclared one at the call, and lists exactly these (merged
   * with its own phase skipping) for the Envoy filter's `allowed_override_modes`: Envoy silently
   * ignores an override missing from that list. Default: none.
   */
  readonly modeOverrides?: readonly ModeOverride[];
  /**
   * The directions whose headers (for the response also `:status`) this plugin changes from that
   * direction's body, in its body or chunk handler. Envoy applies header changes in a body reply
   * only while it still holds the headers, i.e. a BUFFERED body with the headers sent; in a
   * STREAMED or FULL_DUPLEX_STREAMED body reply it ignores them. So the Envoy config attache
   * generates sends that direction's headers and buffers its body (even when another plugin
   * reads it in chunks: chunk handlers then see it as one chunk), and `attache check` reports a
   * declared processing mode that streams it. Needs a body or chunk handler for each direction
   * listed. Default: none.
   *
   * @example
   * ```ts
   * return { headersFromBody: ['request'], requestBody(ctx) { ctx.mutate.set('x-id', ctx.body.json<{ id: string }>().id); } };
   * ```
   */
  readonly headersFromBody?: readonly Direction[];
}

/** What `setup` receives besides its options. */
export interface SetupApi {
  /** The instance name (the plugin name unless the configuration renamed it). */
  readonly name: string;
  /** Logger bound to this plugin instance. */
  readonly log: Logger;
  /**
   * The body limit per direction (`body.maxBytes`): what attache collects or holds at most. A
   * plugin that expands a body (decompression) stops at it too, so a small compressed body
   * cannot become an unbounded one.
   */
  readonly maxBodyBytes: number;
  /**
   * Checks at startup that Envoy (with the configured mutation rules) would accept a header
   * change, so configuration mistakes fail the start instead of requests.
   *
   * @throws AttacheError `ATTACHE_ERR_MUTATION_REFUSED` or `ATTACHE_ERR_INVALID_HEADER`.
   */
  checkHeader(
    name: string,
    change: { block: 'request' | 'response' | 'trailers'; op: 'set' | 'append' | 'remove' },
  ): void;
  /**
   * Registers the plugin's own metrics on the server's registry, under its prefix (no-op metrics
   * when the server runs without metrics): see {@link PluginMetrics}.
   */
  readonly metrics: PluginMetrics;
  /**
   * Registers a worker module for CPU-heavy body work off the main thread (see
   * {@link WorkerModule}): inputs from `threshold` bytes on run in the process's worker pool,
   * smaller ones inline through the same function. The module is loaded and its `setup` run here
   * once (and once per pool thread), so a module that cannot load fails the start. Released when
   * the plugin closes.
   *
   * @example
   * ```ts
   * const masker = await api.workers<typeof import('./mask.worker.js').default>({
   *   module: './mask.worker.js',
   *   options: { word: 'secret' },
   * });
   * return { requestBody: async (ctx) => { ctx.mutate.replaceBody(await masker.run(ctx.body.bytes(), ctx)); } };
   * ```
   * @throws AttacheError `ATTACHE_ERR_PLUGIN_SETUP` naming the module when it cannot be found,
   *   loaded or set up.
   */
  workers<W extends AnyWorkerModule>(
    spec: WorkersSpec<W>,
  ): Promise<Workers<WorkerArgOf<W>, WorkerResultOf<W>>>;
}

/** A plugin definition as written by its author; pass it to {@link definePlugin}. */
export interface PluginDefinition<O> {
  /** Unique, stable name (used in logs, errors and metrics). */
  readonly name: string;
  /**
   * The attache versions this plugin works with, as a semver range (e.g. `'^0.1.0'`), checked
   * when the plugin is loaded. Keep it equal to the `attache` peerDependency of the package.
   * Absent: any version (fine for plugins inside an application, not for published packages).
   */
  readonly attache?: string;
  /**
   * Schema for the options (any Standard Schema library: zod, valibot, arktype...). Options are
   * validated once at startup, and the parsed value is what `setup` receives.
   */
  readonly options?: StandardSchemaV1<unknown, O>;
  /** Runs once at startup; prepares everything (templates, regexes) and returns the handlers. */
  setup(options: O, api: SetupApi): MaybePromise<Handlers>;
}
