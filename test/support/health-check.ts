/**
 * A `grpc.health.v1.Health/Check` call by hand (HealthCheckRequest{service=1},
 * HealthCheckResponse{status=1}), on a fresh connection each time.
 */
import * as grpc from '@grpc/grpc-js';

const encodeCheck = (service: string) => {
  const s = Buffer.from(service);
  return Buffer.concat([Buffer.from([0x0a, s.length]), s]);
};
const decodeStatus = (b: Buffer) => (b.length >= 2 && b[0] === 0x08 ? (b[1] as number) : 0);

/** Health statuses as numbers on the wire. */
export const HEALTH = { SERVING: 1, NOT_SERVING: 2 } as const;

/**
 * Resolves with the reported status, or the gRPC error code (UNAVAILABLE: nobody listening, or
 * the connection refused). `credentials` default to cleartext.
 */
export function healthCheck(
  address: string,
  service: string,
  credentials: grpc.ChannelCredentials = grpc.credentials.createInsecure(),
): Promise<{ status?: number; code?: number }> {
  const client = new grpc.Client(address, credentials);
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      '/grpc.health.v1.Health/Check',
      (x: Buffer) => x,
      (x: Buffer) => x,
      encodeCheck(service),
      (error, value) => {
        client.close();
        resolve(error ? { code: error.code } : { status: decodeStatus(value as Buffer) });
      },
    );
  });
}
