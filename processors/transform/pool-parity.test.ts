/**
 * transform renders bodies from its worker threshold on in the pool, over a snapshot of what the
 * templates read, and smaller ones inline over the live stream. The same generated exchanges
 * (JSON bodies with quotes, backslashes, controls, non-ASCII, large arrays; repeated and
 * non-UTF-8 headers; forwarded metadata; attributes; both directions; Handlebars and JSONata;
 * failures under both onError modes) through threshold 0 (every body in the pool) and threshold
 * 2^30 (every body inline) must give the same replies, byte for byte.
 */
import { createProcessor, type Processor } from 'attache-extproc';
import type { ExchangeResult, ExchangeSpec } from 'attache-extproc/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { workerPoolStats } from '../../src/workers/pool.js';
import { exchange, MODES, withJsonataBudget } from '../../test/support/transform-exchange.js';
import transform from './index.js';

const made: Processor[] = [];
afterAll(async () => {
  for (const p of made) await p.close();
});

type Mode = 'BUFFERED' | 'STREAMED';

async function processor(
  name: string,
  options: object,
  workerThreshold: number,
  mode: Mode = 'BUFFERED',
): Promise<Processor> {
  const p = await createProcessor({
    plugins: [{ plugin: transform, name, options: withJsonataBudget({ ...options, workerThreshold }) }],
    // attache is told the filter's mode, as a config would (streamed bodies end with trailers).
    processingMode: MODES[mode],
    timeoutMs: 8000,
    messageTimeoutMs: 9000,
  });
  made.push(p);
  return p;
}

/** Pool tasks that finished (any outcome) for `name`. */
function poolTasks(name: string): number {
  const t = workerPoolStats().plugins[name]?.tasks;
  return t === undefined ? 0 : Object.values(t).reduce((a, b) => a + b, 0);
}

/** Strings that break naive text handling: quotes, backslashes, controls, non-ASCII, surrogates. */
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', 'é', '→', '😀', '{{'),
    fc.constantFrom('\ud800', '\udfff'),
    fc.string({ unit: 'binary', maxLength: 1 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 1 }),
  ),
  maxLength: 24,
});

const item = fc.record({
  sku: nasty,
  qty: fc.integer({ min: -5, max: 1000 }),
  price: fc.double({ noNaN: true }),
});

/** A JSON body: mostly an order-like object, sometimes any JSON, sometimes not JSON at all. */
const body = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        user: fc.record({ name: nasty, id: fc.oneof(fc.integer(), nasty) }),
        items: fc.array(item, { maxLength: 40 }),
        note: fc.option(nasty),
        extra: fc.jsonValue({ maxDepth: 3 }),
      })
      .map((o) => Buffer.from(JSON.stringify(o))),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v))) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
);

/** Header values Envoy accepts: visible ASCII, spaces, non-ASCII text, or raw obs-text bytes. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', ',', '"', '\\', ';', '=', 'é', '→'), maxLength: 12 }),
  fc.uint8Array({ minLength: 1, maxLength: 6 }).map((b) => b.map((x) => 0x80 | x)),
);
/** Headers with repeated names (order kept). */
const headers = fc.array(fc.tuple(fc.constantFrom('x-a', 'x-b', 'cookie', 'x-tenant'), headerValue), {
  maxLength: 8,
});

const input = fc.record({
  mode: fc.constantFrom<Mode>('BUFFERED', 'STREAMED'),
  requestHeaders: headers,
  requestBody: body,
  responseHeaders: headers,
  responseBody: body,
  tier: fc.option(nasty),
  path: fc.constantFrom('/orders/1', '/a?b=c', '/é'),
});
type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;

function spec(i: Input): ExchangeSpec {
  const typed = (h: Input['requestHeaders']) => [['content-type', 'application/json'] as const, ...h];
  return {
    envoy: {
      processingMode: MODES[i.mode],
      metadataOptions: {
        forwardingNamespaces: { untyped: ['auth'] },
        receivingNamespaces: { untyped: ['t'] },
      },
      requestAttributes: ['request.path', 'request.method'],
      responseAttributes: ['response.code'],
    },
    dynamicMetadata: i.tier === null ? {} : { auth: { tier: i.tier, level: 3 } },
    request: { method: 'POST', path: i.path, headers: typed(i.requestHeaders), body: i.requestBody },
    upstream: () => ({ status: 200, headers: typed(i.responseHeaders), body: i.responseBody }),
  };
}

/** Headers Envoy adds per exchange (a fresh request id, a timing): not the processor's doing. */
const PER_EXCHANGE = new Set(['x-request-id', 'x-envoy-upstream-service-time']);

/** Everything the kit saw, with bytes as hex: the replies, what each side received, the metadata. */
function observed(r: ExchangeResult): string {
  const all = JSON.parse(
    JSON.stringify(
      {
        received: r.received,
        upstream: r.upstream,
        downstream: r.downstream,
        dynamicMetadata: r.dynamicMetadata,
        violations: r.violations,
      },
      (_k, v) =>
        v instanceof Uint8Array || (v?.type === 'Buffer' && Array.isArray(v.data))
          ? `bytes:${Buffer.from(v instanceof Uint8Array ? v : v.data).toString('hex')}`
          : v,
    ),
  );
  for (const side of [all.upstream, all.downstream]) {
    if (side?.headers) side.headers = side.headers.filter(([n]: [string]) => !PER_EXCHANGE.has(n));
  }
  return JSON.stringify(all);
}

const CONFIGS: Record<string, object> = {
  handlebars: {
    metadataNamespace: 't',
    request: {
      set: {
        'x-user': '{{rawString user.name}}',
        'x-a2': '{{join (headers "x-a") "|"}}',
        'x-b2': '{{header "x-b"}}',
      },
      add: { 'x-count': '{{items.length}}' },
      remove: ['x-tenant'],
      body: {
        parseAs: 'json',
        value:
          '{"id": {{jsonEscape user.id}}, "name": {{jsonEscape user.name}}, "tier": {{jsonEscape (metadata "auth" "tier")}}, "path": {{jsonEscape (attribute "request.path")}}, "skus": [{{#each items}}{{#unless @first}},{{/unless}}{{jsonEscape sku}}{{/each}}], "cookie": {{jsonEscape (cookie "k")}}, "note": "{{rawString note}}", "a": {{jsonEscape (header "x-a")}}, "bs": {{jsonEscape (headers "x-b")}}}',
      },
      metadata: { first: '{{json "items.0.sku"}}', tenant: '{{header "x-tenant"}}' },
    },
    response: {
      set: { 'x-req-a': '{{requestHeader "x-a"}}', 'x-n': '{{json "user.id"}}' },
      status: '{{#if items.length}}{{#if (eq (json "items.0.qty") 7)}}203{{/if}}{{/if}}',
      body: {
        parseAs: 'json',
        value:
          '[{{jsonEscape (requestHeader "x-b")}}, {{jsonEscape (cookieIgnoreCase "K")}}, {{jsonEscape (attribute "response.code")}}, {{jsonEscape extra}}]',
      },
      metadata: { code: '{{attribute "response.code"}}', name: '{{rawString user.name}}' },
    },
  },
  jsonata: {
    onError: 'reject',
    metadataNamespace: 't',
    request: {
      set: { 'x-first': '{{json "items.0.sku"}}' },
      body: {
        parseAs: 'json',
        jsonata:
          '{ "n": $count(items), "skus": items.sku, "total": $sum(items.(qty * price)), "a": $header("x-a"), "tier": $metadata("auth", "tier"), "m": $attribute("request.method"), "u": $uppercase(user.name) }',
      },
    },
    response: {
      body: {
        parseAs: 'json',
        jsonata:
          '{ "req": $requestHeader("x-b"), "code": $attribute("response.code"), "e": extra, "k": $keys($) }',
      },
      metadata: { items: '{{items.length}}' },
    },
  },
  strings: {
    onError: 'reject',
    rejectStatus: 422,
    missing: 'error',
    request: {
      body: { parseAs: 'string', value: '{{upper (body)}}|{{header "x-a"}}|{{metadata "auth" "tier"}}' },
      set: { 'x-len': '{{substring (body) 0 3}}' },
    },
    response: {
      body: { parseAs: 'none', value: '{{base64Encode (body)}}:{{cookie "k"}}' },
      add: { 'x-r': '{{regex (body) "([a-z]+)"}}' },
    },
  },
  passthrough: {
    missing: 'error',
    request: {
      body: {
        parseAs: 'json',
        value: '{"x": {{jsonEscape user.name}}, "t": {{jsonEscape (metadata "auth" "tier")}}}',
      },
    },
    response: {
      set: { 'x-e': '{{json "extra.k"}}' },
      body: { parseAs: 'json', jsonata: 'items[qty > 3].sku' },
    },
  },
};

describe('transform: pool and inline bodies are byte-identical', () => {
  for (const [name, options] of Object.entries(CONFIGS)) {
    it(`${name}: generated exchanges give the same replies both ways`, async () => {
      const both = async (mode: Mode) => ({
        inline: await processor(`${name}-inline`, options, 2 ** 30, mode),
        pooled: await processor(`${name}-pool`, options, 0, mode),
      });
      const modes = { BUFFERED: await both('BUFFERED'), STREAMED: await both('STREAMED') };
      let transformed = 0;
      await fc.assert(
        fc.asyncProperty(input, async (i) => {
          const before = { inline: poolTasks(`${name}-inline`), pooled: poolTasks(`${name}-pool`) };
          const a = await exchange(modes[i.mode].inline, spec(i));
          const b = await exchange(modes[i.mode].pooled, spec(i));
          expect(observed(b)).toBe(observed(a));
          expect(a.violations).toEqual([]);
          // Bodies went to the pool on one side (the request's at least), none on the other.
          if (i.requestBody.length > 0) expect(poolTasks(`${name}-pool`) - before.pooled).toBeGreaterThan(0);
          expect(poolTasks(`${name}-inline`)).toBe(before.inline);
          if (!a.upstream?.body.equals(i.requestBody)) transformed++;
        }),
        { numRuns: 25 },
      );
      // The comparison is not only between untouched messages.
      expect(transformed).toBeGreaterThan(5);
    });
  }

  it('a 1 MiB JSON array body gives the same replies both ways', async () => {
    const options = CONFIGS.handlebars as object;
    const inline = await processor('big-inline', options, 2 ** 30);
    const pooled = await processor('big-pool', options, 0);
    const items = Array.from({ length: 12_000 }, (_, n) => ({
      sku: `s"\\${n}é\u0001`,
      qty: n % 9,
      price: n / 7,
    }));
    const big = Buffer.from(
      JSON.stringify({ user: { name: 'A "b" \\ c', id: 7 }, items, note: 'n', extra: items }),
    );
    expect(big.length).toBeGreaterThan(1 << 20);
    const i: Input = {
      mode: 'BUFFERED',
      requestHeaders: [
        ['x-a', '1'],
        ['x-a', '2'],
        ['cookie', 'k=v; K=w'],
      ],
      requestBody: big,
      responseHeaders: [],
      responseBody: big,
      tier: 'gold',
      path: '/a?b=c',
    };
    const big8 = (): ExchangeSpec => {
      const s = spec(i);
      return { ...s, envoy: { ...s.envoy, bufferLimitBytes: 8 << 20 } };
    };
    const a = await exchange(inline, big8());
    const b = await exchange(pooled, big8());
    expect(a.violations).toEqual([]);
    expect(observed(b)).toBe(observed(a));
    expect(a.upstream?.body.toString()).toContain('"tier": "gold"');
  });
});
