/**
 * The grpc-js transport: serves `envoy.service.ext_proc.v3.ExternalProcessor/Process` with a raw
 * bidi handler and the generated codecs (no proto-loader objects on the hot path).
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { Logger } from '../log.js';
import { limitedLog } from '../log-limit.js';
import { decodeRequest, encodeResponse } from '../protocol/codec.js';
import { PROCESS_PATH } from '../protocol/service.js';
import { fromGrpcMetadata, LazyMetadata } from './lazy-metadata.js';
import { GrpcStatus, type ProcessStreamTarget, type StreamSink } from './types.js';
import { unknownFieldsLogger } from './unknown-fields.js';

/** A message the deserializer refused; reported on the stream instead of a decoded request. */
class Rejected {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {}
}

type Incoming = ProcessingRequest | Rejected;

function definition(maxBytes: number, log: Logger): grpc.ServiceDefinition {
  const onUnknown = unknownFieldsLogger(log);
  return {
    Process: {
      path: PROCESS_PATH,
      requestStream: true,
      responseStream: true,
      originalName: 'process',
      requestSerialize: (value: Buffer) => value,
      requestDeserialize: (bytes: Buffer): Incoming => {
        if (bytes.length > maxBytes) {
          return new Rejected(
            GrpcStatus.RESOURCE_EXHAUSTED,
            `ProcessingRequest of ${bytes.length} bytes exceeds maxMessageBytes (${maxBytes}); raise grpc.maxMessageBytes in the attache config`,
          );
        }
        try {
          return decodeRequest(bytes, onUnknown);
        } catch (error) {
          log.debug({ err: error }, 'undecodable ProcessingRequest');
          return new Rejected(
            GrpcStatus.INVALID_ARGUMENT,
            `malformed ProcessingRequest: ${(error as Error).message}`,
          );
        }
      },
      responseSerialize: (reply: ProcessingResponse) => encodeResponse(reply),
      responseDeserialize: (bytes: Buffer) => bytes,
    },
  };
}

/** What this module reads of the HTTP/2 stream under a grpc-js call (Node's public API). */
interface SentBlocks {
  readonly closed: boolean;
  readonly sentHeaders?: Record<string, unknown>;
  readonly sentTrailers?: Record<string, unknown>;
  once(event: 'close', listener: () => void): unknown;
}

/** The HTTP/2 stream under a grpc-js server call, or undefined where grpc-js hides it differently. */
function http2StreamOf(call: object): SentBlocks | undefined {
  // grpc-js keeps the stream on its innermost call object (`call.call`, then `nextCall` through
  // any interceptors, to the base call's `stream`): not public API, so every step is checked and
  // a grpc-js that moves it only costs this log line (src/transport/grpc-js.test.ts notices).
  let inner: unknown = (call as { call?: unknown }).call;
  for (let depth = 0; depth < 8 && typeof inner === 'object' && inner !== null; depth++) {
    const stream = (inner as { stream?: unknown }).stream;
    if (typeof stream === 'object' && stream !== null && 'sentHeaders' in stream && 'once' in stream) {
      return stream as SentBlocks;
    }
    inner = (inner as { nextCall?: unknown }).nextCall;
  }
  return undefined;
}

/**
 * Logs the status grpc-js ended a call with by itself, if it did: attache never saw the cause
 * (e.g. a message over grpc-js's receive limit, which attache sets above `grpc.maxMessageBytes`),
 * so without this line the only trace would be Envoy's. grpc-js may report the cancellation
 * before its trailers are out, so the stream is read once it has closed.
 */
function logStatusSentByGrpcJs(call: object, log: Logger): void {
  const stream = http2StreamOf(call);
  if (stream === undefined) return;
  const inspect = () => {
    const block = stream.sentTrailers ?? stream.sentHeaders;
    const code = Number(block?.['grpc-status']);
    if (!Number.isInteger(code) || code === GrpcStatus.OK) return;
    let details = String(block?.['grpc-message'] ?? '');
    try {
      details = decodeURIComponent(details);
    } catch {
      // grpc-js percent-encodes it; keep it as sent if it does not decode.
    }
    const reason =
      code === GrpcStatus.RESOURCE_EXHAUSTED
        ? `ProcessingRequest refused by grpc-js before attache could read it (${details}); attache's limit is grpc.maxMessageBytes, grpc-js's is set to about twice that`
        : `grpc-js ended the stream with gRPC status ${code} (${details})`;
    limitedLog(log, 'error', `GRPC_STATUS_${code}`, { code, source: 'grpc-js' }, reason);
  };
  if (stream.closed) inspect();
  else stream.once('close', inspect);
}

/**
 * Registers the ext_proc service on a grpc-js server, feeding every stream to `target`.
 *
 * grpc-js's own receive limit is set by the caller well above `target.maxReceiveMessageBytes`
 * so that oversized messages reach the deserializer and get a clear error; grpc-js reports a
 * status it sent itself to the handler only as a cancellation.
 * @internal
 */
export function addExtProcService(server: grpc.Server, target: ProcessStreamTarget, log: Logger): void {
  const max = target.maxReceiveMessageBytes ?? Number.MAX_SAFE_INTEGER;
  server.addService(definition(max, log), {
    Process: (call: grpc.ServerDuplexStream<Incoming, ProcessingResponse>) => {
      let closed = false;
      const sink: StreamSink = {
        send(reply) {
          return closed || call.write(reply);
        },
        whenWritable() {
          if (closed || !call.writableNeedDrain) return Promise.resolve();
          return new Promise<void>((resolve) => {
            // Whichever comes first: room in the buffer, or the end of the call (no drain then).
            const events = ['drain', 'cancelled', 'error', 'close', 'finish'] as const;
            const done = () => {
              for (const e of events) call.off(e, done);
              resolve();
            };
            for (const e of events) call.on(e, done);
          });
        },
        end() {
          if (closed) return;
          closed = true;
          call.end();
        },
        fail(code, details) {
          if (closed) return;
          closed = true;
          // grpc-js turns an 'error' event on a server stream into the call's final status.
          call.emit('error', { code, details });
        },
      };
      const handler = target.connect(sink, new LazyMetadata(call.metadata, fromGrpcMetadata));
      call.on('data', (incoming: Incoming) => {
        if (incoming instanceof Rejected) {
          // Rate-limited per status: a client sending garbage on every stream cannot flood the log.
          limitedLog(log, 'error', `GRPC_STATUS_${incoming.code}`, { code: incoming.code }, incoming.reason);
          sink.fail(incoming.code, incoming.reason);
          handler.cancel();
          return;
        }
        handler.message(incoming);
      });
      call.on('end', () => handler.halfClose());
      // Envoy's normal end is half-close then reset (§1.6): a cancellation here is not an error.
      // grpc-js also reports a status it sent by itself (a message over its own receive limit,
      // refused before our deserializer could see it) only as a cancellation: say so in our log.
      call.on('cancelled', () => {
        if (!closed) logStatusSentByGrpcJs(call, log);
        handler.cancel();
      });
      call.on('error', () => handler.cancel());
    },
  });
}
