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

/**
 * Performs the request the simulated router forwards and returns the real response as the
 * kit's upstream response. Never rejects: transport failures become Envoy-like 503s.
 */
export function callUpstream(
  base: URL,
  received: ReceivedRequest,
  signal: AbortSignal,
  log: Logger,
): Promise<UpstreamResponseSpec> {
  const { method, path, headers } = toHttp1(received, log);
  return new Promise((resolve) => {
    const req = http.request({
      host: base.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: base.port || 80,
      method,
      path,
      headers,
      signal,
      // A fresh connection each time: simple, and no stale keep-alive socket to trip over.
      agent: false,
    });
    req.once('error', (error) => {
      log.debug({ err: error.message }, 'dev proxy: upstream request failed');
      resolve(UNAVAILABLE);
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', () => resolve(UNAVAILABLE));
      res.once('end', () => {
        const responseHeaders = rawPairs(res.rawHeaders).filter(([n, v]) => !isHopByHop(n, v));
        const trailers = rawPairs(res.rawTrailers);
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 502,
          headers: responseHeaders,
          ...(body.length > 0 ? { body } : {}),
          // Without content-length the upstream framed the body itself (chunked / close).
          chunked: !responseHeaders.some(([n]) => n === 'content-length'),
          ...(trailers.length > 0 ? { trailers } : {}),
        });
      });
    });
    // HTTP/1 trailers need chunked framing, which Node uses for a body without content-length
    // (POST/PUT/PATCH); otherwise Node drops them, as there is no way to send them.
    const trailers = received.trailers?.entries().filter(([n]) => !n.startsWith(':')) ?? [];
    if (trailers.length > 0 && !headers.includes('content-length')) req.addTrailers(trailers);
    req.end(received.body.length > 0 ? received.body : undefined);
  });
}
