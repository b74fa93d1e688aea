import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { respond } from '../plugin/respond.js';
import { createProcessor, type Processor } from '../processor.js';
import type { EnvoyFilterConfig } from '../testing/config.js';
import { type DemoUpstream, type EchoBody, startDemoUpstream } from './demo-upstream.js';
import { type DevProxyOptions, startDevProxy } from './dev-proxy.js';

/** Paths that reached the counting upstream: proves which requests the proxy forwarded. */
const hits: string[] = [];
const counter = http.createServer((req, res) => {
  hits.push(req.url ?? '');
  req.resume();
  res.end('counted');
});

/** Log lines, to check the per-request line. */
const { log, lines } = recordingLogger();

const plugin = definePlugin({
  name: 'dev-test',
  setup: () => ({
    requestHeaders(ctx) {
      const path = ctx.headers.get(':path') ?? '/';
      if (path.startsWith('/blocked')) return respond(403, { body: 'blocked\n' });
      ctx.mutate.set('x-added', 'yes');
      return undefined;
    },
    requestBody(ctx) {
      ctx.mutate.replaceBody(`replaced:${ctx.body.text()}`);
    },
    responseHeaders(ctx) {
      ctx.mutate.remove('server');
    },
  }),
});

let upstream: DemoUpstream;
let processor: Processor;
const closers: Array<() => Promise<void>> = [];

async function proxy(options: Partial<DevProxyOptions> = {}, envoy?: EnvoyFilterConfig): Promise<string> {
  const p = await startDevProxy({
    target: processor,
    upstream: `http://${upstream.address}`,
    listen: '127.0.0.1:0',
    log,
    ...(envoy ? { envoy } : {}),
    ...options,
  });
  closers.push(() => p.close());
  return `http://${p.address}`;
}

beforeAll(async () => {
  upstream = await startDemoUpstream();
  processor = await createProcessor({ plugins: [{ plugin }], timeoutMs: 1000 });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const close of closers) await close();
  await upstream.close();
  await processor.close();
  await new Promise((resolve) => counter.close(resolve));
});

const counterUrl = () => `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;

describe('startDevProxy', () => {
  it('applies request and response header mutations', async () => {
    const base = await proxy();
    const res = await fetch(`${base}/hello?a=1`, { headers: { 'x-client': 'c' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('server')).toBeNull(); // removed by the plugin
    expect(res.headers.get('content-type')).toBe('application/json');
    const echo = (await res.json()) as EchoBody;
    expect(echo).toMatchObject({ method: 'GET', path: '/hello?a=1', body: '' });
    expect(echo.headers).toMatchObject({ 'x-added': 'yes', 'x-client': 'c', host: base.slice(7) });
    expect(echo.headers['x-request-id']).toBeDefined(); // the HCM's header, as Envoy adds it
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        fields: expect.objectContaining({ method: 'GET', path: '/hello?a=1', status: 200, violations: 0 }),
      }),
    );
  });

  it('answers a local reply without calling the upstream', async () => {
    const base = await proxy({ upstream: counterUrl() });
    const res = await fetch(`${base}/blocked/x`);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('blocked\n');
    expect(await (await fetch(`${base}/open`)).text()).toBe('counted');
    expect(hits).toEqual(['/open']);
  });

  it('forwards a replaced body with its new content-length (BUFFERED)', async () => {
    const base = await proxy({}, { processingMode: { requestBodyMode: 'BUFFERED' } });
    const res = await fetch(`${base}/post`, { method: 'POST', body: 'hello' });
    expect(res.status).toBe(200);
    const echo = (await res.json()) as EchoBody;
    expect(echo.body).toBe('replaced:hello');
    expect(echo.headers['content-length']).toBe(String('replaced:hello'.length));
  });

  it('answers 503 when the upstream is unreachable', async () => {
    const gone = await startDemoUpstream();
    await gone.close(); // a port that was just free: nothing listens there now
    const base = await proxy({ upstream: `http://${gone.address}` });
    const res = await fetch(`${base}/x`);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('upstream unavailable');
  });

  it('answers 413 for a body over maxBodyBytes, before the processor', async () => {
    const base = await proxy({ upstream: counterUrl(), maxBodyBytes: 16 });
    const res = await fetch(`${base}/big`, { method: 'POST', body: 'x'.repeat(64) });
    expect(res.status).toBe(413);
    expect(hits).not.toContain('/big');
  });

  it('forwards a chunked upload whole', async () => {
    const base = await proxy({}, { processingMode: { requestBodyMode: 'BUFFERED' } });
    const url = new URL(`${base}/chunked`);
    const echo = await new Promise<EchoBody>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: url.pathname });
      req.once('error', reject);
      req.once('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.once('end', () => resolve(JSON.parse(text) as EchoBody));
      });
      req.write('part-1,');
      req.end('part-2'); // no content-length: Node sends transfer-encoding: chunked
    });
    expect(echo.body).toBe('replaced:part-1,part-2');
    // attache sets content-length on a replaced buffered body (Envoy may hold one attache cannot see).
    expect(echo.headers['content-length']).toBe(String('replaced:part-1,part-2'.length));
  });

  it('forwards request trailers to the upstream, with the processor and without', async () => {
    const seen: Array<[string, string[]]> = [];
    const origin = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push([Buffer.concat(chunks).toString(), req.rawTrailers]);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    closers.push(async () => {
      origin.closeAllConnections();
      await new Promise((resolve) => origin.close(resolve));
    });
    const upstreamUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    for (const bypass of [false, true]) {
      const url = new URL(`${await proxy({ upstream: upstreamUrl, bypass })}/t`);
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: url.pathname });
        req.once('error', reject);
        req.once('response', (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
        });
        // Two writes: Node frames the body chunked (a single end() would get a content-length and
        // no trailers), and sends the trailers after it.
        req.addTrailers({ 'x-sum': '42' });
        req.write('pay');
        req.end('load');
      });
      expect(status).toBe(200);
    }
    expect(seen).toEqual([
      ['payload', ['x-sum', '42']],
      ['payload', ['x-sum', '42']],
    ]);
  });

  it('bodyless and bodied requests take turns on one kept-alive client connection', async () => {
    const base = new URL(await proxy({}, { processingMode: { requestBodyMode: 'BUFFERED' } }));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    closers.push(async () => agent.destroy());
    const sockets = new Set<unknown>();
    const send = (method: string, path: string, body?: string, headers: http.OutgoingHttpHeaders = {}) =>
      new Promise<{ status: number; echo: EchoBody }>((resolve, reject) => {
        const req = http.request({ host: base.hostname, port: base.port, method, path, agent, headers });
        req.once('socket', (socket) => sockets.add(socket));
        req.once('error', reject);
        req.once('response', (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.once('end', () => resolve({ status: res.statusCode ?? 0, echo: JSON.parse(text) as EchoBody }));
        });
        req.end(body);
      });
    const a = await send('GET', '/a');
    const b = await send('POST', '/b', '', { 'content-length': '0' });
    const c = await send('POST', '/c', 'xyz');
    const d = await send('DELETE', '/d');
    expect([a, b, c, d].map((r) => [r.status, r.echo.method, r.echo.path, r.echo.body])).toEqual([
      [200, 'GET', '/a', ''],
      [200, 'POST', '/b', ''],
      [200, 'POST', '/c', 'replaced:xyz'],
      [200, 'DELETE', '/d', ''],
    ]);
    expect(a.echo.headers['content-length']).toBeUndefined();
    expect(sockets.size).toBe(1);
  });

  it('logs protocol violations at warn level', async () => {
    // The processor believes Envoy allows x-envoy-* mutations; the simulated Envoy does not.
    const lenient = await createProcessor({
      plugins: [
        {
          plugin: definePlugin({
            name: 'envoy-header',
            setup: () => ({ requestHeaders: (ctx) => void ctx.mutate.set('x-envoy-thing', '1') }),
          }),
        },
      ],
      mutationRules: { allowEnvoy: true },
    });
    closers.push(() => lenient.close());
    const base = await proxy({ target: lenient });
    const res = await fetch(`${base}/violating`);
    expect(res.status).toBe(200);
    const warning = lines.find((l) => l.level === 'warn' && l.fields.path === '/violating');
    expect(warning?.fields).toMatchObject({ kind: 'refused-header-mutation', direction: 'request' });
    // The message alone says which violation and why: kind, direction and the kit's reason.
    expect(warning?.msg).toMatch(/^protocol violation refused-header-mutation \(request\): .*x-envoy-thing/);
  });

  it('names an ignored metadata namespace and says how to keep it', async () => {
    const tagging = await createProcessor({
      plugins: [
        {
          plugin: definePlugin({
            name: 'tagger',
            setup: () => ({ requestHeaders: (ctx) => void ctx.setMetadata('my.tags', { a: 'b' }) }),
          }),
        },
      ],
    });
    closers.push(() => tagging.close());
    const dropped = await proxy({ target: tagging });
    expect((await fetch(`${dropped}/tag-dropped`)).status).toBe(200);
    const warnings = lines.filter((l) => l.level === 'warn' && l.fields.path === '/tag-dropped');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields.kind).toBe('ignored-dynamic-metadata');
    expect(warnings[0]?.msg).toContain('"my.tags"');
    expect(warnings[0]?.msg).toContain('--receive-namespace');
    expect(warnings[0]?.msg).toContain('metadata_options.receiving_namespaces.untyped');

    const kept = await proxy(
      { target: tagging },
      { metadataOptions: { receivingNamespaces: { untyped: ['my.tags'] } } },
    );
    expect((await fetch(`${kept}/tag-kept`)).status).toBe(200);
    expect(lines.filter((l) => l.level === 'warn' && l.fields.path === '/tag-kept')).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        fields: expect.objectContaining({ path: '/tag-kept', violations: 0 }),
      }),
    );
  });

  it('answers 504 when the exchange outlives timeoutMs', async () => {
    // An upstream that accepts the request and never answers.
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    closers.push(async () => {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    });
    const port = (silent.address() as AddressInfo).port;
    const base = await proxy({ upstream: `http://127.0.0.1:${port}`, timeoutMs: 100 });
    const res = await fetch(`${base}/slow`);
    expect(res.status).toBe(504);
  });

  it('bypass: forwards the request and answer unchanged, without the processor; upstream connections are kept alive', async () => {
    const sockets = new Set<unknown>();
    const seen: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }> =
      [];
    const origin = http.createServer((req, res) => {
      sockets.add(req.socket);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        res.writeHead(201, { 'x-origin': 'yes', server: 'origin' });
        res.end('created');
      });
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    closers.push(async () => {
      origin.closeAllConnections();
      await new Promise((resolve) => origin.close(resolve));
    });
    const port = (origin.address() as AddressInfo).port;
    const base = await proxy({ upstream: `http://127.0.0.1:${port}`, bypass: true });
    for (const i of [1, 2, 3]) {
      const res = await fetch(`${base}/blocked/${i}?q=1`, {
        method: 'POST',
        body: `body ${i}`,
        headers: { 'x-in': 'a' },
      });
      // The plugin would have answered 403 and removed `server`: it never ran.
      expect(res.status).toBe(201);
      expect(res.headers.get('server')).toBe('origin');
      expect(res.headers.get('x-origin')).toBe('yes');
      expect(await res.text()).toBe('created');
    }
    expect(seen.map((r) => [r.method, r.url, r.headers['x-in'], r.headers['x-added'], r.body])).toEqual([
      ['POST', '/blocked/1?q=1', 'a', undefined, 'body 1'],
      ['POST', '/blocked/2?q=1', 'a', undefined, 'body 2'],
      ['POST', '/blocked/3?q=1', 'a', undefined, 'body 3'],
    ]);
    // Sequential requests share one kept-alive upstream connection.
    expect(sockets.size).toBe(1);
  });

  it('reuses kept-alive upstream connections when it runs the processor too', async () => {
    const sockets = new Set<unknown>();
    const origin = http.createServer((req, res) => {
      sockets.add(req.socket);
      req.resume();
      res.end('ok');
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    closers.push(async () => {
      origin.closeAllConnections();
      await new Promise((resolve) => origin.close(resolve));
    });
    const base = await proxy({ upstream: `http://127.0.0.1:${(origin.address() as AddressInfo).port}` });
    for (const i of [1, 2, 3]) expect((await fetch(`${base}/k/${i}`)).status).toBe(200);
    expect(sockets.size).toBe(1);
  });
});
