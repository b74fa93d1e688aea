/**
 * The `wire` transport: `ExternalProcessor/Process` and `grpc.health.v1.Health` served over
 * attache's own HTTP/2 server (src/h2), with no node:http2 on the path. What node:http2 costs
 * per stream (a Duplex, nghttp2 callbacks, header objects, listeners) is replaced by one object
 * per stream and one socket write per read or event-loop turn; the gRPC behaviour is the
 * `http2` transport's, from the same shared parts (process-call.ts, grpc-request.ts,
 * grpc-health.ts).
 *
 * @module
 */
import net from 'node:net';
import tls from 'node:tls';
import { ErrorCode } from '../h2/frames.js';
import { H2ServerConnection, type H2ServerOptions } from '../h2/server-connection.js';
import type { H2ServerStream } from '../h2/server-stream.js';
import type { Logger } from '../log.js';
import { EXT_PROC_SERVICE, PROCESS_PATH } from '../protocol/service.js';
import { checkKeepalive, type ServerKeepalive, type ServerTls } from '../server/tls-options.js';
import type { ServerTransport } from '../server/transport.js';
import { fromRequestFields } from './grpc-headers.js';
import { HEALTH_CHECK_PATH, HEALTH_WATCH_PATH, HealthService } from './grpc-health.js';
import { callRejection, NO_TIMEOUT, processTimeout, unknownMethod } from './grpc-request.js';
import { LazyMetadata } from './lazy-metadata.js';
import { closeGracefully, listenOn } from './listen.js';
import { processCall, processContext } from './process-call.js';
import { checkClientCertificates, secureServerOptions } from './tls-server.js';
import type { ProcessStreamTarget } from './types.js';
import { WireCall, WireHealthCall } from './wire-call.js';
import { ConnectionKeepalive } from './wire-keepalive.js';

const SERVICES = ['', EXT_PROC_SERVICE];

/** Names of the HTTP/2 error codes, for the log. */
const ERROR_NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

/** Options of {@link createWireTransport}. */
export interface WireTransportOptions {
  readonly log: Logger;
  /** Serve TLS (ALPN `h2` only); absent: cleartext HTTP/2 (h2c), as Envoy's default cluster speaks. */
  readonly tls?: ServerTls | undefined;
  /** Default: gRPC's (a PING after 2 h idle, 20 s to answer). */
  readonly keepalive?: ServerKeepalive | undefined;
}

/**
 * Creates the `wire` transport for `target`: not listening until `listen`.
 * @internal
 */
export function createWireTransport(
  target: ProcessStreamTarget,
  options: WireTransportOptions,
): ServerTransport {
  const { log } = options;
  const keepalive = options.keepalive ?? checkKeepalive(undefined);
  const ProcessCall = processCall(WireCall, processContext(target, log));
  const health = new HealthService(SERVICES);
  const sockets = new Set<net.Socket>();
  const connections = new Set<H2ServerConnection>();
  /** Set by `stopAccepting`: a connection that finishes its TLS handshake after it is drained at once. */
  let draining = false;

  /** Makes the call for a new stream from its header fields, scanned once. */
  function openStream(connection: H2ServerConnection, id: number, fields: string[]): H2ServerStream {
    let method: string | undefined;
    let path: string | undefined;
    let contentType: string | undefined;
    let encoding: string | undefined;
    let timeout: string | undefined;
    for (let i = 0; i < fields.length; i += 2) {
      switch (fields[i]) {
        case ':method':
          method = fields[i + 1];
          break;
        case ':path':
          path = fields[i + 1];
          break;
        case 'content-type':
          contentType = fields[i + 1];
          break;
        case 'grpc-encoding':
          encoding = fields[i + 1];
          break;
        case 'grpc-timeout':
          timeout = fields[i + 1];
          break;
      }
    }
    const rejection = callRejection(method, contentType);
    if (rejection !== null) return refused(connection, id, rejection);
    if (path === PROCESS_PATH) {
      const timeoutMs = processTimeout(encoding, timeout);
      if (typeof timeoutMs !== 'number') return refused(connection, id, timeoutMs);
      const call = new ProcessCall(connection, id);
      call.handler = target.connect(call, new LazyMetadata(fields, fromRequestFields));
      // Envoy sends no grpc-timeout (§1.4): this closure is only made for other clients.
      if (timeoutMs !== NO_TIMEOUT && !call.finished)
        call.timer = setTimeout(() => call.onDeadline(), timeoutMs);
      return call;
    }
    if (path === HEALTH_CHECK_PATH || path === HEALTH_WATCH_PATH) {
      const call = new WireHealthCall(connection, id);
      call.health = health.open(call, path === HEALTH_WATCH_PATH);
      return call;
    }
    return refused(connection, id, unknownMethod(path));
  }

  function onError(code: number, message: string): void {
    const fields = { code: ERROR_NAMES.get(code) ?? code, reason: message };
    // A peer's protocol error is the peer's business (debug); an internal error is a bug.
    if (code === ErrorCode.INTERNAL_ERROR) log.error(fields, 'HTTP/2 connection failed; GOAWAY sent');
    else log.debug(fields, 'HTTP/2 connection error; GOAWAY sent');
  }

  function serve(socket: net.Socket): void {
    const alive = new ConnectionKeepalive(keepalive, log);
    const settings: H2ServerOptions = {
      openStream,
      onError,
      onPingAck: alive.onAck,
      onClose(connection) {
        connections.delete(connection);
        alive.stop();
      },
    };
    const connection = new H2ServerConnection(socket, settings);
    connections.add(connection);
    alive.start(connection);
    if (draining) connection.drain();
  }

  const server =
    options.tls === undefined ? net.createServer(serve) : createTlsServer(options.tls, log, serve);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  return {
    listen(listenTarget) {
      return listenOn(server, listenTarget, log);
    },
    setServing(serving) {
      health.setServing(serving);
    },
    stopAccepting() {
      // Each connection gets a GOAWAY, refuses new streams, lets its open ones finish and ends
      // with the last; a TLS handshake still under way is drained when it completes.
      return closeGracefully(server, health, () => {
        draining = true;
        for (const connection of connections) connection.drain();
      });
    },
    forceClose() {
      // The connections' streams are cancelled now; then sockets still in their TLS handshake go.
      for (const connection of connections) connection.destroy();
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** A stream refused with a trailers-only status before it became a call. */
function refused(
  connection: H2ServerConnection,
  id: number,
  rejection: Parameters<WireCall['refuse']>[0],
): WireCall {
  const call = new WireCall(connection, id);
  call.refuse(rejection);
  return call;
}

/** The TLS server: ALPN `h2` only; a connection that did not negotiate it is closed. */
function createTlsServer(config: ServerTls, log: Logger, serve: (socket: net.Socket) => void): tls.Server {
  const server = tls.createServer(secureServerOptions(config));
  checkClientCertificates(server, config, log);
  server.on('secureConnection', (socket: tls.TLSSocket) => {
    if (socket.destroyed) return; // refused by checkClientCertificates
    if (socket.alpnProtocol !== 'h2') {
      log.debug({ alpn: socket.alpnProtocol }, 'TLS client did not negotiate ALPN h2; connection closed');
      socket.destroy();
      return;
    }
    serve(socket);
  });
  return server;
}
