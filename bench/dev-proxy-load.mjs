#!/usr/bin/env node
/**
 * Load on `attache dev`'s development proxy with autocannon: the demo upstream alone, the proxy
 * with the processor bypassed (`attache dev --bypass`: the proxy's own cost) and the proxy with
 * the processor, in one run, headers-only GET requests. Prints req/s, p50 and p99 for each and
 * counts every non-2xx answer and error (a 500 here is the tooling failing, never the load).
 * On Linux it also prints the CPU time the whole `attache dev` process (proxy, gRPC server,
 * demo upstream) spent per request: steadier than req/s on a busy machine.
 *
 *   npm run build && node bench/dev-proxy-load.mjs [--connections 10] [--seconds 10]
 *     [--close reset|graceful|auto] [--config examples/quickstart/attache.yaml]
 *   node scripts/with-node.mjs bench/dev-proxy-load.mjs …   # the same on Node 24
 *
 * The dev command runs in a child process on the Node running this script; its gRPC server and
 * proxy listen on free loopback ports, so runs never collide with `npm start`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    close: { type: 'string', default: 'auto' },
    config: { type: 'string', default: 'examples/quickstart/attache.yaml' },
  },
});
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const cli = join(root, 'dist/src/cli/main.js');

/** The config with its gRPC server moved to a free port (plugin paths stay relative to the original). */
function configOnFreePort(file) {
  const source = resolve(file);
  const text = readFileSync(source, 'utf8').replace(/^(\s*address:\s*).*$/m, '$1127.0.0.1:0');
  const rewritten = text.replace(
    /(use:\s*)(\.\.?\/\S+)/g,
    (_, use, rel) => `${use}${join(dirname(source), rel)}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'attache-dev-load-'));
  const out = join(dir, 'attache.yaml');
  writeFileSync(out, rewritten);
  return out;
}

/** Starts `attache dev` and resolves with the proxy and upstream URLs it prints. */
function startDev(config, extra) {
  const child = spawn(
    process.execPath,
    [cli, 'dev', '--config', config, '--listen', '127.0.0.1:0', '--close', values.close, ...extra],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  return new Promise((resolvePromise, reject) => {
    child.once('exit', (code) => reject(new Error(`attache dev exited (${code}):\n${err}`)));
    const banner = (chunk) => {
      err += chunk;
      const m = /development proxy\s+(http:\/\/\S+) -> (http:\/\/\S+)/.exec(err);
      if (m === null) return;
      // From here on stderr carries one log line per request: read and drop it, as a terminal would.
      child.stderr.off('data', banner);
      child.stderr.on('data', () => {});
      resolvePromise({ child, proxy: m[1], upstream: m[2] });
    };
    child.stderr.on('data', banner);
  });
}

/**
 * CPU µs (user + system, all threads) a process has used so far, from /proc on Linux (clock ticks
 * of 10 ms, the kernel's USER_HZ on every Linux Node supports); null elsewhere.
 */
function processCpuMicros(pid) {
  if (platform() !== 'linux') return null;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

function load(url) {
  return new Promise((resolvePromise, reject) => {
    autocannon(
      {
        url: `${url}/hello`,
        connections: Number(values.connections),
        duration: Number(values.seconds),
        headers: { 'x-debug': '1' },
      },
      (error, result) => (error ? reject(error) : resolvePromise(result)),
    );
  });
}

function row(name, r, cpuMicros) {
  const bad = r.non2xx + r.errors + r.timeouts;
  const cpu = cpuMicros === null ? 'n/a' : Math.round(cpuMicros / r.requests.total);
  return `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${cpu} | ${r.requests.total} | ${bad} |`;
}

const config = configOnFreePort(values.config);
const rows = [];
const runs = [
  ['demo upstream alone', [], 'upstream'],
  ['dev proxy, processor bypassed (--bypass)', ['--bypass'], 'proxy'],
  ['dev proxy with the processor', [], 'proxy'],
];
for (const [name, extra, which] of runs) {
  const dev = await startDev(config, extra);
  try {
    await load(dev[which]); // warm-up, not reported
    const cpuBefore = processCpuMicros(dev.child.pid);
    const result = await load(dev[which]);
    const cpuAfter = processCpuMicros(dev.child.pid);
    rows.push(row(name, result, cpuBefore === null ? null : cpuAfter - cpuBefore));
  } finally {
    dev.child.kill('SIGTERM');
    await new Promise((r) => dev.child.once('exit', r));
  }
}
process.stdout.write(
  `Node ${process.version}, ${values.connections} connections, ${values.seconds} s each, --close ${values.close}\n\n` +
    '| run | req/s | p50 ms | p99 ms | dev process CPU µs/request | requests | non-2xx + errors |\n' +
    '|---|---|---|---|---|---|---|\n' +
    `${rows.join('\n')}\n`,
);
