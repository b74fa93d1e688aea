/**
 * The development proxy's upstream client: which requests go through undici and which through
 * `node:http`, and that each path delivers what the other cannot (trailers, `expect`), retries
 * only what it may, and stops when asked.
 */
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.js';
import { needsNodeHttp, UpstreamCancel, UpstreamClient, type UpstreamRequest } from './upstream-client.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Last opened, first closed: the clients before the servers they keep connections to.
  for (const close of closers.splice(0).reverse()) await close();
});

async function listen(server: net.Server): Promise<URL> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    if (server instanceof http.Server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

function client(base: URL): UpstreamClient {
  const upstream = new UpstreamClient(base);
  closers.push(() => upstream.close());
  return upstream;
}

/**
 * One turn of the event loop: undici's pool takes a connection back for reuse just after the
 * response completed, so a request sent from the very continuation would open another one.
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function request(over: Partial<UpstreamRequest> = {}): UpstreamRequest {
  return { method: 'GET', path: '/', headers: [], body: Buffer.alloc(0), trailers: [], ...over };
}

/** An upstream that records what arrived and answers with a header, a body and (chunked) a trailer. */
async function recordingUpstream() {
  const seen: Array<{
    method?: string;
    headers: http.IncomingHttpHeaders;
    body: string;
    trailers: string[];
  }> = [];
  const sockets = new Set<unknown>();
  const server = http.createServer((req, res) => {
    sockets.add(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        trailers: req.rawTrailers,
      });
      res.writeHead(200, { 'x-answer': 'yes', 'Set-Cookie': ['a=1', 'b=2'] });
      res.addTrailers({ 'x-done': '1' });
      res.end('answer');
    });
  });
  return { seen, sockets, base: await listen(server) };
}

describe('needsNodeHttp', () => {
  it('is true for trailers or an expect header (any case), false otherwise', () => {
    expect(needsNodeHttp(request())).toBe(false);
    expect(needsNodeHttp(request({ headers: ['x-expected', 'no', 'host', 'h'] }))).toBe(false);
    expect(needsNodeHttp(request({ trailers: [['x-sum', '1']] }))).toBe(true);
    expect(needsNodeHttp(request({ headers: ['Expect', '100-continue'] }))).toBe(true);
  });
});

describe('UpstreamClient', () => {
  it('undici: headers, repeated headers in order, chunked body and response trailers come back; connections are kept', async () => {
    const { seen, sockets, base } = await recordingUpstream();
    const upstream = client(base);
    for (const i of [1, 2]) {
      const answer = await upstream.request(
        request({ method: 'POST', path: `/p/${i}`, headers: ['x-in', 'a'], body: Buffer.from(`b${i}`) }),
        new UpstreamCancel(),
        silentLogger,
      );
      expect(answer?.status).toBe(200);
      expect(answer?.body.toString()).toBe('answer');
      // Chunked (no content-length): hop-by-hop transfer-encoding and connection are gone.
      expect(answer?.contentLength).toBe(false);
      expect(answer?.headers.filter(([n]) => n !== 'date')).toEqual([
        ['x-answer', 'yes'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ]);
      expect(answer?.trailers).toEqual([['x-done', '1']]);
      await turn();
    }
    expect(seen.map((s) => [s.method, s.headers['x-in'], s.body])).toEqual([
      ['POST', 'a', 'b1'],
      ['POST', 'a', 'b2'],
    ]);
    expect(sockets.size).toBe(1);
  });

  it('node:http: request trailers and an expect header reach the upstream', async () => {
    const { seen, base } = await recordingUpstream();
    const upstream = client(base);
    const withTrailers = await upstream.request(
      request({
        method: 'POST',
        headers: ['host', base.host],
        body: Buffer.from('data'),
        trailers: [['x-sum', '42']],
      }),
      new UpstreamCancel(),
      silentLogger,
    );
    expect(withTrailers?.status).toBe(200);
    expect(withTrailers?.trailers).toEqual([['x-done', '1']]);
    const expecting = await upstream.request(
      request({
        method: 'PUT',
        headers: ['host', base.host, 'expect', '100-continue', 'content-length', '2'],
        body: Buffer.from('hi'),
      }),
      new UpstreamCancel(),
      silentLogger,
    );
    expect(expecting?.status).toBe(200);
    expect(seen.map((s) => [s.method, s.body, s.trailers, s.headers.expect])).toEqual([
      ['POST', 'data', ['x-sum', '42'], undefined],
      ['PUT', 'hi', [], '100-continue'],
    ]);
  });

  it('retries an idempotent request once when a kept-alive connection is dropped under it, never a POST', async () => {
    // Answers the first request on each connection, drops the connection at the second.
    const requests: string[] = [];
    let connections = 0;
    const server = net.createServer((socket) => {
      const connection = ++connections;
      let data = '';
      let answered = 0;
      socket.on('data', (chunk) => {
        data += chunk.toString('latin1');
        const lines = data.match(/^[A-Z]+ \S+ HTTP\/1\.1\r\n/gm) ?? [];
        for (const line of lines.slice(answered)) {
          requests.push(`${connection} ${line.trim()}`);
          if (answered++ === 0) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
          else socket.destroy();
        }
      });
      socket.on('error', () => {});
    });
    const base = await listen(server);
    // Each run gets a client of its own, so its second request takes the first one's connection.
    const run = async (method: string) => {
      const upstream = client(base);
      const statuses: Array<number | null> = [];
      for (const path of ['/1', '/2']) {
        await turn();
        const answer = await upstream.request(request({ method, path }), new UpstreamCancel(), silentLogger);
        statuses.push(answer?.status ?? null);
      }
      return statuses;
    };
    // GET: dropped on the kept-alive connection, sent again and answered on a new one.
    expect(await run('GET')).toEqual([200, 200]);
    // POST: dropped likewise, but the upstream may have acted on it: not sent again, unavailable.
    expect(await run('POST')).toEqual([200, null]);
    expect(requests).toEqual([
      '1 GET /1 HTTP/1.1',
      '1 GET /2 HTTP/1.1',
      '2 GET /2 HTTP/1.1',
      '3 POST /1 HTTP/1.1',
      '3 POST /2 HTTP/1.1',
    ]);
  });

  it('a cancelled request ends: before it is sent, and while the upstream holds it', async () => {
    let arrived = 0;
    const server = http.createServer(() => {
      arrived++; // never answers
    });
    const upstream = client(await listen(server));
    const early = new UpstreamCancel();
    early.abort();
    expect(await upstream.request(request(), early, silentLogger)).toBeNull();
    const late = new UpstreamCancel();
    const pending = upstream.request(request({ path: '/held' }), late, silentLogger);
    while (arrived === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    late.abort();
    expect(await pending).toBeNull();
    expect(arrived).toBe(1);
  });

  it('resolves null when the upstream is unreachable; rejects a request undici refuses to send', async () => {
    const server = net.createServer();
    const base = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    const gone = client(base);
    expect(await gone.request(request(), new UpstreamCancel(), silentLogger)).toBeNull();
    const { base: alive } = await recordingUpstream();
    await expect(
      client(alive).request(request({ headers: ['x-bad', 'a\u0001b'] }), new UpstreamCancel(), silentLogger),
    ).rejects.toThrow();
  });
});
