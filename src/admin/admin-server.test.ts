/**
 * The admin listener in-process: its routes and methods, a taken port, and readiness through a
 * server's whole life (setup running, serving, draining, stopped), in step with gRPC health for
 * both service names and with the `attache_ready` gauge.
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { HEALTH, healthCheck } from '../../test/support/health-check.js';
import { useServers } from '../../test/support/servers.js';
import { AttacheError, ErrorCode } from '../errors.js';
import { silentLogger } from '../log.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { EXT_PROC_SERVICE } from '../protocol/service.js';
import { createServer } from '../server/create-server.js';
import { Readiness } from '../server/readiness.js';
import { TRANSPORTS } from '../server/transport.js';
import { runExchange } from '../testing/exchange.js';
import { type AdminServer, startAdminServer } from './admin-server.js';
import { registerReadinessMetrics } from './readiness-metrics.js';

const admins: AdminServer[] = [];
afterEach(async () => {
  for (const a of admins.splice(0)) await a.close();
});

async function admin(readiness: Readiness, registry?: Registry): Promise<AdminServer> {
  const started = await startAdminServer({
    address: '127.0.0.1:0',
    registry,
    readiness: () => readiness.report(),
    health: () => ({ state: readiness.state }),
    log: silentLogger,
  });
  admins.push(started);
  return started;
}

async function get(a: AdminServer, path: string, method = 'GET') {
  const res = await fetch(`http://${a.address}${path}`, { method });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text, headers: res.headers };
}

/** The value of an unlabelled sample in Prometheus text. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('the admin listener', () => {
  it('serves /metrics as Prometheus text with the registry content type, /healthz and /readyz as JSON', async () => {
    const registry = new Registry();
    const readiness = new Readiness();
    registerReadinessMetrics(registry, () => readiness.report());
    new Counter({ name: 'attache_test_total', help: 'a counter', registers: [registry] }).inc(3);
    const a = await admin(readiness, registry);

    const metrics = await get(a, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toBe(registry.contentType);
    expect(sample(metrics.text, 'attache_test_total')).toBe(3);
    expect(sample(metrics.text, 'attache_ready')).toBe(0);
    expect(metrics.text).toContain('# TYPE attache_ready gauge');

    expect(await get(a, '/healthz')).toMatchObject({
      status: 200,
      type: 'application/json; charset=utf-8',
    });
    expect(JSON.parse((await get(a, '/healthz')).text)).toEqual({ alive: true, state: 'starting' });
    const ready = await get(a, '/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toMatchObject({ ready: false, state: 'starting' });
    readiness.set('serving');
    expect((await get(a, '/readyz')).status).toBe(200);
    expect(sample((await get(a, '/metrics')).text, 'attache_ready')).toBe(1);
  });

  it('answers HEAD like GET without a body, 405 with Allow for other methods, 404 for other paths', async () => {
    const readiness = new Readiness();
    readiness.set('serving');
    const a = await admin(readiness, new Registry());
    const head = await get(a, '/readyz', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await get(a, '/metrics', method);
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
    for (const path of ['/', '/metrics/', '/ready', '/healthz/x', '/favicon.ico']) {
      expect((await get(a, path)).status, path).toBe(404);
    }
    // A query string does not change the route (Prometheus may add one).
    expect((await get(a, '/metrics?name[]=attache_ready')).status).toBe(200);
  });

  it("the container's health check (scripts/admin-health.mjs) exits 0 only on a 200", async () => {
    const script = fileURLToPath(new URL('../../scripts/admin-health.mjs', import.meta.url));
    const readiness = new Readiness();
    const a = await admin(readiness);
    const check = (path: string) =>
      new Promise<number>((resolve) =>
        execFile(process.execPath, [script, path, String(a.port)], (error) =>
          resolve(error === null ? 0 : Number(error.code)),
        ),
      );
    expect(await check('/readyz')).toBe(1);
    expect(await check('/healthz')).toBe(0);
    readiness.set('serving');
    expect(await check('/readyz')).toBe(0);
    await a.close();
    expect(await check('/healthz')).toBe(1);
  });

  it('answers /metrics 404 when there is no registry', async () => {
    const a = await admin(new Readiness());
    expect((await get(a, '/metrics')).status).toBe(404);
    expect((await get(a, '/healthz')).status).toBe(200);
  });

  it('fails with LISTEN_FAILED naming the address and where it was set when the port is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const error = await startAdminServer({
        address: `127.0.0.1:${port}`,
        where: 'attache.yaml: admin.address',
        readiness: () => new Readiness().report(),
        log: silentLogger,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AttacheError);
      expect((error as AttacheError).code).toBe(ErrorCode.LISTEN_FAILED);
      expect((error as Error).message).toContain(
        `attache.yaml: admin.address: cannot listen on 127.0.0.1:${port}`,
      );
    } finally {
      taken.close();
    }
  });

  it('refuses a Unix socket or a malformed address with CONFIG_INVALID', async () => {
    for (const address of ['unix:/tmp/x.sock', 'localhost', '1.2.3.4:99999']) {
      const error = await startAdminServer({
        address,
        readiness: () => new Readiness().report(),
        log: silentLogger,
      }).catch((e: unknown) => e);
      expect((error as AttacheError).code, address).toBe(ErrorCode.CONFIG_INVALID);
      expect((error as Error).message, address).toMatch(/^admin\.address: /);
    }
  });
});

/** A plugin whose setup waits for `releaseSetup()`, and which holds requests with `x-hold`. */
function gatedPlugin() {
  let releaseSetup!: () => void;
  const setupGate = new Promise<void>((r) => (releaseSetup = r));
  let setupEntered!: () => void;
  const inSetup = new Promise<void>((r) => (setupEntered = r));
  let held!: () => void;
  const isHeld = new Promise<void>((r) => (held = r));
  const plugin = definePlugin({
    name: 'gated',
    async setup() {
      setupEntered();
      await setupGate;
      return {
        async requestHeaders(ctx) {
          if (ctx.headers.get('x-hold') !== undefined) {
            held();
            await new Promise(() => {});
          }
          ctx.mutate.set('x-served', 'yes');
        },
      };
    },
  });
  return { plugin, releaseSetup, inSetup, isHeld };
}

const servers = useServers();

describe.each(TRANSPORTS)('readiness through a server life over %s', (transport) => {
  it('is 503 while setup runs, 200 once listening (gRPC SERVING), 503 from the first instant of the drain (NOT_SERVING) while new streams are served; a second close cuts', async () => {
    const readiness = new Readiness();
    const registry = new Registry();
    registerReadinessMetrics(registry, () => readiness.report());
    const a = await admin(readiness, registry);
    const { plugin, releaseSetup, inSetup, isHeld } = gatedPlugin();

    const creating = createServer({
      plugins: [{ plugin, timeoutMs: 60_000 }],
      messageTimeoutMs: 60_000,
      drainDelayMs: 600_000,
      transport,
      readiness,
      log: silentLogger,
    });
    await inSetup;
    expect((await get(a, '/readyz')).status).toBe(503);
    expect(JSON.parse((await get(a, '/readyz')).text).reasons[0]).toMatch(/^starting/);
    expect((await get(a, '/healthz')).status).toBe(200);
    releaseSetup();
    const server = await creating;
    // Set up, not yet listening: still not ready.
    expect((await get(a, '/readyz')).status).toBe(503);
    const { address } = await server.listen('127.0.0.1:0');
    servers.channel(address); // closed after the test
    expect((await get(a, '/readyz')).status).toBe(200);
    expect(sample((await get(a, '/metrics')).text, 'attache_ready')).toBe(1);
    for (const service of ['', EXT_PROC_SERVICE]) {
      expect(await healthCheck(address, service), service).toEqual({ status: HEALTH.SERVING });
    }

    const open = runExchange(servers.channel(address), {
      envoy: { messageTimeoutMs: 600_000 }, // the kit's Envoy must not give up on it
      request: { path: '/held', headers: { 'x-hold': '1' } },
    });
    await isHeld;
    const stopped = server.shutdown();
    // Unready at once, before anything else of the shutdown happened.
    expect(server.readiness.ready).toBe(false);
    const draining = await get(a, '/readyz');
    expect(draining.status).toBe(503);
    expect(JSON.parse(draining.text)).toMatchObject({ ready: false, state: 'draining' });
    expect(sample((await get(a, '/metrics')).text, 'attache_ready')).toBe(0);
    expect((await get(a, '/healthz')).status).toBe(200);
    for (const service of ['', EXT_PROC_SERVICE]) {
      expect(await healthCheck(address, service), service).toEqual({ status: HEALTH.NOT_SERVING });
    }
    // New streams are still served during the drain delay.
    const fresh = await runExchange(servers.channel(address), { request: { path: '/new' } });
    expect(fresh.violations).toEqual([]);
    expect(fresh.upstream?.headers.get('x-served')).toBe('yes');

    // First close: the grace period starts (long); a second one with 0 cuts the held stream now.
    const graceful = server.close(600_000);
    expect((await healthCheck(address, '')).code).toBe(grpc.status.UNAVAILABLE);
    const outcome = await server.close(0);
    expect(outcome).toEqual({ cutStreams: 1 });
    expect(await graceful).toEqual({ cutStreams: 1 });
    expect(await stopped).toEqual({ cutStreams: 1 });
    await open.catch(() => undefined);
    expect(server.readiness.state).toBe('stopped');
    expect((await get(a, '/readyz')).status).toBe(503);
  });
});

describe('Readiness', () => {
  it('only moves forward, tells listeners about changes of ready, and records reloads by code', () => {
    const r = new Readiness();
    const heard: boolean[] = [];
    r.onChange((ready) => heard.push(ready));
    r.set('serving');
    r.set('starting'); // ignored: a late start after serving
    r.recordReload(false, new AttacheError(ErrorCode.PLUGIN_SETUP, 'setup of "x" failed: password=hunter2'));
    expect(r.report()).toMatchObject({ ready: true, state: 'serving', reasons: [] });
    expect(r.report().lastReload).toMatchObject({ ok: false, code: ErrorCode.PLUGIN_SETUP });
    // The message (which may quote option values) is not reported.
    expect(JSON.stringify(r.report())).not.toContain('hunter2');
    r.recordReload(false, new Error('not an attache error'));
    expect(r.lastReload?.code).toBe('RELOAD_FAILED');
    r.recordReload(true);
    expect(r.lastReload).toMatchObject({ ok: true });
    r.set('draining');
    r.set('serving'); // ignored
    r.set('stopped');
    expect(heard).toEqual([true, false]);
    expect(r.state).toBe('stopped');
  });
});
