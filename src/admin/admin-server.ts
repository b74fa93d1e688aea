/**
 * The admin HTTP listener: `/metrics` (Prometheus text), `/healthz` (alive) and `/readyz`
 * (ready), for Prometheus and Kubernetes probes.
 *
 * Plain `node:http`: three fixed GET routes need no framework, and the listener must not pull
 * one into every process. It runs next to the gRPC listener on its own port, so a scrape or a
 * probe never competes with Envoy's streams for a connection, and answers `/healthz` from the
 * event loop itself: a process whose loop is stuck stops answering, which is what liveness means.
 *
 * @module
 */
import http from 'node:http';
import { AttacheError, ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import { formatListenTarget, parseListenAddress } from '../server/listen-address.js';
import type { ReadinessReport } from '../server/readiness.js';

/**
 * What `/metrics` serves: a prom-client `Registry` (or `AggregatorRegistry`), or anything with
 * the same two members.
 */
export interface MetricsRegistry {
  /** The `Content-Type` of {@link metrics}' text (Prometheus text format 0.0.4, or OpenMetrics). */
  readonly contentType: string;
  /** The exposition text. */
  metrics(): Promise<string> | string;
}

/** Options of {@link startAdminServer}. */
export interface AdminServerOptions {
  /** `host:port` to listen on (port 0 picks a free one). */
  readonly address: string;
  /** Where the address came from, for the error when it cannot be bound (default `admin.address`). */
  readonly where?: string;
  /** What `/metrics` serves; absent: `/metrics` answers 404. */
  readonly registry?: MetricsRegistry | undefined;
  /** `/readyz`'s answer: 200 when `ready`, else 503; the report is the JSON body. */
  readonly readiness: () => ReadinessReport;
  /** `/healthz`'s body beyond `{ "alive": true }` (e.g. the state). */
  readonly health?: () => Record<string, unknown>;
  readonly log: Logger;
}

/** A running admin listener. */
export interface AdminServer {
  /** The bound address, `host:port` with the bound port. */
  readonly address: string;
  readonly port: number;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const ROUTES = new Set(['/metrics', '/healthz', '/readyz']);

/**
 * Starts the admin listener on `options.address`.
 *
 * @throws AttacheError `LISTEN_FAILED` naming the address (and where it was configured) when it
 *   cannot be bound, `CONFIG_INVALID` when it is not `host:port`.
 */
export async function startAdminServer(options: AdminServerOptions): Promise<AdminServer> {
  const where = options.where ?? 'admin.address';
  let target: ReturnType<typeof parseListenAddress>;
  try {
    target = parseListenAddress(options.address);
  } catch (error) {
    throw new AttacheError(ErrorCode.CONFIG_INVALID, `${where}: ${(error as Error).message}`);
  }
  if (target.kind !== 'tcp') {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${where}: the admin listener takes host:port (Prometheus and Kubernetes probes speak TCP), got ${JSON.stringify(options.address)}`,
    );
  }
  const { log } = options;
  const server = http.createServer((req, res) => {
    void answer(req, res, options).catch((error: unknown) => {
      log.error({ err: error, path: req.url }, 'admin: request failed');
      if (!res.headersSent) send(res, req, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });
  // A scrape or probe is one short request; nothing on this port should hold a socket long.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 5_000;
  const host = target.host;
  const port = await new Promise<number>((resolve, reject) => {
    const failed = (error: Error) => {
      reject(
        new AttacheError(
          ErrorCode.LISTEN_FAILED,
          `${where}: cannot listen on ${options.address} for the admin listener (/metrics, /healthz, /readyz): ${error.message}`,
          { cause: error },
        ),
      );
    };
    server.once('error', failed);
    server.listen({ host, port: target.port }, () => {
      server.removeListener('error', failed);
      resolve((server.address() as { port: number }).port);
    });
  });
  server.on('error', (error) => log.error({ err: error }, 'admin listener error'));
  const address = formatListenTarget(target, port);
  log.info({ address, paths: [...ROUTES] }, 'admin listening');
  let closed: Promise<void> | null = null;
  return {
    address,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

async function answer(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: AdminServerOptions,
): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (!ROUTES.has(path) || (path === '/metrics' && options.registry === undefined)) {
    send(
      res,
      req,
      404,
      'text/plain; charset=utf-8',
      'not found: this listener serves /metrics, /healthz, /readyz\n',
    );
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    send(res, req, 405, 'text/plain; charset=utf-8', 'method not allowed: GET or HEAD\n');
    return;
  }
  if (path === '/healthz') {
    send(res, req, 200, JSON_TYPE, `${JSON.stringify({ alive: true, ...options.health?.() })}\n`);
  } else if (path === '/readyz') {
    const report = options.readiness();
    send(res, req, report.ready ? 200 : 503, JSON_TYPE, `${JSON.stringify(report)}\n`);
  } else {
    const registry = options.registry as MetricsRegistry;
    send(res, req, 200, registry.contentType, await registry.metrics());
  }
}

function send(
  res: http.ServerResponse,
  req: http.IncomingMessage,
  status: number,
  type: string,
  body: string,
): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, {
    'content-type': type,
    'content-length': bytes.length,
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
