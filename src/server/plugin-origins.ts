/**
 * Where each plugin's code lives, so that a stray asynchronous error can be attributed to the
 * plugin whose code raised it by reading the error's stack — a cost paid only when such an error
 * happens, never per message (see `stray-errors.ts` for why not AsyncLocalStorage).
 *
 * Origins are recorded once per plugin load: by `definePlugin` (the module that called it) and
 * by the config loader (the plugin file a `use:` path names, or the folder of an npm package).
 * The registry is keyed by path, so it holds one entry per plugin file, however often it loads.
 *
 * @module
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** @internal A plugin a stack frame belongs to. */
export interface PluginOrigin {
  /** The plugin's name (its `definePlugin` name). */
  readonly plugin: string;
  /** The file (or, for an npm package, the package folder) the frame is in. */
  readonly file: string;
}

/** Plugin files by absolute path (query strings removed). */
const files = new Map<string, string>();
/** npm package folders (with a trailing separator), longest first so nested packages win. */
const folders: Array<{ prefix: string; plugin: string }> = [];

/** @internal Records that the code of plugin `plugin` lives in `file` (a path or a `file:` URL). */
export function recordPluginFile(file: string, plugin: string): void {
  const key = toPath(file);
  if (key !== null) files.set(key, plugin);
}

/** @internal Records that everything under `folder` (an installed npm package) belongs to `plugin`. */
export function recordPluginFolder(folder: string, plugin: string): void {
  const prefix = path.resolve(folder) + path.sep;
  const at = folders.findIndex((f) => f.prefix === prefix);
  if (at >= 0) folders.splice(at, 1);
  folders.push({ prefix, plugin });
  folders.sort((a, b) => b.prefix.length - a.prefix.length);
}

/**
 * @internal
 * Records the module that called `boundary` (a function on the stack right now) as a plugin's
 * file, and returns it (`null` when the stack names no file). Used by `definePlugin`, which
 * plugin modules call at their top level.
 */
// biome-ignore lint/complexity/noBannedTypes: any function can be the boundary of a stack capture.
export function recordCallerFile(plugin: string, boundary: Function): string | null {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  Error.captureStackTrace(holder, boundary);
  Error.stackTraceLimit = limit;
  const file = holder.stack === undefined ? null : framesOf(holder.stack)[0];
  if (file !== undefined && file !== null) files.set(file, plugin);
  return file ?? null;
}

/**
 * @internal
 * The plugin whose code is nearest the top of `error`'s stack (async frames included), or `null`
 * when no frame is in a known plugin file or the value has no stack.
 */
export function attribute(error: unknown): PluginOrigin | null {
  const stack = (error as { stack?: unknown } | null)?.stack;
  if (typeof stack !== 'string') return null;
  for (const file of framesOf(stack)) {
    const plugin = files.get(file);
    if (plugin !== undefined) return { plugin, file };
    for (const f of folders) {
      if (file.startsWith(f.prefix)) return { plugin: f.plugin, file: f.prefix.slice(0, -1) };
    }
  }
  return null;
}

// `    at fn (file:///x/p.js:3:9)`, `    at async file:///x/p.js:3:9`, `    at /x/p.js:3:9`
const FRAME = /^\s*at .*?\(?((?:file:\/\/|\/|[A-Za-z]:\\)[^()]*?):\d+:\d+\)?$/;

/** The files of a stack's frames, top first, as absolute paths. */
function framesOf(stack: string): string[] {
  const out: string[] = [];
  for (const line of stack.split('\n')) {
    const m = FRAME.exec(line);
    if (m === null) continue;
    const p = toPath(m[1] as string);
    if (p !== null) out.push(p);
  }
  return out;
}

function toPath(location: string): string | null {
  // A reloaded plugin is imported as `file:///p.js?v=<hash>`; the file is the same.
  const bare = location.replace(/[?#].*$/, '');
  try {
    return bare.startsWith('file:') ? fileURLToPath(bare) : path.resolve(bare);
  } catch {
    return null;
  }
}
