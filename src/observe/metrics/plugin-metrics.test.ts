/**
 * The plugin metrics API (`api.metrics` in `setup`): prefixed names on the server's registry,
 * idempotent across reloads and instances, checked declarations, no-ops without metrics.
 */
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { definePlugin } from '../../plugin/define-plugin.js';
import type { SetupApi } from '../../plugin/types.js';
import { createProcessor } from '../../processor.js';
import { runExchange } from '../../testing/exchange.js';

/** A plugin whose setup runs `declare(api)`, and whose request headers handler calls `use()`. */
function pluginWith(name: string, declare: (api: SetupApi) => () => void) {
  return definePlugin({
    name,
    setup: (_o, api) => {
      const use = declare(api);
      return { requestHeaders: () => use() };
    },
  });
}

const declareAll = (api: SetupApi) => {
  const hits = api.metrics.counter({
    name: 'cache_hits_total',
    help: 'Cache hits',
    labelNames: ['plugin', 'kind'],
  });
  const size = api.metrics.gauge({ name: 'cache_entries', help: 'Entries in the cache' });
  const lookup = api.metrics.histogram({
    name: 'cache_lookup_seconds',
    help: 'Lookup time',
    labelNames: ['plugin'],
    buckets: [0.001, 0.01],
  });
  return () => {
    hits.inc({ plugin: api.name, kind: 'fresh' });
    size.set(3);
    lookup.observe({ plugin: api.name }, 0.005);
  };
};

async function text(registry: Registry): Promise<string[]> {
  return (await registry.metrics()).split('\n').filter((l) => l.includes('cache_'));
}

describe('plugin metrics', () => {
  it('registers counters, gauges and histograms under the prefix, shared by instances and kept across reloads', async () => {
    const registry = new Registry();
    const plugin = pluginWith('cache', declareAll);
    const processor = await createProcessor({
      plugins: [{ plugin }, { plugin, name: 'cache2' }],
      metrics: { registry, prefix: 'edge_', defaultMetrics: false },
    });
    await runExchange(processor, { request: { path: '/' } });
    await processor.reload({ plugins: [{ plugin }] });
    await runExchange(processor, { request: { path: '/' } });
    const lines = await text(registry);
    expect(lines).toContain('edge_cache_hits_total{plugin="cache",kind="fresh"} 2');
    expect(lines).toContain('edge_cache_hits_total{plugin="cache2",kind="fresh"} 1');
    expect(lines).toContain('edge_cache_entries 3');
    expect(lines).toContain('edge_cache_lookup_seconds_bucket{le="0.01",plugin="cache"} 2');
    expect(lines).toContain('edge_cache_lookup_seconds_count{plugin="cache2"} 1');
    expect(lines).toContain('# TYPE edge_cache_lookup_seconds histogram');
  });

  it('refuses a conflicting declaration and a name attache uses, naming the plugin and metric', async () => {
    const registry = new Registry();
    const metrics = { registry, defaultMetrics: false };
    const first = pluginWith('a', (api) => {
      api.metrics.counter({ name: 'things_total', help: 'Things', labelNames: ['kind'] });
      return () => {};
    });
    const processor = await createProcessor({ plugins: [{ plugin: first }], metrics });
    const otherLabels = pluginWith('b', (api) => {
      api.metrics.counter({ name: 'things_total', help: 'Things', labelNames: ['brand'] });
      return () => {};
    });
    await expect(processor.reload({ plugins: [{ plugin: otherLabels }] })).rejects.toThrow(
      /plugins\[0\] \(b\): metrics.counter\(\): attache_things_total is already declared as a counter with other labels/,
    );
    const otherType = pluginWith('c', (api) => {
      api.metrics.gauge({ name: 'things_total', help: 'Things', labelNames: ['kind'] });
      return () => {};
    });
    await expect(processor.reload({ plugins: [{ plugin: otherType }] })).rejects.toThrow(
      /attache_things_total is already declared as a counter/,
    );
    const taken = pluginWith('d', (api) => {
      api.metrics.counter({ name: 'streams_total', help: 'Mine' });
      return () => {};
    });
    await expect(processor.reload({ plugins: [{ plugin: taken }] })).rejects.toThrow(
      /attache_streams_total is already registered \(by attache or the application\)/,
    );
  });

  it('checks declarations with metrics on or off', async () => {
    const bad: Array<[(api: SetupApi) => void, RegExp]> = [
      [
        (api) => api.metrics.counter({ name: 'has-dash', help: 'x' }),
        /name "has-dash" is not a Prometheus metric name/,
      ],
      [
        (api) => api.metrics.counter({ name: 'ok_total', help: '' }),
        /ok_total: help must be a non-empty string/,
      ],
      [
        (api) => api.metrics.counter({ name: 'ok_total', help: 'x', labelNames: ['__x'] }),
        /"__x" is not a Prometheus label name/,
      ],
      [(api) => api.metrics.histogram({ name: 'h', help: 'x', labelNames: ['le'] }), /le is reserved/],
      [
        (api) => api.metrics.histogram({ name: 'h', help: 'x', buckets: [2, 1] }),
        /buckets must be finite numbers/,
      ],
      [
        (api) => api.metrics.gauge({ name: 'g', help: 'x', labelNames: ['a', 'a'] }),
        /labelNames repeat a name/,
      ],
    ];
    for (const withMetrics of [true, false]) {
      for (const [declare, message] of bad) {
        const plugin = pluginWith('p', (api) => {
          declare(api);
          return () => {};
        });
        const metrics = withMetrics ? { metrics: { registry: new Registry(), defaultMetrics: false } } : {};
        await expect(createProcessor({ plugins: [{ plugin }], ...metrics })).rejects.toThrow(message);
      }
    }
  });

  it('hands out no-op metrics without a registry', async () => {
    let enabled: boolean | undefined;
    const plugin = pluginWith('cache', (api) => {
      enabled = api.metrics.enabled;
      return declareAll(api);
    });
    const processor = await createProcessor({ plugins: [{ plugin }] });
    const r = await runExchange(processor, { request: { path: '/' } });
    expect(r.violations).toEqual([]);
    expect(enabled).toBe(false);
  });
});
