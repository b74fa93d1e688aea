import { describe, expect, it } from 'vitest';
import { AttacheError, ErrorCode } from '../errors.js';
import { createProcessor, definePlugin } from '../index.js';
import { type EnvoyFilterConfig, runExchange } from '../testing/index.js';
import {
  checkRemove,
  checkSet,
  checkValue,
  headerValueBytes,
  type MutationRules,
  methodNeedsReplace,
  normalizeHeaderName,
  prepareMutationRules,
} from './header-rules.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof AttacheError ? e.code : 'other';
  }
  return undefined;
}

describe('header rules (Envoy defaults, §6.3)', () => {
  it('lower-cases names and refuses malformed or empty ones', () => {
    expect(normalizeHeaderName('X-Foo')).toBe('x-foo');
    expect(normalizeHeaderName(':path')).toBe(':path');
    for (const bad of ['', 'a b', 'a:b', 'é', '::x']) {
      expect(code(() => normalizeHeaderName(bad))).toBe(ErrorCode.INVALID_HEADER);
    }
  });

  it('refuses NUL, CR and LF in values but keeps obs-text and UTF-8', () => {
    expect(code(() => headerValueBytes('x', 'a\r\nb'))).toBe(ErrorCode.INVALID_HEADER);
    expect(code(() => headerValueBytes('x', 'a\0'))).toBe(ErrorCode.INVALID_HEADER);
    expect(headerValueBytes('x', 'José').toString('utf8')).toBe('José');
    expect([...headerValueBytes('x', new Uint8Array([0x80, 0xff]))]).toEqual([0x80, 0xff]);
  });

  it('refuses routing and x-envoy headers by default, allows :path and :status', () => {
    for (const n of ['host', ':authority', ':scheme', ':method']) {
      expect(code(() => checkSet(n, 'request', {}, false, false))).toBe(ErrorCode.MUTATION_REFUSED);
    }
    expect(code(() => checkSet('x-envoy-foo', 'request', {}, false, false))).toBe(ErrorCode.MUTATION_REFUSED);
    expect(code(() => checkSet(':path', 'request', {}, false, false))).toBeUndefined();
    expect(code(() => checkSet(':status', 'response', {}, false, false))).toBeUndefined();
  });

  it('honours allow_all_routing, allow_envoy, disallow_system and disallow_all', () => {
    expect(code(() => checkSet('host', 'request', { allowAllRouting: true }, false, false))).toBeUndefined();
    expect(code(() => checkSet('x-envoy-a', 'request', { allowEnvoy: true }, false, false))).toBeUndefined();
    expect(code(() => checkSet(':path', 'request', { disallowSystem: true }, false, false))).toBe(
      ErrorCode.MUTATION_REFUSED,
    );
    expect(code(() => checkSet('x-a', 'request', { disallowAll: true }, false, false))).toBe(
      ErrorCode.MUTATION_REFUSED,
    );
  });

  it('allows :method only when replacing the message (CONTINUE_AND_REPLACE)', () => {
    expect(code(() => checkSet(':method', 'request', {}, false, true))).toBeUndefined();
  });

  it('never removes pseudo-headers or host, and never appends to a pseudo-header', () => {
    expect(code(() => checkRemove(':path', 'request', {}))).toBe(ErrorCode.MUTATION_REFUSED);
    expect(code(() => checkRemove('host', 'request', {}))).toBe(ErrorCode.MUTATION_REFUSED);
    expect(code(() => checkRemove('x-a', 'request', {}))).toBeUndefined();
    expect(code(() => checkSet(':path', 'request', {}, true, false))).toBe(ErrorCode.MUTATION_REFUSED);
  });

  it('refuses pseudo-headers of the wrong block', () => {
    expect(code(() => checkSet(':status', 'request', {}, false, false))).toBe(ErrorCode.MUTATION_REFUSED);
    expect(code(() => checkSet(':path', 'response', {}, false, false))).toBe(ErrorCode.MUTATION_REFUSED);
    expect(code(() => checkSet(':path', 'trailers', {}, false, false))).toBe(ErrorCode.MUTATION_REFUSED);
  });

  it('accepts :status only as a 3-digit code of at least 200 (§18.51)', () => {
    expect(code(() => checkValue(':status', Buffer.from('299')))).toBeUndefined();
    for (const bad of ['abc', '99', '199', '2000']) {
      expect(code(() => checkValue(':status', Buffer.from(bad)))).toBe(ErrorCode.MUTATION_REFUSED);
    }
  });
});

describe('mutation_rules expressions and flags as Envoy orders them (§6.3)', () => {
  const set = (name: string, rules: MutationRules) =>
    code(() => checkSet(name, 'request', rules, false, false));
  const remove = (name: string, rules: MutationRules) => code(() => checkRemove(name, 'request', rules));
  const REFUSED = ErrorCode.MUTATION_REFUSED;

  it('allowExpression allows what the flags refuse; it must match the whole name', () => {
    const rules = { allowExpression: 'x-envoy-.*|host', disallowAll: true };
    expect(set('x-envoy-a', rules)).toBeUndefined();
    expect(set('host', rules)).toBeUndefined();
    expect(remove('x-envoy-a', rules)).toBeUndefined();
    expect(set('x-other', rules)).toBe(REFUSED);
    expect(set('x-envoy-a', { allowExpression: 'envoy' })).toBe(REFUSED);
  });

  it('disallowExpression wins over everything, removals included', () => {
    const rules = { allowExpression: '.*', disallowExpression: 'x-secret-.*', allowAllRouting: true };
    expect(set('x-secret-a', rules)).toBe(REFUSED);
    expect(remove('x-secret-a', rules)).toBe(REFUSED);
    expect(set('x-public', rules)).toBeUndefined();
  });

  it('never removes pseudo-headers or host, and keeps pseudo-headers in their block, whatever the expressions say', () => {
    const rules = { allowExpression: '.*' };
    expect(remove(':path', rules)).toBe(REFUSED);
    expect(remove('host', rules)).toBe(REFUSED);
    expect(code(() => checkSet(':status', 'request', rules, false, false))).toBe(REFUSED);
  });

  it('disallowSystem refuses `:` headers only, and the Envoy prefix is `x-envoy` without a dash', () => {
    expect(set('host', { allowAllRouting: true, disallowSystem: true })).toBeUndefined();
    expect(set(':path', { disallowSystem: true })).toBe(REFUSED);
    expect(set('x-envoyish', {})).toBe(REFUSED);
    expect(set('x-envoyish', { allowEnvoy: true })).toBeUndefined();
  });

  it(':method needs CONTINUE_AND_REPLACE unless the rules allow it outright', () => {
    expect(methodNeedsReplace({})).toBe(true);
    expect(methodNeedsReplace({ allowAllRouting: true })).toBe(false);
    expect(methodNeedsReplace({ allowExpression: ':method' })).toBe(false);
    expect(methodNeedsReplace({ allowAllRouting: true, disallowExpression: ':.*' })).toBe(true);
  });

  it('a bad expression is a configuration error naming the field, raised before any plugin runs', async () => {
    expect(() => prepareMutationRules({ allowExpression: 'a)|(b' })).toThrow(/allowExpression/);
    expect(() => prepareMutationRules({ disallowExpression: '(' })).toThrow(
      /^mutationRules\.disallowExpression: invalid regular expression/,
    );
    let setups = 0;
    const plugin = definePlugin({
      name: 'p',
      setup: () => {
        setups++;
        return {};
      },
    });
    const error = await createProcessor({
      plugins: [{ plugin }],
      mutationRules: { allowExpression: '[' },
    }).catch((e: unknown) => e);
    expect((error as AttacheError).code).toBe(ErrorCode.CONFIG_INVALID);
    expect(setups).toBe(0);
  });

  it("the prepared copy is frozen and independent of the caller's object", () => {
    const input = { allowExpression: 'x-a' };
    const rules = prepareMutationRules(input);
    input.allowExpression = 'x-b';
    expect(Object.isFrozen(rules)).toBe(true);
    expect(rules.allowExpression).toBe('x-a');
    // A caller's own (unfrozen) object: a changed expression is recompiled, never stale.
    const own: { allowExpression: string } = { allowExpression: 'x-envoy-a' };
    expect(set('x-envoy-a', own)).toBeUndefined();
    own.allowExpression = 'x-envoy-b';
    expect(set('x-envoy-a', own)).toBe(REFUSED);
  });
});

describe('one MutationRules shape for attache and the test kit', () => {
  // The same object configures attache and the simulated Envoy filter: what attache lets through,
  // Envoy applies; what attache refuses, the plugin learns at the call.
  async function exchange(rules: MutationRules, headers: readonly string[]) {
    const outcomes: Record<string, string> = {};
    const plugin = definePlugin({
      name: 'p',
      setup: () => ({
        requestHeaders: (ctx) => {
          for (const name of headers) outcomes[name] = code(() => ctx.mutate.set(name, 'v')) ?? 'set';
        },
      }),
    });
    const processor = await createProcessor({ plugins: [{ plugin }], mutationRules: rules });
    const envoy: EnvoyFilterConfig = { mutationRules: { ...rules, disallowIsError: true } };
    const res = await runExchange(processor, { envoy });
    expect(res.violations).toEqual([]);
    expect(res.stats.rejected_header_mutations).toBe(0);
    return { outcomes, upstream: res.upstream?.headers };
  }

  it('allowExpression: the plugin may set x-envoy headers it matches, and Envoy applies them', async () => {
    const { outcomes, upstream } = await exchange({ allowExpression: 'x-envoy-trace-.*' }, [
      'x-envoy-trace-id',
      'x-envoy-other',
    ]);
    expect(outcomes).toEqual({ 'x-envoy-trace-id': 'set', 'x-envoy-other': ErrorCode.MUTATION_REFUSED });
    expect(upstream?.get('x-envoy-trace-id')).toBe('v');
    expect(upstream?.has('x-envoy-other')).toBe(false);
  });

  it('disallowExpression: refused at the call, never sent for Envoy to reject', async () => {
    const { outcomes, upstream } = await exchange({ disallowExpression: 'x-internal-.*' }, [
      'x-internal-user',
      'x-public',
    ]);
    expect(outcomes).toEqual({ 'x-internal-user': ErrorCode.MUTATION_REFUSED, 'x-public': 'set' });
    expect(upstream?.has('x-internal-user')).toBe(false);
    expect(upstream?.get('x-public')).toBe('v');
  });
});
