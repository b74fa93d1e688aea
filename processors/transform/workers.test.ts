/**
 * transform on the worker pool: which bodies go to the pool (from `workerThreshold` on, and only
 * when the snapshot can hold what the templates reach), random draws shared across the two
 * paths, the body lent to the thread or copied, and the failures of the pool (a task shed on its
 * deadline, a thread that dies) ending as transform's own `onError`, counted and logged like an
 * inline failure.
 *
 * The pool has one thread here (set before it starts), so a blocking task holds the next ones
 * back; tests release it through shared memory, never by timing.
 */
import { readFileSync } from 'node:fs';
import {
  createProcessor,
  definePlugin,
  type PhaseContextBase,
  type Processor,
  type Workers,
} from 'attache-extproc';
import type { ExchangeResult, ExchangeSpec } from 'attache-extproc/testing';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { configureWorkerPool, sharedPool, workerPoolStats } from '../../src/workers/pool.js';
import { series } from '../../test/support/metric-series.js';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { exchange, MODES } from '../../test/support/transform-exchange.js';
import transform from './index.js';

beforeAll(() => {
  configureWorkerPool({ threads: 1, maxHeapMb: 48 });
});

const made: Processor[] = [];
afterAll(async () => {
  for (const p of made) await p.close();
});

interface Made {
  processor: Processor;
  lines: ReturnType<typeof recordingLogger>['lines'];
  /** transform_errors_total of this instance, direction request, action reject. */
  rejected: () => Promise<number>;
}

async function make(
  name: string,
  options: object,
  extra: { failure?: 'open' | 'closed'; timeoutMs?: number; mode?: keyof typeof MODES } = {},
): Promise<Made> {
  const { log, lines } = recordingLogger();
  const registry = new Registry();
  const processor = await createProcessor({
    metrics: { registry, defaultMetrics: false },
    plugins: [{ plugin: transform, name, options, ...(extra.failure ? { failure: extra.failure } : {}) }],
    processingMode: MODES[extra.mode ?? 'BUFFERED'],
    timeoutMs: extra.timeoutMs ?? 8000,
    messageTimeoutMs: 9000,
    log,
  });
  made.push(processor);
  const rejected = async () =>
    (await series(registry, 'attache_transform_errors_total'))[
      `plugin=${name},direction=request,action=reject`
    ] ?? 0;
  return { processor, lines, rejected };
}

const tasks = (name: string) => workerPoolStats().plugins[name]?.tasks;
const ok = (name: string) => tasks(name)?.ok ?? 0;

function post(body: string | Buffer, more: Partial<ExchangeSpec> = {}): ExchangeSpec {
  return {
    envoy: {
      processingMode: MODES.BUFFERED,
      metadataOptions: { forwardingNamespaces: { untyped: ['auth'] } },
    },
    request: { method: 'POST', headers: { 'content-type': 'application/json' }, body },
    ...more,
  };
}

/** A JSON body of exactly `size` bytes (at least 10). */
const json = (size: number) => JSON.stringify({ pad: 'x'.repeat(size - 10) });

describe('transform: pool from workerThreshold on, inline below', () => {
  it('a body one byte under the threshold runs inline, one at it in the pool, with the same result', async () => {
    const { processor } = await make('t-threshold', {
      workerThreshold: 1000,
      request: { body: { parseAs: 'json', value: '{"n": {{pad.length}}}' } },
    });
    const before = ok('t-threshold');
    const small = await exchange(processor, post(json(999)));
    expect(ok('t-threshold')).toBe(before);
    const large = await exchange(processor, post(json(1000)));
    expect(ok('t-threshold')).toBe(before + 1);
    expect(small.upstream?.body.toString()).toBe('{"n": 989}');
    expect(large.upstream?.body.toString()).toBe('{"n": 990}');
  });

  it('headers-only transformations register no worker module; the default threshold is attache’s', async () => {
    const headersOnly = await make('t-headers', { request: { set: { 'x-a': 'b' } } });
    await exchange(headersOnly.processor, post(json(2000)));
    expect(tasks('t-headers')).toBeUndefined();
    const { processor } = await make('t-default', { request: { body: { parseAs: 'json', value: '{}' } } });
    await exchange(processor, post(json(4096)));
    // 4 KiB is far below the framework's default (256 KiB): inline.
    expect(tasks('t-default')).toBeUndefined();
  });

  it('metadata or attributes named by a computed value keep bodies inline (the snapshot could not hold them)', async () => {
    const computed = {
      workerThreshold: 0,
      request: {
        body: { parseAs: 'json', value: '{"t": {{jsonEscape (metadata ns "tier")}}}' },
      },
      response: { body: { parseAs: 'json', jsonata: '{ "p": $attribute(name) }' } },
    };
    const { processor, lines } = await make('t-computed', computed);
    const r = await exchange(
      processor,
      post(JSON.stringify({ ns: 'auth' }), {
        dynamicMetadata: { auth: { tier: 'gold' } },
        upstream: () => ({
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: '{"name": "x"}',
        }),
      }),
    );
    expect(r.upstream?.body.toString()).toBe('{"t": "gold"}');
    expect(r.downstream.body.toString()).toBe('{}');
    expect(tasks('t-computed')).toBeUndefined();
    expect(lines.filter((l) => l.msg.includes('computed value')).map((l) => l.fields.direction)).toEqual([
      'request',
      'response',
    ]);
    // The same reads by literal names do go to the pool.
    const literal = await make('t-literal', {
      workerThreshold: 0,
      request: { body: { parseAs: 'json', value: '{"t": {{jsonEscape (metadata "auth" "tier")}}}' } },
    });
    const l = await exchange(literal.processor, post('{}', { dynamicMetadata: { auth: { tier: 'gold' } } }));
    expect(l.upstream?.body.toString()).toBe('{"t": "gold"}');
    expect(ok('t-literal')).toBe(1);
  });
});

describe('transform: random draws in the pool', () => {
  it('randomReplace gives one value per needle across both directions and both paths, a new one per exchange', async () => {
    // Request bodies are small (inline), response bodies large (pool): the draw crosses paths.
    const { processor } = await make('t-random', {
      workerThreshold: 64,
      request: { body: { parseAs: 'none', value: '{{randomReplace "id=N" "N"}}' } },
      response: {
        body: { parseAs: 'none', value: '{{randomReplace "id=N" "N"}}|{{randomReplace "k=M" "M"}}' },
      },
    });
    const once = async () => {
      const r = await exchange(processor, {
        ...post('small'),
        request: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'small' },
        upstream: () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'y'.repeat(100) }),
      });
      const req = r.upstream?.body.toString() ?? '';
      const [res, other] = r.downstream.body.toString().split('|');
      return { req, res, other };
    };
    const before = ok('t-random');
    const a = await once();
    const b = await once();
    expect(ok('t-random')).toBe(before + 2);
    expect(a.req).toMatch(/^id=[A-Za-z0-9+/]{22}==$/);
    expect(a.res).toBe(a.req);
    expect(a.other).not.toBe(`k=${a.req.slice(3)}`);
    expect(b.req).not.toBe(a.req);
    expect(b.res).toBe(b.req);
  });
});

describe('transform: the body lent to the thread, or copied', () => {
  it('fail-closed lends the collected body (no copy), fail-open copies it; a failed task passes it on intact', async () => {
    const run = vi.spyOn(sharedPool(), 'run');
    const body = JSON.stringify({ v: 'é"\\'.repeat(4000) });
    // Streamed in chunks: attache collects a body from 16 KiB into a buffer of its own (lendable).
    const chunks = [body.slice(0, 1000), body.slice(1000, 9000), body.slice(9000)];
    expect(Buffer.byteLength(body)).toBeGreaterThan(16 * 1024);
    for (const failure of ['closed', 'open'] as const) {
      run.mockClear();
      const { processor } = await make(
        `t-lend-${failure}`,
        {
          workerThreshold: 0,
          missing: 'error',
          request: { body: { parseAs: 'json', value: '{{jsonEscape v}}' } },
          response: { body: { parseAs: 'json', value: '{{jsonEscape nope.x}}' } },
        },
        { failure, mode: 'STREAMED' },
      );
      const r = await exchange(processor, {
        envoy: { processingMode: MODES.STREAMED },
        request: {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: chunks,
          pacing: 'on-idle',
        },
        upstream: () => ({ status: 200, headers: { 'content-type': 'application/json' }, body }),
      });
      expect(r.violations).toEqual([]);
      // The request body attache collected is lent when failing closed; the response body
      // reaches attache in one message (a view of it): copied either way.
      expect(run.mock.calls.map((c) => c[4].lent)).toEqual([failure === 'closed', false]);
      expect(r.upstream?.body.toString()).toBe(JSON.stringify(JSON.parse(body).v));
      // The response transformation failed (missing field): passthrough, every byte of the body.
      expect(r.downstream.body.toString()).toBe(body);
    }
    run.mockRestore();
  });
});

describe('transform: pool failures are transform failures (onError)', () => {
  /** A worker module of another plugin, to hold the pool's one thread. */
  async function blocker() {
    const shared = new SharedArrayBuffer(12);
    const counters = new Int32Array(shared);
    let handle: Workers<{ mode: string }, unknown> | undefined;
    const plugin = definePlugin({
      name: 'blocker',
      async setup(_o, api) {
        handle = (await api.workers({
          module: new URL('../../src/workers/fixtures/task.mjs', import.meta.url),
          options: { shared },
          threshold: 0,
        })) as unknown as Workers<{ mode: string }, unknown>;
        return {};
      },
    });
    made.push(await createProcessor({ plugins: [{ plugin }] }));
    const h = handle as Workers<{ mode: string }, unknown>;
    const running = Promise.resolve(
      h.run(new Uint8Array(8), { stream: {} } as PhaseContextBase, { mode: 'block' }),
    );
    while (Atomics.load(counters, 1) !== 1) await new Promise((r) => setTimeout(r, 5));
    return {
      release: async () => {
        Atomics.store(counters, 2, 1);
        Atomics.notify(counters, 2);
        await running;
      },
    };
  }

  const rejecting = {
    workerThreshold: 0,
    onError: 'reject',
    rejectStatus: 503,
    request: { body: { parseAs: 'json', value: '{"ok": {{jsonEscape ok}}}' } },
  };

  function expectOnError(r: ExchangeResult, lines: Made['lines']) {
    expect(r.violations).toEqual([]);
    expect(r.downstream.status).toBe(503);
    expect(r.downstream.body.toString()).toBe('transformation failed\n');
    const warned = lines.filter((l) => l.msg === 'transformation failed');
    expect(warned).toHaveLength(1);
    return warned[0]?.fields.reason as string;
  }

  it('a task shed on its deadline (the thread busy) answers as onError says; the pool serves the next', async () => {
    // The handler's own budget binds (100 ms), the message's is far off: the pool sheds the
    // queued task at that deadline, before the handler's timer fires (fail-open would pass).
    const { processor, lines, rejected } = await make('t-shed', rejecting, {
      failure: 'open',
      timeoutMs: 100,
    });
    const held = await blocker();
    const r = await exchange(processor, post('{"ok": 1}'));
    await held.release();
    const reason = expectOnError(r, lines);
    expect(reason).toMatch(/worker task of t-shed shed: the message ran out of time/);
    expect(tasks('t-shed')?.shed).toBe(1);
    expect(tasks('t-shed')?.ok ?? 0).toBe(0);
    expect(await rejected()).toBe(1);
    const after = await exchange(processor, post('{"ok": 2}'));
    expect(after.upstream?.body.toString()).toBe('{"ok": 2}');
  });

  it('a thread that runs out of memory fails only its exchange, as onError says, logged without the body', async () => {
    const { processor, lines, rejected } = await make('t-crash', {
      ...rejecting,
      jsonataTimeoutMs: 60_000,
      request: {
        body: {
          parseAs: 'json',
          jsonata: '$count($map([1..1000000], function($v) { [1..1000].{ "v": $v, "s": secret } }))',
        },
      },
    });
    const r = await exchange(processor, post('{"secret": "s3cr3t-body"}'));
    const reason = expectOnError(r, lines);
    expect(reason).toMatch(/worker thread of t-crash failed/);
    expect(JSON.stringify(lines)).not.toContain('s3cr3t-body');
    expect(tasks('t-crash')?.crashed).toBe(1);
    expect(await rejected()).toBe(1);
    // The pool replaced the thread: the next body is transformed there.
    const next = await make('t-after-crash', rejecting);
    const after = await exchange(next.processor, post('{"ok": 3}'));
    expect(after.upstream?.body.toString()).toBe('{"ok": 3}');
    expect(ok('t-after-crash')).toBe(1);
  });

  const inTask = [
    {
      what: 'a body that is not JSON',
      request: { body: { parseAs: 'json', value: '{"ok": {{jsonEscape ok}}}' } },
      body: '{"ok": "s3cr3t-body", ',
      reason: /^body is not valid JSON/,
    },
    {
      what: 'a template that throws (a missing field under missing: error)',
      missing: 'error',
      request: { body: { parseAs: 'json', value: '{"ok": {{jsonEscape (json "nope.x")}}}' } },
      body: '{"ok": "s3cr3t-body"}',
      reason: /^body field nope\.x is missing$/,
    },
    {
      what: 'a JSONata expression over its time budget',
      jsonataTimeoutMs: 5,
      request: { body: { parseAs: 'json', jsonata: '$reduce([1..200000], function($a, $b) { $a + $b })' } },
      body: '{"ok": "s3cr3t-body"}',
      // D1012: JSONata's evaluation timeout.
      reason: /^JSONata evaluation failed \(D1012\)$/,
    },
  ];
  for (const c of inTask) {
    it(`a failure inside the task (${c.what}) logs the same reason as inline, never the body`, async () => {
      const { what: _w, body, reason, ...options } = c;
      const name = `t-bad-${inTask.indexOf(c)}`;
      const pooled = await make(`${name}-pool`, { ...rejecting, ...options });
      const inline = await make(`${name}-inline`, { ...rejecting, ...options, workerThreshold: 2 ** 30 });
      const a = await exchange(pooled.processor, post(body));
      const b = await exchange(inline.processor, post(body));
      const ra = expectOnError(a, pooled.lines);
      expect(ra).toBe(expectOnError(b, inline.lines));
      expect(ra).toMatch(reason);
      expect(JSON.stringify(pooled.lines)).not.toContain('s3cr3t');
      expect(await pooled.rejected()).toBe(1);
      expect(await inline.rejected()).toBe(1);
      // The task ran (and answered its failure) in the pool; the inline one never went there.
      expect(tasks(`${name}-pool`)?.ok).toBe(1);
      expect(tasks(`${name}-inline`)).toBeUndefined();
    });
  }
});

describe('transform: the worker module loads fast in a thread', () => {
  it('imports nothing of attache at run time (types only), so a thread does not load the framework', () => {
    const seen = new Set<string>();
    const runtime: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(new URL(file, import.meta.url), 'utf8');
      for (const m of source.matchAll(/^import\s+(type\s+)?([^'";]*?)\s*from\s+'([^']+)';/gms)) {
        const [, typeOnly, what = '', from = ''] = m;
        const specifiers = what
          .replace(/^\{|\}$/g, '')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
        const onlyTypes =
          typeOnly !== undefined || (what.startsWith('{') && specifiers.every((x) => x.startsWith('type ')));
        if (from === 'attache-extproc' && !onlyTypes) runtime.push(`${file}: ${what}`);
        if (from.startsWith('./') && !onlyTypes) visit(from.replace(/\.js$/, '.ts'));
      }
    };
    visit('./body-worker.ts');
    // The check walked the module graph (not only the entry).
    expect([...seen]).toEqual(
      expect.arrayContaining(['./body-worker.ts', './helpers.ts', './templates.ts', './plan.ts']),
    );
    expect(runtime).toEqual([]);
  });
});
