/**
 * The grpc-js {@link ServerTransport}: `@grpc/grpc-js` with `grpc-health-check`.
 *
 * @module
 */
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { Logger } from '../log.js';
import type { Processor } from '../processor.js';
import { EXT_PROC_SERVICE } from '../protocol/service.js';
import { addExtProcService } from '../transport/grpc-js.js';
import type { ServerTransport } from './transport.js';

const SERVICES = ['', EXT_PROC_SERVICE];

/** @internal */
export function createGrpcJsTransport(
  processor: Pick<Processor, 'connect' | 'maxReceiveMessageBytes'>,
  log: Logger,
  grpcOptions: grpc.ServerOptions | undefined,
  credentials: grpc.ServerCredentials | undefined,
): ServerTransport {
  const server = new grpc.Server({
    // Leave room above our own limit so oversized messages reach the decoder and get a clear error.
    'grpc.max_receive_message_length': Math.min(
      processor.maxReceiveMessageBytes * 2 + (1 << 20),
      2 ** 31 - 1,
    ),
    'grpc.max_send_message_length': -1,
    ...grpcOptions,
  });
  const health = new HealthImplementation(Object.fromEntries(SERVICES.map((s) => [s, 'SERVING' as const])));
  health.addToServer(server);
  addExtProcService(server, processor, log);
  return {
    listen(address) {
      return new Promise<number>((resolve, reject) => {
        server.bindAsync(address, credentials ?? grpc.ServerCredentials.createInsecure(), (error, port) =>
          error ? reject(error) : resolve(port),
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
