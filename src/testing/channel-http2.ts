/**
 * {@link http2Channel}: the kit's own gRPC client for `ExternalProcessor/Process`, with
 * attache's framing over its own HTTP/2 frame layer (./h2/): one HTTP/2 connection for all
 * calls, Envoy's two ways of ending a call, and a safe retry of calls a GOAWAY refused.
 *
 * @module
 */
import net from 'node:net';
import tls from 'node:tls';
import { PROCESS_PATH } from '../protocol/service.js';
import { formatListenTarget, type ListenTarget, parseListenAddress } from '../server/listen-address.js';
import type { ClientSideStream, ClientStreamEvents, ExtProcChannel } from './channel.js';
import { Http2Call } from './channel-http2-call.js';
import { H2Connection } from './h2/connection.js';

/**
 * How a call ends once Envoy is done with it.
 *
 * - `reset`: Envoy's default, END_STREAM then RST_STREAM(CANCEL) at once. A Node server on
 *   Node < 22 (or any server without a raised `streamResetBurst`) answers about every 1,000 such
 *   resets on one connection with a GOAWAY that kills the calls in flight.
 * - `graceful`: Envoy with `envoy.reloadable_features.ext_proc_graceful_grpc_close`: END_STREAM,
 *   then wait for the server's trailers; RST_STREAM only when they do not come within
 *   `gracefulCloseTimeoutMs`.
 */
export type ChannelCloseMode = 'reset' | 'graceful';

/**
 * TLS settings of {@link http2Channel} (the connection uses TLS when this is given).
 *
 * @example
 * ```ts
 * const tlsOptions: Http2ChannelTls = { ca: readFileSync('ca.pem'), servername: 'extproc.local' };
 * ```
 */
export interface Http2ChannelTls {
  /** Trusted CA certificate(s), PEM (the system's CAs when absent). */
  ca?: string | Buffer;
  /** Client certificate, PEM, for mTLS. */
  cert?: string | Buffer;
  /** Client private key, PEM, for mTLS. */
  key?: string | Buffer;
  /** Server name to send (SNI) and verify, when it differs from the address's host. */
  servername?: string;
}

/**
 * Options of {@link http2Channel}.
 *
 * @example
 * ```ts
 * const channel = http2Channel('127.0.0.1:50051', { close: 'graceful', deadlineMs: 5000 });
 * ```
 */
export interface Http2ChannelOptions {
  /** How a call ends when Envoy is done with it (default `reset`, Envoy's default). */
  close?: ChannelCloseMode;
  /** How long a `graceful` close waits for the server's trailers before resetting (default 1000 ms). */
  gracefulCloseTimeoutMs?: number;
  /** Largest reply accepted, in bytes (default: unlimited, as Envoy, doc §1.9); larger → RESOURCE_EXHAUSTED. */
  maxReceiveMessageBytes?: number;
  /** Largest request sent, in bytes (default: unlimited); larger → RESOURCE_EXHAUSTED, the call is reset. */
  maxSendMessageBytes?: number;
  /** Deadline of each call in ms, sent as `grpc-timeout` and enforced here (DEADLINE_EXCEEDED); none by default. */
  deadlineMs?: number;
  /** TLS (and mTLS) settings; plaintext HTTP/2 when absent. */
  tls?: Http2ChannelTls;
}

/** How often a call a GOAWAY refused before processing is tried again on a new connection. */
const MAX_ATTEMPTS = 5;

/** HTTP/2 receive windows large enough that a big reply (a replaced body) is not paced per 64 KiB. */
const STREAM_WINDOW_BYTES = 1 << 20;
const CONNECTION_WINDOW_BYTES = 16 << 20;

/** What every call of one channel shares. */
export interface ChannelContext {
  readonly close: ChannelCloseMode;
  readonly gracefulCloseTimeoutMs: number;
  readonly maxReceiveMessageBytes: number;
  readonly maxSendMessageBytes: number;
  readonly deadlineMs: number | undefined;
  readonly maxAttempts: number;
  /** Names of the request fields every call sends (call metadata cannot replace them). */
  readonly requestFields: ReadonlySet<string>;
  /** The connection new calls go to (a new one after a GOAWAY or close), or null once the channel is closed. */
  connection(): H2Connection | null;
}

interface Target {
  readonly scheme: 'http' | 'https';
  readonly authority: string;
  readonly connect: () => net.Socket;
}

/** Parses `host:port`, `[v6]:port` or `unix:/path` (also `unix:///path`) into a connection recipe. */
function parseTarget(address: string, tlsOptions: Http2ChannelTls | undefined): Target {
  const scheme = tlsOptions === undefined ? 'http' : 'https';
  const secure = (socketOptions: net.NetConnectOpts, host: string): net.Socket =>
    tls.connect({
      ...socketOptions,
      ALPNProtocols: ['h2'],
      servername: tlsOptions?.servername ?? (net.isIP(host) === 0 ? host : undefined),
      ...(tlsOptions?.ca === undefined ? {} : { ca: tlsOptions.ca }),
      ...(tlsOptions?.cert === undefined ? {} : { cert: tlsOptions.cert }),
      ...(tlsOptions?.key === undefined ? {} : { key: tlsOptions.key }),
    } as tls.ConnectionOptions);
  let parsed: ListenTarget;
  try {
    parsed = parseListenAddress(address);
  } catch {
    // The server's own grammar of addresses, with the client's wording.
    throw new Error(
      address.startsWith('unix:')
        ? `http2Channel: "${address}" names no socket path`
        : `http2Channel: expected host:port or unix:/path, got "${address}"`,
    );
  }
  if (parsed.kind === 'unix') {
    const { path } = parsed;
    return {
      scheme,
      authority: 'localhost',
      connect: () =>
        tlsOptions === undefined
          ? net.connect({ path })
          : secure({ path }, tlsOptions.servername ?? 'localhost'),
    };
  }
  const { host, port } = parsed;
  if (port === 0) throw new Error(`http2Channel: expected host:port or unix:/path, got "${address}"`);
  const authority = formatListenTarget(parsed, port);
  return {
    scheme,
    authority,
    // No Nagle: every message is a small write the peer waits for.
    connect: () =>
      tlsOptions === undefined
        ? net.connect({ host, port, noDelay: true })
        : secure({ host, port, noDelay: true }, host),
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0)) throw new Error(`http2Channel: ${name} must be a positive number, got ${value}`);
  return value;
}

/**
 * Opens an HTTP/2 client channel to an ext_proc server at `address` (`host:port`,
 * `[v6]:port` or `unix:/path`), speaking gRPC with attache's own framing. Like
 * {@link grpcChannel}, each `runExchange` opens one bidi `Process` call, the call metadata
 * carries `grpcInitialMetadata`, and the CANCELLED status of our own reset is not reported;
 * statuses (codes and percent-decoded messages) are what grpc-js would report.
 *
 * All calls share one HTTP/2 connection, opened on first use. After a GOAWAY (or a drop) new
 * calls go to a new connection; a call the GOAWAY refused (its stream id above the GOAWAY's
 * last stream id, or refused with REFUSED_STREAM) was never processed and is sent again on the
 * new connection, its messages replayed; a call the server had taken ends with the status the
 * connection's end gave it. `close: 'graceful'` ends calls as Envoy's
 * `ext_proc_graceful_grpc_close` does, which keeps a Node < 22 server's reset limiter quiet.
 * Call `close()` when done.
 *
 * @example
 * ```ts
 * const channel = http2Channel('127.0.0.1:50051');
 * try {
 *   const res = await runExchange(channel, { request: { path: '/' } });
 * } finally {
 *   channel.close();
 * }
 * ```
 */
export function http2Channel(
  address: string,
  options: Http2ChannelOptions = {},
): ExtProcChannel & { close(): void } {
  const target = parseTarget(address, options.tls);
  const close = options.close ?? 'reset';
  if (close !== 'reset' && close !== 'graceful') {
    throw new Error(`http2Channel: close must be "reset" or "graceful", got "${String(close)}"`);
  }
  let current: H2Connection | null = null;
  let closed = false;
  const requestFields: Array<[string, string]> = [
    [':method', 'POST'],
    [':scheme', target.scheme],
    [':path', PROCESS_PATH],
    [':authority', target.authority],
    ['content-type', 'application/grpc'],
    ['te', 'trailers'],
  ];
  if (options.deadlineMs !== undefined) {
    requestFields.push(['grpc-timeout', `${Math.ceil(positive(options.deadlineMs, 0, 'deadlineMs'))}m`]);
  }

  const connect = (): H2Connection => {
    const connection = new H2Connection(target.connect(), {
      requestFields,
      streamWindow: STREAM_WINDOW_BYTES,
      connectionWindow: CONNECTION_WINDOW_BYTES,
      secure: target.scheme === 'https',
    });
    connection.onRetire = () => {
      if (current === connection) current = null;
    };
    return connection;
  };

  const context: ChannelContext = {
    close,
    gracefulCloseTimeoutMs: positive(options.gracefulCloseTimeoutMs, 1000, 'gracefulCloseTimeoutMs'),
    maxReceiveMessageBytes: positive(options.maxReceiveMessageBytes, 0xffff_ffff, 'maxReceiveMessageBytes'),
    maxSendMessageBytes: positive(
      options.maxSendMessageBytes,
      Number.POSITIVE_INFINITY,
      'maxSendMessageBytes',
    ),
    deadlineMs: options.deadlineMs === undefined ? undefined : positive(options.deadlineMs, 0, 'deadlineMs'),
    maxAttempts: MAX_ATTEMPTS,
    requestFields: new Set(requestFields.map(([name]) => name)),
    connection(): H2Connection | null {
      if (closed) return null;
      if (current === null || current.retired) current = connect();
      return current;
    },
  };

  return {
    open(metadata: Record<string, string>, events: ClientStreamEvents): ClientSideStream {
      const call = new Http2Call(context, metadata, events);
      call.start();
      return call;
    },
    close(): void {
      closed = true;
      // Calls in flight finish; the connection ends when the last one does.
      current?.close();
      current = null;
    },
  };
}
