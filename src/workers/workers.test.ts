/**
 * Worker tasks (`api.workers`) through real exchanges: inline below the threshold and in the
 * pool from it with the same results, transfer of collected bodies vs copies, shedding on the
 * message's deadline, cancelling on stream end, and failures that stay inside their exchange.
 *
 * The pool has one thread here (set before it starts), so a `block` task makes the next ones
 * wait; tests release it through shared memory, never by timing.
 */
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { rejectionOf } from '../../test/support/rejection.js';
import {
  type AttacheError,
  createProcessor,
  definePlugin,
  ErrorCode,
  type PhaseContextBase,
  type Processor,
} from '../index.js';
import { type ExchangeSpec, inProcessChannel, runExchange } from '../testing/index.js';
import { configureWorkerPool, workerPoolStats } from './pool.js';
import type { Workers } from './types.js';

type Mode = 'upper' | 'throw' | 'exit' | 'oom' | 'block' | 'count';
type Result = { out: Uint8Array; thread: number };

const shared = new SharedArrayBuffer(12);
const counters = new Int32Array(shared);
const MODULE = './fixtures/task.mjs';
const THRESHOLD = 1024;

beforeAll(() => {
  configureWorkerPool({ threads: 1, maxHeapMb: 32 });
});

/** Waits until `check` holds, polling (no timing is asserted). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

interface Seen {
  thread?: number;
  detached?: boolean;
  error?: unknown;
}

/**
 * A processor of one plugin whose request body handler sends the body through the fixture
 * (mode from the `x-mode` header) and replaces it with the result.
 */
async function processorWith(
  options: {
    failure?: 'open' | 'closed';
    timeoutMs?: number;
    messageTimeoutMs?: number;
    maxMessageTimeoutMs?: number;
    moreTime?: number;
  } = {},
) {
  const seen: Seen[] = [];
  let handle: Workers<{ mode: Mode }, Result> | undefined;
  const plugin = definePlugin({
    name: 'upper',
    async setup(_o, api) {
      handle = (await api.workers<typeof import('./fixtures/task.mjs').default>({
        module: MODULE,
        options: { tag: '!', shared },
        threshold: THRESHOLD,
      })) as unknown as Workers<{ mode: Mode }, Result>;
      const h = handle;
      return {
        requestBody: async (ctx) => {
          const record: Seen = {};
          seen.push(record);
          if (options.moreTime !== undefined) ctx.requestMoreTime(options.moreTime);
          const bytes = ctx.body.bytes();
          try {
            const r = await h.run(bytes, ctx, { mode: (ctx.headers?.get('x-mode') ?? 'upper') as Mode });
            record.thread = r.thread;
            record.detached = bytes.buffer.byteLength === 0;
            ctx.mutate.replaceBody(r.out);
          } catch (error) {
            record.error = error;
            record.detached = bytes.buffer.byteLength === 0;
            throw error;
          }
        },
      };
    },
  });
  const { log } = recordingLogger();
  const processor = await createProcessor({
    plugins: [{ plugin, failure: options.failure }],
    timeoutMs: options.timeoutMs ?? 5_000,
    messageTimeoutMs: options.messageTimeoutMs ?? 6_000,
    maxMessageTimeoutMs: options.maxMessageTimeoutMs,
    log,
    ...STREAMED,
  });
  return { processor, seen, handle: () => handle as Workers<{ mode: Mode }, Result> };
}

const STREAMED = { processingMode: { requestBodyMode: 'STREAMED', requestTrailerMode: 'SEND' } } as const;
const BUFFERED = { processingMode: { requestBodyMode: 'BUFFERED' } } as const;

function body(size: number): string {
  return 'abcdefghij'.repeat(Math.ceil(size / 10)).slice(0, size);
}

function spec(
  text: string | string[],
  mode: Mode = 'upper',
  envoy: ExchangeSpec['envoy'] = BUFFERED,
): ExchangeSpec {
  // Envoy's timer far off: the processor's own budgets decide (and a cold pool may take a while).
  return {
    envoy: { ...envoy, messageTimeoutMs: 10_000, maxMessageTimeoutMs: 20_000 },
    request: { method: 'POST', headers: { 'x-mode': mode }, body: text, pacing: 'on-idle' },
  };
}

let processors: Processor[] = [];
afterAll(async () => {
  for (const p of processors) await p.close();
  processors = [];
});

async function make(...args: Parameters<typeof processorWith>) {
  const made = await processorWith(...args);
  processors.push(made.processor);
  return made;
}

describe('api.workers: inline below the threshold, pool from it', () => {
  it('runs a small body on the main thread and a large one in a pool thread, with the same function', async () => {
    const { processor, seen } = await make();
    const small = await runExchange(processor, spec(body(THRESHOLD - 1)));
    const large = await runExchange(processor, spec(body(THRESHOLD)));
    expect(small.violations).toEqual([]);
    expect(large.violations).toEqual([]);
    expect(seen[0]?.thread).toBe(threadId);
    expect(seen[1]?.thread).not.toBe(threadId);
    expect(small.upstream?.body.toString()).toBe(`${body(THRESHOLD - 1).toUpperCase()}!`);
    expect(large.upstream?.body.toString()).toBe(`${body(THRESHOLD).toUpperCase()}!`);
  });

  it('gives byte-identical results inline and in the pool over the same inputs', async () => {
    const inputs = [body(5000), 'ünïcödé '.repeat(400), Buffer.alloc(3000, 0xff).toString('latin1'), ''];
    const handles: Record<'inline' | 'pool', Workers<{ mode: Mode }, Result>> = {} as never;
    const plugin = definePlugin({
      name: 'both',
      async setup(_o, api) {
        for (const [which, threshold] of [
          ['inline', 2 ** 30],
          ['pool', 0],
        ] as const) {
          handles[which] = (await api.workers<typeof import('./fixtures/task.mjs').default>({
            module: MODULE,
            options: { tag: '!', shared },
            threshold,
          })) as unknown as Workers<{ mode: Mode }, Result>;
        }
        return {};
      },
    });
    processors.push(await createProcessor({ plugins: [{ plugin }] }));
    const fake = { stream: {} } as PhaseContextBase;
    for (const text of inputs) {
      const inline = (await handles.inline.run(Buffer.from(text), fake, { mode: 'upper' })) as Result;
      const pooled = (await handles.pool.run(Buffer.from(text), fake, { mode: 'upper' })) as Result;
      expect(inline.thread).toBe(threadId);
      expect(pooled.thread).not.toBe(threadId);
      expect(Buffer.from(pooled.out).equals(Buffer.from(inline.out))).toBe(true);
    }
  });
});

describe('api.workers: transfer vs copy', () => {
  it('transfers a body attache collected (STREAMED) when the plugin fails closed: the source is detached, the body comes back', async () => {
    const { processor, seen } = await make({ failure: 'closed' });
    const r = await runExchange(processor, spec([body(20_000), body(20_000)], 'upper', STREAMED));
    expect(r.violations).toEqual([]);
    expect(seen[0]?.detached).toBe(true);
    expect(r.upstream?.body.toString()).toBe(`${(body(20_000) + body(20_000)).toUpperCase()}!`);
  });

  it('copies a body Envoy sent in one message (a view of the received bytes)', async () => {
    const { processor, seen } = await make({ failure: 'closed' });
    const r = await runExchange(processor, spec(body(6000)));
    expect(seen[0]?.detached).toBe(false);
    expect(r.upstream?.body.toString()).toBe(`${body(6000).toUpperCase()}!`);
  });

  it('copies a collected body when the plugin fails open (the input must survive a failure)', async () => {
    const { processor, seen } = await make({ failure: 'open' });
    const r = await runExchange(processor, spec([body(3000), body(3000)], 'throw', STREAMED));
    expect(seen[0]?.detached).toBe(false);
    expect((seen[0]?.error as AttacheError | undefined)?.code).toBe(ErrorCode.WORKER_FAILED);
    // Fail-open: the body passes on unchanged, every byte of it.
    expect(r.upstream?.body.toString() ?? '').toBe(body(3000) + body(3000));
  });
});

describe('api.workers: failures stay in their exchange', () => {
  for (const mode of ['throw', 'exit', 'oom'] as const) {
    it(`a task that ${mode === 'throw' ? 'throws' : mode === 'exit' ? 'exits its thread' : 'runs out of memory'} fails its exchange only; the pool serves the next`, async () => {
      const { processor, seen } = await make({ failure: 'closed' });
      const [bad, good] = await Promise.all([
        runExchange(processor, spec(body(4000), mode)),
        runExchange(processor, spec(body(4000), 'upper')),
      ]);
      expect(bad.downstream.status).toBe(500);
      expect(good.upstream?.body.toString()).toBe(`${body(4000).toUpperCase()}!`);
      const error = seen.find((s) => s.error !== undefined)?.error as AttacheError;
      expect(error.code).toBe(ErrorCode.WORKER_FAILED);
      const after = await runExchange(processor, spec(body(4000), 'upper'));
      expect(after.upstream?.body.toString()).toBe(`${body(4000).toUpperCase()}!`);
    });
  }

  it('a worker module that fails to load or set up fails the start, naming module and plugin; others still start', async () => {
    for (const [module, reason] of [
      ['./fixtures/missing.mjs', /no file .*missing\.mjs/],
      ['./fixtures/bad-setup.mjs', /cannot compile the tables/],
      ['./fixtures/no-run.mjs', /no run function/],
    ] as const) {
      const plugin = definePlugin({
        name: 'broken',
        async setup(_o, api) {
          await api.workers({ module });
          return {};
        },
      });
      const error = (await rejectionOf(createProcessor({ plugins: [{ plugin }] }))) as AttacheError;
      expect(error.code).toBe(ErrorCode.PLUGIN_SETUP);
      expect(error.message).toMatch(/plugins\[0\] \(broken\)/);
      expect(error.message).toMatch(reason);
    }
    const { processor } = await make();
    const ok = await runExchange(processor, spec(body(4000)));
    expect(ok.upstream?.body.toString()).toBe(`${body(4000).toUpperCase()}!`);
  });
});

describe('api.workers: deadlines', () => {
  /** Occupies the pool's one thread until {@link release}. */
  async function block(h: Workers<{ mode: Mode }, Result>): Promise<{ running: Promise<unknown> }> {
    Atomics.store(counters, 1, 0);
    Atomics.store(counters, 2, 0);
    const running = Promise.resolve(
      h.run(Buffer.alloc(THRESHOLD), { stream: {} } as PhaseContextBase, { mode: 'block' }),
    ).catch((e: unknown) => e);
    await until(() => Atomics.load(counters, 1) === 1);
    // Wrapped: an async function returning the promise itself would wait for it.
    return { running };
  }
  function release(): void {
    Atomics.store(counters, 2, 1);
    Atomics.notify(counters, 2);
  }

  it('sheds a task still queued when its message runs out of time: never run, failure outcome applies', async () => {
    const { processor, seen, handle } = await make({
      failure: 'closed',
      timeoutMs: 40,
      messageTimeoutMs: 60,
    });
    const shedBefore = workerPoolStats().plugins.upper?.tasks.shed ?? 0;
    Atomics.store(counters, 0, 0);
    const blocked = await block(handle());
    const r = await runExchange(processor, spec(body(4000), 'count'));
    expect(r.downstream.status).toBe(500);
    await until(() => (workerPoolStats().plugins.upper?.tasks.shed ?? 0) > shedBefore);
    release();
    await blocked.running;
    await until(() => workerPoolStats().queueSize === 0);
    // One more task through the same thread: had the shed one stayed queued, it would run first.
    const after = await runExchange(processor, spec(body(4000), 'upper'));
    expect(after.upstream?.body.toString()).toBe(`${body(4000).toUpperCase()}!`);
    expect(Atomics.load(counters, 0)).toBe(0);
    expect(seen).toHaveLength(2);
  });

  it('ctx.requestMoreTime moves the deadline: a queued task then runs', async () => {
    const { processor, handle } = await make({
      failure: 'closed',
      timeoutMs: 40,
      messageTimeoutMs: 60,
      maxMessageTimeoutMs: 10_000,
      moreTime: 10_000,
    });
    Atomics.store(counters, 0, 0);
    const blocked = await block(handle());
    const pending = runExchange(processor, spec(body(4000), 'count'));
    // Well past the original 60 ms budget, still queued behind the blocked thread.
    await new Promise((r) => setTimeout(r, 200));
    release();
    await blocked.running;
    const r = await pending;
    expect(r.upstream?.body.toString()).toBe(`${body(4000).toUpperCase()}!`);
    expect(Atomics.load(counters, 0)).toBe(1);
  });

  it('cancels the task of a stream that ends: a running one is stopped, its result dropped', async () => {
    let started: Promise<unknown> | undefined;
    const plugin = definePlugin({
      name: 'cancel',
      async setup(_o, api) {
        const h = await api.workers<typeof import('./fixtures/task.mjs').default>({
          module: MODULE,
          options: { shared },
          threshold: 0,
        });
        return {
          requestHeaders: (ctx) => {
            started = Promise.resolve(h.run(Buffer.alloc(10), ctx, { mode: 'block' })).catch(
              (e: unknown) => e,
            );
            return started.then(() => undefined);
          },
        };
      },
    });
    const processor = await createProcessor({
      plugins: [{ plugin }],
      timeoutMs: 5_000,
      messageTimeoutMs: 6_000,
    });
    processors.push(processor);
    Atomics.store(counters, 1, 0);
    Atomics.store(counters, 2, 0);
    const cancelledBefore = workerPoolStats().plugins.cancel?.tasks.cancelled ?? 0;
    const call = inProcessChannel(processor).open({}, { reply: () => {}, close: () => {} } as never);
    call.send({
      request: { $case: 'requestHeaders', value: { headers: { headers: [] }, endOfStream: true } },
    } as never);
    await until(() => Atomics.load(counters, 1) === 1);
    call.cancel();
    const error = (await until(() => started !== undefined).then(() => started)) as AttacheError;
    expect(error.code).toBe(ErrorCode.WORKER_SHED);
    expect(error.message).toMatch(/stream ended/);
    expect(workerPoolStats().plugins.cancel?.tasks.cancelled).toBe(cancelledBefore + 1);
    // The stopped thread was replaced: the pool still runs tasks (the block is never released).
    Atomics.store(counters, 2, 1);
    const { processor: p2 } = await make();
    const ok = await runExchange(p2, spec(body(4000)));
    expect(ok.upstream?.body.toString()).toBe(`${body(4000).toUpperCase()}!`);
  });
});
