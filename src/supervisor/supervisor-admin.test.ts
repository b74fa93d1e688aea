/**
 * `attache serve --processes 2` seen from its one admin listener: ready once both workers serve,
 * unready while one is down until its replacement serves again, `/metrics` aggregated over the
 * workers (which open no admin port), SIGTERM unready first while new streams are served, and a
 * second signal (SIGINT) ending everything at once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gateProject } from '../../test/support/gate-plugin.js';
import { type ServeProcess, startServe } from '../../test/support/serve-process.js';
import type { ExtProcChannel } from '../testing/channel.js';
import { http2Channel } from '../testing/channel-http2.js';
import { runExchange } from '../testing/exchange.js';

const started: ServeProcess[] = [];
const channels: Array<ExtProcChannel & { close(): void }> = [];
afterEach(async () => {
  for (const c of channels.splice(0)) c.close();
  for (const p of started.splice(0)) {
    // The supervisor's group: it and its workers.
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone
    }
    await p.exit;
  }
});

async function get(admin: string, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://${admin}${path}`);
  return { status: res.status, body: await res.text() };
}

describe('attache serve --processes 2: the admin listener', () => {
  it('one listener for all; ready only while every worker serves; /metrics aggregated; drain and a second signal', async () => {
    const project = await gateProject(
      'grpc:\n  address: 127.0.0.1:0\n' +
        'timeouts:\n  messageMs: 600000\n  drainDelayMs: 600000\n  shutdownGraceMs: 600000\n',
    );
    await project.set('release');
    const p = startServe(['--processes', '2', '--config', project.config, '--admin-address', '127.0.0.1:0']);
    started.push(p);
    const admin = String((await p.waitFor((l) => l.msg === 'admin listening', 'the admin listener')).address);
    const up = await p.waitFor(
      (l) => String(l.msg).startsWith('attache serving on 2 endpoints'),
      'both workers',
    );
    const endpoints = up.endpoints as string[];

    const ready = await get(admin, '/readyz');
    expect(ready.status).toBe(200);
    const body = JSON.parse(ready.body);
    expect(body.workers.map((w: { ready: boolean }) => w.ready)).toEqual([true, true]);
    // Workers open no admin port of their own: one "admin listening" line, the supervisor's.
    expect(p.lines.filter((l) => l.msg === 'admin listening')).toHaveLength(1);
    expect(p.lines.find((l) => l.msg === 'admin listening')?.worker).toBeUndefined();
    const metrics = await get(admin, '/metrics');
    expect(metrics.body.match(/^attache_ready 1$/gm)).toHaveLength(1);
    expect(metrics.body).toMatch(/^attache_config_last_reload_successful 1$/m);

    // Worker 1 dies; its replacement waits in setup: unready, naming it, until it serves again.
    await project.set('release', false);
    const victim = body.workers[1].pid as number;
    process.kill(victim, 'SIGKILL');
    await vi.waitFor(async () => expect((await get(admin, '/readyz')).status).toBe(503), { timeout: 10_000 });
    const down = JSON.parse((await get(admin, '/readyz')).body);
    expect(down.reasons.join(' ')).toMatch(/worker 1 .*(down|not serving)/);
    expect((await get(admin, '/metrics')).body).toMatch(/^attache_ready 0$/m);
    await project.set('release');
    await p.waitFor((l) => l.msg === 'worker restarted', 'worker 1 back');
    await vi.waitFor(async () => expect((await get(admin, '/readyz')).status).toBe(200), { timeout: 10_000 });

    // SIGTERM: unready at once, new streams still served on every endpoint.
    process.kill(p.pid, 'SIGTERM');
    await vi.waitFor(async () => expect((await get(admin, '/readyz')).status).toBe(503));
    expect(JSON.parse((await get(admin, '/readyz')).body).state).toBe('draining');
    for (const address of endpoints) {
      const channel = http2Channel(address);
      channels.push(channel);
      const r = await runExchange(channel, { request: { path: '/during-drain' } });
      expect(r.upstream?.headers.get('x-served'), address).toBe('yes');
    }
    // A held stream on worker 0, then a second signal: cut, everything exits now.
    const heldChannel = http2Channel(endpoints[0] as string);
    channels.push(heldChannel);
    const held = runExchange(heldChannel, {
      envoy: { messageTimeoutMs: 600_000 },
      request: { path: '/held', headers: { 'x-hold': '1' } },
    });
    await p.waitFor((l) => l.msg === 'holding', 'the held stream');
    process.kill(p.pid, 'SIGINT');
    expect(await p.exit).toBe(1);
    await held.catch(() => undefined);
    expect(p.lines.some((l) => l.msg === 'second stop: cutting open streams now' && l.worker === 0)).toBe(
      true,
    );
    await expect(fetch(`http://${admin}/healthz`)).rejects.toThrow();
  });
});
