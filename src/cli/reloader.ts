/**
 * Config reload for long-running commands: on SIGHUP, and with `--watch` when the config file or
 * a file next to it changes. A bad new config is logged with its error and the running pipeline
 * keeps serving.
 *
 * @module
 */
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import { toServerOptions } from '../config/to-server-options.js';
import type { Logger } from '../log.js';
import type { Processor } from '../processor.js';
import { waitForSignal } from './signals.js';

/** Settings bound when the server started; a reload cannot change them. */
const RESTART_ONLY: ReadonlyArray<[string, (c: Config) => unknown]> = [
  ['grpc.address', (c) => c.grpc.address],
  ['grpc.maxMessageBytes', (c) => c.grpc.maxMessageBytes],
  ['log.level', (c) => c.log.level],
  ['timeouts.shutdownGraceMs', (c) => c.timeouts.shutdownGraceMs],
];

// Editors save in bursts (write, rename, chmod): one reload per burst.
const DEBOUNCE_MS = 150;

/** A running reloader. */
export interface Reloader {
  /** Reloads now; resolves with whether the new config was taken. */
  reload(): Promise<boolean>;
  /** Stops watching and listening for SIGHUP. */
  stop(): void;
}

/** Options of {@link startReloader}. */
export interface ReloaderOptions {
  /** The config file. */
  readonly file: string;
  /** The config the server started with (to warn about restart-only changes). */
  readonly started: Config;
  readonly processor: Processor;
  readonly log: Logger;
  /** Also reload when files in the config's folder change (`--watch`). */
  readonly watch: boolean;
}

/**
 * Reloads as {@link startReloader} does until SIGTERM or SIGINT; resolves when one arrives (the
 * caller then shuts down).
 */
export async function reloadUntilSignal(options: ReloaderOptions): Promise<void> {
  const reloader = startReloader(options);
  try {
    await waitForSignal(options.log);
  } finally {
    reloader.stop();
  }
}

/** Starts reloading `file` into `processor` on SIGHUP (and on file changes with `watch`). */
export function startReloader(options: ReloaderOptions): Reloader {
  const { file, processor, log } = options;
  let generation = 0;
  let running: Promise<boolean> | null = null;
  let again = false;

  const once = async (): Promise<boolean> => {
    generation++;
    try {
      const loaded = await loadConfig(file);
      for (const [key, read] of RESTART_ONLY) {
        if (JSON.stringify(read(loaded.config)) !== JSON.stringify(read(options.started))) {
          log.warn({ key }, `${loaded.file}: ${key} changed; it takes effect only after a restart`);
        }
      }
      await processor.reload(await toServerOptions(loaded, log, generation));
      log.info(
        { file: loaded.file },
        'config reloaded; new streams use it, open ones finish on the old pipeline',
      );
      return true;
    } catch (error) {
      log.error(
        { err: error },
        `config reload rejected, the previous pipeline keeps serving: ${(error as Error).message}`,
      );
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

  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch) {
    // The folder, not the file: editors replace files by rename, which ends a file watch.
    watcher = watch(path.dirname(path.resolve(file)), { recursive: true }, (_event, name) => {
      if (name?.split(path.sep).includes('node_modules')) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        log.info({ changed: name }, 'reloading config');
        void reload();
      }, DEBOUNCE_MS);
    });
  }

  return {
    reload,
    stop() {
      process.removeListener('SIGHUP', onHangup);
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
