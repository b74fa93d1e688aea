import Handlebars from 'handlebars';
import { RE2JS } from 're2js';
import { describe, expect, it, vi } from 'vitest';
import { exchange, MODES, transformProcessor } from '../../test/support/transform-exchange.js';

const counts = vi.hoisted(() => ({ jsonata: 0 }));
vi.mock('jsonata', async (importOriginal) => {
  const original = ((await importOriginal()) as { default: (...a: unknown[]) => unknown }).default;
  return {
    default: (...a: unknown[]) => {
      counts.jsonata++;
      return original(...a);
    },
  };
});

describe('transform: compiled once, at start-up', () => {
  it('compiles templates, expressions and regexes in setup and never per request', async () => {
    const handlebars = vi.spyOn(
      (Handlebars as unknown as { JavaScriptCompiler: { prototype: { compile(...a: unknown[]): unknown } } })
        .JavaScriptCompiler.prototype,
      'compile',
    );
    const re2 = vi.spyOn(RE2JS, 'compile');
    const processor = await transformProcessor(
      {
        request: {
          set: { 'x-a': '{{header "x"}}', 'x-b': '{{regex (header "x") "^(\\w+)"}}' },
          body: { parseAs: 'json', jsonata: '{ "a": $replace(a, /b+/, "c") }' },
        },
        response: {
          set: { 'x-c': '{{#each (headers "x")}}{{this}}{{/each}}' },
          body: { parseAs: 'json', value: '{"v": {{jsonEscape v}}}' },
        },
      },
      { processingMode: MODES.BUFFERED },
    );
    const atSetup = {
      handlebars: handlebars.mock.calls.length,
      re2: re2.mock.calls.length,
      jsonata: counts.jsonata,
    };
    // Handlebars compiles each template and its block programs; one per template at least.
    expect(atSetup.handlebars).toBeGreaterThanOrEqual(4);
    expect(atSetup.re2).toBe(2);
    expect(atSetup.jsonata).toBe(1);
    for (let i = 0; i < 20; i++) {
      const r = await exchange(processor, {
        envoy: { processingMode: MODES.BUFFERED },
        request: { method: 'POST', headers: { x: `w${i} z` }, body: '{"a": "abbb"}' },
        upstream: { headers: { x: 'y' }, body: `{"v": ${i}}` },
      });
      expect(r.violations).toEqual([]);
      expect(r.upstream?.body.toString()).toBe('{"a":"ac"}');
      expect(r.upstream?.headers.get('x-b')).toBe(`w${i}`);
      expect(r.downstream.body.toString()).toBe(`{"v": ${i}}`);
    }
    expect({
      handlebars: handlebars.mock.calls.length,
      re2: re2.mock.calls.length,
      jsonata: counts.jsonata,
    }).toEqual(atSetup);
    handlebars.mockRestore();
    re2.mockRestore();
  });
});
