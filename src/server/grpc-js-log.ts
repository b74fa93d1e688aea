/**
 * grpc-js writes its own lines to stderr (`E No address added out of total 1 resolved` when a
 * listen fails), outside attache's JSON log and next to attache's own, clearer, line about the
 * same event. The CLI, which owns its process, sends them into attache's log at debug instead.
 * An embedding program keeps grpc-js's logger as it set it: the setting is process-wide.
 *
 * @module
 */
import { format } from 'node:util';
import { setLogger } from '@grpc/grpc-js';
import type { Logger } from '../log.js';

/** Sends grpc-js's log lines to `log` at debug, tagged `source: 'grpc-js'`. */
export function routeGrpcJsLog(log: Logger): void {
  const line = (...args: unknown[]): void => log.debug({ source: 'grpc-js' }, format(...args));
  setLogger({ error: line, info: line, debug: line });
}
