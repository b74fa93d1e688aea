// Latency case `headers`: a request-headers plugin that reads `:path` and sets one header.
import { definePlugin } from 'attache-extproc';

export default definePlugin({
  name: 'bench-set-header',
  setup: () => ({
    requestHeaders(ctx) {
      if (ctx.headers.get(':path') !== undefined) ctx.mutate.set('x-bench', 'headers');
    },
  }),
});
