// The Go baseline server (bench/go/extproc-server, grpc-go) as a bench server child: the same
// lifecycle as the Node servers (lib/child.mjs), but the work is done by the Go binary this
// wrapper starts, and the ready message carries the Go process's pid, so the orchestrator's CPU
// accounting reads the Go server itself. The wrapper only waits: it costs no CPU under load.
//
//   node bench/lib/server-go.mjs <scenario> --binary PATH
//
// The binary is built beforehand by the orchestrator (lib/go-extproc.mjs buildGoServer()), so
// the build never counts against a server's start-up timeout. It inherits the wrapper's CPU
// affinity (taskset), and the Go runtime sizes GOMAXPROCS from it: one P when pinned to one core.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { childLifecycle, ready } from './child.mjs';
import { BODY_SIZES, scenarioBodies } from './messages.mjs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { binary: { type: 'string' } },
});
const scenario = positionals[0];
if (values.binary === undefined) {
  console.error('server-go: --binary PATH is required (lib/go-extproc.mjs buildGoServer())');
  process.exit(2);
}

const args = ['-listen', '127.0.0.1:0'];
let dir = null;
if (scenario in BODY_SIZES) {
  dir = mkdtempSync(path.join(os.tmpdir(), 'attache-server-go-'));
  const file = path.join(dir, 'replacement.json');
  writeFileSync(file, scenarioBodies(scenario).replacement);
  args.push('-replace-body', file);
}
const cleanup = () => {
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
};

// stdin stays open as a pipe: the Go server exits when it closes, i.e. when this wrapper dies,
// however it dies.
const go = spawn(values.binary, args, { stdio: ['pipe', 'pipe', 'inherit'] });
let stopping = false;
go.on('error', (error) => {
  console.error(`server-go: cannot run ${values.binary}: ${error.message}`);
  cleanup();
  process.exit(1);
});
go.on('exit', (code, signal) => {
  cleanup();
  if (stopping) return;
  console.error(`server-go: the Go server exited (code ${code}, signal ${signal})`);
  process.exit(1);
});

childLifecycle('server-go', async () => {
  stopping = true;
  if (go.exitCode !== null || go.signalCode !== null) return;
  const exited = new Promise((resolve) => go.once('exit', resolve));
  go.kill('SIGTERM');
  await exited;
});

const lines = createInterface({ input: go.stdout });
lines.once('line', (line) => {
  const m = /^listening (\d+) gomaxprocs (\d+) (\S+)$/.exec(line);
  if (m === null) {
    console.error(`server-go: unexpected first line from the Go server: ${JSON.stringify(line)}`);
    go.kill('SIGKILL');
    process.exit(1);
  }
  console.error(`server-go: ${m[3]}, GOMAXPROCS ${m[2]}, pid ${go.pid}`);
  ready(Number(m[1]), go.pid);
});
