/**
 * HTTP/2 keepalive for the `wire` transport: the shared {@link Keepalive} on an
 * {@link H2ServerConnection}.
 *
 * @module
 */
import type { H2ServerConnection } from '../h2/server-connection.js';
import type { Logger } from '../log.js';
import type { ServerKeepalive } from '../server/tls-options.js';
import { Keepalive, type KeepalivePeer } from './keepalive.js';

/** A connection as keepalive sees it; its activity is the socket read count the connection keeps for this. */
class ConnectionPeer implements KeepalivePeer {
  connection: H2ServerConnection | null = null;

  get closed(): boolean {
    return this.connection === null || this.connection.closed;
  }

  activity(): number {
    return this.connection === null ? 0 : this.connection.reads;
  }

  ping(): boolean {
    // The connection queues it whatever the peer owes; only the deadline judges the peer.
    this.connection?.ping();
    return true;
  }

  destroy(): void {
    // The streams on it close with the socket, and each call's handler hears a cancel.
    this.connection?.destroy();
  }
}

/**
 * The keepalive of one `wire` connection. It is made before the connection (whose options take
 * {@link onAck} and call {@link stop} on close) and {@link start}ed with it.
 */
export class ConnectionKeepalive {
  readonly #peer = new ConnectionPeer();
  readonly #keepalive: Keepalive;

  constructor(settings: ServerKeepalive, log: Logger) {
    this.#keepalive = new Keepalive(this.#peer, settings, log);
  }

  /** Starts watching `connection`. */
  start(connection: H2ServerConnection): void {
    this.#peer.connection = connection;
    this.#keepalive.start();
  }

  /** The connection's PING acknowledgement came (its `onPingAck`). */
  readonly onAck = (): void => {
    this.#keepalive.acknowledged();
  };

  /** The connection closed. */
  stop(): void {
    this.#keepalive.stop();
    this.#peer.connection = null;
  }
}
