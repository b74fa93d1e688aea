// Latency case `immediate`: answers every request itself, without the upstream: 403 under
// /admin, 200 elsewhere (the load asks for `/`, the probe checks both).
import { definePlugin, respond } from 'attache-extproc';

const OK = { headers: { 'content-type': 'text/plain', 'x-answered-by': 'attache' }, body: 'ok\n' };
const DENIED = {
  headers: { 'content-type': 'text/plain', 'x-answered-by': 'attache' },
  body: 'blocked\n',
};

export default definePlugin({
  name: 'bench-answer',
  setup: () => ({
    requestHeaders(ctx) {
      const path = ctx.headers.get(':path') ?? '/';
      return path.startsWith('/admin') ? respond(403, DENIED) : respond(200, OK);
    },
  }),
});
