/**
 * `headers`: declarative header changes on requests and responses, with the semantics of the
 * Gateway API's `HTTPHeaderFilter` (`RequestHeaderModifier` / `ResponseHeaderModifier`).
 *
 * ```yaml
 * - use: headers
 *   options:
 *     request:
 *       set: { x-tenant: acme }          # replaces every value
 *       add: { via: attache }            # appends a value, keeping existing ones
 *       remove: [x-debug]
 *     response:
 *       set:                             # the Gateway API's list form works too
 *         - { name: cache-control, value: no-store }
 * ```
 *
 * Names are case-insensitive. As in the Gateway API, when several entries of one list name the
 * same header (in any case), the first one counts and the others are ignored (logged at start).
 * Removals run first, then sets, then adds. `append` is the older name of `add`. Names are
 * checked against Envoy's mutation rules at startup, so a refused change (e.g. `host`) fails the
 * server start, not a request.
 *
 * @module
 */
import {
  definePlugin,
  type Handler,
  type HeaderMutations,
  type HeadersContext,
  type Logger,
  z,
} from 'attache-extproc';

const headerMap = z.record(z.string().min(1), z.string());
const headerList = z.array(z.strictObject({ name: z.string().min(1), value: z.string() }));

/**
 * A header map (`{ name: value }`) or the Gateway API's list (`[{ name, value }]`). Picked by the
 * input's shape rather than a union, so an error names the exact field (`set.x-a`), not the union.
 */
const headerValues = z
  .unknown()
  .transform((v, ctx) => {
    const parsed = Array.isArray(v) ? headerList.safeParse(v) : headerMap.safeParse(v);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  })
  .default({});

const changes = z.strictObject({
  /** Replace these headers' values. */
  set: headerValues,
  /** Add these values, keeping existing ones (Gateway API `add`). */
  add: headerValues,
  /** Older name of `add`; both may be given (`add` entries come first). */
  append: headerValues,
  /** Remove these headers. */
  remove: z.array(z.string().min(1)).default([]),
});

/** Options of the `headers` processor. */
export const headersOptions = z.strictObject({
  request: changes.optional(),
  response: changes.optional(),
});

type Changes = z.output<typeof changes>;
type Values = z.output<typeof headerValues>;

/** Entries in order, names lower-cased, the first of equivalent names kept. */
function entries(values: Values, where: string, log: Logger): Array<[string, string]> {
  const list = Array.isArray(values) ? values.map((e) => [e.name, e.value] as const) : Object.entries(values);
  const seen = new Map<string, string>();
  for (const [name, value] of list) {
    const key = name.toLowerCase();
    if (seen.has(key))
      log.warn(
        { where, header: name },
        'header listed twice (names are case-insensitive): the first entry counts',
      );
    else seen.set(key, value);
  }
  return [...seen];
}

function compile(c: Changes, block: string, log: Logger): ((m: HeaderMutations) => void) | undefined {
  const removes = [...new Set(c.remove.map((n) => n.toLowerCase()))];
  const sets = entries(c.set, `${block}.set`, log);
  const adds = [...entries(c.add, `${block}.add`, log), ...entries(c.append, `${block}.append`, log)];
  if (removes.length + sets.length + adds.length === 0) return undefined;
  return (m) => {
    for (const name of removes) m.remove(name);
    for (const [name, value] of sets) m.set(name, value);
    for (const [name, value] of adds) m.append(name, value);
  };
}

function names(values: Values): string[] {
  return Array.isArray(values) ? values.map((e) => e.name) : Object.keys(values);
}

/** The `headers` processor. */
export default definePlugin({
  name: 'headers',
  options: headersOptions,
  setup(options, api) {
    for (const [block, c] of [
      ['request', options.request],
      ['response', options.response],
    ] as const) {
      if (c === undefined) continue;
      for (const name of c.remove) api.checkHeader(name, { block, op: 'remove' });
      for (const name of names(c.set)) api.checkHeader(name, { block, op: 'set' });
      for (const name of [...names(c.add), ...names(c.append)])
        api.checkHeader(name, { block, op: 'append' });
    }
    const request = options.request && compile(options.request, 'request', api.log);
    const response = options.response && compile(options.response, 'response', api.log);
    const handler =
      (apply: (m: HeaderMutations) => void): Handler<HeadersContext> =>
      (ctx) => {
        apply(ctx.mutate);
      };
    return {
      ...(request ? { requestHeaders: handler(request) } : {}),
      ...(response ? { responseHeaders: handler(response) } : {}),
    };
  },
});
