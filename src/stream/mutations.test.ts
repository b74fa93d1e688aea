/**
 * Header changes do not assume attache saw every value: Envoy's `forward_rules` may hide a header
 * from the processor while Envoy still holds it. `set` replaces every value Envoy holds, `append`
 * adds to them, and `remove` always reaches Envoy (removing an absent header is a no-op there).
 */
import { describe, expect, it } from 'vitest';
import { definePlugin } from '../plugin/define-plugin.js';
import type { Handlers } from '../plugin/types.js';
import { createProcessor } from '../processor.js';
import { runExchange } from '../testing/exchange.js';

const HIDDEN = { disallowedHeaders: [{ prefix: 'x-hidden' }] };

async function processorWith(handlers: Handlers) {
  return createProcessor({ plugins: [{ plugin: definePlugin({ name: 'p', setup: () => handlers }) }] });
}

describe('changes to headers that forward_rules hide from attache', () => {
  it('remove, set and append reach Envoy in the request and response headers', async () => {
    const seen: unknown[] = [];
    const p = await processorWith({
      requestHeaders: (ctx) => {
        seen.push(ctx.headers.get('x-hidden-gone'), ctx.headers.get('x-hidden-set'));
        ctx.mutate.remove('x-hidden-gone').set('x-hidden-set', 'new').append('x-hidden-add', 'b');
      },
      responseHeaders: (ctx) => void ctx.mutate.remove('x-hidden-gone'),
    });
    const r = await runExchange(p, {
      envoy: { forwardRules: HIDDEN },
      request: {
        headers: { 'x-hidden-gone': 'secret', 'x-hidden-set': 'old', 'x-hidden-add': 'a', 'x-seen': '1' },
      },
      upstream: { headers: { 'x-hidden-gone': 'upstream-secret' } },
    });
    expect(r.violations).toEqual([]);
    expect(seen).toEqual([undefined, undefined]);
    expect(r.upstream?.headers.get('x-hidden-gone')).toBeUndefined();
    expect(r.upstream?.headers.getAll('x-hidden-set')).toEqual(['new']);
    expect(r.upstream?.headers.getAll('x-hidden-add')).toEqual(['a', 'b']);
    expect(r.upstream?.headers.get('x-seen')).toBe('1');
    expect(r.downstream.headers.get('x-hidden-gone')).toBeUndefined();
  });

  it('remove reaches Envoy from a buffered body phase (headers held) and from trailers', async () => {
    const p = await processorWith({
      requestBody: (ctx) => void ctx.mutate.remove('x-hidden-gone'),
      requestTrailers: (ctx) => void ctx.mutate.remove('x-hidden-trailer'),
    });
    const r = await runExchange(p, {
      envoy: {
        forwardRules: HIDDEN,
        processingMode: { requestBodyMode: 'BUFFERED', requestTrailerMode: 'SEND' },
      },
      request: {
        method: 'POST',
        headers: { 'x-hidden-gone': 'secret' },
        body: 'abc',
        trailers: { 'x-hidden-trailer': 't', 'x-kept': 'k' },
      },
    });
    expect(r.violations).toEqual([]);
    expect(r.upstream?.headers.get('x-hidden-gone')).toBeUndefined();
    expect(r.upstream?.trailers?.get('x-hidden-trailer')).toBeUndefined();
    expect(r.upstream?.trailers?.get('x-kept')).toBe('k');
    expect(r.upstream?.body.toString()).toBe('abc');
  });

  it('removing a header nobody has is a no-op at Envoy, not a violation', async () => {
    const p = await processorWith({ requestHeaders: (ctx) => void ctx.mutate.remove('x-absent') });
    const r = await runExchange(p, { request: { headers: { 'x-present': '1' } } });
    expect(r.violations).toEqual([]);
    expect(r.received[0]?.response?.$case).toBe('requestHeaders');
    expect(r.upstream?.headers.get('x-present')).toBe('1');
  });
});
