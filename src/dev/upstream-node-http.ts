/**
 * The development proxy's upstream call with `node:http`: kept for the requests undici cannot
 * send (request trailers, `expect`), see `upstream-client.ts`.
 *
 * @module
 */
import http from 'node:http';
import type { Logger } from '../log.js';
import { isHopByHop, rawPairs } from './http-util.js';
import type { UpstreamAnswer, UpstreamCancel, UpstreamRequest } from './upstream-types.js';

/** Where the upstream is, as `http.request` takes it. */
export interface NodeHttpTarget {
  readonly host: string;
  readonly port: string | number;
  /** Keep-alive connections, reused across requests. */
  readonly agent: http.Agent;
}

/**
 * Sends `request` to the upstream with `http.request`. A request that meets a reset on a reused
 * connection, before any response, is sent once more on a fresh one: the upstream closed an idle
 * connection as we wrote on it, so it never saw the request. Resolves with null when the
 * upstream cannot be reached.
 */
export function requestWithNodeHttp(
  target: NodeHttpTarget,
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
      agent: target.agent,
    });
    cancel.track(req);
    req.once('error', (error: NodeJS.ErrnoException) => {
      cancel.track(null);
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET' && !cancel.aborted) {
        resolve(requestWithNodeHttp(target, request, cancel, log, true));
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
