/**
 * Transport-neutral TLS and keepalive settings of `createServer`: their shapes, defaults and the
 * start-time checks both transports rely on (the PEM parses, the key matches the certificate).
 *
 * @module
 */
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { AttacheError, ErrorCode } from '../errors.js';

/**
 * Whether the server asks connecting clients (Envoy) for a certificate:
 * - `none`: it does not (server-side TLS only);
 * - `request`: it asks; a client may connect without one, but a certificate it sends must verify
 *   against `ca` (Envoy's `require_client_certificate: false` with a validation context);
 * - `require`: mutual TLS, a client without a certificate that verifies against `ca` is refused.
 */
export type ClientAuth = 'none' | 'request' | 'require';

/** The values of {@link ClientAuth}, in the order the docs list them. @internal */
export const CLIENT_AUTH: readonly ClientAuth[] = ['none', 'request', 'require'];

/** TLS for the gRPC server (`ServerOptions.tls`), the same on both transports. */
export interface TlsOptions {
  /** The server's certificate chain, PEM (leaf first). */
  readonly cert: string | Buffer;
  /** The private key of the leaf certificate, PEM (unencrypted). */
  readonly key: string | Buffer;
  /** The CA certificate(s) client certificates must chain to, PEM; needed for `clientAuth` other than `none`. */
  readonly ca?: string | Buffer | undefined;
  /** Default: `require` when `ca` is given, else `none`. */
  readonly clientAuth?: ClientAuth | undefined;
}

/** HTTP/2 keepalive of the gRPC server (`ServerOptions.keepalive`), the same on both transports. */
export interface KeepaliveOptions {
  /**
   * After how long without activity on a connection the server sends a PING, in ms (default
   * 7 200 000, gRPC's two hours). The http2 transport checks for activity every `timeMs`, so
   * its PING goes out between `timeMs` and twice that after the last frame; grpc-js PINGs
   * every `timeMs`.
   */
  readonly timeMs?: number | undefined;
  /**
   * How long the server waits for the PING's acknowledgement before it closes the connection,
   * cancelling the streams on it, in ms (default 20 000, gRPC's).
   */
  readonly timeoutMs?: number | undefined;
}

/** @internal Default of {@link KeepaliveOptions.timeMs}: gRPC's `KEEPALIVE_TIME` of two hours. */
export const DEFAULT_KEEPALIVE_TIME_MS = 7_200_000;
/** @internal Default of {@link KeepaliveOptions.timeoutMs}: gRPC's `KEEPALIVE_TIMEOUT` of 20 seconds. */
export const DEFAULT_KEEPALIVE_TIMEOUT_MS = 20_000;

/** Longest delay a Node timer takes (larger values fire after 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** {@link TlsOptions} checked and completed. @internal */
export interface ServerTls {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
  readonly ca: string | Buffer | undefined;
  readonly clientAuth: ClientAuth;
}

/** {@link KeepaliveOptions} checked and completed. @internal */
export interface ServerKeepalive {
  readonly timeMs: number;
  readonly timeoutMs: number;
}

/**
 * How an error names the TLS fields: `tls.cert` for the programmatic API, the config keys and
 * file names for `attache.yaml` (with `where`, the config file, before each message). @internal
 */
export interface TlsFieldNames {
  readonly where?: string;
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
  readonly clientAuth: string;
}

/** Field names of `ServerOptions.tls`. @internal */
export const TLS_OPTION_NAMES: TlsFieldNames = {
  cert: 'tls.cert',
  key: 'tls.key',
  ca: 'tls.ca',
  clientAuth: 'tls.clientAuth',
};

function invalid(names: TlsFieldNames, message: string): AttacheError {
  return new AttacheError(
    ErrorCode.CONFIG_INVALID,
    names.where === undefined ? message : `${names.where}: ${message}`,
  );
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every PEM certificate block of `pem`, parsed; throws naming `name` when there is none or one is bad. */
function certificates(
  pem: string | Buffer,
  names: TlsFieldNames,
  field: 'cert' | 'ca',
  what: string,
): X509Certificate[] {
  const name = names[field];
  const blocks = String(pem).match(PEM_CERTIFICATE);
  if (blocks === null)
    throw invalid(names, `${name}: not a PEM ${what} (no "-----BEGIN CERTIFICATE-----" block)`);
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      const which = blocks.length > 1 ? ` (certificate ${i + 1} of ${blocks.length})` : '';
      throw invalid(names, `${name}: not a valid PEM ${what}${which}: ${reasonOf(error)}`);
    }
  });
}

function isPemOrBuffer(value: unknown): value is string | Buffer {
  return typeof value === 'string' || Buffer.isBuffer(value);
}

/**
 * Checks TLS settings the way a start must: each PEM parses, the key belongs to the leaf
 * certificate, `clientAuth` is known and has the CA it needs. Throws `CONFIG_INVALID` naming the
 * field (as `names` spells it) and the reason. @internal
 */
export function checkTls(tls: TlsOptions, names: TlsFieldNames = TLS_OPTION_NAMES): ServerTls {
  for (const field of ['cert', 'key'] as const) {
    if (!isPemOrBuffer(tls[field])) throw invalid(names, `${names[field]}: expected a PEM string or Buffer`);
  }
  if (tls.ca !== undefined && !isPemOrBuffer(tls.ca)) {
    throw invalid(names, `${names.ca}: expected a PEM string or Buffer`);
  }
  const clientAuth = tls.clientAuth ?? (tls.ca === undefined ? 'none' : 'require');
  if (!CLIENT_AUTH.includes(clientAuth)) {
    throw invalid(
      names,
      `${names.clientAuth}: expected ${CLIENT_AUTH.map((c) => JSON.stringify(c)).join(', ')}, got ${JSON.stringify(clientAuth)}`,
    );
  }
  if (clientAuth !== 'none' && tls.ca === undefined) {
    throw invalid(
      names,
      `${names.clientAuth}: "${clientAuth}" needs ${names.ca}, the CA that client certificates must chain to`,
    );
  }
  if (clientAuth === 'none' && tls.ca !== undefined) {
    // A CA nobody checks against is a mistake worth stopping for: mTLS was probably meant.
    throw invalid(
      names,
      `${names.ca}: client certificates are not checked with ${names.clientAuth} "none"; remove it or use "request" or "require"`,
    );
  }
  const [leaf] = certificates(tls.cert, names, 'cert', 'certificate');
  let key: KeyObject;
  try {
    key = createPrivateKey(tls.key);
  } catch (error) {
    throw invalid(names, `${names.key}: not a valid PEM private key: ${reasonOf(error)}`);
  }
  if (!(leaf as X509Certificate).checkPrivateKey(key)) {
    throw invalid(names, `${names.key}: the private key does not match the certificate in ${names.cert}`);
  }
  if (tls.ca !== undefined) certificates(tls.ca, names, 'ca', 'CA certificate');
  return { cert: tls.cert, key: tls.key, ca: tls.ca, clientAuth };
}

function checkMs(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > MAX_TIMER_MS) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${name}: expected an integer from 1 to ${MAX_TIMER_MS} (ms), got ${value}`,
    );
  }
  return value;
}

/** Checks and completes keepalive settings (defaults: gRPC's). @internal */
export function checkKeepalive(keepalive: KeepaliveOptions | undefined): ServerKeepalive {
  return {
    timeMs: checkMs(keepalive?.timeMs, 'keepalive.timeMs', DEFAULT_KEEPALIVE_TIME_MS),
    timeoutMs: checkMs(keepalive?.timeoutMs, 'keepalive.timeoutMs', DEFAULT_KEEPALIVE_TIMEOUT_MS),
  };
}
