/**
 * HTTP/2 keepalive for the `node:http2` transport: a PING after a connection has been idle for
 * `timeMs`, and the connection closed when the PING is not acknowledged within `timeoutMs`.
 *
 * @module
 */
import type http2 from 'node:http2';
import type { Logger } from '../log.js';
import type { ServerKeepalive } from '../server/tls-options.js';

/**
 * The keepalive of one session. Idleness is Node's own session timeout (`session.setTimeout`),
 * which the session's streams refresh as they read and write: no timer or closure per stream.
 * Both timers are unref'd (they never keep the process alive) and cleared on close.
 */
class SessionKeepalive {
  readonly session: http2.ServerHttp2Session;
  readonly settings: ServerKeepalive;
  readonly log: Logger;
  /** Set while a PING waits for its acknowledgement. */
  deadline: NodeJS.Timeout | null = null;

  constructor(session: http2.ServerHttp2Session, settings: ServerKeepalive, log: Logger) {
    this.session = session;
    this.settings = settings;
    this.log = log;
  }

  readonly onIdle = (): void => {
    const { session } = this;
    if (session.destroyed || session.closed || this.deadline !== null) return;
    let sent = false;
    try {
      sent = session.ping(this.onAck);
    } catch {
      // The session is going away (its socket closed under us): its 'close' cleans up.
      return;
    }
    if (!sent) {
      // Too many PINGs unacknowledged already (Node's maxOutstandingPings): the peer is not
      // answering, which is what the timeout below would find out anyway.
      this.expire();
      return;
    }
    this.deadline = setTimeout(this.expire, this.settings.timeoutMs);
    this.deadline.unref();
  };

  readonly onAck = (error: Error | null): void => {
    if (this.deadline !== null) clearTimeout(this.deadline);
    this.deadline = null;
    // An error here means the session closed first; its 'close' handler has cleaned up.
    if (error === null && !this.session.destroyed) this.session.setTimeout(this.settings.timeMs);
  };

  readonly expire = (): void => {
    this.deadline = null;
    if (this.session.destroyed) return;
    this.log.warn(
      { timeoutMs: this.settings.timeoutMs },
      'keepalive PING not acknowledged in time; closing the connection and cancelling its streams',
    );
    // The streams on it close with the session, and each call's handler hears a cancel.
    this.session.destroy();
  };

  readonly onClose = (): void => {
    if (this.deadline !== null) clearTimeout(this.deadline);
    this.deadline = null;
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
  session.on('timeout', keepalive.onIdle);
  session.once('close', keepalive.onClose);
  session.setTimeout(settings.timeMs);
}
