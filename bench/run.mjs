#!/usr/bin/env node
// `npm run bench`: the default benchmark set, one table. See bench/README.md.
//
//   npm run build && npm run bench                      # this Node, about 5 minutes
//   npm run bench -- --quick                            # everything briefly (CI: a crash check)
//   npm run bench -- --write-results                    # this Node and Node 24; bench/RESULTS.md
//
// It runs bench/streams.mjs (processor only: headers with the Envoy-close GOAWAY/lost blocks at 16
// and 64 in flight and the Go baseline server, body4k, body256k), bench/transform.mjs (the
// `transform` processor against hand-written functions) and bench/latency.mjs (added latency
// through the front proxies; then the dev proxy's headers case again on the wire transport), each
// as a child with --json, on each Node asked for, and prints one table.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadAverage, machine } from './lib/machine.mjs';
import { findChromium } from './lib/plot.mjs';
import { markdownTable, tableRows } from './lib/results-table.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const rel = (p) => path.join(root, p);

const USAGE = `Usage: npm run bench -- [options]     (after npm run build)

  --quick            every benchmark for a second or less (CI: checks they run, asserts no timing)
  --nodes LIST       self (the Node running this) and/or 24 (Node 24 via scripts/with-node.mjs);
                     default self, or self,24 with --write-results
  --write-results    also write bench/RESULTS.md and bench/latency.png (headless Chromium)
  --skip-latency     processor-only runs only
  -h, --help

Each benchmark also runs on its own, with more options: node bench/streams.mjs --help,
node bench/latency.mjs --help.`;

/**
 * The default set; `quick` are the CI arguments (a run of seconds, the same code paths). The Go
 * baseline (server D) runs in the first only, Envoy-close blocks included: one reference per run
 * is enough, and each run it joins takes a quarter longer.
 */
const STREAMS = [
  { scenario: 'headers', args: [], quick: ['--reset-streams', '3000'] },
  { scenario: 'body4k', args: ['--resets', 'off', '--go', 'off'], quick: ['--resets', 'off', '--go', 'off'] },
  // The wire transport (attache's own HTTP/2 server) beside the default http2 one.
  {
    scenario: 'headers',
    args: ['--transport', 'wire', '--go', 'off'],
    quick: ['--transport', 'wire', '--reset-streams', '3000', '--go', 'off'],
  },
  {
    scenario: 'body4k',
    args: ['--transport', 'wire', '--resets', 'off', '--go', 'off'],
    quick: ['--transport', 'wire', '--resets', 'off', '--go', 'off'],
  },
  {
    scenario: 'body256k',
    args: ['--resets', 'off', '--t4b-seconds', '0', '--go', 'off'],
    quick: ['--resets', 'off', '--t4b-seconds', '0', '--concurrency', '8', '--go', 'off'],
  },
];
const STREAMS_QUICK = [
  '--rounds',
  '1',
  '--seconds',
  '0.3',
  '--warmup',
  '0.1',
  '--initial-warmup',
  '0.3',
  '--t4b-seconds',
  '0.2',
];
const LATENCY_QUICK = [
  '--seconds',
  '0.5',
  '--load-seconds',
  '0.5',
  '--warmup',
  '0.2',
  '--initial-warmup',
  '0.2',
];
/** The added latency run on the wire transport, after the default one. */
const LATENCY_WIRE = ['--transport', 'wire', '--cases', 'headers', '--proxies', 'dev'];
const TRANSFORM_QUICK = ['--quick'];

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      nodes: { type: 'string' },
      'write-results': { type: 'boolean', default: false },
      'skip-latency': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const nodes = (values.nodes ?? (values['write-results'] ? 'self,24' : 'self'))
    .split(',')
    .map((n) => n.trim());
  for (const n of nodes)
    if (n !== 'self' && n !== '24') throw new Error(`--nodes: unknown "${n}" (self or 24)`);
  // Checked before a run of twenty minutes, not after it: without Chromium, latency.png would stay
  // the plot of an earlier run beside a new RESULTS.md.
  if (values['write-results'] && !values['skip-latency'] && findChromium() === null) {
    throw new Error(
      '--write-results renders bench/latency.png with headless Chromium, and none was found: ' +
        'apt-get install -y chromium (or set CHROMIUM_BIN), or add --skip-latency',
    );
  }
  return {
    quick: values.quick,
    nodes: [...new Set(nodes)],
    writeResults: values['write-results'],
    skipLatency: values['skip-latency'],
  };
}

/** Runs a bench script with --json on `node` ('self' or '24'); resolves its parsed stdout. */
function runJson(node, script, args) {
  const argv =
    node === 'self'
      ? [process.execPath, rel(script), ...args, '--json']
      : [process.execPath, rel('scripts/with-node.mjs'), rel(script), ...args, '--json'];
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'], cwd: root });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) {
        reject(
          new Error(
            `${path.basename(script)} ${args.join(' ')} on node ${node} failed (code ${code}, signal ${signal})`,
          ),
        );
        return;
      }
      try {
        // The result is the last thing on stdout, an indented JSON object; scripts/with-node.mjs
        // may print its one-time Node install before it.
        resolve(JSON.parse(out.slice(Math.max(0, out.search(/^\{$/m)))));
      } catch {
        reject(new Error(`${path.basename(script)} printed no JSON result:\n${out.slice(-2000)}`));
      }
    });
  });
}

async function main() {
  const opts = options();
  const started = { date: new Date().toISOString(), load: loadAverage() };
  const runs = [];
  for (const node of opts.nodes) {
    const run = { node, streams: [], transform: null, latency: null };
    for (const s of STREAMS) {
      const args = ['--scenario', s.scenario, ...(opts.quick ? [...STREAMS_QUICK, ...s.quick] : s.args)];
      console.error(`\n== node ${node}: bench/streams.mjs ${args.join(' ')}`);
      run.streams.push(await runJson(node, 'bench/streams.mjs', args));
    }
    {
      const args = opts.quick ? TRANSFORM_QUICK : [];
      console.error(`\n== node ${node}: bench/transform.mjs ${args.join(' ')}`);
      run.transform = await runJson(node, 'bench/transform.mjs', args);
    }
    if (!opts.skipLatency) {
      const args = opts.quick ? LATENCY_QUICK : [];
      console.error(`\n== node ${node}: bench/latency.mjs ${args.join(' ')}`);
      run.latency = await runJson(node, 'bench/latency.mjs', args);
      // The development proxy on the wire transport too (headers only, through `attache dev`):
      // the dev-proxy target is met there and not on http2, so the table shows both.
      const wireArgs = [...args, ...LATENCY_WIRE];
      console.error(`\n== node ${node}: bench/latency.mjs ${wireArgs.join(' ')}`);
      const wire = await runJson(node, 'bench/latency.mjs', wireArgs);
      run.latency.rows.push(...wire.rows.map((r) => ({ ...r, case: `${r.case}, wire` })));
    }
    runs.push(run);
  }
  const finished = { date: new Date().toISOString(), load: loadAverage() };
  const rows = tableRows(runs);
  const table = markdownTable(rows);
  console.log(`\nattache benchmarks${opts.quick ? ' (--quick: timings are not meaningful)' : ''}`);
  console.log(table);
  console.log(
    `\nload average (1/5/15 min): ${started.load.join(' ')} at the start, ${finished.load.join(' ')} at the end`,
  );
  if (opts.writeResults) {
    const { writeResults } = await import('./lib/results-file.mjs');
    const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
    const written = await writeResults({
      runs,
      table,
      machine: machine(),
      started,
      finished,
      command,
      quick: opts.quick,
    });
    for (const file of written) console.error(`wrote ${path.relative(root, file)}`);
  }
}

main().catch((error) => {
  console.error(`bench: ${error?.stack ?? error}`);
  process.exitCode = 1;
});
