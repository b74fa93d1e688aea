/**
 * What `createServer` needs from a network transport: listen, report health, stop accepting
 * gracefully, cut what is left. Three implementations: `node:http2` with attache's own gRPC
 * framing, `@grpc/grpc-js`, and `wire` (attache's own HTTP/2 server and gRPC framing).
 *
 * @module
 */
import type { ListenTarget } from './listen-address.js';

/** The transports `createServer` can serve the ext_proc service with. */
export type TransportName = 'http2' | 'grpc-js' | 'wire';

/** @internal The transports, in the order the docs list them (the default first). */
export const TRANSPORTS: readonly TransportName[] = ['http2', 'grpc-js', 'wire'];

/** @internal One server's transport, owned by `createServer`. */
export interface ServerTransport {
  /**
   * Binds `target` (TCP port 0 for a free one; a Unix socket path already free) and serves;
   * resolves with the bound port, 0 for a Unix socket.
   */
  listen(target: ListenTarget): Promise<number>;
  /** Sets the `grpc.health.v1` status of `""` and the ext_proc service. */
  setServing(serving: boolean): void;
  /**
   * Stops accepting: new connections are refused and open ones get a GOAWAY, so no new streams
   * start. Resolves once every connection has closed (its streams finished).
   */
  stopAccepting(): Promise<void>;
  /** Cuts every open stream and connection now. */
  forceClose(): void;
}
