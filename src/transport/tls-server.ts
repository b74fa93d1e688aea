/**
 * The TLS side of attache's HTTP/2 servers (`http2` and `wire`): ALPN `h2` only (gRPC needs
 * HTTP/2, so no HTTP/1.1 fallback), client certificates asked for and checked as
 * `tls.clientAuth` says.
 *
 * @module
 */
import type tls from 'node:tls';
import type { Logger } from '../log.js';
import type { ServerTls } from '../server/tls-options.js';

/** The `tls.createServer` options (also taken by `http2.createSecureServer`) for `config`. */
export function secureServerOptions(config: ServerTls): tls.TlsOptions {
  return {
    cert: config.cert,
    key: config.key,
    ...(config.ca === undefined ? {} : { ca: config.ca }),
    ALPNProtocols: ['h2'],
    requestCert: config.clientAuth !== 'none',
    // `request` must accept a client without a certificate, so Node cannot reject for it: a
    // certificate that is sent but does not verify is refused by `checkClientCertificates`.
    rejectUnauthorized: config.clientAuth === 'require',
  };
}

/**
 * Listens on `server` for what its options cannot do alone: with `clientAuth: request`, a
 * connection whose certificate does not verify against `tls.ca` is refused; a failed handshake
 * (no or a bad client certificate, no ALPN h2, plain text on the TLS port) is logged at debug
 * level for mTLS set-ups, and ends that connection only.
 */
export function checkClientCertificates(server: tls.Server, config: ServerTls, log: Logger): void {
  if (config.clientAuth === 'request') {
    server.on('secureConnection', (socket: tls.TLSSocket) => {
      if (socket.authorized || socket.getPeerX509Certificate() === undefined) return;
      log.debug(
        { reason: socket.authorizationError },
        'TLS client certificate does not verify against tls.ca; connection refused',
      );
      socket.destroy();
    });
  }
  server.on('tlsClientError', (error) => log.debug({ err: error }, 'TLS handshake failed'));
}
