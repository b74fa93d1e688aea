/**
 * Config reload for long-running commands: on SIGHUP, and with `--watch` when the config file or
 * a plugin file it loads changes. A bad new config is logged with its error and the running
 * pipeline keeps serving.
 *
 * @module
 */
import path from 'node:path';
import { type LoadedConfig, loadConfig } from '../config/load-config.js';
import { pluginFile } from '../config/resolve-plugin.js';
import type { Config } from '../config/schema.js';
import { toServerOptions } from '../config/to-server-options.js';
import type { Logger } from '../log.js';
import { countRejectedReload, type Processor } from '../processor.js';
import type { ServerOptions } from '../server/create-server.js';
import { type FileWatch, watchFiles } from './watch-files.js';

/** Settings bound when the server started; a reload cannot change them. */
const RESTART_ONLY: ReadonlyArray<[string, (c: Config) => unknown]> = [
  ['grpc.address', (c) => c.grpc.address],
  ['grpc.maxMessageBytes', (c) => c.grpc.maxMessageBytes],
  ['grpc.transport', (c) => c.grpc.transport],
  ['grpc.tls', (c) => c.grpc.tls],
  ['grpc.keepalive', (c) => c.grpc.keepalive],
  ['grpc.processes', (c) => c.grpc.processes],
  ['log.level', (c) => c.log.level],
  ['log.redactHeaders', (c) => c.log.redactHeaders],
  ['admin.address', (c) => c.admin.address],
  ['timeouts.shutdownGraceMs', (c) => c.timeouts.shutdownGraceMs],
  ['timeouts.drainDelayMs', (c) => c.timeouts.drainDelayMs],
  ['strayErrors', (c) => c.strayErrors],
  ['metrics', (c) => c.metrics],
  ['tracing', (c) => c.tracing],
];

/** A running reloader. */
export interface Reloader {
  /** Reloads now; resolves with whether the new config was taken. */
  reload(): Promise<boolean>;
  /** Stops watching and listening for SIGHUP. */
  stop(): void;
}

/** Options of {@link startConfigReloader}. */
export interface ConfigReloaderOptions {
  /** The config file. */
  readonly file: string;
  /** The config the server started with (to warn about restart-only changes). */
  readonly started: Config;
  readonly log: Logger;
  /**
   * Also reload when the config file or a plugin file it loads changes (`--watch`): local plugin
   * paths and the entry files of npm packages, updated after each reload.
   */
  readonly watch: boolean;
  /** Warn about changed restart-only settings (default true; off where another process does). */
  readonly warnRestartOnly?: boolean;
  /** Told how each reload ended (`error`: why it was rejected), e.g. for `/readyz`. */
  readonly onResult?: (ok: boolean, error?: unknown) => void;
  /** Puts a loaded, valid config into service; throws (with the reason) when it cannot. */
  readonly apply: (loaded: LoadedConfig) => Promise<void>;
  /** Told of a reload rejected before `apply` ran (the config did not load or validate). */
  readonly rejected?: () => void;
}

/** Options of {@link startReloader}. */
export interface ReloaderOptions extends Omit<ConfigReloaderOptions, 'apply'> {
  readonly processor: Processor;
  /**
   * Settings laid over every reloaded config's, for what the command fixed at start: `attache dev`
   * declares the processing mode of the filter it simulates.
   */
  readonly overrides?: Partial<ServerOptions>;
}

/** The files a config loads: itself and its plugin files (built-ins have none). */
function loadedFiles(file: string, config: Config): string[] {
  const abs = path.resolve(file);
  const files = [abs];
  for (const [i, entry] of config.plugins.entries()) {
    try {
      const plugin = pluginFile(entry.use, path.dirname(abs), `${file}: plugins[${i}].use`);
      if (plugin !== null) files.push(plugin);
    } catch {
      // A package that is not installed: the reload reports it; installing it changes no
      // watched file, so SIGHUP (or an edit of the config) picks it up.
    }
  }
  return files;
}

/** Starts reloading `file` into `processor` on SIGHUP (and on file changes with `watch`). */
export function startReloader(options: ReloaderOptions): Reloader {
  const { processor, log, overrides } = options;
  return startConfigReloader({
    ...options,
    apply: async (loaded) => {
      let next: ServerOptions;
      try {
        next = await toServerOptions(loaded, log);
      } catch (error) {
        countRejectedReload(processor);
        throw error;
      }
      await processor.reload({ ...next, ...overrides });
    },
    // The processor counts the reloads it is given (reloads_total); these never reached it.
    rejected: () => countRejectedReload(processor),
  });
}

/**
 * Starts reloading `file` on SIGHUP (and on file changes with `watch`): each reload loads and
 * validates the config, then hands it to `apply`. One reload runs at a time.
 */
export function startConfigReloader(options: ConfigReloaderOptions): Reloader {
  const { file, log } = options;
  let running: Promise<boolean> | null = null;
  let again = false;
  let files: FileWatch | null = null;

  const once = async (): Promise<boolean> => {
    let applying = false;
    try {
      const loaded = await loadConfig(file);
      // Watch what this config loads even if its plugins fail below: fixing one reloads.
      files?.set(loadedFiles(file, loaded.config));
      for (const [key, read] of options.warnRestartOnly === false ? [] : RESTART_ONLY) {
        if (JSON.stringify(read(loaded.config)) !== JSON.stringify(read(options.started))) {
          log.warn({ key }, `${loaded.file}: ${key} changed; it takes effect only after a restart`);
        }
      }
      applying = true;
      await options.apply(loaded);
      log.info(
        { file: loaded.file },
        'config reloaded; new streams use it, open ones finish on the old pipeline',
      );
      options.onResult?.(true);
      return true;
    } catch (error) {
      if (!applying) options.rejected?.();
      log.error(
        { err: error },
        `config reload rejected, the previous pipeline keeps serving: ${(error as Error).message}`,
      );
      options.onResult?.(false, error);
      return false;
    }
  };

  // One reload at a time; a request during one runs once more after it.
  const reload = (): Promise<boolean> => {
    if (running !== null) {
      again = true;
      return running;
    }
    running = once().then(async (ok) => {
      let result = ok;
      while (again) {
        again = false;
        result = await once();
      }
      running = null;
      return result;
    });
    return running;
  };

  const onHangup = () => {
    log.info({ signal: 'SIGHUP' }, 'reloading config');
    void reload();
  };
  process.on('SIGHUP', onHangup);

  if (options.watch) {
    files = watchFiles(loadedFiles(file, options.started), log, (changed) => {
      log.info({ changed }, 'reloading config');
      void reload();
    });
  }

  return {
    reload,
    stop() {
      process.removeListener('SIGHUP', onHangup);
      files?.close();
    },
  };
}
