/**
 * Waiting for SIGTERM/SIGINT, shared by the long-running commands.
 *
 * @module
 */
import type { Logger } from '../log.js';

/**
 * Resolves with the first SIGTERM or SIGINT; the handlers are removed again at that point, or
 * when `cancel` aborts (the promise then stays pending).
 */
export function waitForSignal(log: Logger, cancel?: AbortSignal): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const remove = () => {
      process.removeListener('SIGTERM', stop);
      process.removeListener('SIGINT', stop);
      cancel?.removeEventListener('abort', remove);
    };
    const stop = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'signal received');
      remove();
      resolve(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    cancel?.addEventListener('abort', remove);
  });
}
