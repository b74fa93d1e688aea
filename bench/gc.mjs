#!/usr/bin/env node
// What each Node server leaves to V8's garbage collector per stream: every server runs with
// --trace-gc while h2load sends it the same streams (headers message, one gRPC stream each), and
// the young-generation collections (Scavenge) are read back from its trace. A stream whose
// objects are all dead by the next scavenge costs that scavenge almost nothing; objects that are
// still reachable get copied, then promoted to the old generation, and each scavenge's pause grows
// with them. The tail latency of a processor follows those pauses (bench/README.md, "Garbage per
// stream"). Linux, needs h2load (apt-get install nghttp2-client); no timing is asserted anywhere.
//
//   node scripts/with-node.mjs bench/gc.mjs [--servers raw,http2,wire] [--streams N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { killAll, startReadyChild } from './lib/children.mjs';
import { numberOption, UsageError } from './lib/cli-options.mjs';
import { parseTrace, summarize } from './lib/gc-trace.mjs';
import { probe } from './lib/probe.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const SERVERS = {
  raw: { label: 'raw node:http2', script: './lib/server-h2raw.mjs', args: [] },
  http2: { label: 'attache http2', script: './lib/server-attache.mjs', args: ['--transport', 'http2'] },
  wire: { label: 'attache wire', script: './lib/server-attache.mjs', args: ['--transport', 'wire'] },
};

const USAGE = `Usage: node bench/gc.mjs [options]     (after npm run build; needs h2load)

  --servers LIST   comma-separated: ${Object.keys(SERVERS).join(', ')} (default all)
  --streams N      streams per server after a discarded warm-up of the same size (default 60000)
  --json           print the result as JSON on stdout
  -h, --help`;

async function startServer(key) {
  const { label, script, args } = SERVERS[key];
  // V8 prints the trace with C's stdio, which a pipe makes block-buffered: the lines of a phase
  // would arrive after it. stdbuf (coreutils) makes them line-buffered.
  const argv = ['-oL', process.execPath, '--trace-gc', here(script), 'headers', ...args];
  const server = await startReadyChild(label, 'stdbuf', argv, { stdout: 'pipe' });
  let trace = '';
  server.child.stdout.setEncoding('utf8').on('data', (d) => {
    trace += d;
  });
  return {
    port: server.port,
    stop: server.stop,
    /** The trace since the last call (the warm-up's is discarded this way). */
    async take() {
      await new Promise((r) => setTimeout(r, 200)); // the last lines' way through the pipe
      const t = trace;
      trace = '';
      return t;
    },
  };
}

function h2load(port, dataFile, streams, processPath) {
  const args = ['-H', 'content-type: application/grpc', '-H', 'te: trailers', '-d', dataFile];
  const out = spawnSync(
    'h2load',
    [...args, '-c', '2', '-m', '16', '-n', String(streams), `http://127.0.0.1:${port}${processPath}`],
    { encoding: 'utf8' },
  );
  const done = /requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded/.exec(out.stdout ?? '');
  if (out.status !== 0 || done === null || Number(done[1]) !== streams)
    throw new Error(`h2load did not complete ${streams} streams:\n${out.stdout}${out.stderr}`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      servers: { type: 'string', default: Object.keys(SERVERS).join(',') },
      streams: { type: 'string', default: '60000' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const keys = values.servers.split(',').map((s) => s.trim());
  const unknown = keys.find((k) => !(k in SERVERS));
  if (unknown !== undefined)
    throw new UsageError(`--servers: unknown "${unknown}" (${Object.keys(SERVERS).join(', ')})`);
  const streams = numberOption(values, 'streams', 1000, 10_000_000, true);
  if (spawnSync('h2load', ['--version']).status !== 0)
    throw new UsageError('h2load is missing: apt-get install nghttp2-client');
  if (spawnSync('stdbuf', ['--version']).status !== 0) throw new UsageError('stdbuf (coreutils) is missing');

  if (!existsSync(here('../dist/src/index.js'))) {
    console.error('bench/gc.mjs: dist/ is missing. Build first:\n\n  npm run build && node bench/gc.mjs\n');
    process.exit(1);
  }
  const { grpcFrame, PROCESS_PATH, replyBytes, requestBytes } = await import('./lib/messages.mjs');
  const request = grpcFrame(requestBytes('headers'));
  const reply = grpcFrame(replyBytes('headers'));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attache-gc-'));
  const dataFile = path.join(dir, 'request.bin');
  writeFileSync(dataFile, request);
  const results = [];
  try {
    for (const key of keys) {
      const server = await startServer(key);
      const problem = await probe(server.port, PROCESS_PATH, request, reply);
      if (problem !== null) throw new Error(`${SERVERS[key].label} failed the probe: ${problem}`);
      h2load(server.port, dataFile, streams, PROCESS_PATH); // warm-up: JIT, heap sizing
      await server.take();
      h2load(server.port, dataFile, streams, PROCESS_PATH);
      const summary = summarize(parseTrace(await server.take()), streams);
      await server.stop();
      results.push({ server: key, label: SERVERS[key].label, ...summary });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const meta = { node: process.version, streams, load: os.loadavg() };
  if (values.json) {
    console.log(JSON.stringify({ meta, results }, null, 2));
    return;
  }
  const fix = (x, d) => (x === null ? '-' : x.toFixed(d));
  console.log(
    `node ${meta.node}, ${streams} headers streams per server (h2load -c 2 -m 16), after a warm-up of as many`,
  );
  console.log('server            scavenges  pause median / max ms  kept KB/stream  mark-compacts (max ms)');
  for (const r of results) {
    console.log(
      `${r.label.padEnd(16)}  ${String(r.scavenges).padStart(9)}  ${`${fix(r.pauseMsMedian, 2)} / ${fix(r.pauseMsMax, 2)}`.padStart(21)}` +
        `  ${fix(r.keptKbPerStream, 2).padStart(14)}  ${r.markCompacts} (${fix(r.markCompactMsMax, 1)})`,
    );
  }
}

main().catch((error) => {
  killAll();
  console.error(error instanceof UsageError ? `gc: ${error.message}\n\n${USAGE}` : error);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
