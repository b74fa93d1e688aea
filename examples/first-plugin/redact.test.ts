// redact.test.ts
import { createProcessor } from 'attache-extproc';
import { runExchange } from 'attache-extproc/testing';
import { afterAll, expect, it } from 'vitest';
import redact from './redact.js';

const BUFFERED = { processingMode: { requestBodyMode: 'BUFFERED' } } as const;
const body = 'name=Ann&email=ann@example.com&'.repeat(10_000); // about 310 KB

// Threshold 0: every body in the worker pool; 2^30: every body inline, through the same function.
// Generous budgets: a loaded test machine must not turn a slow body into a failure.
const make = (threshold: number) =>
  createProcessor({
    plugins: [{ plugin: redact, options: { pattern: '[\\w.]+@[\\w.]+', threshold } }],
    timeoutMs: 5_000,
    messageTimeoutMs: 6_000,
  });
const pooled = await make(0);
const inline = await make(2 ** 30);
afterAll(async () => {
  await pooled.close(); // the last plugin using the pool closes it
  await inline.close();
});

it('redacts in a worker thread and inline alike', async () => {
  const spec = { envoy: { ...BUFFERED, messageTimeoutMs: 10_000 }, request: { method: 'POST', body } };
  const a = await runExchange(pooled, spec);
  const b = await runExchange(inline, spec);
  expect(a.downstream.status).toBe(200);
  expect(a.upstream?.body.toString()).toBe(body.replaceAll('ann@example.com', '[redacted]'));
  expect(a.upstream?.body.equals(b.upstream?.body ?? Buffer.alloc(0))).toBe(true);
  expect(a.violations).toEqual([]);
});
