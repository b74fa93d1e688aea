/**
 * Header redaction for log lines. pino's own `redact` option takes fixed paths
 * (`headers.authorization`), which misses the shapes headers are logged in: a plugin's
 * `ctx.log.info({ headers: ctx.headers })` (a header view whose data pino cannot see at all),
 * `{ req: { headers: {...} } }`, a `Map`, a Fetch `Headers`, Envoy's `[{ key, rawValue }]`
 * list. So every logged object goes through one function (pino's `formatters.log`) that:
 * - turns header views, `Map`s and `Headers` into plain `{ name: value }` objects, so they are
 *   readable in the log, and redacted;
 * - replaces the value of any property named like a sensitive header, at any depth (bounded),
 *   and of `{ key, value | rawValue }` entries and `[name, value]` pairs whose name is one.
 * Only log lines that are written pay for it (a disabled level never builds the object), and the
 * hot paths log only rate-limited failure lines. The message string is not touched: attache never
 * puts header values in messages, and plugins must not either (README, Logs).
 *
 * @module
 */

/** Header names always redacted: credentials and sessions. */
export const SENSITIVE_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
];

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/** How deep into a logged object redaction looks (a header map is rarely below 3 levels). */
const MAX_DEPTH = 6;

type Walk = (value: unknown, depth: number) => unknown;

/**
 * A function that returns `obj` redacted: the same object when nothing needed a change, else a
 * copy (the caller's object is never modified). `extra` names are added to
 * {@link SENSITIVE_HEADERS}; names are case-insensitive.
 */
export function headerRedactor(
  extra: readonly string[] = [],
): (obj: Record<string, unknown>) => Record<string, unknown> {
  const names = new Set([...SENSITIVE_HEADERS, ...extra].map((n) => n.toLowerCase()));
  const sensitive = (name: string) => names.has(name.toLowerCase());

  const fromPairs = (pairs: Iterable<[unknown, unknown]>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of pairs) {
      const key = String(k);
      const value = sensitive(key) ? REDACTED : v;
      const prior = out[key];
      // Repeated names (set-cookie, or entries() of a multi-value header) keep every value.
      out[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
    }
    return out;
  };

  const walk: Walk = (value, depth) => {
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
    if (value instanceof Error || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return value;
    if (value instanceof Map) return fromPairs(value.entries());
    if (typeof Headers === 'function' && value instanceof Headers) return fromPairs(value.entries());
    if (isHeaderView(value)) return fromPairs(value.entries());
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        const next =
          isKeyedHeader(item) && sensitive(item.key)
            ? redactKeyed(item)
            : isPair(item) && sensitive(item[0])
              ? [item[0], REDACTED]
              : walk(item, depth + 1);
        if (next !== item) {
          copy ??= value.slice();
          copy[i] = next;
        }
      }
      return copy ?? value;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    let copy: Record<string, unknown> | null = null;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      const next = sensitive(key) ? REDACTED : walk(item, depth + 1);
      if (next !== item) {
        copy ??= { ...(value as Record<string, unknown>) };
        copy[key] = next;
      }
    }
    return copy ?? value;
  };

  return (obj) => walk(obj, 0) as Record<string, unknown>;
}

/** attache's header view (`ctx.headers`) and the test kit's: `get`, `getAll`, `entries`. */
function isHeaderView(
  value: object,
): value is { entries(): IterableIterator<[string, string]>; get(name: string): unknown } {
  const v = value as Record<string, unknown>;
  return typeof v.entries === 'function' && typeof v.getAll === 'function' && typeof v.get === 'function';
}

/** A `[name, value]` pair, as `entries()` of headers and Maps yields. */
function isPair(value: unknown): value is [string, unknown] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string';
}

/** An Envoy `HeaderValue` shape: `{ key, value }` or `{ key, rawValue }`. */
function isKeyedHeader(value: unknown): value is { key: string } & Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { key?: unknown }).key === 'string' &&
    ('value' in value || 'rawValue' in value || 'raw_value' in value)
  );
}

function redactKeyed(item: { key: string } & Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...item };
  for (const field of ['value', 'rawValue', 'raw_value']) if (field in out) out[field] = REDACTED;
  return out;
}
