/**
 * The messages between `attache dev`'s proxy (main thread) and the thread that runs its gRPC
 * server (`server-thread.ts`), over the worker's message port (structured clone).
 *
 * @module
 */
import type { ServerOptions } from '../server/create-server.js';

/** What the server thread starts with (`workerData`). */
export interface ServerThreadData {
  /** The config file; the thread loads it (and its plugins) itself. */
  readonly file: string;
  /** Settings laid over the config's, at start and on every reload (the simulated filter's mode). */
  readonly overrides: Pick<ServerOptions, 'processingMode' | 'processingModeWhere' | 'processingModeDerived'>;
  /** Also start the demo echo upstream in that thread. */
  readonly demo: boolean;
  /** The log format, decided by the proxy's thread (a worker's stderr is never a terminal). */
  readonly logFormat: 'json' | 'pretty';
}

/** Proxy → server thread. */
export type ToServerThread =
  /** Load the config file again and put it into service; answered by `reloaded`. */
  | { readonly type: 'reload'; readonly id: number }
  /** Stop the demo upstream and the server (grace period only); answered by `stopped`. */
  | { readonly type: 'stop' };

/** An error that crossed the thread boundary: an `AttacheError` keeps its code. */
export interface ThreadError {
  readonly message: string;
  readonly code: string | null;
  readonly stack: string | null;
}

/** Server thread → proxy. */
export type FromServerThread =
  /** Serving on `address`; `demo` is the demo upstream's address when one was asked for. */
  | { readonly type: 'listening'; readonly address: string; readonly demo: string | null }
  /** The start failed (plugin setup, listen); the thread ends. */
  | { readonly type: 'failed'; readonly error: ThreadError }
  /** The answer to `reload`: `error` is null when the new config was taken. */
  | { readonly type: 'reloaded'; readonly id: number; readonly error: ThreadError | null }
  /** The server stopped; `cutStreams` were still open at the end of the grace period. */
  | { readonly type: 'stopped'; readonly cutStreams: number };
