// A plugin that starts a span of its own: it becomes a child of attache's span for this call,
// because attache makes that span the active context while the handler runs.
import { trace } from '@opentelemetry/api';
import { definePlugin } from 'attache-extproc';

const tracer = trace.getTracer('example-tenant');

/** Resolves the tenant of a request (a stand-in for a directory lookup) and forwards it. */
async function lookupTenant(host) {
  return tracer.startActiveSpan('tenant lookup', async (span) => {
    await new Promise((resolve) => setTimeout(resolve, 2));
    const tenant = host?.split('.')[0] ?? 'unknown';
    span.setAttribute('example.tenant', tenant);
    span.end();
    return tenant;
  });
}

export default definePlugin({
  name: 'tenant',
  setup: () => ({
    async requestHeaders(ctx) {
      ctx.mutate.set('x-tenant', await lookupTenant(ctx.headers.get(':authority')));
    },
  }),
});
