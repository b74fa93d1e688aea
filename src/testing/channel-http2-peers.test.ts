import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { useServers } from '../../test/support/servers.js';
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { decodeRequest, encodeResponse } from '../protocol/codec.js';
import { PROCESS_PATH } from '../protocol/service.js';
import type { ProcessStreamTarget } from '../transport/types.js';
import type { CallStatus } from './channel.js';
import { http2Channel } from './channel-http2.js';
import { bodyReply } from './fixtures/test-support.js';

const servers = useServers();

/** A requestBody message of `size` bytes (a byte pattern that tells where each byte came from). */
function bodyMessage(size: number, seed: number): ProcessingRequest {
  const body = Buffer.alloc(size);
  for (let i = 0; i < size; i++) body[i] = (i * 31 + seed) & 0xff;
  return { request: { $case: 'requestBody', value: { body, endOfStream: true } } };
}

/** The reply to a body of n bytes: the body replaced by n + 1 MiB bytes derived from it. */
function bigReply(request: ProcessingRequest): ProcessingResponse {
  const body =
    request.request?.$case === 'requestBody'
      ? Buffer.from(request.request.value.body ?? Buffer.alloc(0))
      : Buffer.alloc(0);
  const out = Buffer.alloc(body.length + (1 << 20));
  for (let i = 0; i < out.length; i++) out[i] = ((body[i % Math.max(body.length, 1)] ?? 0) + 1) & 0xff;
  return bodyReply('request', { bodyMutation: { mutation: { $case: 'body', value: out } } });
}

function expectedReply(size: number, seed: number): Buffer {
  const body = (bodyMessage(size, seed).request as { value: { body: Uint8Array } }).value.body;
  const out = Buffer.alloc(size + (1 << 20));
  for (let i = 0; i < out.length; i++) out[i] = ((body[i % size] as number) + 1) & 0xff;
  return out;
}

/** A target answering each body with {@link bigReply}, ending on half-close. */
const bigTarget: ProcessStreamTarget = {
  connect(sink) {
    return {
      message: (m) => sink.send(bigReply(m)),
      halfClose: () => sink.end(),
      cancel: () => {},
    };
  },
};

/** A bare `@grpc/grpc-js` server (no attache code) doing the same with raw bytes. */
async function bareGrpcJs(): Promise<string> {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': -1,
    'grpc.max_send_message_length': -1,
  });
  const identity = (b: Buffer): Buffer => b;
  server.addService(
    {
      Process: {
        path: PROCESS_PATH,
        requestStream: true,
        responseStream: true,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    {
      Process: (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
        call.on('data', (bytes: Buffer) =>
          call.write(Buffer.from(encodeResponse(bigReply(decodeRequest(bytes))))),
        );
        call.on('end', () => call.end());
        call.on('error', () => {});
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, p) =>
      error ? reject(error) : resolve(p),
    ),
  );
  stops.push(() => server.forceShutdown());
  return `127.0.0.1:${port}`;
}

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** One call: a body of `size` bytes up, the big reply down; resolves with what came back. */
function call(
  channel: ReturnType<typeof http2Channel>,
  size: number,
  seed: number,
): Promise<{ reply: Buffer | null; status: CallStatus }> {
  return new Promise((resolve) => {
    let reply: Buffer | null = null;
    const stream = channel.open(
      {},
      {
        reply: (r) => {
          const mutation =
            r.response?.$case === 'requestBody' ? r.response.value.response?.bodyMutation : undefined;
          if (mutation?.mutation?.$case === 'body') reply = Buffer.from(mutation.mutation.value);
        },
        close: (status) => resolve({ reply, status }),
      },
    );
    stream.send(bodyMessage(size, seed));
    stream.halfClose();
  });
}

const PEERS: Array<[string, () => Promise<string>]> = [
  ['attache http2 transport', async () => (await servers.serve('http2', bigTarget)).address],
  ['attache grpc-js transport', async () => (await servers.serve('grpc-js', bigTarget)).address],
  ['a bare @grpc/grpc-js server', bareGrpcJs],
];

describe.each(PEERS)('http2Channel against %s', (_name, start) => {
  it('carries 1-4 MiB requests and 2-5 MiB replies, several at once, under flow control', async () => {
    const channel = http2Channel(await start());
    try {
      const sizes = [1 << 20, 3 << 20, 4 << 20, 2 << 20];
      const results = await Promise.all(sizes.map((size, i) => call(channel, size, i)));
      for (const [i, result] of results.entries()) {
        expect(result.status.code).toBe(0);
        expect(result.reply?.equals(expectedReply(sizes[i] as number, i))).toBe(true);
      }
    } finally {
      channel.close();
    }
  }, 30_000);
});
