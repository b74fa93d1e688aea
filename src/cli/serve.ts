/**
 * `attache serve --config <file> [--watch] [--processes N]`: load the config, start the server,
 * reload the config on SIGHUP (and on file changes with `--watch`), shut down gracefully: on
 * SIGTERM after the drain delay (`timeouts.drainDelayMs`: NOT_SERVING while still serving), on
 * SIGINT (Ctrl-C) or a second signal at once; exit 0 when no open stream had to be cut. With
 * more than one process, a supervisor runs one server per endpoint (src/supervisor/).
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { Registry } from 'prom-client';
import { loadConfig } from '../config/load-config.js';
import { toServerOptions } from '../config/to-server-options.js';
import { AttacheError, ErrorCode } from '../errors.js';
import { createLogger } from '../log.js';
import { createServer } from '../server/create-server.js';
import { MAX_PROCESSES } from '../server/defaults.js';
import { routeGrpcJsLog } from '../server/grpc-js-log.js';
import { writeEndpointsFile } from '../supervisor/endpoints.js';
import { reloadUntilSignal } from './reloader.js';
import { waitForSignal } from './signals.js';

/** Options of {@link serve}. */
export interface ServeArgs {
  readonly config: string;
  /** Overrides `grpc.address`. */
  readonly address?: string | undefined;
  /** Reload when the config file or a plugin file it loads changes. */
  readonly watch?: boolean | undefined;
  /**
   * `--processes`: overrides `grpc.processes`; default the machine's available parallelism. More
   * than 1 runs a supervisor and one server process per endpoint.
   */
  readonly processes?: string | undefined;
  /** `--endpoints-file`: where to write the JSON list of endpoints once all listen. */
  readonly endpointsFile?: string | undefined;
}

/** `--processes` as a number, checked as `grpc.processes` is. */
function processCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_PROCESSES) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `serve: --processes must be an integer from 1 to ${MAX_PROCESSES}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/**
 * Runs the server until a termination signal; resolves with the exit code when it has stopped:
 * 0 when every open stream finished within the grace period, 1 when some were cut.
 */
export async function serve(args: ServeArgs): Promise<number> {
  const loaded = await loadConfig(args.config);
  const log = createLogger(loaded.config.log.level, loaded.config.log.format);
  routeGrpcJsLog(log);
  const processes =
    args.processes === undefined
      ? (loaded.config.grpc.processes ?? availableParallelism())
      : processCount(args.processes);
  if (processes > 1) {
    const { supervise } = await import('../supervisor/supervisor.js');
    return supervise({
      loaded,
      log,
      processes,
      address: args.address,
      watch: args.watch === true,
      endpointsFile: args.endpointsFile,
    });
  }
  const options = await toServerOptions(loaded, log);
  // One registry for the process: the admin listener serves it on /metrics.
  const registry = new Registry();
  const server = await createServer({
    ...options,
    metrics: { registry, prefix: loaded.config.metrics.prefix },
  });
  let address: string;
  try {
    ({ address } = await server.listen(args.address ?? options.address));
    if (args.endpointsFile !== undefined) {
      await writeEndpointsFile(args.endpointsFile, loaded.config.grpc.transport, [{ worker: 0, address }]);
    }
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
      return (await server.shutdown()).cutStreams === 0 ? 0 : 1;
    } finally {
      second.abort();
    }
  }
  return (await server.close()).cutStreams === 0 ? 0 : 1;
}
