/**
 * §18 conformance of a whole server: attache's `createServer` on a loopback port, driven by the
 * test kit's grpc-js client (`grpcChannel`), once per transport (grpc-js and `node:http2`). The
 * rest of the suite runs over both transports too (wire.ts); these are the cases that need what
 * only `createServer` has (its message limit and logging, a long streamed response), so it runs in
 * the main project only.
 */
import { GrpcStatus, type Handlers, respond, type ServerOptions, type TransportName } from 'attache-extproc';
import { runExchange } from 'attache-extproc/testing';
import { describe, expect, it } from 'vitest';
import { ProcessingMode_BodySendMode } from '../../src/gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import { useServers } from '../support/servers.js';
import { recordingLog, sentKinds, sleep, transcriptTypes } from './helpers.js';

const servers = useServers();

describe.each<TransportName>(['grpc-js', 'http2', 'wire'])('over the %s transport', (transport) => {
  async function start(handlers: Handlers, options: Partial<ServerOptions> = {}) {
    const log = recordingLog();
    return { ...(await servers.startWith(handlers, { log, transport, ...options })), log };
  }

  describe('server errors over gRPC (§1.7, §8)', () => {
    it('§18.37 a failing plugin never ends the call with an error status: attache answers with its configured outcome and Envoy ends the stream', async () => {
      const boom = {
        requestHeaders: () => {
          throw new Error('db down');
        },
      };
      const closed = await start(boom);
      const c = await runExchange(closed.channel, {});
      expect(c.violations).toEqual([]);
      expect(c.stream).toEqual({ opened: true, endedBy: 'envoy' });
      expect(c.stats.streams_failed).toBe(0);
      expect(c.downstream).toMatchObject({
        status: 500,
        localReply: true,
        details: 'attache_plugin_error{p}',
      });
      expect(c.downstream.body.toString()).toBe('Internal Server Error\n');
      expect(closed.log.errors.map((e) => [e.plugin, e.msg, (e.err as Error).message])).toEqual([
        ['p', 'plugin handler failed', 'db down'],
      ]);

      const open = await start(boom, { failure: 'open' });
      const o = await runExchange(open.channel, { upstream: { body: 'through' } });
      expect(o.violations).toEqual([]);
      expect(o.stream.endedBy).toBe('envoy');
      expect(o.downstream.body.toString()).toBe('through');
    });

    it('§18.37 when attache must end the call with an error status, Envoy answers 500 with ext_proc_error_gRPC_error_<code>{msg} (whitespace → _), or passes through with failure_mode_allow', async () => {
      // The only non-OK status attache itself ends a call with is for a message it cannot take
      // (over maxMessageBytes → RESOURCE_EXHAUSTED, undecodable → INVALID_ARGUMENT).
      const calls: string[] = [];
      const { channel } = await start(
        { requestBody: () => void calls.push('requestBody') },
        { maxMessageBytes: 1024 },
      );
      const spec = {
        envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
        request: { method: 'POST', body: 'x'.repeat(4096) },
        upstream: (req: { body: Buffer }) => ({ body: `got ${req.body.length}` }),
      } as const;
      const closed = await runExchange(channel, spec);
      expect(closed.stream).toMatchObject({
        endedBy: 'server-error',
        status: { code: GrpcStatus.RESOURCE_EXHAUSTED },
      });
      expect(closed.downstream.status).toBe(500);
      expect(closed.downstream.details).toMatch(
        /^ext_proc_error_gRPC_error_8\{ProcessingRequest_of_\d+_bytes_exceeds_maxMessageBytes_\(1024\);_raise_grpc\.maxMessageBytes_in_the_attache_config\}$/,
      );
      expect(closed.violations.map((v) => v.kind)).toEqual(['stream-error']);
      expect(closed.upstream?.complete ?? false).toBe(false);

      const open = await runExchange(channel, { ...spec, envoy: { ...spec.envoy, failureModeAllow: true } });
      expect(open.stream.endedBy).toBe('server-error');
      expect(open.stats).toMatchObject({ streams_failed: 1, failure_mode_allowed: 1 });
      expect(open.downstream.status).toBe(200);
      expect(open.downstream.body.toString()).toBe('got 4096');
      expect(calls).toEqual([]);
    });

    it('§18.38 a body message over the limit fails the call with RESOURCE_EXHAUSTED (8) → 500; the limit is attache’s maxMessageBytes, not grpc-js’s 4 MiB default', async () => {
      // A body just over grpc-js's 4 MiB default receive limit goes through with attache's default
      // (64 MiB); src/transport/grpc-js.test.ts covers 5 MiB, so only 4 MiB + 1 byte here.
      const sizes: number[] = [];
      const { channel } = await start({ requestBody: (ctx) => void sizes.push(ctx.body.length) });
      const big = Buffer.alloc(4 * 1024 * 1024 + 1, 0x61);
      const ok = await runExchange(channel, {
        envoy: {
          processingMode: { requestBodyMode: 'BUFFERED' },
          bufferLimitBytes: 8 * 1024 * 1024,
          messageTimeoutMs: 5000,
        },
        request: { method: 'POST', body: big },
      });
      expect(ok.violations).toEqual([]);
      expect(sizes).toEqual([big.length]);
      expect(ok.upstream?.body.length).toBe(big.length);

      const small = await start({ requestBody: () => undefined }, { maxMessageBytes: 64 * 1024 });
      const over = await runExchange(small.channel, {
        envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
        request: { method: 'POST', body: Buffer.alloc(100 * 1024, 0x62) },
      });
      expect(over.stream.status?.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
      expect(over.downstream.status).toBe(500);
      expect(over.downstream.details).toMatch(/^ext_proc_error_gRPC_error_8\{/);
      expect(sentKinds(over)).toEqual(['requestHeaders', 'requestBody']);
    });
  });

  describe('concurrency over one connection', () => {
    it('§18.71 concurrent HTTP requests are independent Process streams on one grpc-js client (one HTTP/2 connection), each with its own protocol_config and state', async () => {
      let maxActive = 0;
      let ended = 0;
      const bodies: string[] = [];
      const { server, channel } = await start({
        requestHeaders: async (ctx) => {
          maxActive = Math.max(maxActive, server.processor.activeStreams);
          await sleep(20);
          ctx.mutate.set('x-path', ctx.headers.get(':path') ?? '');
        },
        requestBody: (ctx) => void bodies.push(ctx.body.text()),
        responseHeaders: (ctx) =>
          void ctx.mutate.set('x-echo', ctx.stream.requestHeaders?.get(':path') ?? ''),
        streamEnd: () => void ended++,
      });
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          runExchange(channel, {
            envoy: {
              processingMode: { requestBodyMode: i % 2 === 0 ? 'BUFFERED' : 'NONE' },
              // Generous: eight first exchanges share a connection still being set up, on a
              // loaded machine; the case is about independence, not time.
              messageTimeoutMs: 10_000,
            },
            request: { method: 'POST', path: `/r/${i}`, body: `body-${i}` },
            upstream: (req) => ({ body: `${req.headers.get('x-path')}:${req.body.toString()}` }),
          }),
        ),
      );
      results.forEach((res, i) => {
        expect(res.violations).toEqual([]);
        expect(res.stream.endedBy).toBe('envoy');
        expect(res.sent[0]?.protocolConfig?.requestBodyMode).toBe(
          i % 2 === 0 ? ProcessingMode_BodySendMode.BUFFERED : ProcessingMode_BodySendMode.NONE,
        );
        expect(res.downstream.body.toString()).toBe(`/r/${i}:body-${i}`);
        expect(res.downstream.headers.get('x-echo')).toBe(`/r/${i}`);
      });
      expect(maxActive).toBeGreaterThan(1);
      expect(bodies.sort()).toEqual(['body-0', 'body-2', 'body-4', 'body-6']);
      for (let i = 0; i < 50 && (ended < 8 || server.processor.activeStreams > 0); i++) await sleep(5);
      expect(ended).toBe(8);
      expect(server.processor.activeStreams).toBe(0);
    });
  });

  describe('streamed local response over gRPC (§18.70)', () => {
    it('a 4 MiB streamed local response reaches the client whole and in order: the producer is paced by the transport, no piece lost', async () => {
      const piece = (i: number) => Buffer.alloc(64 * 1024, 0x41 + (i % 26));
      const { channel } = await start({
        requestHeaders: () =>
          respond(200, {
            body: (async function* () {
              for (let i = 0; i < 64; i++) yield piece(i);
            })(),
          }),
      });
      const res = await runExchange(channel, { envoy: { messageTimeoutMs: 10_000 } });
      expect(res.violations).toEqual([]);
      expect(res.upstream).toBeNull();
      expect(res.downstream.status).toBe(200);
      const expected = Buffer.concat(Array.from({ length: 64 }, (_, i) => piece(i)));
      expect(res.downstream.body.length).toBe(expected.length);
      expect(res.downstream.body.equals(expected)).toBe(true);
    });
  });

  describe('graceful close over gRPC (§1.6, runtime ext_proc_graceful_grpc_close)', () => {
    // With the flag Envoy sends no RST_STREAM, so Node's HTTP/2 rapid-reset limit (a GOAWAY about
    // every 1,000 reset streams, bench/README.md) never triggers; that only works if the server
    // ends every call as soon as Envoy half-closes, in every way an exchange can end.
    it('attache ends every call OK right after the half-close: no stream waits for the remote close timeout', async () => {
      const { channel, server } = await start({
        requestHeaders: (ctx) => (ctx.headers.get(':path') === '/deny' ? respond(403) : undefined),
        requestBody: (ctx) => void ctx.mutate.replaceBody(ctx.body.text().toUpperCase()),
        responseHeaders: (ctx) => void ctx.mutate.set('x-seen', '1'),
      });
      const cases = [
        { request: { path: '/' } },
        { request: { path: '/deny' } },
        {
          request: { method: 'POST', body: 'abc' },
          envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
        },
        {
          request: { method: 'POST', body: 'abc' },
          envoy: { processingMode: { requestBodyMode: 'STREAMED' } },
        },
        {
          request: { method: 'POST', body: 'abc', trailers: { t: '1' } },
          envoy: { processingMode: { requestBodyMode: 'FULL_DUPLEX_STREAMED', requestTrailerMode: 'SEND' } },
        },
        { request: { path: '/' }, envoy: { processingMode: { responseHeaderMode: 'SKIP' } } },
      ] as const;
      for (const spec of cases) {
        const res = await runExchange(channel, {
          ...spec,
          // 5 s: far above a prompt close, so a slow one shows as envoy-timeout, not as flakiness.
          envoy: {
            ...('envoy' in spec ? spec.envoy : {}),
            gracefulGrpcClose: true,
            remoteCloseTimeoutMs: 5000,
          },
        });
        const where = JSON.stringify(spec);
        expect(res.violations, where).toEqual([]);
        expect(res.stream, where).toMatchObject({
          opened: true,
          endedBy: 'envoy-graceful',
          status: { code: 0 },
        });
        expect(transcriptTypes(res).slice(-2), where).toEqual(['half-closed', 'server-closed']);
      }
      for (let i = 0; i < 50 && server.processor.activeStreams > 0; i++) await sleep(5);
      expect(server.processor.activeStreams).toBe(0);
    });
  });
});
