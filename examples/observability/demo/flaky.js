// A plugin that misbehaves on purpose, by path, for the dashboard demo: /slow takes a few ms,
// /fail throws, /hang outlives its time budget (a timeout), /limited answers 429 itself. Bodies
// are upper-cased (body bytes in and out).
import { definePlugin, respond } from 'attache-extproc';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export default definePlugin({
  name: 'flaky',
  setup() {
    return {
      async requestHeaders(ctx) {
        const path = ctx.headers.get(':path') ?? '/';
        if (path.startsWith('/slow')) await sleep(2 + Math.random() * 12);
        else if (path.startsWith('/fail')) throw new Error('flaky: failing on purpose (/fail)');
        else if (path.startsWith('/hang')) await sleep(200);
        else if (path.startsWith('/limited')) return respond(429, { body: 'slow down\n' });
        return undefined;
      },
      requestBody(ctx) {
        ctx.mutate.replaceBody(ctx.body.text().toUpperCase());
      },
    };
  },
});
