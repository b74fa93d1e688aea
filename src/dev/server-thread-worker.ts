/**
 * The worker-thread entry of `attache dev`'s gRPC server (started by `server-thread.ts`): the
 * config's plugins, the processor and its server (and the demo upstream) run here, so they use
 * another core than the proxy and its simulated Envoy filter. The thread logs to stderr itself,
 * with the config's level, exactly as the server does in `attache serve`; it reloads and stops
 * as the proxy asks (`server-thread-messages.ts`).
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config/load-config.js';
import { toServerOptions } from '../config/to-server-options.js';
import { AttacheError } from '../errors.js';
import { createLogger, type Logger } from '../log.js';
import { type AttacheServer, createServer } from '../server/create-server.js';
import { routeGrpcJsLog } from '../server/grpc-js-log.js';
import { type DemoUpstream, startDemoUpstream } from './demo-upstream.js';
import type {
  FromServerThread,
  ServerThreadData,
  ThreadError,
  ToServerThread,
} from './server-thread-messages.js';

const port = parentPort;
if (port === null) throw new Error('server-thread-worker: run only as a worker thread of attache dev');
const data = workerData as ServerThreadData;

function post(message: FromServerThread): void {
  port?.postMessage(message);
}

/** An error as it crosses to the proxy: an AttacheError keeps its code, others their stack. */
function toThreadError(error: unknown): ThreadError {
  const plain = error instanceof AttacheError;
  return {
    message: (error as Error)?.message ?? String(error),
    code: plain ? error.code : null,
    stack: plain ? null : ((error as Error)?.stack ?? null),
  };
}

/** Loads the config file again and puts it into service, as `attache serve`'s reload does. */
async function reload(server: AttacheServer, log: Logger): Promise<void> {
  const loaded = await loadConfig(data.file);
  await server.processor.reload({ ...(await toServerOptions(loaded, log)), ...data.overrides });
}

async function start(): Promise<void> {
  const loaded = await loadConfig(data.file);
  const log = createLogger(loaded.config.log.level, data.logFormat);
  // This thread has its own grpc-js module instance: its lines go to the log too.
  routeGrpcJsLog(log);
  // The proxy is a local cleartext client of this server (the proxy warns about grpc.tls).
  const options = { ...(await toServerOptions(loaded, log)), ...data.overrides, tls: undefined };
  const server = await createServer(options);
  let address: string;
  let demo: DemoUpstream | undefined;
  try {
    ({ address } = await server.listen(options.address));
    demo = data.demo ? await startDemoUpstream() : undefined;
  } catch (error) {
    await server.close(0);
    throw error;
  }
  port?.on('message', (message: ToServerThread) => {
    if (message.type === 'reload') {
      reload(server, log).then(
        () => post({ type: 'reloaded', id: message.id, error: null }),
        (error: unknown) => post({ type: 'reloaded', id: message.id, error: toThreadError(error) }),
      );
    } else if (message.type === 'stop') {
      void (async () => {
        await demo?.close();
        const { cutStreams } = await server.close();
        post({ type: 'stopped', cutStreams });
        port?.close(); // nothing else keeps the thread: it ends
      })();
    }
  });
  post({ type: 'listening', address, demo: demo?.address ?? null });
}

start().catch((error: unknown) => {
  post({ type: 'failed', error: toThreadError(error) });
  port.close();
});
