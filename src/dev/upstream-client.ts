/**
 * The real upstream call of the development proxy: what the simulated Envoy router forwards,
 * performed with undici, or `node:http` for what undici cannot send.
 *
 * @module
 */
import http from 'node:http';
import { Pool } from 'undici';
import type { Logger } from '../log.js';
import type { ReceivedRequest, UpstreamResponseSpec } from '../testing/spec.js';
import { isHopByHop } from './http-util.js';
import { type NodeHttpTarget, requestWithNodeHttp } from './upstream-node-http.js';
import type { UpstreamAnswer, UpstreamCancel, UpstreamRequest } from './upstream-types.js';
import { requestWithUndici } from './upstream-undici.js';

export type { UpstreamAnswer, UpstreamRequest } from './upstream-types.js';
export { UpstreamCancel } from './upstream-types.js';

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

/**
 * The development proxy's connections to its upstream: undici for what it can send, `node:http`
 * for the rest. undici has no way to send request trailers (its chunked body ends with an empty
 * trailer section) and refuses an `expect` header; `node:http` sends both, so a request that
 * carries either goes that way. Both keep connections alive: a connection per request costs a
 * handshake each and leaves the port range full of TIME_WAIT under load.
 */
export class UpstreamClient {
  readonly #pool: Pool;
  readonly #node: NodeHttpTarget;

  /** `base`: the upstream's `http://host:port` URL (its path is not used). */
  constructor(base: URL) {
    // No undici timeouts: the proxy's own per-request timeout decides, as with `node:http`.
    this.#pool = new Pool(base.origin, { headersTimeout: 0, bodyTimeout: 0 });
    this.#node = {
      host: base.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: base.port || 80,
      agent: new http.Agent({ keepAlive: true }),
    };
  }

  /**
   * Sends `request`; resolves with null when the upstream cannot be reached, rejects when the
   * client refuses the request itself (a header value no HTTP/1 message may carry).
   */
  request(request: UpstreamRequest, cancel: UpstreamCancel, log: Logger): Promise<UpstreamAnswer | null> {
    return needsNodeHttp(request)
      ? requestWithNodeHttp(this.#node, request, cancel, log)
      : requestWithUndici(this.#pool, request, cancel, log);
  }

  /** Closes every upstream connection. */
  async close(): Promise<void> {
    this.#node.agent.destroy();
    await this.#pool.destroy();
  }
}

/** Whether `request` carries what undici cannot send: trailers, or an `expect` header. */
export function needsNodeHttp(request: UpstreamRequest): boolean {
  if (request.trailers.length > 0) return true;
  const headers = request.headers;
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i] as string;
    if (name.length === 6 && name.toLowerCase() === 'expect') return true;
  }
  return false;
}

/**
 * Performs the request the simulated router forwards and returns the real response as the
 * kit's upstream response. Transport failures become Envoy-like 503s; it rejects only when the
 * client refuses the request itself (the exchange then fails, and the proxy answers 500).
 */
export async function callUpstream(
  upstream: UpstreamClient,
  received: ReceivedRequest,
  cancel: UpstreamCancel,
  log: Logger,
): Promise<UpstreamResponseSpec> {
  const { method, path, headers } = toHttp1(received, log);
  const trailers = received.trailers?.entries().filter(([n]) => !n.startsWith(':')) ?? [];
  const answer = await upstream.request(
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
