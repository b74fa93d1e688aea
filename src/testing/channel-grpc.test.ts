import { beforeEach, describe, expect, it } from 'vitest';
import { useServers } from '../../test/support/servers.js';
import { GrpcStatus, type ProcessStreamTarget } from '../transport/types.js';
import type { ExtProcChannel } from './channel.js';
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

const servers = useServers();

/**
 * `target` served by attache's grpc-js transport, recording in `ends` how each call ended on the
 * server (the handler's `halfClose` and `cancel`); `maxReceiveMessageBytes` is the server's limit.
 */
async function serve(target: ProcessStreamTarget, ends: string[], maxReceiveMessageBytes?: number) {
  const recorded: ProcessStreamTarget = {
    maxReceiveMessageBytes: maxReceiveMessageBytes ?? target.maxReceiveMessageBytes,
    connect(sink, metadata) {
      const handler = target.connect(sink, metadata);
      return {
        message: (m) => handler.message(m),
        halfClose() {
          ends.push('half-close');
          handler.halfClose();
        },
        cancel() {
          ends.push('cancel');
          handler.cancel();
        },
      };
    },
  };
  const { address } = await servers.serve('grpc-js', recorded);
  return address;
}

/** The kit's two wire clients: every test below runs over both, against the same grpc-js server. */
const CHANNELS: Array<[string, (address: string) => ExtProcChannel]> = [
  ['grpcChannel', (address) => servers.channel(address)],
  ['http2Channel', (address) => servers.http2Channel(address)],
];

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

describe.each(CHANNELS)('%s against a real grpc-js server', (_name, connect) => {
  let ends: string[];
  let target: ScriptedServer;
  let channel: ExtProcChannel;

  beforeEach(async () => {
    ends = [];
    target = echoBodyServer();
    channel = connect(await serve(target, ends));
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
    const channel = connect(await serve(target, []));
    const res = await runExchange(channel, {});
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.details).toBe('ext_proc_error_gRPC_error_13{nope_nope}');
  });

  it('§18.38 the server’s max receive size exceeded → RESOURCE_EXHAUSTED → 500', async () => {
    const target = scriptedServer(async (s) => {
      for (;;) {
        const m = await s.nextOrEnd();
        if (m === undefined) return;
        s.reply(okReply(m));
      }
    });
    const channel = connect(await serve(target, [], 1024));
    const res = await runExchange(channel, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
      request: { method: 'POST', body: 'x'.repeat(4096) },
    });
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.details).toMatch(/^ext_proc_error_gRPC_error_8\{/);
  });

  it('an unreachable server → UNAVAILABLE → 500 (or pass-through with failure_mode_allow)', async () => {
    const channel = connect('127.0.0.1:1');
    const res = await runExchange(channel, {});
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.details).toMatch(/^ext_proc_error_gRPC_error_14\{/);
    const open = await runExchange(channel, { envoy: { failureModeAllow: true } });
    expect(open.downstream.status).toBe(200);
  });
});
