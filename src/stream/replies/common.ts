/**
 * What every reply shares: "continue unchanged" and dynamic metadata (header mutations come in
 * Envoy's shape from `HeaderMap.mutation()`).
 *
 * @module
 */
import type { ProcessingResponse } from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { JsonValue, Phase } from '../../plugin/types.js';
import { constantReply } from '../../protocol/codec.js';

/** "Continue unchanged" for each phase, encoded once. */
export const CONTINUE: { readonly [P in Phase]: ProcessingResponse } = {
  requestHeaders: constantReply({ response: { $case: 'requestHeaders', value: {} } }),
  responseHeaders: constantReply({ response: { $case: 'responseHeaders', value: {} } }),
  requestBody: constantReply({ response: { $case: 'requestBody', value: {} } }),
  responseBody: constantReply({ response: { $case: 'responseBody', value: {} } }),
  requestTrailers: constantReply({ response: { $case: 'requestTrailers', value: {} } }),
  responseTrailers: constantReply({ response: { $case: 'responseTrailers', value: {} } }),
};

/** Dynamic metadata in Envoy's shape: namespace → Struct. */
export type MetadataOut = Record<string, Record<string, JsonValue>> | null;

/** What answering a message sends: one reply, several (streamed chunks), or none. */
export type Replies = ProcessingResponse | readonly ProcessingResponse[] | null;
