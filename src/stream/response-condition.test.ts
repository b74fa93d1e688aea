/**
 * A `responseContentType` condition is decided at the response headers and affects the response
 * phases only: a request-body plugin it filters out keeps running the request body it started
 * (and the request trailers), so what it holds back reaches the upstream in order. Driven
 * through the kit with the response arriving while the request body is still streaming.
 */
import { describe, expect, it } from 'vitest';
import { definePlugin } from '../plugin/define-plugin.js';
import type { Handlers } from '../plugin/types.js';
import { createProcessor } from '../processor.js';
import type { EnvoyFilterConfig } from '../testing/config.js';
import { runExchange } from '../testing/exchange.js';
import type { ExchangeResult } from '../testing/result.js';

type Kind = 'whole' | 'holdBack';

/** Whole-body: `<BODY>`; holdBack: each chunk upper-cased, its last byte held until the next. */
function requestHandlers(kind: Kind, calls: string[]): Handlers {
  const base: Handlers = {
    requestTrailers: () => void calls.push('requestTrailers'),
    responseHeaders: () => void calls.push('responseHeaders'),
    responseBody: () => void calls.push('responseBody'),
  };
  if (kind === 'whole') {
    return {
      ...base,
      requestBody: (ctx) => {
        calls.push('requestBody');
        ctx.mutate.replaceBody(`<${ctx.body.text().toUpperCase()}>`);
      },
    };
  }
  return {
    ...base,
    requestBodyChunk: (ctx) => {
      calls.push('requestBodyChunk');
      ctx.mutate.replaceChunk(ctx.chunk.text().toUpperCase());
      if (!ctx.chunk.last && ctx.chunk.length > 0) ctx.holdBack(1);
    },
  };
}

const expected = (kind: Kind, body: string) =>
  kind === 'whole' ? `<${body.toUpperCase()}>` : body.toUpperCase();

/**
 * Holds the (buffered) response body until the request body ended: Envoy resets the upstream
 * request once the response is complete, which would cut the request for a reason of its own.
 */
function waiter(): Handlers {
  let done: () => void = () => undefined;
  const requestDone = new Promise<void>((resolve) => {
    done = resolve;
  });
  return {
    requestBodyChunk: (ctx) => {
      if (ctx.chunk.last) done();
    },
    responseBody: () => requestDone,
  };
}

const FILTERS: Record<string, EnvoyFilterConfig> = {
  STREAMED: {
    processingMode: { requestBodyMode: 'STREAMED', requestTrailerMode: 'SEND', responseBodyMode: 'BUFFERED' },
  },
  'STREAMED, overrides allowed': {
    processingMode: { requestBodyMode: 'STREAMED', responseBodyMode: 'BUFFERED' },
    allowModeOverride: true,
  },
  FULL_DUPLEX_STREAMED: {
    processingMode: {
      requestBodyMode: 'FULL_DUPLEX_STREAMED',
      requestTrailerMode: 'SEND',
      responseBodyMode: 'BUFFERED',
    },
  },
};

async function exchange(
  kind: Kind,
  filterName: string,
  responseType: string,
  trailers: boolean,
): Promise<{ res: ExchangeResult; calls: string[] }> {
  const calls: string[] = [];
  const filter = FILTERS[filterName] as EnvoyFilterConfig;
  const processor = await createProcessor({
    plugins: [
      {
        plugin: definePlugin({ name: `json-${kind}`, setup: () => requestHandlers(kind, calls) }),
        match: { responseContentType: 'application/json' },
      },
      { plugin: definePlugin({ name: 'waiter', setup: waiter }) },
    ],
    allowModeOverride: filter.allowModeOverride === true,
    processingMode: filter.processingMode,
  });
  try {
    const res = await runExchange(processor, {
      envoy: filter,
      request: {
        method: 'POST',
        body: ['abc', 'def', 'ghi'],
        ...(trailers ? { trailers: { 'x-sum': '9' } } : {}),
        pacing: 'on-idle',
      },
      // The response headers arrive while the request body is still streaming.
      upstreamTiming: 'after-request-headers',
      upstream: { headers: { 'content-type': responseType }, body: 'r' },
    });
    return { res, calls };
  } finally {
    await processor.close();
  }
}

describe('responseContentType decided mid-request', () => {
  for (const filterName of Object.keys(FILTERS)) {
    for (const kind of ['whole', 'holdBack'] as const) {
      for (const trailers of [false, true]) {
        it(`${filterName}, ${kind} request plugin${trailers ? ', request trailers' : ''}: a non-matching response leaves the request body whole`, async () => {
          const { res, calls } = await exchange(kind, filterName, 'text/html', trailers);
          expect(res.violations).toEqual([]);
          // The response headers came before the request body ended (else this proves nothing).
          const sent = res.sent.map((m) => m.request?.$case);
          expect(sent.indexOf('responseHeaders')).toBeGreaterThan(-1);
          expect(sent.indexOf('responseHeaders')).toBeLessThan(sent.lastIndexOf('requestBody'));
          if (filterName.startsWith('STREAMED') && trailers) {
            // Under STREAMED the trailers end the body after its last chunk was answered: the
            // bytes the plugin still holds then cannot be sent, so the exchange fails (body.ts),
            // which shows the plugin was still running the request body.
            expect(res.downstream.details).toBe('attache_body_unflushable');
            expect(res.upstream?.complete).toBe(false);
          } else {
            expect(res.upstream?.body.toString()).toBe(expected(kind, 'abcdefghi'));
            expect(res.upstream?.complete).toBe(true);
            expect(res.downstream.status).toBe(200);
            if (trailers) expect(calls).toContain('requestTrailers');
          }
          // Request phases ran to the end; the response phases did not run.
          expect(calls).toContain(kind === 'whole' ? 'requestBody' : 'requestBodyChunk');
          expect(calls).not.toContain('responseHeaders');
          expect(calls).not.toContain('responseBody');
        });
      }
    }
  }

  it('a matching response runs the response phases too', async () => {
    const { res, calls } = await exchange('whole', 'STREAMED', 'application/json', false);
    expect(res.violations).toEqual([]);
    expect(res.upstream?.body.toString()).toBe('<ABCDEFGHI>');
    expect(calls).toContain('responseHeaders');
  });
});
