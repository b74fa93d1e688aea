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
 * Default of `ServerOptions.transport` and `grpc.transport`: attache's own gRPC framing over
 * `node:http2`, which needs a fraction of grpc-js's CPU per stream and, on Node 22+, lifts
 * nghttp2's reset-rate limit that Envoy's default stream close trips (README, Transports).
 */
export const DEFAULT_TRANSPORT = 'http2' as const;

/**
 * @internal
 * Most processes `attache serve --processes` / `grpc.processes` starts: far above any core count
 * it is useful for, low enough that a typo cannot fork thousands of servers.
 */
export const MAX_PROCESSES = 256;

/**
 * @internal
 * The admin listener's default address (`admin.address`): Prometheus' usual exporter port 9464,
 * on loopback like the gRPC default, clear of Envoy's admin 9901 and gRPC's 50051.
 */
export const DEFAULT_ADMIN_ADDRESS = '127.0.0.1:9464';
