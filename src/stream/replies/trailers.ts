/**
 * Replies to trailers messages.
 *
 * @module
 */
import type {
  HeaderMutation,
  ProcessingResponse,
} from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { HeaderMap } from '../../http/header-map.js';
import type { Message } from '../message.js';
import { CONTINUE, type MetadataOut } from './common.js';

/** A trailers reply. */
export function trailersReply(
  phase: 'requestTrailers' | 'responseTrailers',
  mutation: HeaderMutation | undefined,
  metadata: MetadataOut,
): ProcessingResponse {
  return {
    response: { $case: phase, value: { headerMutation: mutation } },
    dynamicMetadata: metadata ?? undefined,
  };
}

/** The reply to a trailers message its plugins let through. */
export function answerTrailers(
  m: Message,
  phase: 'requestTrailers' | 'responseTrailers',
): ProcessingResponse {
  const checked = m.checkedMutation;
  const mutation = checked !== null ? checked : (m.trailers as HeaderMap).mutation();
  if (mutation === undefined && m.metadata === null) return CONTINUE[phase];
  return trailersReply(phase, mutation, m.metadata);
}
