// Latency case `body4k`: a BUFFERED request-body plugin that reads the body and replaces it with
// another body of the same size, which the upstream recognises by its first bytes.
import { definePlugin } from 'attache-extproc';
import { replacementBody } from './bodies.mjs';

export default definePlugin({
  name: 'bench-replace-body',
  setup: () => ({
    requestBody(ctx) {
      const bytes = ctx.body.bytes();
      if (bytes.length > 0) ctx.mutate.replaceBody(replacementBody(bytes.length));
    },
  }),
});
