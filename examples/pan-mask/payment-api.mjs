#!/usr/bin/env node
// The upstream of the pan-mask example: a small payment API that authorizes a payment and keeps
// a log of every request it received (what a real API would write to its logs and database).
//
//   node examples/pan-mask/payment-api.mjs [port]     # an HTTP server (default port 8080)
//
// POST /payments with JSON {"card": "...", "amount": 12.5} or a form (card=...&amount=...):
// answers 201 {"status":"authorized","card":<the card as received>,"amount":...}.
// GET /payments/last: the last payment as received (the card on file, as responses carry it).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/** A payment API: `handle` answers one request; `received` is its log of what reached it. */
export function createPaymentApi() {
  const received = [];
  let last = null;
  return {
    received,
    /** @param {{ method: string, path: string, headers: Record<string, string>, body: Buffer }} req */
    handle(req) {
      received.push({ path: req.path, headers: req.headers, body: req.body.toString('utf8') });
      if (req.method === 'POST' && req.path.startsWith('/payments')) {
        const text = req.body.toString('utf8');
        const fields = (req.headers['content-type'] ?? '').startsWith('application/json')
          ? JSON.parse(text)
          : Object.fromEntries(new URLSearchParams(text));
        last = { status: 'authorized', card: String(fields.card ?? ''), amount: Number(fields.amount ?? 0) };
        return { status: 201, body: JSON.stringify(last) };
      }
      if (req.method === 'GET' && req.path === '/payments/last') {
        // A careless API echoing the full card on file: the response direction masks it too.
        return { status: 200, body: JSON.stringify(last ?? { status: 'none' }) };
      }
      return { status: 404, body: '{"error":"not found"}' };
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const api = createPaymentApi();
  const port = Number(process.argv[2] ?? 8080);
  createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const out = api.handle({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers,
        body: Buffer.concat(chunks),
      });
      console.log(`received ${req.method} ${req.url} ${Buffer.concat(chunks).toString('utf8')}`);
      res.writeHead(out.status, { 'content-type': 'application/json' }).end(out.body);
    });
  }).listen(port, '127.0.0.1', () => console.log(`payment API on http://127.0.0.1:${port}`));
}
