/**
 * One worker process of `attache serve --processes N`, started by the supervisor
 * (`supervisor.ts`) with `child_process.fork`: a whole attache server on its own endpoint, whose
 * log lines carry its index (`worker`). It stops, reloads and reports as the supervisor asks over
 * IPC (`messages.ts`), and it stops on its own SIGTERM (drain) or SIGINT as `attache serve` does.
 * When the supervisor goes away (the IPC channel closes), it closes without the drain delay and
 * exits, so no worker outlives its supervisor.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { Registry } from 'prom-client';
import { registerReadinessMetrics } from '../admin/readiness-metrics.js';
import { type Reloader, startReloader } from '../cli/reloader.js';
import { loadConfig } from '../config/load-config.js';
import { toServerOptions } from '../config/to-server-options.js';
import { AttacheError } from '../errors.js';
import { createLogger, type Logger } from '../log.js';
import { type AttacheServer, createServer } from '../server/create-server.js';
import { routeGrpcJsLog } from '../server/grpc-js-log.js';
import { servingPretenuring } from '../server/pretenuring.js';
import { Readiness } from '../server/readiness.js';
import { setProcessCount } from '../workers/pool.js';
import type { FromWorker, ToWorker } from './messages.js';

function send(message: FromWorker): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined || !process.connected) {
      resolve();
      return;
    }
    // Resolves once the message left (or could not): the worker may exit right after.
    process.send(message, undefined, {}, () => resolve());
  });
}

/** The running server, once it listens. */
interface Running {
  readonly server: AttacheServer;
  readonly reloader: Reloader;
  readonly log: Logger;
}

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    address: { type: 'string' },
    worker: { type: 'string' },
    processes: { type: 'string' },
  },
  strict: true,
});
const file = values.config as string;
const index = Number(values.worker);
process.title = `attache worker ${index}`;
// The processes share the machine's cores: each one's worker pool takes its share.
setProcessCount(Number(values.processes ?? 1));

let running: Running | null = null;
/**
 * What the supervisor's `/metrics` aggregates from this worker (workers open no admin port of
 * their own). The metrics (src/observe/) register on the same registry.
 */
const registry = new Registry();
const readiness = new Readiness();
readiness.onChange((ready) => void send({ type: 'readiness', ready }));
/** A stop asked for before the server listened: `true` to drain. */
let stopBeforeStart: boolean | null = null;
let stopping = false;

function stop(drain: boolean, why: string): void {
  if (running === null) {
    stopBeforeStart = stopBeforeStart === false ? false : drain;
    return;
  }
  const { server, reloader, log } = running;
  if (stopping) {
    // A second request cuts what is still open, as a second signal does (a repeated drain
    // request from the supervisor is not one; a second SIGTERM of this process is).
    if (!drain || why === 'SIGTERM') {
      log.warn({ openStreams: server.processor.activeStreams }, 'second stop: cutting open streams now');
      void server.close(0);
    }
    return;
  }
  stopping = true;
  log.info({ why, drain }, drain ? 'draining' : 'stopping');
  reloader.stop();
  void (drain ? server.shutdown() : server.close()).then(async ({ cutStreams }) => {
    await send({ type: 'stopped', cutStreams });
    process.exit(cutStreams === 0 ? 0 : 1);
  });
}

// Installed first: a supervisor that stops or vanishes while the server starts is obeyed too.
process.on('message', (message: ToWorker) => {
  if (message.type === 'stop') stop(message.drain, 'supervisor');
  else if (message.type === 'reload' && running !== null) {
    void running.reloader.reload().then((ok) => send({ type: 'reloaded', id: message.id, ok }));
  } else if (message.type === 'metrics') {
    void registry.getMetricsAsJSON().then(
      (metrics) => send({ type: 'metrics', id: message.id, metrics }),
      (error: unknown) => {
        running?.log.error({ err: error }, 'collecting metrics for the supervisor failed');
        return send({ type: 'metrics', id: message.id, metrics: [] });
      },
    );
  }
});
process.on('SIGTERM', () => stop(true, 'SIGTERM'));
process.on('SIGINT', () => stop(false, 'SIGINT'));
process.on('disconnect', () => {
  if (stopping) return;
  running?.log.error('the supervisor is gone (IPC channel closed); stopping without the drain delay');
  stop(false, 'supervisor gone');
});

try {
  const loaded = await loadConfig(file);
  const log = createLogger(loaded.config.log.level, loaded.config.log.format, {
    redactHeaders: loaded.config.log.redactHeaders,
  }).child({
    worker: index,
    pid: process.pid,
  });
  routeGrpcJsLog(log);
  servingPretenuring(log);
  registerReadinessMetrics(registry, () => readiness.report(), loaded.config.metrics.prefix);
  // The worker's own counts; the supervisor's /metrics aggregates the workers' registries.
  const server = await createServer({
    ...(await toServerOptions(loaded, log)),
    metrics: { registry, prefix: loaded.config.metrics.prefix },
    readiness,
    resetRateWarning: false, // the supervisor warns, once
  });
  let address: string;
  try {
    ({ address } = await server.listen(values.address));
  } catch (error) {
    await server.close(0);
    throw error;
  }
  const reloader = startReloader({
    file,
    started: loaded.config,
    processor: server.processor,
    log,
    watch: false,
    warnRestartOnly: false, // the supervisor warns, once
    onResult: (ok, error) => readiness.recordReload(ok, error),
  });
  running = { server, reloader, log };
  await send({ type: 'listening', address });
  if (stopBeforeStart !== null || !process.connected) stop(stopBeforeStart ?? false, 'asked while starting');
} catch (error) {
  const plain = error instanceof AttacheError;
  await send({
    type: 'failed',
    message: plain ? error.message : String((error as Error)?.stack ?? error),
    code: plain ? error.code : null,
  });
  process.exit(1);
}
