/**
 * HTTP/2 keepalive, the same on every transport that serves HTTP/2 itself: a PING once a
 * connection has shown no activity for `timeMs`, and the connection closed when the PING is not
 * acknowledged within `timeoutMs`. Each transport supplies a {@link KeepalivePeer} that says what
 * activity is on its connections and how to PING and close one.
 *
 * @module
 */
import type { Logger } from '../log.js';
import type { ServerKeepalive } from '../server/tls-options.js';

/**
 * One connection as keepalive sees it, supplied by the transport.
 * @internal
 */
export interface KeepalivePeer {
  /** True once the connection is closed, or closing in a way that needs no PING. */
  readonly closed: boolean;
  /**
   * A number that changes whenever the peer has sent something worth counting as traffic (a
   * read count, the last stream id). Read once per `timeMs`, so it must be cheap, and it costs
   * the stream path nothing: keepalive never hears about individual frames.
   */
  activity(): number;
  /**
   * Sends a PING; its acknowledgement is reported with {@link Keepalive.acknowledged}. `false`
   * when the PING could not go out because the peer is not answering those already sent (the
   * connection is then closed as on a timeout). Never throws.
   */
  ping(): boolean;
  /** Closes the connection now; the calls on it hear a cancel. */
  destroy(): void;
}

/**
 * The keepalive of one connection: one timer, nothing per stream or per read. Every `timeMs` it
 * reads the peer's {@link KeepalivePeer.activity}: a change means traffic, so no PING is needed.
 * The PING therefore goes out between `timeMs` and twice that after the last activity. The
 * timers are unref'd (they never keep the process alive) and cleared by {@link stop}, which the
 * transport calls when the connection closes.
 * @internal
 */
export class Keepalive {
  readonly #peer: KeepalivePeer;
  readonly #settings: ServerKeepalive;
  readonly #log: Logger;
  #timer: NodeJS.Timeout | null = null;
  /** True while a PING waits for its acknowledgement (then the timer is its deadline). */
  #pinging = false;
  #activity = 0;

  constructor(peer: KeepalivePeer, settings: ServerKeepalive, log: Logger) {
    this.#peer = peer;
    this.#settings = settings;
    this.#log = log;
  }

  /** Starts watching the connection (once, when it opens). */
  start(): void {
    this.#activity = this.#peer.activity();
    this.#arm(this.#settings.timeMs, this.#onTick);
  }

  /** The peer acknowledged our PING. Late or unexpected acknowledgements are ignored. */
  readonly acknowledged = (): void => {
    if (!this.#pinging) return;
    this.#pinging = false;
    this.#clear();
    if (this.#peer.closed) return;
    this.#activity = this.#peer.activity(); // the acknowledgement itself is not traffic
    this.#arm(this.#settings.timeMs, this.#onTick);
  };

  /** The connection closed: no timer is left behind. */
  readonly stop = (): void => {
    this.#clear();
    this.#pinging = false;
  };

  readonly #onTick = (): void => {
    this.#timer = null;
    const peer = this.#peer;
    if (peer.closed) return;
    const activity = peer.activity();
    if (activity !== this.#activity) {
      this.#activity = activity;
      this.#arm(this.#settings.timeMs, this.#onTick);
      return;
    }
    if (!peer.ping()) {
      this.#expire();
      return;
    }
    this.#pinging = true;
    this.#arm(this.#settings.timeoutMs, this.#expire);
  };

  /** No acknowledgement in time: the peer (or the path to it) is gone. */
  readonly #expire = (): void => {
    this.#timer = null;
    this.#pinging = false;
    this.#log.warn(
      { timeoutMs: this.#settings.timeoutMs },
      'keepalive PING not acknowledged in time; closing the connection and cancelling its streams',
    );
    this.#peer.destroy();
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
