// Answers requests under `prefix` itself: the immediate-response case of the real-Envoy suite.
import { definePlugin, respond, z } from 'attache-extproc';

export default definePlugin({
  name: 'block',
  options: z.object({ prefix: z.string().startsWith('/') }),
  setup({ prefix }) {
    return {
      requestHeaders(ctx) {
        if ((ctx.headers.get(':path') ?? '/').startsWith(prefix)) {
          return respond(418, { headers: { 'content-type': 'text/plain' }, body: 'answered by attache\n' });
        }
        return undefined;
      },
    };
  },
});
