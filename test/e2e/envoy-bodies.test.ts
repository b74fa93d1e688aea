/**
 * Body rewrites, an immediate response and fail-open/closed on the bootstrap `attache envoy`
 * generates from test/e2e/bodies/ (a buffered request-body rewrite, a streamed response-body
 * rewrite, an answer from attache). Two halves run the same cases:
 * - always: the generated bootstraps carry the modes and failure settings the cases rely on, and
 *   the cases pass through the test kit configured as the generated filter is, so what the
 *   real-Envoy half expects is attache's behaviour, checked on every run;
 * - with ENVOY_BIN: the same cases through a real Envoy on the generated bootstrap.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { toServerOptions } from '../../src/config/to-server-options.js';
import { generateEnvoy, toYaml } from '../../src/envoy-config/generate-envoy.js';
import { silentLogger } from '../../src/log.js';
import { createProcessor, type Processor } from '../../src/processor.js';
import type { ProcessingModeInput } from '../../src/protocol/processing-mode.js';
import { type AttacheServer, createServer } from '../../src/server/create-server.js';
import type { EnvoyFilterConfig } from '../../src/testing/config.js';
import { runExchange } from '../../src/testing/exchange.js';
import { freePort } from '../support/free-port.js';

const ENVOY_BIN = process.env.ENVOY_BIN;
const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'bodies');
const config = path.join(fixture, 'attache.yaml');

const CARD = '4111 1111 1111 1111';
/** The upstream's /cards response, in two pieces: a streamed body reaches attache in chunks. */
const CARD_BODY = [`first line, card ${CARD.slice(0, 7)}`, `${CARD.slice(7)} on file\n`];
const ORDER = JSON.stringify({ name: 'ada', items: [1, 2, 3] });

type Json = Record<string, unknown>;

/** Every object under `key`, anywhere in a parsed document. */
function findAll(node: unknown, key: string): unknown[] {
  if (Array.isArray(node)) return node.flatMap((n) => findAll(n, key));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => [...(k === key ? [v] : []), ...findAll(v, key)]);
}

/** The ext_proc filter of a generated bootstrap. */
function extProcFilter(bootstrap: Json): Json {
  const filters = findAll(bootstrap, 'typed_config').filter(
    (c) =>
      (c as Json)['@type'] ===
      'type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor',
  );
  expect(filters).toHaveLength(1);
  return filters[0] as Json;
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The test kit's filter config for a generated ext_proc filter (the fields these cases depend on). */
function kitConfig(filter: Json): EnvoyFilterConfig {
  const mode = Object.fromEntries(
    Object.entries(filter.processing_mode as Record<string, string>).map(([k, v]) => [camel(k), v]),
  ) as ProcessingModeInput;
  return {
    processingMode: mode,
    failureModeAllow: filter.failure_mode_allow === true,
    messageTimeoutMs: Math.round(Number.parseFloat(String(filter.message_timeout)) * 1000),
    allowModeOverride: filter.allow_mode_override === true,
    metadataOptions: {
      receivingNamespaces: {
        untyped: ((filter.metadata_options as Json | undefined)?.receiving_namespaces as Json | undefined)
          ?.untyped as string[],
      },
    },
    gracefulGrpcClose: true,
  };
}

/** A config for the fail-open/closed cases: one headers plugin, `failure.mode` as given. */
async function failureConfig(mode: 'open' | 'closed'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `attache-e2e-${mode}-`));
  const file = path.join(dir, 'attache.yaml');
  await writeFile(
    file,
    toYaml({
      grpc: { address: '127.0.0.1:50051' },
      failure: { mode },
      plugins: [{ use: 'headers', options: { request: { set: { 'x-attache': 'seen' } } } }],
      envoy: { routes: path.join(fixture, 'routes.yaml'), backends: { upstream: '127.0.0.1:8080' } },
    }),
  );
  return file;
}

describe('the generated bootstrap for the body cases (no Envoy needed)', () => {
  let processor: Processor;
  let envoy: EnvoyFilterConfig;

  beforeAll(async () => {
    const generated = await generateEnvoy(config, { processes: 1 });
    envoy = kitConfig(extProcFilter(generated.bootstrap as Json));
    processor = await createProcessor(await toServerOptions(await loadConfig(config), silentLogger));
  });
  afterAll(() => processor.close());

  it('asks Envoy for the request body buffered, the response body streamed with its trailers', () => {
    expect(envoy.processingMode).toMatchObject({
      requestBodyMode: 'BUFFERED',
      responseBodyMode: 'STREAMED',
      responseTrailerMode: 'SEND',
    });
    expect(envoy.failureModeAllow).toBe(false);
  });

  it('rewrites a buffered request body (the kit, as the generated filter is configured)', async () => {
    const r = await runExchange(processor, {
      envoy,
      request: {
        method: 'POST',
        path: '/json',
        headers: { 'content-type': 'application/json' },
        body: ORDER,
      },
    });
    expect(r.violations).toEqual([]);
    expect(JSON.parse(r.upstream?.body.toString() ?? '')).toEqual({ user: 'ada', count: 3 });
  });

  it('masks a card number split across streamed response chunks', async () => {
    const r = await runExchange(processor, {
      envoy,
      request: { path: '/cards' },
      upstream: { headers: { 'content-type': 'text/plain' }, body: CARD_BODY, pacing: 'on-idle' },
    });
    expect(r.violations).toEqual([]);
    const body = r.downstream.body.toString();
    expect(body).not.toContain(CARD);
    expect(body).toContain('1111 on file');
    expect(body.length).toBe(CARD_BODY.join('').length);
  });

  it('answers /blocked itself', async () => {
    const r = await runExchange(processor, { envoy, request: { path: '/blocked/x' } });
    expect(r.violations).toEqual([]);
    expect(r.downstream.status).toBe(418);
    expect(r.upstream).toBeNull();
  });

  it('generates failure_mode_allow from failure.mode', async () => {
    for (const mode of ['open', 'closed'] as const) {
      const generated = await generateEnvoy(await failureConfig(mode), { processes: 1 });
      expect(extProcFilter(generated.bootstrap as Json).failure_mode_allow).toBe(mode === 'open');
    }
  });
});

/** Points every socket address of `bootstrap` at the given ports (by the port it had). */
function repoint(node: unknown, ports: ReadonlyMap<number, number>): void {
  if (Array.isArray(node)) {
    for (const n of node) repoint(n, ports);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const o = node as Json;
  if (typeof o.port_value === 'number' && ports.has(o.port_value)) o.port_value = ports.get(o.port_value);
  for (const v of Object.values(o)) repoint(v, ports);
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts Envoy on `bootstrap` and resolves once its admin says ready. */
async function startEnvoy(
  bootstrap: Json,
  admin: number,
): Promise<{ envoy: ChildProcess; log: () => string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'attache-e2e-'));
  const file = path.join(dir, 'envoy.yaml');
  await writeFile(file, toYaml(bootstrap));
  let output = '';
  const envoy = spawn(
    ENVOY_BIN as string,
    ['-c', file, '--concurrency', '1', '--log-level', 'warn', '--base-id', String(process.pid + admin)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  envoy.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  envoy.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (envoy.exitCode !== null) throw new Error(`envoy exited with ${envoy.exitCode}:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${admin}/ready`)).ok) return { envoy, log: () => output };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  envoy.kill('SIGKILL');
  throw new Error(`envoy did not become ready:\n${output}`);
}

describe.skipIf(!ENVOY_BIN)(
  `real Envoy end-to-end, bodies and failure modes on generated bootstraps (${ENVOY_BIN ? ENVOY_BIN : 'skipped: set ENVOY_BIN to an Envoy >= 1.37 binary to run'})`,
  () => {
    const envoys: ChildProcess[] = [];
    let upstream: Server | undefined;
    let server: AttacheServer | undefined;
    let upstreamPort = 0;
    let seen: Array<{ path: string; body: Buffer }> = [];
    /** The listener port of the Envoy for each case set. */
    const listeners = new Map<string, number>();

    /** Generates the bootstrap of `file` with attache at `processorPort`, starts Envoy on it. */
    async function envoyFor(label: string, file: string, processorPort: number): Promise<void> {
      const { bootstrap } = await generateEnvoy(file, { processes: 1 });
      const [listen, admin] = await Promise.all([freePort(), freePort()]);
      repoint(
        bootstrap,
        new Map([
          [10000, listen],
          [9901, admin],
          [50051, processorPort],
          [8080, upstreamPort],
        ]),
      );
      envoys.push((await startEnvoy(bootstrap as Json, admin)).envoy);
      listeners.set(label, listen);
    }

    beforeAll(async () => {
      const [proc, up, down] = await Promise.all([freePort(), freePort(), freePort()]);
      upstreamPort = up;
      upstream = createHttpServer(async (req, res) => {
        const received = await body(req);
        seen.push({ path: req.url ?? '', body: received });
        if (req.url?.startsWith('/cards')) {
          res.setHeader('content-type', 'text/plain');
          res.write(CARD_BODY[0]);
          // A second DATA frame: the card number spans two streamed chunks.
          setTimeout(() => res.end(CARD_BODY[1]), 50);
          return;
        }
        res.setHeader('content-type', req.headers['content-type'] ?? 'text/plain');
        res.end(received.length > 0 ? received : 'hello from the upstream\n');
      });
      await new Promise<void>((r) => upstream?.listen(up, '127.0.0.1', r));
      server = await createServer(await toServerOptions(await loadConfig(config), silentLogger));
      await server.listen(`127.0.0.1:${proc}`);
      await envoyFor('bodies', config, proc);
      // Nothing listens on `down`: attache is unreachable for these two.
      await envoyFor('open', await failureConfig('open'), down);
      await envoyFor('closed', await failureConfig('closed'), down);
    }, 60_000);

    afterAll(async () => {
      for (const envoy of envoys) envoy.kill('SIGTERM');
      await server?.close(100);
      await new Promise<void>((r) => (upstream ? upstream.close(() => r()) : r()));
    });

    const url = (label: string, p: string) => `http://127.0.0.1:${listeners.get(label)}${p}`;

    it('rewrites a buffered request body before the upstream sees it', async () => {
      seen = [];
      const r = await fetch(url('bodies', '/json'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: ORDER,
      });
      expect(r.status).toBe(200);
      expect(JSON.parse(seen[0]?.body.toString() ?? '')).toEqual({ user: 'ada', count: 3 });
      expect(JSON.parse(await r.text())).toEqual({ user: 'ada', count: 3 });
    });

    it('masks a card number split across streamed response chunks', async () => {
      const r = await fetch(url('bodies', '/cards'));
      expect(r.status).toBe(200);
      const text = await r.text();
      expect(text).not.toContain(CARD);
      expect(text).toContain('1111 on file');
      expect(text.length).toBe(CARD_BODY.join('').length);
    });

    it('answers with the immediate response without calling the upstream', async () => {
      seen = [];
      const r = await fetch(url('bodies', '/blocked/x'));
      expect(r.status).toBe(418);
      expect(await r.text()).toBe('answered by attache\n');
      expect(seen).toHaveLength(0);
    });

    it('fail-open: with attache unreachable the request reaches the upstream unprocessed', async () => {
      seen = [];
      const r = await fetch(url('open', '/anything'));
      expect(r.status).toBe(200);
      expect(await r.text()).toBe('hello from the upstream\n');
      expect(seen).toHaveLength(1);
    });

    it('fail-closed: with attache unreachable Envoy answers 500 and the upstream never sees it', async () => {
      seen = [];
      const r = await fetch(url('closed', '/anything'));
      expect(r.status).toBe(500);
      expect(seen).toHaveLength(0);
    });
  },
);
