/**
 * `attache serve --config <file> [--watch] [--processes N]`: load the config, start the server,
 * reload the config on SIGHUP (and on file changes with `--watch`), shut down gracefully: on
 * SIGTERM after the drain delay (`timeouts.drainDelayMs`: NOT_SERVING and unready while still
 * serving), then open streams get the grace period; on SIGINT (Ctrl-C) without the delay; a
 * second signal cuts what is still open and exits at once. Exit 0 when no open stream had to be
 * cut. The admin listener (`admin.address`: /metrics, /healthz, /readyz) starts first, so
 * `/readyz` answers 503 while the plugins' setup runs. With more than one process, a supervisor
 * runs one server per endpoint (src/supervisor/) and the one admin listener.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { Registry } from 'prom-client';
import { type AdminServer, startAdminServer } from '../admin/admin-server.js';
import { registerReadinessMetrics } from '../admin/readiness-metrics.js';
import type { LoadedConfig } from '../config/load-config.js';
import { loadConfig } from '../config/load-config.js';
import { toServerOptions } from '../config/to-server-options.js';
import { AttacheError, ErrorCode } from '../errors.js';
import { createLogger } from '../log.js';
import { type AttacheServer, createServer } from '../server/create-server.js';
import { MAX_PROCESSES } from '../server/defaults.js';
import { routeGrpcJsLog } from '../server/grpc-js-log.js';
import { servingPretenuring } from '../server/pretenuring.js';
import { Readiness } from '../server/readiness.js';
import { writeEndpointsFile } from '../supervisor/endpoints.js';
import { type Reloader, startReloader } from './reloader.js';
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
  /** `--admin-address`: overrides `admin.address` (`off` turns the admin listener off). */
  readonly adminAddress?: string | undefined;
}

/** Where the admin listener goes, and where that was said (for its errors); null when off. */
export interface AdminSetting {
  readonly address: string;
  readonly where: string;
}

/** The admin listener's address from `--admin-address` or `admin.address`; null for `off`. */
export function adminSetting(args: ServeArgs, loaded: LoadedConfig): AdminSetting | null {
  const address = args.adminAddress ?? loaded.config.admin.address;
  if (address === 'off') return null;
  return {
    address,
    where: args.adminAddress === undefined ? `${loaded.file}: admin.address` : '--admin-address',
  };
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
  const log = createLogger(loaded.config.log.level, loaded.config.log.format, {
    redactHeaders: loaded.config.log.redactHeaders,
  });
  routeGrpcJsLog(log);
  const admin = adminSetting(args, loaded);
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
      admin,
    });
  }
  // Here, in the process that serves; with --processes N each worker does it (worker.ts), and the
  // supervisor, which serves no stream, keeps V8's default.
  servingPretenuring(log);
  const readiness = new Readiness();
  // What /metrics serves. The metrics (src/observe/) register on the same registry.
  const registry = new Registry();
  registerReadinessMetrics(registry, () => readiness.report(), loaded.config.metrics.prefix);
  // First, so that /healthz answers and /readyz says 503 while the plugins' setup runs.
  const adminServer: AdminServer | null =
    admin === null
      ? null
      : await startAdminServer({
          ...admin,
          registry,
          readiness: () => readiness.report(),
          health: () => ({ state: readiness.state }),
          log,
        });
  let server: AttacheServer | undefined;
  let address: string;
  const early = new AbortController();
  let stopSignal: Promise<NodeJS.Signals> | undefined;
  let reloader: Reloader | undefined;
  try {
    const options = await toServerOptions(loaded, log);
    server = await createServer({
      ...options,
      readiness,
      metrics: { registry, prefix: loaded.config.metrics.prefix },
    });
    // Caught from before the listener opens: a SIGTERM right after "attache listening" must
    // drain, and a SIGHUP reload, not kill the process by Node's default action (a client that
    // acts on that line can be quicker than this process's next statement).
    stopSignal = waitForSignal(log, early.signal);
    reloader = startReloader({
      file: loaded.file,
      started: loaded.config,
      processor: server.processor,
      log,
      watch: args.watch === true,
      onResult: (ok, error) => readiness.recordReload(ok, error),
    });
    ({ address } = await server.listen(args.address ?? options.address));
    if (args.endpointsFile !== undefined) {
      await writeEndpointsFile(args.endpointsFile, loaded.config.grpc.transport, [{ worker: 0, address }]);
    }
  } catch (error) {
    // Close the plugins (and drop the process handlers) before reporting the bad address; a
    // failed start leaves nothing listening, the admin port included.
    early.abort();
    reloader?.stop();
    await server?.close(0);
    await adminServer?.close();
    throw error;
  }
  try {
    return await serveUntilStopped(server, loaded, address, log, stopSignal, reloader);
  } finally {
    await adminServer?.close();
  }
}

async function serveUntilStopped(
  server: AttacheServer,
  loaded: LoadedConfig,
  address: string,
  log: ReturnType<typeof createLogger>,
  stopSignal: Promise<NodeJS.Signals>,
  reloader: Reloader,
): Promise<number> {
  if (process.stderr.isTTY) {
    process.stderr.write(
      `\nattache is serving ${loaded.file} on ${address}.\n` +
        `Send a request through it (no Envoy needed):\n  npx -p attache-extproc attache send --target ${address} --path /hello\n\n`,
    );
  }
  let signal: NodeJS.Signals;
  try {
    signal = await stopSignal;
  } finally {
    reloader.stop();
  }
  // SIGTERM is the orchestrator's stop: unready and NOT_SERVING first, still serving for the
  // drain delay, then the grace period. SIGINT skips the delay. A second SIGTERM or SIGINT is
  // someone who will not wait: open streams are cut and the process exits now.
  const second = new AbortController();
  void waitForSignal(log, second.signal).then(() => {
    log.warn({ openStreams: server.processor.activeStreams }, 'second signal: cutting open streams now');
    void server.close(0);
  });
  try {
    const outcome = await (signal === 'SIGTERM' ? server.shutdown() : server.close());
    return outcome.cutStreams === 0 ? 0 : 1;
  } finally {
    second.abort();
  }
}
