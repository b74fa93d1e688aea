/**
 * Every log line of a real `attache serve` run (the CLI's own logger, log level debug, JSON on
 * stderr) is swept for secrets planted in the sensitive headers: authorization,
 * proxy-authorization, cookie, set-cookie, and `x-api-key` named in `log.redactHeaders`. A plugin
 * logs the headers through `ctx.log` in every shape it might (the header view, a plain object
 * copy, an entries array, a Map, one header as a field), and fails on some requests, so the
 * failure lines are swept too (and checked: one line per failure, with stream id, plugin, phase
 * and outcome). Bodies carry markers as well: attache logs no body unless a plugin does.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExtProcChannel } from '../../src/testing/channel.js';
import { http2Channel } from '../../src/testing/channel-http2.js';
import { runExchange } from '../../src/testing/exchange.js';
import { type ServeProcess, startServe } from '../support/serve-process.js';

const DIST_INDEX = pathToFileURL(
  path.resolve(fileURLToPath(import.meta.url), '../../../dist/src/index.js'),
).href;

const SECRETS = {
  authorization: 'Bearer sw-auth-71c0',
  proxyAuthorization: 'Basic sw-proxy-2be9',
  cookie: 'sid=sw-cookie-5d13',
  setCookie: 'sid=sw-setcookie-8a4f; HttpOnly',
  apiKey: 'sw-apikey-c3e7',
  requestBody: 'sw-reqbody-0d5a',
  responseBody: 'sw-respbody-94b1',
};
const MARKERS = Object.values(SECRETS).map((s) => s.replace(/^(Bearer |Basic |sid=)|; HttpOnly$/g, ''));

const PLUGIN = `import { definePlugin } from '${DIST_INDEX}';
export default definePlugin({
  name: 'nosy',
  setup: () => ({
    requestHeaders(ctx) {
      ctx.log.info({ headers: ctx.headers }, 'the view');
      ctx.log.info({ headers: Object.fromEntries(ctx.headers.entries()) }, 'a plain copy');
      ctx.log.info({ list: [...ctx.headers.entries()] }, 'entries');
      ctx.log.info({ map: new Map(ctx.headers.entries()) }, 'a map');
      ctx.log.debug({ authorization: ctx.headers.get('authorization'), 'x-api-key': ctx.headers.get('x-api-key') }, 'one by one');
      if ((ctx.headers.get(':path') ?? '').startsWith('/throw')) throw new Error('nosy failed on purpose');
    },
    responseHeaders(ctx) {
      ctx.log.info({ responseHeaders: ctx.headers }, 'response view');
      ctx.log.info({ requestHeaders: ctx.stream.requestHeaders }, 'request headers again');
    },
  }),
});
`;

let p: ServeProcess | undefined;
let channel: (ExtProcChannel & { close(): void }) | undefined;
afterEach(async () => {
  channel?.close();
  if (p !== undefined) {
    p.child.kill('SIGKILL');
    await p.exit;
  }
});

describe('secrets in the logs of a real attache serve run', () => {
  it('no planted header secret in any line, whatever shape a plugin logs headers in; failure lines complete', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'attache-sweep-'));
    await writeFile(path.join(dir, 'nosy.js'), PLUGIN);
    const config = path.join(dir, 'attache.yaml');
    await writeFile(
      config,
      'grpc:\n  address: 127.0.0.1:0\nlog:\n  level: debug\n  format: json\n  redactHeaders: [x-api-key]\n' +
        'timeouts:\n  drainDelayMs: 0\nplugins:\n  - use: ./nosy.js\n    failure: open\n',
    );
    p = startServe(['--processes', '1', '--config', config, '--admin-address', '127.0.0.1:0']);
    const address = String((await p.waitFor((l) => l.msg === 'attache listening', 'listening')).address);
    channel = http2Channel(address);
    for (const route of ['/ok', '/throw']) {
      for (const mode of ['NONE', 'BUFFERED'] as const) {
        const result = await runExchange(channel, {
          // A fresh process's first answers can take longer than Envoy's 200 ms on a loaded machine.
          envoy: {
            processingMode: { requestBodyMode: mode, responseBodyMode: mode },
            messageTimeoutMs: 5000,
          },
          request: {
            method: 'POST',
            path: route,
            headers: {
              authorization: SECRETS.authorization,
              'proxy-authorization': SECRETS.proxyAuthorization,
              cookie: SECRETS.cookie,
              'x-api-key': SECRETS.apiKey,
            },
            body: SECRETS.requestBody,
          },
          upstream: { status: 200, headers: { 'set-cookie': SECRETS.setCookie }, body: SECRETS.responseBody },
        });
        expect(result.violations).toEqual([]);
      }
    }
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);

    const text = p.text();
    // The run logged what it should: the plugin's lines, with the headers readable but redacted.
    const view = p.lines.find((l) => l.msg === 'the view') as { headers: Record<string, unknown> };
    expect(view.headers).toMatchObject({
      ':path': '/ok',
      authorization: '[redacted]',
      'proxy-authorization': '[redacted]',
      cookie: '[redacted]',
      'x-api-key': '[redacted]',
    });
    expect(p.lines.some((l) => l.msg === 'response view')).toBe(true);
    const leaks = p.lines.filter((l) => MARKERS.some((m) => JSON.stringify(l).includes(m)));
    expect(leaks, 'lines with a marker').toEqual([]);
    // And nothing on stderr outside the JSON lines either.
    expect(MARKERS.filter((m) => text.includes(m))).toEqual([]);

    // One line per failure (two /throw exchanges), naming stream, plugin, phase and outcome.
    const failures = p.lines.filter((l) => l.msg === 'plugin handler failed');
    expect(failures).toHaveLength(2);
    for (const f of failures) {
      expect(f).toMatchObject({ plugin: 'nosy', phase: 'requestHeaders', outcome: 'pass-through' });
      expect(typeof f.stream).toBe('number');
    }
  });
});
