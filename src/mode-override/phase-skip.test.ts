/**
 * `match` and per-exchange phase skipping, judged by the kit: plugins run only where they match,
 * and with Envoy's allow_mode_override attache tells Envoy to skip what nobody needs.
 */
import { describe, expect, it } from 'vitest';
import type { AttacheError } from '../errors.js';
import type { PipelineEntry } from '../pipeline/pipeline.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { Handlers, ModeOverride } from '../plugin/types.js';
import { createProcessor } from '../processor.js';
import { runExchange } from '../testing/exchange.js';
import type { ExchangeResult } from '../testing/result.js';

type Entry = Omit<PipelineEntry, 'plugin'> & { handlers: Handlers };

function processor(entries: Entry[], allowModeOverride = true) {
  return createProcessor({
    plugins: entries.map(({ handlers, ...rest }, i) => ({
      plugin: definePlugin({ name: `p${i}`, setup: () => handlers }),
      ...rest,
    })),
    allowModeOverride,
  });
}

const sent = (r: ExchangeResult) => r.sent.map((m) => m.request?.$case);
const overrides = (r: ExchangeResult) => r.received.map((m) => m.modeOverride).filter((m) => m !== undefined);

describe('match', () => {
  it('a plugin runs in every phase of matching exchanges only, decided on the headers Envoy sent', async () => {
    const calls: string[] = [];
    const p = await processor(
      [
        // Rewrites the path first: matching still uses the original one.
        { handlers: { requestHeaders: (ctx) => void ctx.mutate.set(':path', '/rewritten') } },
        {
          handlers: {
            requestHeaders: () => void calls.push('reqH'),
            requestBody: () => void calls.push('reqB'),
            responseHeaders: () => void calls.push('respH'),
          },
          match: { path: '/api', method: 'POST' },
        },
      ],
      false,
    );
    const envoy = { processingMode: { requestBodyMode: 'BUFFERED' } } as const;
    await runExchange(p, { envoy, request: { method: 'POST', path: '/api/x', body: 'b' } });
    expect(calls).toEqual(['reqH', 'reqB', 'respH']);
    calls.length = 0;
    const r = await runExchange(p, { envoy, request: { method: 'GET', path: '/api/x' } });
    await runExchange(p, { envoy, request: { method: 'POST', path: '/other', body: 'b' } });
    expect(calls).toEqual([]);
    expect(r.upstream?.headers.get(':path')).toBe('/rewritten');
  });

  it('responseContentType decides the response phases when the response headers arrive', async () => {
    const seen: string[] = [];
    const p = await processor(
      [
        {
          handlers: { responseBody: (ctx) => void ctx.mutate.replaceBody(ctx.body.text().toUpperCase()) },
          match: { responseContentType: 'application/json' },
        },
        { handlers: { responseHeaders: (ctx) => void seen.push(ctx.headers.get('content-type') ?? '') } },
      ],
      false,
    );
    const envoy = { processingMode: { responseBodyMode: 'BUFFERED' } } as const;
    const json = await runExchange(p, {
      envoy,
      upstream: { headers: { 'content-type': 'application/json' }, body: '{"a":1}' },
    });
    const html = await runExchange(p, {
      envoy,
      upstream: { headers: { 'content-type': 'text/html' }, body: '<p>' },
    });
    expect(json.downstream.body.toString()).toBe('{"A":1}');
    expect(html.downstream.body.toString()).toBe('<p>');
    expect(seen).toEqual(['application/json', 'text/html']);
  });

  it('responseContentType: the request-side handlers run (the response is unknown then); from the response headers on, only on a match', async () => {
    const calls: string[] = [];
    const p = await processor(
      [
        {
          handlers: {
            requestHeaders: () => void calls.push('requestHeaders'),
            requestBody: () => void calls.push('requestBody'),
            responseHeaders: (ctx) => void calls.push(`responseHeaders ${ctx.headers.get('content-type')}`),
            responseBody: () => void calls.push('responseBody'),
          },
          match: { responseContentType: 'application/json' },
        },
      ],
      false,
    );
    const envoy = { processingMode: { requestBodyMode: 'BUFFERED', responseBodyMode: 'BUFFERED' } } as const;
    for (const type of ['text/html', 'application/json']) {
      await runExchange(p, {
        envoy,
        request: { method: 'POST', body: 'q' },
        upstream: { headers: { 'content-type': type }, body: 'r' },
      });
    }
    expect(calls).toEqual([
      'requestHeaders',
      'requestBody',
      'requestHeaders',
      'requestBody',
      'responseHeaders application/json',
      'responseBody',
    ]);
    calls.length = 0;
    // Envoy skips the response headers: the type is never known, the plugin keeps running.
    await runExchange(p, {
      envoy: { processingMode: { responseHeaderMode: 'SKIP', responseBodyMode: 'BUFFERED' } },
      upstream: { headers: { 'content-type': 'text/html' }, body: 'r' },
    });
    expect(calls).toEqual(['requestHeaders', 'responseBody']);
  });

  it('request conditions cannot hold when Envoy skips the request headers', async () => {
    const calls: string[] = [];
    const p = await processor(
      [
        { handlers: { responseHeaders: () => void calls.push('matched') }, match: { path: '/' } },
        { handlers: { responseHeaders: () => void calls.push('always') } },
      ],
      false,
    );
    await runExchange(p, { envoy: { processingMode: { requestHeaderMode: 'SKIP' } } });
    expect(calls).toEqual(['always']);
  });
});

describe('phase skipping with allow_mode_override', () => {
  const envoy = {
    allowModeOverride: true,
    processingMode: { requestBodyMode: 'BUFFERED', responseBodyMode: 'BUFFERED' },
  } as const;

  it('no plugin running needs the response: Envoy is told to skip it and closes the stream early', async () => {
    const p = await processor([
      { handlers: { requestHeaders: (ctx) => void ctx.mutate.set('x-seen', '1') } },
      {
        handlers: { responseHeaders: () => undefined, requestBody: () => undefined },
        match: { path: '/api' },
      },
    ]);
    const other = await runExchange(p, {
      envoy,
      request: { method: 'POST', path: '/other', body: 'b' },
      upstream: { body: 'u' },
    });
    expect(other.violations).toEqual([]);
    expect(sent(other)).toEqual(['requestHeaders']);
    expect(overrides(other)).toEqual([
      expect.objectContaining({ responseHeaderMode: 2, requestBodyMode: 0, responseBodyMode: 0 }),
    ]);
    expect(other.upstream?.headers.get('x-seen')).toBe('1');
    expect(other.downstream.body.toString()).toBe('u');

    const api = await runExchange(p, {
      envoy,
      request: { method: 'POST', path: '/api', body: 'b' },
      upstream: { body: 'u' },
    });
    expect(api.violations).toEqual([]);
    expect(sent(api)).toEqual(['requestHeaders', 'requestBody', 'responseHeaders']);
  });

  it('a response body plugin whose responseContentType does not match: the response body is skipped at the response headers', async () => {
    const p = await processor([
      {
        handlers: { responseBody: (ctx) => void ctx.mutate.replaceBody(ctx.body.text().toUpperCase()) },
        match: { responseContentType: 'application/json' },
      },
    ]);
    const html = await runExchange(p, {
      envoy,
      upstream: { headers: { 'content-type': 'text/html' }, body: 'x' },
    });
    expect(html.violations).toEqual([]);
    expect(sent(html)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(html.downstream.body.toString()).toBe('x');
    const json = await runExchange(p, {
      envoy,
      upstream: { headers: { 'content-type': 'application/json' }, body: 'x' },
    });
    expect(json.violations).toEqual([]);
    expect(sent(json)).toEqual(['requestHeaders', 'responseHeaders', 'responseBody']);
    expect(json.downstream.body.toString()).toBe('X');
  });

  it("a plugin's own overrideMode wins over the computed skip", async () => {
    const p = await processor([
      {
        handlers: {
          modeOverrides: [{ responseHeaders: 'send' }],
          requestHeaders: (ctx) => ctx.overrideMode({ responseHeaders: 'send' }),
        },
      },
    ]);
    const r = await runExchange(p, { envoy });
    expect(r.violations).toEqual([]);
    expect(sent(r)).toEqual(['requestHeaders', 'responseHeaders']);
  });

  it('overrideMode refuses what setup did not declare, so the filter can allow exactly what is sent', async () => {
    const log: string[] = [];
    const p = await processor([
      {
        handlers: {
          modeOverrides: [{ requestBody: 'buffered' }],
          requestHeaders: (ctx) => {
            ctx.overrideMode({ requestBody: 'buffered' }); // declared: fine
            for (const mode of [
              { requestBody: 'streamed' },
              { requestBody: 'buffered', responseHeaders: 'skip' },
            ]) {
              try {
                ctx.overrideMode(mode as ModeOverride);
              } catch (e) {
                log.push(`${(e as AttacheError).code}: ${(e as Error).message}`);
              }
            }
          },
          requestBody: () => undefined,
        },
      },
    ]);
    const r = await runExchange(p, { envoy, request: { method: 'POST', body: 'b' } });
    expect(r.violations).toEqual([]);
    expect(sent(r)).toEqual(['requestHeaders', 'requestBody']);
    expect(log).toEqual([
      "ATTACHE_ERR_PHASE_UNSUPPORTED: overrideMode({ requestBody: 'streamed' }): not among the modeOverrides that setup returned; declare every override the plugin may send",
      "ATTACHE_ERR_PHASE_UNSUPPORTED: overrideMode({ responseHeaders: 'skip', requestBody: 'buffered' }): not among the modeOverrides that setup returned; declare every override the plugin may send",
    ]);
  });

  it('trailers are skipped when only a non-matching plugin handles them', async () => {
    const p = await processor([
      { handlers: { requestHeaders: () => undefined } },
      { handlers: { requestTrailers: () => undefined }, match: { headers: { 'x-trailers': true } } },
    ]);
    const spec = {
      envoy: {
        allowModeOverride: true,
        processingMode: { requestTrailerMode: 'SEND', responseHeaderMode: 'SKIP' },
      },
      request: { method: 'POST', body: 'b', trailers: { t: '1' } },
    } as const;
    const skipped = await runExchange(p, spec);
    expect(skipped.violations).toEqual([]);
    expect(sent(skipped)).toEqual(['requestHeaders']);
    expect(skipped.upstream?.trailers?.get('t')).toBe('1');
    const wanted = await runExchange(p, {
      ...spec,
      request: { ...spec.request, headers: { 'x-trailers': '1' } },
    });
    expect(sent(wanted)).toEqual(['requestHeaders', 'requestTrailers']);
  });

  it('without allowModeOverride (the default) nothing is overridden', async () => {
    const p = await processor([{ handlers: { requestHeaders: () => undefined } }], false);
    const r = await runExchange(p, { envoy });
    expect(overrides(r)).toEqual([]);
    expect(sent(r)).toEqual(['requestHeaders', 'responseHeaders']);
  });
});
