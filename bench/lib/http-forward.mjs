// A plain node:http forwarding proxy (keep-alive agent, no processing): bench/latency.mjs uses it
// as the "processor bypassed" side only when `attache dev --bypass` is not available in this
// build, so the proxy's own cost is then that of a minimal Node HTTP hop, not attache dev's.
import http from 'node:http';
import { childLifecycle, ready } from './child.mjs';

const upstreamPort = Number(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const headers = { ...req.headers, 'content-length': String(body.length) };
    delete headers.connection;
    const out = http.request(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers, agent },
      (up) => {
        const back = { ...up.headers };
        delete back.connection;
        delete back['keep-alive'];
        res.writeHead(up.statusCode ?? 502, back);
        up.pipe(res);
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    out.end(body);
  });
});
childLifecycle('http-forward', () => new Promise((resolve) => server.close(() => resolve())));
server.listen(0, '127.0.0.1', () => ready(server.address().port));
