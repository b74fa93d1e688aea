// api-keys.ts
import { definePlugin, respond, z } from 'attache-extproc';

export default definePlugin({
  name: 'api-keys',
  options: z.object({ keys: z.array(z.string()).min(1) }),
  setup({ keys }, api) {
    const known = new Set(keys);
    // Declared once, in setup: attache_api_key_checks_total, or a no-op without metrics.
    const checks = api.metrics.counter({
      name: 'api_key_checks_total',
      help: 'API key checks, by plugin instance and result',
      labelNames: ['plugin', 'result'],
    });
    return {
      requestHeaders(ctx) {
        const key = ctx.headers.get('x-api-key');
        const result = key === undefined ? 'missing' : known.has(key) ? 'valid' : 'invalid';
        checks.inc({ plugin: api.name, result }); // bounded label values, never the key itself
        return result === 'valid' ? undefined : respond(401);
      },
    };
  },
});
