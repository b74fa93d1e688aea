// The upstream of the latency runs (bench/latency.mjs): an HTTP/1.1 keep-alive server that reads
// the whole request body and answers 200 `ok`. Its `x-upstream-saw` header says what reached it
// (`<x-bench header or ->;<body bytes>;<replaced|original|none>`), so the probe can check that each
// front proxy forwarded what its processor decided.
import http from 'node:http';
import { childLifecycle, ready } from './child.mjs';
import { REPLACED_PREFIX } from './latency/bodies.mjs';

const OK = Buffer.from('ok\n');
const prefix = Buffer.from(REPLACED_PREFIX);

const server = http.createServer((req, res) => {
  const chunks = [];
  let bytes = 0;
  req.on('data', (chunk) => {
    chunks.push(chunk);
    bytes += chunk.length;
  });
  req.on('end', () => {
    const head = chunks.length === 0 ? null : Buffer.concat(chunks).subarray(0, prefix.length);
    const body = head === null ? 'none' : head.equals(prefix) ? 'replaced' : 'original';
    res.writeHead(200, {
      'content-type': 'text/plain',
      'content-length': OK.length,
      'x-upstream-saw': `${req.headers['x-bench'] ?? '-'};${bytes};${body}`,
    });
    res.end(OK);
  });
});
server.keepAliveTimeout = 60_000;
childLifecycle('http-upstream', () => new Promise((resolve) => server.close(() => resolve())));
server.listen(0, '127.0.0.1', () => ready(server.address().port));
