/**
 * The supervisor's `/metrics` and `/readyz` over its workers: prom-client JSON from each worker
 * merged (counters and histograms summed, per label set), the supervisor's own readiness in
 * place of the workers', and ready only while every worker is.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerReadinessMetrics } from '../admin/readiness-metrics.js';
import { Readiness } from '../server/readiness.js';
import { aggregatedMetrics, supervisorReadiness } from './admin.js';
import type { WorkerHandle } from './worker-handle.js';

/** A worker as the supervisor sees it, answering with `registry`'s JSON (null: not serving). */
function fakeWorker(index: number, registry: Registry | null, ready = registry !== null): WorkerHandle {
  return {
    index,
    address: `127.0.0.1:${50051 + index}`,
    running: registry !== null,
    ready,
    pid: registry === null ? undefined : 1000 + index,
    metrics: async () => (registry === null ? null : registry.getMetricsAsJSON()),
  } as unknown as WorkerHandle;
}

/** A worker registry as a worker builds it, with some traffic counted. */
function workerRegistry(streams: number, latencies: number[], ready: boolean): Registry {
  const registry = new Registry();
  const readiness = new Readiness();
  if (ready) readiness.set('serving');
  registerReadinessMetrics(registry, () => readiness.report());
  const c = new Counter({
    name: 'attache_streams_total',
    help: 'streams',
    labelNames: ['outcome'],
    registers: [registry],
  });
  c.labels('ok').inc(streams);
  c.labels('failed').inc(1);
  const h = new Histogram({
    name: 'attache_handler_duration_seconds',
    help: 'latency',
    labelNames: ['plugin', 'phase'],
    buckets: [0.00001, 0.001, 0.1],
    registers: [registry],
  });
  for (const l of latencies) h.labels('p', 'request_headers').observe(l);
  new Gauge({ name: 'attache_streams_active', help: 'active', registers: [registry] }).set(2);
  return registry;
}

function line(text: string, series: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${series} `));
  return found === undefined ? undefined : Number(found.slice(series.length + 1));
}

describe('the supervisor /metrics', () => {
  it('sums the workers’ counters, histograms and gauges per label set, with no worker label', async () => {
    const readiness = new Readiness();
    readiness.set('serving');
    const workers = [
      fakeWorker(0, workerRegistry(5, [0.000005, 0.0005], true)),
      fakeWorker(1, workerRegistry(7, [0.05], true)),
    ];
    const text = await aggregatedMetrics(workers, () => supervisorReadiness(readiness, workers)).metrics();
    expect(line(text, 'attache_streams_total{outcome="ok"}')).toBe(12);
    expect(line(text, 'attache_streams_total{outcome="failed"}')).toBe(2);
    expect(line(text, 'attache_streams_active')).toBe(4);
    const bucket = (le: string) =>
      line(text, `attache_handler_duration_seconds_bucket{le="${le}",plugin="p",phase="request_headers"}`);
    expect(bucket('0.00001')).toBe(1);
    expect(bucket('0.001')).toBe(2);
    expect(bucket('0.1')).toBe(3);
    expect(line(text, 'attache_handler_duration_seconds_count{plugin="p",phase="request_headers"}')).toBe(3);
    expect(text).not.toMatch(/worker=/);
    // The supervisor's own readiness, once, not a sum of the workers'.
    expect(text.match(/^attache_ready /gm)).toHaveLength(1);
    expect(line(text, 'attache_ready')).toBe(1);
  });

  it('reports attache_ready 0 while a worker is down, though the down worker sends nothing', async () => {
    const readiness = new Readiness();
    readiness.set('serving');
    const workers = [fakeWorker(0, workerRegistry(5, [], true)), fakeWorker(1, null)];
    const text = await aggregatedMetrics(workers, () => supervisorReadiness(readiness, workers)).metrics();
    expect(line(text, 'attache_ready')).toBe(0);
    // What the serving worker counted is still there.
    expect(line(text, 'attache_streams_total{outcome="ok"}')).toBe(5);
  });
});

describe('the supervisor /readyz', () => {
  it('is ready only while it serves and every worker is ready; names the ones that are not', () => {
    const readiness = new Readiness();
    const up = [fakeWorker(0, new Registry()), fakeWorker(1, new Registry())];
    expect(supervisorReadiness(readiness, up)).toMatchObject({ ready: false, state: 'starting' });
    readiness.set('serving');
    expect(supervisorReadiness(readiness, up)).toMatchObject({
      ready: true,
      reasons: [],
      workers: [
        { worker: 0, ready: true, pid: 1000 },
        { worker: 1, ready: true, pid: 1001 },
      ],
    });
    const restarting = [fakeWorker(0, new Registry()), fakeWorker(1, null)];
    expect(supervisorReadiness(readiness, restarting)).toMatchObject({
      ready: false,
      reasons: ['worker 1 (127.0.0.1:50052) is down; restarting'],
    });
    const settingUp = [fakeWorker(0, new Registry()), fakeWorker(1, new Registry(), false)];
    expect(supervisorReadiness(readiness, settingUp).reasons).toEqual([
      'worker 1 (127.0.0.1:50052) is not serving yet',
    ]);
    readiness.set('draining');
    expect(supervisorReadiness(readiness, up)).toMatchObject({ ready: false, state: 'draining' });
  });
});
