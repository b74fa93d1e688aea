import { describe, expect, it } from 'vitest';
import { run } from '../../test/support/transform-exchange.js';

/** Renders each template as a request header and returns the values the upstream got. */
async function render(
  templates: Record<string, string>,
  headers: Record<string, string> | Array<[string, string]> = {},
  extra: Record<string, unknown> = {},
  spec: Record<string, unknown> = {},
): Promise<Record<string, string | undefined>> {
  const r = await run({ request: { set: templates }, ...extra }, { request: { headers }, ...spec });
  expect(r.violations).toEqual([]);
  return Object.fromEntries(Object.keys(templates).map((k) => [k, r.upstream?.headers.get(k)]));
}

describe('transform: helpers', () => {
  it('header names are case-insensitive', async () => {
    expect(await render({ 'x-out': '{{header "X-User-ID"}}' }, { 'x-user-id': 'u1' })).toEqual({
      'x-out': 'u1',
    });
  });

  it('cookie (exact name) and cookieIgnoreCase, quoted values, several Cookie headers', async () => {
    const out = await render(
      {
        'x-a': '{{cookie "session"}}',
        'x-b': '{{cookie "Session"}}',
        'x-c': '{{cookieIgnoreCase "THEME"}}',
        'x-d': '{{cookie "q"}}',
        'x-e': '{{cookie "late"}}',
      },
      [
        ['cookie', 'session=abc; Theme=dark; q="quoted v"'],
        ['cookie', 'late=1'],
      ],
    );
    expect(out).toEqual({ 'x-a': 'abc', 'x-b': undefined, 'x-c': 'dark', 'x-d': 'quoted v', 'x-e': '1' });
  });

  it('env reads only allow-listed variables, captured at start', async () => {
    process.env.TRANSFORM_TEST_REGION = 'eu-west';
    const out = await render(
      { 'x-region': '{{env "TRANSFORM_TEST_REGION"}}', 'x-unset': 'v{{env "TRANSFORM_TEST_UNSET"}}' },
      {},
      { env: ['TRANSFORM_TEST_REGION', 'TRANSFORM_TEST_UNSET'] },
    );
    expect(out).toEqual({ 'x-region': 'eu-west', 'x-unset': 'v' });
  });

  it('substring in characters, with and without a length', async () => {
    const out = await render(
      {
        'x-a': '{{substring (header "x-s") 2 3}}',
        'x-b': '{{substring (header "x-s") 4}}',
        'x-c': '{{substring "héllo→ok" 4 2}}',
        'x-d': '{{substring (header "x-s") 99}}',
      },
      { 'x-s': 'abcdefg' },
    );
    expect(out).toEqual({ 'x-a': 'cde', 'x-b': 'efg', 'x-c': 'o→', 'x-d': undefined });
  });

  it('replace is literal (no regex) and replaces every occurrence', async () => {
    const out = await render({ 'x-a': '{{replace (header "x-s") "." "[.]"}}' }, { 'x-s': 'a.b.c' });
    expect(out).toEqual({ 'x-a': 'a[.]b[.]c' });
  });

  it('randomReplace draws a new 128-bit value per request, the same one within a request', async () => {
    const templates = { 'x-a': '{{randomReplace "id-RND" "RND"}}', 'x-b': '{{randomReplace "RND" "RND"}}' };
    const one = await render(templates);
    const two = await render(templates);
    expect(one['x-a']).toMatch(/^id-[A-Za-z0-9+/]{22}==$/);
    expect(one['x-a']).toBe(`id-${one['x-b']}`);
    expect(two['x-a']).not.toBe(one['x-a']);
  });

  it('base64 and base64url encode and decode; invalid input decodes to empty', async () => {
    const out = await render(
      {
        'x-a': '{{base64Encode "héllo?>"}}',
        'x-b': '{{base64Decode (base64Encode "héllo?>")}}',
        'x-c': '{{base64UrlEncode "héllo?>"}}',
        'x-d': '{{base64UrlDecode (base64UrlEncode "héllo?>")}}',
        'x-e': 'v{{base64Decode "not base64!"}}',
        'x-f': 'v{{base64Decode "//79"}}',
      },
      {},
    );
    expect(out).toEqual({
      'x-a': Buffer.from('héllo?>').toString('base64'),
      'x-b': 'héllo?>',
      'x-c': Buffer.from('héllo?>').toString('base64url'),
      'x-d': 'héllo?>',
      'x-e': 'v',
      'x-f': 'v', // decodes to bytes that are not UTF-8
    });
  });

  it('regex extracts a group (default 1), a numbered or named group, or empty without a match', async () => {
    const out = await render(
      {
        'x-token': '{{regex (header "authorization") "^Bearer (\\S+)$"}}',
        'x-whole': '{{regex (header "x-v") "[0-9]+"}}',
        'x-minor': '{{regex (header "x-v") "v(\\d+)\\.(\\d+)" 2}}',
        'x-named': '{{regex (header "x-v") "v(?P<major>\\d+)" "major"}}',
        'x-none': 'v{{regex (header "x-v") "^nomatch(.*)"}}',
      },
      { authorization: 'Bearer t0k.en', 'x-v': 'api-v12.4' },
    );
    expect(out).toEqual({
      'x-token': 't0k.en',
      'x-whole': '12',
      'x-minor': '4',
      'x-named': '12',
      'x-none': 'v',
    });
  });

  it('regex runs in linear time on a pattern that backtracks catastrophically in RegExp', async () => {
    // (a+)+$ on "aaaa…!" takes exponential time in a backtracking engine; RE2JS answers at once.
    const out = await render(
      { 'x-m': 'm{{regex (header "x-s") "^(a+)+$"}}' },
      { 'x-s': `${'a'.repeat(5000)}!` },
    );
    expect(out).toEqual({ 'x-m': 'm' });
  });

  it('metadata and attribute read what Envoy forwards', async () => {
    const out = await render(
      { 'x-tier': '{{metadata "auth" "tier"}}', 'x-path': '{{attribute "request.path"}}' },
      {},
      {},
      {
        envoy: {
          metadataOptions: { forwardingNamespaces: { untyped: ['auth'] } },
          requestAttributes: ['request.path'],
        },
        dynamicMetadata: { auth: { tier: 'gold' } },
        request: { path: '/p/1' },
      },
    );
    expect(out).toEqual({ 'x-tier': 'gold', 'x-path': '/p/1' });
  });

  it('logic and string helpers: eq, ne, and, or, not, default, lower, upper, trim, concat', async () => {
    const out = await render(
      {
        'x-a': '{{#if (and (eq (header "x-a") "1") (ne (header "x-b") "1"))}}yes{{else}}no{{/if}}',
        'x-b': '{{#if (or (not (header "x-a")) (eq 1 1))}}yes{{/if}}',
        'x-c': '{{default (header "x-none") (header "x-b") "z"}}',
        'x-d': '{{upper (lower "MiXed")}}-{{trim "  t  "}}-{{concat "a" 1 "b"}}',
      },
      { 'x-a': '1', 'x-b': '2' },
    );
    expect(out).toEqual({ 'x-a': 'yes', 'x-b': 'yes', 'x-c': '2', 'x-d': 'MIXED-t-a1b' });
  });

  it('templates reach body fields, @root and lookup, but nothing of the prototypes', async () => {
    const r = await run(
      {
        request: {
          body: { parseAs: 'json' },
          set: {
            'x-root': '{{#each items}}{{#if @first}}{{@root.user.id}}:{{this}}{{/if}}{{/each}}',
            'x-lookup': '{{lookup user "id"}}-{{lookup items 1}}',
            'x-proto':
              'p{{constructor}}{{user.constructor}}{{lookup user "constructor"}}{{__proto__}}{{user.__proto__}}',
            'x-fn': 'f{{user.toString}}{{items.constructor.name}}',
          },
        },
      },
      {
        envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
        request: { method: 'POST', body: JSON.stringify({ user: { id: 'u1' }, items: ['a', 'b'] }) },
      },
    );
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get('x-root')).toBe('u1:a');
    expect(r.upstream?.headers.get('x-lookup')).toBe('u1-b');
    expect(r.upstream?.headers.get('x-proto')).toBe('p');
    expect(r.upstream?.headers.get('x-fn')).toBe('f');
  });

  it('regexMaxInput bounds the regex input: longer is a failure', async () => {
    const options = {
      request: { set: { 'x-m': '{{regex (header "x-s") "(a+)"}}' } },
      regexMaxInput: 8,
      onError: 'reject',
    };
    const short = await run(options, { request: { headers: { 'x-s': 'baab' } } });
    expect(short.upstream?.headers.get('x-m')).toBe('aa');
    const long = await run(options, { request: { headers: { 'x-s': 'b'.repeat(9) } } });
    expect(long.downstream.status).toBe(400);
  });

  it('response templates read request cookies; metadata goes to metadataNamespace', async () => {
    const r = await run(
      {
        response: { set: { 'x-theme': '{{cookie "theme"}}' }, metadata: { status: '{{header ":status"}}' } },
        metadataNamespace: 'acme.edge',
      },
      {
        envoy: { metadataOptions: { receivingNamespaces: { untyped: ['acme.edge'] } } },
        request: { headers: { cookie: 'theme=dark' } },
        upstream: { status: 201 },
      },
    );
    expect(r.violations).toEqual([]);
    expect(r.downstream.headers.get('x-theme')).toBe('dark');
    expect(r.dynamicMetadata).toEqual({ 'acme.edge': { status: '201' } });
  });
});
