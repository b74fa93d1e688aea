/**
 * `headers`: declarative header changes on requests and responses.
 *
 * ```yaml
 * - use: headers
 *   options:
 *     request:
 *       set: { x-tenant: acme }
 *       append: { via: attache }
 *       remove: [x-debug]
 *     response:
 *       set: { cache-control: no-store }
 * ```
 *
 * Removals run first, then sets, then appends. Names are checked against Envoy's mutation rules
 * at startup, so a refused change (e.g. `host`) fails the server start, not a request.
 *
 * @module
 */
import { definePlugin, type Handler, type HeaderMutations, type HeadersContext, z } from 'attache-extproc';

const changes = z.strictObject({
  /** Replace these headers' values. */
  set: z.record(z.string(), z.string()).default({}),
  /** Add these values, keeping existing ones. */
  append: z.record(z.string(), z.string()).default({}),
  /** Remove these headers. */
  remove: z.array(z.string()).default([]),
});

/** Options of the `headers` processor. */
export const headersOptions = z.strictObject({
  request: changes.optional(),
  response: changes.optional(),
});

type Changes = z.output<typeof changes>;

function compile(c: Changes): ((m: HeaderMutations) => void) | undefined {
  const removes = [...c.remove];
  const sets = Object.entries(c.set);
  const appends = Object.entries(c.append);
  if (removes.length + sets.length + appends.length === 0) return undefined;
  return (m) => {
    for (const name of removes) m.remove(name);
    for (const [name, value] of sets) m.set(name, value);
    for (const [name, value] of appends) m.append(name, value);
  };
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
      for (const name of c?.remove ?? []) api.checkHeader(name, { block, op: 'remove' });
      for (const name of Object.keys(c?.set ?? {})) api.checkHeader(name, { block, op: 'set' });
      for (const name of Object.keys(c?.append ?? {})) api.checkHeader(name, { block, op: 'append' });
    }
    const request = options.request && compile(options.request);
    const response = options.response && compile(options.response);
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
