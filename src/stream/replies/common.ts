/**
 * What every reply shares: "continue unchanged", dynamic metadata, and header mutations in
 * Envoy's shape.
 *
 * @module
 */
import type {
  HeaderMutation,
  ProcessingResponse,
} from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { HeaderChanges } from '../../http/header-map.js';
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

/**
 * Envoy reads only `raw_value` and only the deprecated `append` flag (§6.1): unset means
 * "replace all values", so `append` is set only when adding a value.
 */
export function toHeaderMutation(changes: HeaderChanges): HeaderMutation | undefined {
  if (changes.set.length === 0 && changes.remove.length === 0) return undefined;
  return {
    setHeaders: changes.set.map((c) =>
      c.append
        ? { header: { key: c.key, rawValue: c.value }, append: true }
        : { header: { key: c.key, rawValue: c.value } },
    ),
    removeHeaders: changes.remove,
  };
}
