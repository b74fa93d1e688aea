/**
 * The processor driven through the Envoy-faithful test kit, in-process: every reply is judged by
 * Envoy's rules (result.violations) and the effect is read where Envoy would apply it.
 */
import { describe, expect, it } from 'vitest';
import { AttacheError, ErrorCode } from './errors.js';
import type { PipelineEntry } from './pipeline/pipeline.js';
import { definePlugin } from './plugin/define-plugin.js';
import { respond } from './plugin/respond.js';
import type { Handlers } from './plugin/types.js';
import { createProcessor, type Processor } from './processor.js';
import { runExchange } from './testing/exchange.js';

function plugin(handlers: Handlers, name = 'p') {
  return definePlugin({ name, setup: () => handlers });
}

function processor(
  handlers: Handlers,
  entry: Partial<PipelineEntry> = {},
  timeoutMs = 100,
): Promise<Processor> {
  return createProcessor({ plugins: [{ plugin: plugin(handlers), ...entry }], timeoutMs });
}

const BUFFERED = { processingMode: { requestBodyMode: 'BUFFERED', responseBodyMode: 'BUFFERED' } } as const;

describe('headers', () => {
  it('sets, appends and removes request and response headers', async () => {
    const p = await processor({
      requestHeaders: (ctx) => {
        ctx.mutate.set('x-set', 'one').append('x-multi', 'b').remove('x-drop').set(':path', '/rewritten');
      },
      responseHeaders: (ctx) => {
        ctx.mutate.set('x-resp', 'yes').append('set-cookie', 'c=3').remove('server').set(':status', '299');
      },
    });
    const r = await runExchange(p, {
      request: {
        path: '/orig',
        headers: [
          ['x-multi', 'a'],
          ['x-drop', '1'],
          ['x-set', 'zero'],
        ],
      },
      upstream: {
        headers: [
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2'],
          ['server', 'up'],
        ],
      },
    });
    expect(r.violations).toEqual([]);
    const up = r.upstream?.headers;
    expect(up?.get(':path')).toBe('/rewritten');
    expect(up?.getAll('x-set')).toEqual(['one']);
    expect(up?.getAll('x-multi')).toEqual(['a', 'b']);
    expect(up?.has('x-drop')).toBe(false);
    expect(r.downstream.status).toBe(299);
    expect(r.downstream.headers.getAll('set-cookie')).toEqual(['a=1', 'b=2', 'c=3']);
    expect(r.downstream.headers.get('x-resp')).toBe('yes');
    expect(r.downstream.headers.has('server')).toBe(false);
  });

  it('keeps multi-valued and non-ASCII headers byte-exact', async () => {
    const obsText = Buffer.from([0x76, 0xe9, 0xff]);
    let seen: Buffer[] = [];
    const p = await processor({
      requestHeaders: (ctx) => {
        seen = ctx.headers.getRaw('x-bin');
        ctx.mutate.set('x-utf8', 'José ✓').append('x-bin', new Uint8Array([0x80, 0x81]));
      },
    });
    const r = await runExchange(p, {
      request: {
        headers: [
          ['x-bin', obsText],
          ['x-bin', 'plain'],
        ],
      },
    });
    expect(r.violations).toEqual([]);
    expect(seen.map((b) => [...b])).toEqual([[...obsText], [...Buffer.from('plain')]]);
    expect(r.upstream?.headers.get('x-utf8')).toBe('José ✓');
    expect(r.upstream?.headers.getRaw('x-bin').map((b) => [...b])).toEqual([
      [...obsText],
      [...Buffer.from('plain')],
      [0x80, 0x81],
    ]);
  });

  it('lets a later plugin see an earlier plugin’s changes', async () => {
    const first = plugin({ requestHeaders: (ctx) => void ctx.mutate.set('x-tenant', 'acme') }, 'first');
    const second = plugin(
      { requestHeaders: (ctx) => void ctx.mutate.set('x-seen', ctx.headers.get('x-tenant') ?? 'none') },
      'second',
    );
    const p = await createProcessor({ plugins: [{ plugin: first }, { plugin: second }] });
    const r = await runExchange(p, {});
    expect(r.upstream?.headers.get('x-seen')).toBe('acme');
  });

  it('refuses a mutation Envoy would refuse, at the plugin, and fails by the policy', async () => {
    let message = '';
    const p = await processor({
      requestHeaders: (ctx) => {
        try {
          ctx.mutate.set('host', 'evil.example');
        } catch (e) {
          message = (e as Error).message;
          throw e;
        }
      },
    });
    const r = await runExchange(p, {});
    expect(message).toMatch(/routing header host/);
    expect(r.downstream.status).toBe(500);
    expect(r.violations).toEqual([]);
  });
});

describe('buffered bodies', () => {
  it('replaces a request body and keeps content-length right', async () => {
    const p = await processor({
      requestBody: (ctx) => void ctx.mutate.replaceBody(`${ctx.body.text()} and more`),
    });
    const r = await runExchange(p, {
      envoy: BUFFERED,
      request: { method: 'POST', body: 'original', headers: { 'content-type': 'text/plain' } },
      upstream: (req) => ({ body: req.body }),
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.body.toString()).toBe('original and more');
    expect(r.upstream?.headers.get('content-length')).toBe('17');
  });

  it('replaces a response body and keeps content-length right', async () => {
    const p = await processor({
      responseBody: (ctx) => void ctx.mutate.replaceBody(JSON.stringify({ masked: true })),
    });
    const r = await runExchange(p, { envoy: BUFFERED, upstream: { body: '{"card":"4111111111111111"}' } });
    expect(r.violations).toEqual([]);
    expect(r.downstream.body.toString()).toBe('{"masked":true}');
    expect(r.downstream.headers.get('content-length')).toBe('15');
  });

  it('changes held headers from a body phase', async () => {
    const p = await processor({
      requestBody: (ctx) => void ctx.mutate.set('x-body-size', String(ctx.body.length)),
    });
    const r = await runExchange(p, { envoy: BUFFERED, request: { method: 'POST', body: 'abcd' } });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get('x-body-size')).toBe('4');
  });

  it('clears a body', async () => {
    const p = await processor({ requestBody: (ctx) => void ctx.mutate.clearBody() });
    const r = await runExchange(p, { envoy: BUFFERED, request: { method: 'POST', body: 'secret' } });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.body.length).toBe(0);
    expect(r.upstream?.headers.get('content-length')).toBe('0');
  });

  it('handles a 5 MiB buffered body', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x61);
    let seen = 0;
    const p = await processor({
      requestBody: (ctx) => {
        seen = ctx.body.length;
        ctx.mutate.replaceBody(Buffer.concat([ctx.body.bytes(), Buffer.from('!')]));
      },
    });
    const r = await runExchange(p, {
      envoy: { ...BUFFERED, bufferLimitBytes: 8 * 1024 * 1024 },
      request: { method: 'POST', body: big },
    });
    expect(r.violations).toEqual([]);
    expect(seen).toBe(big.length);
    expect(r.upstream?.body.length).toBe(big.length + 1);
    expect(r.upstream?.headers.get('content-length')).toBe(String(big.length + 1));
  });

  it('handles a 50 MiB buffered body within the default message limit', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x7a);
    const p = await processor({
      requestBody: (ctx) => void ctx.mutate.set('x-size', String(ctx.body.length)),
    });
    const r = await runExchange(p, {
      envoy: { ...BUFFERED, bufferLimitBytes: 64 * 1024 * 1024, messageTimeoutMs: 5000 },
      request: { method: 'POST', body: big },
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get('x-size')).toBe(String(big.length));
    expect(r.upstream?.body.length).toBe(big.length);
  });

  it('turns invalid UTF-8 and broken JSON into the failure policy, with a clear error', async () => {
    const errors: string[] = [];
    const p = await processor(
      {
        requestBody: (ctx) => {
          try {
            ctx.body.json();
          } catch (e) {
            errors.push((e as Error).message);
            throw e;
          }
        },
      },
      { failure: 'open' },
    );
    const bad = await runExchange(p, {
      envoy: BUFFERED,
      request: { method: 'POST', body: Buffer.from([0xff, 0xfe]) },
    });
    const broken = await runExchange(p, { envoy: BUFFERED, request: { method: 'POST', body: '{"a":' } });
    expect(errors[0]).toBe('body is not valid UTF-8');
    expect(errors[1]).toMatch(/^body is not valid JSON/);
    // fail-open: both pass through unchanged.
    expect(bad.upstream?.body).toEqual(Buffer.from([0xff, 0xfe]));
    expect(broken.upstream?.body.toString()).toBe('{"a":');
  });
});

describe('immediate responses', () => {
  const phases = [
    'requestHeaders',
    'requestBody',
    'requestTrailers',
    'responseHeaders',
    'responseBody',
    'responseTrailers',
  ] as const;
  for (const phase of phases) {
    it(`stops the exchange from ${phase}`, async () => {
      const p = await processor({
        [phase]: () => respond(418, { headers: { 'x-why': phase }, body: `from ${phase}` }),
      });
      const r = await runExchange(p, {
        envoy: {
          processingMode: {
            requestBodyMode: 'BUFFERED',
            responseBodyMode: 'BUFFERED',
            requestTrailerMode: 'SEND',
            responseTrailerMode: 'SEND',
          },
        },
        request: { method: 'POST', body: 'b', trailers: { 'x-t': '1' } },
        upstream: { body: 'resp', trailers: { 'x-rt': '1' } },
      });
      expect(r.violations).toEqual([]);
      // Under BUFFERED, Envoy still holds the response headers in every phase, so it can answer.
      expect(r.downstream.status).toBe(418);
      expect(r.downstream.body.toString()).toBe(`from ${phase}`);
      expect(r.downstream.headers.get('x-why')).toBe(phase);
      if (phase.startsWith('request')) expect(r.upstream?.complete ?? false).toBe(false);
    });
  }

  it('resets the stream when the response has already started (§5.4)', async () => {
    const p = await processor({ responseTrailers: () => respond(418) });
    const r = await runExchange(p, {
      envoy: { processingMode: { responseTrailerMode: 'SEND' } },
      // on-idle: the trailers arrive after the headers reply, so headers and body are already
      // downstream (with eager pacing Envoy would still hold them and could answer).
      upstream: { body: 'resp', trailers: { 'x-rt': '1' }, pacing: 'on-idle' },
    });
    expect(r.violations).toEqual([]);
    expect(r.downstream.reset).toBe(true);
  });

  it('writes dynamic metadata Envoy keeps for configured namespaces only', async () => {
    const p = await processor({
      requestHeaders: (ctx) => {
        ctx.setMetadata('allowed', { tenant: 'acme', n: 2 });
        ctx.setMetadata('other', { x: true });
      },
    });
    const r = await runExchange(p, {
      envoy: { metadataOptions: { receivingNamespaces: { untyped: ['allowed'] } } },
    });
    // The kit reports the namespace Envoy drops: a server writing it is probably misconfigured.
    expect(r.violations.map((v) => v.kind)).toEqual(['ignored-dynamic-metadata']);
    expect(r.dynamicMetadata).toEqual({ allowed: { tenant: 'acme', n: 2 } });
  });
});

describe('CONTINUE_AND_REPLACE', () => {
  it('turns a GET into a POST with a new body, without content-length, and stops request processing', async () => {
    let bodyCalls = 0;
    const p = await processor({
      requestHeaders: (ctx) =>
        void ctx.mutate.set(':method', 'POST').set('content-type', 'application/json').replaceBody('{"q":1}'),
      requestBody: () => void bodyCalls++,
      responseHeaders: (ctx) => void ctx.mutate.set('x-resp', 'still processed'),
    });
    const r = await runExchange(p, { envoy: BUFFERED, request: { method: 'GET' } });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get(':method')).toBe('POST');
    expect(r.upstream?.body.toString()).toBe('{"q":1}');
    expect(r.upstream?.headers.has('content-length')).toBe(false);
    expect(bodyCalls).toBe(0);
    expect(r.downstream.headers.get('x-resp')).toBe('still processed');
  });
});

describe('trailers', () => {
  it('changes request and response trailers', async () => {
    const p = await processor({
      requestTrailers: (ctx) => void ctx.mutate.set('x-checksum', 'ok').remove('x-secret'),
      responseTrailers: (ctx) => void ctx.mutate.append('grpc-message', 'hi'),
    });
    const r = await runExchange(p, {
      envoy: { processingMode: { requestTrailerMode: 'SEND', responseTrailerMode: 'SEND' } },
      request: { method: 'POST', body: 'x', trailers: { 'x-secret': 's', 'x-keep': 'k' } },
      upstream: { body: 'y', trailers: { 'grpc-status': '0' } },
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.trailers?.get('x-checksum')).toBe('ok');
    expect(r.upstream?.trailers?.has('x-secret')).toBe(false);
    expect(r.upstream?.trailers?.get('x-keep')).toBe('k');
    expect(r.downstream.trailers?.get('grpc-message')).toBe('hi');
  });
});

describe('mode_override', () => {
  it('refuses overrideMode at the call when allowModeOverride is off (Envoy would ignore it), and sends none', async () => {
    let caught: unknown;
    const p = await processor({
      modeOverrides: [{ responseHeaders: 'skip' }],
      requestHeaders: (ctx) => {
        try {
          ctx.overrideMode({ responseHeaders: 'skip' });
        } catch (error) {
          caught = error;
        }
      },
    });
    const r = await runExchange(p, { envoy: { allowModeOverride: true } });
    expect(caught).toBeInstanceOf(AttacheError);
    expect((caught as AttacheError).code).toBe(ErrorCode.PHASE_UNSUPPORTED);
    expect((caught as AttacheError).message).toContain('envoy.allowModeOverride is false');
    expect(r.violations).toEqual([]);
    expect(r.received[0]?.modeOverride).toBeUndefined();
    expect(r.sent.map((m) => m.request?.$case)).toEqual(['requestHeaders', 'responseHeaders']);
  });

  it('enables a buffered request body and skips the response headers for this exchange', async () => {
    const seen: string[] = [];
    const handlers: Handlers = {
      modeOverrides: [{ requestBody: 'buffered', responseHeaders: 'skip' }],
      requestHeaders: (ctx) => {
        seen.push('requestHeaders');
        ctx.overrideMode({ requestBody: 'buffered', responseHeaders: 'skip' });
      },
      requestBody: (ctx) => void seen.push(`body:${ctx.body.text()}`),
      responseHeaders: () => void seen.push('responseHeaders'),
    };
    const p = await createProcessor({ plugins: [{ plugin: plugin(handlers) }], allowModeOverride: true });
    const r = await runExchange(p, {
      envoy: { allowModeOverride: true },
      request: { method: 'POST', body: 'hello' },
    });
    expect(r.violations).toEqual([]);
    expect(seen).toEqual(['requestHeaders', 'body:hello']);
    expect(r.sent.map((m) => m.request?.$case)).toEqual(['requestHeaders', 'requestBody']);
  });
});

describe('failures', () => {
  const boom = { requestHeaders: () => Promise.reject(new Error('database password is hunter2')) };

  it('fails closed with a generic 500 that leaks nothing', async () => {
    const r = await runExchange(await processor(boom), {});
    expect(r.violations).toEqual([]);
    expect(r.downstream.status).toBe(500);
    expect(r.downstream.body.toString()).toBe('Internal Server Error\n');
    expect(JSON.stringify(r.downstream.headers.toJSON())).not.toContain('hunter2');
    expect(r.upstream).toBeNull();
  });

  it('fails open by passing the message through unchanged', async () => {
    const r = await runExchange(await processor(boom, { failure: 'open' }), {});
    expect(r.violations).toEqual([]);
    expect(r.downstream.status).toBe(200);
    expect(r.upstream).not.toBeNull();
  });

  it('answers before Envoy’s message timeout when a handler never settles', async () => {
    const never = { requestHeaders: () => new Promise<never>(() => {}) };
    const closed = await runExchange(await processor(never, {}, 50), {});
    expect(closed.violations).toEqual([]);
    expect(closed.downstream.status).toBe(500);
    const open = await runExchange(await processor(never, { failure: 'open' }, 50), {});
    expect(open.violations).toEqual([]);
    expect(open.downstream.status).toBe(200);
    expect(open.stats.message_timeouts).toBe(0);
  });
});

describe('per-stream state', () => {
  it('keeps state across phases of one exchange, separate between exchanges', async () => {
    const { createStateKey } = await import('./plugin/state-key.js');
    const key = createStateKey<string>('path');
    const p = await processor({
      requestHeaders: (ctx) => ctx.stream.set(key, ctx.headers.get(':path') ?? ''),
      responseHeaders: (ctx) => void ctx.mutate.set('x-request-path', ctx.stream.get(key) ?? 'lost'),
    });
    const [a, b] = await Promise.all([
      runExchange(p, { request: { path: '/a' } }),
      runExchange(p, { request: { path: '/b' } }),
    ]);
    expect(a.downstream.headers.get('x-request-path')).toBe('/a');
    expect(b.downstream.headers.get('x-request-path')).toBe('/b');
  });
});

describe('message budget', () => {
  it('answers before Envoy’s message_timeout even when a chain of slow plugins adds up', async () => {
    const slow = (name: string) =>
      definePlugin({
        name,
        setup: () => ({ requestHeaders: () => new Promise<void>((r) => setTimeout(r, 70)) }),
      });
    // Each handler fits its own 100 ms budget; together they do not fit the 120 ms message budget.
    const p = await createProcessor({
      plugins: [{ plugin: slow('a') }, { plugin: slow('b') }],
      timeoutMs: 100,
      messageTimeoutMs: 120,
    });
    const r = await runExchange(p, { envoy: { messageTimeoutMs: 200 } });
    expect(r.violations).toEqual([]);
    expect(r.stats.message_timeouts).toBe(0);
    expect(r.downstream.status).toBe(500);
    expect(r.downstream.details).toBe('attache_plugin_error{b}');
  });
});

describe('requestMoreTime (override_message_timeout)', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const envoy = { messageTimeoutMs: 200, maxMessageTimeoutMs: 1000 };

  async function slowProcessor(handler: Handlers['requestHeaders'], maxMessageTimeoutMs = 1000) {
    return createProcessor({
      plugins: [{ plugin: plugin({ requestHeaders: handler }) }],
      timeoutMs: 150,
      messageTimeoutMs: 180,
      maxMessageTimeoutMs,
    });
  }

  it('lets a slow handler finish past Envoy’s default 200 ms', async () => {
    const p = await slowProcessor(async (ctx) => {
      ctx.requestMoreTime(600);
      await sleep(300);
      ctx.mutate.set('x-slow', 'done');
    });
    const r = await runExchange(p, { envoy });
    expect(r.violations).toEqual([]);
    expect(r.stats.override_message_timeout_received).toBe(1);
    expect(r.upstream?.headers.get('x-slow')).toBe('done');
  });

  it('re-arms the running handler’s timer when asked while awaiting', async () => {
    const p = await slowProcessor(async (ctx) => {
      await sleep(50);
      ctx.requestMoreTime(600);
      await sleep(250);
      ctx.mutate.set('x-slow', 'done');
    });
    const r = await runExchange(p, { envoy });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get('x-slow')).toBe('done');
  });

  it('is refused when Envoy’s max_message_timeout is not configured, or asked twice', async () => {
    const errors: string[] = [];
    const ask = (ctx: Parameters<NonNullable<Handlers['requestHeaders']>>[0], n: number) => {
      try {
        for (let i = 0; i < n; i++) ctx.requestMoreTime(500);
      } catch (e) {
        errors.push((e as Error).message);
      }
    };
    const off = await slowProcessor((ctx) => ask(ctx, 1), 0);
    await runExchange(off, { envoy });
    const twice = await slowProcessor((ctx) => ask(ctx, 2));
    const r = await runExchange(twice, { envoy });
    expect(errors[0]).toMatch(/max_message_timeout is set/);
    expect(errors[1]).toMatch(/one override per message/);
    expect(r.violations).toEqual([]);
  });
});
