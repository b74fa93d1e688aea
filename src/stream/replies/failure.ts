/**
 * What a failed message becomes: the single place where a plugin error turns into Envoy's view
 * of it (an immediate response or a pass-through), logged once.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../../errors.js';
import type { ProcessingResponse } from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
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
    step.log.warn({ err: error, stream: x.state.id, phase: m.phase }, 'body too large');
    const request = m.direction === 'request';
    x.stopped = true;
    return immediateReply(
      request ? 413 : 500,
      GENERIC_HEADERS,
      request ? Buffer.from('Payload Too Large\n') : GENERIC_BODY,
      undefined,
      'attache_body_too_large',
      null,
    );
  }
  logFailure(m, step, error, x.state.id);
  m.target?.revert();
  if (step.failure === 'open') return CONTINUE[m.phase];
  x.stopped = true;
  return closedReply(x.pipeline.failureStatus, `attache_plugin_error{${step.name}}`);
}

/** Logs a plugin failure once, with the plugin, phase and outcome. */
export function logFailure(m: Message, step: Step, error: Error, stream: number): void {
  const timedOut = error instanceof AttacheError && error.code === ErrorCode.HANDLER_TIMEOUT;
  step.log.error(
    { err: error, stream, phase: m.phase, outcome: step.failure === 'open' ? 'pass-through' : 'fail-closed' },
    timedOut ? 'plugin handler timed out' : 'plugin handler failed',
  );
}
