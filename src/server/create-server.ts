/**
 * `createServer`: a processor behind grpc-js, with gRPC health and graceful shutdown.
 *
 * @module
 */
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { AttacheError, ErrorCode } from '../errors.js';
import { createLogger, type Logger } from '../log.js';
import { createProcessor, type Processor, type ProcessorOptions } from '../processor.js';
import { addExtProcService, EXT_PROC_SERVICE } from '../transport/grpc-js.js';
import { DEFAULT_DRAIN_DELAY_MS } from './defaults.js';
import {
  joinStrayErrorHandling,
  reportStrayError,
  type StrayErrorAction,
  StrayErrorCounter,
  type StrayErrorCounts,
} from './stray-errors.js';

/** Options of {@link createServer}. */
export interface ServerOptions extends ProcessorOptions {
  /** Address to listen on, `host:port` (default `127.0.0.1:50051`; use `0.0.0.0:50051` in containers). */
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
  /** Extra grpc-js server options (e.g. `grpc.keepalive_time_ms`). */
  readonly grpcOptions?: grpc.ServerOptions;
  /** Server credentials (default: insecure, as Envoy's `envoy_grpc` cluster on h2c expects). */
  readonly credentials?: grpc.ServerCredentials;
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
  /** Binds and starts serving; resolves with the bound address (port 0 picks a free port). */
  listen(address?: string): Promise<{ address: string; port: number }>;
  /**
   * The shutdown for SIGTERM: health turns NOT_SERVING at once while the server keeps accepting
   * and serving for `drainDelayMs`, then it stops accepting and closes as {@link close} does.
   * A call to `close()` meanwhile ends the drain delay early.
   */
  shutdown(): Promise<void>;
  /**
   * Graceful shutdown without the drain delay: health turns NOT_SERVING, no new streams or
   * connections are accepted, open streams get `graceMs` to finish, then the rest are cut and
   * the plugins closed.
   */
  close(graceMs?: number): Promise<void>;
}

export { DEFAULT_DRAIN_DELAY_MS };

const SERVICES = ['', EXT_PROC_SERVICE];

/**
 * Creates an attache server: validates the plugins, runs their `setup`, and prepares grpc-js
 * with the ext_proc and `grpc.health.v1` services.
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
  server = serverFor(processor, options, log, drainDelayMs, strayErrors.counts, leave);
  return server;
}

function serverFor(
  processor: Processor,
  options: ServerOptions,
  log: Logger,
  drainDelayMs: number,
  strayErrors: StrayErrorCounts,
  leave: () => void,
): AttacheServer {
  const grpcServer = new grpc.Server({
    // Leave room above our own limit so oversized messages reach the decoder and get a clear error.
    'grpc.max_receive_message_length': Math.min(
      processor.maxReceiveMessageBytes * 2 + (1 << 20),
      2 ** 31 - 1,
    ),
    'grpc.max_send_message_length': -1,
    ...options.grpcOptions,
  });
  const health = new HealthImplementation(Object.fromEntries(SERVICES.map((s) => [s, 'SERVING' as const])));
  health.addToServer(grpcServer);
  addExtProcService(grpcServer, processor, log);
  let listening = false;
  let closing: Promise<void> | null = null;
  let shuttingDown: Promise<void> | null = null;
  let endDrain: (() => void) | null = null;
  const notServing = () => {
    for (const s of SERVICES) health.setStatus(s, 'NOT_SERVING');
  };

  const self: AttacheServer = {
    processor,
    strayErrors,
    async listen(address = options.address ?? '127.0.0.1:50051') {
      if (listening) throw new AttacheError(ErrorCode.LISTEN_FAILED, 'server is already listening');
      const credentials = options.credentials ?? grpc.ServerCredentials.createInsecure();
      const port = await new Promise<number>((resolve, reject) => {
        grpcServer.bindAsync(address, credentials, (error, boundPort) => {
          if (error) {
            reject(
              new AttacheError(ErrorCode.LISTEN_FAILED, `cannot listen on ${address}: ${error.message}`, {
                cause: error,
              }),
            );
          } else resolve(boundPort);
        });
      });
      listening = true;
      const host = address.slice(0, address.lastIndexOf(':'));
      const bound = `${host}:${port}`;
      log.info({ address: bound, plugins: processor.plugins }, 'attache listening');
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
        await self.close();
      })();
      return shuttingDown;
    },
    close(graceMs = options.shutdownGraceMs ?? 10_000) {
      endDrain?.();
      closing ??= (async () => {
        notServing();
        log.info({ openStreams: processor.activeStreams, graceMs }, 'shutting down');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            log.warn(
              { openStreams: processor.activeStreams },
              'grace period over; cutting remaining streams',
            );
            grpcServer.forceShutdown();
            resolve();
          }, graceMs);
          grpcServer.tryShutdown(() => {
            clearTimeout(timer);
            resolve();
          });
        });
        await processor.close();
        leave();
        log.info('stopped');
      })();
      return closing;
    },
  };
  return self;
}
