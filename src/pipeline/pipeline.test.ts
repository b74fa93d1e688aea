import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AttacheError, ErrorCode } from '../errors.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { Pipeline } from './pipeline.js';

const noop = definePlugin({ name: 'noop', setup: () => ({ requestHeaders: () => undefined }) });

async function error(promise: Promise<unknown>): Promise<AttacheError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AttacheError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('Pipeline.create', () => {
  it('binds handlers per phase and leaves unused phases null', async () => {
    const p = await Pipeline.create([{ plugin: noop }, { plugin: noop, name: 'noop2' }]);
    expect(p.steps.requestHeaders?.map((s) => s.name)).toEqual(['noop', 'noop2']);
    expect(p.steps.responseBody).toBeNull();
    expect(p.streamEnd).toBeNull();
  });

  it('validates options with the schema and names the field', async () => {
    const plugin = definePlugin({
      name: 'typed',
      options: z.object({ header: z.string(), count: z.number().int() }),
      setup: (o) => {
        const n: number = o.count;
        return { requestHeaders: () => void n };
      },
    });
    const e = await error(
      Pipeline.create([{ plugin, options: { header: 1, count: 1 } }], { where: 'app.yaml: plugins' }),
    );
    expect(e.code).toBe(ErrorCode.PLUGIN_OPTIONS);
    expect(e.message).toContain('app.yaml: plugins[0] (typed).options.header:');
  });

  it('passes the parsed options to setup', async () => {
    let seen: unknown;
    const plugin = definePlugin({
      name: 'defaults',
      options: z.object({ n: z.number().default(7) }),
      setup: (o) => {
        seen = o;
        return {};
      },
    });
    await Pipeline.create([{ plugin, options: {} }]);
    expect(seen).toEqual({ n: 7 });
  });

  it('refuses duplicate instance names', async () => {
    const e = await error(Pipeline.create([{ plugin: noop }, { plugin: noop }]));
    expect(e.message).toMatch(/plugins\[1\]: duplicate plugin name "noop"/);
  });

  it('names a plugin whose setup throws', async () => {
    const bad = definePlugin({
      name: 'bad',
      setup: () => {
        throw new Error('no key');
      },
    });
    const e = await error(Pipeline.create([{ plugin: noop }, { plugin: bad }]));
    expect(e.code).toBe(ErrorCode.PLUGIN_SETUP);
    expect(e.message).toBe('plugins[1] (bad): setup failed: no key');
  });

  it('names a plugin whose setup never finishes, and closes the ones already set up', async () => {
    let closed = false;
    const closing = definePlugin({ name: 'closing', setup: () => ({ close: () => void (closed = true) }) });
    const hang = definePlugin({ name: 'hang', setup: () => new Promise<never>(() => {}) });
    const e = await error(Pipeline.create([{ plugin: closing }, { plugin: hang }], { setupTimeoutMs: 20 }));
    expect(e.message).toBe('plugins[1] (hang): setup did not finish within 20 ms');
    expect(closed).toBe(true);
  });

  it('refuses unknown handler names (typos) and non-plugins', async () => {
    const typo = definePlugin({ name: 'typo', setup: () => ({ requestHeader: () => undefined }) as never });
    expect((await error(Pipeline.create([{ plugin: typo }]))).message).toMatch(
      /unknown handler "requestHeader"/,
    );
    expect((await error(Pipeline.create([{ plugin: {} as never }]))).code).toBe(ErrorCode.PLUGIN_INVALID);
  });

  it('checks declared modeOverrides at startup, naming the plugin and the entry', async () => {
    const declaring = (modeOverrides: unknown, handlers: object = { requestHeaders: () => undefined }) =>
      definePlugin({ name: 'modes', setup: () => ({ ...handlers, modeOverrides }) as never });
    const cases: Array<[unknown, RegExp, object?]> = [
      [{ requestBody: 'buffered' }, /plugins\[0\] \(modes\): modeOverrides must be an array/],
      [[null], /modeOverrides\[0\] must be an object/],
      [[{ requestbody: 'buffered' }], /modeOverrides\[0\]: unknown field "requestbody"/],
      [[{}, { requestBody: 'BUFFERED' }], /modeOverrides\[1\]\.requestBody must be one of none, streamed/],
      [[{ responseHeaders: 'none' }], /modeOverrides\[0\]\.responseHeaders must be one of send, skip/],
      [
        [{ requestBody: 'buffered' }],
        /only a requestHeaders or responseHeaders handler/,
        { requestBody: () => undefined },
      ],
    ];
    for (const [value, message, handlers] of cases) {
      const e = await error(Pipeline.create([{ plugin: declaring(value, handlers) }]));
      expect(e.code).toBe(ErrorCode.PLUGIN_INVALID);
      expect(e.message).toMatch(message);
    }
    const p = await Pipeline.create([
      { plugin: noop },
      { plugin: declaring([{ requestBody: 'buffered', responseTrailers: 'send' }]) },
    ]);
    expect(p.modeOverrides).toEqual([[], [{ requestBody: 'buffered', responseTrailers: 'send' }]]);
  });

  it('checks a declared headersFromBody at startup, naming the plugin and the entry', async () => {
    const declaring = (headersFromBody: unknown, handlers: object = { requestBody: () => undefined }) =>
      definePlugin({ name: 'hfb', setup: () => ({ ...handlers, headersFromBody }) as never });
    const cases: Array<[unknown, RegExp, object?]> = [
      ['request', /plugins\[0\] \(hfb\): headersFromBody must be an array of directions/],
      [['request', 'both'], /headersFromBody\[1\] must be 'request' or 'response', got "both"/],
      [
        ['response'],
        /headersFromBody\[0\]: 'response' declared, but the plugin has no responseBody or responseBodyChunk handler/,
      ],
      [['request'], /no requestBody or requestBodyChunk handler/, { requestHeaders: () => undefined }],
    ];
    for (const [value, message, handlers] of cases) {
      const e = await error(Pipeline.create([{ plugin: declaring(value, handlers) }]));
      expect(e.code).toBe(ErrorCode.PLUGIN_INVALID);
      expect(e.message).toMatch(message);
    }
    const p = await Pipeline.create([
      { plugin: noop },
      { plugin: declaring(['request', 'request'], { requestBodyChunk: () => undefined }) },
    ]);
    expect(p.headersFromBody).toEqual([[], ['request']]);
  });

  it('refuses a failure status outside 400-599', async () => {
    expect((await error(Pipeline.create([], { failureStatus: 200 }))).code).toBe(ErrorCode.CONFIG_INVALID);
  });
});

describe('plugin compatibility', () => {
  it('refuses a plugin whose declared attache range excludes this version, naming it', async () => {
    const { ATTACHE_VERSION } = await import('../version.js');
    const old = definePlugin({ name: 'old', attache: '<0.0.1', setup: () => ({}) });
    await expect(Pipeline.create([{ plugin: old }], { where: 'a.yaml: plugins' })).rejects.toThrow(
      `a.yaml: plugins[0] (old): the plugin supports attache <0.0.1, this is attache ${ATTACHE_VERSION}`,
    );
    const ok = definePlugin({ name: 'ok', attache: `^${ATTACHE_VERSION}`, setup: () => ({}) });
    await expect(Pipeline.create([{ plugin: ok }])).resolves.toBeInstanceOf(Pipeline);
  });

  it('refuses a malformed range at definePlugin', () => {
    expect(() => definePlugin({ name: 'bad', attache: 'not a range', setup: () => ({}) })).toThrow(
      /attache must be a semver range/,
    );
  });
});

describe('processingModeDerived', () => {
  const chunks = definePlugin({ name: 'chunks', setup: () => ({ responseBodyChunk: () => undefined }) });

  it('relies on what the generated filter sends for the fields the config leaves out', async () => {
    const declaredOnly = await Pipeline.create([{ plugin: chunks }], {
      processingMode: { responseBodyMode: 'STREAMED' },
      allowModeOverride: true,
    });
    expect(declaredOnly.trailersDeclared).toEqual({ request: false, response: false });
    const derived = await Pipeline.create([{ plugin: chunks }], {
      processingMode: { responseBodyMode: 'STREAMED' },
      processingModeDerived: true,
    });
    // `attache envoy` writes response_trailer_mode SEND behind a streamed response body.
    expect(derived.trailersDeclared).toEqual({ request: false, response: true });
    expect(derived.filterMode).toMatchObject({ responseBodyMode: 'STREAMED', responseTrailerMode: 'SEND' });
  });

  it('still refuses a declared trailer mode that hides where a streamed body ends', async () => {
    const e = await error(
      Pipeline.create([{ plugin: chunks }], {
        processingMode: { responseBodyMode: 'STREAMED', responseTrailerMode: 'SKIP' },
        processingModeDerived: true,
        processingModeWhere: 'attache.yaml: envoy.processingMode',
      }),
    );
    expect(e.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(e.message).toContain('attache.yaml: envoy.processingMode.responseTrailerMode');
  });
});
