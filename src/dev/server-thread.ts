/**
 * {@link startDevServer}: the gRPC server behind `attache dev`'s proxy, on its own thread.
 *
 * The proxy's side (HTTP/1, the simulated Envoy filter, the gRPC client) and the server's side
 * (gRPC server, processor, plugins) cost about the same per request; on one thread they share
 * one core. Run from its build (`dist/`), `attache dev` starts the server in a worker thread
 * (`server-thread-worker.ts`), so the two halves use two cores. Run from source (vitest, a
 * TypeScript loader), a worker thread could not load the modules, so the server runs on the
 * proxy's thread, as it always did: same options, same reload, same logs.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type LoadedConfig, loadConfig } from '../config/load-config.js';
import { toServerOptions } from '../config/to-server-options.js';
import { AttacheError, type ErrorCode } from '../errors.js';
import { type Logger, resolveLogFormat } from '../log.js';
import { createServer } from '../server/create-server.js';
import { type DemoUpstream, startDemoUpstream } from './demo-upstream.js';
import type {
  FromServerThread,
  ServerThreadData,
  ThreadError,
  ToServerThread,
} from './server-thread-messages.js';

/** Options of {@link startDevServer}. */
export interface DevServerOptions extends Omit<ServerThreadData, 'logFormat'> {
  /** The config as the proxy loaded and checked it (used on the proxy's thread only). */
  readonly loaded: LoadedConfig;
  readonly log: Logger;
  /**
   * Run the server in a worker thread, when one can (from the build). Off by default: measured on
   * 2 cores, the second V8 instance cost more CPU per request than the thread saved (bench/README.md).
   */
  readonly thread?: boolean;
}

/** The running server of `attache dev`. */
export interface DevServer {
  /** The gRPC server's bound address (`host:port`). */
  readonly address: string;
  /** The demo upstream's address when one was asked for. */
  readonly demo: string | null;
  /** `thread` when the server runs in a worker thread, `same` on the proxy's thread. */
  readonly where: 'thread' | 'same';
  /** Loads the config file again into the server; rejects with the reason it was not taken. */
  reload(): Promise<void>;
  /**
   * Rejects when the server's thread ended on its own (a crash): the proxy cannot serve
   * without it. Never settles otherwise.
   */
  readonly lost: Promise<never>;
  /** Stops the demo upstream and the server (grace period only). */
  close(): Promise<void>;
}

const WORKER = new URL('./server-thread-worker.js', import.meta.url);

/** An error from the server's thread as the proxy's: an AttacheError keeps its code. */
function fromThreadError(error: ThreadError): Error {
  if (error.code !== null) return new AttacheError(error.code as ErrorCode, error.message);
  const rebuilt = new Error(error.message);
  if (error.stack !== null) rebuilt.stack = error.stack;
  return rebuilt;
}

/** Starts the server and, when `demo`, the demo upstream; in a worker thread when asked and one can run them. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const threaded = options.thread === true && existsSync(fileURLToPath(WORKER));
  return threaded ? startInWorker(options) : startOnThisThread(options);
}

async function startOnThisThread(options: DevServerOptions): Promise<DevServer> {
  const { loaded, log, overrides } = options;
  const serverOptions = { ...(await toServerOptions(loaded, log)), ...overrides, tls: undefined };
  const server = await createServer(serverOptions);
  let address: string;
  let demo: DemoUpstream | undefined;
  try {
    ({ address } = await server.listen(serverOptions.address));
    demo = options.demo ? await startDemoUpstream() : undefined;
  } catch (error) {
    await server.close(0);
    throw error;
  }
  return {
    address,
    demo: demo?.address ?? null,
    where: 'same',
    reload: async () => {
      const again = await loadConfig(options.file);
      await server.processor.reload({ ...(await toServerOptions(again, log)), ...overrides });
    },
    lost: new Promise<never>(() => {}),
    close: async () => {
      await demo?.close();
      await server.close();
    },
  };
}

function startInWorker(options: DevServerOptions): Promise<DevServer> {
  const data: ServerThreadData = {
    file: options.file,
    overrides: options.overrides,
    demo: options.demo,
    logFormat: resolveLogFormat(options.loaded.config.log.format),
  };
  // stdout/stderr not piped through the proxy's thread: the server's logger writes to fd 2 itself.
  const worker = new Worker(WORKER, { workerData: data, stdout: false, stderr: false });
  const post = (message: ToServerThread) => worker.postMessage(message);
  const reloads = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextReload = 0;
  let stopping = false;
  let stopped: (() => void) | null = null;
  let rejectLost: (error: Error) => void = () => {};
  const lost = new Promise<never>((_, reject) => {
    rejectLost = reject;
  });
  // Only a caller that awaits `lost` sees the rejection; nobody else must be told it was unhandled.
  lost.catch(() => {});

  return new Promise<DevServer>((resolveStart, rejectStart) => {
    let started = false;
    worker.on('message', (message: FromServerThread) => {
      switch (message.type) {
        case 'listening':
          started = true;
          resolveStart({
            address: message.address,
            demo: message.demo,
            where: 'thread',
            reload: () =>
              new Promise<void>((resolve, reject) => {
                const id = ++nextReload;
                reloads.set(id, { resolve, reject });
                post({ type: 'reload', id });
              }),
            lost,
            close: async () => {
              if (worker.threadId === -1) return;
              stopping = true;
              const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
              const answered = new Promise<void>((resolve) => {
                stopped = resolve;
              });
              post({ type: 'stop' });
              await Promise.race([answered, ended]);
              await ended;
            },
          });
          return;
        case 'failed':
          rejectStart(fromThreadError(message.error));
          return;
        case 'reloaded': {
          const waiting = reloads.get(message.id);
          reloads.delete(message.id);
          if (message.error === null) waiting?.resolve();
          else waiting?.reject(fromThreadError(message.error));
          return;
        }
        case 'stopped':
          stopped?.();
          return;
      }
    });
    const end = (why: Error) => {
      for (const waiting of reloads.values()) waiting.reject(why);
      reloads.clear();
      if (!started) rejectStart(why);
      else if (!stopping) rejectLost(why);
    };
    worker.once('error', (error) =>
      end(new Error(`attache dev: the gRPC server's thread failed: ${error?.stack ?? error}`)),
    );
    worker.once('exit', (code) =>
      end(new Error(`attache dev: the gRPC server's thread ended unexpectedly (exit code ${code})`)),
    );
  });
}
