/**
 * The transport seam between the simulated Envoy filter and an ext_proc server.
 *
 * Kept deliberately small: the in-process channel, `http2Channel` (the kit's own HTTP/2 client)
 * and the grpc-js channel all sit behind it.
 *
 * @module
 */
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';

/**
 * Final status of a call as the client saw it.
 *
 * @example
 * ```ts
 * const status: CallStatus = { code: 13, message: 'boom' };
 * ```
 */
export interface CallStatus {
  code: number;
  message: string;
}

/**
 * Callbacks the client side of one `Process` call receives.
 *
 * @example
 * ```ts
 * const events: ClientStreamEvents = { reply: (r) => replies.push(r), close: (s) => statuses.push(s) };
 * ```
 */
export interface ClientStreamEvents {
  /** One reply from the server, in order. */
  reply(response: ProcessingResponse): void;
  /**
   * The call ended from the server or transport side (OK, error status, transport failure).
   * Not called after the client's own {@link ClientSideStream.cancel}.
   */
  close(status: CallStatus): void;
}

/**
 * The client side of one `Process` call.
 *
 * @example
 * ```ts
 * const call = channel.open({}, events);
 * call.send(message);
 * call.halfClose();
 * call.cancel(); // Envoy's normal end: half-close, then reset
 * ```
 */
export interface ClientSideStream {
  /** Send one message (never with end-of-stream, doc §1.5). */
  send(request: ProcessingRequest): void;
  /** Half-close: the client will send nothing more. */
  halfClose(): void;
  /** Reset the call (RST_STREAM); no further events are delivered. */
  cancel(): void;
}

/**
 * Something that can open `Process` calls: {@link inProcessChannel}, {@link http2Channel} or
 * {@link grpcChannel}.
 *
 * @example
 * ```ts
 * const channel: ExtProcChannel = inProcessChannel(myProcessor);
 * const call = channel.open({ 'x-tenant': 'a' }, { reply: (r) => console.log(r), close: (s) => console.log(s) });
 * call.send({ request: { $case: 'requestHeaders', value: { headers: { headers: [] }, endOfStream: true } } });
 * ```
 */
export interface ExtProcChannel {
  /** Open one call with the given call metadata (keys lower-case). */
  open(metadata: Record<string, string>, events: ClientStreamEvents): ClientSideStream;
}

/** Whether `value` is an {@link ExtProcChannel} (rather than a `ProcessStreamTarget`). */
export function isExtProcChannel(value: unknown): value is ExtProcChannel {
  return (
    typeof value === 'object' && value !== null && typeof (value as { open?: unknown }).open === 'function'
  );
}
