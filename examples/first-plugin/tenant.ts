// tenant.ts
import { definePlugin, respond, z } from 'attache-extproc';

export default definePlugin({
  name: 'tenant',
  options: z.object({ header: z.string().default('x-tenant'), allowed: z.array(z.string()) }),
  setup({ header, allowed }) {
    const known = new Set(allowed);
    return {
      requestHeaders(ctx) {
        const tenant = ctx.headers.get(header);
        if (tenant === undefined || !known.has(tenant)) {
          return respond(403, { body: 'unknown tenant\n' }); // stops here; the upstream is never called
        }
        ctx.mutate.set('x-tenant-checked', 'true'); // Envoy applies it to the upstream request
        ctx.setMetadata('tenant', { id: tenant }); // Envoy dynamic metadata
        return undefined; // continue
      },
    };
  },
});
