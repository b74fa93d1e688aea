/**
 * The Kubernetes generators' stance on `grpc.tls`: their Service is `appProtocol:
 * kubernetes.io/h2c`, so kgateway and Envoy Gateway reach attache over cleartext HTTP/2. A TLS
 * server behind it would fail every handshake, so generation stops and says what to do instead.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import type { GenerationContext } from './context.js';

/**
 * @throws AttacheError when the config serves TLS (`grpc.tls`), naming the command and the ways
 *   out.
 */
export function refuseServerTls(context: GenerationContext, command: string): void {
  const { config, file } = context.loaded;
  if (config.grpc.tls === undefined && config.envoy.processorTls === undefined) return;
  const field = config.grpc.tls === undefined ? 'envoy.processorTls' : 'grpc.tls';
  throw new AttacheError(
    ErrorCode.CONFIG_INVALID,
    `${file}: ${field}: ${command} writes a Service that the gateway reaches over cleartext HTTP/2 (appProtocol kubernetes.io/h2c), which a TLS server refuses; inside the cluster leave TLS to the mesh (remove grpc.tls and envoy.processorTls), or write a Gateway API BackendTLSPolicy for Service attache yourself and generate without them`,
  );
}
