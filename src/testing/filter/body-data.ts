/**
 * What a direction does with a DATA frame once its body mode decides (doc §4.4–§4.8, §17.2).
 *
 * @module
 */
import type { Direction } from '../result.js';
import type { DirectionState } from './direction-state.js';
import type { ReplyHost } from './reply-handlers.js';

/** What the body-data handlers need from the filter. */
export interface BodyDataHost extends Pick<ReplyHost, 'sendBodyMessage'> {
  /** The filter manager's buffer overflowed (413 / 500, doc §4.4). */
  bufferOverflow(direction: Direction): void;
}

/** §4.4 BUFFERED: accumulate; one body message at end-of-stream; over the limit → 413/500. */
export function bufferedData(
  host: BodyDataHost,
  state: DirectionState,
  chunk: Buffer,
  endStream: boolean,
): void {
  state.paused = true;
  state.holdData(chunk);
  if (state.overBufferLimit()) {
    host.bufferOverflow(state.direction);
    return;
  }
  if (endStream)
    host.sendBodyMessage(state, state.bufferedData ?? Buffer.alloc(0), true, 'BufferedBodyCallback');
}

/**
 * §4.6 / §4.8: every chunk is sent at once. STREAMED keeps it queued until its reply (watermark
 * over the limit); FULL_DUPLEX forwards nothing itself. While a headers reply is pending
 * (send_body_without_waiting / FULL_DUPLEX) the direction stays in HeadersCallback.
 */
export function streamedData(
  host: BodyDataHost,
  state: DirectionState,
  chunk: Buffer,
  endStream: boolean,
): void {
  if (state.bodyMode === 'STREAMED') state.enqueue(chunk, endStream);
  const waitingForHeaders = state.callbackState === 'HeadersCallback';
  host.sendBodyMessage(
    state,
    chunk,
    endStream,
    waitingForHeaders ? 'HeadersCallback' : 'StreamedBodyCallback',
  );
  if (endStream || waitingForHeaders) state.paused = true;
}

/**
 * §4.5 BUFFERED_PARTIAL: queue until end-of-stream or the buffer limit, then one body message;
 * data arriving while that reply is pending is queued; afterwards the rest passes through unseen.
 */
export function partialData(
  host: BodyDataHost,
  state: DirectionState,
  chunk: Buffer,
  endStream: boolean,
): void {
  if (state.partialBodyProcessed) {
    state.headers = null;
    state.passData(chunk, endStream);
    return;
  }
  state.enqueue(chunk, endStream);
  if (state.callbackState === 'BufferedPartialBodyCallback') {
    state.paused = true;
    return;
  }
  if (!endStream && !state.queueOverHighLimit()) return;
  const all = state.queue.consolidate();
  host.sendBodyMessage(state, all.data, all.endStream, 'BufferedPartialBodyCallback');
  state.paused = true;
}
