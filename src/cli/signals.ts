/**
 * Waiting for SIGTERM/SIGINT, shared by the long-running commands.
 *
 * @module
 */
import type { Logger } from '../log.js';

/** Resolves with the first SIGTERM or SIGINT; the handlers are removed again at that point. */
export function waitForSignal(log: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'signal received');
      process.removeListener('SIGTERM', stop);
      process.removeListener('SIGINT', stop);
      resolve(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
