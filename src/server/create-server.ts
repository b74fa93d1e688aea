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

/** Options of {@link createServer}. */
export interface ServerOptions extends ProcessorOptions {
  /** Address to listen on, `host:port` (default `127.0.0.1:50051`; use `0.0.0.0:50051` in containers). */
  readonly address?: string;
  /** Time open streams get to finish on shutdown, in ms (default 10 000). */
  readonly shutdownGraceMs?: number;
  /** Extra grpc-js server options (e.g. `grpc.keepalive_time_ms`). */
  readonly grpcOptions?: grpc.ServerOptions;
  /** Server credentials (default: insecure, as Envoy's `envoy_grpc` cluster on h2c expects). */
  readonly credentials?: grpc.ServerCredentials;
}

/** A running (or ready to run) attache server. */
export interface AttacheServer {
  /** The processor behind the transport (usable in-process, e.g. by the test kit). */
  readonly processor: Processor;
  /** Binds and starts serving; resolves with the bound address (port 0 picks a free port). */
  listen(address?: string): Promise<{ address: string; port: number }>;
  /**
   * Graceful shutdown: health turns NOT_SERVING, no new streams are accepted, open streams get
   * `graceMs` to finish, then the rest are cut and the plugins closed.
   */
  close(graceMs?: number): Promise<void>;
}

const SERVICES = ['', EXT_PROC_SERVICE];

/**
 * Creates an attache server: validates the plugins, runs their `setup`, and prepares grpc-js
 * with the ext_proc and `grpc.health.v1` services.
 *
 * @example
 * ```ts
 * const server = await createServer({ plugins: [{ plugin: addHeader, options: { name: 'x-a', value: '1' } }] });
 * const { port } = await server.listen('127.0.0.1:50051');
 * process.once('SIGTERM', () => server.close());
 * ```
 */
export async function createServer(options: ServerOptions): Promise<AttacheServer> {
  const log: Logger = options.log ?? createLogger();
  const processor = await createProcessor({ ...options, log });
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

  return {
    processor,
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
      log.info({ address: bound, plugins: processor.pipeline.names }, 'attache listening');
      return { address: bound, port };
    },
    close(graceMs = options.shutdownGraceMs ?? 10_000) {
      closing ??= (async () => {
        for (const s of SERVICES) health.setStatus(s, 'NOT_SERVING');
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
        log.info('stopped');
      })();
      return closing;
    },
  };
}
