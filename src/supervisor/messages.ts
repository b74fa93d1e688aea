/**
 * The messages between `attache serve`'s supervisor and its worker processes, over the IPC
 * channel of `child_process.fork` (JSON serialisation).
 *
 * @module
 */

/** Supervisor → worker. */
export type ToWorker =
  /** Load the config file again (as SIGHUP does in a single process); answered by `reloaded`. */
  | { readonly type: 'reload'; readonly id: number }
  /**
   * Stop: `drain` runs the SIGTERM sequence (NOT_SERVING for `timeouts.drainDelayMs`, then the
   * grace period), otherwise the grace period only (SIGINT, or a second signal, which also ends a
   * drain delay under way). Answered by `stopped`, then the worker exits.
   */
  | { readonly type: 'stop'; readonly drain: boolean }
  /** Send the registry's metrics as JSON (prom-client `getMetricsAsJSON`); answered by `metrics`. */
  | { readonly type: 'metrics'; readonly id: number };

/** Worker → supervisor. */
export type FromWorker =
  /** Serving on `address` (the bound port for port 0). */
  | { readonly type: 'listening'; readonly address: string }
  /** The start failed (config, plugin setup, listen); the worker exits 1. */
  | { readonly type: 'failed'; readonly message: string; readonly code: string | null }
  /** The answer to `reload`: whether the new config was taken (the worker logged why not). */
  | { readonly type: 'reloaded'; readonly id: number; readonly ok: boolean }
  /** The server stopped; `cutStreams` were still open at the end of the grace period. */
  | { readonly type: 'stopped'; readonly cutStreams: number }
  /** Its readiness changed (ready once it serves; not from the moment it drains). */
  | { readonly type: 'readiness'; readonly ready: boolean }
  /** The answer to `metrics`: prom-client's `getMetricsAsJSON()` of its registry. */
  | { readonly type: 'metrics'; readonly id: number; readonly metrics: unknown[] };

/** How the supervisor starts a worker: the worker module's arguments. */
export interface WorkerArgs {
  readonly config: string;
  readonly address: string;
  readonly index: number;
  /** How many processes the supervisor runs (they share the cores: worker pool sizing). */
  readonly processes: number;
}

/** `WorkerArgs` as command-line arguments (visible in `ps`). */
export function workerArgv(args: WorkerArgs): string[] {
  return [
    '--config',
    args.config,
    '--address',
    args.address,
    '--worker',
    String(args.index),
    '--processes',
    String(args.processes),
  ];
}
