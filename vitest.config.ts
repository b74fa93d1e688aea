import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

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
    include: [
      'src/**/*.test.ts',
      'processors/**/*.test.ts',
      'examples/**/*.test.ts',
      'envoy/**/*.test.ts',
      'test/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'dist/**'],
    // Holds grpc-js's own log lines; a failing test prints them (see the file).
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
