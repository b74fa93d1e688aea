/**
 * What a failed message becomes: the single place where a plugin error turns into Envoy's view
 * of it (an immediate response or a pass-through), logged once.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../../errors.js';
import type { ProcessingResponse } from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import { limitedLog } from '../../log-limit.js';
import { failureKind } from '../../observe/observer.js';
import type { Step } from '../../pipeline/pipeline.js';
import type { Exchange } from '../exchange.js';
import type { Message } from '../message.js';
import { CONTINUE } from './common.js';
import { immediateReply } from './immediate.js';

/** The generic answer of a fail-closed exchange: details never reach the client. */
const GENERIC_BODY = Buffer.from('Internal Server Error\n');
/** Headers of the generic answer. */
const GENERIC_HEADERS: ReadonlyArray<readonly [string, Buffer]> = [
  ['content-type', Buffer.from('text/plain')],
];

/** The generic fail-closed answer with `status` and Envoy's response code `details`. */
export function closedReply(status: number, details: string): ProcessingResponse {
  return immediateReply(status, GENERIC_HEADERS, GENERIC_BODY, undefined, details, null);
}

/**
 * The configured outcome for a message that `step` failed: 413/500 for the body limit (as Envoy
 * answers at its own buffer limit, §11); otherwise the failing plugin's policy, `open` passing
 * the message on with every change of it discarded, `closed` answering `failureStatus`. An
 * immediate response stops the exchange.
 */
export function failureReply(x: Exchange, m: Message, step: Step, error: Error): ProcessingResponse {
  if (error instanceof AttacheError && error.code === ErrorCode.BODY_TOO_LARGE) {
    limitedLog(
      step.log,
      'warn',
      error.code,
      { err: error, ...where(x, m), outcome: 'rejected' },
      'body too large',
    );
    const request = m.direction === 'request';
    x.stopped = true;
    x.observer?.failed(m.phase, step, 'body_limit', 'closed');
    return immediateReply(
      request ? 413 : 500,
      GENERIC_HEADERS,
      request ? Buffer.from('Payload Too Large\n') : GENERIC_BODY,
      undefined,
      'attache_body_too_large',
      null,
    );
  }
  logFailure(m, step, error, x);
  m.target?.revert();
  if (step.failure === 'open') return CONTINUE[m.phase];
  x.stopped = true;
  return closedReply(x.pipeline.failureStatus, `attache_plugin_error{${step.name}}`);
}

/**
 * Where a failure happened, for its log line: the stream id and, when Envoy forwards it, the
 * request's `x-request-id`, so the line can be matched to Envoy's access log.
 */
function where(x: Exchange, m: Message): Record<string, unknown> {
  const requestId = x.requestHeaders?.get('x-request-id');
  return requestId === undefined
    ? { stream: x.id, phase: m.phase }
    : { stream: x.id, requestId, phase: m.phase };
}

/**
 * Logs a plugin failure once, with the plugin, phase, outcome, stream and request id; the error's
 * message and stack go to the log only, never to the client. Rate-limited per plugin and kind of
 * failure (log-limit.ts), so a plugin failing on every stream cannot flood the disk.
 */
export function logFailure(m: Message, step: Step, error: Error, x: Exchange): void {
  const kind = error instanceof AttacheError ? error.code : 'PLUGIN_THREW';
  x.observer?.failed(m.phase, step, failureKind(error), step.failure === 'open' ? 'open' : 'closed');
  limitedLog(
    step.log,
    'error',
    kind,
    { err: error, ...where(x, m), outcome: step.failure === 'open' ? 'pass-through' : 'fail-closed' },
    kind === ErrorCode.HANDLER_TIMEOUT ? 'plugin handler timed out' : 'plugin handler failed',
  );
}
