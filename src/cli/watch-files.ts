/**
 * Watching an exact set of files for `--watch`: each file's folder is watched (not the file
 * itself: editors save by writing a new file and renaming it over the old one, which ends a watch
 * on the old file), events for any other name in the folder are ignored — a log file next to the
 * config never triggers a reload — and a burst of events only counts when a file's content
 * actually changed.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { type FSWatcher, readFileSync, watch } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';

/** Editors save in bursts (write, rename, chmod): one change per burst. */
const DEBOUNCE_MS = 150;

/** A running watch over a set of files. */
export interface FileWatch {
  /** Replaces the watched files (absolute paths). */
  set(files: readonly string[]): void;
  /** Stops watching. */
  close(): void;
}

/** Content fingerprint of a file; `null` when it cannot be read (absent, mid-rename). */
function fingerprint(file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

/**
 * Watches `files` and calls `onChange` with the files whose content changed, once per burst of
 * file-system events.
 */
export function watchFiles(
  files: readonly string[],
  log: Logger,
  onChange: (changed: string[]) => void,
): FileWatch {
  const content = new Map<string, string | null>();
  const folders = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    const changed: string[] = [];
    for (const file of pending) {
      if (!content.has(file)) continue; // no longer watched
      const now = fingerprint(file);
      if (now !== content.get(file)) {
        content.set(file, now);
        changed.push(file);
      }
    }
    pending.clear();
    if (changed.length > 0) onChange(changed);
  };

  const onEvent = (folder: string, name: string | Buffer | null) => {
    if (closed) return;
    if (name === null) {
      // Some platforms do not say which entry changed: consider every watched file in the folder.
      for (const file of content.keys()) if (path.dirname(file) === folder) pending.add(file);
    } else {
      const file = path.join(folder, String(name));
      if (!content.has(file)) return;
      pending.add(file);
    }
    clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  };

  const set = (next: readonly string[]) => {
    const wanted = new Set(next.map((f) => path.resolve(f)));
    for (const file of [...content.keys()]) if (!wanted.has(file)) content.delete(file);
    for (const file of wanted) content.set(file, fingerprint(file));
    const needed = new Set([...wanted].map((f) => path.dirname(f)));
    for (const [folder, watcher] of folders) {
      if (!needed.has(folder)) {
        watcher.close();
        folders.delete(folder);
      }
    }
    for (const folder of needed) {
      if (folders.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => onEvent(folder, name));
        watcher.on('error', (error) => {
          log.warn({ err: error, folder }, 'stopped watching a folder of the config');
          watcher.close();
          folders.delete(folder);
        });
        folders.set(folder, watcher);
      } catch (error) {
        log.warn({ err: error, folder }, 'cannot watch a folder of the config; SIGHUP still reloads');
      }
    }
  };

  set(files);
  return {
    set,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of folders.values()) watcher.close();
      folders.clear();
    },
  };
}
