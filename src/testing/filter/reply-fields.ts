/**
 * The non-oneof fields of a `ProcessingResponse`: `dynamic_metadata` (doc §5.6) and
 * `override_message_timeout` (doc §8).
 *
 * @module
 */
import type { Duration } from '../../gen/google/protobuf/duration.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/**
 * §5.6: writes only the receiving namespaces into `target`. Envoy reads each value's
 * `struct_value` (an empty struct when the value is not a struct) and merges it into the
 * namespace: top-level keys are replaced, others kept. Returns the namespaces it ignored.
 */
export function applyDynamicMetadata(
  metadata: Record<string, unknown>,
  receivingNamespaces: readonly string[],
  target: Record<string, Record<string, unknown>>,
): string[] {
  const ignored: string[] = [];
  for (const [ns, value] of Object.entries(metadata)) {
    if (!receivingNamespaces.includes(ns)) {
      ignored.push(ns);
      continue;
    }
    const struct = isPlainObject(value) ? value : {};
    target[ns] = { ...(target[ns] ?? {}), ...structuredClone(struct) };
  }
  return ignored;
}

/**
 * A protobuf Duration in whole milliseconds (Envoy `durationToMillisecondsNoThrow`), or
 * `undefined` when the duration is invalid (Envoy then ignores the override, §8).
 */
export function durationToMs(d: Duration): number | undefined {
  const seconds = d.seconds ?? 0;
  const nanos = d.nanos ?? 0;
  if (!Number.isFinite(seconds) || Math.abs(seconds) > 315_576_000_000) return undefined;
  if (Math.abs(nanos) > 999_999_999 || (seconds > 0 && nanos < 0) || (seconds < 0 && nanos > 0))
    return undefined;
  return seconds * 1000 + Math.trunc(nanos / 1_000_000);
}
