/** Streamed responses from plugins, judged by the kit (§5.5, §18.70). */
import { describe, expect, it } from 'vitest';
import { definePlugin } from '../../plugin/define-plugin.js';
import { respond } from '../../plugin/respond.js';
import type { Handlers } from '../../plugin/types.js';
import { createProcessor } from '../../processor.js';
import { runExchange } from '../../testing/exchange.js';

function processor(handlers: Handlers, failure: 'open' | 'closed' = 'closed') {
  return createProcessor({
    plugins: [{ plugin: definePlugin({ name: 'p', setup: () => handlers }), failure }],
    timeoutMs: 100,
  });
}

async function* pieces(...parts: string[]) {
  for (const part of parts) {
    await new Promise((r) => setImmediate(r));
    yield part;
  }
}

const streamed = (trailers?: Record<string, string>): Handlers => ({
  requestHeaders: () =>
    respond(200, {
      headers: { 'content-type': 'text/event-stream' },
      body: pieces('data: 1\n\n', 'data: 2\n\n'),
      ...(trailers ? { trailers } : {}),
    }),
});

describe('respond() with a streamed body', () => {
  it('§18.70 streams from requestHeaders: headers, then each piece as it is produced; no upstream, no response messages', async () => {
    const r = await runExchange(await processor(streamed()), { request: { path: '/events' } });
    expect(r.violations).toEqual([]);
    expect(r.downstream.streamedLocalReply).toBe(true);
    expect(r.downstream.status).toBe(200);
    expect(r.downstream.headers.get('content-type')).toBe('text/event-stream');
    expect(r.downstream.bodyChunks.map(String)).toEqual(['data: 1\n\n', 'data: 2\n\n']);
    expect(r.upstream).toBeNull();
    expect(r.sent.map((m) => m.request?.$case)).toEqual(['requestHeaders']);
  });

  it('ends with trailers when given', async () => {
    const r = await runExchange(await processor(streamed({ 'x-done': 'yes' })), {});
    expect(r.violations).toEqual([]);
    expect(r.downstream.trailers?.get('x-done')).toBe('yes');
    expect(r.downstream.body.toString()).toBe('data: 1\n\ndata: 2\n\n');
  });

  it('FULL_DUPLEX_STREAMED request body: the request keeps flowing to the server, unanswered', async () => {
    const r = await runExchange(await processor(streamed()), {
      envoy: { processingMode: { requestBodyMode: 'FULL_DUPLEX_STREAMED', requestTrailerMode: 'SEND' } },
      request: { method: 'POST', body: ['a', 'b'], pacing: 'on-idle' },
    });
    expect(r.violations).toEqual([]);
    expect(r.downstream.streamedLocalReply).toBe(true);
    expect(r.downstream.body.toString()).toBe('data: 1\n\ndata: 2\n\n');
    expect(r.received.filter((m) => m.response?.$case === 'requestBody')).toEqual([]);
  });

  it('pieces over 64 KiB are split', async () => {
    const big = 'x'.repeat(150 * 1024);
    const r = await runExchange(await processor({ requestHeaders: () => respond(200, { body: [big] }) }), {});
    expect(r.violations).toEqual([]);
    expect(r.downstream.bodyChunks.map((c) => c.length)).toEqual([65536, 65536, 150 * 1024 - 131072]);
  });

  it('where Envoy cannot stream (BUFFERED request body, later phases) the pieces are collected into one response', async () => {
    const buffered = await runExchange(await processor(streamed()), {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
      request: { method: 'POST', body: 'x' },
    });
    expect(buffered.violations).toEqual([]);
    expect(buffered.downstream).toMatchObject({ status: 200, localReply: true, streamedLocalReply: false });
    expect(buffered.downstream.body.toString()).toBe('data: 1\n\ndata: 2\n\n');

    const late = await runExchange(
      await processor({ responseHeaders: () => respond(502, { body: pieces('up', 'stream') }) }),
      {},
    );
    expect(late.violations).toEqual([]);
    expect(late.downstream.status).toBe(502);
    expect(late.downstream.body.toString()).toBe('upstream');
  });

  it('a producer failing after the response started resets the client stream', async () => {
    async function* broken() {
      yield 'partial';
      throw new Error('producer died');
    }
    const r = await runExchange(
      await processor({ requestHeaders: () => respond(200, { body: broken() }) }),
      {},
    );
    expect(r.downstream.streamedLocalReply).toBe(true);
    expect(r.downstream.reset).toBe(true);
    expect(r.downstream.body.toString()).toBe('partial');
  });

  it('a producer failing while collected follows the failure policy', async () => {
    async function* broken() {
      yield 'partial';
      throw new Error('producer died');
    }
    const handlers = { responseHeaders: () => respond(200, { body: broken() }) };
    const closed = await runExchange(await processor(handlers), { upstream: { body: 'up' } });
    expect(closed.violations).toEqual([]);
    expect(closed.downstream).toMatchObject({ status: 500, details: 'attache_plugin_error{p}' });
    const open = await runExchange(await processor(handlers, 'open'), { upstream: { body: 'up' } });
    expect(open.violations).toEqual([]);
    expect(open.downstream.body.toString()).toBe('up');
  });

  it('a body that never completes while collected times out by the plugin budget', async () => {
    async function* hung() {
      yield 'a';
      await new Promise(() => {});
    }
    const r = await runExchange(
      await processor({ responseHeaders: () => respond(200, { body: hung() }) }),
      {},
    );
    expect(r.violations).toEqual([]);
    expect(r.downstream.status).toBe(500);
  });

  it('respond() refuses a streamed gRPC reply and a body that is not bytes', () => {
    expect(() => respond(200, { body: pieces('a'), grpcStatus: 3 })).toThrow(/cannot stream/);
    expect(() => respond(200, { body: 42 as never })).toThrow(/iterable/);
  });
});
