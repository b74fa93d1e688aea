/**
 * examples/observability: the dashboard queries only metrics attache exports (read from a real
 * registry), the renderer can evaluate every one
 * of its queries, the scrape configs point where the admin listener and the generated workload
 * are, and the demo pipeline misbehaves as the picture needs.
 */
import { readFileSync } from 'node:fs';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import panMask from '../../processors/pan-mask/index.js';
import transform from '../../processors/transform/index.js';
import { registerReadinessMetrics } from '../../src/admin/readiness-metrics.js';
import { loadConfig } from '../../src/config/load-config.js';
import { toServerOptions } from '../../src/config/to-server-options.js';
import type { GenerationContext } from '../../src/envoy-config/context.js';
import { workload } from '../../src/envoy-config/workload.js';
import { silentLogger } from '../../src/log.js';
import { createProcessor } from '../../src/processor.js';
import { DEFAULT_ADMIN_ADDRESS } from '../../src/server/defaults.js';
import { Readiness } from '../../src/server/readiness.js';
import { runExchange } from '../../src/testing/exchange.js';
import { evaluate, metricNames, parse, parseExposition } from './render/promql.mjs';

const read = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
const dashboard = JSON.parse(read('./grafana-dashboard.json')) as {
  panels: Array<{
    id: number;
    type: string;
    title: string;
    gridPos: { x: number; y: number; w: number; h: number };
    targets: Array<{ expr: string; legendFormat?: string }>;
  }>;
  templating: { list: Array<{ name: string }> };
};
const VARS = { $__rate_interval: '1m', $job: '.*' };

/**
 * Every metric name a server exports (default prefix): attache's own, the readiness gauges, the
 * worker pool's, prom-client's defaults, and the metrics of the built-in processors, read from a
 * real registry.
 */
async function exportedMetricNames(): Promise<string[]> {
  const registry = new Registry();
  registerReadinessMetrics(registry, () => new Readiness().report());
  const processor = await createProcessor({
    plugins: [
      { plugin: panMask, options: {} },
      { plugin: transform, options: { request: { set: { 'x-a': '1' } } } },
    ],
    metrics: { registry },
  });
  try {
    return (await registry.getMetricsAsJSON()).map((m) => m.name);
  } finally {
    await processor.close();
  }
}

/** A query's metric name as registered: a histogram's `_bucket`/`_sum`/`_count` series → its name. */
const registered = (name: string, known: Set<string>) =>
  known.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');

describe('examples/observability/grafana-dashboard.json', () => {
  it('queries only metrics a server exports, and shows what the issue asks for', async () => {
    const known = new Set(await exportedMetricNames());
    const queried = new Set(
      dashboard.panels.flatMap((p) => p.targets.flatMap((t) => metricNames(parse(t.expr, VARS)))),
    );
    const unknown = [...queried].filter((n) => !known.has(registered(n, known)));
    expect(unknown).toEqual([]);
    const used = new Set([...queried].map((n) => registered(n, known)));
    // What the issue asks the dashboard to show.
    for (const name of [
      'attache_streams_total',
      'attache_streams_active',
      'attache_handler_duration_seconds',
      'attache_plugin_failures_total',
      'attache_immediate_responses_total',
      'attache_received_bytes_total',
      'attache_sent_bytes_total',
      'attache_nodejs_eventloop_lag_p99_seconds',
      'attache_process_cpu_seconds_total',
      'attache_ready',
    ]) {
      expect(used.has(name), name).toBe(true);
    }
  });

  it('lays its panels out on the 24-column grid without overlaps, with unique ids and a data source variable', () => {
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const { gridPos: g, title } of dashboard.panels) {
      expect(g.x + g.w, title).toBeLessThanOrEqual(24);
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          expect(cells.has(`${x},${y}`), `${title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['datasource', 'job']);
    for (const p of dashboard.panels)
      for (const t of p.targets) expect(t.expr, p.title).toContain('job=~"$job"');
  });
});

describe('render/promql.mjs (what draws the dashboard picture)', () => {
  const at = (t: number, text: string) => ({ t, series: parseExposition(text) });
  const scrapes = [
    at(
      0,
      'x_total{a="1"} 0\nx_total{a="2"} 10\nh_bucket{le="0.1",p="q"} 0\nh_bucket{le="1",p="q"} 0\nh_bucket{le="+Inf",p="q"} 0\ng 3\n',
    ),
    at(
      10,
      'x_total{a="1"} 50\nx_total{a="2"} 30\nh_bucket{le="0.1",p="q"} 50\nh_bucket{le="1",p="q"} 100\nh_bucket{le="+Inf",p="q"} 100\ng 5\n',
    ),
  ];
  const value = (expr: string) =>
    evaluate(parse(expr, VARS), scrapes, 10).map((s: { labels: object; value: number }) => [
      s.labels,
      s.value,
    ]);

  it('evaluates rate, increase, sum by, max, division and histogram_quantile as Prometheus does', () => {
    expect(value('rate(x_total{a="1"}[1m])')).toEqual([[{ a: '1' }, 5]]);
    expect(value('sum(rate(x_total[1m]))')).toEqual([[{}, 7]]);
    expect(value('sum by (a) (rate(x_total{a=~"1|2"}[$__rate_interval]))')).toEqual([
      [{ a: '1' }, 5],
      [{ a: '2' }, 2],
    ]);
    expect(value('sum(increase(x_total[1m]))')).toEqual([[{}, 70]]);
    expect(value('sum(rate(x_total{a="2"}[1m])) / sum(rate(x_total[1m]))')).toEqual([[{}, 2 / 7]]);
    expect(value('max(g{job=~"$job"})')).toEqual([[{}, 5]]);
    // Half the observations are ≤ 0.1: the median is 0.1, p75 halfway into (0.1, 1].
    expect(value('histogram_quantile(0.5, sum by (le, p) (rate(h_bucket[1m])))')).toEqual([
      [{ p: 'q' }, 0.1],
    ]);
    expect(value('histogram_quantile(0.75, sum by (le, p) (rate(h_bucket[1m])))')).toEqual([
      [{ p: 'q' }, 0.55],
    ]);
  });

  it('evaluates every query of the dashboard, and refuses what it does not implement', () => {
    for (const p of dashboard.panels) {
      for (const t of p.targets)
        expect(() => evaluate(parse(t.expr, VARS), scrapes, 10), t.expr).not.toThrow();
    }
    expect(() => parse('topk(3, x)')).toThrow();
    expect(() => parse('sum(x) * 2')).toThrow(/^promql: /);
  });
});

describe('the scrape configs', () => {
  it('scrape the admin port the defaults and the generated workload use, on the annotations it writes', async () => {
    const prometheus = parseYaml(read('./prometheus.yml'));
    const port = DEFAULT_ADMIN_ADDRESS.split(':')[1];
    const plain = prometheus.scrape_configs.find((c: { job_name: string }) => c.job_name === 'attache');
    expect(plain.static_configs[0].targets).toEqual([`attache:${port}`]);

    const loaded = await loadConfig(new URL('../quickstart/attache.yaml', import.meta.url).pathname);
    // The workload reads only the loaded config from the context.
    const docs = workload({ loaded } as GenerationContext, {
      namespace: 'attache',
      image: 'attache:test',
    }) as Array<{
      kind: string;
      spec: {
        template: {
          metadata: { annotations: object };
          spec: { containers: Array<{ ports: Array<{ name: string }> }> };
        };
      };
    }>;
    const deployment = docs.find((d) => d.kind === 'Deployment');
    const annotations = deployment?.spec.template.metadata.annotations as Record<string, string>;
    const pods = prometheus.scrape_configs.find((c: { job_name: string }) => c.job_name === 'attache-pods');
    const sources = pods.relabel_configs.flatMap((r: { source_labels?: string[] }) => r.source_labels ?? []);
    for (const name of Object.keys(annotations)) {
      const meta = `__meta_kubernetes_pod_annotation_${name.replace(/[./-]/g, '_')}`;
      expect(sources, name).toContain(meta);
    }
    expect(annotations['prometheus.io/port']).toBe(port);

    const containerPorts = deployment?.spec.template.spec.containers[0]?.ports.map((p) => p.name);
    expect(containerPorts).toContain('admin');
    const [podMonitor] = parseAllDocuments(read('./podmonitor.yaml')).map((d) => d.toJSON());
    expect(podMonitor.spec.podMetricsEndpoints[0].port).toBe('admin');
    const [service, serviceMonitor] = parseAllDocuments(read('./servicemonitor.yaml')).map((d) => d.toJSON());
    expect(service.spec.ports[0].targetPort).toBe('admin');
    expect(serviceMonitor.spec.selector.matchLabels).toEqual(service.metadata.labels);
  });
});

describe('demo/attache.yaml (the pipeline the picture is drawn from)', () => {
  it('answers, fails open, times out, blocks and rate-limits by path', async () => {
    const loaded = await loadConfig(new URL('./demo/attache.yaml', import.meta.url).pathname);
    const processor = await createProcessor(await toServerOptions(loaded, silentLogger));
    try {
      const run = (path: string) => runExchange(processor, { request: { path } });
      expect((await run('/')).upstream?.headers.get('x-attache')).toBe('observability-demo');
      expect((await run('/admin/x')).downstream.status).toBe(403);
      expect((await run('/limited')).downstream.status).toBe(429);
      // flaky fails open: the request goes on to the upstream (unchanged), no error answered.
      const failed = await run('/fail');
      expect(failed.upstream).toBeDefined();
      expect(failed.downstream.status).toBe(200);
      const body = await runExchange(processor, {
        envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
        request: { method: 'POST', path: '/', body: 'quiet' },
      });
      expect(body.upstream?.body.toString()).toBe('QUIET');
    } finally {
      await processor.close();
    }
  });
});
