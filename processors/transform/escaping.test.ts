import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exchange, MODES, run, transformProcessor } from '../../test/support/transform-exchange.js';
import { rawString, toJsonLiteral } from './helpers.js';

const envoy = { processingMode: MODES.BUFFERED };

/** Strings with what breaks naive JSON building: quotes, backslashes, controls, non-ASCII, lone surrogates. */
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', '/', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', '\u2028', 'é', '→', '😀'),
    fc.constantFrom('\ud800', '\udfff', '\ud83d'), // lone surrogates
    fc.string({ unit: 'binary', maxLength: 1 }),
  ),
  maxLength: 40,
});

describe('transform: escaping per context', () => {
  it('JSON bodies built with jsonEscape and rawString stay valid JSON and keep the value, for any input', async () => {
    const processor = await transformProcessor(
      {
        request: {
          body: {
            parseAs: 'json',
            value:
              '{"v": {{jsonEscape s}}, "raw": "{{rawString s}}", "n": {{jsonEscape n}}, "o": {{jsonEscape o}}}',
          },
        },
      },
      // Generous time limits: 150 exchanges in a row on a shared, loaded machine.
      { processingMode: envoy.processingMode, timeoutMs: 5000, messageTimeoutMs: 8000 },
    );
    await fc.assert(
      fc.asyncProperty(nasty, async (s) => {
        const r = await exchange(processor, {
          envoy: { ...envoy, messageTimeoutMs: 10_000 },
          request: {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ s, n: 1.5, o: { k: [s] } }),
          },
        });
        expect(r.violations).toEqual([]);
        const out = JSON.parse(r.upstream?.body.toString('utf8') ?? '');
        // Lone surrogates travel escaped (\udXXX), so even they come back unchanged.
        expect(out).toEqual({ v: s, raw: s, n: 1.5, o: { k: [s] } });
      }),
      { numRuns: 150 },
    );
  });

  it('jsonEscape and rawString give exactly what JSON.stringify gives, fast path or not', () => {
    const any = fc.oneof(nasty, fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(any, (s) => {
        expect(toJsonLiteral(s)).toBe(JSON.stringify(s));
        expect(rawString(s)).toBe(JSON.stringify(s).slice(1, -1));
      }),
      { numRuns: 2000 },
    );
    expect(toJsonLiteral(undefined)).toBe('null');
    expect(toJsonLiteral({ a: [1, 'b"'] })).toBe('{"a":[1,"b\\""]}');
  });

  it('header values are never HTML-escaped', async () => {
    const r = await run(
      { request: { set: { 'x-a': '{{header "x-in"}}' } } },
      { request: { headers: { 'x-in': `<a href="x">&'` } } },
    );
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get('x-a')).toBe(`<a href="x">&'`);
  });

  for (const [what, value] of [
    ['CR LF (header injection)', 'ok\r\nx-evil: 1'],
    ['a lone LF', 'a\nb'],
    ['NUL', 'a\u0000b'],
    ['DEL', 'a\u007fb'],
    ['a lone surrogate', 'a\ud800b'],
  ] as const) {
    it(`a header template rendering ${what} is a failure, never a header`, async () => {
      const options = {
        request: {
          body: { parseAs: 'json' },
          set: { 'x-a': '{{v}}', 'x-b': '{{#if v}}rendered fine{{/if}}' },
        },
      };
      const spec = { envoy, request: { method: 'POST', body: JSON.stringify({ v: value }) } };
      const passthrough = await run(options, spec);
      expect(passthrough.violations).toEqual([]);
      expect(passthrough.upstream?.headers.has('x-a')).toBe(false);
      expect(passthrough.upstream?.headers.has('x-evil')).toBe(false);
      // Nothing of the failed phase is applied, not even the headers that rendered fine.
      expect(passthrough.upstream?.headers.has('x-b')).toBe(false);

      const reject = await run({ ...options, onError: 'reject' }, spec);
      expect(reject.violations).toEqual([]);
      expect(reject.upstream).toBeNull();
      expect(reject.downstream.status).toBe(400);
    });
  }

  it('a JSON body template that renders invalid JSON is a failure (content-type JSON)', async () => {
    const r = await run(
      {
        request: { body: { parseAs: 'json', value: '{"v": "{{s}}"}' } },
        onError: 'reject',
        rejectStatus: 422,
      },
      {
        envoy,
        request: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"s":"a\\"b"}' },
      },
    );
    expect(r.violations).toEqual([]);
    expect(r.downstream.status).toBe(422);
  });
});
