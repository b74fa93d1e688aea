/**
 * Readiness: whether this server should get new streams, as `/readyz` (src/admin/), the
 * `attache_ready` gauge and gRPC health's SERVING/NOT_SERVING report it. One object holds the
 * state so the three can never disagree.
 *
 * A failed config reload does not make the server unready: the previous pipeline keeps serving
 * correctly, and a bad config pushed to every replica at once would otherwise take them all out
 * of rotation together (a cluster-wide outage caused by a change that broke nothing). The failure
 * is reported instead, in the `/readyz` body (`lastReload`) and as the
 * `attache_config_last_reload_successful` gauge.
 *
 * @module
 */
import { AttacheError } from '../errors.js';

/**
 * Where a server is in its life: `starting` (plugins' `setup` running, or the gRPC listener not
 * yet bound), `serving` (the only ready state), `draining` (SIGTERM or `close()`: leaving
 * rotation, open streams finishing), `stopped`.
 */
export type ReadinessState = 'starting' | 'serving' | 'draining' | 'stopped';

/** The last config reload, as `/readyz` reports it. */
export interface ReloadRecord {
  /** Whether the new config was taken. */
  readonly ok: boolean;
  /** When it ended, ISO 8601. */
  readonly at: string;
  /**
   * The error code of a failed reload (e.g. `ATTACHE_ERR_CONFIG_INVALID`, `ATTACHE_ERR_PLUGIN_SETUP`), never its
   * message: messages may quote option values, and the admin port is not the log. The log has it.
   */
  readonly code?: string;
}

/** The JSON body of `/readyz`. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly state: ReadinessState;
  /** Why it is not ready (empty when ready). */
  readonly reasons: readonly string[];
  /** The last config reload, when there was one. */
  readonly lastReload?: ReloadRecord;
}

const REASONS: Record<ReadinessState, readonly string[]> = {
  starting: ["starting: the plugins' setup or the gRPC listener is not done yet"],
  serving: [],
  draining: ['draining: shutting down; streams still arriving are served until the listener closes'],
  stopped: ['stopped'],
};

/**
 * A server's readiness. `createServer` moves it through the states (`serving` once `listen`
 * bound the gRPC listener, `draining` when `shutdown()`/`close()` starts, `stopped` when closed);
 * the reloader records reloads. Pass one in {@link ServerOptions.readiness} to watch a server
 * from before its plugins' setup runs (as `attache serve` does for `/readyz`).
 */
export class Readiness {
  #state: ReadinessState = 'starting';
  #lastReload: ReloadRecord | undefined;
  readonly #listeners = new Set<(ready: boolean) => void>();

  /** The current state. */
  get state(): ReadinessState {
    return this.#state;
  }

  /** Whether the server should get new streams: `serving`. */
  get ready(): boolean {
    return this.#state === 'serving';
  }

  /** The last config reload, if any. */
  get lastReload(): ReloadRecord | undefined {
    return this.#lastReload;
  }

  /**
   * Moves to `state`. States only move forward (starting → serving → draining → stopped): a late
   * `serving` after a drain began is ignored. Listeners hear every change of {@link ready}.
   */
  set(state: ReadinessState): void {
    const order: readonly ReadinessState[] = ['starting', 'serving', 'draining', 'stopped'];
    if (order.indexOf(state) <= order.indexOf(this.#state)) return;
    const wasReady = this.ready;
    this.#state = state;
    if (this.ready !== wasReady) for (const listener of this.#listeners) listener(this.ready);
  }

  /** Records how a config reload ended (`error`: why it failed). Readiness does not change. */
  recordReload(ok: boolean, error?: unknown): void {
    const at = new Date().toISOString();
    this.#lastReload = ok
      ? { ok, at }
      : { ok, at, code: error instanceof AttacheError ? error.code : 'RELOAD_FAILED' };
  }

  /** Calls `listener` on every change of {@link ready}; returns the function that stops it. */
  onChange(listener: (ready: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The `/readyz` body. */
  report(): ReadinessReport {
    const base = { ready: this.ready, state: this.#state, reasons: REASONS[this.#state] };
    return this.#lastReload === undefined ? base : { ...base, lastReload: this.#lastReload };
  }
}
