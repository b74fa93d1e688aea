/**
 * The transport adapter contract.
 *
 * A transport (grpc-js today, a raw `node:http2` one later, the test kit's in-process channel)
 * decodes `ProcessingRequest`s off the wire and hands them to a {@link StreamHandler}; the
 * handler answers through the {@link StreamSink} it was given. The stream state machine behind
 * the handler knows nothing about grpc-js, HTTP/2 or metadata objects: this file is the whole
 * boundary.
 *
 * @module
 */
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';

/** gRPC status codes a server may end a call with (the gRPC spec's codes, minus those only clients produce). */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** Call metadata of a `Process` stream (gRPC initial metadata), keys lower-case. */
export type CallMetadata = ReadonlyMap<string, string>;

/**
 * Where the framework writes replies for one `Process` stream. Implemented by the transport.
 *
 * After `end` or `fail` the sink ignores further calls.
 */
export interface StreamSink {
  /**
   * Queue one reply on the stream. Returns `false` when the transport's buffer is full (the peer
   * reads slower than replies are made): a producer that can wait, such as a streamed response
   * body, then waits for {@link StreamSink.whenWritable}. Replies to Envoy's own messages need
   * not wait: Envoy's flow control already bounds them.
   */
  send(reply: ProcessingResponse): boolean;
  /** Resolves once the transport can take more replies, or the call ended; at once if it can now. */
  whenWritable(): Promise<void>;
  /**
   * End the call with status OK. For Envoy this means "stop external processing for this
   * HTTP request and let it continue unmodified".
   */
  end(): void;
  /** End the call with a non-OK status. Envoy fails the request (or fails open if allowed). */
  fail(code: number, message: string): void;
}

/** The framework's side of one `Process` stream. Implemented by the stream state machine. */
export interface StreamHandler {
  /** One decoded message from Envoy. */
  message(request: ProcessingRequest): void;
  /** Envoy half-closed its side (it will send nothing more). */
  halfClose(): void;
  /** The call ended abnormally or was reset by the client (Envoy's normal end is half-close, then reset). */
  cancel(): void;
}

/** Anything that can accept `Process` streams: the framework's processor, or a test double. */
export interface ProcessStreamTarget {
  /** Open a stream: the transport passes its sink and call metadata, and feeds the returned handler. */
  connect(sink: StreamSink, metadata: CallMetadata): StreamHandler;
  /**
   * Largest `ProcessingRequest` (encoded bytes) the target accepts. Transports enforce it the way
   * grpc-js does: the call fails with RESOURCE_EXHAUSTED. `undefined` means unlimited.
   */
  readonly maxReceiveMessageBytes?: number | undefined;
}

export type { ProcessingRequest, ProcessingResponse };
