/**
 * `attache serve --config <file> [--watch]`: load the config, start the server, reload the
 * config on SIGHUP (and on file changes with `--watch`), shut down gracefully (exit 0): on
 * SIGTERM after the drain delay (`timeouts.drainDelayMs`: NOT_SERVING while still serving), on
 * SIGINT (Ctrl-C) or a second signal at once.
 *
 * @module
 */
import { loadConfig } from '../config/load-config.js';
import { toServerOptions } from '../config/to-server-options.js';
import { createLogger } from '../log.js';
import { createServer } from '../server/create-server.js';
import { reloadUntilSignal } from './reloader.js';
import { waitForSignal } from './signals.js';

/** Options of {@link serve}. */
export interface ServeArgs {
  readonly config: string;
  /** Overrides `grpc.address`. */
  readonly address?: string | undefined;
  /** Reload when the config file or a plugin file it loads changes. */
  readonly watch?: boolean | undefined;
}

/** Runs the server until a termination signal; resolves when it has stopped. */
export async function serve(args: ServeArgs): Promise<void> {
  const loaded = await loadConfig(args.config);
  const log = createLogger(loaded.config.log.level);
  const options = await toServerOptions(loaded, log);
  const server = await createServer(options);
  let address: string;
  try {
    ({ address } = await server.listen(args.address ?? options.address));
  } catch (error) {
    // Close the plugins (and drop the process handlers) before reporting the bad address.
    await server.close(0);
    throw error;
  }
  if (process.stderr.isTTY) {
    process.stderr.write(
      `\nattache is serving ${loaded.file} on ${address}.\n` +
        `Send a request through it (no Envoy needed):\n  npx -p attache-extproc attache send --target ${address} --path /hello\n\n`,
    );
  }
  const signal = await reloadUntilSignal({
    file: loaded.file,
    started: loaded.config,
    processor: server.processor,
    log,
    watch: args.watch === true,
  });
  if (signal === 'SIGTERM') {
    // The orchestrator's stop: let health checks see NOT_SERVING before the listener closes.
    // A second SIGTERM or SIGINT ends the drain delay early.
    const second = new AbortController();
    void waitForSignal(log, second.signal).then(() => server.close());
    try {
      await server.shutdown();
    } finally {
      second.abort();
    }
  } else {
    await server.close();
  }
}
