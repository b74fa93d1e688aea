/**
 * Header and status templates that read the body, in every body mode: Envoy applies header
 * changes in a body reply only to a BUFFERED body, so `transform` declares `headersFromBody`
 * (the generated config buffers), asks for BUFFERED where a filter streams and mode overrides are
 * on, and otherwise fails the header part only (the body and metadata still apply).
 */
import type { ExchangeSpec } from 'attache-extproc/testing';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { exchange, MODES, transformProcessor } from '../../test/support/transform-exchange.js';

type Mode = keyof typeof MODES;
type Dir = 'request' | 'response';

const JSON_HEADERS = { 'content-type': 'application/json' };
const BODY = '{"a":"v-1","n":2}';

/** Body, header, status (response) and metadata templates of one direction, all reading the body. */
function options(direction: Dir, extra: Record<string, unknown> = {}) {
  return {
    [direction]: {
      body: { parseAs: 'json', jsonata: '{ "b": a }' },
      set: { 'x-a': '{{a}}', 'x-static': 'fixed' },
      add: { 'x-n': '{{n}}' },
      metadata: { m: '{{a}}' },
      ...(direction === 'response' ? { status: '{{#if a}}201{{/if}}' } : {}),
    },
    ...extra,
  };
}

function spec(direction: Dir, mode: Mode, envoy: Record<string, unknown> = {}): ExchangeSpec {
  return {
    envoy: {
      processingMode: MODES[mode],
      metadataOptions: { receivingNamespaces: { untyped: ['transform'] } },
      ...envoy,
    },
    ...(direction === 'request'
      ? { request: { method: 'POST', headers: JSON_HEADERS, body: BODY } }
      : { upstream: { headers: JSON_HEADERS, body: BODY } }),
  };
}

/** The message of `direction` as it left Envoy: upstream for the request, downstream for the response. */
function message(r: Awaited<ReturnType<typeof exchange>>, direction: Dir) {
  const m = direction === 'request' ? r.upstream : r.downstream;
  if (m === null) throw new Error('no message');
  return m;
}

/** One exchange; `allow` turns mode overrides on at both ends (Envoy's filter and attache). */
async function go(direction: Dir, mode: Mode, allow: boolean, extra: Record<string, unknown> = {}) {
  const { log, lines } = recordingLogger();
  const processor = await transformProcessor(options(direction, extra), {
    processingMode: MODES[mode],
    allowModeOverride: allow,
    log,
  });
  const r = await exchange(processor, spec(direction, mode, { allowModeOverride: allow }));
  await processor.close();
  return { r, warnings: lines.filter((l) => l.level === 'warn') };
}

describe.each(['request', 'response'] as const)('transform: %s headers from the body', (direction) => {
  for (const mode of ['BUFFERED', 'STREAMED', 'FULL_DUPLEX_STREAMED'] as const) {
    for (const allow of [false, true]) {
      // Headers apply where Envoy buffers the body, or can be asked to (STREAMED with overrides).
      const applies = mode === 'BUFFERED' || (mode === 'STREAMED' && allow);
      it(`${mode}, mode overrides ${allow ? 'on' : 'off'}: headers ${applies ? 'apply' : 'fail'}; body and metadata apply`, async () => {
        const { r, warnings } = await go(direction, mode, allow);
        expect(r.violations).toEqual([]);
        const m = message(r, direction);
        expect(JSON.parse(m.body.toString())).toEqual({ b: 'v-1' });
        expect(r.dynamicMetadata).toEqual({ transform: { m: 'v-1' } });
        // Templates that do not read the body ran in the headers phase, in every mode.
        expect(m.headers.get('x-static')).toBe('fixed');
        if (applies) {
          expect(m.headers.get('x-a')).toBe('v-1');
          expect(m.headers.get('x-n')).toBe('2');
          if (direction === 'response') expect(r.downstream.status).toBe(201);
          expect(warnings).toEqual([]);
        } else {
          expect(m.headers.has('x-a')).toBe(false);
          expect(m.headers.has('x-n')).toBe(false);
          if (direction === 'response') expect(r.downstream.status).toBe(200);
          expect(warnings).toHaveLength(1);
          const reason = String(warnings[0]?.fields.reason);
          expect(reason).toContain(`Envoy no longer holds the ${direction} headers`);
          expect(reason).toContain(`send the ${direction} body BUFFERED (${direction}_body_mode)`);
          expect(reason).toContain('allow_mode_override');
          // Never the body.
          expect(reason).not.toContain('v-1');
        }
        // What the headers reply asked: BUFFERED for this direction, only where Envoy applies it.
        const overrides = r.received.flatMap((x) => (x.modeOverride === undefined ? [] : [x.modeOverride]));
        const field = direction === 'request' ? 'requestBodyMode' : 'responseBodyMode';
        if (allow && mode !== 'FULL_DUPLEX_STREAMED') {
          expect(overrides.map((o) => o[field])).toContain(2 /* BUFFERED */);
        } else {
          expect(overrides).toEqual([]);
        }
      });
    }
  }

  it('STREAMED without overrides, onError: reject: the header part failing rejects the message', async () => {
    const { r } = await go(direction, 'STREAMED', false, { onError: 'reject' });
    if (direction === 'request') {
      expect(r.violations).toEqual([]);
      expect(r.downstream.status).toBe(400);
      expect(r.upstream).toBeNull();
    } else {
      // The response headers already went downstream: Envoy can only reset the stream (§5.4).
      expect(r.downstream.status === 502 || r.downstream.reset === true).toBe(true);
    }
  });

  it('the override restates the other body mode when a plugin reads it (Envoy takes both from it, §9)', async () => {
    const other = direction === 'request' ? 'response' : 'request';
    const { r } = await go(direction, 'STREAMED', true, {
      [other]: { body: { parseAs: 'string', value: '<{{body}}>' } },
    });
    expect(r.violations).toEqual([]);
    const override = r.received.find((x) => x.modeOverride !== undefined)?.modeOverride;
    expect(override?.[`${other}BodyMode`]).toBe(1 /* STREAMED, as the filter has it */);
    expect(message(r, direction).headers.get('x-a')).toBe('v-1');
  });

  it('with send_body_without_waiting_for_header_response Envoy ignores overrides: none is sent, the header part fails', async () => {
    if (direction === 'response') return; // the option is the request body's only (§4.7)
    const { log, lines } = recordingLogger();
    const processor = await transformProcessor(options(direction), {
      processingMode: MODES.STREAMED,
      allowModeOverride: true,
      log,
    });
    const r = await exchange(
      processor,
      spec(direction, 'STREAMED', { allowModeOverride: true, sendBodyWithoutWaitingForHeaderResponse: true }),
    );
    await processor.close();
    expect(r.violations).toEqual([]);
    expect(r.received.some((x) => x.modeOverride !== undefined)).toBe(false);
    expect(JSON.parse(message(r, direction).body.toString())).toEqual({ b: 'v-1' });
    expect(message(r, direction).headers.has('x-a')).toBe(false);
    const reason = String(lines.find((l) => l.level === 'warn')?.fields.reason);
    expect(reason).toContain('send_body_without_waiting_for_header_response');
  });

  it('a message without a body runs everything in the headers phase and asks for nothing', async () => {
    const { log } = recordingLogger();
    const processor = await transformProcessor(
      { [direction]: { set: { 'x-len': '{{#if a}}yes{{else}}none{{/if}}' }, body: { parseAs: 'json' } } },
      { processingMode: MODES.STREAMED, allowModeOverride: true, log },
    );
    const r = await exchange(processor, {
      envoy: { processingMode: MODES.STREAMED, allowModeOverride: true },
      ...(direction === 'request' ? { request: { method: 'GET' } } : { upstream: { status: 204 } }),
    });
    await processor.close();
    expect(r.violations).toEqual([]);
    expect(message(r, direction).headers.get('x-len')).toBe('none');
    expect(r.received.some((x) => x.modeOverride?.[`${direction}BodyMode`] === 2)).toBe(false);
  });
});

describe('transform: the headersFromBody declaration', () => {
  it('is set only for directions whose header or status templates read the body', async () => {
    const transform = (await import('./index.js')).default;
    const setup = async (o: unknown) => {
      const parsed = await transform.options?.['~standard'].validate(o);
      if (parsed === undefined || parsed instanceof Promise || parsed.issues) throw new Error('bad options');
      const { noPluginMetrics } = await import('../../src/observe/metrics/metrics.js');
      return transform.setup(parsed.value, {
        name: 'transform',
        checkHeader() {},
        metrics: noPluginMetrics('test'),
        // Bodies here never reach the pool's threshold: setup only asks for it.
        workers: async () => ({ threshold: Number.POSITIVE_INFINITY, plugin: 'transform', run() {} }),
      } as never);
    };
    const both = await setup({
      request: { body: { parseAs: 'json' }, add: { 'x-a': '{{a}}' } },
      response: { body: { parseAs: 'json' }, status: '{{#if a}}201{{/if}}' },
    });
    expect(both.headersFromBody).toEqual(['request', 'response']);
    expect(both.modeOverrides).toEqual([{ requestBody: 'buffered' }, { responseBody: 'buffered' }]);
    // Metadata and body templates reading the body, headers not: any body mode does.
    const none = await setup({
      request: { body: { parseAs: 'json', value: '{{a}}' }, metadata: { m: '{{a}}' }, set: { x: 'k' } },
    });
    expect(none.headersFromBody).toBeUndefined();
    expect(none.modeOverrides).toBeUndefined();
  });
});
