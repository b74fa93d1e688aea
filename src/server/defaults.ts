/**
 * Server defaults the config schema shares (kept apart so the schema does not load grpc-js).
 *
 * @module
 */

/**
 * @internal
 * Default of `ServerOptions.drainDelayMs`: Envoy's active gRPC health check marks a host
 * unhealthy after `unhealthy_threshold` (2) failed checks at its `interval` (5 s in the usual
 * setups), i.e. up to 10 s after NOT_SERVING; Kubernetes' endpoint removal reaches Envoy within a
 * few seconds. 10 s of drain plus the 10 s grace period stays inside Kubernetes' default
 * `terminationGracePeriodSeconds` of 30 s.
 */
export const DEFAULT_DRAIN_DELAY_MS = 10_000;

/**
 * @internal
 * Default of `ServerOptions.transport` and `grpc.transport`. Both transports now take TLS/mTLS,
 * Unix sockets and keepalive through the same options (`tls`, `keepalive`, `unix:` addresses);
 * the one difference is `clientAuth: request`, which only `http2` can do.
 */
export const DEFAULT_TRANSPORT = 'grpc-js' as const;
