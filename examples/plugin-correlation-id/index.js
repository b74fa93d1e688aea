// @ts-check
/**
 * `@attache-examples/correlation-id`: every request leaves with a correlation id, and the client
 * gets it back.
 *
 * The id is, in this order: the client's own id (`header`) when it is well-formed; else Envoy's
 * request id (`fallbackHeader`, `x-request-id`, which Envoy's connection manager sets), so the id
 * in your services' logs matches Envoy's access log; else a new UUID. A malformed client value
 * (too long, a comma, a space, a control character...) is replaced, never forwarded, so it
 * cannot forge log lines downstream.
 *
 * Plain JavaScript with JSDoc types: `attache serve` loads it as is, no build step. TypeScript
 * users get the types of `types.d.ts` (`npm run typecheck` checks this file against them).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { createStateKey, definePlugin, z } from 'attache-extproc';

/** A header name Envoy accepts in a mutation: lower-case token characters. */
const headerName = z.string().regex(/^[a-z0-9!#$%&'*+.^_`|~-]+$/, 'expected a lower-case header name');

/** @satisfies {import('attache-extproc').StandardSchemaV1<unknown, import('./types.js').CorrelationIdOptions>} */
const options = z.strictObject({
  /** The header carrying the correlation id, on the request and (with `echo`) the response. */
  header: headerName.default('x-correlation-id'),
  /** Where to take the id from when the client sent none; `false`: always generate one. */
  fallbackHeader: z.union([headerName, z.literal(false)]).default('x-request-id'),
  /** The longest id kept (longer ones are replaced). */
  maxLength: z.number().int().min(1).max(1024).default(128),
  /** Also set the header on the response, so the client can quote it. */
  echo: z.boolean().default(true),
  /** When set, the id and where it came from go to Envoy's dynamic metadata in this namespace. */
  metadataNamespace: z.string().min(1).optional(),
});

/** @type {import('./types.js').default} */
const correlationId = definePlugin({
  name: 'correlation-id',
  attache: '^0.1.0', // keep equal to the peerDependency in package.json
  options,
  setup({ header, fallbackHeader, maxLength, echo, metadataNamespace }, api) {
    // A header Envoy would refuse (`host`, `x-envoy-*`...) fails the start, not every request.
    api.checkHeader(header, { block: 'request', op: 'set' });
    if (echo) api.checkHeader(header, { block: 'response', op: 'set' });

    const wellFormed = new RegExp(`^[A-Za-z0-9._:=+/-]{1,${maxLength}}$`);
    /** @param {string | undefined} value */
    const usable = (value) => value !== undefined && wellFormed.test(value);
    /** @type {import('attache-extproc').StateKey<string>} */
    const idKey = createStateKey('correlation-id');

    /** @type {import('attache-extproc').Handlers['responseHeaders']} */
    const responseHeaders = (ctx) => {
      const id = ctx.stream.get(idKey);
      if (id !== undefined) ctx.mutate.set(header, id);
    };

    return {
      requestHeaders(ctx) {
        const incoming = ctx.headers.get(header); // several values come joined by ", ": not usable
        const fallback = fallbackHeader === false ? undefined : ctx.headers.get(fallbackHeader);
        /** @type {import('./types.js').CorrelationIdSource} */
        let source;
        /** @type {string} */
        let id;
        if (incoming !== undefined && usable(incoming)) {
          [id, source] = [incoming, 'client'];
        } else if (fallback !== undefined && usable(fallback)) {
          [id, source] = [fallback, 'fallback'];
        } else {
          [id, source] = [randomUUID(), 'generated'];
        }
        if (source !== 'client') ctx.mutate.set(header, id); // also replaces a malformed value
        ctx.stream.set(idKey, id);
        if (metadataNamespace !== undefined) ctx.setMetadata(metadataNamespace, { id, source });
        if (source !== 'client' && incoming !== undefined) {
          ctx.log.debug({ header, replacedWith: id }, 'malformed correlation id replaced');
        }
      },
      // Phases a plugin does not return are not wired for it.
      ...(echo ? { responseHeaders } : {}),
    };
  },
});

export default correlationId;
