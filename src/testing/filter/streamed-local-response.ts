/**
 * ext_proc's streamed local response (StreamedImmediateResponse, Envoy 1.37+, doc §5.5, §18.70).
 *
 * Instead of answering `request_headers`, the server streams the HTTP response itself:
 * `headers_response` first (mutation rules apply, `:status` must parse as ≥200), then
 * `body_response` chunks and optionally `trailers_response`, up to end-of-stream. This module
 * judges those messages and feeds the response downstream; the filter stops the request (it
 * never goes upstream), turns response processing off and keeps sending the request body and
 * trailers per mode.
 *
 * @module
 */
import type { HeaderMap as HeaderMapProto } from '../../gen/envoy/config/core/v3/base.js';
import type {
  HeaderMutation,
  HttpHeaders,
  StreamedBodyResponse,
  StreamedImmediateResponse,
} from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import { HeaderMap } from '../header-map.js';
import { parseUint32 } from '../mutation-check.js';
import type { DirectionSink, DirectionState } from './direction-state.js';
import type { Outcome, ReplyHost } from './reply-handlers.js';

/** What the streamed local response needs from the filter. */
export interface LocalResponseHost extends Pick<ReplyHost, 'applyMutation' | 'note'> {
  /**
   * Stops the request for good, turns response processing off and starts the downstream
   * response; returns where the local response's frames go.
   */
  startLocalResponse(): DirectionSink;
}

const OK: Outcome = { kind: 'ok' };
const SPURIOUS: Outcome = { kind: 'spurious', details: 'spurious message' };

/**
 * Local-reply details when Envoy rejects a `headers_response`. The doc (§5.5) says "error" but
 * gives no details string: this wording is the kit's own.
 */
const INVALID_DETAILS = 'invalid streamed immediate response';

/**
 * Every entry of a proto header map as an appending `set_headers` entry, so the configured
 * mutation rules and limits judge it (§5.5) and repeated names keep one entry per value.
 */
function asAdditions(headers: HeaderMapProto | undefined): HeaderMutation {
  return {
    setHeaders: (headers?.headers ?? []).map((header) => ({ header, append: true })),
    removeHeaders: [],
  };
}

/** The streamed local response of one exchange: idle → streaming → ended. */
export class StreamedLocalResponse {
  readonly #host: LocalResponseHost;
  readonly #decoding: DirectionState;
  #phase: 'idle' | 'streaming' | 'ended' = 'idle';
  #sink: DirectionSink | null = null;

  constructor(host: LocalResponseHost, decoding: DirectionState) {
    this.#host = host;
    this.#decoding = decoding;
  }

  /** A `headers_response` was accepted: fail-open is no longer possible (§8). */
  get started(): boolean {
    return this.#phase !== 'idle';
  }

  /** Started and not yet at end-of-stream: the request keeps flowing to the server per mode. */
  get streaming(): boolean {
    return this.#phase === 'streaming';
  }

  /** The local response reached end-of-stream: the side stream closes (§5.5). */
  get ended(): boolean {
    return this.#phase === 'ended';
  }

  /** Handles one `streamed_immediate_response` message. */
  handle(message: StreamedImmediateResponse): Outcome {
    const r = message.response;
    switch (r?.$case) {
      case 'headersResponse':
        return this.#headers(r.value);
      case 'bodyResponse':
        return this.#body(r.value);
      case 'trailersResponse':
        return this.#trailers(r.value);
      default:
        // An empty message has no place in the sequence: out of order, hence spurious (§7).
        return SPURIOUS;
    }
  }

  #invalid(message: string): Outcome {
    this.#host.note(this.#decoding, 'invalid-streamed-immediate-response', message);
    return { kind: 'error', details: INVALID_DETAILS };
  }

  #headers(headers: HttpHeaders): Outcome {
    // §5.5: only as the reply to request_headers, and only once.
    if (this.#phase !== 'idle' || this.#decoding.callbackState !== 'HeadersCallback') return SPURIOUS;
    const endStream = headers.endOfStream === true;
    const mode = this.#decoding.bodyMode;
    if (!endStream && mode !== 'NONE' && mode !== 'FULL_DUPLEX_STREAMED') {
      return this.#invalid(
        `headers_response with end_of_stream=false needs request body mode NONE or FULL_DUPLEX_STREAMED, not ${mode}`,
      );
    }
    const map = new HeaderMap('response-headers');
    const failed = this.#host.applyMutation(this.#decoding, asAdditions(headers.headers), map, false, false);
    if (failed !== undefined) return { kind: 'error', details: failed };
    const status = parseUint32(map.getString(':status') ?? '');
    if (status === undefined || status < 200) {
      return this.#invalid(
        `headers_response :status must parse as a number >= 200 (got ${JSON.stringify(map.getString(':status') ?? null)})`,
      );
    }
    this.#phase = endStream ? 'ended' : 'streaming';
    this.#sink = this.#host.startLocalResponse();
    this.#sink.headers(map, endStream);
    return OK;
  }

  #body(body: StreamedBodyResponse): Outcome {
    // §5.5: body before headers is spurious.
    if (this.#phase !== 'streaming' || this.#sink === null) return SPURIOUS;
    if (body.endOfStreamWithoutMessage === true || body.grpcMessageCompressed === true) {
      this.#host.note(
        this.#decoding,
        'ignored-fields',
        'end_of_stream_without_message / grpc_message_compressed only apply to the GRPC body mode',
      );
    }
    const data = Buffer.from(body.body ?? Buffer.alloc(0));
    const endStream = body.endOfStream === true;
    if (endStream) this.#phase = 'ended';
    if (data.length > 0 || endStream) this.#sink.data(data, endStream);
    return OK;
  }

  #trailers(trailers: HeaderMapProto): Outcome {
    if (this.#phase !== 'streaming' || this.#sink === null) return SPURIOUS;
    // Doc §5.5 names the mutation rules for headers_response only; the kit applies them to the
    // trailers too, as §5.3 does for trailers (the stricter reading).
    const map = new HeaderMap('response-trailers');
    const failed = this.#host.applyMutation(this.#decoding, asAdditions(trailers), map, false, false);
    if (failed !== undefined) return { kind: 'error', details: failed };
    this.#phase = 'ended';
    // As everywhere in the kit, empty trailers count as none: the response just ends.
    if (map.size === 0) this.#sink.data(Buffer.alloc(0), true);
    else this.#sink.trailers(map);
    return OK;
  }
}
