/**
 * The grpc-js transport (`transport: 'grpc-js'`; http2 is the default) over a real loopback
 * socket, driven by the test kit's gRPC client.
 */
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { useServers } from '../../test/support/servers.js';
import { ProcessingRequest } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { Handlers } from '../plugin/types.js';
import { PROCESS_PATH } from '../protocol/service.js';
import type { AttacheServer, ServerOptions } from '../server/create-server.js';
import type { CallStatus } from '../testing/channel.js';
import { runExchange } from '../testing/exchange.js';

const servers = useServers();
let server: AttacheServer | undefined;

/** A grpc-js server (no longer the default transport: named) of one plugin, and a kit channel to it. */
async function start(handlers: Handlers, options: Partial<ServerOptions> = {}) {
  const started = await servers.startWith(handlers, { ...options, transport: 'grpc-js' });
  server = started.server;
  return started;
}

describe('grpc-js transport', () => {
  it('processes an exchange over gRPC and ends the stream as Envoy expects', async () => {
    const { channel } = await start({
      requestHeaders: (ctx) => void ctx.mutate.set('x-over', 'grpc'),
      responseHeaders: (ctx) => void ctx.mutate.set('x-back', 'grpc'),
    });
    const r = await runExchange(channel, {});
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get('x-over')).toBe('grpc');
    expect(r.downstream.headers.get('x-back')).toBe('grpc');
    expect(r.stream.endedBy).toBe('envoy');
  });

  it('exposes the call metadata (Envoy initial_metadata) to plugins', async () => {
    let seen: unknown;
    const { channel } = await start({
      requestHeaders: (ctx) => {
        seen = [
          ctx.stream.grpcMetadata.get('x-tenant'),
          [...ctx.stream.grpcMetadata.keys()].includes('x-tenant'),
        ];
      },
    });
    const r = await runExchange(channel, { envoy: { grpcInitialMetadata: { 'x-tenant': 'acme' } } });
    expect(r.violations).toEqual([]);
    expect(seen).toEqual(['acme', true]);
  });

  it('carries a 5 MiB buffered body with the default message limit', async () => {
    const { channel } = await start({
      requestBody: (ctx) => void ctx.mutate.replaceBody(ctx.body.bytes().subarray(1)),
    });
    const big = Buffer.alloc(5 * 1024 * 1024, 0x62);
    const r = await runExchange(channel, {
      envoy: {
        processingMode: { requestBodyMode: 'BUFFERED' },
        bufferLimitBytes: 8 * 1024 * 1024,
        messageTimeoutMs: 5000,
      },
      request: { method: 'POST', body: big },
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.body.length).toBe(big.length - 1);
    expect(r.upstream?.headers.get('content-length')).toBe(String(big.length - 1));
  });

  it('fails a message over maxMessageBytes with RESOURCE_EXHAUSTED and a log line naming the setting', async () => {
    const { log, lines } = recordingLogger();
    const { channel } = await start({ requestBody: () => undefined }, { maxMessageBytes: 64 * 1024, log });
    const r = await runExchange(channel, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
      request: { method: 'POST', body: Buffer.alloc(100 * 1024, 0x63) },
    });
    expect(r.stream.endedBy).toBe('server-error');
    expect(r.stream.status?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(r.downstream.status).toBe(500);
    expect(r.downstream.details).toMatch(/^ext_proc_error_gRPC_error_8/);
    expect(lines.map((l) => l.msg).join('\n')).toMatch(
      /exceeds maxMessageBytes \(65536\); raise grpc\.maxMessageBytes/,
    );
  });

  it("logs a message over grpc-js's own receive limit, which grpc-js refuses before attache reads it", async () => {
    const { log, lines } = recordingLogger();
    const { channel } = await start({ requestBody: () => undefined }, { maxMessageBytes: 64 * 1024, log });
    // grpc-js's limit is 2 × 64 KiB + 1 MiB: this message never reaches attache's deserializer.
    const r = await runExchange(channel, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED' }, bufferLimitBytes: 4 * 1024 * 1024 },
      request: { method: 'POST', body: Buffer.alloc(2 * 1024 * 1024, 0x63) },
    });
    expect(r.stream.status?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(r.downstream.status).toBe(500);
    // The line comes when the HTTP/2 stream has closed, which may be after Envoy saw the status.
    const isRefusal = (l: { msg?: unknown }) => /refused by grpc-js/.test(String(l.msg));
    await waitFor(() => lines.some(isRefusal));
    const refused = lines.filter(isRefusal);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.msg).toMatch(/Received message larger than max \(\d+ vs 1179648\)/);
    expect(refused[0]?.msg).toMatch(/grpc\.maxMessageBytes/);
  });

  it('logs nothing of its own when Envoy ends a stream the usual way (END_STREAM, then RST_STREAM)', async () => {
    const { log, lines } = recordingLogger();
    const { channel } = await start({ requestHeaders: () => undefined }, { log });
    const r = await runExchange(channel, { request: { method: 'GET' } });
    expect(r.violations).toEqual([]);
    expect(lines.filter((l) => /grpc-js/.test(String(l.msg)))).toEqual([]);
  });

  it('survives a client that cancels mid-stream: the handler is abandoned, streamEnd runs, nothing leaks', async () => {
    let aborted = false;
    let ended = 0;
    let release: () => void = () => {};
    const { channel } = await start({
      requestHeaders: (ctx) => {
        ctx.stream.signal.addEventListener('abort', () => {
          aborted = true;
        });
        return new Promise<void>((r) => {
          release = r;
        });
      },
      streamEnd: () => void ended++,
    });
    const replies: unknown[] = [];
    const call = channel.open({}, { reply: (m) => replies.push(m), close: () => {} });
    call.send({
      request: { $case: 'requestHeaders', value: { headers: { headers: [] }, endOfStream: true } },
    });
    await waitFor(() => server?.processor.activeStreams === 1);
    call.cancel();
    await waitFor(() => ended === 1);
    expect(aborted).toBe(true);
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(replies).toEqual([]);
    expect(server?.processor.activeStreams).toBe(0);
  });

  it('skips unknown fields from newer Envoys and rejects undecodable bytes with INVALID_ARGUMENT', async () => {
    const { address } = await start({ requestHeaders: (ctx) => void ctx.mutate.set('x-ok', '1') });
    const known = ProcessingRequest.encode({
      request: { $case: 'requestHeaders', value: { headers: { headers: [] }, endOfStream: true } },
    }).finish();
    // Field 99, varint 1: a field this build does not know.
    const withUnknown = Buffer.concat([Buffer.from(known), Buffer.from([0x98, 0x06, 0x01])]);
    const ok = await rawCall(servers.grpcClient(address), withUnknown);
    expect(ok.replies).toBe(1);
    const bad = await rawCall(servers.grpcClient(address), Buffer.from([0x12, 0xff, 0xff, 0xff]));
    expect(bad.status.code).toBe(grpc.status.INVALID_ARGUMENT);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

function rawCall(client: grpc.Client, message: Buffer): Promise<{ replies: number; status: CallStatus }> {
  return new Promise((resolve) => {
    let replies = 0;
    const call = client.makeBidiStreamRequest(
      PROCESS_PATH,
      (b: Buffer) => b,
      (b: Buffer) => b,
    );
    call.on('data', () => {
      replies++;
      call.end();
    });
    call.on('status', (s: grpc.StatusObject) => {
      resolve({ replies, status: { code: s.code, message: s.details } });
    });
    call.on('error', () => {});
    call.write(message);
  });
}
