/**
 * HTTP/2 keepalive for the `wire` transport: a PING once a connection has received nothing for
 * `timeMs`, and the connection closed when the PING is not acknowledged within `timeoutMs`.
 *
 * @module
 */
import type { H2ServerConnection } from '../h2/server-connection.js';
import type { Logger } from '../log.js';
import type { ServerKeepalive } from '../server/tls-options.js';

/**
 * The keepalive of one connection: one timer, nothing per stream or per read. Every `timeMs` it
 * looks at the connection's read count: a change means traffic, so no PING is needed. The PING
 * goes out between `timeMs` and twice that after the last read. The timers are unref'd (they
 * never keep the process alive) and cleared when the connection closes.
 */
export class ConnectionKeepalive {
  readonly #settings: ServerKeepalive;
  readonly #log: Logger;
  #connection: H2ServerConnection | null = null;
  #timer: NodeJS.Timeout | null = null;
  /** True while a PING waits for its acknowledgement (then the timer is its deadline). */
  #pinging = false;
  #reads = -1;

  constructor(settings: ServerKeepalive, log: Logger) {
    this.#settings = settings;
    this.#log = log;
  }

  /** Starts watching `connection`. */
  start(connection: H2ServerConnection): void {
    this.#connection = connection;
    this.#reads = connection.reads;
    this.#arm(this.#settings.timeMs, this.#onTick);
  }

  /** The connection's PING acknowledgement came. */
  readonly onAck = (): void => {
    if (!this.#pinging) return;
    this.#pinging = false;
    this.#clear();
    const connection = this.#connection;
    if (connection === null || connection.closed) return;
    this.#reads = connection.reads; // the acknowledgement itself is not traffic
    this.#arm(this.#settings.timeMs, this.#onTick);
  };

  /** The connection closed. */
  stop(): void {
    this.#clear();
    this.#pinging = false;
    this.#connection = null;
  }

  readonly #onTick = (): void => {
    this.#timer = null;
    const connection = this.#connection;
    if (connection === null || connection.closed) return;
    if (connection.reads !== this.#reads) {
      this.#reads = connection.reads;
      this.#arm(this.#settings.timeMs, this.#onTick);
      return;
    }
    this.#pinging = true;
    connection.ping();
    this.#arm(this.#settings.timeoutMs, this.#expire);
  };

  readonly #expire = (): void => {
    this.#timer = null;
    this.#pinging = false;
    const connection = this.#connection;
    if (connection === null || connection.closed) return;
    this.#log.warn(
      { timeoutMs: this.#settings.timeoutMs },
      'keepalive PING not acknowledged in time; closing the connection and cancelling its streams',
    );
    // The streams on it close with the socket, and each call's handler hears a cancel.
    connection.destroy();
  };

  #arm(ms: number, fn: () => void): void {
    this.#timer = setTimeout(fn, ms);
    this.#timer.unref();
  }

  #clear(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
