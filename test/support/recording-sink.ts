/**
 * A stream sink that records what a processor stream sends, for tests that drive the stream
 * state machine message by message. Replies go through the codec both ways, so what is asserted
 * is what would go on the wire.
 */
import type { ProcessingResponse } from '../../src/gen/envoy/service/ext_proc/v3/external_processor.js';
import { decodeResponse, encodeResponse } from '../../src/protocol/codec.js';
import type { StreamSink } from '../../src/transport/types.js';

/** The sink, the replies it took, and its `end` / `fail:<code>` events. */
export function recordingSink(): { sink: StreamSink; replies: ProcessingResponse[]; events: string[] } {
  const replies: ProcessingResponse[] = [];
  const events: string[] = [];
  const sink: StreamSink = {
    send: (r) => replies.push(decodeResponse(encodeResponse(r))) > 0,
    whenWritable: () => Promise.resolve(),
    end: () => void events.push('end'),
    fail: (code) => void events.push(`fail:${code}`),
  };
  return { sink, replies, events };
}
