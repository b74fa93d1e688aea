/**
 * Stray asynchronous errors of plugins in a real server (config → createServer → the default transport, driven
 * by the kit's grpcChannel): the server keeps answering, each error is one JSON log line naming
 * the plugin, and the counters move. No plugin is defined in this file, so an error raised here
 * is "outside any plugin".
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { healthCheck } from '../../test/support/health-check.js';
import { useServers } from '../../test/support/servers.js';
import { loadConfig } from '../config/load-config.js';
import { toServerOptions } from '../config/to-server-options.js';
import type { Logger } from '../log.js';
import { runExchange } from '../testing/exchange.js';
import type { ServerOptions } from './create-server.js';

// Each way a plugin can leak an error nobody awaits, chosen per request by `x-leak`.
const LEAKY = `import { definePlugin } from 'attache-extproc';
export default definePlugin({
  name: 'leaky',
  setup: () => ({
    requestHeaders(ctx) {
      const kind = ctx.headers.get('x-leak');
      if (kind === 'rejection') {
        void (async () => { await null; throw new Error('leaked rejection'); })();
      } else if (kind === 'timer') {
        setTimeout(() => { throw new Error('leaked timer'); }, 0);
      } else if (kind === 'abort') {
        ctx.stream.signal.addEventListener('abort', () => { throw new Error('leaked abort listener'); });
      }
      ctx.mutate.set('x-leaky', 'ran');
    },
  }),
});
`;
// Runs after leaky; counts streamEnd hooks to show a throwing abort listener does not stop them.
const ENDS = `import { definePlugin } from 'attache-extproc';
export default definePlugin({
  name: 'ends',
  setup: () => ({ streamEnd: () => { globalThis.__attacheStreamEnds = (globalThis.__attacheStreamEnds ?? 0) + 1; } }),
});
`;
const OTHER = `import { definePlugin } from 'attache-extproc';
export default definePlugin({
  name: 'other',
  setup: () => ({
    requestHeaders(ctx) {
      if (ctx.headers.get('x-leak') === 'timer') setTimeout(() => { throw new Error('other timer'); }, 0);
    },
  }),
});
`;

type Line = Record<string, unknown> & { msg: string };

/** A real pino logger (the server's JSON format) whose lines land in `lines`, parsed. */
function jsonLogger(): { log: Logger; raw: string[]; lines: () => Line[] } {
  const raw: string[] = [];
  const log = pino({ level: 'info', base: { name: 'attache' } }, { write: (s: string) => void raw.push(s) });
  return { log: log as unknown as Logger, raw, lines: () => raw.map((s) => JSON.parse(s) as Line) };
}

const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;
let saved: Map<string, Array<(...args: unknown[]) => void>>;

// The test runner reports any uncaught error as a failure through its own process handlers; set
// them aside so only the server's handlers see the errors (a crash would still fail the test).
beforeEach(() => {
  saved = new Map();
  for (const event of EVENTS) {
    saved.set(event, process.listeners(event as 'uncaughtException') as Array<(...args: unknown[]) => void>);
    process.removeAllListeners(event);
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const event of EVENTS) {
    process.removeAllListeners(event);
    for (const l of saved.get(event) ?? []) process.on(event as 'uncaughtException', l);
  }
});

// After the hooks above, so that (hooks after a test run last-registered first) the servers close,
// taking their process handlers with them, before the runner's own handlers are put back.
const servers = useServers();

async function start(files: Record<string, string>, yaml: string, extra: Partial<ServerOptions> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'attache-stray-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const file = path.join(dir, 'attache.yaml');
  await writeFile(file, yaml);
  const { log, raw, lines } = jsonLogger();
  const { server, address } = await servers.start({
    ...(await toServerOptions(await loadConfig(file), log)),
    ...extra,
  });
  const channel = servers.channel(address);
  // Envoy's timeout widened: the cases are about errors, not about the load of the machine.
  const send = (leak?: string) =>
    runExchange(channel, {
      envoy: { messageTimeoutMs: 10_000 },
      request: { path: '/', headers: leak ? { 'x-leak': leak } : {} },
    });
  return { server, dir, raw, lines, send, address };
}

const strays = (lines: Line[]) => lines.filter((l) => 'strayErrors' in l);

describe('stray asynchronous errors', () => {
  it.each([
    ['rejection', 'unhandledRejection', 'leaked rejection'],
    ['timer', 'uncaughtException', 'leaked timer'],
    ['abort', 'uncaughtException', 'leaked abort listener'],
  ])(
    'a leaked %s is logged once as JSON with the plugin, counted, and the server keeps answering',
    async (leak, kind, message) => {
      const { server, raw, lines, send, dir } = await start(
        { 'leaky.mjs': LEAKY, 'ends.mjs': ENDS },
        'plugins:\n  - use: ./leaky.mjs\n  - use: ./ends.mjs\n',
      );
      const endsBefore = (globalThis as { __attacheStreamEnds?: number }).__attacheStreamEnds ?? 0;
      const first = await send(leak);
      expect(first.violations).toEqual([]);
      expect(first.upstream?.headers.get('x-leaky')).toBe('ran');
      await vi.waitFor(() => expect(server.strayErrors.total).toBe(1));

      const [line, ...more] = strays(lines());
      expect(more).toEqual([]);
      expect(line).toMatchObject({
        level: 50,
        name: 'attache',
        kind,
        plugin: 'leaky',
        file: path.join(dir, 'leaky.mjs'),
        strayErrors: 1,
        err: expect.objectContaining({ message }),
      });
      expect(line?.msg).toBe(
        `plugin leaky: stray ${kind === 'unhandledRejection' ? 'unhandled promise rejection' : 'uncaught exception'}: ${message}`,
      );
      // One line, one JSON object: nothing printed raw around it.
      expect(raw.every((s) => s.endsWith('\n') && s.indexOf('\n') === s.length - 1)).toBe(true);
      expect(server.strayErrors.byPlugin.get('leaky')).toBe(1);
      expect(server.strayErrors.unattributed).toBe(0);

      // Still serving, and (for the abort listener) the stream's own clean-up ran to the end.
      const again = await send();
      expect(again.violations).toEqual([]);
      expect(again.upstream?.headers.get('x-leaky')).toBe('ran');
      await vi.waitFor(() => expect(server.processor.activeStreams).toBe(0));
      expect((globalThis as { __attacheStreamEnds?: number }).__attacheStreamEnds).toBe(endsBefore + 2);
    },
  );

  it('an error from outside any plugin is logged and counted as unattributed', async () => {
    const { server, lines, send } = await start({ 'leaky.mjs': LEAKY }, 'plugins:\n  - use: ./leaky.mjs\n');
    setTimeout(() => {
      throw new Error('not a plugin');
    }, 0);
    void Promise.reject('a bare string');
    await vi.waitFor(() => expect(server.strayErrors.total).toBe(2));
    expect(server.strayErrors.unattributed).toBe(2);
    expect(server.strayErrors.byPlugin.size).toBe(0);
    const found = strays(lines());
    expect(found.map((l) => [l.kind, l.plugin])).toEqual(
      expect.arrayContaining([
        ['uncaughtException', null],
        ['unhandledRejection', null],
      ]),
    );
    expect(found.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'stray uncaught exception outside any plugin: not a plugin',
        'stray unhandled promise rejection outside any plugin: a bare string',
      ]),
    );
    expect((await send()).violations).toEqual([]);
  });

  it('with two servers, each error is handled once, by the server running the plugin; handlers go with the last', async () => {
    const a = await start({ 'leaky.mjs': LEAKY }, 'plugins:\n  - use: ./leaky.mjs\n');
    const b = await start({ 'other.mjs': OTHER }, 'plugins:\n  - use: ./other.mjs\n');
    expect(EVENTS.map((e) => process.listenerCount(e))).toEqual([1, 1]);
    await b.send('timer');
    await vi.waitFor(() => expect(b.server.strayErrors.byPlugin.get('other')).toBe(1));
    await a.send('timer');
    await vi.waitFor(() => expect(a.server.strayErrors.byPlugin.get('leaky')).toBe(1));
    setTimeout(() => {
      throw new Error('nobody in particular');
    }, 0);
    await vi.waitFor(() => expect(a.server.strayErrors.unattributed).toBe(1));
    expect([a.server.strayErrors.total, b.server.strayErrors.total]).toEqual([2, 1]);
    expect(strays(a.lines()).length + strays(b.lines()).length).toBe(3);

    await a.server.close(100);
    expect(EVENTS.map((e) => process.listenerCount(e))).toEqual([1, 1]);
    await b.server.close(100);
    expect(EVENTS.map((e) => process.listenerCount(e))).toEqual([0, 0]);
  });

  it('strayErrors "off" installs no process handlers', async () => {
    const { server } = await start(
      { 'leaky.mjs': LEAKY },
      'strayErrors: off\nplugins:\n  - use: ./leaky.mjs\n',
    );
    expect(EVENTS.map((e) => process.listenerCount(e))).toEqual([0, 0]);
    await server.close(100);
  });

  it('strayErrors "exit" logs the error, shuts down gracefully, then exits with 1', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const { server, lines, send, address } = await start(
      { 'leaky.mjs': LEAKY },
      'strayErrors: exit\ntimeouts:\n  drainDelayMs: 0\nplugins:\n  - use: ./leaky.mjs\n',
    );
    await send('rejection');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
    expect(server.strayErrors.byPlugin.get('leaky')).toBe(1);
    expect(lines().map((l) => l.msg)).toEqual(
      expect.arrayContaining(['strayErrors is "exit": shutting down, then exiting with code 1', 'stopped']),
    );
    // Closed: nobody listens any more.
    expect((await healthCheck(address, '')).code).toBe(grpc.status.UNAVAILABLE);
  });
});
