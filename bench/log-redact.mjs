#!/usr/bin/env node
// The cost of header redaction (src/log-redact.ts) per log line written, in one run: the same
// pino JSON logger with and without the redacting formatter, interleaved rounds, writing to a
// stream that drops the bytes. Two lines: attache's plugin-failure line (fields, an Error), and a
// plugin's `ctx.log.info({ headers })` of a 20-header view (redaction also converts the view to
// an object there; without it pino writes `{}`). Reported as µs per line and the ratio.
//
// Usage: npm run build && node bench/log-redact.mjs [--lines 20000] [--rounds 5]
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { HeaderMap } from '../dist/src/http/header-map.js';
import { headerRedactor } from '../dist/src/log-redact.js';

const { values } = parseArgs({
  options: { lines: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' } },
});
const lines = Number(values.lines);
const sink = new Writable({ write: (_c, _e, done) => done() });
const plain = pino({ level: 'info', base: { name: 'attache' } }, sink).child({ plugin: 'p' });
const redacting = pino(
  { level: 'info', base: { name: 'attache' }, formatters: { log: headerRedactor(['x-api-key']) } },
  sink,
).child({ plugin: 'p' });

const source = [':method', ':path', ':authority', 'authorization', 'cookie', 'x-api-key']
  .concat(Array.from({ length: 14 }, (_, i) => `x-header-${i}`))
  .map((key) => ({ key, rawValue: Buffer.from(`value of ${key}`) }));
const view = new HeaderMap(source).view();
const error = new Error('plugin handler failed on purpose');
const CASES = {
  failure: (log) =>
    log.error(
      { err: error, stream: 42, phase: 'requestHeaders', outcome: 'fail-closed', kind: 'PLUGIN_THREW' },
      'plugin handler failed',
    ),
  headers: (log) => log.info({ headers: view }, 'the request headers'),
};

const results = {};
for (const [name, write] of Object.entries(CASES)) {
  const times = { plain: [], redacting: [] };
  for (let r = 0; r < Number(values.rounds); r++) {
    for (const [which, log] of [
      ['plain', plain],
      ['redacting', redacting],
    ]) {
      const start = process.cpuUsage();
      for (let i = 0; i < lines; i++) write(log);
      const used = process.cpuUsage(start);
      times[which].push((used.user + used.system) / lines);
    }
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  results[name] = {
    plainUs: median(times.plain),
    redactingUs: median(times.redacting),
    ratio: median(times.redacting) / median(times.plain),
  };
}
console.log(
  `node ${process.version}, ${lines} lines x ${values.rounds} rounds, CPU µs per line (median round):`,
);
for (const [name, r] of Object.entries(results)) {
  console.log(
    `  ${name.padEnd(8)} without ${r.plainUs.toFixed(2)}  with ${r.redactingUs.toFixed(2)}  ratio ${r.ratio.toFixed(2)}`,
  );
}
