/**
 * `--close` of `attache dev` and `attache send`: how the simulated Envoy ends each ext_proc
 * stream, chosen so the tools never trip a Node server's HTTP/2 reset limiter.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import type { TransportName } from '../server/transport.js';
import type { ChannelCloseMode } from '../testing/channel-http2.js';
import { NODE_HAS_RESET_RATE_OPTIONS } from '../transport/http2.js';

/** The values `--close` takes; `auto` only for `dev`, whose server runs in the same process. */
export const CLOSE_MODES = ['auto', 'reset', 'graceful'] as const;

/**
 * The close mode for `flag` (case-insensitive). `auto` (dev only) is Envoy's exact close,
 * END_STREAM then RST_STREAM, only when the in-process server is known to cope with a reset per
 * stream: the wire transport (attache's own HTTP/2, which has no reset limiter) on any Node, or
 * the http2 transport on Node 22+, which raises nghttp2's reset limit. Otherwise (the
 * grpc-js transport, which does not pass the limit on; Node 20, which cannot raise it) Envoy's
 * `ext_proc_graceful_grpc_close`: END_STREAM, then the server's trailers, no reset, so about every
 * 1,000th request does not meet a GOAWAY.
 */
export function closeModeFlag(
  value: string,
  command: 'dev' | 'send',
  server?: { transport: TransportName; nodeHasResetRateOptions?: boolean },
): ChannelCloseMode {
  const mode = value.toLowerCase();
  const allowed = command === 'dev' ? CLOSE_MODES : CLOSE_MODES.slice(1);
  if (!(allowed as readonly string[]).includes(mode)) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${command}: --close must be one of ${allowed.join('|')}, got "${value}"`,
    );
  }
  if (mode !== 'auto') return mode as ChannelCloseMode;
  const copes =
    server?.transport === 'wire' ||
    (server?.transport === 'http2' && (server.nodeHasResetRateOptions ?? NODE_HAS_RESET_RATE_OPTIONS));
  return copes ? 'reset' : 'graceful';
}
