/**
 * The pool's life: started when a plugin registers a worker module, kept while any registration
 * lives, stopped when the last one goes (the processor closes, or a reload drops the plugin).
 */
import { describe, expect, it } from 'vitest';
import { createProcessor, definePlugin } from '../index.js';
import { workerPoolStats } from './pool.js';

const withWorkers = definePlugin({
  name: 'with-workers',
  async setup(_o, api) {
    await api.workers({ module: './fixtures/task.mjs' });
    return {};
  },
});
const plain = definePlugin({ name: 'plain', setup: () => ({}) });

describe('worker pool lifecycle', () => {
  it('starts with the first registration and stops when the last processor using it closes', async () => {
    expect(workerPoolStats().running).toBe(false);
    const a = await createProcessor({ plugins: [{ plugin: withWorkers }] });
    const b = await createProcessor({ plugins: [{ plugin: withWorkers }] });
    expect(workerPoolStats().running).toBe(true);
    await a.close();
    expect(workerPoolStats().running).toBe(true);
    await b.close();
    expect(workerPoolStats().running).toBe(false);
  });

  it('stops when a reload drops the last plugin that used it, and a processor without one never starts it', async () => {
    const p = await createProcessor({ plugins: [{ plugin: withWorkers }] });
    expect(workerPoolStats().running).toBe(true);
    await p.reload({ plugins: [{ plugin: plain }] });
    expect(workerPoolStats().running).toBe(false);
    await p.close();
    const q = await createProcessor({ plugins: [{ plugin: plain }] });
    expect(workerPoolStats().running).toBe(false);
    await q.close();
  });

  it('releases the registrations of a pipeline that fails to start', async () => {
    const broken = definePlugin({
      name: 'broken',
      setup: () => {
        throw new Error('no');
      },
    });
    await expect(createProcessor({ plugins: [{ plugin: withWorkers }, { plugin: broken }] })).rejects.toThrow(
      /setup failed: no/,
    );
    expect(workerPoolStats().running).toBe(false);
  });
});
