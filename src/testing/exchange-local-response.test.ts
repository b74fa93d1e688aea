import { describe, expect, it } from 'vitest';
import { GrpcStatus } from '../transport/types.js';
import { UnsupportedFeatureError } from './errors.js';
import { runExchange } from './exchange.js';
import { okReply, scriptedServer } from './fixtures/scripted-server.js';
import {
  bodyReply,
  kind,
  settle,
  streamedBody,
  streamedHeaders,
  streamedTrailers,
  trailersReply,
} from './fixtures/test-support.js';
import type { ExchangeSpec } from './spec.js';

/** An upstream that fails the exchange if it is ever asked: the request must never go upstream. */
const NO_UPSTREAM: ExchangeSpec['upstream'] = () => {
  throw new Error('the upstream must not be asked');
};

const FULL_DUPLEX: ExchangeSpec['envoy'] = {
  processingMode: { requestBodyMode: 'FULL_DUPLEX_STREAMED', requestTrailerMode: 'SEND' },
};

describe('StreamedImmediateResponse (§5.5)', () => {
  it('§18.70 headers_response(eos=false) to request_headers, then body_response chunks, last eos → downstream streamed local response; no response_* messages; stream closed', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      s.reply(
        streamedHeaders(
          [
            [':status', '201'],
            ['content-type', 'text/plain'],
            ['set-cookie', 'a=1'],
            ['set-cookie', 'b=2'],
          ],
          false,
        ),
      );
      s.reply(streamedBody('hel', false));
      s.reply(streamedBody('lo', true));
      await s.nextOrEnd();
    });
    const res = await runExchange(server, { upstream: NO_UPSTREAM });
    await settle();
    expect(res.downstream).toMatchObject({
      status: 201,
      localReply: true,
      streamedLocalReply: true,
      reset: false,
      details: '',
    });
    expect(res.downstream.headers.entries()).toEqual([
      [':status', '201'],
      ['content-type', 'text/plain'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    expect(res.downstream.bodyChunks.map(String)).toEqual(['hel', 'lo']);
    expect(res.downstream.trailers).toBeUndefined();
    expect(res.upstream).toBeNull();
    expect(res.sent.map(kind)).toEqual(['requestHeaders']);
    expect(res.transcript.map((e) => e.type)).toEqual([
      'opened',
      'sent',
      'received',
      'received',
      'received',
      'half-closed',
      'cancelled',
    ]);
    expect(res.stats).toMatchObject({
      stream_msgs_received: 3,
      spurious_msgs_received: 0,
      immediate_responses_sent: 0,
      streams_closed: 1,
    });
    expect(res.violations).toEqual([]);
    expect(server.streams[0]?.clientEvents).toEqual(['half-close', 'cancel']);
  });

  it('§18.70 a trailers_response ends the local response with trailers', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      s.reply(streamedHeaders([[':status', '200']], false));
      s.reply(streamedBody('data', false));
      s.reply(streamedTrailers([['x-checksum', 'abc']]));
    });
    const res = await runExchange(server, { upstream: NO_UPSTREAM });
    expect(res.downstream).toMatchObject({ status: 200, streamedLocalReply: true, reset: false });
    expect(res.downstream.body.toString()).toBe('data');
    expect(res.downstream.trailers?.entries()).toEqual([['x-checksum', 'abc']]);
    expect(res.stream.endedBy).toBe('envoy');
  });

  it('§5.5 headers_response with end_of_stream=true is a complete reply in any body mode; the request body is discarded', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      s.reply(streamedHeaders([[':status', '204']], true));
      await s.nextOrEnd();
    });
    const res = await runExchange(server, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
      request: { method: 'POST', body: 'discard me' },
      upstream: NO_UPSTREAM,
    });
    await settle();
    expect(res.downstream).toMatchObject({ status: 204, streamedLocalReply: true, reset: false });
    expect(res.downstream.body.length).toBe(0);
    expect(res.upstream).toBeNull();
    expect(server.streams[0]?.received.map(kind)).toEqual(['requestHeaders']);
    expect(server.streams[0]?.clientEvents).toEqual(['half-close', 'cancel']);
  });

  it('§18.70 FULL_DUPLEX_STREAMED: request body chunks and trailers keep going to the server, unanswered, while it streams the response', async () => {
    const chunks = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const server = scriptedServer(async (s) => {
      await s.next();
      s.reply(streamedHeaders([[':status', '200']], false));
      for (;;) {
        const m = await s.next();
        if (m.request?.$case === 'requestBody') {
          s.reply(
            streamedBody(
              Buffer.from(m.request.value.body ?? [])
                .toString()
                .toUpperCase(),
              false,
            ),
          );
        } else {
          expect(kind(m)).toBe('requestTrailers');
          s.reply(streamedTrailers([['x-count', String(chunks.length)]]));
          return;
        }
      }
    });
    const res = await runExchange(server, {
      envoy: FULL_DUPLEX,
      request: { method: 'POST', body: chunks, trailers: { 'x-t': '1' }, pacing: 'on-idle' },
      upstream: NO_UPSTREAM,
    });
    expect(res.sent.map(kind)).toEqual([
      'requestHeaders',
      ...chunks.map(() => 'requestBody'),
      'requestTrailers',
    ]);
    // Some of the request went to the server only after the local response had started.
    const started = res.transcript.findIndex((e) => e.type === 'received');
    const sentAfter = res.transcript.slice(started).filter((e) => e.type === 'sent');
    expect(sentAfter.length).toBeGreaterThan(0);
    expect(res.downstream).toMatchObject({ status: 200, streamedLocalReply: true, reset: false });
    expect(res.downstream.body.toString()).toBe('ABCDEFGH');
    expect(res.downstream.trailers?.get('x-count')).toBe('8');
    expect(res.upstream).toBeNull();
    expect(res.violations).toEqual([]);
    expect(res.stats.spurious_msgs_received).toBe(0);
  });

  it('§5.5 body mode NONE: the request body is discarded, held request trailers still reach the server (unanswered)', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      s.reply(streamedHeaders([[':status', '200']], false));
      const m = await s.next();
      expect(kind(m)).toBe('requestTrailers');
      s.reply(streamedBody('done', true));
    });
    const res = await runExchange(server, {
      envoy: { processingMode: { requestTrailerMode: 'SEND' } },
      request: { method: 'POST', body: 'abc', trailers: { 'x-t': '1' } },
      upstream: NO_UPSTREAM,
    });
    expect(server.errors).toEqual([]);
    expect(server.streams[0]?.received.map(kind)).toEqual(['requestHeaders', 'requestTrailers']);
    expect(res.downstream).toMatchObject({ status: 200, streamedLocalReply: true });
    expect(res.downstream.body.toString()).toBe('done');
    expect(res.upstream).toBeNull();
  });

  it('§18.70 body_response before headers_response → spurious → 500; with failure_mode_allow the request passes through', async () => {
    const script = async (s: Parameters<Parameters<typeof scriptedServer>[0]>[0]): Promise<void> => {
      await s.next();
      s.reply(streamedBody('too early', true));
    };
    const res = await runExchange(scriptedServer(script), {});
    expect(res.downstream).toMatchObject({
      status: 500,
      localReply: true,
      streamedLocalReply: false,
      details: 'spurious_message',
    });
    expect(res.downstream.body.toString()).not.toContain('too early');
    expect(res.stats.spurious_msgs_received).toBe(1);
    expect(res.violations.map((v) => v.kind)).toEqual(['spurious-reply']);
    expect(res.upstream).toBeNull();

    const open = await runExchange(scriptedServer(script), {
      envoy: { failureModeAllow: true },
      upstream: { body: 'from upstream' },
    });
    expect(open.downstream).toMatchObject({ status: 200, localReply: false, streamedLocalReply: false });
    expect(open.downstream.body.toString()).toBe('from upstream');
    expect(open.stats.failure_mode_allowed).toBe(1);
  });

  it('§18.70 a regular request BodyResponse or TrailersResponse after the local response started → always fail-closed: stream reset, even with failure_mode_allow', async () => {
    for (const wrong of [
      bodyReply('request', {
        bodyMutation: { mutation: { $case: 'streamedResponse', value: { body: Buffer.from('x') } } },
      }),
      trailersReply('request'),
    ]) {
      const server = scriptedServer(async (s) => {
        await s.next();
        s.reply(streamedHeaders([[':status', '200']], false));
        s.reply(streamedBody('part', false));
        await s.next(); // the request body chunk, which must not be answered
        s.reply(wrong);
      });
      const res = await runExchange(server, {
        envoy: { ...FULL_DUPLEX, failureModeAllow: true },
        request: { method: 'POST', body: ['chunk'], trailers: { 'x-t': '1' } },
        upstream: NO_UPSTREAM,
      });
      expect(res.downstream).toMatchObject({
        status: 200,
        reset: true,
        localReply: true,
        streamedLocalReply: true,
        details: 'spurious_message',
      });
      expect(res.downstream.body.toString()).toBe('part');
      expect(res.stats).toMatchObject({ spurious_msgs_received: 1, failure_mode_allowed: 0 });
      expect(res.violations.map((v) => v.kind)).toEqual(['spurious-reply']);
      expect(res.transcript.filter((e) => e.type === 'received').at(-1)).toMatchObject({
        disposition: 'spurious',
      });
      expect(res.upstream).toBeNull();
    }
  });

  it('§5.5 headers_response with end_of_stream=false needs request body mode NONE or FULL_DUPLEX_STREAMED: otherwise an error → 500 (fail-closed)', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      s.reply(streamedHeaders([[':status', '200']], false));
    });
    const res = await runExchange(server, {
      envoy: { processingMode: { requestBodyMode: 'STREAMED' }, failureModeAllow: true },
      request: { method: 'POST', body: 'abc' },
      upstream: NO_UPSTREAM,
    });
    expect(res.downstream).toMatchObject({
      status: 500,
      localReply: true,
      streamedLocalReply: false,
      details: 'invalid_streamed_immediate_response',
    });
    expect(res.violations.map((v) => v.kind)).toEqual(['invalid-streamed-immediate-response']);
    expect(res.transcript.find((e) => e.type === 'received')).toMatchObject({ disposition: 'rejected' });
    expect(res.upstream).toBeNull();
  });

  it('§5.5 headers_response: :status must parse as >= 200, and the mutation rules apply', async () => {
    const reply = async (headers: Array<[string, string]>, envoy: ExchangeSpec['envoy'] = {}) => {
      const server = scriptedServer(async (s) => {
        await s.next();
        s.reply(streamedHeaders(headers, true));
      });
      return runExchange(server, { envoy, upstream: NO_UPSTREAM });
    };
    const missing = await reply([['content-type', 'text/plain']]);
    expect(missing.downstream).toMatchObject({ status: 500, streamedLocalReply: false });
    expect(missing.violations.map((v) => v.kind)).toEqual(['invalid-streamed-immediate-response']);

    const low = await reply([[':status', '99']]);
    expect(low.downstream).toMatchObject({ status: 500, details: 'invalid_streamed_immediate_response' });
    expect(low.violations.map((v) => v.kind)).toEqual([
      'refused-header-mutation',
      'invalid-streamed-immediate-response',
    ]);

    // A refused header is dropped (and counted); the local response still goes out.
    const refused = await reply([
      [':status', '403'],
      ['x-envoy-secret', '1'],
      ['x-ok', 'yes'],
    ]);
    expect(refused.downstream).toMatchObject({ status: 403, streamedLocalReply: true });
    expect(refused.downstream.headers.has('x-envoy-secret')).toBe(false);
    expect(refused.downstream.headers.get('x-ok')).toBe('yes');
    expect(refused.stats.rejected_header_mutations).toBe(1);

    const strict = await reply(
      [
        [':status', '403'],
        ['x-envoy-secret', '1'],
      ],
      { mutationRules: { disallowIsError: true } },
    );
    expect(strict.downstream).toMatchObject({
      status: 500,
      streamedLocalReply: false,
      details: 'header_mutation_set_headers_failed',
    });
  });

  it('§5.5 a headers_response that does not answer request_headers (here: response_headers) is spurious', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply(streamedHeaders([[':status', '200']], true));
    });
    const res = await runExchange(server, { upstream: { body: 'real' } });
    expect(res.downstream).toMatchObject({
      status: 500,
      localReply: true,
      streamedLocalReply: false,
      details: 'spurious_message',
    });
    expect(res.upstream?.complete).toBe(true);
    expect(res.stats.spurious_msgs_received).toBe(1);
  });

  it('§8 a server error after the local response started cannot fail open: stream reset; an early OK close resets it too', async () => {
    const failing = scriptedServer(async (s) => {
      await s.next();
      s.reply(streamedHeaders([[':status', '200']], false));
      s.reply(streamedBody('part', false));
      s.fail(GrpcStatus.INTERNAL, 'boom');
    });
    const res = await runExchange(failing, { envoy: { failureModeAllow: true }, upstream: NO_UPSTREAM });
    expect(res.downstream).toMatchObject({
      status: 200,
      reset: true,
      streamedLocalReply: true,
      details: 'ext_proc_error_gRPC_error_13{boom}',
    });
    expect(res.downstream.body.toString()).toBe('part');
    expect(res.stats).toMatchObject({ streams_failed: 1, failure_mode_allowed: 0 });

    const closing = scriptedServer(async (s) => {
      await s.next();
      s.reply(streamedHeaders([[':status', '200']], false));
      s.end();
    });
    const closed = await runExchange(closing, { upstream: NO_UPSTREAM });
    expect(closed.downstream).toMatchObject({ status: 200, reset: true, streamedLocalReply: true });
    expect(closed.stream.endedBy).toBe('server-ok');
    expect(closed.violations.map((v) => v.kind)).toEqual(['invalid-streamed-immediate-response']);
    expect(closed.upstream).toBeNull();
  });

  it('§5.5 StreamedImmediateResponse while disable_immediate_response is set is rejected as unsupported (doc silent)', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      s.reply(streamedHeaders([[':status', '200']], true));
    });
    await expect(
      runExchange(server, { envoy: { disableImmediateResponse: true }, upstream: NO_UPSTREAM }),
    ).rejects.toThrow(UnsupportedFeatureError);
  });
});
