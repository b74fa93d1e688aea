import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { PROCESS_PATH } from '../protocol/service.js';
import { GrpcStatus, type ProcessStreamTarget } from '../transport/types.js';
import type { ExtProcChannel } from './channel.js';
import { grpcChannel } from './channel-grpc.js';
import { http2Channel } from './channel-http2.js';
import { runExchange } from './exchange.js';
import { okReply, type ScriptedServer, scriptedServer } from './fixtures/scripted-server.js';
import {
  bodyReply,
  headersReply,
  kind,
  mutation,
  replaceBody,
  setHeader,
  sleep,
} from './fixtures/test-support.js';

/**
 * A minimal grpc-js server adapter for a ProcessStreamTarget (test-only; the product adapter
 * lives in src/transport). `ends` records how each call ended on the server.
 */
async function serve(
  target: ProcessStreamTarget,
  ends: string[],
  options: grpc.ServerOptions = {},
): Promise<{ address: string; stop(): void }> {
  const server = new grpc.Server(options);
  server.register<ProcessingRequest, ProcessingResponse>(
    PROCESS_PATH,
    (call: grpc.ServerDuplexStream<ProcessingRequest, ProcessingResponse>) => {
      const metadata = new Map(
        Object.entries(call.metadata.getMap()).map(([k, v]) => [k, String(v)] as const),
      );
      let done = false;
      const handler = target.connect(
        {
          send: (reply) => done || call.write(reply),
          whenWritable: () => Promise.resolve(),
          end: () => {
            if (done) return;
            done = true;
            call.end();
          },
          fail: (code, details) => {
            if (done) return;
            done = true;
            call.emit('error', { code, details });
          },
        },
        metadata,
      );
      call.on('data', (m: ProcessingRequest) => handler.message(m));
      call.on('end', () => {
        ends.push('half-close');
        handler.halfClose();
      });
      call.on('cancelled', () => {
        ends.push('cancel');
        handler.cancel();
      });
      call.on('error', () => {});
    },
    (r: ProcessingResponse) => Buffer.from(ProcessingResponse.encode(r).finish()),
    (b: Buffer) => ProcessingRequest.decode(b),
    'bidi',
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

function echoBodyServer(): ScriptedServer {
  return scriptedServer(async (s) => {
    for (;;) {
      const m = await s.nextOrEnd();
      if (m === undefined) return;
      switch (m.request?.$case) {
        case 'requestHeaders':
          s.reply(headersReply('request', { headerMutation: mutation([setHeader('x-via', 'grpc')]) }));
          break;
        case 'requestBody':
          s.reply(
            bodyReply('request', {
              headerMutation: mutation([setHeader('content-length', '5')]),
              bodyMutation: replaceBody('HELLO'),
            }),
          );
          break;
        default:
          s.reply(okReply(m));
      }
    }
  });
}

type Client = ExtProcChannel & { close(): void };

/** The kit's two wire clients: every test below runs over both, against the same grpc-js server. */
const CHANNELS: Array<[string, (address: string) => Client]> = [
  ['grpcChannel', (address) => grpcChannel(address)],
  ['http2Channel', (address) => http2Channel(address)],
];

describe.each(CHANNELS)('%s against a real grpc-js server', (_name, connect) => {
  const ends: string[] = [];
  let target: ScriptedServer;
  let srv: { address: string; stop(): void };
  let channel: Client;

  beforeAll(async () => {
    target = echoBodyServer();
    srv = await serve(target, ends);
    channel = connect(srv.address);
  });
  afterAll(() => {
    channel.close();
    srv.stop();
  });

  it('runs a BUFFERED exchange with mutations over the wire; the server sees call metadata, half-close then cancel', async () => {
    const res = await runExchange(channel, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED' }, grpcInitialMetadata: { 'x-tenant': 'acme' } },
      request: { method: 'POST', body: 'hello' },
      upstream: (req) => ({ body: req.body }),
    });
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'requestBody', 'responseHeaders']);
    expect(res.upstream?.headers.get('x-via')).toBe('grpc');
    expect(res.downstream.body.toString()).toBe('HELLO');
    expect(res.violations).toEqual([]);
    expect(res.stream).toEqual({ opened: true, endedBy: 'envoy' });
    await sleep(50);
    expect(target.streams[0]?.metadata.get('x-tenant')).toBe('acme');
    expect(ends.slice(0, 2)).toEqual(['half-close', 'cancel']);
  });

  it('§18.71 concurrent exchanges are independent streams on one HTTP/2 connection', async () => {
    const before = target.streams.length;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        runExchange(channel, {
          request: { path: `/c/${i}` },
          upstream: (req) => ({ body: req.headers.get(':path') ?? '' }),
        }),
      ),
    );
    expect(target.streams.length - before).toBe(6);
    results.forEach((r, i) => {
      expect(r.downstream.body.toString()).toBe(`/c/${i}`);
      expect(r.sent[0]?.protocolConfig).toBeDefined();
    });
  });
});

describe.each(CHANNELS)('%s failures', (_name, connect) => {
  it('§18.37 a non-OK status from the server → 500 with the gRPC error details', async () => {
    const target = scriptedServer(async (s) => {
      await s.next();
      s.fail(GrpcStatus.INTERNAL, 'nope nope');
    });
    const srv = await serve(target, []);
    const channel = connect(srv.address);
    try {
      const res = await runExchange(channel, {});
      expect(res.downstream.status).toBe(500);
      expect(res.downstream.details).toBe('ext_proc_error_gRPC_error_13{nope_nope}');
    } finally {
      channel.close();
      srv.stop();
    }
  });

  it('§18.38 grpc-js max receive size exceeded → RESOURCE_EXHAUSTED → 500', async () => {
    const target = scriptedServer(async (s) => {
      for (;;) {
        const m = await s.nextOrEnd();
        if (m === undefined) return;
        s.reply(okReply(m));
      }
    });
    const srv = await serve(target, [], { 'grpc.max_receive_message_length': 1024 });
    const channel = connect(srv.address);
    try {
      const res = await runExchange(channel, {
        envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
        request: { method: 'POST', body: 'x'.repeat(4096) },
      });
      expect(res.downstream.status).toBe(500);
      expect(res.downstream.details).toMatch(/^ext_proc_error_gRPC_error_8\{/);
    } finally {
      channel.close();
      srv.stop();
    }
  });

  it('an unreachable server → UNAVAILABLE → 500 (or pass-through with failure_mode_allow)', async () => {
    const channel = connect('127.0.0.1:1');
    try {
      const res = await runExchange(channel, {});
      expect(res.downstream.status).toBe(500);
      expect(res.downstream.details).toMatch(/^ext_proc_error_gRPC_error_14\{/);
      const open = await runExchange(channel, { envoy: { failureModeAllow: true } });
      expect(open.downstream.status).toBe(200);
    } finally {
      channel.close();
    }
  });
});
