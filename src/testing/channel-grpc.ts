/**
 * {@link grpcChannel}: a real @grpc/grpc-js client for `ExternalProcessor/Process`.
 *
 * @module
 */
import * as grpc from '@grpc/grpc-js';
import {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { PROCESS_PATH } from '../protocol/service.js';
import type { ClientSideStream, ClientStreamEvents, ExtProcChannel } from './channel.js';

/**
 * Options of {@link grpcChannel}.
 *
 * @example
 * ```ts
 * const channel = grpcChannel('127.0.0.1:50051', { maxSendMessageBytes: 8 * 1024 * 1024 });
 * ```
 */
export interface GrpcChannelOptions {
  /** `grpc.max_receive_message_length` of the client (Envoy's default is unlimited, doc §1.9). */
  maxReceiveMessageBytes?: number;
  /** `grpc.max_send_message_length` of the client. */
  maxSendMessageBytes?: number;
  /** Channel credentials (insecure by default). */
  credentials?: grpc.ChannelCredentials;
}

/**
 * Opens a grpc-js client channel to an ext_proc server at `address` (`host:port`). Each
 * `runExchange` opens one bidi `Process` call on it; call metadata carries `grpcInitialMetadata`;
 * half-close is `call.end()`, cancel is `call.cancel()`, and the CANCELLED status caused by our
 * own cancel is not reported. Call `close()` when done.
 *
 * @example
 * ```ts
 * const channel = grpcChannel('127.0.0.1:50051');
 * try {
 *   const res = await runExchange(channel, { request: { path: '/' } });
 * } finally {
 *   channel.close();
 * }
 * ```
 */
export function grpcChannel(
  address: string,
  options: GrpcChannelOptions = {},
): ExtProcChannel & { close(): void } {
  const channelOptions: grpc.ChannelOptions = {
    'grpc.max_receive_message_length': options.maxReceiveMessageBytes ?? -1,
  };
  if (options.maxSendMessageBytes !== undefined) {
    channelOptions['grpc.max_send_message_length'] = options.maxSendMessageBytes;
  }
  const client = new grpc.Client(
    address,
    options.credentials ?? grpc.credentials.createInsecure(),
    channelOptions,
  );
  const serialize = (req: ProcessingRequest): Buffer => Buffer.from(ProcessingRequest.encode(req).finish());
  const deserialize = (bytes: Buffer): ProcessingResponse => ProcessingResponse.decode(bytes);

  return {
    open(metadata: Record<string, string>, events: ClientStreamEvents): ClientSideStream {
      const md = new grpc.Metadata();
      for (const [k, v] of Object.entries(metadata)) md.set(k.toLowerCase(), v);
      const call = client.makeBidiStreamRequest(PROCESS_PATH, serialize, deserialize, md);
      let cancelled = false;
      let ended = false;
      call.on('data', (reply: ProcessingResponse) => {
        if (!cancelled) events.reply(reply);
      });
      call.on('status', (status: grpc.StatusObject) => {
        if (cancelled) return; // CANCELLED caused by our own cancel(): a normal end.
        events.close({ code: status.code, message: status.details });
      });
      // Errors are reported through 'status'; the listener keeps grpc-js from throwing.
      call.on('error', () => {});
      return {
        send(request: ProcessingRequest): void {
          if (!cancelled && !ended) call.write(request);
        },
        halfClose(): void {
          if (cancelled || ended) return;
          ended = true;
          call.end();
        },
        cancel(): void {
          if (cancelled) return;
          cancelled = true;
          call.cancel();
        },
      };
    },
    close(): void {
      client.close();
    },
  };
}
