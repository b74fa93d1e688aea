// Paired A/B of `attache dev` builds (or flags) on a shared machine: every target is started at
// once and idles while the others are driven, and each round drives every target in turn for a
// short closed-loop window (autocannon, headers-only case). Windows seconds apart see nearly the
// same machine, so the per-round ratio of CPU per request to the first target is much steadier
// than two whole latency.mjs runs minutes apart. Linux only (CPU from /proc).
//
//   node bench/lib/latency/dev-paired.mjs [--rounds N] [--seconds S] NAME=CLI[:FLAG,FLAG...] ...
//
// A flag `transport=T` is not passed on: it sets that target's `grpc.transport` (default: the
// build's default).
//
// e.g. (after npm run build; the first target is the reference of the ratios):
//   node scripts/with-node.mjs bench/lib/latency/dev-paired.mjs --rounds 30 --seconds 1 \
//     base=/path/to/base/dist/src/cli/main.js this=dist/src/cli/main.js \
//     this-bypass=dist/src/cli/main.js:--bypass
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { numberOption, UsageError } from '../cli-options.mjs';
import { median } from '../median.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

/** CPU ticks (10 ms) process `pid` (or only its main thread) has used so far. */
function cpuTicks(pid, mainThread) {
  const stat = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Resolves once `port` accepts a connection, or rejects when `child` exits first. */
async function accepting(port, child, output) {
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new Error(`attache dev exited:\n${output()}`);
    const ok = await new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => resolve(socket.destroy() || true));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`attache dev: not listening within 20 s:\n${output()}`);
}

function drive(port, seconds) {
  return new Promise((resolve, reject) =>
    autocannon({ url: `http://127.0.0.1:${port}/`, connections: 10, duration: seconds }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { rounds: { type: 'string', default: '20' }, seconds: { type: 'string', default: '1' } },
  });
  const rounds = numberOption(values, 'rounds', 1, 1000, true);
  const seconds = numberOption(values, 'seconds', 1, 60, true);
  if (positionals.length === 0) throw new UsageError('name at least one target: NAME=CLI[:FLAG,FLAG]');
  const specs = positionals.map((spec) => {
    const match = /^([^=]+)=([^:]+)(?::(.*))?$/.exec(spec);
    if (match === null) throw new UsageError(`"${spec}" is not NAME=CLI[:FLAG,FLAG]`);
    const all = (match[3] ?? '').split(',').filter(Boolean);
    const transport = all.find((f) => f.startsWith('transport='))?.slice('transport='.length) ?? null;
    return {
      name: match[1],
      cli: path.resolve(match[2]),
      flags: all.filter((f) => !f.startsWith('transport=')),
      transport,
    };
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attache-dev-paired-'));
  const children = [];
  process.on('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
  try {
    const upstream = spawn(process.execPath, [here('../http-upstream.mjs')], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(upstream);
    const upstreamPort = await new Promise((resolve) => upstream.on('message', (m) => resolve(m.port)));
    const targets = [];
    for (const spec of specs) {
      const config = path.join(dir, `${targets.length}.yaml`);
      writeFileSync(
        config,
        `grpc:\n  address: 127.0.0.1:0\n${spec.transport === null ? '' : `  transport: ${spec.transport}\n`}` +
          `log:\n  level: warn\nplugins:\n  - use: ${JSON.stringify(here('./set-header.js'))}\n`,
      );
      const port = await freePort();
      const args = ['dev', '--config', config, '--upstream', `http://127.0.0.1:${upstreamPort}`];
      const child = spawn(
        process.execPath,
        [spec.cli, ...args, '--listen', `127.0.0.1:${port}`, ...spec.flags],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      children.push(child);
      let output = '';
      child.stderr.setEncoding('utf8').on('data', (chunk) => (output = (output + chunk).slice(-4096)));
      await accepting(port, child, () => output);
      targets.push({ ...spec, port, pid: child.pid, rows: [] });
    }
    for (const t of targets) await drive(t.port, 2); // warm-up, discarded
    for (let round = 1; round <= rounds; round++) {
      for (const t of targets) {
        const [all0, main0] = [cpuTicks(t.pid, false), cpuTicks(t.pid, true)];
        const result = await drive(t.port, seconds);
        const [all1, main1] = [cpuTicks(t.pid, false), cpuTicks(t.pid, true)];
        const n = result.requests.total;
        const row = {
          rps: n / seconds,
          cpuUs: ((all1 - all0) * 10_000) / n,
          mainUs: ((main1 - main0) * 10_000) / n,
          p50Ms: result.latency.p50,
          failed: result.non2xx + result.errors,
          // What failed: the non-2xx statuses, and autocannon's errors (timeouts among them).
          why: [
            ...Object.entries(result.statusCodeStats ?? {})
              .filter(([code]) => !code.startsWith('2'))
              .map(([code, { count }]) => `${count}× ${code}`),
            ...(result.errors > 0 ? [`${result.errors} errors (${result.timeouts} timeouts)`] : []),
          ].join(', '),
          load: os.loadavg()[0],
        };
        t.rows.push(row);
        console.error(
          `round ${round} ${t.name}: ${Math.round(row.rps)} req/s, CPU ${Math.round(row.cpuUs)} µs/req ` +
            `(main thread ${Math.round(row.mainUs)}), p50 ${row.p50Ms} ms` +
            `${row.failed > 0 ? `, ${row.failed} failed (${row.why})` : ''}, load ${row.load.toFixed(1)}`,
        );
      }
    }
    const [reference] = targets;
    console.log(
      'target: median req/s, max req/s, median CPU µs/req (main thread), median p50 ms, paired CPU ratio',
    );
    for (const t of targets) {
      const ratios = t.rows.map((row, i) => row.cpuUs / reference.rows[i].cpuUs);
      console.log(
        `${t.name}: ${Math.round(median(t.rows.map((r) => r.rps)))}, ${Math.round(Math.max(...t.rows.map((r) => r.rps)))}, ` +
          `${Math.round(median(t.rows.map((r) => r.cpuUs)))} (${Math.round(median(t.rows.map((r) => r.mainUs)))}), ` +
          `${median(t.rows.map((r) => r.p50Ms))}, ${t === reference ? '1' : median(ratios).toFixed(2)}`,
      );
    }
  } finally {
    for (const child of children) child.kill('SIGINT');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`dev-paired: ${error instanceof UsageError ? error.message : (error?.stack ?? error)}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
