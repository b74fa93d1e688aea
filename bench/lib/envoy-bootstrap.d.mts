/** Options of {@link envoyBootstrap}: every port is a loopback TCP port. */
export interface EnvoyBootstrapOptions {
  adminPort: number;
  withPort: number;
  withoutPort: number;
  upstreamPort: number;
  processorPort: number;
  processingMode?: Record<string, string>;
  gracefulClose?: boolean;
}

/** The Envoy bootstrap of the latency runs (see envoy-bootstrap.mjs), as a JSON-ready object. */
// biome-ignore lint/suspicious/noExplicitAny: the bootstrap is untyped JSON, walked by the test.
export function envoyBootstrap(options: EnvoyBootstrapOptions): any;
