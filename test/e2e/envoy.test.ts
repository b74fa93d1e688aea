/**
 * Real-Envoy end-to-end test of the quick start: Envoy (from ENVOY_BIN) → attache → upstream.
 * Without ENVOY_BIN the suite is skipped; its title says how to run it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { toServerOptions } from '../../src/config/to-server-options.js';
import { silentLogger } from '../../src/log.js';
import { type AttacheServer, createServer } from '../../src/server/create-server.js';
import { freePort } from '../support/free-port.js';

const ENVOY_BIN = process.env.ENVOY_BIN;
if (!ENVOY_BIN) {
  console.warn(
    '[e2e] ENVOY_BIN is not set: the real-Envoy end-to-end tests are skipped (set it to an Envoy >= 1.37 binary).',
  );
}
const here = path.dirname(new URL(import.meta.url).pathname);
const quickstart = path.resolve(here, '../../examples/quickstart');

async function waitReady(adminPort: number, envoy: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (envoy.exitCode !== null) throw new Error(`envoy exited with ${envoy.exitCode}:\n${log()}`);
    try {
      const r = await fetch(`http://127.0.0.1:${adminPort}/ready`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`envoy did not become ready:\n${log()}`);
}

/**
 * The hand-written bootstrap and the one `attache envoy` generates (envoy/quickstart/envoy.yaml,
 * kept current by check:generated) both run the same cases; the generated one also keeps
 * ext_proc off the /healthz route, as the quick start's TrafficPolicy says.
 */
const BOOTSTRAPS = [
  {
    label: 'hand-written examples/quickstart/envoy.yaml',
    file: path.join(quickstart, 'envoy.yaml'),
    generated: false,
  },
  {
    label: 'generated envoy/quickstart/envoy.yaml',
    file: path.resolve(here, '../../envoy/quickstart/envoy.yaml'),
    generated: true,
  },
];

for (const bootstrap of BOOTSTRAPS)
  describe.skipIf(!ENVOY_BIN)(
    `real Envoy end-to-end, ${bootstrap.label} (${ENVOY_BIN ? ENVOY_BIN : 'skipped: set ENVOY_BIN to an Envoy >= 1.37 binary to run'})`,
    () => {
      let envoy: ChildProcess | undefined;
      let upstream: Server | undefined;
      let server: AttacheServer | undefined;
      let listenPort = 0;
      let seen: IncomingHttpHeaders[] = [];
      let envoyLog = '';

      beforeAll(async () => {
        const [listen, admin, proc, up] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
        listenPort = listen;
        upstream = createHttpServer((req, res) => {
          seen.push(req.headers);
          res.setHeader('content-type', 'text/plain');
          res.end('hello from the upstream\n');
        });
        await new Promise<void>((r) => upstream?.listen(up, '127.0.0.1', r));
        const loaded = await loadConfig(path.join(quickstart, 'attache.yaml'));
        server = await createServer(await toServerOptions(loaded, silentLogger));
        await server.listen(`127.0.0.1:${proc}`);
        const yaml = (await readFile(bootstrap.file, 'utf8'))
          .replace('port_value: 10000', `port_value: ${listen}`)
          .replace('port_value: 9901', `port_value: ${admin}`)
          .replace('port_value: 50051', `port_value: ${proc}`)
          .replace('port_value: 8080', `port_value: ${up}`);
        const dir = await mkdtemp(path.join(tmpdir(), 'attache-e2e-'));
        const file = path.join(dir, 'envoy.yaml');
        await writeFile(file, yaml);
        envoy = spawn(
          ENVOY_BIN as string,
          ['-c', file, '--concurrency', '1', '--log-level', 'warn', '--base-id', String(process.pid)],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        envoy.stdout?.on('data', (d: Buffer) => (envoyLog += d.toString()));
        envoy.stderr?.on('data', (d: Buffer) => (envoyLog += d.toString()));
        await waitReady(admin, envoy, () => envoyLog);
      }, 30_000);

      afterAll(async () => {
        envoy?.kill('SIGTERM');
        await server?.close(100);
        await new Promise<void>((r) => (upstream ? upstream.close(() => r()) : r()));
      });

      it('applies the example pipeline to a proxied request and its response', async () => {
        seen = [];
        const r = await fetch(`http://127.0.0.1:${listenPort}/hello`, { headers: { 'x-debug': '1' } });
        expect(r.status).toBe(200);
        expect(r.headers.get('x-processed-by')).toBe('attache');
        expect(await r.text()).toBe('hello from the upstream\n');
        expect(seen[0]?.['x-attache']).toBe('quickstart');
        expect(seen[0]?.['x-debug']).toBeUndefined();
      });

      it('answers with the plugin immediate response without calling the upstream', async () => {
        seen = [];
        const r = await fetch(`http://127.0.0.1:${listenPort}/admin/users`);
        expect(r.status).toBe(403);
        expect(await r.text()).toBe('blocked by attache\n');
        expect(seen).toHaveLength(0);
      });

      it.skipIf(!bootstrap.generated)('leaves the route a TrafficPolicy disables unprocessed', async () => {
        seen = [];
        const r = await fetch(`http://127.0.0.1:${listenPort}/healthz`);
        expect(r.status).toBe(200);
        expect(r.headers.get('x-processed-by')).toBeNull();
        expect(seen[0]?.['x-attache']).toBeUndefined();
      });
    },
  );
