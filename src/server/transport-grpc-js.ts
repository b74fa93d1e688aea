/**
 * The grpc-js {@link ServerTransport}: `@grpc/grpc-js` with `grpc-health-check`.
 *
 * @module
 */
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { AttacheError, ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import type { Processor } from '../processor.js';
import { EXT_PROC_SERVICE } from '../protocol/service.js';
import { addExtProcService } from '../transport/grpc-js.js';
import { formatListenTarget } from './listen-address.js';
import type { ServerKeepalive, ServerTls } from './tls-options.js';
import type { ServerTransport } from './transport.js';

const SERVICES = ['', EXT_PROC_SERVICE];

/** What the grpc-js transport is built from. @internal */
export interface GrpcJsTransportOptions {
  readonly grpcOptions: grpc.ServerOptions | undefined;
  readonly credentials: grpc.ServerCredentials | undefined;
  readonly tls: ServerTls | undefined;
  readonly keepalive: ServerKeepalive;
}

/**
 * The transport-neutral TLS settings as grpc-js credentials. grpc-js either requires a client
 * certificate that verifies or asks for none: it has no "verify if sent", so `request` is refused.
 * @internal
 */
export function grpcJsCredentials(tls: ServerTls): grpc.ServerCredentials {
  if (tls.clientAuth === 'request') {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      'tls.clientAuth "request" needs the http2 or wire transport: grpc-js can only require a client certificate or not ask for one',
    );
  }
  return grpc.ServerCredentials.createSsl(
    tls.ca === undefined ? null : Buffer.from(tls.ca),
    [{ cert_chain: Buffer.from(tls.cert), private_key: Buffer.from(tls.key) }],
    tls.clientAuth === 'require',
  );
}

/** @internal */
export function createGrpcJsTransport(
  processor: Pick<Processor, 'connect' | 'maxReceiveMessageBytes'>,
  log: Logger,
  options: GrpcJsTransportOptions,
): ServerTransport {
  const credentials =
    options.tls === undefined
      ? (options.credentials ?? grpc.ServerCredentials.createInsecure())
      : grpcJsCredentials(options.tls);
  const server = new grpc.Server({
    // Leave room above our own limit so oversized messages reach the decoder and get a clear error.
    'grpc.max_receive_message_length': Math.min(
      processor.maxReceiveMessageBytes * 2 + (1 << 20),
      2 ** 31 - 1,
    ),
    'grpc.max_send_message_length': -1,
    'grpc.keepalive_time_ms': options.keepalive.timeMs,
    'grpc.keepalive_timeout_ms': options.keepalive.timeoutMs,
    ...options.grpcOptions,
  });
  const health = new HealthImplementation(Object.fromEntries(SERVICES.map((s) => [s, 'SERVING' as const])));
  health.addToServer(server);
  addExtProcService(server, processor, log);
  return {
    listen(target) {
      const address = formatListenTarget(target, target.kind === 'unix' ? 0 : target.port);
      return new Promise<number>((resolve, reject) => {
        server.bindAsync(address, credentials, (error, port) =>
          error ? reject(error) : resolve(target.kind === 'unix' ? 0 : port),
        );
      });
    },
    setServing(serving) {
      for (const s of SERVICES) health.setStatus(s, serving ? 'SERVING' : 'NOT_SERVING');
    },
    stopAccepting() {
      return new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    },
    forceClose() {
      server.forceShutdown();
    },
  };
}
