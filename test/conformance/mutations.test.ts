/**
 * §18 conformance, header and body mutations: attache's own server driven by the Envoy-faithful
 * test kit. Mutations Envoy would refuse, ignore or reject are refused at the plugin API with a
 * coded AttacheError and turned into the configured outcome, so the kit sees no violation and
 * Envoy's `rejected_header_mutations` stays 0.
 */
import { createProcessor, definePlugin, ErrorCode, type HeadersContext, respond } from 'attache-extproc';
import { describe, expect, it } from 'vitest';
import { CommonResponse_ResponseStatus } from '../../src/gen/envoy/service/ext_proc/v3/external_processor.js';
import {
  codeOf,
  commonOf,
  expectReplyDiscipline,
  immediateOf,
  loggedCodes,
  plugin,
  processorOf,
  receivedKinds,
  sentKinds,
} from './helpers.js';
import { runExchange } from './wire.js';

const { MUTATION_REFUSED, INVALID_HEADER } = ErrorCode;

describe('CONTINUE_AND_REPLACE (§5.1)', () => {
  it('§18.44 replaceBody in request_headers: body replaced, content-length removed, no request body/trailer messages, response processing continues', async () => {
    for (const pacing of ['eager', 'on-idle'] as const) {
      const calls: string[] = [];
      let contentLengthCode = '';
      const { processor } = await processorOf({
        requestHeaders: (ctx) => {
          ctx.mutate.set('x-replaced', 'yes').replaceBody('replacement');
          // Envoy drops content-length with CONTINUE_AND_REPLACE; attache does not let a plugin try.
          contentLengthCode = codeOf(() => ctx.mutate.set('content-length', '11'));
        },
        requestBody: () => void calls.push('requestBody'),
        requestTrailers: () => void calls.push('requestTrailers'),
        responseHeaders: (ctx) => void ctx.mutate.set('x-resp', 'still processed'),
      });
      const res = await runExchange(processor, {
        envoy: { processingMode: { requestBodyMode: 'BUFFERED', requestTrailerMode: 'SEND' } },
        request: {
          method: 'POST',
          headers: { 'content-length': '8' },
          body: ['orig', 'inal'],
          trailers: { t: 'x' },
          pacing,
        },
        upstream: (req) => ({ body: req.body }),
      });
      expect(res.violations).toEqual([]);
      expectReplyDiscipline(res);
      expect(contentLengthCode).toBe(MUTATION_REFUSED);
      expect(sentKinds(res)).toEqual(['requestHeaders', 'responseHeaders']);
      const common = commonOf(res.received[0]);
      expect(common?.status).toBe(CommonResponse_ResponseStatus.CONTINUE_AND_REPLACE);
      const mutation = common?.bodyMutation?.mutation;
      expect(mutation?.$case === 'body' && mutation.value.toString()).toBe('replacement');
      expect(calls).toEqual([]);
      expect(res.upstream?.body.toString()).toBe('replacement');
      expect(res.upstream?.headers.has('content-length')).toBe(false);
      expect(res.upstream?.headers.get('x-replaced')).toBe('yes');
      expect(res.upstream?.trailers?.get('t')).toBe('x');
      expect(res.downstream.headers.get('x-resp')).toBe('still processed');
      expect(res.downstream.body.toString()).toBe('replacement');
    }
  });

  it('§18.45 :method POST + replaceBody on a GET (even from two plugins) → upstream gets POST with the new body', async () => {
    const processor = await createProcessor({
      plugins: [
        { plugin: plugin({ requestHeaders: (ctx) => void ctx.mutate.set(':method', 'POST') }, 'method') },
        {
          plugin: plugin(
            {
              requestHeaders: (ctx) =>
                void ctx.mutate.set('content-type', 'application/json').replaceBody('{"q":1}'),
            },
            'body',
          ),
        },
      ],
    });
    const res = await runExchange(processor, { request: { method: 'GET' } });
    expect(res.violations).toEqual([]);
    expect(res.stats.rejected_header_mutations).toBe(0);
    expect(res.upstream?.headers.get(':method')).toBe('POST');
    expect(res.upstream?.headers.get('content-type')).toBe('application/json');
    expect(res.upstream?.body.toString()).toBe('{"q":1}');
    expect(res.upstream?.complete).toBe(true);
  });

  it('§18.45 :method without a body replacement (Envoy would ignore it) is refused when the phase ends; with allow_all_routing mirrored it is applied', async () => {
    const handlers = {
      requestHeaders: (ctx: HeadersContext) => void ctx.mutate.set('x-also', '1').set(':method', 'DELETE'),
    };
    const closed = await processorOf(handlers);
    const c = await runExchange(closed.processor, {});
    expect(c.violations).toEqual([]);
    expect(c.downstream).toMatchObject({ status: 500, details: 'attache_plugin_error{p}' });
    expect(loggedCodes(closed.log)).toEqual([['p', MUTATION_REFUSED]]);

    const open = await processorOf(handlers, { failure: 'open' });
    const o = await runExchange(open.processor, {});
    expect(o.violations).toEqual([]);
    expect(o.stats.rejected_header_mutations).toBe(0);
    expect(o.upstream?.headers.get(':method')).toBe('GET');
    // Fail-open passes the whole message unchanged: the other change of the phase is dropped too.
    expect(o.upstream?.headers.has('x-also')).toBe(false);

    const routing = await processorOf(handlers, { mutationRules: { allowAllRouting: true } });
    const r = await runExchange(routing.processor, { envoy: { mutationRules: { allowAllRouting: true } } });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get(':method')).toBe('DELETE');
    expect(commonOf(r.received[0])?.status ?? 0).toBe(CommonResponse_ResponseStatus.CONTINUE);
  });
});

describe('set_headers / remove_headers (§6)', () => {
  it('§18.46 attache writes header values only in raw_value (never `value`), in mutations and in ImmediateResponse headers', async () => {
    const bytes = new Uint8Array([0x62, 0x79, 0x74, 0x65, 0xe9]);
    const { processor } = await processorOf({
      requestHeaders: (ctx) =>
        void ctx.mutate.set('x-str', 'text').set('x-bytes', bytes).append('x-app', 'v'),
      responseHeaders: () => respond(401, { headers: { 'www-authenticate': 'Basic' } }),
    });
    const res = await runExchange(processor, {});
    expect(res.violations).toEqual([]);
    const options = commonOf(res.received[0])?.headerMutation?.setHeaders ?? [];
    expect(
      options.map((o) => [o.header?.key, o.header?.value ?? '', [...(o.header?.rawValue ?? [])]]),
    ).toEqual([
      ['x-str', '', [...Buffer.from('text')]],
      ['x-bytes', '', [...bytes]],
      ['x-app', '', [...Buffer.from('v')]],
    ]);
    const immediate = immediateOf(res.received[1])?.headers?.setHeaders ?? [];
    expect(
      immediate.map((o) => [o.header?.key, o.header?.value ?? '', o.header?.rawValue?.toString()]),
    ).toEqual([['www-authenticate', '', 'Basic']]);
    expect(res.upstream?.headers.get('x-str')).toBe('text');
    expect(res.upstream?.headers.getRaw('x-bytes').map((b) => [...b])).toEqual([[...bytes]]);
    expect(res.downstream.headers.get('www-authenticate')).toBe('Basic');
  });

  it('§18.47 append adds a value, set replaces all values (append flag unset), append_action / keep_empty_value never used', async () => {
    const { processor } = await processorOf({
      requestHeaders: (ctx) => {
        ctx.mutate
          .append('x-a', '3')
          .set('x-s', '9')
          .remove('x-r')
          .append('x-r', 'new')
          .append('x-n', 'a')
          .append('x-n', 'b')
          .set('x-p', '1')
          .append('x-p', '3')
          .set('X-Upper', 'v');
      },
    });
    const res = await runExchange(processor, {
      request: {
        headers: [
          ['x-a', '1'],
          ['x-a', '2'],
          ['x-s', '1'],
          ['x-s', '2'],
          ['x-r', 'old'],
          ['x-p', '1'],
          ['x-p', '2'],
        ],
      },
    });
    expect(res.violations).toEqual([]);
    const up = res.upstream?.headers;
    expect({
      a: up?.getAll('x-a'),
      s: up?.getAll('x-s'),
      r: up?.getAll('x-r'),
      n: up?.getAll('x-n'),
      p: up?.getAll('x-p'),
      upper: up?.getAll('x-upper'),
    }).toEqual({ a: ['1', '2', '3'], s: ['9'], r: ['new'], n: ['a', 'b'], p: ['1', '3'], upper: ['v'] });
    const options = commonOf(res.received[0])?.headerMutation?.setHeaders ?? [];
    expect(options.length).toBeGreaterThan(0);
    for (const o of options) {
      expect(o.appendAction ?? 0).toBe(0);
      expect(o.keepEmptyValue ?? false).toBe(false);
      expect(o.append === undefined || o.append === true).toBe(true);
    }
    expect(options.find((o) => o.header?.key === 'x-s')?.append).toBeUndefined();
    expect(options.find((o) => o.header?.key === 'x-a')?.append).toBe(true);
  });

  it('§18.48 setting host/:authority/:scheme/x-envoy-foo is refused at the API (MUTATION_REFUSED); a caught refusal leaves the rest of the reply intact', async () => {
    // Doubt: the kit refuses any name starting with "x-envoy" (no dash), e.g. "x-envoyfoo"; the
    // doc (§6.3) says "x-envoy-…" and attache refuses only that prefix. Not asserted here.
    let codes: string[] = [];
    const { processor } = await processorOf({
      requestHeaders: (ctx) => {
        codes = ['host', ':authority', ':scheme', 'x-envoy-foo', ':path'].map((name) =>
          codeOf(() => ctx.mutate.set(name, name === ':path' ? '/rewritten' : 'https')),
        );
      },
    });
    for (const envoy of [{}, { mutationRules: { disallowIsError: true } }]) {
      const res = await runExchange(processor, { envoy });
      expect(codes).toEqual([MUTATION_REFUSED, MUTATION_REFUSED, MUTATION_REFUSED, MUTATION_REFUSED, 'none']);
      expect(res.violations).toEqual([]);
      expect(res.stats.rejected_header_mutations).toBe(0);
      expect(res.downstream.status).toBe(200);
      expect(res.upstream?.headers.get(':path')).toBe('/rewritten');
      expect(res.upstream?.headers.get(':authority')).toBe('example.com');
      expect(res.upstream?.headers.get(':scheme')).toBe('http');
    }
  });

  it('§18.48 an uncaught refusal fails the plugin by policy (500 / pass-through with the whole message unchanged), also for respond() headers', async () => {
    const handlers = {
      requestHeaders: (ctx: HeadersContext) => void ctx.mutate.set('x-before', '1').set('x-envoy-foo', '1'),
    };
    const closed = await processorOf(handlers);
    const c = await runExchange(closed.processor, { envoy: { mutationRules: { disallowIsError: true } } });
    expect(c.violations).toEqual([]);
    expect(c.downstream).toMatchObject({ status: 500, details: 'attache_plugin_error{p}' });
    expect(c.upstream).toBeNull();
    expect(loggedCodes(closed.log)).toEqual([['p', MUTATION_REFUSED]]);

    const open = await processorOf(handlers, { failure: 'open' });
    const o = await runExchange(open.processor, {});
    expect(o.violations).toEqual([]);
    expect(o.upstream?.headers.has('x-before')).toBe(false);
    expect(o.upstream?.headers.has('x-envoy-foo')).toBe(false);

    // ImmediateResponse headers go through the configured checker too (§6.3).
    const deny = await processorOf({
      requestHeaders: () => respond(403, { headers: { 'x-envoy-why': 'no' } }),
    });
    const d = await runExchange(deny.processor, {});
    expect(d.violations).toEqual([]);
    expect(d.stats.rejected_header_mutations).toBe(0);
    expect(d.downstream).toMatchObject({ status: 500, details: 'attache_plugin_error{p}' });
    expect(loggedCodes(deny.log)).toEqual([['p', MUTATION_REFUSED]]);
  });

  it('§18.48 refused names are caught at startup by api.checkHeader (PLUGIN_SETUP, cause MUTATION_REFUSED)', async () => {
    const checking = definePlugin({
      name: 'checked',
      setup(_options, api) {
        api.checkHeader('x-envoy-foo', { block: 'request', op: 'set' });
        return {};
      },
    });
    const error = await createProcessor({ plugins: [{ plugin: checking }] }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe(ErrorCode.PLUGIN_SETUP);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe(MUTATION_REFUSED);
  });

  it('§18.48 with the filter’s mutation_rules mirrored (allow_all_routing, allow_envoy) the same changes are allowed and applied', async () => {
    const rules = { allowAllRouting: true, allowEnvoy: true };
    const { processor } = await processorOf(
      {
        requestHeaders: (ctx) =>
          void ctx.mutate
            .set(':authority', 'b.example')
            .set(':scheme', 'https')
            .set(':method', 'PUT')
            .set('x-envoy-foo', '1'),
      },
      { mutationRules: rules },
    );
    const res = await runExchange(processor, { envoy: { mutationRules: rules } });
    expect(res.violations).toEqual([]);
    expect(res.stats.rejected_header_mutations).toBe(0);
    const up = res.upstream?.headers;
    expect([up?.get(':authority'), up?.get(':scheme'), up?.get(':method'), up?.get('x-envoy-foo')]).toEqual([
      'b.example',
      'https',
      'PUT',
      '1',
    ]);
  });

  // BUG (§6.3 "Value checks: host/:authority must be a valid authority, :scheme valid"): with
  // allow_all_routing, attache checks no value of :authority/:scheme, so an invalid one goes on
  // the wire; Envoy ignores it and counts a rejected mutation (kit: refused-header-mutation).
  it('§18.48 with allow_all_routing, an invalid :authority or :scheme value is refused at the API', async () => {
    const rules = { allowAllRouting: true };
    for (const [name, value] of [
      [':authority', 'evil example'],
      [':scheme', 'ftp'],
    ] as const) {
      const { processor, log } = await processorOf(
        { requestHeaders: (ctx) => void ctx.mutate.set(name, value) },
        { mutationRules: rules, failure: 'open' },
      );
      const res = await runExchange(processor, { envoy: { mutationRules: rules } });
      expect(res.violations).toEqual([]);
      expect(res.stats.rejected_header_mutations).toBe(0);
      expect([MUTATION_REFUSED, INVALID_HEADER]).toContain(loggedCodes(log)[0]?.[1]);
    }
  });

  it('§18.49 removing :path, host, :status or x-envoy-* is refused at the API; other removals apply', async () => {
    let reqCodes: string[] = [];
    let respCodes: string[] = [];
    const { processor } = await processorOf({
      requestHeaders: (ctx) => {
        reqCodes = [':path', 'host', ':authority', 'x-gone'].map((n) => codeOf(() => ctx.mutate.remove(n)));
      },
      responseHeaders: (ctx) => {
        respCodes = [':status', 'x-envoy-upstream-service-time'].map((n) =>
          codeOf(() => ctx.mutate.remove(n)),
        );
      },
    });
    const res = await runExchange(processor, {
      envoy: { mutationRules: { disallowIsError: true } },
      request: { path: '/keep', headers: { 'x-gone': '1' } },
    });
    expect(reqCodes).toEqual([MUTATION_REFUSED, MUTATION_REFUSED, MUTATION_REFUSED, 'none']);
    expect(respCodes).toEqual([MUTATION_REFUSED, MUTATION_REFUSED]);
    expect(res.violations).toEqual([]);
    expect(res.stats.rejected_header_mutations).toBe(0);
    expect(res.downstream.status).toBe(200);
    expect(res.upstream?.headers.get(':path')).toBe('/keep');
    expect(res.upstream?.headers.has('x-gone')).toBe(false);
    expect(res.downstream.headers.has('x-envoy-upstream-service-time')).toBe(true);

    const uncaught = await processorOf({ requestHeaders: (ctx) => void ctx.mutate.remove(':path') });
    const u = await runExchange(uncaught.processor, {});
    expect(u.violations).toEqual([]);
    expect(u.downstream).toMatchObject({ status: 500, details: 'attache_plugin_error{p}' });
    expect(loggedCodes(uncaught.log)).toEqual([['p', MUTATION_REFUSED]]);
  });

  it('§18.50 CR/LF/NUL in a value or an invalid name is refused at the API (INVALID_HEADER), also in respond(); never Envoy’s invalid-character 500', async () => {
    let codes: string[] = [];
    const { processor } = await processorOf({
      requestHeaders: (ctx) => {
        codes = [
          codeOf(() => ctx.mutate.set('x-bad', 'a\r\nb')),
          codeOf(() => ctx.mutate.set('x-bad', 'a\nb')),
          codeOf(() => ctx.mutate.append('x-bad', new Uint8Array([0x61, 0x0d]))),
          codeOf(() => ctx.mutate.set('x-bad', new Uint8Array([0x61, 0x00]))),
          codeOf(() => ctx.mutate.set('bad name', 'v')),
          codeOf(() => ctx.mutate.set('x:y', 'v')),
          codeOf(() => ctx.mutate.set('', 'v')),
          codeOf(() => ctx.mutate.remove('bad name')),
          codeOf(() => respond(403, { headers: { 'x-bad': 'a\r\nb' } })),
          codeOf(() => ctx.mutate.set('x-ok', 'fine\tvalue')),
        ];
      },
    });
    const res = await runExchange(processor, {});
    expect(codes).toEqual([...Array(9).fill(INVALID_HEADER), 'none']);
    expect(res.violations).toEqual([]);
    expect(res.downstream.status).toBe(200);
    expect(res.upstream?.headers.get('x-ok')).toBe('fine\tvalue');
    expect(res.upstream?.headers.has('x-bad')).toBe(false);

    const uncaught = await processorOf({ requestHeaders: (ctx) => void ctx.mutate.set('x-bad', 'a\r\nb') });
    const u = await runExchange(uncaught.processor, {});
    expect(u.violations).toEqual([]);
    expect(u.downstream).toMatchObject({ status: 500, details: 'attache_plugin_error{p}' });
    expect(loggedCodes(uncaught.log)).toEqual([['p', INVALID_HEADER]]);
  });

  // BUG (§6.1: the value is "validated as an HTTP field value (obs-text allowed)"; invalid ⇒ whole
  // reply rejected): attache refuses only NUL/CR/LF, so other control bytes (0x01, DEL) reach
  // Envoy, which rejects the reply with 500 header_mutation_set_contains_invalid_character even
  // under failure: 'open' (and silently drops such a header from an ImmediateResponse).
  it('§18.50 other control characters (0x01, DEL) in a value are refused at the API too', async () => {
    for (const value of ['a\x01b', 'a\x7fb']) {
      const { processor, log } = await processorOf(
        { requestHeaders: (ctx) => void ctx.mutate.set('x-ctl', value) },
        { failure: 'open' },
      );
      const res = await runExchange(processor, {});
      expect(res.violations).toEqual([]);
      expect(res.downstream.status).toBe(200);
      expect(loggedCodes(log)).toEqual([['p', INVALID_HEADER]]);
    }
  });

  it('§18.51 :status "299" in response_headers is applied; "abc", "99", appending or a request :status are refused at the API', async () => {
    let codes: string[] = [];
    let requestCode = '';
    const { processor } = await processorOf({
      requestHeaders: (ctx) => {
        requestCode = codeOf(() => ctx.mutate.set(':status', '200'));
      },
      responseHeaders: (ctx) => {
        codes = [
          codeOf(() => ctx.mutate.set(':status', 'abc')),
          codeOf(() => ctx.mutate.set(':status', '99')),
          codeOf(() => ctx.mutate.append(':status', '201')),
          codeOf(() => ctx.mutate.set(':status', '299')),
        ];
      },
    });
    const res = await runExchange(processor, {});
    expect(requestCode).toBe(MUTATION_REFUSED);
    expect(codes).toEqual([MUTATION_REFUSED, MUTATION_REFUSED, MUTATION_REFUSED, 'none']);
    expect(res.violations).toEqual([]);
    expect(res.stats.rejected_header_mutations).toBe(0);
    expect(res.downstream.status).toBe(299);
  });

  it('§18.52 more than max_headers_count (100) headers is refused when the phase ends (MUTATION_REFUSED, blamed on the last mutator); exactly 100 passes', async () => {
    // The kit's request carries 6 headers (4 pseudo-headers, x-forwarded-proto, x-request-id).
    const setMany = (n: number, prefix: string) =>
      plugin(
        {
          requestHeaders: (ctx) => {
            for (let i = 0; i < n; i++) ctx.mutate.set(`x-${prefix}${i}`, 'v');
          },
        },
        prefix,
      );
    const fits = await createProcessor({ plugins: [{ plugin: setMany(94, 'a') }] });
    const f = await runExchange(fits, {});
    expect(f.violations).toEqual([]);
    expect(f.upstream?.headers.size).toBe(100);

    const log = (await processorOf({})).log;
    const over = await createProcessor({
      plugins: [{ plugin: setMany(50, 'a') }, { plugin: setMany(51, 'b') }],
      log,
    });
    const o = await runExchange(over, {});
    expect(o.violations).toEqual([]);
    expect(o.stats.rejected_header_mutations).toBe(0);
    expect(o.downstream).toMatchObject({ status: 500, details: 'attache_plugin_error{b}' });
    expect(loggedCodes(log)).toEqual([['b', MUTATION_REFUSED]]);

    // A removal always reaches Envoy, seen or not (forward_rules may hide the header from
    // attache), so removals count against the limit too: 100 pass, 101 are refused.
    const removing = async (n: number) =>
      processorOf({
        requestHeaders: (ctx) => {
          for (let i = 0; i < n; i++) ctx.mutate.remove(`x-absent${i}`);
        },
      });
    const hundred = await runExchange((await removing(100)).processor, {});
    expect(hundred.violations).toEqual([]);
    expect(hundred.upstream?.headers.size).toBe(6);
    const tooMany = await removing(101);
    const r = await runExchange(tooMany.processor, {});
    expect(r.violations).toEqual([]);
    expect(r.downstream).toMatchObject({ status: 500, details: 'attache_plugin_error{p}' });
    expect(loggedCodes(tooMany.log)).toEqual([['p', MUTATION_REFUSED]]);
  });

  // BUG (§6.3: "a result exceeding max header bytes/count (HCM defaults 60 KiB / 100) ⇒
  // rejected ⇒ local reply"): attache checks only the count, so a 61 KiB value reaches Envoy,
  // which answers 500 header_mutation_result_exceeds_limit even under failure: 'open' (§7:
  // mutation errors are always fail-closed).
  it('§18.52 a result over the 60 KiB header size limit is refused by attache, not by Envoy', async () => {
    const { processor, log } = await processorOf(
      { requestHeaders: (ctx) => void ctx.mutate.set('x-big', 'v'.repeat(61 * 1024)) },
      { failure: 'open' },
    );
    const res = await runExchange(processor, {});
    expect(res.violations).toEqual([]);
    expect(res.downstream.status).toBe(200);
    expect(loggedCodes(log)[0]?.[1]).toBe(MUTATION_REFUSED);
  });

  it('§18.54 attache never sets clear_route_cache: a :path rewrite does not re-route unless the filter uses route_cache_action CLEAR', async () => {
    // attache exposes no clear_route_cache; re-routing after a header change needs the filter's
    // route_cache_action: CLEAR (which Envoy applies to request-direction mutations only).
    const { processor } = await processorOf({
      requestHeaders: (ctx) => void ctx.mutate.set(':path', '/v2/x'),
      responseHeaders: (ctx) => void ctx.mutate.set('x-resp', '1'),
    });
    const dflt = await runExchange(processor, {});
    expect(dflt.violations).toEqual([]);
    expect(dflt.received.map((m) => commonOf(m)?.clearRouteCache ?? false)).toEqual([false, false]);
    expect(dflt.routeCacheClears).toBe(0);
    expect(dflt.stats.clear_route_cache_ignored).toBe(0);
    expect(dflt.upstream?.headers.get(':path')).toBe('/v2/x');

    const clear = await runExchange(processor, { envoy: { routeCacheAction: 'CLEAR' } });
    expect(clear.violations).toEqual([]);
    expect(receivedKinds(clear)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(clear.routeCacheClears).toBe(1);
  });
});
