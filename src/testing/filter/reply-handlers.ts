/**
 * How one direction handles headers / body / trailers replies (Envoy `ProcessorState::handle*`,
 * doc §5.1–§5.3, §4.4–§4.8).
 *
 * Each handler returns an {@link Outcome}; the filter turns errors into local replies and
 * spurious outcomes into fail-open or fail-closed behaviour (§7).
 *
 * @module
 */
import {
  type BodyMutation,
  type BodyResponse,
  type CommonResponse,
  CommonResponse_ResponseStatus,
  type HeaderMutation,
  type HeadersResponse,
  type TrailersResponse,
} from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { HeaderMap } from '../header-map.js';
import { parseUint64 } from '../mutation-check.js';
import type { ViolationKind } from '../result.js';
import type { CallbackState, DirectionState } from './direction-state.js';

/** Result of handling a reply: success, a spurious reply (§7), or an error with local-reply details. */
export type Outcome =
  | { kind: 'ok' }
  | { kind: 'spurious'; details: string }
  | { kind: 'error'; details: string };

const OK: Outcome = { kind: 'ok' };
const SPURIOUS: Outcome = { kind: 'spurious', details: 'spurious message' };

/** Services the filter provides to the reply handlers. */
export interface ReplyHost {
  /** Sends a body message for `state` and starts a call in state `next`. */
  sendBodyMessage(state: DirectionState, body: Buffer, endOfStream: boolean, next: CallbackState): void;
  /** Sends the trailers message for `state` (once). */
  sendTrailersMessage(state: DirectionState): void;
  /** Applies a mutation to `target`; returns local-reply details on failure. */
  applyMutation(
    state: DirectionState,
    mutation: HeaderMutation,
    target: HeaderMap,
    replacing: boolean,
    removeContentLength: boolean,
  ): string | undefined;
  /** Route-cache handling for a reply (request direction only, §5.1). */
  clearRouteCache(state: DirectionState, common: CommonResponse): void;
  /** Records something Envoy ignores or rejects without a dedicated path. */
  note(state: DirectionState, kind: ViolationKind, message: string): void;
}

/** Envoy `MutationUtils::applyBodyMutations`: replace, clear, or leave unchanged. */
export function applyBodyMutation(mutation: BodyMutation, current: Buffer): Buffer {
  switch (mutation.mutation?.$case) {
    case 'body':
      return Buffer.from(mutation.mutation.value);
    case 'clearBody':
      return mutation.mutation.value ? Buffer.alloc(0) : current;
    default:
      return current;
  }
}

function isReplace(common: CommonResponse): boolean {
  return common.status === CommonResponse_ResponseStatus.CONTINUE_AND_REPLACE;
}

/** Applies `common.header_mutation` to the held headers (if any). */
function mutateHeaders(host: ReplyHost, state: DirectionState, common: CommonResponse): Outcome | undefined {
  if (common.headerMutation === undefined) return undefined;
  if (state.headers === null) {
    // §19.1 / §5.2: e.g. BUFFERED with header SKIP — the headers already went on.
    host.note(
      state,
      'ignored-header-mutation',
      'header_mutation in a body reply: the headers were already sent on',
    );
    return undefined;
  }
  const err = host.applyMutation(
    state,
    common.headerMutation,
    state.headers,
    isReplace(common),
    state.shouldRemoveContentLength(),
  );
  return err === undefined ? undefined : { kind: 'error', details: err };
}

/** Envoy `getCallbackStateAfterHeaderResp`. */
function stateAfterHeadersReply(state: DirectionState, common: CommonResponse): CallbackState {
  if (isReplace(common)) return 'Idle';
  if (state.sendsBodyWithoutWaiting && !state.queue.empty) return 'StreamedBodyCallback';
  if (state.bodyMode === 'FULL_DUPLEX_STREAMED') {
    if (state.bodyReceived) return 'StreamedBodyCallback';
    if (state.trailersAvailable) return 'TrailersCallback';
  }
  return 'Idle';
}

/** Envoy `sendBufferedDataInStreamedMode`: held data becomes one streamed chunk. */
function sendHeldDataAsChunk(host: ReplyHost, state: DirectionState, endStream: boolean): void {
  const held = state.bufferedData;
  if (held !== null && held.length > 0) {
    state.bufferedData = null;
    state.enqueue(held, endStream);
    host.sendBodyMessage(state, held, endStream, 'StreamedBodyCallback');
  }
  if (state.queueBelowLowLimit()) state.clearWatermark();
}

/** A `request_headers` / `response_headers` reply (§5.1). */
export function handleHeadersResponse(
  host: ReplyHost,
  state: DirectionState,
  response: HeadersResponse,
): Outcome {
  if (state.callbackState !== 'HeadersCallback') return SPURIOUS;
  const common: CommonResponse = response.response ?? {};
  const failed = mutateHeaders(host, state, common);
  if (failed !== undefined) return failed;
  host.clearRouteCache(state, common);
  const next = stateAfterHeadersReply(state, common);
  state.finishCall(next);

  if (isReplace(common)) {
    // §5.1 CONTINUE_AND_REPLACE: replace the body (if a body mutation is given), drop
    // content-length, and stop all further processing of this direction.
    if (common.bodyMutation !== undefined) {
      state.headers?.remove('content-length');
      state.bodyReplaced = true;
      state.bufferedData = applyBodyMutation(common.bodyMutation, state.bufferedData ?? Buffer.alloc(0));
    }
    // Doubt: Envoy's ChunkQueue::clear() only clears a queue of more than one chunk; we clear it.
    state.queue.drain();
    state.bodyMode = 'NONE';
    state.sendTrailers = false;
    state.clearWatermark();
  } else if (!state.noBody) {
    if (state.completeBodyAvailable && state.bodyMode !== 'NONE') {
      if (next === 'Idle') {
        // §4.4, §4.6: the whole body came in before the headers reply → one body message, handled
        // like a buffered body whatever the mode.
        if (state.bufferedData !== null) {
          host.sendBodyMessage(state, state.bufferedData, !state.trailersAvailable, 'BufferedBodyCallback');
          state.clearWatermark();
          return OK;
        }
        // HEADERS then TRAILERS without DATA: no body message (§4.4, #28672).
      } else {
        // Chunks are already out (send_body_without_waiting / FULL_DUPLEX): keep the headers.
        sendHeldDataAsChunk(host, state, !state.trailersAvailable);
        return OK;
      }
    } else if (state.bodyMode === 'BUFFERED') {
      // Keep the headers (still mutable by the body reply) and keep buffering.
      state.clearWatermark();
      return OK;
    } else if (state.bodyMode === 'STREAMED') {
      // §4.6: data held while waiting goes out as one chunk (eos=false); headers continue.
      sendHeldDataAsChunk(host, state, false);
      state.continueIfNecessary();
      return OK;
    } else if (state.bodyMode === 'FULL_DUPLEX_STREAMED') {
      state.continueIfNecessary();
      return OK;
    } else if (state.bodyMode === 'BUFFERED_PARTIAL') {
      // §4.5: queue what was held; send once over the limit, else keep the headers and wait.
      const held = state.bufferedData;
      if (held !== null && held.length > 0) {
        state.bufferedData = null;
        state.enqueue(held, false);
      }
      if (state.queueOverHighLimit()) {
        const all = state.queue.consolidate();
        host.sendBodyMessage(state, all.data, false, 'BufferedPartialBodyCallback');
      } else {
        state.clearWatermark();
      }
      return OK;
    }
    if (state.sendTrailers && state.trailersAvailable) {
      host.sendTrailersMessage(state);
      state.clearWatermark();
      return OK;
    }
  }
  state.headers = null;
  state.continueIfNecessary();
  state.clearWatermark();
  return OK;
}

/** Envoy `finalizeBodyResponse`. */
function finalizeBodyResponse(host: ReplyHost, state: DirectionState, shouldContinue: boolean): Outcome {
  state.headers = null;
  if (state.sendTrailers && state.trailersAvailable && state.queue.empty && !state.staleQueue) {
    host.sendTrailersMessage(state);
    return OK;
  }
  if (shouldContinue || (state.trailersAvailable && state.queue.empty)) state.continueIfNecessary();
  return OK;
}

/** BUFFERED body reply (§5.2, §6.4): header mutation, content-length check, body mutation. */
function bufferedBodyReply(host: ReplyHost, state: DirectionState, common: CommonResponse): Outcome {
  const failed = mutateHeaders(host, state, common);
  if (failed !== undefined) return failed;
  if (common.bodyMutation !== undefined) {
    const mutation = common.bodyMutation.mutation;
    if (mutation?.$case === 'streamedResponse') {
      // §19.2: ignored silently outside STREAMED (counts as a 0-byte body below).
      host.note(state, 'ignored-fields', 'streamed_response in a buffered body reply is ignored');
    }
    const contentLength = state.headers?.getString('content-length');
    if (contentLength !== undefined) {
      // §6.4: compare with the mutation's `body` (0 for clear_body / streamed_response).
      const declared = parseUint64(contentLength);
      const actual = mutation?.$case === 'body' ? mutation.value.length : 0;
      if (declared !== undefined && declared !== actual) {
        host.note(
          state,
          'content-length-mismatch',
          `content-length ${declared} but the mutated body has ${actual} bytes`,
        );
        return {
          kind: 'error',
          details: 'mismatch between content length and the length of the mutated body',
        };
      }
    }
    state.bufferedData = applyBodyMutation(common.bodyMutation, state.bufferedData ?? Buffer.alloc(0));
  }
  state.clearWatermark();
  state.finishCall();
  return OK;
}

/** STREAMED chunk reply (§4.6): only body/clear_body, applied to the oldest chunk. */
function streamedChunkReply(
  host: ReplyHost,
  state: DirectionState,
  common: CommonResponse,
): boolean | Outcome {
  const chunk = state.queue.pop();
  if (chunk === undefined) return SPURIOUS;
  if (common.headerMutation !== undefined) {
    host.note(state, 'ignored-header-mutation', 'header_mutation in a STREAMED body reply is ignored');
  }
  if (isReplace(common))
    host.note(state, 'ignored-fields', 'CONTINUE_AND_REPLACE in a body reply is ignored');
  const data =
    common.bodyMutation === undefined ? chunk.data : applyBodyMutation(common.bodyMutation, chunk.data);
  if (data.length > 0) state.inject(data, chunk.endStream);
  if (state.queueBelowLowLimit()) state.clearWatermark();
  state.finishCall(state.queue.empty ? 'Idle' : 'StreamedBodyCallback');
  return chunk.endStream;
}

/** FULL_DUPLEX_STREAMED reply (§4.8): `streamed_response` output chunks. */
function duplexReply(state: DirectionState, common: CommonResponse): boolean {
  const mutation = common.bodyMutation?.mutation;
  const streamed = mutation?.$case === 'streamedResponse' ? mutation.value : {};
  const body = streamed.body ?? Buffer.alloc(0);
  const endOfStream = streamed.endOfStream === true;
  if (body.length > 0) state.inject(body, endOfStream);
  state.finishCall(endOfStream ? 'Idle' : 'StreamedBodyCallback');
  return endOfStream;
}

/** BUFFERED_PARTIAL reply (§4.5): the sent chunk, then anything queued meanwhile, goes on. */
function partialBodyReply(host: ReplyHost, state: DirectionState, common: CommonResponse): Outcome {
  const chunk = state.queue.pop();
  if (chunk === undefined) return SPURIOUS;
  const failed = mutateHeaders(host, state, common);
  if (failed !== undefined) return failed;
  const data =
    common.bodyMutation === undefined ? chunk.data : applyBodyMutation(common.bodyMutation, chunk.data);
  if (data.length > 0) state.inject(data, chunk.endStream);
  state.finishCall();
  if (!state.queue.empty) {
    // §19.3: data queued while the reply was pending is released; trailers then pass unseen.
    const rest = state.queue.drain();
    state.inject(rest.data, rest.endStream);
    state.staleQueue = true;
  }
  state.clearWatermark();
  state.partialBodyProcessed = true;
  return OK;
}

/** A `request_body` / `response_body` reply (§5.2). */
export function handleBodyResponse(host: ReplyHost, state: DirectionState, response: BodyResponse): Outcome {
  const common: CommonResponse = response.response ?? {};
  let shouldContinue = true;
  switch (state.callbackState) {
    case 'BufferedBodyCallback': {
      const outcome = bufferedBodyReply(host, state, common);
      if (outcome.kind !== 'ok') return outcome;
      break;
    }
    case 'StreamedBodyCallback': {
      const streamed = common.bodyMutation?.mutation?.$case === 'streamedResponse';
      if (streamed && state.bodyMode !== 'FULL_DUPLEX_STREAMED') {
        return {
          kind: 'spurious',
          details:
            'spurious message: streamed_response is received while body_mode_ is not FULL_DUPLEX_STREAMED',
        };
      }
      if (!streamed && state.bodyMode === 'FULL_DUPLEX_STREAMED') {
        return {
          kind: 'spurious',
          details:
            'spurious message: Normal body mutation response is received while body_mode_ is FULL_DUPLEX_STREAMED',
        };
      }
      const result = streamed ? duplexReply(state, common) : streamedChunkReply(host, state, common);
      if (typeof result !== 'boolean') return result;
      shouldContinue = result;
      break;
    }
    case 'BufferedPartialBodyCallback': {
      const outcome = partialBodyReply(host, state, common);
      if (outcome.kind !== 'ok') return outcome;
      break;
    }
    default:
      return SPURIOUS;
  }
  host.clearRouteCache(state, common);
  return finalizeBodyResponse(host, state, shouldContinue);
}

/** A `request_trailers` / `response_trailers` reply (§5.3); FULL_DUPLEX accepts it any time (§4.8). */
export function handleTrailersResponse(
  host: ReplyHost,
  state: DirectionState,
  response: TrailersResponse,
): Outcome {
  if (state.callbackState !== 'TrailersCallback' && state.bodyMode !== 'FULL_DUPLEX_STREAMED')
    return SPURIOUS;
  if (response.headerMutation !== undefined && state.trailers !== null) {
    const err = host.applyMutation(state, response.headerMutation, state.trailers, false, false);
    if (err !== undefined) return { kind: 'error', details: err };
  }
  state.trailers = null;
  state.finishCall();
  state.continueIfNecessary();
  return OK;
}
