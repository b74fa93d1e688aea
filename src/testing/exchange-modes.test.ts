import { describe, expect, it } from 'vitest';
import {
  ProcessingMode_BodySendMode,
  ProcessingMode_HeaderSendMode,
} from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type { ProcessingResponse } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { UnsupportedFeatureError } from './errors.js';
import { runExchange } from './exchange.js';
import { firstReplyServer, okReply, scriptedServer } from './fixtures/scripted-server.js';
import { kind, settle } from './fixtures/test-support.js';
import type { ExchangeSpec } from './spec.js';

const { BUFFERED, NONE, STREAMED } = ProcessingMode_BodySendMode;
const { SKIP, SEND } = ProcessingMode_HeaderSendMode;

/** The server answers request_headers with `first` and everything else correctly. */
async function run(first: ProcessingResponse, spec: ExchangeSpec) {
  const server = firstReplyServer(first);
  const res = await runExchange(server, spec);
  await settle();
  return { res, server };
}

const requestHeadersOk: ProcessingResponse = { response: { $case: 'requestHeaders', value: {} } };

describe('mode_override (§9)', () => {
  it('§18.55 mode_override in the request_headers reply enabling BUFFERED request body → a body message follows', async () => {
    const { res } = await run(
      { ...requestHeadersOk, modeOverride: { requestBodyMode: BUFFERED } },
      { envoy: { allowModeOverride: true }, request: { method: 'POST', body: 'abcd' } },
    );
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'requestBody', 'responseHeaders']);
    const body = res.sent[1]?.request;
    expect(body?.$case === 'requestBody' && body.value.body?.toString()).toBe('abcd');
    // §9: the content-length decision was made with the pre-override mode (kept here anyway).
    expect(res.upstream?.headers.get('content-length')).toBe('4');
    expect(res.violations).toEqual([]);
  });

  it('§18.55 an override that omits the body modes resets both to NONE', async () => {
    const { res } = await run(
      { ...requestHeadersOk, modeOverride: { responseHeaderMode: SEND } },
      {
        envoy: {
          allowModeOverride: true,
          processingMode: { requestBodyMode: 'BUFFERED', responseBodyMode: 'BUFFERED' },
        },
        request: { method: 'POST', body: 'abc' },
        upstream: { body: 'def' },
      },
    );
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(res.upstream?.body.toString()).toBe('abc');
    expect(res.downstream.body.toString()).toBe('def');
  });

  it('§18.56 mode_override with response_header_mode SKIP → no response_headers message; the stream closes early', async () => {
    const { res, server } = await run(
      { ...requestHeadersOk, modeOverride: { responseHeaderMode: SKIP } },
      { envoy: { allowModeOverride: true } },
    );
    expect(res.sent.map(kind)).toEqual(['requestHeaders']);
    expect(res.transcript.map((e) => e.type)).toEqual([
      'opened',
      'sent',
      'received',
      'half-closed',
      'cancelled',
    ]);
    expect(server.streams[0]?.clientEvents).toEqual(['half-close', 'cancel']);
  });

  it('§9 mode_override is ignored when allow_mode_override is false', async () => {
    const { res } = await run({ ...requestHeadersOk, modeOverride: { responseHeaderMode: SKIP } }, {});
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(res.violations.map((v) => v.kind)).toEqual(['ignored-mode-override']);
  });

  it('§18.57 mode_override not matching allowed_override_modes exactly is ignored (DEFAULT ≠ SEND)', async () => {
    const allowed = {
      allowModeOverride: true,
      allowedOverrideModes: [{ responseHeaderMode: 'SKIP' as const, requestBodyMode: 'BUFFERED' as const }],
    };
    const notAllowed = await run(
      { ...requestHeadersOk, modeOverride: { responseHeaderMode: SKIP } },
      { envoy: allowed, request: { method: 'POST', body: 'x' } },
    );
    expect(notAllowed.res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(notAllowed.res.violations.map((v) => v.kind)).toEqual(['ignored-mode-override']);

    const matching = await run(
      { ...requestHeadersOk, modeOverride: { responseHeaderMode: SKIP, requestBodyMode: BUFFERED } },
      { envoy: allowed, request: { method: 'POST', body: 'x' } },
    );
    expect(matching.res.sent.map(kind)).toEqual(['requestHeaders', 'requestBody']);

    // The filter-level response_header_mode is DEFAULT; an allow-list entry with SEND does not match it.
    const defaultVsSend = await run(
      { ...requestHeadersOk, modeOverride: { requestBodyMode: BUFFERED } },
      {
        envoy: {
          allowModeOverride: true,
          allowedOverrideModes: [{ responseHeaderMode: 'SEND', requestBodyMode: 'BUFFERED' }],
        },
        request: { method: 'POST', body: 'x' },
      },
    );
    expect(defaultVsSend.res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
  });

  it('§18.58 mode_override is ignored with send_body_without_waiting_for_header_response', async () => {
    const { res } = await run(
      { ...requestHeadersOk, modeOverride: { responseHeaderMode: SKIP } },
      { envoy: { allowModeOverride: true, sendBodyWithoutWaitingForHeaderResponse: true } },
    );
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(res.sent[0]?.protocolConfig?.sendBodyWithoutWaitingForHeaderResponse).toBe(true);
    expect(res.violations.map((v) => v.kind)).toEqual(['ignored-mode-override']);
  });

  it('§9 mode_override is applied before the reply and to both directions (also from a response_headers reply)', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply({
        response: { $case: 'responseHeaders', value: {} },
        modeOverride: { responseBodyMode: BUFFERED },
      });
      const m = await s.next();
      expect(kind(m)).toBe('responseBody');
      s.reply(okReply(m));
    });
    const res = await runExchange(server, { envoy: { allowModeOverride: true }, upstream: { body: 'resp' } });
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders', 'responseBody']);
    expect(res.downstream.body.toString()).toBe('resp');
  });

  it('§5.2 mode_override in a body reply is ignored (no headers reply pending)', async () => {
    const server = scriptedServer(async (s) => {
      s.reply(okReply(await s.next()));
      await s.next();
      s.reply({ response: { $case: 'requestBody', value: {} }, modeOverride: { responseHeaderMode: SKIP } });
      for (;;) {
        const m = await s.nextOrEnd();
        if (m === undefined) return;
        s.reply(okReply(m));
      }
    });
    const res = await runExchange(server, {
      envoy: { allowModeOverride: true, processingMode: { requestBodyMode: 'BUFFERED' } },
      request: { method: 'POST', body: 'x' },
    });
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'requestBody', 'responseHeaders']);
  });

  it('§18.55 a mode_override into STREAMED streams the rest of the body', async () => {
    const { res } = await run(
      { ...requestHeadersOk, modeOverride: { requestBodyMode: STREAMED } },
      {
        envoy: { allowModeOverride: true },
        request: { method: 'POST', body: ['a', 'b'], pacing: 'on-idle' },
      },
    );
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'requestBody', 'requestBody', 'responseHeaders']);
    expect(res.upstream?.body.toString()).toBe('ab');
  });

  it('a mode_override into FULL_DUPLEX_STREAMED (known Envoy issues, §4.8) rejects the exchange as unsupported', async () => {
    const server = scriptedServer(async (s) => {
      await s.next();
      s.reply({
        ...requestHeadersOk,
        modeOverride: { requestBodyMode: ProcessingMode_BodySendMode.FULL_DUPLEX_STREAMED },
      });
    });
    await expect(
      runExchange(server, { envoy: { allowModeOverride: true }, request: { method: 'POST', body: 'x' } }),
    ).rejects.toThrow(UnsupportedFeatureError);
  });

  it('the override keeps the filter-level header/trailer modes where DEFAULT', async () => {
    const { res } = await run(
      { ...requestHeadersOk, modeOverride: { requestBodyMode: NONE } },
      {
        envoy: { allowModeOverride: true, processingMode: { responseTrailerMode: 'SEND' } },
        upstream: { body: 'x', trailers: { t: '1' } },
      },
    );
    expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders', 'responseTrailers']);
  });
});
