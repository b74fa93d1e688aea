// redact.ts
import { definePlugin, z } from 'attache-extproc';
import type redactWorker from './redact.worker.mjs';

export default definePlugin({
  name: 'redact',
  options: z.object({ pattern: z.string(), threshold: z.number().int().optional() }),
  async setup({ pattern, threshold }, api) {
    // Large bodies are redacted in a worker thread, small ones right here, by the same function.
    const redact = await api.workers<typeof redactWorker>({
      module: './redact.worker.mjs',
      options: { pattern },
      threshold,
    });
    return {
      async requestBody(ctx) {
        ctx.mutate.replaceBody(await redact.run(ctx.body.bytes(), ctx));
      },
    };
  },
});
