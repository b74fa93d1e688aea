/**
 * {@link startDemoUpstream}: an echo server to put behind the development proxy when no real
 * upstream is at hand.
 *
 * @module
 */
import http from 'node:http';
import { listenHttp, parseHostPort } from './http-util.js';

/** A running demo upstream. */
export interface DemoUpstream {
  /** Bound address, `host:port`. */
  readonly address: string;
  /** Stops accepting connections and closes the open ones. */
  close(): Promise<void>;
}

/**
 * The JSON body the demo upstream answers with: the request exactly as it arrived, so the
 * effect of a pipeline (headers added or removed, body replaced) is visible with curl.
 */
export interface EchoBody {
  method: string;
  path: string;
  /** Node's header object: names lower-case, repeats joined with `, ` (`set-cookie` as array). */
  headers: Record<string, string | string[] | undefined>;
  /** The body as UTF-8 text. */
  body: string;
}

/**
 * Starts an HTTP/1.1 server that echoes every request as JSON ({@link EchoBody}) with
 * `content-type: application/json` and `server: attache-demo-upstream`. For development only.
 *
 * @example
 * ```ts
 * const upstream = await startDemoUpstream(); // 127.0.0.1, free port
 * const proxy = await startDevProxy({ target: processor, upstream: `http://${upstream.address}` });
 * ```
 */
export async function startDemoUpstream(listen = '127.0.0.1:0'): Promise<DemoUpstream> {
  const { host, port } = parseHostPort(listen, 'demo upstream');
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const echo: EchoBody = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const body = `${JSON.stringify(echo, null, 2)}\n`;
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        // Like most real servers; handy for showing a plugin removing a response header.
        server: 'attache-demo-upstream',
      });
      res.end(body);
    });
  });
  return listenHttp(server, host, port);
}
