/**
 * The development proxy's upstream call with undici, for every request it can send (all but
 * those with trailers or `expect`, see `upstream-client.ts`).
 *
 * Why undici: measured alone (10 requests in flight to a loopback upstream), a keep-alive
 * `http.request` costs ~70 µs of CPU per request and an undici `Pool.dispatch` ~40, on Node 20
 * and 24 alike; `node:http`'s agent also peeks at every idle socket it hands out (a syscall per
 * request on Node 24). The dispatch handler API is used rather than `request()`: no stream, no
 * parsed header object, the raw header list as it came.
 *
 * @module
 */
import type { Dispatcher, Pool } from 'undici';
import type { Logger } from '../log.js';
import { isHopByHop } from './http-util.js';
import type { StoppableRequest, UpstreamAnswer, UpstreamCancel, UpstreamRequest } from './upstream-types.js';

/**
 * Methods a client may send again on its own (RFC 9110 §9.2.2): a request that met a closed or
 * reset connection before any response byte is retried once only when it is one of these.
 */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** undici's codes for a connection that closed or reset under a request. */
const CONNECTION_LOST = new Set(['UND_ERR_SOCKET', 'ECONNRESET']);

/**
 * undici's codes for a request it refuses to send (a header value it rejects, say): the
 * request is wrong, not the upstream; the exchange fails as it did with `http.request`'s throw.
 */
const REFUSED = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED']);

/** A header name or value as undici hands it over: bytes, read as Latin-1 like `node:http` does. */
function text(raw: Buffer | string): string {
  return typeof raw === 'string' ? raw : raw.toString('latin1');
}

/** `[name, value]` pairs from a raw trailer list, names lower-cased. */
function trailerPairs(raw: ReadonlyArray<Buffer | string>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2)
    out.push([text(raw[i] as Buffer | string).toLowerCase(), text(raw[i + 1] as Buffer | string)]);
  return out;
}

/** How a call settles its caller's promise: with an answer, or with the retry's promise. */
type Settle = (answer: UpstreamAnswer | null | Promise<UpstreamAnswer | null>) => void;

/** One request's handler: collects the response, settles the caller's promise once. */
class UndiciCall implements Dispatcher.DispatchHandlers, StoppableRequest {
  readonly #pool: Pool;
  readonly #request: UpstreamRequest;
  readonly #cancel: UpstreamCancel;
  readonly #log: Logger;
  readonly #retried: boolean;
  readonly #resolve: Settle;
  readonly #reject: (error: Error) => void;
  #abort: ((error?: Error) => void) | null = null;
  /** Set when the call was stopped before undici handed over its abort function. */
  #stopped: Error | null = null;
  #status = 0;
  #headers: Array<[string, string]> = [];
  #contentLength = false;
  #chunks: Buffer[] = [];

  constructor(
    pool: Pool,
    request: UpstreamRequest,
    cancel: UpstreamCancel,
    log: Logger,
    retried: boolean,
    resolve: Settle,
    reject: (error: Error) => void,
  ) {
    this.#pool = pool;
    this.#request = request;
    this.#cancel = cancel;
    this.#log = log;
    this.#retried = retried;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  destroy(error: Error): void {
    if (this.#abort === null) this.#stopped = error;
    else this.#abort(error);
  }

  onConnect(abort: (error?: Error) => void): void {
    this.#abort = abort;
    if (this.#stopped !== null) abort(this.#stopped);
  }

  onHeaders(status: number, raw: Buffer[]): boolean {
    if (status < 200) return true; // 1xx: informational, the final response follows
    this.#status = status;
    // One pass over the raw list: names lower-cased, hop-by-hop headers dropped.
    const headers: Array<[string, string]> = [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = (raw[i] as Buffer).toString('latin1').toLowerCase();
      const value = (raw[i + 1] as Buffer).toString('latin1');
      if (isHopByHop(name, value)) continue;
      if (name === 'content-length') this.#contentLength = true;
      headers.push([name, value]);
    }
    this.#headers = headers;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }

  onComplete(trailers: ReadonlyArray<Buffer | string> | null): void {
    this.#cancel.track(null);
    const chunks = this.#chunks;
    this.#resolve({
      status: this.#status,
      headers: this.#headers,
      contentLength: this.#contentLength,
      body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
      trailers: trailers === null || trailers.length === 0 ? [] : trailerPairs(trailers),
    });
  }

  onError(error: Error): void {
    this.#cancel.track(null);
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (REFUSED.has(code)) {
      this.#reject(error);
      return;
    }
    if (
      !this.#retried &&
      this.#status === 0 &&
      CONNECTION_LOST.has(code) &&
      !this.#cancel.aborted &&
      IDEMPOTENT.has(this.#request.method)
    ) {
      this.#resolve(requestWithUndici(this.#pool, this.#request, this.#cancel, this.#log, true));
      return;
    }
    this.#log.debug({ err: error.message }, 'dev proxy: upstream request failed');
    this.#resolve(null);
  }
}

/**
 * Sends `request` to the upstream over `pool` (keep-alive connections, reused across requests).
 * An idempotent request whose connection closed or reset before any response is sent once more:
 * the upstream dropped an idle connection as we wrote on it. (undici also closes an idle
 * connection before the keep-alive timeout the upstream announces, where that race comes from.)
 * Resolves with null when the upstream cannot be reached; rejects when undici refuses the
 * request itself.
 */
export function requestWithUndici(
  pool: Pool,
  request: UpstreamRequest,
  cancel: UpstreamCancel,
  log: Logger,
  retried = false,
): Promise<UpstreamAnswer | null> {
  if (cancel.aborted) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const call = new UndiciCall(pool, request, cancel, log, retried, resolve, reject);
    cancel.track(call);
    pool.dispatch(
      {
        path: request.path,
        method: request.method as Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body.length > 0 ? request.body : null,
      },
      call,
    );
  });
}
