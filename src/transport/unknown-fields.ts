/**
 * The debug line for a `ProcessingRequest` carrying fields this build does not know: a later
 * Envoy's additions (flow control, fields 12 and 13) or a proxyless gRPC client's. They are
 * skipped and the message is processed; the line says which, once per message, at debug.
 *
 * @module
 */
import type { Logger } from '../log.js';

/**
 * The listener `decodeRequest` calls with a message's unknown field numbers: made once per
 * transport, so decoding a message allocates no closure.
 */
export function unknownFieldsLogger(log: Logger): (fields: number[]) => void {
  return (fields) =>
    log.debug(
      { fields },
      'ProcessingRequest fields this attache does not know (a later Envoy or a proxyless client); skipped',
    );
}
