/**
 * Metrics as an operator scrapes them: traffic driven through the test kit (in-process and over
 * both transports), then the registry's JSON and text output read back with exact counts and
 * label sets.
 */
import { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { series } from '../../../test/support/metric-series.js';
import { useServers } from '../../../test/support/servers.js';
import { definePlugin } from '../../plugin/define-plugin.js';
import { respond } from '../../plugin/respond.js';
import type { Handlers } from '../../plugin/types.js';
import { createProcessor, type Processor, type ProcessorOptions } from '../../processor.js';
import type { TransportName } from '../../server/create-server.js';
import type { ExtProcChannel } from '../../testing/channel.js';
import { runExchange } from '../../testing/exchange.js';
import type { ExchangeSpec } from '../../testing/spec.js';
import type { ProcessStreamTarget } from '../../transport/types.js';
import {
  DURATION_BUCKETS,
  FAILURE_KINDS,
  FAILURE_OUTCOMES,
  PHASE_LABELS,
  RELOAD_RESULTS,
  STREAM_OUTCOMES,
} from './labels.js';

/**
 * `runExchange` with a generous Envoy message timeout: on a machine loaded by a parallel test
 * run, Envoy's 200 ms default could fire and end a stream early, changing what is counted.
 */
function run(target: ProcessStreamTarget | ExtProcChannel, spec: ExchangeSpec) {
  return runExchange(target, { ...spec, envoy: { messageTimeoutMs: 10_000, ...spec.envoy } });
}

const plugin = (name: string, handlers: Handlers) => definePlugin({ name, setup: () => handlers });

/** Waits until `n` streams ended (the stream's end reaches the server after the last reply). */
async function ended(registry: Registry, n: number, prefix = 'attache_'): Promise<void> {
  await vi.waitFor(async () => {
    const s = await series(registry, `${prefix}streams_total`);
    expect(Object.values(s).reduce((a, b) => a + b, 0)).toBe(n);
  });
}

async function withMetrics(options: Omit<ProcessorOptions, 'metrics'>, prefix?: string) {
  const registry = new Registry();
  const processor = await createProcessor({
    ...options,
    metrics: { registry, ...(prefix === undefined ? {} : { prefix }), defaultMetrics: false },
  });
  return { registry, processor };
}

/** A gate and a tagger: 403 on /deny, a throw on /boom (fail-closed), a header otherwise. */
const gate = plugin('gate', {
  requestHeaders(ctx) {
    const path = ctx.headers.get(':path');
    if (path === '/deny') return respond(403);
    if (path === '/boom') throw new Error('boom');
    return undefined;
  },
});
const tag = plugin('tag', {
  requestHeaders(ctx) {
    ctx.mutate.set('x-tag', '1');
  },
  async responseHeaders(ctx) {
    ctx.mutate.set('x-seen', '1');
  },
});

describe('metrics', () => {
  it('counts streams by outcome, messages by phase, handler runs, immediate responses and failures', async () => {
    const { registry, processor } = await withMetrics({
      plugins: [{ plugin: gate }, { plugin: tag, name: 'tagger' }],
    });
    for (const path of ['/a', '/b', '/deny', '/boom', '/c']) {
      const r = await run(processor, { request: { path } });
      expect(r.violations).toEqual([]);
    }
    await ended(registry, 5);
    expect(await series(registry, 'attache_streams_total')).toEqual({
      'outcome=ok': 3,
      'outcome=immediate_response': 1,
      'outcome=failed': 1,
    });
    expect(await series(registry, 'attache_messages_total')).toEqual({
      'phase=request_headers': 5,
      'phase=response_headers': 3,
    });
    const durations = await series(registry, 'attache_handler_duration_seconds');
    expect(Object.fromEntries(Object.entries(durations).filter(([k]) => k.startsWith('_count')))).toEqual({
      '_count plugin=gate,phase=request_headers': 5,
      '_count plugin=tagger,phase=request_headers': 3,
      '_count plugin=tagger,phase=response_headers': 3,
    });
    expect(await series(registry, 'attache_immediate_responses_total')).toEqual({
      'plugin=gate,status=403': 1,
    });
    expect(await series(registry, 'attache_plugin_failures_total')).toEqual({
      'plugin=gate,phase=request_headers,kind=throw': 1,
    });
    expect(await series(registry, 'attache_failure_outcomes_total')).toEqual({
      'plugin=gate,outcome=closed': 1,
    });
    expect(await series(registry, 'attache_streams_active')).toEqual({});
    // The generic 500 body of the fail-closed answer and the 403's empty body.
    expect(await series(registry, 'attache_sent_bytes_total')).toEqual({
      'phase=request_headers': 'Internal Server Error\n'.length,
    });
  });

  it('writes the histogram in the text format with cumulative buckets from 10 µs', async () => {
    const { registry, processor } = await withMetrics({ plugins: [{ plugin: tag }] });
    await run(processor, { request: { path: '/' } });
    await ended(registry, 1);
    const text = await registry.metrics();
    const lines = text
      .split('\n')
      .filter(
        (l) => l.startsWith('attache_handler_duration_seconds') && l.includes('phase="request_headers"'),
      );
    expect(lines[0]).toMatch(
      /^attache_handler_duration_seconds_bucket\{plugin="tag",phase="request_headers",le="0.00001"\} [01]$/,
    );
    expect(lines).toContain(
      'attache_handler_duration_seconds_bucket{plugin="tag",phase="request_headers",le="+Inf"} 1',
    );
    expect(lines).toContain('attache_handler_duration_seconds_count{plugin="tag",phase="request_headers"} 1');
    expect(lines).toHaveLength(DURATION_BUCKETS.length + 3);
    const counts = lines.filter((l) => l.includes('_bucket')).map((l) => Number(l.split(' ')[1]));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(text).toContain('# TYPE attache_handler_duration_seconds histogram');
  });

  it('counts failures by kind and outcome: timeout and invalid result open, refused mutation closed', async () => {
    const on = (path: string, handlers: Handlers['requestHeaders']): Handlers['requestHeaders'] =>
      ((ctx: Parameters<NonNullable<Handlers['requestHeaders']>>[0]) =>
        ctx.headers.get(':path') === path ? handlers?.(ctx) : undefined) as Handlers['requestHeaders'];
    const { registry, processor } = await withMetrics({
      plugins: [
        {
          plugin: plugin('slow', { requestHeaders: on('/slow', () => new Promise(() => {})) }),
          failure: 'open',
          timeoutMs: 10,
        },
        {
          plugin: plugin('wrong', { requestHeaders: on('/wrong', () => 7 as unknown as undefined) }),
          failure: 'open',
        },
        {
          plugin: plugin('scheme', {
            requestHeaders: on('/scheme', (ctx) => {
              ctx.mutate.set(':scheme', 'ftp');
            }),
          }),
        },
      ],
    });
    const statuses: number[] = [];
    for (const path of ['/slow', '/wrong', '/scheme']) {
      statuses.push((await run(processor, { request: { path } })).downstream.status);
    }
    expect(statuses).toEqual([200, 200, 500]);
    await ended(registry, 3);
    expect(await series(registry, 'attache_plugin_failures_total')).toEqual({
      'plugin=slow,phase=request_headers,kind=timeout': 1,
      'plugin=wrong,phase=request_headers,kind=invalid_result': 1,
      'plugin=scheme,phase=request_headers,kind=refused_mutation': 1,
    });
    expect(await series(registry, 'attache_failure_outcomes_total')).toEqual({
      'plugin=slow,outcome=open': 1,
      'plugin=wrong,outcome=open': 1,
      'plugin=scheme,outcome=closed': 1,
    });
    expect(await series(registry, 'attache_streams_total')).toEqual({
      'outcome=failed_open': 2,
      'outcome=failed': 1,
    });
    const durations = await series(registry, 'attache_handler_duration_seconds');
    // The timed-out handler ran at least its 10 ms budget.
    expect(durations['_sum plugin=slow,phase=request_headers']).toBeGreaterThanOrEqual(0.009);
  });

  it('counts body bytes in and out and the body limit, two processors on one registry', async () => {
    const replace = plugin('replace', {
      requestBody(ctx) {
        ctx.mutate.replaceBody('{"ok":true}');
      },
    });
    const registry = new Registry();
    const metrics = { registry, defaultMetrics: false };
    const buffered = await createProcessor({ plugins: [{ plugin: replace }], metrics });
    await run(buffered, {
      envoy: { processingMode: { requestBodyMode: 'BUFFERED' } },
      request: { method: 'POST', path: '/', body: 'hello' },
    });
    const streamed = { requestBodyMode: 'STREAMED', requestTrailerMode: 'SEND' } as const;
    const limited = await createProcessor({
      plugins: [{ plugin: plugin('collect', { requestBody: () => undefined }), failure: 'open' }],
      maxBodyBytes: 5,
      processingMode: streamed,
      metrics,
    });
    const big = await run(limited, {
      envoy: { processingMode: streamed },
      request: { method: 'POST', body: ['ab', 'cd', 'ef', 'gh'], pacing: 'on-idle' },
    });
    expect(big.downstream.status).toBe(413);
    await ended(registry, 2);
    // 'hello', then the chunks up to the one over the limit (later ones are not processed).
    expect(await series(registry, 'attache_received_bytes_total')).toEqual({ 'phase=request_body': 5 + 6 });
    expect(await series(registry, 'attache_sent_bytes_total')).toEqual({
      'phase=request_body': '{"ok":true}'.length + 'Payload Too Large\n'.length,
    });
    expect(await series(registry, 'attache_plugin_failures_total')).toEqual({
      'plugin=collect,phase=request_body,kind=body_limit': 1,
    });
    expect(await series(registry, 'attache_failure_outcomes_total')).toEqual({
      'plugin=collect,outcome=closed': 1,
    });
    expect(await series(registry, 'attache_streams_total')).toEqual({ 'outcome=ok': 1, 'outcome=failed': 1 });
  });

  it('counts a stream whose failure passed through as failed_open', async () => {
    const { registry, processor } = await withMetrics({
      plugins: [
        {
          plugin: plugin('flaky', { requestHeaders: () => Promise.reject(new Error('x')) }),
          failure: 'open',
        },
      ],
    });
    await run(processor, { request: { path: '/' } });
    await ended(registry, 1);
    expect(await series(registry, 'attache_streams_total')).toEqual({ 'outcome=failed_open': 1 });
    expect(await series(registry, 'attache_plugin_failures_total')).toEqual({
      'plugin=flaky,phase=request_headers,kind=throw': 1,
    });
  });

  it('counts mode overrides by phase', async () => {
    const skipper = definePlugin({
      name: 'skipper',
      setup: () => ({
        modeOverrides: [{ requestBody: 'buffered' }],
        requestHeaders: (ctx) => {
          ctx.overrideMode({ requestBody: 'buffered' });
        },
        requestBody: () => undefined,
      }),
    });
    const { registry, processor } = await withMetrics({
      plugins: [{ plugin: skipper }],
      allowModeOverride: true,
    });
    const r = await run(processor, {
      envoy: { allowModeOverride: true },
      request: { path: '/', method: 'POST', body: ['x'] },
    });
    expect(r.violations).toEqual([]);
    await ended(registry, 1);
    expect(await series(registry, 'attache_mode_overrides_total')).toEqual({ 'phase=request_headers': 1 });
  });

  it('reads active streams at scrape time and counts a cancelled stream', async () => {
    const { registry, processor } = await withMetrics({ plugins: [{ plugin: tag }] });
    const sink = { send: () => true, end: () => {}, fail: () => {}, whenWritable: () => Promise.resolve() };
    const a = processor.connect(sink, new Map());
    const b = processor.connect(sink, new Map());
    expect(await series(registry, 'attache_streams_active')).toEqual({ '': 2 });
    a.cancel();
    b.halfClose();
    expect(await series(registry, 'attache_streams_active')).toEqual({});
    expect(await series(registry, 'attache_streams_total')).toEqual({
      'outcome=cancelled': 1,
      'outcome=ok': 1,
    });
  });

  it('counts reloads, keeps counts across them and shows the new pipeline’s plugins', async () => {
    const { registry, processor } = await withMetrics({ plugins: [{ plugin: tag }] });
    await run(processor, { request: { path: '/' } });
    await processor.reload({ plugins: [{ plugin: tag }, { plugin: gate }] });
    const failing = definePlugin({
      name: 'failing',
      setup: () => {
        throw new Error('no');
      },
    });
    await expect(processor.reload({ plugins: [{ plugin: failing }] })).rejects.toThrow();
    await run(processor, { request: { path: '/deny' } });
    await ended(registry, 2);
    expect(await series(registry, 'attache_reloads_total')).toEqual({ 'result=ok': 1, 'result=failed': 1 });
    const durations = await series(registry, 'attache_handler_duration_seconds');
    // tag ran in both pipelines (one series across the reload), gate only in the new one.
    expect(durations['_count plugin=tag,phase=request_headers']).toBe(2);
    expect(durations['_count plugin=gate,phase=request_headers']).toBe(1);
    expect(await series(registry, 'attache_streams_total')).toEqual({
      'outcome=ok': 1,
      'outcome=immediate_response': 1,
    });
  });

  it('uses the prefix for every name, default process metrics included', async () => {
    const registry = new Registry();
    const processor = await createProcessor({
      plugins: [{ plugin: tag }],
      metrics: { registry, prefix: 'edge_' },
    });
    await run(processor, { request: { path: '/' } });
    await ended(registry, 1, 'edge_');
    const names = (await registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names.every((n) => n.startsWith('edge_'))).toBe(true);
    expect(names).toEqual(
      expect.arrayContaining([
        'edge_streams_total',
        'edge_handler_duration_seconds',
        'edge_process_cpu_seconds_total',
        'edge_nodejs_eventloop_lag_seconds',
      ]),
    );
    await expect(createProcessor({ plugins: [], metrics: { registry, prefix: '9x' } })).rejects.toThrow(
      /metrics.prefix must be empty or start a Prometheus metric name/,
    );
    await expect(createProcessor({ plugins: [], metrics: { registry: {} as Registry } })).rejects.toThrow(
      /metrics.registry must be a prom-client Registry/,
    );
  });

  it('never makes a label value outside its bounded set', async () => {
    const statuses = plugin('statuses', {
      requestHeaders(ctx) {
        const path = ctx.headers.get(':path') ?? '';
        if (path.startsWith('/s/')) return respond(Number(path.slice(3)));
        if (path === '/throw') throw new Error('x');
        return undefined;
      },
      responseHeaders() {
        return undefined;
      },
    });
    const { registry, processor } = await withMetrics({
      plugins: [{ plugin: statuses, failure: 'open' }, { plugin: tag }],
    });
    const paths = ['/s/200', '/s/404', '/s/599', '/throw', '/x/with/a/long/path?q=secret', '/y'];
    for (const path of paths) {
      await run(processor, { request: { path, headers: { 'x-tenant': 'tenant-42' } } });
    }
    await ended(registry, paths.length);
    const allowed: Record<string, (v: string) => boolean> = {
      phase: (v) => (PHASE_LABELS as readonly string[]).includes(v),
      plugin: (v) => ['statuses', 'tag'].includes(v),
      outcome: (v) => [...STREAM_OUTCOMES, ...FAILURE_OUTCOMES].includes(v as never),
      kind: (v) => FAILURE_KINDS.includes(v as never),
      result: (v) => (RELOAD_RESULTS as readonly string[]).includes(v),
      status: (v) => /^[1-5]\d\d$/.test(v) || v === 'other',
      le: (v) => v === '+Inf' || DURATION_BUCKETS.includes(Number(v)),
    };
    let checked = 0;
    for (const metric of await registry.getMetricsAsJSON()) {
      for (const value of metric.values as Array<{ labels: Record<string, string | number> }>) {
        for (const [label, v] of Object.entries(value.labels)) {
          const ok = allowed[label];
          expect(ok, `${metric.name}: label ${label}`).toBeDefined();
          expect(ok?.(String(v)), `${metric.name}{${label}="${v}"}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(await series(registry, 'attache_immediate_responses_total')).toEqual({
      'plugin=statuses,status=200': 1,
      'plugin=statuses,status=404': 1,
      'plugin=statuses,status=599': 1,
    });
  });

  it('costs nothing when off: no registry, plugin metrics are no-ops', async () => {
    let enabled: boolean | undefined;
    const counting = definePlugin({
      name: 'counting',
      setup: (_o, api) => {
        enabled = api.metrics.enabled;
        const c = api.metrics.counter({ name: 'things_total', help: 'Things', labelNames: ['kind'] });
        return { requestHeaders: () => c.inc({ kind: 'a' }) };
      },
    });
    const processor: Processor = await createProcessor({ plugins: [{ plugin: counting }] });
    const r = await run(processor, { request: { path: '/' } });
    expect(r.violations).toEqual([]);
    expect(enabled).toBe(false);
  });
});

const servers = useServers();

describe.each<TransportName>(['http2', 'grpc-js', 'wire'])('metrics over the %s transport', (transport) => {
  it('counts what the kit drove through a real server', async () => {
    const registry = new Registry();
    const { address } = await servers.start({
      plugins: [{ plugin: gate }, { plugin: tag }],
      transport,
      metrics: { registry, defaultMetrics: false },
    });
    const channel = servers.channel(address);
    const statuses: number[] = [];
    for (const path of ['/a', '/deny', '/b'])
      statuses.push((await run(channel, { request: { path } })).downstream.status);
    expect(statuses).toEqual([200, 403, 200]);
    await ended(registry, 3);
    expect(await series(registry, 'attache_streams_total')).toEqual({
      'outcome=ok': 2,
      'outcome=immediate_response': 1,
    });
    expect(await series(registry, 'attache_messages_total')).toEqual({
      'phase=request_headers': 3,
      'phase=response_headers': 2,
    });
    expect(await series(registry, 'attache_immediate_responses_total')).toEqual({
      'plugin=gate,status=403': 1,
    });
    expect(await series(registry, 'attache_streams_active')).toEqual({});
  });
});
