/**
 * Runs before every test file (vitest `setupFiles`).
 *
 * grpc-js writes its own log lines to stderr (a test that binds a taken port on purpose prints
 * "E No address added out of total 1 resolved"), which read as failures in a passing run. They
 * are held and printed when a test fails, where they may explain it. Setting
 * GRPC_VERBOSITY or GRPC_TRACE (or their GRPC_NODE_ forms) turns this off and shows them all.
 */
import { setLogger } from '@grpc/grpc-js';
import { beforeEach } from 'vitest';

const configured = ['GRPC_VERBOSITY', 'GRPC_NODE_VERBOSITY', 'GRPC_TRACE', 'GRPC_NODE_TRACE'].some(
  (name) => process.env[name] !== undefined,
);

if (!configured) {
  const held: string[] = [];
  let shown = 0;
  const hold = (...args: unknown[]): void => void held.push(args.map(String).join(' '));
  setLogger({ error: hold, info: hold, debug: hold });
  beforeEach(({ onTestFailed }) => {
    // What grpc-js logged since the last failure, set-up hooks included.
    onTestFailed(() => {
      if (held.length > shown) process.stderr.write(`grpc-js logged:\n${held.slice(shown).join('\n')}\n`);
      shown = held.length;
    });
  });
}
