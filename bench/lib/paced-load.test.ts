import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pacedLoad } from './paced-load.mjs';

describe('pacedLoad', () => {
  let server: Server;
  let url: string;
  const arrivals: { at: number; method: string; body: string; path: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => {
        body += d.toString();
      });
      req.on('end', () => {
        arrivals.push({ at: performance.now(), method: req.method ?? '', body, path: req.url ?? '' });
        // Every fifth request is refused, so non-2xx answers are counted apart.
        res.statusCode = arrivals.length % 5 === 0 ? 503 : 200;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/path?q=1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends rate × seconds requests spread over the window, not at its start, and counts each answer', async () => {
    arrivals.length = 0;
    const t0 = performance.now();
    const result = await pacedLoad({
      url,
      rate: 200,
      seconds: 0.5,
      connections: 4,
      method: 'POST',
      body: 'abc',
      headers: { 'content-type': 'text/plain' },
    });
    expect(arrivals).toHaveLength(100);
    expect(result).toMatchObject({ requests: 100, ok: 80, non2xx: 20, errors: 0, stoppedEarly: false });
    expect(result.statuses).toEqual({ 200: 80, 503: 20 });
    expect(arrivals.every((a) => a.method === 'POST' && a.body === 'abc' && a.path === '/path?q=1')).toBe(
      true,
    );
    // Request i is not sent before t0 + i / rate (5 ms apart here), however fast the server; Node
    // may fire a timer up to 1 ms early. Sent at once, all 100 would arrive within a few ms of t0.
    for (const i of [49, 99]) expect((arrivals[i]?.at ?? 0) - t0).toBeGreaterThan(i * 5 - 1);
    expect(result.p50Us).toBeGreaterThan(0);
    expect(result.p99Us).toBeGreaterThanOrEqual(result.p50Us ?? 0);
  });

  it('counts a refused connection as an error, not as an answer', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await pacedLoad({
      url: `http://127.0.0.1:${port}/`,
      rate: 100,
      seconds: 0.05,
      connections: 1,
    });
    expect(result).toMatchObject({ requests: 5, ok: 0, non2xx: 0, errors: 5, p50Us: null, p99Us: null });
  });

  it('counts a response cut off mid-body as an error, and still resolves', async () => {
    const cutting = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only part of it', () => res.socket?.destroy());
    });
    await new Promise<void>((resolve) => cutting.listen(0, '127.0.0.1', resolve));
    try {
      const port = (cutting.address() as AddressInfo).port;
      const result = await pacedLoad({
        url: `http://127.0.0.1:${port}/`,
        rate: 100,
        seconds: 0.05,
        connections: 1,
      });
      expect(result).toMatchObject({ requests: 5, ok: 0, non2xx: 0, errors: 5 });
    } finally {
      await new Promise<void>((resolve) => cutting.close(() => resolve()));
    }
  });

  it('refuses a rate, window or pool that is not positive', async () => {
    await expect(pacedLoad({ url, rate: 0, seconds: 1, connections: 1 })).rejects.toThrow(RangeError);
    await expect(pacedLoad({ url, rate: 10, seconds: 1, connections: 0 })).rejects.toThrow(/connections/);
  });
});
