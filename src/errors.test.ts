/**
 * Every exported error code is raised: one trigger per code, through the public API a plugin
 * author or operator uses, and each must produce exactly that code. The table is typed by the
 * codes (a code without a trigger does not compile) and checked against the exported table at run
 * time, so a code that nothing raises cannot hide here.
 */
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../test/support/recording-logger.js';
import { rejectionOf } from '../test/support/rejection.js';
import {
  AttacheError,
  type BodyContext,
  createProcessor,
  createServer,
  definePlugin,
  ErrorCode,
  type Handlers,
  type HeadersContext,
  type ProcessorOptions,
  type Workers,
  z,
} from './index.js';
import { type ExchangeSpec, runExchange } from './testing/index.js';

/** Calls `fn` and returns what it threw (or `undefined`). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/**
 * Runs one exchange through a processor of one plugin and returns the errors attache logged
 * (the `err` of every log line that has one), plus whatever the handlers recorded in `caught`.
 */
async function exchange(
  handlers: (caught: unknown[]) => Handlers,
  spec: ExchangeSpec = {},
  options: Partial<ProcessorOptions> = {},
): Promise<{ logged: unknown[]; caught: unknown[] }> {
  const { log, lines } = recordingLogger();
  const caught: unknown[] = [];
  const plugin = definePlugin({ name: 'p', setup: () => handlers(caught) });
  const processor = await createProcessor({ timeoutMs: 100, ...options, plugins: [{ plugin }], log });
  await runExchange(processor, spec);
  return { logged: lines.flatMap((l) => (l.fields.err === undefined ? [] : [l.fields.err])), caught };
}

/** The one error a handler caught while calling `fn` in request_headers. */
async function caughtInRequestHeaders(fn: (ctx: HeadersContext) => unknown, spec: ExchangeSpec = {}) {
  const { caught } = await exchange(
    (c) => ({ requestHeaders: (ctx) => void c.push(thrownBy(() => fn(ctx))) }),
    spec,
  );
  expect(caught).toHaveLength(1);
  return caught[0];
}

/** The one error attache logged for the exchange. */
async function loggedBy(...args: Parameters<typeof exchange>): Promise<unknown> {
  const { logged } = await exchange(...args);
  expect(logged).toHaveLength(1);
  return logged[0];
}

/**
 * The one error logged for an exchange whose request body handler hands the body to a worker
 * task (the test fixture module, always in the pool) through `task`.
 */
async function loggedByWorkerTask(
  task: (workers: Workers<{ mode: 'throw' | 'upper' }, unknown>, ctx: BodyContext) => unknown,
  timeoutMs = 5_000,
): Promise<unknown> {
  const { log, lines } = recordingLogger();
  const plugin = definePlugin({
    name: 'p',
    async setup(_o, api) {
      const workers = (await api.workers({
        module: './workers/fixtures/task.mjs',
        threshold: 0,
      })) as Workers<{ mode: 'throw' | 'upper' }, unknown>;
      return { requestBody: async (ctx) => void (await task(workers, ctx)) };
    },
  });
  // The message budget as generous as the handler's: a cold thread on a busy machine is slow.
  const processor = await createProcessor({
    timeoutMs,
    messageTimeoutMs: timeoutMs + 10,
    plugins: [{ plugin }],
    log,
  });
  try {
    await runExchange(processor, {
      envoy: { ...BUFFERED_REQUEST, messageTimeoutMs: 10_000 },
      request: { method: 'POST', body: 'abc' },
    });
  } finally {
    await processor.close();
  }
  const logged = lines.flatMap((l) => (l.fields.err === undefined ? [] : [l.fields.err]));
  expect(logged).toHaveLength(1);
  return logged[0];
}

const BUFFERED_REQUEST = { processingMode: { requestBodyMode: 'BUFFERED' } } as const;
/**
 * A STREAMED request body whose trailers the filter sends, declared to attache too: without it,
 * attache refuses STREAMED body plugins it cannot see the end of (README, "Limits and edges").
 */
const STREAMED_REQUEST = {
  processingMode: { requestBodyMode: 'STREAMED', requestTrailerMode: 'SEND' },
} as const;

const triggers: Record<ErrorCode, () => Promise<unknown>> = {
  [ErrorCode.MUTATION_REFUSED]: () =>
    caughtInRequestHeaders((ctx) => ctx.mutate.set('x-envoy-upstream', '1')),
  [ErrorCode.INVALID_HEADER]: () => caughtInRequestHeaders((ctx) => ctx.mutate.set('x-a', 'a\r\nb')),
  [ErrorCode.INVALID_ARGUMENT]: () => caughtInRequestHeaders((ctx) => ctx.setMetadata('', { a: 1 })),
  [ErrorCode.PHASE_UNSUPPORTED]: async () => {
    // STREAMED body replies cannot carry header mutations (§4.6).
    const { caught } = await exchange(
      (c) => ({ requestBodyChunk: (ctx) => void c.push(thrownBy(() => ctx.mutate.set('x-late', '1'))) }),
      { envoy: STREAMED_REQUEST, request: { method: 'POST', body: 'abc' } },
      STREAMED_REQUEST,
    );
    return caught.find((e) => e !== undefined);
  },
  [ErrorCode.MODE_OVERRIDE_REFUSED]: () =>
    caughtInRequestHeaders((ctx) => ctx.overrideMode({ responseHeaders: 'skip' }), {
      envoy: { allowModeOverride: true },
    }),
  [ErrorCode.TIMEOUT_OVERRIDE_REFUSED]: () => caughtInRequestHeaders((ctx) => ctx.requestMoreTime(100)),
  [ErrorCode.BODY_INVALID_UTF8]: () =>
    loggedBy(() => ({ requestBody: (ctx) => void ctx.body.text() }), {
      envoy: BUFFERED_REQUEST,
      request: { method: 'POST', body: new Uint8Array([0x61, 0xff]) },
    }),
  [ErrorCode.BODY_INVALID_JSON]: () =>
    loggedBy(() => ({ requestBody: (ctx) => void ctx.body.json() }), {
      envoy: BUFFERED_REQUEST,
      request: { method: 'POST', body: '{"a":' },
    }),
  [ErrorCode.HANDLER_RESULT]: () => loggedBy(() => ({ requestHeaders: () => 42 as never })),
  [ErrorCode.HANDLER_TIMEOUT]: () =>
    loggedBy(() => ({ requestHeaders: () => new Promise<undefined>(() => {}) }), {}, { timeoutMs: 10 }),
  [ErrorCode.PLUGIN_INVALID]: async () => thrownBy(() => definePlugin({ name: 'p' } as never)),
  [ErrorCode.PLUGIN_OPTIONS]: () => {
    const plugin = definePlugin({ name: 'p', options: z.object({ n: z.number() }), setup: () => ({}) });
    return rejectionOf(createProcessor({ plugins: [{ plugin, options: { n: 'one' } }] }));
  },
  [ErrorCode.PLUGIN_SETUP]: () => {
    const plugin = definePlugin({
      name: 'p',
      setup: () => {
        throw new Error('no database');
      },
    });
    return rejectionOf(createProcessor({ plugins: [{ plugin }] }));
  },
  [ErrorCode.CONFIG_INVALID]: () => rejectionOf(createProcessor({ plugins: [], failureStatus: 200 })),
  [ErrorCode.LISTEN_FAILED]: async () => {
    const server = await createServer({ plugins: [], log: recordingLogger().log });
    try {
      await server.listen('127.0.0.1:0');
      return await rejectionOf(server.listen('127.0.0.1:0'));
    } finally {
      await server.close();
    }
  },
  [ErrorCode.BODY_TOO_LARGE]: () =>
    loggedBy(
      // A whole-body plugin under STREAMED makes attache collect the chunks itself.
      () => ({ requestBody: () => undefined }),
      {
        envoy: STREAMED_REQUEST,
        request: { method: 'POST', body: ['ab', 'cd', 'ef'], pacing: 'on-idle' },
      },
      { maxBodyBytes: 5, ...STREAMED_REQUEST },
    ),
  [ErrorCode.BODY_UNFLUSHABLE]: () =>
    // Under STREAMED, trailers end the body without an end-of-stream chunk: the byte a chunk
    // plugin adds at the last chunk has no reply left to travel in (§4.6).
    loggedBy(
      () => ({ requestBodyChunk: (ctx) => void ctx.mutate.replaceChunk(`${ctx.chunk.text()}!`) }),
      {
        envoy: STREAMED_REQUEST,
        request: { method: 'POST', body: ['ab', 'cd'], trailers: { t: '1' }, pacing: 'on-idle' },
      },
      STREAMED_REQUEST,
    ),
  [ErrorCode.WORKER_FAILED]: () =>
    loggedByWorkerTask((workers, ctx) => workers.run(ctx.body.bytes(), ctx, { mode: 'throw' })),
  [ErrorCode.WORKER_SHED]: () =>
    // The handler holds the event loop past its budget, then hands off work: no time is left.
    loggedByWorkerTask((workers, ctx) => {
      const until = performance.now() + 40;
      while (performance.now() < until);
      return workers.run(ctx.body.bytes(), ctx, { mode: 'upper' });
    }, 20),
  [ErrorCode.PHASE_CLOSED]: async () => {
    let late: HeadersContext | undefined;
    await exchange(() => ({ requestHeaders: (ctx) => void (late = ctx) }));
    expect(late).toBeDefined();
    return thrownBy(() => late?.mutate.set('x-late', '1'));
  },
};

describe('error codes', () => {
  it('has one trigger per exported code, and no other', () => {
    expect(Object.keys(triggers).sort()).toEqual(Object.values(ErrorCode).sort());
    expect(new Set(Object.values(ErrorCode)).size).toBe(Object.keys(ErrorCode).length);
    for (const [key, code] of Object.entries(ErrorCode)) expect(code).toBe(`ATTACHE_ERR_${key}`);
  });

  for (const [code, trigger] of Object.entries(triggers)) {
    it(`${code} is raised`, async () => {
      const error = await trigger();
      expect(error).toBeInstanceOf(AttacheError);
      expect((error as AttacheError).code).toBe(code);
    });
  }
});
