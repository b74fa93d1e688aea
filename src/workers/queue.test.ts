/**
 * `workers.maxQueue`: with every thread busy and the queue full, a further task is refused at
 * once (never run) with WORKER_SHED, and the plugin's failure mode applies.
 */
import { beforeAll, expect, it } from 'vitest';
import { AttacheError, createProcessor, definePlugin, ErrorCode, type PhaseContextBase } from '../index.js';
import { configureWorkerPool, workerPoolStats } from './pool.js';
import type { Workers } from './types.js';

type Mode = 'block' | 'count' | 'upper';
const shared = new SharedArrayBuffer(12);
const counters = new Int32Array(shared);
const fake = { stream: {} } as PhaseContextBase;

beforeAll(() => configureWorkerPool({ threads: 1, maxQueue: 1 }));

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

it('refuses a task when maxQueue tasks already wait, and runs the queued one later', async () => {
  let h: Workers<{ mode: Mode }, unknown> | undefined;
  const plugin = definePlugin({
    name: 'queued',
    async setup(_o, api) {
      h = (await api.workers({
        module: './fixtures/task.mjs',
        options: { shared },
        threshold: 0,
      })) as Workers<{ mode: Mode }, unknown>;
      return {};
    },
  });
  const processor = await createProcessor({ plugins: [{ plugin }] });
  const w = h as Workers<{ mode: Mode }, unknown>;
  const blocked = Promise.resolve(w.run(Buffer.alloc(8), fake, { mode: 'block' }));
  await until(() => Atomics.load(counters, 1) === 1);
  const queued = Promise.resolve(w.run(Buffer.alloc(8), fake, { mode: 'count' }));
  await until(() => workerPoolStats().queueSize === 1);
  const refused = (await Promise.resolve(w.run(Buffer.alloc(8), fake, { mode: 'count' })).catch(
    (e: unknown) => e,
  )) as AttacheError;
  expect(refused).toBeInstanceOf(AttacheError);
  expect(refused.code).toBe(ErrorCode.WORKER_SHED);
  expect(refused.message).toMatch(/workers\.maxQueue/);
  Atomics.store(counters, 2, 1);
  Atomics.notify(counters, 2);
  await blocked;
  await queued;
  // The queued task ran, the refused one never did.
  expect(Atomics.load(counters, 0)).toBe(1);
  expect(workerPoolStats().plugins.queued?.tasks).toMatchObject({ ok: 2, shed: 1 });
  await processor.close();
});
