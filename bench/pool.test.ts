/**
 * bench/pool.mjs runs (a crash check, as CI's `bench --quick`): both load variants time headers
 * exchanges and rewrite bodies (pan-mask, then transform), the per-task figures and every body
 * size are there. No timing is asserted.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const script = fileURLToPath(new URL('pool.mjs', import.meta.url));

it('bench/pool.mjs --quick --json reports both variants, the overhead and the break-even table', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [
    script,
    '--quick',
    '--json',
    '--bodies',
    '2',
  ]);
  const result = JSON.parse(stdout) as {
    headersUnderLoad: Record<'inline' | 'offload', { headers: number; bodies: number; p99Ms: number }> & {
      p99Ratio: number;
    };
    transformHeadersUnderLoad: Record<'inline' | 'offload', { headers: number; bodies: number }> & {
      p99Ratio: number;
    };
    perTask: { overheadUs: number; sizes: { size: number; inlineBusyUs: number; poolBusyUs: number }[] };
    stats: Record<string, { tasks: { ok: number } }>;
  };
  for (const variant of ['inline', 'offload'] as const) {
    const r = result.headersUnderLoad[variant];
    expect(r.headers).toBeGreaterThan(0);
    expect(r.bodies).toBeGreaterThan(0);
  }
  expect(Number.isFinite(result.headersUnderLoad.p99Ratio)).toBe(true);
  for (const variant of ['inline', 'offload'] as const) {
    const r = result.transformHeadersUnderLoad[variant];
    expect(r.headers).toBeGreaterThan(0);
    expect(r.bodies).toBeGreaterThan(0);
  }
  expect(Number.isFinite(result.transformHeadersUnderLoad.p99Ratio)).toBe(true);
  expect(Number.isFinite(result.perTask.overheadUs)).toBe(true);
  expect(result.perTask.sizes.map((s) => s.size)).toEqual([1024, 4096, 16384, 65536, 262144, 1 << 20]);
  // The offloaded variant really used the pool: pan-mask's scans ran there.
  expect(result.stats['pan-mask']?.tasks.ok).toBeGreaterThan(0);
  // And transform's body renderings.
  expect(result.stats.transform?.tasks.ok).toBeGreaterThan(0);
}, 120_000);
