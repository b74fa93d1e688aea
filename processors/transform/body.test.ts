import { describe, expect, it } from 'vitest';
import { MODES, run } from '../../test/support/transform-exchange.js';

const order = { user: { id: 'u-1', name: 'Ann' }, items: [{ price: 2 }, { price: 3.5 }] };
const JSON_HEADERS = { 'content-type': 'application/json' };

describe.each(Object.keys(MODES) as Array<keyof typeof MODES>)('transform bodies under %s', (mode) => {
  const envoy = { processingMode: MODES[mode] };

  it('reshapes a JSON request body with JSONata; content-length follows', async () => {
    const r = await run(
      { request: { body: { parseAs: 'json', jsonata: '{ "id": user.id, "total": $sum(items.price) }' } } },
      { envoy, request: { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(order) } },
    );
    expect(r.violations).toEqual([]);
    expect(JSON.parse(r.upstream?.body.toString() ?? '')).toEqual({ id: 'u-1', total: 5.5 });
    const length = r.upstream?.headers.get('content-length');
    if (length !== undefined) expect(Number(length)).toBe(r.upstream?.body.length);
  });

  it('reshapes a JSON response body with a Handlebars template', async () => {
    const r = await run(
      {
        response: {
          body: {
            parseAs: 'json',
            value:
              '{"name": {{jsonEscape user.name}}, "n": {{items.length}}, "first": {{jsonEscape (json "items.0.price")}}}',
          },
        },
      },
      { envoy, upstream: { headers: JSON_HEADERS, body: JSON.stringify(order) } },
    );
    expect(r.violations).toEqual([]);
    expect(JSON.parse(r.downstream.body.toString())).toEqual({ name: 'Ann', n: 2, first: 2 });
  });

  it('body text under parseAs string, in both directions', async () => {
    const r = await run(
      {
        request: { body: { parseAs: 'string', value: '<{{body}}>' } },
        response: { body: { parseAs: 'string', value: '{{upper (body)}}' } },
      },
      { envoy, request: { method: 'POST', body: 'héllo' }, upstream: (req) => ({ body: req.body }) },
    );
    expect(r.violations).toEqual([]);
    expect(r.upstream?.body.toString()).toBe('<héllo>');
    expect(r.downstream.body.toString()).toBe('<HÉLLO>');
  });

  it('an empty rendered body drops content-type where Envoy still holds the headers', async () => {
    const r = await run(
      { request: { body: { parseAs: 'none', value: '' } } },
      { envoy, request: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'gone' } },
    );
    expect(r.violations).toEqual([]);
    expect(r.upstream?.body.length).toBe(0);
    if (mode === 'BUFFERED') expect(r.upstream?.headers.has('content-type')).toBe(false);
  });

  it('a large (1 MiB) body is collected and transformed whole', async () => {
    const big = JSON.stringify({ data: 'x'.repeat(1024 * 1024), id: 7 });
    const r = await run(
      {
        request: { body: { parseAs: 'json', jsonata: '{ "id": id, "size": $length(data) }' } },
        jsonataTimeoutMs: 5000,
      },
      {
        // Envoy's buffer limit is 1 MiB by default; time limits are generous for a loaded machine.
        envoy: { ...envoy, bufferLimitBytes: 4 << 20, messageTimeoutMs: 10_000 },
        request: { method: 'POST', headers: JSON_HEADERS, body: big },
      },
      { timeoutMs: 5000, messageTimeoutMs: 8000 },
    );
    expect(r.violations).toEqual([]);
    expect(JSON.parse(r.upstream?.body.toString() ?? '')).toEqual({ id: 7, size: 1024 * 1024 });
  });
});

describe('transform: body rules', () => {
  const envoy = { processingMode: MODES.BUFFERED };

  it('header templates reading the body run after the body, in the body phase (BUFFERED)', async () => {
    const r = await run(
      {
        request: {
          body: { parseAs: 'json', jsonata: '{ "id": user.id }' },
          set: { 'x-user': '{{user.name}}', 'x-len': '{{json "items.length"}}' },
          metadata: { user: '{{json "user.id"}}' },
        },
      },
      {
        envoy: { ...envoy, metadataOptions: { receivingNamespaces: { untyped: ['transform'] } } },
        request: { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(order) },
      },
    );
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get('x-user')).toBe('Ann');
    expect(r.upstream?.headers.get('x-len')).toBe('2');
    expect(r.dynamicMetadata).toEqual({ transform: { user: 'u-1' } });
    expect(r.upstream?.headers.get('content-length')).toBe(String(r.upstream?.body.length));
  });

  it('a request without a body gets the body template rendered over an empty body', async () => {
    const r = await run(
      { request: { body: { parseAs: 'json', value: '{"from": {{jsonEscape (header "x-user")}}}' } } },
      { envoy, request: { method: 'GET', headers: { 'x-user': 'ann', 'content-type': 'application/json' } } },
    );
    expect(r.violations).toEqual([]);
    expect(r.upstream?.body.toString()).toBe('{"from": "ann"}');
  });

  it('a body is parsed once per message however many templates read it', async () => {
    const parse = JSON.parse;
    let calls = 0;
    JSON.parse = (...a: Parameters<typeof JSON.parse>) => {
      calls++;
      return parse(...a);
    };
    try {
      const r = await run(
        {
          request: {
            body: { parseAs: 'json', value: '{{jsonEscape user}}' },
            set: { 'x-a': '{{user.id}}', 'x-b': '{{json "user.name"}}', 'x-c': '{{jsonEscape (context)}}' },
          },
        },
        { envoy, request: { method: 'POST', body: JSON.stringify(order) } },
      );
      expect(r.violations).toEqual([]);
      expect(r.upstream?.headers.get('x-a')).toBe('u-1');
    } finally {
      JSON.parse = parse;
    }
    // The test kit itself parses nothing here; the transform parses the body once (no
    // content-type is JSON, so the output is not re-parsed to check it).
    expect(calls).toBe(1);
  });

  it('JSONata can read headers, metadata and attributes through bindings', async () => {
    const r = await run(
      {
        request: {
          body: {
            parseAs: 'json',
            jsonata: '{ "id": user.id, "tenant": $header("x-tenant"), "path": $attribute("request.path") }',
          },
        },
      },
      {
        envoy: { ...envoy, requestAttributes: ['request.path'] },
        request: { method: 'POST', path: '/o', headers: { 'x-tenant': 'acme' }, body: JSON.stringify(order) },
      },
    );
    expect(r.violations).toEqual([]);
    expect(JSON.parse(r.upstream?.body.toString() ?? '')).toEqual({ id: 'u-1', tenant: 'acme', path: '/o' });
  });

  it('JSONata regex literals run on RE2 (linear time)', async () => {
    const r = await run(
      { request: { body: { parseAs: 'json', jsonata: '{ "m": $contains(s, /^(a+)+$/) }' } } },
      { envoy, request: { method: 'POST', body: JSON.stringify({ s: `${'a'.repeat(5000)}!` }) } },
    );
    expect(r.violations).toEqual([]);
    expect(r.upstream?.body.toString()).toBe('{"m":false}');
  });
});
