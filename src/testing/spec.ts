/**
 * Input types of {@link runExchange}: the HTTP exchange to simulate.
 *
 * @module
 */
import type { EnvoyFilterConfig } from './config.js';
import type { HeaderList } from './header-list.js';
import type { ExtProcPerRoute } from './per-route.js';

/**
 * Headers given by a test (example: `{ 'x-a': ['1', '2'] }` or `[['x-bin', new Uint8Array([0xff])]]`): `[name, value]` pairs (order and repeats kept) or a record (a
 * `string[]` value adds one entry per element). Names are lower-cased; string values are UTF-8
 * encoded, `Uint8Array` values are taken byte-exact (obs-text, doc §18.68).
 */
export type HeaderInit =
  | ReadonlyArray<readonly [string, string | Uint8Array]>
  | Readonly<Record<string, string | readonly string[]>>;

/**
 * A message body (example: `'hello'`, or `['chunk-1', 'chunk-2']`): one DATA frame (`string` / `Uint8Array`), or several DATA frames (array).
 * `''` is one empty DATA frame carrying end-of-stream (doc §4.4 "empty body with eos").
 */
export type BodyInit = string | Uint8Array | ReadonlyArray<string | Uint8Array>;

/**
 * When the next frame (DATA / trailers) of a message reaches the filter (example:
 * `request: { body: ['a', 'b'], pacing: 'on-idle' }`):
 * - `eager` (default): all frames arrive right after the headers, before any reply is processed
 *   (the whole body is "already in" when the headers reply comes, doc §4.4);
 * - `on-idle`: each next frame arrives only once the filter waits for nothing in that direction
 *   (e.g. after the headers reply).
 */
export type Pacing = 'eager' | 'on-idle';

/**
 * The downstream request.
 *
 * @example
 * ```ts
 * const request: RequestSpec = { method: 'POST', path: '/up', headers: { 'content-type': 'text/plain' }, body: 'hi', trailers: { 'x-sum': '1' } };
 * ```
 */
export interface RequestSpec {
  /** `:method` (GET). */
  method?: string;
  /** `:path` ('/'). */
  path?: string;
  /** `:authority` ('example.com'). An HTTP/1 `host` header in `headers` replaces it (doc §3.2). */
  authority?: string;
  /** `:scheme` ('http'). */
  scheme?: string;
  /** Regular headers. */
  headers?: HeaderInit;
  /** Body frames; absent = no body (the headers carry end-of-stream). */
  body?: BodyInit;
  /**
   * The client sends no content-length. By default the kit adds `content-length` for a body given
   * as a single string/Uint8Array (like an HTTP/1 client) and none for an array of chunks
   * (chunked transfer). A `content-length` in `headers` is always kept as given.
   */
  chunked?: boolean;
  trailers?: HeaderInit;
  /** Frame pacing (`eager`). */
  pacing?: Pacing;
  /** Value of the `request.protocol` attribute ('HTTP/1.1'). */
  protocol?: string;
}

/**
 * The request as the simulated upstream received it.
 *
 * @example
 * ```ts
 * const upstream = (req: ReceivedRequest) => ({ status: 200, body: req.body });
 * ```
 */
export interface ReceivedRequest {
  headers: HeaderList;
  body: Buffer;
  bodyChunks: Buffer[];
  trailers?: HeaderList | undefined;
}

/**
 * The upstream's response. Defaults: status 200, no headers, no body. A response without body
 * gets `content-length: 0` and end-of-stream on its headers, like an HTTP/1 upstream.
 *
 * @example
 * ```ts
 * const upstream: UpstreamResponseSpec = { status: 201, headers: { 'set-cookie': ['a=1', 'b=2'] }, body: ['par', 'tial'] };
 * ```
 */
export interface UpstreamResponseSpec {
  status?: number;
  headers?: HeaderInit;
  body?: BodyInit;
  /** As {@link RequestSpec.chunked}. */
  chunked?: boolean;
  trailers?: HeaderInit;
  pacing?: Pacing;
}

/**
 * Address information for `source.*` / `destination.*` attributes.
 *
 * @example
 * ```ts
 * const connection: ConnectionInfo = { sourceAddress: '10.0.0.7', sourcePort: 40000, mtls: true };
 * ```
 */
export interface ConnectionInfo {
  sourceAddress?: string;
  sourcePort?: number;
  destinationAddress?: string;
  destinationPort?: number;
  /** `connection.mtls` (false). */
  mtls?: boolean;
}

/**
 * One HTTP exchange to drive through the simulated Envoy ext_proc filter.
 *
 * @example
 * ```ts
 * const spec: ExchangeSpec = {
 *   envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
 *   request: { method: 'POST', path: '/items', headers: { 'content-type': 'application/json' }, body: '{"a":1}' },
 *   upstream: (req) => ({ status: 201, body: req.body }),
 * };
 * ```
 */
export interface ExchangeSpec {
  /** Filter configuration (Envoy defaults when absent). */
  envoy?: EnvoyFilterConfig;
  /**
   * The `ExtProcPerRoute` configs of the route this request matches (doc §12): one config, or
   * several from the least to the most specific (e.g. `[virtualHost, route]`), merged as Envoy
   * does. Absent = no per-route config.
   *
   * @example
   * ```ts
   * const spec: ExchangeSpec = {
   *   envoy: { grpcInitialMetadata: { 'x-tenant': 'acme' } },
   *   perRoute: { overrides: { grpcService: { target: otherProcessor }, grpcInitialMetadata: { 'x-route': 'b' } } },
   * };
   * ```
   */
  perRoute?: ExtProcPerRoute | readonly ExtProcPerRoute[];
  request?: RequestSpec;
  /** The upstream's response, or a function of the received request. Invoked once the request fully arrived. */
  upstream?:
    | UpstreamResponseSpec
    | ((received: ReceivedRequest) => UpstreamResponseSpec | Promise<UpstreamResponseSpec>);
  /**
   * When the upstream answers: `after-request` (default) once the whole request arrived;
   * `after-request-headers` as soon as the request headers arrived (the upstream function then
   * sees the request as far as it got), e.g. to interleave both directions (doc §18.30).
   */
  upstreamTiming?: 'after-request' | 'after-request-headers';
  /** The stream's dynamic metadata before the filter runs (forwarded per `forwardingNamespaces`, doc §3.8). */
  dynamicMetadata?: Record<string, Record<string, unknown>>;
  /** Connection-level metadata, the fallback for a namespace missing from `dynamicMetadata` (doc §3.8). */
  connectionMetadata?: Record<string, Record<string, unknown>>;
  /** Connection addresses for attributes. */
  connection?: ConnectionInfo;
  /** Safety net: reject if the exchange has not finished after this many ms (30 000). */
  timeoutMs?: number;
}
