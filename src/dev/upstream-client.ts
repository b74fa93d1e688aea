/**
 * The real upstream call of the development proxy: what the simulated Envoy router forwards,
 * performed with `node:http`.
 *
 * @module
 */
import http from 'node:http';
import type { Logger } from '../log.js';
import type { ReceivedRequest, UpstreamResponseSpec } from '../testing/spec.js';
import { isHopByHop, rawPairs } from './http-util.js';

/** What Envoy answers when it cannot reach the cluster (`no_healthy_upstream` / connect failure). */
const UNAVAILABLE: UpstreamResponseSpec = {
  status: 503,
  headers: { 'content-type': 'text/plain' },
  body: 'upstream unavailable',
};

/** Converts the headers the simulated upstream received into an HTTP/1 request line and headers. */
function toHttp1(received: ReceivedRequest, log: Logger) {
  let method = 'GET';
  let path = '/';
  const headers: string[] = [];
  let contentLength: string | undefined;
  for (const [name, value] of received.headers.entries()) {
    if (name === ':method') method = value;
    else if (name === ':path') path = value;
    else if (name === ':authority') headers.push('host', value);
    else if (name.startsWith(':') || isHopByHop(name, value)) continue;
    else if (name === 'content-length') contentLength = value;
    else headers.push(name, value);
  }
  const length = received.body.length;
  if (contentLength !== undefined) {
    // A wrong length would make the upstream wait forever or cut the body; the kit reports the
    // mismatch as a violation already, so here only the bytes on the wire are made consistent.
    if (Number(contentLength) !== length) {
      log.warn({ contentLength, bodyBytes: length }, 'dev proxy: content-length fixed to the body size');
    }
    headers.push('content-length', String(length));
  }
  return { method, path, headers };
}

/** Where the upstream is: `http.request`'s host and port, worked out once from its base URL. */
export interface UpstreamTarget {
  readonly host: string;
  readonly port: string | number;
}

/** The upstream's host (IPv6 brackets removed) and port from its `http://` base URL. */
export function upstreamTarget(base: URL): UpstreamTarget {
  return { host: base.hostname.replace(/^\[(.*)\]$/, '$1'), port: base.port || 80 };
}

/** A response as the upstream sent it, hop-by-hop headers removed. */
export interface UpstreamAnswer {
  readonly status: number;
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
  readonly headers: string[];
  readonly body: Buffer;
  readonly trailers: Array<[string, string]>;
}

/**
 * Stops one proxied request's upstream call once the client is gone. Why not an
 * `AbortController`: a controller, its signal and the listener `http.request` adds and removes
 * on it cost more than the rest of the call's bookkeeping, on every request, for an abort that
 * almost never happens; this handle is one small object and no listener.
 */
export class UpstreamCancel {
  #aborted = false;
  #request: http.ClientRequest | null = null;

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
  track(request: http.ClientRequest | null): void {
    this.#request = request;
    if (this.#aborted) request?.destroy(new Error('dev proxy: the client went away'));
  }
}

/**
 * Sends `request` to the upstream over `agent` (keep-alive connections, reused across
 * requests). A request that meets a reset on a reused connection, before any response, is sent
 * once more on a fresh one: the upstream closed an idle connection as we wrote on it, so it
 * never saw the request. Resolves with null when the upstream cannot be reached.
 */
export function requestUpstream(
  target: UpstreamTarget,
  agent: http.Agent,
  request: UpstreamRequest,
  cancel: UpstreamCancel,
  log: Logger,
  retried = false,
): Promise<UpstreamAnswer | null> {
  if (cancel.aborted) return Promise.resolve(null);
  return new Promise((resolve) => {
    const req = http.request({
      host: target.host,
      port: target.port,
      method: request.method,
      path: request.path,
      headers: request.headers,
      agent,
    });
    cancel.track(req);
    req.once('error', (error: NodeJS.ErrnoException) => {
      cancel.track(null);
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET' && !cancel.aborted) {
        resolve(requestUpstream(target, agent, request, cancel, log, true));
        return;
      }
      log.debug({ err: error.message }, 'dev proxy: upstream request failed');
      resolve(null);
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', () => resolve(null));
      res.once('end', () => {
        cancel.track(null);
        // One pass over the raw list: names lower-cased, hop-by-hop headers dropped.
        const raw = res.rawHeaders;
        const headers: Array<[string, string]> = [];
        let contentLength = false;
        for (let i = 0; i + 1 < raw.length; i += 2) {
          const name = (raw[i] as string).toLowerCase();
          const value = raw[i + 1] as string;
          if (isHopByHop(name, value)) continue;
          if (name === 'content-length') contentLength = true;
          headers.push([name, value]);
        }
        resolve({
          status: res.statusCode ?? 502,
          headers,
          contentLength,
          body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
          trailers: res.rawTrailers.length === 0 ? [] : rawPairs(res.rawTrailers),
        });
      });
    });
    // HTTP/1 trailers need chunked framing, which Node uses for a body without content-length
    // (POST/PUT/PATCH); otherwise Node drops them, as there is no way to send them.
    if (request.trailers.length > 0 && !request.headers.includes('content-length')) {
      req.addTrailers(request.trailers);
    }
    req.end(request.body.length > 0 ? request.body : undefined);
  });
}

/**
 * Performs the request the simulated router forwards and returns the real response as the
 * kit's upstream response. Never rejects: transport failures become Envoy-like 503s.
 */
export async function callUpstream(
  target: UpstreamTarget,
  agent: http.Agent,
  received: ReceivedRequest,
  cancel: UpstreamCancel,
  log: Logger,
): Promise<UpstreamResponseSpec> {
  const { method, path, headers } = toHttp1(received, log);
  const trailers = received.trailers?.entries().filter(([n]) => !n.startsWith(':')) ?? [];
  const answer = await requestUpstream(
    target,
    agent,
    { method, path, headers, body: received.body, trailers },
    cancel,
    log,
  );
  if (answer === null) return UNAVAILABLE;
  return {
    status: answer.status,
    headers: answer.headers,
    ...(answer.body.length > 0 ? { body: answer.body } : {}),
    // Without content-length the upstream framed the body itself (chunked / close).
    chunked: !answer.contentLength,
    ...(answer.trailers.length > 0 ? { trailers: answer.trailers } : {}),
  };
}
