import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** The §18 conformance suite, but for the file that drives real servers itself (every transport). */
const CONFORMANCE = ['test/conformance/**/*.test.ts'];
const CONFORMANCE_OVER_ITSELF = ['test/conformance/grpc-transport.test.ts'];

/**
 * The §18 suite once more over a network transport (test/conformance/wire.ts): the same cases,
 * each processor served on a loopback port and reached with the kit's gRPC client.
 */
const overTransport = (transport: 'grpc-js' | 'http2' | 'wire') => ({
  extends: true as const,
  test: {
    name: `conformance:${transport}`,
    include: CONFORMANCE,
    exclude: ['**/node_modules/**', 'dist/**', ...CONFORMANCE_OVER_ITSELF],
    env: { ATTACHE_CONFORMANCE_TRANSPORT: transport },
  },
});

export default defineConfig({
  resolve: {
    // Built-in processors and examples import the framework by its package name, exactly as
    // a third-party plugin does; in tests that name points at the TypeScript sources.
    alias: [
      { find: /^attache-extproc\/testing$/, replacement: here('./src/testing/index.ts') },
      { find: /^attache-extproc$/, replacement: here('./src/index.ts') },
    ],
  },
  test: {
    // Holds grpc-js's own log lines; a failing test prints them (see the file).
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on a 2-core CI machine, one worker and
    // an idle core. Two there cut the suite from ~370 s to ~225 s per Node (both passing).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          // Everything, the §18 suite in process included.
          name: 'attache',
          include: [
            'src/**/*.test.ts',
            'processors/**/*.test.ts',
            'examples/**/*.test.ts',
            'envoy/**/*.test.ts',
            'test/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', 'dist/**'],
        },
      },
      overTransport('grpc-js'),
      overTransport('http2'),
      overTransport('wire'),
    ],
  },
});
