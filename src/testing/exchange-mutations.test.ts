import { describe, expect, it } from 'vitest';
import type { ProcessingResponse } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { EnvoyFilterConfig } from './config.js';
import { runExchange } from './exchange.js';
import { firstReplyServer, okReply, scriptedServer } from './fixtures/scripted-server.js';
import { headersReply, kind, mutation, REPLACE, replaceBody, setHeader } from './fixtures/test-support.js';
import type { ExchangeSpec } from './spec.js';

/** Runs an exchange whose server answers the request_headers message with `reply`. */
function withRequestHeadersReply(reply: ProcessingResponse, spec: ExchangeSpec = {}) {
  const server = firstReplyServer(reply);
  return runExchange(server, spec);
}

/** Runs an exchange whose server answers the response_headers message with `reply`. */
function withResponseHeadersReply(reply: ProcessingResponse, envoy: EnvoyFilterConfig = {}) {
  const server = scriptedServer(async (s) => {
    for (;;) {
      const m = await s.nextOrEnd();
      if (m === undefined) return;
      s.reply(kind(m) === 'responseHeaders' ? reply : okReply(m));
    }
  });
  return runExchange(server, { envoy });
}

describe('CONTINUE_AND_REPLACE (§5.1)', () => {
  it('§18.44 body replaced, content-length removed, no request body/trailer messages, response processing continues', async () => {
    for (const pacing of ['eager', 'on-idle'] as const) {
      const res = await withRequestHeadersReply(
        headersReply('request', {
          status: REPLACE,
          headerMutation: mutation([setHeader('content-length', '999')]),
          bodyMutation: replaceBody('replacement'),
        }),
        {
          envoy: { processingMode: { requestBodyMode: 'BUFFERED', requestTrailerMode: 'SEND' } },
          request: { method: 'POST', body: ['orig', 'inal'], trailers: { t: 'x' }, pacing },
        },
      );
      expect(res.sent.map(kind)).toEqual(['requestHeaders', 'responseHeaders']);
      expect(res.upstream?.body.toString()).toBe('replacement');
      expect(res.upstream?.headers.get('content-length')).toBeUndefined();
      expect(res.upstream?.trailers?.get('t')).toBe('x');
      expect(res.downstream.status).toBe(200);
    }
  });

  it('§18.45 CONTINUE_AND_REPLACE with :method POST + body on a GET → upstream gets POST with the new body', async () => {
    const res = await withRequestHeadersReply(
      headersReply('request', {
        status: REPLACE,
        headerMutation: mutation([
          setHeader(':method', 'POST'),
          setHeader('content-type', 'application/json'),
        ]),
        bodyMutation: replaceBody('{"a":1}'),
      }),
    );
    expect(res.upstream?.headers.get(':method')).toBe('POST');
    expect(res.upstream?.body.toString()).toBe('{"a":1}');
    expect(res.upstream?.complete).toBe(true);
    expect(res.stats.rejected_header_mutations).toBe(0);
  });

  it('§5.1 :method is refused with plain CONTINUE', async () => {
    const res = await withRequestHeadersReply(
      headersReply('request', { headerMutation: mutation([setHeader(':method', 'POST')]) }),
    );
    expect(res.upstream?.headers.get(':method')).toBe('GET');
    expect(res.stats.rejected_header_mutations).toBe(1);
  });
});

describe('set_headers / remove_headers semantics (§6)', () => {
  it('§18.46 set_headers with `value` instead of `raw_value` → header present with an empty value', async () => {
    const res = await withRequestHeadersReply(
      headersReply('request', {
        headerMutation: { setHeaders: [{ header: { key: 'x-v', value: 'text' } }] },
      }),
    );
    expect(res.upstream?.headers.has('x-v')).toBe(true);
    expect(res.upstream?.headers.get('x-v')).toBe('');
    expect(res.violations.map((v) => v.kind)).toEqual(['value-instead-of-raw-value']);
  });

  it('§18.47 append=true adds a value; append unset replaces; append_action is ignored', async () => {
    const res = await withRequestHeadersReply(
      headersReply('request', {
        headerMutation: {
          setHeaders: [
            setHeader('x-a', '2', true),
            setHeader('x-b', 'new'),
            // ADD_IF_ABSENT would keep the old value; Envoy ignores append_action → overwrite.
            { header: { key: 'x-c', rawValue: Buffer.from('new') }, appendAction: 1 },
          ],
        },
      }),
      { request: { headers: { 'x-a': '1', 'x-b': 'old', 'x-c': 'old' } } },
    );
    expect(res.upstream?.headers.getAll('x-a')).toEqual(['1', '2']);
    expect(res.upstream?.headers.getAll('x-b')).toEqual(['new']);
    expect(res.upstream?.headers.getAll('x-c')).toEqual(['new']);
    expect(res.violations.map((v) => v.kind)).toEqual(['append-action-ignored']);
  });

  it('§18.48 setting host/:authority/:method/:scheme/x-envoy-foo is ignored and counted; disallow_is_error → 500', async () => {
    const reply = headersReply('request', {
      headerMutation: mutation([
        setHeader('host', 'evil.example'),
        setHeader(':authority', 'evil.example'),
        setHeader(':method', 'DELETE'),
        setHeader(':scheme', 'https'),
        setHeader('x-envoy-foo', '1'),
        setHeader(':path', '/rewritten'),
      ]),
    });
    const res = await withRequestHeadersReply(reply);
    expect(res.downstream.status).toBe(200);
    expect(res.stats.rejected_header_mutations).toBe(5);
    expect(res.upstream?.headers.get(':authority')).toBe('example.com');
    expect(res.upstream?.headers.get(':path')).toBe('/rewritten');
    expect(res.upstream?.headers.has('x-envoy-foo')).toBe(false);
    expect(res.violations.filter((v) => v.kind === 'refused-header-mutation')).toHaveLength(5);

    const strict = await withRequestHeadersReply(reply, {
      envoy: { mutationRules: { disallowIsError: true } },
    });
    expect(strict.downstream.status).toBe(500);
    expect(strict.downstream.details).toBe('header_mutation_set_headers_failed');
    expect(strict.upstream).toBeNull();

    const allowed = await withRequestHeadersReply(reply, {
      envoy: { mutationRules: { allowAllRouting: true, allowEnvoy: true } },
    });
    expect(allowed.upstream?.headers.get(':authority')).toBe('evil.example');
    expect(allowed.upstream?.headers.get(':method')).toBe('DELETE');
    expect(allowed.upstream?.headers.get('x-envoy-foo')).toBe('1');
    expect(allowed.stats.rejected_header_mutations).toBe(0);
  });

  it('§18.49 removing :path or host is ignored; disallow_is_error → 500', async () => {
    const reply = headersReply('request', { headerMutation: mutation([], [':path', 'host', 'x-gone']) });
    const res = await withRequestHeadersReply(reply, { request: { headers: { 'x-gone': '1' } } });
    expect(res.upstream?.headers.get(':path')).toBe('/');
    expect(res.upstream?.headers.has('x-gone')).toBe(false);
    expect(res.stats.rejected_header_mutations).toBe(2);

    const strict = await withRequestHeadersReply(reply, {
      envoy: { mutationRules: { disallowIsError: true } },
    });
    expect(strict.downstream.status).toBe(500);
    expect(strict.downstream.details).toBe('header_mutation_remove_headers_failed');
  });

  it('§6.2 removals happen before sets', async () => {
    const res = await withRequestHeadersReply(
      headersReply('request', { headerMutation: mutation([setHeader('x-r', 'new', true)], ['x-r']) }),
      { request: { headers: { 'x-r': 'old' } } },
    );
    expect(res.upstream?.headers.getAll('x-r')).toEqual(['new']);
  });

  it('§18.50 CR/LF in raw_value → 500 header_mutation_set_contains_invalid_character; bad remove name likewise', async () => {
    const res = await withRequestHeadersReply(
      headersReply('request', {
        headerMutation: mutation([setHeader('x-ok', 'fine'), setHeader('x-bad', 'a\r\nb')]),
      }),
    );
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.details).toBe('header_mutation_set_contains_invalid_character');
    expect(res.upstream).toBeNull();
    expect(res.violations.map((v) => v.kind)).toEqual(['invalid-header-mutation']);
    expect(res.stats.rejected_header_mutations).toBe(1);

    const res2 = await withRequestHeadersReply(
      headersReply('request', { headerMutation: mutation([], ['bad name']) }),
    );
    expect(res2.downstream.details).toBe('header_mutation_remove_contains_invalid_character');
    const res3 = await withRequestHeadersReply(
      headersReply('request', { headerMutation: mutation([setHeader('x-nul', Buffer.from([0x61, 0x00]))]) }),
    );
    expect(res3.downstream.status).toBe(500);
  });

  it('§18.51 response mutation setting :status 299 is applied; "abc" and "99" are ignored', async () => {
    const ok = await withResponseHeadersReply(
      headersReply('response', { headerMutation: mutation([setHeader(':status', '299')]) }),
    );
    expect(ok.downstream.status).toBe(299);
    for (const bad of ['abc', '99']) {
      const res = await withResponseHeadersReply(
        headersReply('response', { headerMutation: mutation([setHeader(':status', bad)]) }),
      );
      expect(res.downstream.status).toBe(200);
      expect(res.stats.rejected_header_mutations).toBe(1);
    }
  });

  it('§18.52 more set_headers entries than max_headers_count (100) → 500 header_mutation_operation_count_exceeds_limit', async () => {
    const sets = Array.from({ length: 101 }, (_, i) => setHeader(`x-h${i}`, 'v'));
    const res = await withRequestHeadersReply(headersReply('request', { headerMutation: mutation(sets) }));
    expect(res.downstream.status).toBe(500);
    expect(res.downstream.details).toBe('header_mutation_operation_count_exceeds_limit');
    expect(res.violations.map((v) => v.kind)).toEqual(['header-limit-exceeded']);
  });

  it('§6.3 a result over the header count / size limits → 500 header_mutation_result_exceeds_limit', async () => {
    const sets = Array.from({ length: 10 }, (_, i) => setHeader(`x-h${i}`, 'v'));
    const res = await withRequestHeadersReply(headersReply('request', { headerMutation: mutation(sets) }), {
      envoy: { maxHeadersCount: 12 },
    });
    expect(res.downstream.details).toBe('header_mutation_result_exceeds_limit');
    const big = await withRequestHeadersReply(
      headersReply('request', { headerMutation: mutation([setHeader('x-big', 'v'.repeat(2000))]) }),
      { envoy: { maxHeadersKb: 1 } },
    );
    expect(big.downstream.details).toBe('header_mutation_result_exceeds_limit');
  });

  it('§19.4 an empty header name passes validation (Envoy does not refuse it)', async () => {
    const res = await withRequestHeadersReply(
      headersReply('request', { headerMutation: mutation([], ['']) }),
    );
    expect(res.downstream.status).toBe(200);
  });

  it('§6.1 entries without `header` are skipped', async () => {
    const res = await withRequestHeadersReply(
      headersReply('request', { headerMutation: { setHeaders: [{}] } }),
    );
    expect(res.downstream.status).toBe(200);
    expect(res.violations).toEqual([]);
  });
});

describe('route cache (§5.1)', () => {
  it('§18.54 clear_route_cache with header_mutation clears; without it or on the response side it is ignored', async () => {
    const clear = await withRequestHeadersReply(
      headersReply('request', {
        clearRouteCache: true,
        headerMutation: mutation([setHeader('x-route', 'b')]),
      }),
    );
    expect(clear.routeCacheClears).toBe(1);
    expect(clear.stats.clear_route_cache_ignored).toBe(0);

    const noMutation = await withRequestHeadersReply(headersReply('request', { clearRouteCache: true }));
    expect(noMutation.routeCacheClears).toBe(0);
    expect(noMutation.stats.clear_route_cache_ignored).toBe(1);

    const response = await withResponseHeadersReply(
      headersReply('response', { clearRouteCache: true, headerMutation: mutation([setHeader('x-a', 'b')]) }),
    );
    expect(response.routeCacheClears).toBe(0);
    expect(response.stats.clear_route_cache_ignored).toBe(0);
  });

  it('§5.1 route_cache_action RETAIN / disable_clear_route_cache never clear; CLEAR always clears with a mutation', async () => {
    const reply = headersReply('request', {
      clearRouteCache: true,
      headerMutation: mutation([setHeader('x-r', '1')]),
    });
    const retain = await withRequestHeadersReply(reply, { envoy: { routeCacheAction: 'RETAIN' } });
    expect(retain.routeCacheClears).toBe(0);
    expect(retain.stats.clear_route_cache_disabled).toBe(1);
    const disabled = await withRequestHeadersReply(reply, { envoy: { disableClearRouteCache: true } });
    expect(disabled.stats.clear_route_cache_disabled).toBe(1);
    const always = await withRequestHeadersReply(
      headersReply('request', { headerMutation: mutation([setHeader('x-r', '1')]) }),
      { envoy: { routeCacheAction: 'CLEAR' } },
    );
    expect(always.routeCacheClears).toBe(1);
  });
});
