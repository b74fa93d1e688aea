/**
 * The worker pool's metrics: a plugin that offloads every body (pan-mask, `workerThreshold: 0`)
 * shows its tasks by outcome, their durations and the pool's threads on the registry.
 */
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import panMask from '../../../processors/pan-mask/index.js';
import { series } from '../../../test/support/metric-series.js';
import { createProcessor, type Processor } from '../../processor.js';
import { runExchange } from '../../testing/exchange.js';

const made: Processor[] = [];
afterAll(async () => {
  for (const p of made) await p.close();
});

describe('worker pool metrics', () => {
  it('counts offloaded tasks by plugin and outcome, and their durations', async () => {
    const registry = new Registry();
    const p = await createProcessor({
      plugins: [{ plugin: panMask, options: { workerThreshold: 0 } }],
      processingMode: { requestTrailerMode: 'SEND', responseTrailerMode: 'SEND' },
      timeoutMs: 8000,
      messageTimeoutMs: 9000,
      metrics: { registry, defaultMetrics: false },
    });
    made.push(p);
    for (let i = 0; i < 3; i++) {
      const r = await runExchange(p, {
        envoy: {
          messageTimeoutMs: 10_000,
          processingMode: { requestBodyMode: 'BUFFERED' },
          metadataOptions: { receivingNamespaces: { untyped: ['attache.pan-mask'] } },
        },
        request: {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: `card 4111 1111 1111 1111 #${i}`,
        },
      });
      expect(r.violations).toEqual([]);
      expect(r.upstream?.body.toString()).toContain('**** **** **** 1111');
    }
    expect(await series(registry, 'attache_worker_tasks_total')).toEqual({ 'plugin=pan-mask,outcome=ok': 3 });
    expect(await series(registry, 'attache_worker_task_duration_seconds')).toMatchObject({
      '_count plugin=pan-mask': 3,
    });
    expect((await series(registry, 'attache_worker_threads'))['']).toBeGreaterThanOrEqual(1);
    expect(await series(registry, 'attache_worker_queue_size')).toEqual({});
  });
});
