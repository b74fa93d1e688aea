/**
 * `attache serve` as a real process, seen from its admin listener, gRPC health and exit code:
 * readiness through a slow start-up, a failing setup, a port taken, a failed reload, the SIGTERM
 * drain (unready first, new streams still served, open ones finish, exit 0) and a second signal
 * (open streams cut, exit at once).
 */
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type GateProject, gateProject } from '../../test/support/gate-plugin.js';
import { HEALTH, healthCheck } from '../../test/support/health-check.js';
import { type ServeProcess, startServe } from '../../test/support/serve-process.js';
import { ErrorCode } from '../errors.js';
import { EXT_PROC_SERVICE } from '../protocol/service.js';
import type { ExtProcChannel } from '../testing/channel.js';
import { http2Channel } from '../testing/channel-http2.js';
import { runExchange } from '../testing/exchange.js';

const started: ServeProcess[] = [];
const channels: Array<ExtProcChannel & { close(): void }> = [];
afterEach(async () => {
  for (const c of channels.splice(0)) c.close();
  for (const p of started.splice(0)) {
    p.child.kill('SIGKILL');
    await p.exit;
  }
});

const BASE =
  'grpc:\n  address: 127.0.0.1:0\n' +
  'timeouts:\n  messageMs: 600000\n  drainDelayMs: DRAIN\n  shutdownGraceMs: 600000\n';

function serve(project: GateProject, extra: string[] = ['--admin-address', '127.0.0.1:0']): ServeProcess {
  const p = startServe(['--processes', '1', '--config', project.config, ...extra]);
  started.push(p);
  return p;
}

async function adminAddress(p: ServeProcess): Promise<string> {
  return String((await p.waitFor((l) => l.msg === 'admin listening', 'the admin listener')).address);
}

async function grpcAddress(p: ServeProcess): Promise<string> {
  return String((await p.waitFor((l) => l.msg === 'attache listening', 'the gRPC listener')).address);
}

async function get(admin: string, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://${admin}${path}`);
  return { status: res.status, body: await res.text() };
}

function channel(address: string): ExtProcChannel & { close(): void } {
  const c = http2Channel(address);
  channels.push(c);
  return c;
}

describe('attache serve: readiness and drain, seen from outside', () => {
  it('503 while setup runs, 200 serving; a failed reload stays ready and says so; SIGTERM: 503 first while new streams are served; a second SIGTERM cuts and exits', async () => {
    const project = await gateProject(BASE.replace('DRAIN', '600000'));
    const p = serve(project);
    const admin = await adminAddress(p);

    // Setup is waiting for the gate: alive, not ready.
    const starting = await get(admin, '/readyz');
    expect(starting.status).toBe(503);
    expect(JSON.parse(starting.body)).toMatchObject({ ready: false, state: 'starting' });
    expect((await get(admin, '/healthz')).status).toBe(200);

    await project.set('release');
    const address = await grpcAddress(p);
    await vi.waitFor(async () => expect((await get(admin, '/readyz')).status).toBe(200));
    for (const service of ['', EXT_PROC_SERVICE]) {
      expect(await healthCheck(address, service)).toEqual({ status: HEALTH.SERVING });
    }

    // A bad config pushed and reloaded: the old pipeline serves, still ready, the failure reported.
    await project.writeConfig(
      `${BASE.replace('DRAIN', '600000')}plugins:\n  - use: ./gate.js\n    bogus: 1\n`,
    );
    p.child.kill('SIGHUP');
    await p.waitFor((l) => String(l.msg).startsWith('config reload rejected'), 'the rejected reload');
    const afterReload = await get(admin, '/readyz');
    expect(afterReload.status).toBe(200);
    expect(JSON.parse(afterReload.body).lastReload).toMatchObject({
      ok: false,
      code: ErrorCode.CONFIG_INVALID,
    });
    const metrics = (await get(admin, '/metrics')).body;
    expect(metrics).toMatch(/^attache_config_last_reload_successful 0$/m);
    expect(metrics).toMatch(/^attache_ready 1$/m);
    const served = await runExchange(channel(address), { request: { path: '/after-reload' } });
    expect(served.upstream?.headers.get('x-served')).toBe('yes');

    // An open stream, held by the plugin.
    const held = runExchange(channel(address), {
      envoy: { messageTimeoutMs: 600_000 },
      request: { path: '/held', headers: { 'x-hold': '1' } },
    });
    await p.waitFor((l) => l.msg === 'holding', 'the held stream');

    p.child.kill('SIGTERM');
    await vi.waitFor(async () => expect((await get(admin, '/readyz')).status).toBe(503));
    expect(JSON.parse((await get(admin, '/readyz')).body).state).toBe('draining');
    expect((await get(admin, '/healthz')).status).toBe(200);
    for (const service of ['', EXT_PROC_SERVICE]) {
      expect(await healthCheck(address, service)).toEqual({ status: HEALTH.NOT_SERVING });
    }
    const during = await runExchange(channel(address), { request: { path: '/during-drain' } });
    expect(during.violations).toEqual([]);
    expect(during.upstream?.headers.get('x-served')).toBe('yes');
    // The exchange is over for the kit before its stream's last frames reach the server: wait
    // until the server counts only the held stream, so that the cut below meets that one alone.
    await vi.waitFor(async () =>
      expect((await get(admin, '/metrics')).body).toMatch(/^attache_streams_active 1$/m),
    );

    // Someone who will not wait: the held stream is cut and the process ends now (1: a cut).
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(1);
    await held.catch(() => undefined);
    expect(p.lines.some((l) => l.msg === 'second signal: cutting open streams now')).toBe(true);
    expect(p.lines.find((l) => l.msg === 'stopped')).toMatchObject({ cutStreams: 1 });
    await expect(fetch(`http://${admin}/healthz`)).rejects.toThrow();
  });

  it('SIGTERM with an open stream: unready, the stream finishes within the grace period, exit 0', async () => {
    const project = await gateProject(BASE.replace('DRAIN', '300'));
    await project.set('release');
    const p = serve(project);
    const admin = await adminAddress(p);
    const address = await grpcAddress(p);
    const held = runExchange(channel(address), {
      envoy: { messageTimeoutMs: 600_000 },
      request: { path: '/held', headers: { 'x-hold': '1' } },
    });
    await p.waitFor((l) => l.msg === 'holding', 'the held stream');
    p.child.kill('SIGTERM');
    await vi.waitFor(async () => expect((await get(admin, '/readyz')).status).toBe(503));
    // The drain delay ends; the grace period waits for the open stream.
    await p.waitFor((l) => l.msg === 'shutting down', 'the end of the drain delay');
    await project.set('unhold');
    const result = await held;
    expect(result.violations).toEqual([]);
    expect(result.upstream?.headers.get('x-served')).toBe('yes');
    expect(await p.exit).toBe(0);
  });

  it('SIGINT, then a second SIGINT while a stream is open: cut at once, exit 1, though the plugin leaves a timer running', async () => {
    const project = await gateProject(BASE.replace('DRAIN', '600000'));
    await project.set('release');
    const p = serve(project);
    const address = await grpcAddress(p);
    const held = runExchange(channel(address), {
      envoy: { messageTimeoutMs: 600_000 },
      request: { path: '/held', headers: { 'x-hold': 'stubborn' } },
    });
    await p.waitFor((l) => l.msg === 'holding', 'the held stream');
    p.child.kill('SIGINT');
    await p.waitFor((l) => l.msg === 'shutting down', 'the grace period');
    p.child.kill('SIGINT');
    expect(await p.exit).toBe(1);
    await held.catch(() => undefined);
  });

  it('a failing setup fails the start, named, and leaves no admin listener behind', async () => {
    const project = await gateProject(BASE.replace('DRAIN', '0'));
    await project.set('fail');
    const p = serve(project);
    const admin = await adminAddress(p);
    await project.set('release');
    expect(await p.exit).toBe(1);
    expect(p.text()).toContain('the gate refused to open');
    expect(p.text()).toMatch(/gate/);
    await expect(fetch(`http://${admin}/healthz`)).rejects.toThrow();
  });

  it('a taken admin port fails the start with LISTEN_FAILED naming the address and the flag', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const project = await gateProject(BASE.replace('DRAIN', '0'));
      await project.set('release');
      const p = serve(project, ['--admin-address', `127.0.0.1:${port}`]);
      expect(await p.exit).toBe(1);
      expect(p.text()).toContain(`--admin-address: cannot listen on 127.0.0.1:${port}`);
      // Nothing else started: the gRPC listener never bound.
      expect(p.lines.some((l) => l.msg === 'attache listening')).toBe(false);
    } finally {
      taken.close();
    }
  });

  it('admin.address: off starts no admin listener', async () => {
    const project = await gateProject(`${BASE.replace('DRAIN', '0')}admin:\n  address: "off"\n`);
    await project.set('release');
    const p = serve(project, []);
    await grpcAddress(p);
    expect(p.lines.some((l) => l.msg === 'admin listening')).toBe(false);
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });
});
