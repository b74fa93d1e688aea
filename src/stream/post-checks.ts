/**
 * Checks that can only be made once every handler of a message ran.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { CONTINUED, type Ending, failed } from '../pipeline/runner.js';
import type { Message } from './message.js';

/**
 * How a message its plugins continued ends after the checks Envoy makes on the whole reply: it
 * fails (attributed to the plugin that made the offending change) when Envoy would reject it,
 * for `:method` changed without CONTINUE_AND_REPLACE (§5.1), or headers past the connection
 * manager's count or size limits (§6.3).
 */
export function postChecks(m: Message, pipeline: Pipeline): Ending {
  if (m.methodSetBy !== null && m.replacement === null) {
    return failed(
      m.methodSetBy,
      new AttacheError(
        ErrorCode.MUTATION_REFUSED,
        'Envoy refuses to change :method unless the body is replaced in the same reply (CONTINUE_AND_REPLACE) or mutation_rules allow it (allow_all_routing, or an allow_expression matching :method)',
      ),
    );
  }
  const map = m.target;
  if (map === null || m.lastMutator === null) return CONTINUED;
  const { maxHeadersCount: count, maxHeadersBytes: bytes } = pipeline;
  const mutation = map.mutation();
  m.checkedMutation = mutation;
  let reason: string | null = null;
  if (
    (mutation?.setHeaders?.length ?? 0) > count ||
    (mutation?.removeHeaders?.length ?? 0) > count ||
    map.size > count
  ) {
    reason = `header changes exceed Envoy's limit of ${count} headers per map (max_headers_count)`;
  } else if (map.overLimit(bytes)) {
    reason = `headers would be ${map.byteSize()} bytes, over Envoy's limit of ${bytes / 1024} KiB (max_request_headers_kb)`;
  }
  return reason === null
    ? CONTINUED
    : failed(m.lastMutator, new AttacheError(ErrorCode.MUTATION_REFUSED, reason));
}
