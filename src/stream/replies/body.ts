/**
 * Replies to body messages, by the body mode Envoy uses: one reply replacing the buffered body
 * or the streamed chunk, or any number of `streamed_response` chunks under FULL_DUPLEX_STREAMED
 * (§4.4–§4.8).
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../../errors.js';
import { ProcessingMode_BodySendMode as BodySendMode } from '../../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type {
  HeaderMutation,
  ProcessingResponse,
} from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { Body } from '../../http/body.js';
import type { BodyFlow } from '../../pipeline/body-flow.js';
import type { Ending } from '../../pipeline/runner.js';
import type { DirectionState } from '../direction-state.js';
import type { Exchange } from '../exchange.js';
import type { Message } from '../message.js';
import { postChecks } from '../post-checks.js';
import { CONTINUE, type MetadataOut, type Replies } from './common.js';
import { closedReply, failureReply, logFailure } from './failure.js';

/** A buffered-body reply; `body` null leaves the body unchanged. */
export function bodyReply(
  phase: 'requestBody' | 'responseBody',
  mutation: HeaderMutation | undefined,
  body: Buffer | null,
  metadata: MetadataOut,
): ProcessingResponse {
  return {
    response: {
      $case: phase,
      value: {
        response: {
          headerMutation: mutation,
          bodyMutation:
            body === null
              ? undefined
              : body.length === 0
                ? { mutation: { $case: 'clearBody', value: true } }
                : { mutation: { $case: 'body', value: body } },
        },
      },
    },
    dynamicMetadata: metadata ?? undefined,
  };
}

/**
 * Largest `streamed_response` body attache sends: Envoy's API recommends at most 64 KiB per
 * FULL_DUPLEX_STREAMED chunk (§4.8).
 */
export const STREAMED_CHUNK_BYTES = 64 * 1024;

/**
 * FULL_DUPLEX_STREAMED body replies carrying `bytes`, split into chunks of at most
 * {@link STREAMED_CHUNK_BYTES}; the last one carries `eos` and the metadata. Empty `bytes` give
 * one empty chunk (to carry `eos` or metadata).
 */
export function streamedChunks(
  phase: 'requestBody' | 'responseBody',
  bytes: Buffer,
  eos: boolean,
  metadata: MetadataOut,
): ProcessingResponse[] {
  const replies: ProcessingResponse[] = [];
  let at = 0;
  do {
    const end = Math.min(bytes.length, at + STREAMED_CHUNK_BYTES);
    const final = end === bytes.length;
    replies.push({
      response: {
        $case: phase,
        value: {
          response: {
            bodyMutation: {
              mutation: {
                $case: 'streamedResponse',
                value: { body: bytes.subarray(at, end), endOfStream: final && eos },
              },
            },
          },
        },
      },
      dynamicMetadata: final ? (metadata ?? undefined) : undefined,
    });
    at = end;
  } while (at < bytes.length);
  return replies;
}

/**
 * The replies to a body message (or the flush before trailers) that its plugins continued or
 * failed. A failure in a streamed mode under fail-open passes the chunk on without the failing
 * plugin and those after it, held bytes first.
 */
export function answerBody(
  x: Exchange,
  dir: DirectionState,
  m: Message,
  ending: Ending,
  flushing: boolean,
): Replies {
  const phase = m.phase as 'requestBody' | 'responseBody';
  const streamed = x.streamed(dir.direction);
  const result = ending.kind === 'continue' ? postChecks(m, x.pipeline) : ending;
  if (result.kind === 'failed') {
    const { step, error } = result;
    const tooLarge = error instanceof AttacheError && error.code === ErrorCode.BODY_TOO_LARGE;
    if (!streamed || step.failure === 'closed' || tooLarge) return failureReply(x, m, step, error);
    // Fail-open on a stream of chunks: "unchanged" no longer exists once bytes were held, so
    // the chunk passes on without the failing plugin and those after it, held bytes first.
    logFailure(m, step, error, x);
    (m.flow as BodyFlow).bypass(m.body as Body);
  }
  if (x.observability) return null;
  const out = (m.body as Body).bytes();
  const changed = (m.flow as BodyFlow).changed;
  const mode = x.bodyMode(dir.direction);
  if (mode === BodySendMode.FULL_DUPLEX_STREAMED) {
    // M:N: nothing to say for a chunk whose bytes are all held, unless metadata must go out.
    if (out.length > 0 || m.endOfStream || m.metadata !== null) {
      return streamedChunks(phase, out, m.endOfStream, m.metadata);
    }
    return null;
  }
  if (streamed) {
    if (!flushing) {
      return changed || m.metadata !== null
        ? bodyReply(phase, undefined, changed ? out : null, m.metadata)
        : CONTINUE[phase];
    }
    if (out.length > 0) return unflushable(x, dir, out.length);
    return null;
  }
  return bufferedBodyReply(dir, m, out, changed);
}

/**
 * STREAMED ends a body that has trailers without an end-of-stream chunk, and sends the
 * trailers only after every chunk was answered (§4.6): bytes still held can no longer reach
 * the peer. Cutting the body silently would corrupt it, so the exchange fails instead.
 */
function unflushable(x: Exchange, dir: DirectionState, bytes: number): ProcessingResponse {
  const err = new AttacheError(
    ErrorCode.BODY_UNFLUSHABLE,
    `${bytes} held-back ${dir.direction} body bytes cannot be sent: under STREAMED, trailers end the body after the last chunk was answered. Use FULL_DUPLEX_STREAMED for bodies with trailers`,
  );
  x.log.error({ err, stream: x.id, direction: dir.direction, bytes }, err.message);
  x.stopped = true;
  return closedReply(x.pipeline.failureStatus, 'attache_body_unflushable');
}

/** The reply to a BUFFERED / BUFFERED_PARTIAL body message. */
function bufferedBodyReply(
  dir: DirectionState,
  m: Message,
  out: Buffer,
  changed: boolean,
): ProcessingResponse {
  const phase = m.phase as 'requestBody' | 'responseBody';
  const held = m.target;
  let mutation: HeaderMutation | undefined;
  if (held !== null) {
    let checked = m.checkedMutation;
    if (changed && dir.lengthKept) {
      checked = null; // the map changes here
      // Envoy checks a kept content-length against a replaced buffered body (§6.4). It is set
      // even when attache never saw it (forward_rules may hide it from the processor); the
      // full length of a partial body is unknown, so there the header goes.
      if (m.body?.partial === true) held.remove('content-length');
      else held.set('content-length', Buffer.from(String(out.length)));
    }
    mutation = checked !== null ? checked : held.mutation();
    held.commit();
  }
  if (mutation === undefined && !changed && m.metadata === null) return CONTINUE[phase];
  return bodyReply(phase, mutation, changed ? out : null, m.metadata);
}
