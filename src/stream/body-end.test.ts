/**
 * No body byte silently lost (body-end.ts): under STREAMED, a body that ends with trailers has no
 * end-of-stream chunk, so attache must see the trailers, or refuse the exchange. Driven through
 * the kit in both directions, with a whole-body plugin and a chunk plugin holding bytes back,
 * trailers present and absent, behind every filter setup: no next hop ever receives a cut body
 * without the exchange failing.
 */
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { AttacheError, ErrorCode } from '../errors.js';
import type { PipelineEntry } from '../pipeline/pipeline.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { Handlers } from '../plugin/types.js';
import { createProcessor } from '../processor.js';
import type { EnvoyFilterConfig, ProcessingModeInput } from '../testing/config.js';
import { runExchange } from '../testing/exchange.js';
import type { ExchangeResult } from '../testing/result.js';

type Dir = 'request' | 'response';
type Kind = 'whole' | 'holdBack';

/** Whole-body: `<BODY>`; holdBack: each chunk upper-cased, its last byte held until the next. */
function handlers(dir: Dir, kind: Kind): Handlers {
  if (kind === 'whole') {
    const fn: NonNullable<Handlers['requestBody']> = (ctx) =>
      void ctx.mutate.replaceBody(`<${ctx.body.text().toUpperCase()}>`);
    return dir === 'request' ? { requestBody: fn } : { responseBody: fn };
  }
  const fn: NonNullable<Handlers['requestBodyChunk']> = (ctx) => {
    ctx.mutate.replaceChunk(ctx.chunk.text().toUpperCase());
    if (!ctx.chunk.last && ctx.chunk.length > 0) ctx.holdBack(1);
  };
  return dir === 'request' ? { requestBodyChunk: fn } : { responseBodyChunk: fn };
}

const transformed = (kind: Kind, body: string) =>
  kind === 'whole' ? `<${body.toUpperCase()}>` : body.toUpperCase();

/** The filter setups, as attache's config and Envoy's filter config see them. */
type Setup = 'asked' | 'declared' | 'refused' | 'refused-open';

function filterOf(dir: Dir, setup: Setup): EnvoyFilterConfig {
  const trailer = setup === 'declared' ? 'SEND' : 'DEFAULT';
  const processingMode: ProcessingModeInput =
    dir === 'request'
      ? { requestBodyMode: 'STREAMED', requestTrailerMode: trailer }
      : { responseBodyMode: 'STREAMED', responseTrailerMode: trailer };
  // Envoy's 200 ms message timeout is not what these cases test, and an in-process exchange on a
  // loaded CI machine once took longer (a message-timeout where no violation was).
  return { processingMode, allowModeOverride: setup === 'asked', messageTimeoutMs: 5000 };
}

async function processorOf(dir: Dir, kind: Kind, setup: Setup, log = recordingLogger().log) {
  const entry: PipelineEntry = {
    plugin: definePlugin({ name: `${kind}-${dir}`, setup: () => handlers(dir, kind) }),
    ...(setup === 'refused-open' ? { failure: 'open' as const } : {}),
  };
  return createProcessor({
    plugins: [entry],
    allowModeOverride: setup === 'asked',
    ...(setup === 'declared'
      ? {
          processingMode:
            dir === 'request' ? { requestTrailerMode: 'SEND' } : { responseTrailerMode: 'SEND' },
        }
      : {}),
    log,
  });
}

/** What the next hop of `dir` received, and whether the exchange visibly failed. */
function outcome(r: ExchangeResult, dir: Dir): { complete: boolean; body: string; trailers: boolean } {
  if (dir === 'request') {
    const up = r.upstream;
    return {
      complete: up?.complete === true && !r.downstream.localReply,
      body: up?.body.toString() ?? '',
      trailers: up?.trailers?.get('x-sum') === '9',
    };
  }
  const down = r.downstream;
  return {
    complete: !down.reset && !down.localReply,
    body: down.body.toString(),
    trailers: down.trailers?.get('x-sum') === '9',
  };
}

/** The trailer mode the override of the first headers reply asked for, per direction. */
function askedTrailers(r: ExchangeResult, dir: Dir): number | undefined {
  const reply = r.received.find((m) => m.modeOverride !== undefined);
  return dir === 'request'
    ? reply?.modeOverride?.requestTrailerMode
    : reply?.modeOverride?.responseTrailerMode;
}

const SEND = 1;
let serial = 0;

describe('a streamed body ends visibly, or the exchange fails', () => {
  for (const dir of ['request', 'response'] as const) {
    for (const kind of ['whole', 'holdBack'] as const) {
      for (const trailers of [false, true]) {
        for (const setup of ['asked', 'declared', 'refused', 'refused-open'] as const) {
          it(`${dir}, ${kind} plugin, ${trailers ? 'with' : 'without'} trailers, ${setup}`, async () => {
            const processor = await processorOf(dir, kind, setup);
            const body = `body-${++serial}-${dir}-${kind}`;
            const chunks = [body.slice(0, 5), body.slice(5, 11), body.slice(11)];
            const message = {
              body: chunks,
              pacing: 'on-idle' as const,
              ...(trailers ? { trailers: { 'x-sum': '9' } } : {}),
            };
            const r = await runExchange(processor, {
              envoy: filterOf(dir, setup),
              ...(dir === 'request' ? { request: { method: 'POST', ...message } } : { upstream: message }),
            });
            expect(r.violations).toEqual([]);
            const out = outcome(r, dir);
            // The invariant: a next hop that got a whole message got the whole body.
            if (out.complete) {
              expect([transformed(kind, body), body]).toContain(out.body);
              expect(out.trailers).toBe(trailers);
            }
            const sentTrailers = r.sent.some((m) => m.request?.$case === `${dir}Trailers`);
            switch (setup) {
              case 'asked':
              case 'declared':
                // attache sees the end: the trailers when there are, eos otherwise.
                expect(sentTrailers).toBe(trailers);
                expect(askedTrailers(r, dir)).toBe(setup === 'asked' ? SEND : undefined);
                if (!trailers) {
                  expect(out).toEqual({ complete: true, body: transformed(kind, body), trailers: false });
                } else {
                  // Held bytes cannot follow the trailers under STREAMED (§4.6): always fail-closed.
                  expect(out.complete).toBe(false);
                  if (dir === 'request') expect(r.downstream.details).toBe('attache_body_unflushable');
                  else expect(r.downstream.reset).toBe(true);
                }
                break;
              case 'refused':
                expect(out.complete).toBe(false);
                expect(r.downstream.status).toBe(500);
                expect(r.downstream.details).toBe('attache_body_end_unseen');
                break;
              case 'refused-open':
                // Passed through unprocessed: the body as it came, never a cut one.
                expect(out).toEqual({ complete: true, body, trailers });
                break;
            }
            await processor.close();
          });
        }
      }
    }
  }
});

describe('refusal at the first message (processing mode not declared)', () => {
  it('passes through only when every plugin fails open: a fail-closed headers plugin is never skipped', async () => {
    const { log, lines } = recordingLogger();
    const processor = await createProcessor({
      plugins: [
        {
          plugin: definePlugin({ name: 'auth', setup: () => ({ requestHeaders: () => undefined }) }),
          failure: 'closed',
        },
        {
          plugin: definePlugin({ name: 'body', setup: () => handlers('request', 'whole') }),
          failure: 'open',
        },
      ],
      log,
    });
    for (let i = 0; i < 3; i++) {
      const r = await runExchange(processor, {
        envoy: filterOf('request', 'refused'),
        request: { method: 'POST', body: ['ab', 'cd'] },
      });
      expect(r.violations).toEqual([]);
      expect(r.downstream.details).toBe('attache_body_end_unseen');
      expect(r.upstream).toBeNull();
    }
    // Logged once for the loaded config, with the fix, not once per exchange.
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toContain('request_trailer_mode: SEND');
    expect(errors[0]?.msg).toContain('envoy.allowModeOverride is false');
    await processor.close();
  });
});

describe('when Envoy ignores mode_override, attache cannot ask', () => {
  for (const [name, envoy] of [
    ['send_body_without_waiting_for_header_response', { sendBodyWithoutWaitingForHeaderResponse: true }],
    [
      'FULL_DUPLEX_STREAMED in the other direction',
      { processingMode: { responseBodyMode: 'FULL_DUPLEX_STREAMED', responseTrailerMode: 'SEND' } },
    ],
  ] as const) {
    it(`${name}: a streamed request body to body plugins is refused, even with allowModeOverride`, async () => {
      const { log, lines } = recordingLogger();
      const processor = await processorOf('request', 'whole', 'asked', log);
      const base = filterOf('request', 'asked');
      const r = await runExchange(processor, {
        envoy: {
          ...base,
          ...envoy,
          processingMode: {
            ...base.processingMode,
            ...('processingMode' in envoy ? envoy.processingMode : {}),
          },
        },
        request: { method: 'POST', body: ['ab', 'cd'], trailers: { 'x-sum': '9' } },
      });
      expect(r.violations).toEqual([]);
      expect(r.downstream.details).toBe('attache_body_end_unseen');
      expect(r.upstream).toBeNull();
      expect(lines.find((l) => l.level === 'error')?.msg).toContain('Envoy ignores mode_override');
      await processor.close();
    });
  }
});

describe('refusal at start-up (envoy.processingMode declared)', () => {
  const body: Handlers = { requestBodyChunk: () => undefined, responseBody: () => undefined };
  const create = (processingMode: ProcessingModeInput, allowModeOverride = false) =>
    createProcessor({
      plugins: [{ plugin: definePlugin({ name: 'b', setup: () => body }) }],
      processingMode,
      processingModeWhere: 'attache.yaml: envoy.processingMode',
      allowModeOverride,
    });

  it('STREAMED to body plugins with trailers not SEND and no mode override: refused, naming the file, field, reason and fix', async () => {
    const error = await create({ responseBodyMode: 'STREAMED' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttacheError);
    expect((error as AttacheError).code).toBe(ErrorCode.CONFIG_INVALID);
    const text = (error as Error).message;
    expect(text).toContain('attache.yaml: envoy.processingMode.responseTrailerMode');
    expect(text).toContain('the response body is STREAMED to body plugins');
    expect(text).toContain('envoy.allowModeOverride is false');
    expect(text).toContain('response_trailer_mode: SEND');
    expect(text).toContain('FULL_DUPLEX_STREAMED');
    expect(text).toContain('allow_mode_override: true');
  });

  it('under FULL_DUPLEX_STREAMED in the other direction Envoy ignores overrides, so allowModeOverride does not help', async () => {
    const error = await create(
      { requestBodyMode: 'FULL_DUPLEX_STREAMED', requestTrailerMode: 'SEND', responseBodyMode: 'STREAMED' },
      true,
    ).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      'Envoy ignores mode_override when a body mode is FULL_DUPLEX_STREAMED',
    );
  });

  it('safe setups start: trailers SEND, mode override allowed, no body plugin for that direction, buffered', async () => {
    for (const [mode, allow] of [
      [{ requestBodyMode: 'STREAMED', requestTrailerMode: 'SEND' }, false],
      [{ requestBodyMode: 'STREAMED', responseBodyMode: 'STREAMED' }, true],
      [{ responseBodyMode: 'BUFFERED' }, false],
      [{ requestBodyMode: 'BUFFERED_PARTIAL', responseBodyMode: 'NONE' }, false],
    ] as Array<[ProcessingModeInput, boolean]>) {
      const p = await create(mode, allow);
      await p.close();
    }
    const noBody = await createProcessor({
      plugins: [{ plugin: definePlugin({ name: 'h', setup: () => ({ requestHeaders: () => undefined }) }) }],
      processingMode: { requestBodyMode: 'STREAMED', responseBodyMode: 'STREAMED' },
    });
    await noBody.close();
  });
});

describe('safe STREAMED setups behave as before', () => {
  it('no body plugins: STREAMED without trailer SEND is never refused, and no override is sent', async () => {
    const processor = await createProcessor({
      plugins: [
        {
          plugin: definePlugin({
            name: 'h',
            setup: () => ({ requestHeaders: (ctx) => void ctx.mutate.set('x-a', '1') }),
          }),
        },
      ],
      allowModeOverride: true,
    });
    const r = await runExchange(processor, {
      envoy: {
        processingMode: { requestBodyMode: 'STREAMED', responseHeaderMode: 'SKIP' },
        allowModeOverride: true,
      },
      request: { method: 'POST', body: ['ab', 'cd'], trailers: { 'x-t': '1' } },
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.body.toString()).toBe('abcd');
    expect(r.upstream?.trailers?.get('x-t')).toBe('1');
    expect(r.received.some((m) => (m.modeOverride?.requestTrailerMode ?? 0) === SEND)).toBe(false);
  });
});
