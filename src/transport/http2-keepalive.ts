/**
 * HTTP/2 keepalive for the `node:http2` transport: the shared {@link Keepalive} on a
 * `ServerHttp2Session`.
 *
 * @module
 */
import type http2 from 'node:http2';
import type { Logger } from '../log.js';
import type { ServerKeepalive } from '../server/tls-options.js';
import { Keepalive, type KeepalivePeer } from './keepalive.js';

/**
 * A session as keepalive sees it. Its activity is the stream the session last received a
 * HEADERS or DATA frame on (`session.state.lastProcStreamID`, read from nghttp2), so the stream
 * path pays nothing for keepalive (Node's own session timeout, `session.setTimeout`, would
 * refresh a timer on every stream read and write, ~7 times per stream). The cost is precision:
 * a connection whose only traffic is one long stream is PINGed too, which costs the peer one
 * acknowledgement.
 */
class SessionPeer implements KeepalivePeer {
  readonly #session: http2.ServerHttp2Session;
  readonly keepalive: Keepalive;

  constructor(session: http2.ServerHttp2Session, settings: ServerKeepalive, log: Logger) {
    this.#session = session;
    this.keepalive = new Keepalive(this, settings, log);
  }

  get closed(): boolean {
    return this.#session.destroyed || this.#session.closed;
  }

  activity(): number {
    return this.#session.state.lastProcStreamID ?? 0;
  }

  ping(): boolean {
    try {
      // `false`: too many PINGs unacknowledged already (Node's maxOutstandingPings).
      return this.#session.ping(this.#onAck);
    } catch {
      // The session is going away (its socket closed under us): its 'close' stops keepalive.
      return true;
    }
  }

  destroy(): void {
    // The streams on it close with the session, and each call's handler hears a cancel.
    this.#session.destroy();
  }

  readonly #onAck = (error: Error | null): void => {
    // An error means the session closed first; its 'close' stops keepalive.
    if (error === null) this.keepalive.acknowledged();
  };
}

/**
 * Starts keepalive on a new server session; it stops when the session closes.
 * @internal
 */
export function startKeepalive(
  session: http2.ServerHttp2Session,
  settings: ServerKeepalive,
  log: Logger,
): void {
  const { keepalive } = new SessionPeer(session, settings, log);
  session.once('close', keepalive.stop);
  keepalive.start();
}
