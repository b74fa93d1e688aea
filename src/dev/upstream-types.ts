/**
 * What the development proxy's upstream clients (`upstream-undici.ts`, `upstream-node-http.ts`)
 * take and give: one request, its answer, and the handle that stops it.
 *
 * @module
 */

/** A response as the upstream sent it, hop-by-hop headers removed. */
export interface UpstreamAnswer {
  readonly status: number;
  /** `[name, value]` pairs, names lower-cased, order and repeats kept. */
  readonly headers: Array<[string, string]>;
  /** Whether `headers` has a content-length (without one, the upstream framed the body itself). */
  readonly contentLength: boolean;
  readonly body: Buffer;
  readonly trailers: Array<[string, string]>;
}

/** One HTTP/1.1 request to the upstream (method, path, flat header list, body, trailers). */
export interface UpstreamRequest {
  readonly method: string;
  readonly path: string;
  /** Flat `[name, value, name, value, …]` list, no hop-by-hop header. */
  readonly headers: string[];
  readonly body: Buffer;
  readonly trailers: Array<[string, string]>;
}

/** A request in flight that {@link UpstreamCancel} can end (an `http.ClientRequest` is one). */
export interface StoppableRequest {
  destroy(error: Error): void;
}

/**
 * Stops one proxied request's upstream call once the client is gone. Why not an
 * `AbortController`: a controller, its signal and the listener a client adds and removes on it
 * cost more than the rest of the call's bookkeeping, on every request, for an abort that almost
 * never happens; this handle is one small object and no listener.
 */
export class UpstreamCancel {
  #aborted = false;
  #request: StoppableRequest | null = null;

  /** Whether {@link abort} was called. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** Ends the upstream request in flight, if any, and any started later. */
  abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#request?.destroy(new Error('dev proxy: the client went away'));
    this.#request = null;
  }

  /** @internal The request in flight (null once it ended). */
  track(request: StoppableRequest | null): void {
    this.#request = request;
    if (this.#aborted) request?.destroy(new Error('dev proxy: the client went away'));
  }
}
