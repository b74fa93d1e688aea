/**
 * HTTP/2 keepalive for the `node:http2` transport: a PING once a connection has received no
 * frames for `timeMs`, and the connection closed when the PING is not acknowledged within
 * `timeoutMs`.
 *
 * @module
 */
import type http2 from 'node:http2';
import type { Logger } from '../log.js';
import type { ServerKeepalive } from '../server/tls-options.js';

/**
 * The keepalive of one session: one timer, nothing per stream. Every `timeMs` it looks at the
 * stream the session last received a HEADERS or DATA frame on (`session.state.lastProcStreamID`,
 * read from nghttp2): a new one means traffic, so no PING is needed. The stream path pays
 * nothing for it (Node's own session timeout, `session.setTimeout`, would refresh a timer on
 * every stream read and write, ~7 times per stream). The cost is precision: the PING goes out
 * between `timeMs` and twice that after the last frame, and a connection whose only traffic is
 * one long stream is PINGed too, which costs the peer one acknowledgement.
 * The timers are unref'd (they never keep the process alive) and cleared on close.
 */
class SessionKeepalive {
  readonly session: http2.ServerHttp2Session;
  readonly settings: ServerKeepalive;
  readonly log: Logger;
  timer: NodeJS.Timeout | null = null;
  /** True while a PING waits for its acknowledgement (then `timer` is its deadline). */
  pinging = false;
  lastStream = -1;

  constructor(session: http2.ServerHttp2Session, settings: ServerKeepalive, log: Logger) {
    this.session = session;
    this.settings = settings;
    this.log = log;
  }

  arm(): void {
    this.timer = setTimeout(this.onTick, this.settings.timeMs);
    this.timer.unref();
  }

  readonly onTick = (): void => {
    this.timer = null;
    const { session } = this;
    if (session.destroyed || session.closed) return;
    const last = session.state.lastProcStreamID ?? 0;
    if (last !== this.lastStream) {
      this.lastStream = last;
      this.arm();
      return;
    }
    let sent = false;
    try {
      sent = session.ping(this.onAck);
    } catch {
      // The session is going away (its socket closed under us): its 'close' cleans up.
      return;
    }
    if (!sent) {
      // Too many PINGs unacknowledged already (Node's maxOutstandingPings): the peer is not
      // answering, which is what the timeout would find out anyway.
      this.expire();
      return;
    }
    this.pinging = true;
    this.timer = setTimeout(this.expire, this.settings.timeoutMs);
    this.timer.unref();
  };

  readonly onAck = (error: Error | null): void => {
    if (!this.pinging) return;
    this.pinging = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    // An error means the session closed first; its 'close' handler has cleaned up.
    if (error === null && !this.session.destroyed) this.arm();
  };

  readonly expire = (): void => {
    this.timer = null;
    this.pinging = false;
    if (this.session.destroyed) return;
    this.log.warn(
      { timeoutMs: this.settings.timeoutMs },
      'keepalive PING not acknowledged in time; closing the connection and cancelling its streams',
    );
    // The streams on it close with the session, and each call's handler hears a cancel.
    this.session.destroy();
  };

  readonly onClose = (): void => {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pinging = false;
  };
}

/**
 * Starts keepalive on a new server session.
 * @internal
 */
export function startKeepalive(
  session: http2.ServerHttp2Session,
  settings: ServerKeepalive,
  log: Logger,
): void {
  const keepalive = new SessionKeepalive(session, settings, log);
  session.once('close', keepalive.onClose);
  keepalive.arm();
}
