// A plugin in plain JavaScript: no build step. Editors still infer its types from attache.
import { definePlugin, respond, z } from 'attache-extproc';

export default definePlugin({
  name: 'guard',
  options: z.object({ blockedPrefix: z.string().startsWith('/') }),
  setup({ blockedPrefix }) {
    return {
      requestHeaders(ctx) {
        const path = ctx.headers.get(':path') ?? '/';
        if (path.startsWith(blockedPrefix)) {
          return respond(403, { headers: { 'content-type': 'text/plain' }, body: 'blocked by attache\n' });
        }
        // Remember something for the response phase of the same exchange.
        ctx.setMetadata('attache.guard', { checked: path });
        return undefined;
      },
    };
  },
});
