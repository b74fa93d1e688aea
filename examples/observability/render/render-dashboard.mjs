#!/usr/bin/env node
// Renders examples/observability/dashboard.png from real data: runs `attache serve` (the built
// CLI) on demo/attache.yaml, drives traffic through it with the test kit (normal, slow, failing,
// timing-out, blocked and rate-limited requests, some with bodies, at a rate that rises and
// falls, with a burst of failures in the middle, and a SIGHUP reload), scrapes its admin listener's /metrics every
// couple of seconds, SIGTERMs it near the end (readiness drops while it drains), then draws every
// panel of grafana-dashboard.json from the scraped series (render/draw.mjs, the queries
// evaluated by render/promql.mjs) and screenshots it with headless Chromium.
//
// Usage: npm run build && node examples/observability/render/render-dashboard.mjs
//          [--seconds 120] [--scrape-ms 2000] [--out examples/observability/dashboard.png] [--note <text>]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { renderPng } from '../../../bench/lib/plot.mjs';
import { dashboardSvg } from './draw.mjs';
import { parseExposition } from './promql.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    'scrape-ms': { type: 'string', default: '2000' },
    out: { type: 'string', default: path.join(root, 'examples/observability/dashboard.png') },
    /** Appended to the subtitle (e.g. the build and the machine). */
    note: { type: 'string', default: '' },
  },
});
const seconds = Number(values.seconds);
const scrapeMs = Number(values['scrape-ms']);
const { http2Channel, runExchange } = await import(
  pathToFileURL(path.join(root, 'dist/src/testing/index.js')).href
);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The server, on free ports; its addresses from its log lines.
const server = spawn(
  process.execPath,
  [
    path.join(root, 'dist/src/cli/main.js'),
    'serve',
    '--config',
    path.join(root, 'examples/observability/demo/attache.yaml'),
    '--processes',
    '1',
    '--address',
    '127.0.0.1:0',
    '--admin-address',
    '127.0.0.1:0',
  ],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
const addresses = await new Promise((resolve, reject) => {
  const found = {};
  let buffered = '';
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (chunk) => {
    buffered += chunk;
    for (const line of buffered.split('\n').slice(0, -1)) {
      try {
        const l = JSON.parse(line);
        if (l.msg === 'admin listening') found.admin = l.address;
        if (l.msg === 'attache listening') found.grpc = l.address;
      } catch {
        // not JSON
      }
    }
    buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    if (found.admin && found.grpc) resolve(found);
  });
  server.once('exit', (code) => reject(new Error(`attache serve exited (${code}) before listening`)));
});

const start = performance.now();
const elapsed = () => (performance.now() - start) / 1000;
const scrapes = [];
let scraping = true;
const scraper = (async () => {
  while (scraping) {
    const at = elapsed();
    try {
      const text = await (await fetch(`http://${addresses.admin}/metrics`)).text();
      scrapes.push({ t: Math.round(at * 10) / 10, series: parseExposition(text) });
    } catch {
      // the server has stopped
    }
    await sleep(Math.max(0, scrapeMs - (elapsed() - at) * 1000));
  }
})();

/** Requests per second at `t`: rising, a plateau with a failure burst, falling. */
const rateAt = (t) => 60 + 120 * Math.sin(Math.PI * Math.min(1, t / (seconds * 0.85)));
const burst = (t) => t > seconds * 0.4 && t < seconds * 0.55;
function pick(t) {
  const r = Math.random();
  if (burst(t) && r < 0.25) return r < 0.2 ? '/fail' : '/hang';
  if (r < 0.02) return '/fail';
  if (r < 0.025) return '/hang';
  if (r < 0.06) return '/admin/settings';
  if (r < 0.09) return '/limited';
  if (r < 0.35) return '/slow';
  return '/';
}

// A config reload a third of the way in (the same file: it is taken).
setTimeout(() => server.kill('SIGHUP'), seconds * 333).unref();
const channel = http2Channel(addresses.grpc);
const trafficUntil = seconds * 0.92;
const clients = 12;
let sent = 0;
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (elapsed() < trafficUntil) {
      const t = elapsed();
      const route = pick(t);
      const body = Math.random() < 0.3 ? 'x'.repeat(200 + Math.floor(Math.random() * 4000)) : undefined;
      const began = performance.now();
      await runExchange(channel, {
        envoy: { processingMode: { requestBodyMode: body === undefined ? 'NONE' : 'BUFFERED' } },
        request: { method: body === undefined ? 'GET' : 'POST', path: route, body },
      }).catch(() => undefined);
      sent++;
      await sleep(Math.max(0, (clients / rateAt(t)) * 1000 - (performance.now() - began)));
    }
  }),
);
// The drain: readiness drops while the server still answers scrapes, then it stops.
server.kill('SIGTERM');
await sleep(Math.max(0, (seconds - elapsed()) * 1000));
scraping = false;
await scraper;
channel.close();
server.kill('SIGINT');

const dashboard = JSON.parse(
  readFileSync(path.join(root, 'examples/observability/grafana-dashboard.json'), 'utf8'),
);
const window = `${Math.max(4, Math.round((scrapeMs / 1000) * 6))}s`;
const { svg, width, height } = dashboardSvg(
  dashboard,
  scrapes,
  { $__rate_interval: window, $job: '.*' },
  `examples/observability/grafana-dashboard.json drawn from ${scrapes.length} scrapes of a real attache serve run ` +
    `(${sent} requests in ${seconds} s: demo/attache.yaml, rate() over ${window}; SIGHUP at ${Math.round(seconds / 3)} s, SIGTERM at ${Math.round(trafficUntil)} s)` +
    (values.note === '' ? '' : `; ${values.note}`),
);
if (!renderPng(svg, values.out, width, height)) {
  console.error('no Chromium found (apt-get install -y chromium, or set CHROMIUM_BIN)');
  process.exit(1);
}
console.log(`wrote ${values.out}: ${scrapes.length} scrapes, ${sent} requests`);
