/**
 * The server side of one gRPC call on a `wire` stream: the response headers once, then
 * length-prefixed messages, then the status in trailers (or a trailers-only response when the
 * call ends before any message). The call is the stream (it extends {@link H2ServerStream}), so
 * a call costs one object; the constant header blocks are built once, here.
 *
 * @module
 */
import { staticHeaderBlock } from '../h2/hpack-block.js';
import { H2ServerStream } from '../h2/server-stream.js';
import { frameMessage } from './grpc-frames.js';
import { grpcStatusFields, type HeaderField } from './grpc-headers.js';
import type { HealthCall, HealthOutput } from './grpc-health.js';
import type { Rejection } from './grpc-request.js';
import type { CallOutput } from './process-call.js';

const CONTENT_TYPE = ['content-type', 'application/grpc'] as const;
const RESPONSE_HEADERS = staticHeaderBlock([[':status', '200'], CONTENT_TYPE]);
const OK_TRAILERS = staticHeaderBlock([['grpc-status', '0']]);
const OK_TRAILERS_ONLY = staticHeaderBlock([[':status', '200'], CONTENT_TYPE, ['grpc-status', '0']]);

/** A trailers-only response's block: HTTP status, content-type, any `fields` of the rejection, and the gRPC status. */
function trailersOnly(
  code: number,
  message: string,
  httpStatus: number,
  fields: readonly HeaderField[] = [],
): Buffer {
  if (code === 0 && message === '' && httpStatus === 200 && fields.length === 0) return OK_TRAILERS_ONLY;
  return staticHeaderBlock([
    [':status', String(httpStatus)],
    CONTENT_TYPE,
    ...fields,
    ...grpcStatusFields(code, message),
  ]);
}

/**
 * One gRPC call's outgoing side on its stream. `finish` ends it once; every call after that,
 * and every call after the stream closed, does nothing.
 */
export class WireCall extends H2ServerStream implements CallOutput, HealthOutput {
  responded = false;
  done = false;

  /** True once the call was finished by us or the stream closed. */
  get finished(): boolean {
    return this.done;
  }

  markClosed(): void {
    this.done = true;
  }

  override onClose(): void {
    this.done = true;
  }

  /** Sends bytes already framed as gRPC messages; `false` when the buffers are full (wait for {@link whenWritable}). */
  sendFrame(frame: Uint8Array): boolean {
    if (this.done) return true;
    this.#respond();
    return this.sendData(frame);
  }

  /** Sends one message frame given in parts (prefix and head, a body by reference, a tail), never copied. */
  sendFrameParts(parts: readonly Uint8Array[]): boolean {
    if (this.done) return true;
    this.#respond();
    return this.sendDataParts(parts);
  }

  /** Sends one encoded message. */
  sendMessage(message: Buffer): boolean {
    const frame = frameMessage(message);
    return Array.isArray(frame) ? this.sendFrameParts(frame) : this.sendFrame(frame);
  }

  override whenWritable(): Promise<void> {
    return this.done ? Promise.resolve() : super.whenWritable();
  }

  /** Ends the call with a status: trailers after the messages, or a trailers-only response. */
  finish(code: number, message: string): void {
    if (this.done) return;
    this.done = true;
    if (!this.responded) {
      this.responded = true;
      this.sendHeaders(trailersOnly(code, message, 200), true);
      return;
    }
    this.sendTrailers(
      code === 0 && message === '' ? OK_TRAILERS : staticHeaderBlock(grpcStatusFields(code, message)),
    );
  }

  /** Refuses the request with a trailers-only response (an HTTP status other than 200 if it is not gRPC). */
  refuse(rejection: Rejection): void {
    if (this.done) return;
    this.done = true;
    this.responded = true;
    this.sendHeaders(
      trailersOnly(rejection.code, rejection.message, rejection.httpStatus, rejection.fields),
      true,
    );
  }

  #respond(): void {
    if (this.responded) return;
    this.responded = true;
    this.sendHeaders(RESPONSE_HEADERS, false);
  }
}

/** A `grpc.health.v1` call on a `wire` stream: the stream's events go to its {@link HealthCall}. */
export class WireHealthCall extends WireCall {
  health: HealthCall | null = null;

  override push(chunk: Buffer): void {
    this.health?.push(chunk);
  }
  override onEnd(): void {
    this.health?.onEnd();
  }
  override onClose(): void {
    this.done = true;
    this.health?.onClose();
  }
}
