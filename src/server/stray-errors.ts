/**
 * Stray asynchronous errors: a plugin's fire-and-forget promise that rejects, a timer callback
 * that throws, a throwing `abort` listener on `ctx.stream.signal`. Nothing in attache awaits
 * these, so Node would end the process (every exchange in flight lost, the error printed raw
 * outside the JSON log). While a server runs, process-level handlers catch them instead: the
 * error is attributed to a plugin by its stack ({@link attribute}), logged once through the
 * server's logger and counted.
 *
 * Why the stack and not AsyncLocalStorage: on Node 20 an `AsyncLocalStorage.run` around each
 * handler call turns on async hooks for every promise of the process; measured on the processor
 * alone (headers message, one plugin, interleaved rounds) it added 0.6–2.5 µs CPU per stream,
 * 3–19% of the processor's own cost. The stack costs nothing until an error actually strays. Its
 * limit: an error whose stack holds no frame of the plugin's files (a non-Error value, or an
 * error made inside a library with no plugin frame on its async stack) is reported unattributed.
 *
 * The handlers are process-wide and shared by every server in the process: installed with the
 * first server that asks for them, removed with the last. Each error is handled once, by the
 * server running the plugin it is attributed to, else by the oldest one.
 *
 * @module
 */
import type { Logger } from '../log.js';
import { attribute, type PluginOrigin } from './plugin-origins.js';

/**
 * What a server does with a stray asynchronous error (`createServer`'s `strayErrors`):
 * - `log` (default): log it once (JSON, with the plugin's name), count it, keep serving;
 * - `exit`: the same, then shut down as on SIGTERM (drain delay, grace period) and exit with 1;
 * - `off`: install no process handlers; the embedding program's own (or Node's default crash) apply.
 */
export type StrayErrorAction = 'log' | 'exit' | 'off';

/** @internal How the error reached the process. */
export type StrayErrorKind = 'unhandledRejection' | 'uncaughtException';

/** Stray errors a server has seen since it started (live counts). */
export interface StrayErrorCounts {
  /** All of them. */
  readonly total: number;
  /** Those that could not be attributed to a plugin. */
  readonly unattributed: number;
  /** Per plugin name, those attributed to it. */
  readonly byPlugin: ReadonlyMap<string, number>;
}

/** @internal the counts behind {@link StrayErrorCounts}, changed only through {@link StrayErrorCounter.add}. */
export class StrayErrorCounter {
  #total = 0;
  #unattributed = 0;
  readonly #byPlugin = new Map<string, number>();
  /** What `server.strayErrors` hands out: live, read-only, with no way back to this counter. */
  readonly counts: StrayErrorCounts;

  constructor() {
    const counter = this;
    this.counts = Object.freeze({
      get total() {
        return counter.#total;
      },
      get unattributed() {
        return counter.#unattributed;
      },
      get byPlugin(): ReadonlyMap<string, number> {
        return new Map(counter.#byPlugin);
      },
    });
  }

  add(plugin: string | null): void {
    this.#total++;
    if (plugin === null) this.#unattributed++;
    else this.#byPlugin.set(plugin, (this.#byPlugin.get(plugin) ?? 0) + 1);
  }
}

/** @internal a server taking part in stray-error handling. */
export interface StrayErrorSink {
  /** Whether the server's current pipeline runs a plugin of this name. */
  runs(plugin: string): boolean;
  /** Logs and counts one error (and acts on it). */
  handle(kind: StrayErrorKind, error: unknown, origin: PluginOrigin | null): void;
}

const sinks: StrayErrorSink[] = [];

const onRejection = (reason: unknown): void => dispatch('unhandledRejection', reason);
const onException = (error: unknown, origin?: string): void =>
  dispatch(origin === 'unhandledRejection' ? 'unhandledRejection' : 'uncaughtException', error);

function dispatch(kind: StrayErrorKind, error: unknown): void {
  const origin = attribute(error);
  const sink = (origin !== null ? sinks.find((s) => s.runs(origin.plugin)) : undefined) ?? sinks[0];
  try {
    sink?.handle(kind, error, origin);
  } catch (failure) {
    // The logger itself failed; say so plainly rather than let a second error stray.
    process.stderr.write(`attache: could not report a stray error (${String(failure)}): ${String(error)}\n`);
  }
}

/**
 * @internal
 * Adds a server to stray-error handling (installing the process handlers if it is the first);
 * returns the function that removes it (and the handlers with the last server).
 */
export function joinStrayErrorHandling(sink: StrayErrorSink): () => void {
  if (sinks.length === 0) {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
  }
  sinks.push(sink);
  return () => {
    const at = sinks.indexOf(sink);
    if (at < 0) return;
    sinks.splice(at, 1);
    if (sinks.length === 0) {
      process.removeListener('unhandledRejection', onRejection);
      process.removeListener('uncaughtException', onException);
    }
  };
}

/** @internal Logs one stray error through `log` as a single JSON line and counts it. */
export function reportStrayError(
  log: Logger,
  counter: StrayErrorCounter,
  kind: StrayErrorKind,
  error: unknown,
  origin: PluginOrigin | null,
): void {
  const plugin = origin?.plugin ?? null;
  counter.add(plugin);
  const what = kind === 'unhandledRejection' ? 'unhandled promise rejection' : 'uncaught exception';
  const text = error instanceof Error ? error.message : String(error);
  log.error(
    {
      err: error instanceof Error ? error : { message: text, value: String(error) },
      kind,
      plugin,
      ...(origin !== null ? { file: origin.file } : {}),
      strayErrors: counter.counts.total,
    },
    plugin !== null
      ? `plugin ${plugin}: stray ${what}: ${text}`
      : `stray ${what} outside any plugin: ${text}`,
  );
}
