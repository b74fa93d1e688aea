/**
 * `allowedOverrideModes`: the list is exact. Hand-checked cases, then random pipelines driven
 * through the kit over every way their exchanges can differ, with the filter's
 * `allowed_override_modes` set to the computed list: Envoy (the kit) must ignore no override, and
 * the overrides seen must be the whole list.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../../test/support/prng.js';
import type { MatchSpec } from '../pipeline/match.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { Handlers, HeadersContext, ModeOverride } from '../plugin/types.js';
import { createProcessor } from '../processor.js';
import {
  effectiveModeOverride,
  OVERRIDE_COMPARED_FIELDS,
  withDefaults,
} from '../protocol/processing-mode.js';
import type { ProcessingModeInput } from '../testing/config.js';
import { runExchange } from '../testing/exchange.js';
import { type AllowedOverrideMode, allowedOverrideModes, overridesOf } from './allowed.js';

interface Entry {
  handlers: Handlers;
  match?: MatchSpec;
}

const pipelineOf = (entries: Entry[], allowModeOverride = true, processingMode?: ProcessingModeInput) =>
  Pipeline.create(
    entries.map(({ handlers, match }, i) => ({
      plugin: definePlugin({ name: `p${i}`, setup: () => handlers }),
      ...(match ? { match } : {}),
    })),
    { allowModeOverride, ...(processingMode ? { processingMode } : {}) },
  );

const noop = () => undefined;
const mode = (m: Partial<AllowedOverrideMode>): AllowedOverrideMode => {
  const { requestHeaderMode: _, ...rest } = withDefaults(m);
  return rest;
};

describe('allowedOverrideModes', () => {
  it('a request-headers plugin alone: the one override skips the response', async () => {
    const p = await pipelineOf([{ handlers: { requestHeaders: noop } }]);
    expect(overridesOf(p)).toEqual({ modes: [mode({ responseHeaderMode: 'SKIP' })], ignored: null });
  });

  it('nothing to skip: no override, so the list is empty', async () => {
    const p = await pipelineOf([{ handlers: { requestHeaders: noop, responseHeaders: noop } }]);
    expect(overridesOf(p).modes).toEqual([]);
  });

  it('a body plugin that may not match: its body and the response are skipped, with the body modes restated', async () => {
    const p = await pipelineOf([{ handlers: { responseBody: noop }, match: { path: '/api' } }]);
    const filter = { processingMode: { requestBodyMode: 'BUFFERED', responseBodyMode: 'BUFFERED' } } as const;
    expect(overridesOf(p, filter).modes).toEqual([
      // it runs: nobody needs the request body (when there is one)
      mode({ responseBodyMode: 'BUFFERED' }),
      // it does not: the response goes too; a request without a body keeps its restated mode
      mode({ responseHeaderMode: 'SKIP', requestBodyMode: 'BUFFERED' }),
      mode({ responseHeaderMode: 'SKIP' }),
    ]);
  });

  it('responseContentType: the response body is skipped at the response headers', async () => {
    const p = await pipelineOf([
      { handlers: { responseBody: noop }, match: { responseContentType: 'application/json' } },
    ]);
    expect(overridesOf(p, { processingMode: { responseBodyMode: 'STREAMED' } }).modes).toEqual([
      mode({}),
      // At the request headers the plugin may still run: attache asks for the response trailers
      // to see where the streamed body ends (trailers.ts).
      mode({ responseBodyMode: 'STREAMED', responseTrailerMode: 'SEND' }),
    ]);
  });

  it('a streamed body to body plugins: the trailers are asked for, unless the config declares them SEND', async () => {
    const entries = [{ handlers: { requestBodyChunk: noop, responseBody: noop } }];
    const filter = { processingMode: { requestBodyMode: 'STREAMED', responseBodyMode: 'STREAMED' } } as const;
    const asked = await pipelineOf(entries);
    expect(overridesOf(asked, filter).modes).toEqual([
      mode({ requestBodyMode: 'STREAMED', responseBodyMode: 'STREAMED', responseTrailerMode: 'SEND' }),
      mode({
        requestBodyMode: 'STREAMED',
        responseBodyMode: 'STREAMED',
        requestTrailerMode: 'SEND',
        responseTrailerMode: 'SEND',
      }),
    ]);
    const declared = await pipelineOf(entries, true, {
      ...filter.processingMode,
      requestTrailerMode: 'SEND',
      responseTrailerMode: 'SEND',
    });
    expect(overridesOf(declared, filter).modes).toEqual([]);
  });

  it('an override at the response headers restates the request trailers (Envoy resets DEFAULT fields, §9)', async () => {
    const p = await pipelineOf([
      { handlers: { requestBody: noop } },
      { handlers: { responseBody: noop }, match: { responseContentType: 'application/json' } },
    ]);
    const filter = { processingMode: { requestBodyMode: 'STREAMED', responseBodyMode: 'STREAMED' } } as const;
    expect(overridesOf(p, filter).modes).toEqual([
      // the response plugin does not match: its body is skipped, the request trailers restated
      mode({ requestBodyMode: 'STREAMED', requestTrailerMode: 'SEND' }),
      // a request without a body: only the response trailers
      mode({ requestBodyMode: 'STREAMED', responseBodyMode: 'STREAMED', responseTrailerMode: 'SEND' }),
      mode({
        requestBodyMode: 'STREAMED',
        responseBodyMode: 'STREAMED',
        requestTrailerMode: 'SEND',
        responseTrailerMode: 'SEND',
      }),
    ]);
  });

  it('a plugin filtered out by responseContentType keeps its request body: the request trailers are restated at the response headers', async () => {
    const p = await pipelineOf([
      {
        handlers: { requestBody: noop, responseBody: noop },
        match: { responseContentType: 'application/json' },
      },
    ]);
    const filter = { processingMode: { requestBodyMode: 'STREAMED', responseBodyMode: 'STREAMED' } } as const;
    expect(overridesOf(p, filter).modes).toEqual([
      // filtered out at the response headers, the request body still streaming through it
      mode({ requestBodyMode: 'STREAMED', requestTrailerMode: 'SEND' }),
      mode({ requestBodyMode: 'STREAMED', responseBodyMode: 'STREAMED', responseTrailerMode: 'SEND' }),
      mode({
        requestBodyMode: 'STREAMED',
        responseBodyMode: 'STREAMED',
        requestTrailerMode: 'SEND',
        responseTrailerMode: 'SEND',
      }),
    ]);
  });

  it("declared overrides, merged over the computed skip and with each other (later wins); the filter's literal modes are kept", async () => {
    const p = await pipelineOf([
      {
        handlers: {
          modeOverrides: [{ requestBody: 'buffered' }, { requestBody: 'streamed', responseHeaders: 'send' }],
          requestHeaders: noop,
          requestBody: noop,
        },
      },
    ]);
    const modes = overridesOf(p, { processingMode: { responseHeaderMode: 'SEND' } }).modes;
    expect(modes).toEqual([
      mode({ responseHeaderMode: 'SEND', requestBodyMode: 'BUFFERED' }),
      // switched into STREAMED for the requestBody plugin: a request without a body has no
      // trailers to ask for, one with a body asks for them (trailers.ts)
      mode({ responseHeaderMode: 'SEND', requestBodyMode: 'STREAMED' }),
      mode({ responseHeaderMode: 'SEND', requestBodyMode: 'STREAMED', requestTrailerMode: 'SEND' }),
      mode({ responseHeaderMode: 'SKIP', requestBodyMode: 'BUFFERED' }),
      mode({ responseHeaderMode: 'SKIP' }),
    ]);
  });

  it('without allowModeOverride nothing is sent: no phase skipping, and overrideMode is refused', async () => {
    const p = await pipelineOf(
      [{ handlers: { modeOverrides: [{ responseBody: 'buffered' }], responseHeaders: noop } }],
      false,
    );
    expect(overridesOf(p).modes).toEqual([]);
    const none = await pipelineOf([{ handlers: { requestHeaders: noop } }], false);
    expect(overridesOf(none).modes).toEqual([]);
  });

  it('FULL_DUPLEX_STREAMED and send_body_without_waiting: Envoy ignores every override', async () => {
    const p = await pipelineOf([{ handlers: { requestHeaders: noop } }]);
    const duplex = overridesOf(p, {
      processingMode: { requestBodyMode: 'FULL_DUPLEX_STREAMED', requestTrailerMode: 'SEND' },
    });
    expect(duplex).toEqual({ modes: [], ignored: expect.stringContaining('FULL_DUPLEX_STREAMED') });
    expect(overridesOf(p, { sendBodyWithoutWaiting: true }).ignored).toContain('send_body_without_waiting');
  });
});

// ---------------------------------------------------------------------------------------------
// Random pipelines against the kit.

const SHAPES: ModeOverride[] = [
  { requestBody: 'buffered' },
  { responseHeaders: 'skip' },
  { responseBody: 'buffered' },
  { responseTrailers: 'send' },
  { requestBody: 'streamed' },
  { responseHeaders: 'send', responseBody: 'none' },
];
// Conditions of different plugins must be independent (the list assumes so; two plugins on the
// same path prefix would make it list a combination no request produces): each plugin has its
// own request header, and at most one plugin has a response condition.
const requestCondition = (i: number): MatchSpec => ({ headers: { [`x-m${i}`]: true } });
const RESPONSE_CONDITION: MatchSpec = { responseContentType: 'application/json' };
const FILTERS: ProcessingModeInput[] = [
  {},
  { requestBodyMode: 'BUFFERED' },
  { responseBodyMode: 'STREAMED', responseTrailerMode: 'SEND' },
  { requestBodyMode: 'BUFFERED', responseBodyMode: 'BUFFERED', requestTrailerMode: 'SEND' },
  { responseHeaderMode: 'SEND', requestBodyMode: 'STREAMED' },
  { requestHeaderMode: 'SKIP', responseBodyMode: 'BUFFERED' },
];
/** Call sequences a declaring plugin makes, chosen per exchange by a request header. */
const SEQUENCES = [[], [0], [1], [0, 1], [1, 0]];

interface RandomPipeline {
  entries: Entry[];
  /** Index of the one plugin that declares overrides, or -1. */
  caller: number;
  plugins: number;
  describe: string;
}

function randomPipeline(next: () => number): RandomPipeline {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const count = 1 + Math.floor(next() * 3);
  const caller = next() < 0.6 ? Math.floor(next() * count) : -1;
  const responseConditional = next() < 0.5 ? Math.floor(next() * count) : -1;
  const entries: Entry[] = [];
  const text: string[] = [];
  for (let i = 0; i < count; i++) {
    const h: Record<string, unknown> = {};
    const phases = ['requestHeaders', 'requestBody', 'requestTrailers', 'responseHeaders', 'responseBody'];
    for (const phase of phases) if (next() < 0.35) h[phase] = noop;
    if (next() < 0.2) h.responseTrailers = noop;
    let declared: ModeOverride[] = [];
    if (i === caller) {
      declared = [pick(SHAPES), pick(SHAPES)];
      const call = (ctx: HeadersContext) => {
        // The request's or the response's own headers choose (Envoy may skip the request headers).
        const seq = SEQUENCES[Number(ctx.headers.get('x-calls') ?? 0)] ?? [];
        for (const k of seq) ctx.overrideMode(declared[k] as ModeOverride);
      };
      h.requestHeaders = call;
      h.responseHeaders = call;
      h.modeOverrides = declared;
    }
    if (Object.keys(h).length === 0) h.requestHeaders = noop;
    const match =
      next() < 0.5 || i === responseConditional
        ? {
            ...(next() < 0.5 ? requestCondition(i) : {}),
            ...(i === responseConditional ? RESPONSE_CONDITION : {}),
          }
        : undefined;
    entries.push({ handlers: h as Handlers, ...(match ? { match } : {}) });
    text.push(`${Object.keys(h).join('+')}${match ? ` match ${JSON.stringify(match)}` : ''}`);
  }
  return { entries, caller, plugins: count, describe: text.join(' | ') };
}

/** The `x-m<i>` headers of the plugins whose bit is set in `matched`. */
function conditionHeaders(plugins: number, matched: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < plugins; i++) if ((matched >> i) & 1) headers[`x-m${i}`] = '1';
  return headers;
}

const modeKey = (m: AllowedOverrideMode) => OVERRIDE_COMPARED_FIELDS.map((f) => m[f]).join(' ');

describe('allowedOverrideModes against the kit', () => {
  it('random pipelines × filter modes: Envoy ignores no override, and every listed one is sent by some exchange', async () => {
    const next = prng(20261126);
    for (let round = 0; round < 24; round++) {
      const random = randomPipeline(next);
      const filter = FILTERS[round % FILTERS.length] as ProcessingModeInput;
      const processor = await createProcessor({
        plugins: random.entries.map(({ handlers, match }, i) => ({
          plugin: definePlugin({ name: `p${i}`, setup: () => handlers }),
          ...(match ? { match } : {}),
        })),
        allowModeOverride: true,
      });
      const { modes } = allowedOverrideModes(processor, { processingMode: filter });
      const where = `round ${round}: ${random.describe}; filter ${JSON.stringify(filter)}`;
      const seen = new Map<string, AllowedOverrideMode>();
      const choices = random.caller === -1 ? [0] : SEQUENCES.map((_, k) => k);
      for (let matched = 0; matched < 1 << random.plugins; matched++)
        for (const body of [undefined, 'b'])
          for (const contentType of ['application/json', 'text/plain'])
            for (const atRequest of choices)
              for (const atResponse of choices) {
                const r = await runExchange(processor, {
                  envoy: {
                    processingMode: filter,
                    allowModeOverride: true,
                    // Hundreds of exchanges: Envoy's 200 ms message timeout must not decide them
                    // on a loaded machine (overrides are what this test is about).
                    messageTimeoutMs: 10_000,
                    // [] would allow anything: an impossible entry keeps the check on.
                    allowedOverrideModes:
                      modes.length > 0 ? [...modes] : [{ requestBodyMode: 'BUFFERED_PARTIAL' }],
                  },
                  request: {
                    method: body === undefined ? 'GET' : 'POST',
                    headers: {
                      'x-calls': String(atRequest),
                      ...conditionHeaders(random.plugins, matched),
                    },
                    ...(body === undefined ? {} : { body }),
                  },
                  upstream: {
                    headers: { 'content-type': contentType, 'x-calls': String(atResponse) },
                    body: 'u',
                  },
                });
                expect(r.violations, where).toEqual([]);
                for (const reply of r.received) {
                  if (reply.modeOverride === undefined) continue;
                  const merged = effectiveModeOverride(reply.modeOverride, withDefaults(filter));
                  if (merged === undefined) throw new Error(`${where}: unreadable override`);
                  const { requestHeaderMode: _, ...compared } = merged;
                  seen.set(modeKey(compared), compared);
                }
              }
      expect([...seen.keys()].sort(), where).toEqual(modes.map(modeKey).sort());
      await processor.close();
    }
  });
});
