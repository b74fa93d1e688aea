/**
 * The SIGTERM drain of a real server: NOT_SERVING while new streams are still accepted and
 * served, then no new connections, while open streams finish.
 */
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { HEALTH, healthCheck } from '../../test/support/health-check.js';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { useServers } from '../../test/support/servers.js';
import { silentLogger } from '../log.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { EXT_PROC_SERVICE } from '../protocol/service.js';
import { runExchange } from '../testing/exchange.js';
import { createServer } from './create-server.js';
import { TRANSPORTS } from './transport.js';

/** Holds a request with `x-hold` until `release()`; tags every request it lets through. */
function gate() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const held = new Promise<void>((r) => (entered = r));
  const plugin = definePlugin({
    name: 'gate',
    setup: () => ({
      async requestHeaders(ctx) {
        if (ctx.headers.get('x-hold') !== undefined) {
          entered();
          await released;
        }
        ctx.mutate.set('x-served', 'yes');
      },
    }),
  });
  return { plugin, release, held };
}

const servers = useServers();

describe.each(TRANSPORTS)('shutdown (SIGTERM drain) over %s', (transport) => {
  it('reports NOT_SERVING and still serves new streams during the drain delay; then refuses new connections while open streams finish', async () => {
    const { plugin, release, held } = gate();
    const { server, address } = await servers.start({
      plugins: [{ plugin, timeoutMs: 60_000 }],
      messageTimeoutMs: 60_000,
      drainDelayMs: 600_000,
      transport,
    });
    expect(await healthCheck(address, '')).toEqual({ status: HEALTH.SERVING });
    const stopped = server.shutdown();

    // The drain delay: health says NOT_SERVING, a stream on a new connection is still served.
    expect(await healthCheck(address, '')).toEqual({ status: HEALTH.NOT_SERVING });
    expect(await healthCheck(address, EXT_PROC_SERVICE)).toEqual({ status: HEALTH.NOT_SERVING });
    const fresh = await runExchange(servers.channel(address), { request: { path: '/during-drain' } });
    expect(fresh.violations).toEqual([]);
    expect(fresh.upstream?.headers.get('x-served')).toBe('yes');
    const open = runExchange(servers.channel(address), {
      request: { path: '/slow', headers: { 'x-hold': '1' } },
    });
    await held;

    // The delay ends (close() ends it early, as a second signal does): no new connections...
    const closed = server.close(60_000);
    expect((await healthCheck(address, '')).code).toBe(grpc.status.UNAVAILABLE);
    // ...while the open stream finishes normally.
    release();
    const slow = await open;
    expect(slow.violations).toEqual([]);
    expect(slow.upstream?.headers.get('x-served')).toBe('yes');
    await closed;
    await stopped;
    expect(server.processor.activeStreams).toBe(0);
  });

  it('ends the drain delay by itself, then closes', async () => {
    const { log, lines } = recordingLogger();
    const { server, address } = await servers.start({ plugins: [], drainDelayMs: 50, log, transport });
    await server.shutdown();
    expect((await healthCheck(address, '')).code).toBe(grpc.status.UNAVAILABLE);
    const msgs = lines.map((l) => l.msg);
    expect(msgs.findIndex((m) => m.startsWith('draining'))).toBeLessThan(msgs.indexOf('shutting down'));
    expect(msgs).toContain('stopped');
  });

  it('rejects a negative drain delay', async () => {
    await expect(createServer({ plugins: [], drainDelayMs: -1, log: silentLogger })).rejects.toThrow(
      /drainDelayMs must be a non-negative integer/,
    );
  });
});
