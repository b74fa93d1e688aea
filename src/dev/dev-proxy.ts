/**
 * {@link startDevProxy}: a development HTTP/1.1 front proxy that runs every real request through
 * an attache processor with the Envoy-faithful test kit, then forwards it to a real upstream.
 *
 * Development only: production traffic goes through Envoy. The proxy buffers whole messages,
 * speaks HTTP/1.1 on loopback and has none of Envoy's hardening.
 *
 * @module
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { type Logger, silentLogger } from '../log.js';
import { type ExtProcChannel, isExtProcChannel } from '../testing/channel.js';
import { inProcessChannel } from '../testing/channel-in-process.js';
import { type EnvoyFilterConfig, normalizeConfig } from '../testing/config.js';
import { ExchangeTimeoutError } from '../testing/errors.js';
import { runPreparedExchange } from '../testing/exchange.js';
import type { ExchangeResult, Violation, ViolationKind } from '../testing/result.js';
import type { ConnectionInfo, RequestSpec } from '../testing/spec.js';
import type { ProcessStreamTarget } from '../transport/types.js';
import {
  BodyTooLargeError,
  isHopByHop,
  listenHttp,
  parseHostPort,
  type RequestHead,
  rawPairs,
  readBody,
  scanRequestHead,
} from './http-util.js';
import { callUpstream, type UpstreamAnswer, UpstreamCancel, UpstreamClient } from './upstream-client.js';

/** Default cap on a request body the proxy buffers (50 MiB). */
export const DEFAULT_DEV_MAX_BODY_BYTES = 50 * 1024 * 1024;

/** Options of {@link startDevProxy}. */
export interface DevProxyOptions {
  /** The processor (in-process) or a channel to a running server (`http2Channel(address)`). */
  readonly target: ProcessStreamTarget | ExtProcChannel;
  /** Base URL of the upstream, e.g. `http://127.0.0.1:8080` (plain HTTP only). */
  readonly upstream: string;
  /** Where to listen, `host:port` (default `127.0.0.1:8000`; port 0 picks a free one). */
  readonly listen?: string;
  /** The simulated Envoy filter's configuration (Envoy's defaults when absent). */
  readonly envoy?: EnvoyFilterConfig;
  /** Largest request body accepted, in bytes (default 50 MiB); larger ones get 413. */
  readonly maxBodyBytes?: number;
  /** Safety timeout per request in ms (default 30 000); an exchange still running gets 504. */
  readonly timeoutMs?: number;
  /** One info line per request, warnings for protocol violations (default: silent). */
  readonly log?: Logger;
  /**
   * Forward every request straight to the upstream, without the simulated filter or the
   * processor (default false): what the proxy alone costs, for a benchmark to subtract.
   */
  readonly bypass?: boolean;
}

/** A running development proxy. */
export interface DevProxy {
  /** Bound address, `host:port`. */
  readonly address: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** What to do about a violation the developer can fix from the command line. */
const HINTS: Partial<Record<ViolationKind, string>> = {
  'ignored-dynamic-metadata':
    "Envoy keeps only the namespaces listed in its filter's metadata_options.receiving_namespaces.untyped; " +
    'list it there, and give it to attache dev with --receive-namespace <ns>',
};

/** One violation as a log message: kind, direction, what Envoy does, and a hint when there is one. */
export function describeViolation(violation: Violation): string {
  const { kind, direction, message } = violation;
  const hint = HINTS[kind];
  return `protocol violation ${kind}${direction ? ` (${direction})` : ''}: ${message}${hint ? ` (${hint})` : ''}`;
}

/** Writes a plain-text answer the proxy makes itself (413, 500, 504). */
function plain(res: http.ServerResponse, status: number, text: string, close = false): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    'content-type': 'text/plain',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}

/** The body of a request that declares none (shared: a zero-length buffer holds nothing to change). */
const NO_BODY = Buffer.alloc(0);

/** Builds the kit's exchange for one incoming request (hop-by-hop headers dropped, host → `:authority`). */
function toSpec(
  req: http.IncomingMessage,
  head: RequestHead,
  body: Buffer,
  fallbackAuthority: string,
): RequestSpec {
  const spec: RequestSpec = {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    authority: head.host ?? fallbackAuthority,
    scheme: 'http',
    headers: head.headers,
    protocol: req.httpVersion === '1.1' ? 'HTTP/1.1' : `HTTP/${req.httpVersion}`,
  };
  // Trailers come only after a chunked body (an empty list otherwise: nothing to convert).
  const trailers = req.rawTrailers.length === 0 ? null : rawPairs(req.rawTrailers);
  // No body bytes: the headers carry end-of-stream, as Envoy's HTTP/1 codec does.
  if (body.length > 0 || trailers !== null) {
    spec.body = body;
    spec.chunked = head.chunked;
  }
  if (trailers !== null) spec.trailers = trailers;
  return spec;
}

/** Writes what the simulated Envoy sent downstream to the real client. */
function writeDownstream(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  result: ExchangeResult,
  log: Logger,
) {
  const { downstream } = result;
  if (downstream.status === 0) {
    res.destroy(); // reset before any header: the client sees the connection drop, as with Envoy
    return;
  }
  const flat: string[] = [];
  let contentLength: string | undefined;
  for (const [name, value] of downstream.headers.entries()) {
    if (name.startsWith(':') || isHopByHop(name, value)) continue;
    if (name === 'content-length') contentLength = value;
    else flat.push(name, value);
  }
  const bodyless = req.method === 'HEAD' || downstream.status === 204 || downstream.status === 304;
  if (contentLength !== undefined) {
    // Node refuses to send a body that disagrees with content-length; keep the wire consistent.
    if (!bodyless && Number(contentLength) !== downstream.body.length) {
      log.warn(
        { contentLength, bodyBytes: downstream.body.length },
        'dev proxy: content-length fixed to the body size',
      );
      contentLength = String(downstream.body.length);
    }
    flat.push('content-length', contentLength);
  }
  res.writeHead(downstream.status, flat);
  if (downstream.trailers && downstream.trailers.size > 0 && contentLength === undefined) {
    res.addTrailers(downstream.trailers.entries().filter(([n]) => !n.startsWith(':')));
  }
  if (downstream.reset) {
    // Envoy reset the stream after the response started: the client gets a truncated response.
    res.flushHeaders();
    res.destroy();
    return;
  }
  res.end(bodyless || downstream.body.length === 0 ? undefined : downstream.body);
}

/** Writes the upstream's answer to the client unchanged (bypass mode). */
function writeAnswer(req: http.IncomingMessage, res: http.ServerResponse, answer: UpstreamAnswer): void {
  const flat: string[] = [];
  for (const [name, value] of answer.headers) flat.push(name, value);
  res.writeHead(answer.status, flat);
  if (answer.trailers.length > 0) res.addTrailers(answer.trailers);
  const bodyless = req.method === 'HEAD' || answer.status === 204 || answer.status === 304;
  res.end(bodyless || answer.body.length === 0 ? undefined : answer.body);
}

/**
 * Starts a development front proxy: each HTTP/1.1 request is buffered, run through `target` by
 * the test kit's simulated Envoy ext_proc filter (so the processor sees exactly what Envoy would
 * send and its replies are applied and judged by Envoy's rules), forwarded to `upstream` (undici,
 * or `node:http` for a request with trailers), and the response is run back through the filter to the client.
 *
 * **Development only.** Production traffic goes through Envoy; this proxy buffers whole bodies,
 * has no TLS, no HTTP/2 and none of Envoy's limits beyond `maxBodyBytes`.
 *
 * Logs one info line per request and every protocol violation at warn level: they are bugs
 * Envoy would act on (reject a mutation, answer 500, close the stream…).
 *
 * @example
 * ```ts
 * const processor = await createProcessor({ plugins: [{ plugin: myPlugin }] });
 * const proxy = await startDevProxy({ target: processor, upstream: 'http://127.0.0.1:8080' });
 * // curl -i http://127.0.0.1:8000/hello
 * await proxy.close();
 * ```
 */
export async function startDevProxy(options: DevProxyOptions): Promise<DevProxy> {
  // Fail at startup, not on the first request, when the filter configuration is invalid; the
  // normalised configuration and the channel then serve every request.
  const config = normalizeConfig(options.envoy);
  const channel = isExtProcChannel(options.target) ? options.target : inProcessChannel(options.target);
  const base = new URL(
    /^[a-z]+:\/\//i.test(options.upstream) ? options.upstream : `http://${options.upstream}`,
  );
  if (base.protocol !== 'http:')
    throw new Error(`dev proxy: upstream must be http://host:port, got "${options.upstream}"`);
  const { host, port } = parseHostPort(options.listen ?? '127.0.0.1:8000', 'dev proxy: listen');
  const log = options.log ?? silentLogger;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_DEV_MAX_BODY_BYTES;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const upstream = new UpstreamClient(base);
  let address = '';
  // The per-request info line's fields are not even gathered when the level drops it (pino's
  // `isLevelEnabled`; another Logger always gets the line).
  const levels = log as Partial<{ isLevelEnabled(level: string): boolean }>;
  const logsInfo =
    typeof levels.isLevelEnabled === 'function' ? () => levels.isLevelEnabled?.('info') === true : () => true;
  // The connection's addresses (for the kit's `source.*`/`destination.*` attributes), read once
  // per kept-alive connection rather than once per request.
  const connections = new WeakMap<Socket, ConnectionInfo>();
  const connectionOf = (socket: Socket): ConnectionInfo => {
    let connection = connections.get(socket);
    if (connection === undefined) {
      connection = {
        sourceAddress: socket.remoteAddress ?? '127.0.0.1',
        sourcePort: socket.remotePort ?? 0,
        destinationAddress: socket.localAddress ?? host,
        destinationPort: socket.localPort ?? port,
      };
      connections.set(socket, connection);
    }
    return connection;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const head = scanRequestHead(req.rawHeaders);
    const declared = Number(head.contentLength ?? 0);
    let body: Buffer;
    try {
      if (declared > maxBodyBytes) throw new BodyTooLargeError('declared content-length over the limit');
      // A request without content-length or transfer-encoding has no body (RFC 9112 §6.3):
      // nothing to wait for. Node discards what a handler leaves unread once it answers.
      body = declared > 0 || head.transferEncoding ? await readBody(req, maxBodyBytes) : NO_BODY;
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      // Like Envoy's buffer-limit 413; the processor never sees the request.
      log.info({ method, path, status: 413, maxBodyBytes }, 'dev request: body too large');
      plain(res, 413, 'Payload Too Large', true);
      return;
    }
    // Stop talking to the upstream once the client is gone or the exchange is over.
    const abort = new UpstreamCancel();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    if (options.bypass === true) {
      const headers: string[] = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i] as string;
        const value = req.rawHeaders[i + 1] as string;
        if (!isHopByHop(name, value)) headers.push(name, value);
      }
      const trailers = rawPairs(req.rawTrailers);
      const request = { method, path, headers, body, trailers };
      const answer = await upstream.request(request, abort, log);
      if (answer === null) plain(res, 503, 'upstream unavailable');
      else writeAnswer(req, res, answer);
      return;
    }
    let result: ExchangeResult;
    try {
      result = await runPreparedExchange(config, channel, {
        request: toSpec(req, head, body, address),
        upstream: (received) => callUpstream(upstream, received, abort, log),
        connection: connectionOf(req.socket),
        timeoutMs,
      });
    } catch (error) {
      abort.abort();
      const timedOut = error instanceof ExchangeTimeoutError;
      log[timedOut ? 'warn' : 'error'](
        { method, path, err: (error as Error)?.message },
        'dev request failed',
      );
      plain(res, timedOut ? 504 : 500, timedOut ? 'Gateway Timeout' : 'Internal Server Error');
      return;
    }
    const { status } = result.downstream;
    if (logsInfo()) log.info({ method, path, status, violations: result.violations.length }, 'dev request');
    for (const violation of result.violations) {
      const { kind, direction } = violation;
      log.warn({ method, path, kind, ...(direction ? { direction } : {}) }, describeViolation(violation));
    }
    writeDownstream(req, res, result, log);
  };

  const server = http.createServer((req, res) => {
    // Send exactly the headers the kit produced; Node's own Date header would blur what the
    // pipeline did (the kit does not model the date/server headers Envoy's HCM sets).
    res.sendDate = false;
    handle(req, res).catch((error: unknown) => {
      log.error({ err: (error as Error)?.message }, 'dev proxy: request failed');
      plain(res, 500, 'Internal Server Error');
    });
  });
  const listening = await listenHttp(server, host, port);
  address = listening.address;
  return {
    address,
    close: async () => {
      await listening.close();
      await upstream.close();
    },
  };
}
