/**
 * `createServer`: a processor behind a gRPC transport (grpc-js or `node:http2`), with gRPC
 * health and graceful shutdown.
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import { AttacheError, ErrorCode } from '../errors.js';
import { createLogger, type Logger } from '../log.js';
import { createProcessor, type Processor, type ProcessorOptions } from '../processor.js';
import { createHttp2Transport } from '../transport/http2.js';
import { createWireTransport } from '../transport/wire.js';
import { DEFAULT_DRAIN_DELAY_MS, DEFAULT_TRANSPORT } from './defaults.js';
import {
  formatListenTarget,
  freeSocketPath,
  type ListenTarget,
  parseListenAddress,
} from './listen-address.js';
import { Readiness } from './readiness.js';
import {
  joinStrayErrorHandling,
  reportStrayError,
  type StrayErrorAction,
  StrayErrorCounter,
  type StrayErrorCounts,
} from './stray-errors.js';
import {
  checkKeepalive,
  checkTls,
  type KeepaliveOptions,
  type ServerKeepalive,
  type ServerTls,
  type TlsOptions,
} from './tls-options.js';
import type { ServerTransport, TransportName } from './transport.js';
import { TRANSPORTS } from './transport.js';
import { createGrpcJsTransport, grpcJsCredentials } from './transport-grpc-js.js';

/** Options of {@link createServer}. */
export interface ServerOptions extends ProcessorOptions {
  /**
   * Address to listen on: `host:port` (default `127.0.0.1:50051`; use `0.0.0.0:50051` in
   * containers) or a Unix domain socket, `unix:/run/attache/ext-proc.sock` (`unix:///abs/path`
   * too; a relative path resolves against the working directory).
   */
  readonly address?: string;
  /** Time open streams get to finish on shutdown, in ms (default 10 000). */
  readonly shutdownGraceMs?: number;
  /**
   * Time {@link AttacheServer.shutdown} keeps accepting and serving new streams while health
   * reports NOT_SERVING, in ms (default {@link DEFAULT_DRAIN_DELAY_MS}), so that Envoy's health
   * checks and Kubernetes see the server leave before it stops accepting.
   */
  readonly drainDelayMs?: number;
  /**
   * What to do with a plugin's stray asynchronous error (a rejected promise nobody awaits, a
   * throwing timer or `abort` listener); see {@link StrayErrorAction}. Default `log`: process
   * handlers, installed while the server runs, log it and count it in
   * {@link AttacheServer.strayErrors}, and the server keeps serving. Use `off` when the
   * embedding program handles `unhandledRejection` / `uncaughtException` itself.
   */
  readonly strayErrors?: StrayErrorAction;
  /**
   * The gRPC transport (default `http2`): `http2` is attache's own gRPC framing over
   * `node:http2`, which needs a fraction of grpc-js's CPU per stream and, on Node 22+, survives
   * Envoy's reset of every stream without GOAWAYs; `grpc-js` is `@grpc/grpc-js`, which
   * `grpcOptions` and `credentials` need; `wire` is attache's own HTTP/2 server as well, the
   * least CPU per stream and no reset limiter on any Node, not yet the default (README, Transports).
   */
  readonly transport?: TransportName;
  /**
   * TLS, or mutual TLS with `ca` (default: none, cleartext HTTP/2 as Envoy's `envoy_grpc`
   * cluster speaks without a `transport_socket`). Either transport; checked at creation: the PEM
   * must parse and the key match the certificate.
   */
  readonly tls?: TlsOptions;
  /** HTTP/2 keepalive PINGs (default: gRPC's, a PING after 2 h idle, 20 s to answer). Either transport. */
  readonly keepalive?: KeepaliveOptions;
  /**
   * `http2` transport on a Node without `streamResetBurst`/`streamResetRate` (below 22): log, when
   * it listens, that Envoy's stream close will meet GOAWAYs and how to avoid them (default true).
   * Set false when one program runs several servers and says it once itself, as
   * `attache serve --processes` does.
   */
  readonly resetRateWarning?: boolean;
  /**
   * Extra grpc-js server options; `grpc-js` transport only (set `transport: 'grpc-js'`). Keepalive belongs in
   * {@link ServerOptions.keepalive}: its `grpc.keepalive_*` keys cannot be combined with it.
   */
  readonly grpcOptions?: grpc.ServerOptions;
  /**
   * grpc-js server credentials, for what {@link ServerOptions.tls} does not cover; `grpc-js`
   * transport only (set `transport: 'grpc-js'`), and not together with `tls`.
   */
  readonly credentials?: grpc.ServerCredentials;
  /**
   * The readiness this server moves through its states (default: a new one, as
   * {@link AttacheServer.readiness}). Pass your own to report readiness from before the plugins'
   * `setup` runs (it stays `starting` until {@link AttacheServer.listen} binds).
   */
  readonly readiness?: Readiness;
}

/** A running (or ready to run) attache server. */
export interface AttacheServer {
  /** The processor behind the transport (usable in-process, e.g. by the test kit). */
  readonly processor: Processor;
  /**
   * Stray asynchronous errors seen since the server was created, in total, unattributed and per
   * plugin (live counts; always zero with `strayErrors: 'off'`).
   */
  readonly strayErrors: StrayErrorCounts;
  /**
   * Whether the server should get new streams: `starting` until {@link listen} binds, `serving`,
   * then `draining` from the moment {@link shutdown} or {@link close} is called. gRPC health
   * follows it: SERVING exactly while it is `serving`, for `""` and the ext_proc service.
   */
  readonly readiness: Readiness;
  /**
   * Binds and starts serving; resolves with the bound address: `host:port` with the bound port
   * (port 0 picks a free one), or `unix:/abs/path` with `port` 0. A Unix socket file left by a
   * dead process is replaced; one a server still listens on fails with `LISTEN_FAILED`. The
   * socket file is removed on close.
   */
  listen(address?: string): Promise<{ address: string; port: number }>;
  /**
   * The shutdown for SIGTERM: health turns NOT_SERVING at once while the server keeps accepting
   * and serving for `drainDelayMs`, then it stops accepting and closes as {@link close} does.
   * A call to `close()` meanwhile ends the drain delay early.
   */
  shutdown(): Promise<ShutdownOutcome>;
  /**
   * Graceful shutdown without the drain delay: health turns NOT_SERVING, no new streams or
   * connections are accepted, open streams get `graceMs` to finish, then the rest are cut and
   * the plugins closed. Every call resolves with the same outcome; a call during the grace
   * period with a shorter `graceMs` ends it sooner (`close(0)`: cut what is open now, as a second
   * signal asks).
   */
  close(graceMs?: number): Promise<ShutdownOutcome>;
}

/** How a server's shutdown ended ({@link AttacheServer.close}, {@link AttacheServer.shutdown}). */
export interface ShutdownOutcome {
  /**
   * Streams still open when the grace period ended, which were cut: 0 when every open stream
   * finished in time (a clean drain). `attache serve` exits 1 when it is not 0.
   */
  readonly cutStreams: number;
}

export type { TransportName };
export { DEFAULT_DRAIN_DELAY_MS, DEFAULT_TRANSPORT, Readiness };

/**
 * Creates an attache server: validates the plugins, runs their `setup`, and prepares the
 * transport (`options.transport`) with the ext_proc and `grpc.health.v1` services.
 *
 * @example
 * ```ts
 * const server = await createServer({ plugins: [{ plugin: addHeader, options: { name: 'x-a', value: '1' } }] });
 * const { port } = await server.listen('127.0.0.1:50051');
 * process.once('SIGTERM', () => server.shutdown());
 * ```
 */
export async function createServer(options: ServerOptions): Promise<AttacheServer> {
  const log: Logger = options.log ?? createLogger();
  const drainDelayMs = options.drainDelayMs ?? DEFAULT_DRAIN_DELAY_MS;
  if (!Number.isInteger(drainDelayMs) || drainDelayMs < 0) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `drainDelayMs must be a non-negative integer, got ${drainDelayMs}`,
    );
  }
  const strayAction = options.strayErrors ?? 'log';
  if (strayAction !== 'log' && strayAction !== 'exit' && strayAction !== 'off') {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `strayErrors must be "log", "exit" or "off", got ${JSON.stringify(strayAction)}`,
    );
  }
  const transport = options.transport ?? DEFAULT_TRANSPORT;
  if (!TRANSPORTS.includes(transport)) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `transport must be one of ${TRANSPORTS.map((t) => JSON.stringify(t)).join(', ')}, got ${JSON.stringify(transport)}`,
    );
  }
  if (transport !== 'grpc-js') {
    for (const key of ['grpcOptions', 'credentials'] as const) {
      if (options[key] !== undefined) {
        const which =
          options.transport === undefined ? 'the default transport, http2,' : `the ${transport} transport`;
        throw new AttacheError(
          ErrorCode.CONFIG_INVALID,
          `${key} applies to the grpc-js transport only; ${which} does not take it (it takes tls and keepalive): set transport: 'grpc-js' to use it`,
        );
      }
    }
  }
  const security = checkSecurity(options, transport);
  const strayErrors = new StrayErrorCounter();
  let processor: Processor | undefined;
  let server: AttacheServer | undefined;
  let exiting = false;
  // Joined before the plugins' setup runs: a setup may start the timer that later throws.
  const leave =
    strayAction === 'off'
      ? () => {}
      : joinStrayErrorHandling({
          runs: (plugin) => processor?.plugins.includes(plugin) ?? false,
          handle(kind, error, origin) {
            reportStrayError(log, strayErrors, kind, error, origin);
            if (strayAction === 'exit' && server !== undefined && !exiting) {
              exiting = true;
              log.error('strayErrors is "exit": shutting down, then exiting with code 1');
              void server.shutdown().finally(() => process.exit(1));
            }
          },
        });
  try {
    processor = await createProcessor({ ...options, log });
  } catch (error) {
    leave();
    throw error;
  }
  server = serverFor(processor, options, security, log, drainDelayMs, strayErrors.counts, leave);
  return server;
}

/** The transport-neutral TLS and keepalive settings, checked against the grpc-js-only ones. */
interface Security {
  readonly tls: ServerTls | undefined;
  readonly keepalive: ServerKeepalive;
}

const GRPC_JS_KEEPALIVE_KEYS = ['grpc.keepalive_time_ms', 'grpc.keepalive_timeout_ms'] as const;

function checkSecurity(options: ServerOptions, transport: TransportName): Security {
  if (options.tls !== undefined && options.credentials !== undefined) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      'tls and credentials cannot be combined: give the certificate as tls (either transport) or as grpc-js credentials, not both',
    );
  }
  const clash = GRPC_JS_KEEPALIVE_KEYS.find((key) => options.grpcOptions?.[key] !== undefined);
  if (options.keepalive !== undefined && clash !== undefined) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `keepalive and grpcOptions["${clash}"] cannot be combined: set keepalive.timeMs and keepalive.timeoutMs only`,
    );
  }
  const tls = options.tls === undefined ? undefined : checkTls(options.tls);
  // Fails now, not at listen, when grpc-js cannot do what tls asks.
  if (tls !== undefined && transport === 'grpc-js') grpcJsCredentials(tls);
  return { tls, keepalive: checkKeepalive(options.keepalive) };
}

function createTransport(
  processor: Processor,
  options: ServerOptions,
  security: Security,
  log: Logger,
): ServerTransport {
  const { tls, keepalive } = security;
  switch (options.transport ?? DEFAULT_TRANSPORT) {
    case 'http2':
      return createHttp2Transport(processor, {
        log,
        tls,
        keepalive,
        resetRateWarning: options.resetRateWarning,
      });
    case 'wire':
      return createWireTransport(processor, { log, tls, keepalive });
    default:
      return createGrpcJsTransport(processor, log, {
        grpcOptions: options.grpcOptions,
        credentials: options.credentials,
        tls,
        keepalive,
      });
  }
}

function serverFor(
  processor: Processor,
  options: ServerOptions,
  security: Security,
  log: Logger,
  drainDelayMs: number,
  strayErrors: StrayErrorCounts,
  leave: () => void,
): AttacheServer {
  const readiness = options.readiness ?? new Readiness();
  const transport = createTransport(processor, options, security, log);
  let listening = false;
  let closing: Promise<ShutdownOutcome> | null = null;
  let shuttingDown: Promise<ShutdownOutcome> | null = null;
  let endDrain: (() => void) | null = null;
  let endGrace: ((graceMs: number) => void) | null = null;
  // gRPC health says what readiness says: NOT_SERVING until listen binds, and from the drain on.
  transport.setServing(readiness.ready);
  readiness.onChange((ready) => transport.setServing(ready));
  const notServing = () => readiness.set('draining');

  const self: AttacheServer = {
    processor,
    strayErrors,
    readiness,
    async listen(address = options.address ?? '127.0.0.1:50051') {
      if (listening) throw new AttacheError(ErrorCode.LISTEN_FAILED, 'server is already listening');
      let target: ListenTarget;
      let port: number;
      try {
        target = parseListenAddress(address);
        // A socket file left by a dead server is removed; a live one is never taken over.
        if (target.kind === 'unix') await freeSocketPath(target.path);
        port = await transport.listen(target);
      } catch (error) {
        throw new AttacheError(
          ErrorCode.LISTEN_FAILED,
          `cannot listen on ${address}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      listening = true;
      readiness.set('serving');
      const bound = formatListenTarget(target, port);
      log.info(
        {
          address: bound,
          transport: options.transport ?? DEFAULT_TRANSPORT,
          tls: security.tls?.clientAuth ?? 'off',
          plugins: processor.plugins,
        },
        'attache listening',
      );
      return { address: bound, port };
    },
    shutdown() {
      shuttingDown ??= (async () => {
        if (closing === null && drainDelayMs > 0) {
          notServing();
          log.info(
            { drainDelayMs, openStreams: processor.activeStreams },
            'draining: health is NOT_SERVING; still accepting and serving until the drain delay ends',
          );
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, drainDelayMs);
            endDrain = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          endDrain = null;
        }
        return self.close();
      })();
      return shuttingDown;
    },
    close(graceMs?: number) {
      endDrain?.();
      if (closing !== null) {
        if (graceMs !== undefined) endGrace?.(graceMs);
        return closing;
      }
      const grace = graceMs ?? options.shutdownGraceMs ?? 10_000;
      closing = (async () => {
        notServing();
        log.info({ openStreams: processor.activeStreams, graceMs: grace }, 'shutting down');
        let cutStreams = 0;
        await new Promise<void>((resolve) => {
          const cut = () => {
            endGrace = null;
            cutStreams = processor.activeStreams;
            log.warn({ openStreams: cutStreams }, 'grace period over; cutting remaining streams');
            transport.forceClose();
            resolve();
          };
          let timer = setTimeout(cut, grace);
          const start = performance.now();
          let deadline = grace;
          endGrace = (ms) => {
            const elapsed = performance.now() - start;
            if (elapsed + ms >= deadline) return;
            deadline = elapsed + ms;
            clearTimeout(timer);
            if (ms <= 0) cut();
            else timer = setTimeout(cut, ms);
          };
          void transport.stopAccepting().then(() => {
            endGrace = null;
            clearTimeout(timer);
            resolve();
          });
        });
        await processor.close();
        leave();
        readiness.set('stopped');
        log.info({ cutStreams }, 'stopped');
        return { cutStreams };
      })();
      return closing;
    },
  };
  return self;
}
