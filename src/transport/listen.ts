/**
 * Binding a `net.Server` (or one of its TLS and HTTP/2 kinds) and closing it gracefully, the
 * way attache's own transports (`http2`, `wire`) do.
 *
 * @module
 */
import type net from 'node:net';
import type { Logger } from '../log.js';
import type { ListenTarget } from '../server/listen-address.js';
import type { HealthService } from './grpc-health.js';

/**
 * Binds `server` to `target`; resolves with the bound port (0 for a Unix socket), rejects with
 * the error that stopped the bind. Once listening, the server's own errors (e.g. out of file
 * descriptors on accept) are logged, never thrown: the open connections keep being served.
 */
export function listenOn(server: net.Server, target: ListenTarget, log: Logger): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    const onListening = () => {
      server.off('error', onError);
      server.on('error', (error) => log.error({ err: error }, 'HTTP/2 server error'));
      const bound = server.address();
      resolve(typeof bound === 'object' && bound !== null ? bound.port : 0);
    };
    server.once('error', onError);
    if (target.kind === 'unix') server.listen(target.path, onListening);
    else server.listen(target.port, target.host, onListening);
  });
}

/**
 * Stops accepting: `server` closes (no new connection), open health Watch calls end (so they
 * do not hold a graceful shutdown open) and `goaway` tells every open connection to finish.
 * Resolves once every connection has closed; at once if the server was not listening.
 */
export function closeGracefully(
  server: net.Server,
  health: HealthService,
  goaway: () => void,
): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    health.endWatches();
    goaway();
  });
}
