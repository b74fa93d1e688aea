/**
 * The `node:http2` transport: `ExternalProcessor/Process` and `grpc.health.v1.Health` served
 * with attache's own gRPC framing, no gRPC library on the path.
 *
 * @module
 */
import http2 from 'node:http2';
import type { Logger } from '../log.js';
import { EXT_PROC_SERVICE, PROCESS_PATH } from '../protocol/service.js';
import { checkKeepalive, type ServerKeepalive, type ServerTls } from '../server/tls-options.js';
import type { ServerTransport } from '../server/transport.js';
import { fromRequestHeaders } from './grpc-headers.js';
import { HEALTH_CHECK_PATH, HEALTH_WATCH_PATH, HealthService } from './grpc-health.js';
import { callRejection, NO_TIMEOUT, processTimeout, type Rejection, unknownMethod } from './grpc-request.js';
import { callOf, GrpcCall, rejectStream } from './http2-call.js';
import { startKeepalive } from './http2-keepalive.js';
import { LazyMetadata } from './lazy-metadata.js';
import { closeGracefully, listenOn } from './listen.js';
import { type CallInput, processCall, processContext } from './process-call.js';
import { checkClientCertificates, secureServerOptions } from './tls-server.js';
import type { ProcessStreamTarget } from './types.js';

/**
 * The reset-rate limit this transport gives nghttp2 (`streamResetBurst` / `streamResetRate`).
 *
 * Envoy ends every ext_proc stream with END_STREAM then RST_STREAM (unless its runtime flag
 * `envoy.reloadable_features.ext_proc_graceful_grpc_close` is on), so resets arrive at the rate
 * streams do. nghttp2's default bucket (1,000 tokens, 33 per second) exists against "Rapid
 * Reset" (CVE-2023-44487) and sends a GOAWAY after about 1,000 such streams, killing the
 * streams in flight. A processor's only peer is Envoy, each reset stream costs attache no more
 * than a completed one, and the stream rate is already bounded by the server's CPU: one core
 * serves at most ~60k streams/s (the fastest Go server measured on our machines, bench/README.md).
 * A bucket of 100,000 refilled at 100,000/s stays above that with room, so Envoy's close never
 * drains it; a peer resetting faster than any server could serve streams still meets the limit.
 */
export const STREAM_RESET_LIMIT = { burst: 100_000, rate: 100_000 } as const;

/** This Node's major version: which HTTP/2 options it honours, and which it stalls under. */
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/**
 * Whether this Node passes `streamResetBurst` / `streamResetRate` to nghttp2: added by
 * nodejs/node#54875, in Node 22 and later; Node 20 ignores them without a word.
 */
export const NODE_HAS_RESET_RATE_OPTIONS = NODE_MAJOR >= 22;

/** The start-up warning of a Node that cannot raise the reset-rate limit. */
export const RESET_RATE_WARNING =
  `Node ${process.versions.node} cannot raise HTTP/2's stream reset rate limit (streamResetBurst/streamResetRate need Node 22+): ` +
  "Envoy's default ext_proc close (END_STREAM then RST_STREAM) will make it send GOAWAY about every 1,000 streams and lose the streams in flight. " +
  'Run on Node 22+, or use grpc.transport: wire (no reset limiter), or set the Envoy runtime flag ' +
  'envoy.reloadable_features.ext_proc_graceful_grpc_close: true';

/**
 * HTTP/2 receive windows: Envoy sends buffered bodies of up to `grpc.maxMessageBytes` in one
 * message, and Node's default 64 KiB windows make such a body wait for a window update every
 * 64 KiB. 1 MiB per stream and 16 MiB per connection keep a large body flowing (performance.md
 * §2.2 measured about twice the throughput for 512 KB bodies) at a memory cost bounded per connection.
 */
const STREAM_WINDOW_BYTES = 1 << 20;
const CONNECTION_WINDOW_BYTES = 16 << 20;

/**
 * Whether the stream window is raised too. Node 20's HTTP/2 stalls with both windows raised: with
 * a client whose own windows are large (Envoy's default 256 MiB, or 16 MiB here), 64 streams of
 * 256 KiB each way, a reply stopped part-way and every stream on the connection waited, the
 * server idle (a bare node:http2 server, no attache code: 6 stalls in 6 runs with both, none in 10
 * with either alone or neither; none on Node 24). Below Node 24 only the connection window is
 * raised, so a stream is paced per 64 KiB there. http2-windows.test.ts checks it.
 */
const RAISE_STREAM_WINDOW = NODE_MAJOR >= 24;

const SERVICES = ['', EXT_PROC_SERVICE];

/** Options of {@link createHttp2Transport}. */
export interface Http2TransportOptions {
  readonly log: Logger;
  /** Serve TLS (ALPN `h2` only); absent: cleartext HTTP/2 (h2c), as Envoy's default cluster speaks. */
  readonly tls?: ServerTls | undefined;
  /** Default: gRPC's (a PING after 2 h idle, 20 s to answer). */
  readonly keepalive?: ServerKeepalive | undefined;
  /**
   * Log {@link RESET_RATE_WARNING} at listen when this Node cannot raise the limit (default
   * true); false where someone else says it once for several servers.
   */
  readonly resetRateWarning?: boolean | undefined;
}

// The stream listeners of Process calls: one function for every stream (`this` is the stream),
// where per-call arrow functions would be four closures per stream.
function onData(this: http2.ServerHttp2Stream, chunk: Buffer): void {
  callOf<GrpcCall & CallInput>(this)?.push(chunk);
}
function onEnd(this: http2.ServerHttp2Stream): void {
  callOf<GrpcCall & CallInput>(this)?.onEnd();
}
function onClose(this: http2.ServerHttp2Stream): void {
  callOf<GrpcCall & CallInput>(this)?.onClose();
}

function swallow(): void {}

/** Serves one health Check or Watch call on `stream`. */
function serveHealth(health: HealthService, stream: http2.ServerHttp2Stream, watch: boolean): void {
  const out = new GrpcCall(stream);
  const call = health.open(out, watch);
  stream.on('data', (chunk: Buffer) => call.push(chunk));
  stream.on('end', () => call.onEnd());
  stream.on('close', () => {
    out.markClosed();
    call.onClose();
  });
}

function reject(stream: http2.ServerHttp2Stream, rejection: Rejection): void {
  rejectStream(stream, rejection.code, rejection.message, rejection.httpStatus, rejection.fields);
}

/**
 * Creates the `node:http2` transport for `target`: not listening until `listen`.
 * @internal
 */
export function createHttp2Transport(
  target: ProcessStreamTarget,
  options: Http2TransportOptions,
): ServerTransport {
  const { log } = options;
  const keepalive = options.keepalive ?? checkKeepalive(undefined);
  const ProcessCall = processCall(GrpcCall, processContext(target, log));
  const health = new HealthService(SERVICES);
  const sessions = new Set<http2.ServerHttp2Session>();
  const server = createHttp2Server(options.tls, log);

  server.on('session', (session) => {
    sessions.add(session);
    session.on('error', swallow); // reported as the streams' 'close'; nothing else to do
    session.once('close', () => sessions.delete(session));
    try {
      session.setLocalWindowSize(CONNECTION_WINDOW_BYTES);
    } catch {
      // The session closed before we got to it.
    }
    startKeepalive(session, keepalive, log);
  });
  server.on('sessionError', swallow);

  server.on('stream', (stream, headers) => {
    stream.on('error', swallow); // a reset or a dead session; the 'close' event handles the call
    const rejection = callRejection(headers[':method'], headers['content-type']);
    if (rejection !== null) {
      reject(stream, rejection);
      return;
    }
    const path = headers[':path'];
    if (path === PROCESS_PATH) serveProcess(stream, headers);
    else if (path === HEALTH_CHECK_PATH) serveHealth(health, stream, false);
    else if (path === HEALTH_WATCH_PATH) serveHealth(health, stream, true);
    else reject(stream, unknownMethod(path));
  });

  function serveProcess(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    const timeoutMs = processTimeout(headers['grpc-encoding'], headers['grpc-timeout']);
    if (typeof timeoutMs !== 'number') {
      reject(stream, timeoutMs);
      return;
    }
    const call = new ProcessCall(stream);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('close', onClose);
    call.handler = target.connect(call, new LazyMetadata(headers, fromRequestHeaders));
    // Envoy sends no grpc-timeout (§1.4): this closure is only made for other clients.
    if (timeoutMs !== NO_TIMEOUT && !call.finished)
      call.timer = setTimeout(() => call.onDeadline(), timeoutMs);
  }

  return {
    listen(target) {
      if (!NODE_HAS_RESET_RATE_OPTIONS && options.resetRateWarning !== false) log.warn(RESET_RATE_WARNING);
      return listenOn(server, target, log);
    },
    setServing(serving) {
      health.setServing(serving);
    },
    stopAccepting() {
      // session.close() sends GOAWAY and lets open streams finish, refusing new ones.
      return closeGracefully(server, health, () => {
        for (const session of sessions) session.close();
      });
    },
    forceClose() {
      for (const session of sessions) session.destroy();
    },
  };
}

/** Server settings both the cleartext and the TLS server take. */
function serverSettings(): http2.ServerOptions {
  return {
    ...(RAISE_STREAM_WINDOW ? { settings: { initialWindowSize: STREAM_WINDOW_BYTES } } : {}),
    // Node's default (10 MB of queued data per session) refuses new streams under big bodies;
    // attache bounds memory with grpc.maxMessageBytes and body.maxBytes instead, as grpc-js does.
    maxSessionMemory: Number.MAX_SAFE_INTEGER,
    ...(NODE_HAS_RESET_RATE_OPTIONS
      ? { streamResetBurst: STREAM_RESET_LIMIT.burst, streamResetRate: STREAM_RESET_LIMIT.rate }
      : {}),
  } as http2.ServerOptions;
}

/**
 * The HTTP/2 server: cleartext (h2c), or TLS offering ALPN `h2` only (gRPC needs HTTP/2, so no
 * HTTP/1.1 fallback) with client certificates asked for and checked as `tls.clientAuth` says.
 */
function createHttp2Server(tls: ServerTls | undefined, log: Logger): http2.Http2Server {
  if (tls === undefined) return http2.createServer(serverSettings());
  const server = http2.createSecureServer({
    ...serverSettings(),
    ...secureServerOptions(tls),
    allowHTTP1: false,
  });
  checkClientCertificates(server, tls, log);
  return server;
}
