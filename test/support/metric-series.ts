/** Reading a prom-client registry back in metrics tests. */
import type { Registry } from 'prom-client';

type Labels = Record<string, string | number>;

/**
 * Every series of the metric `name` as `label=value,...` → value, zeros left out; a histogram's
 * `_sum` and `_count` series keyed with their suffix first (`_count plugin=p,phase=x`), its
 * buckets left out.
 *
 * @throws Error when the registry has no metric `name`.
 */
export async function series(registry: Registry, name: string): Promise<Record<string, number>> {
  const all = await registry.getMetricsAsJSON();
  const metric = all.find((m) => m.name === name);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  const out: Record<string, number> = {};
  for (const v of metric.values as Array<{ labels: Labels; value: number; metricName?: string }>) {
    if (v.value === 0) continue;
    const key = Object.entries(v.labels)
      .filter(([k]) => k !== 'le')
      .map(([k, x]) => `${k}=${x}`)
      .join(',');
    const suffix = v.metricName === undefined ? '' : v.metricName.slice(name.length);
    if (suffix === '_bucket') continue;
    out[`${suffix}${suffix === '' ? '' : ' '}${key}`] = v.value;
  }
  return out;
}
