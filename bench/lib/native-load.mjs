// bench/native/envoy-load.c, built and driven: the load generator in C that bench/processes.mjs
// uses by default, because on a 2-core machine the Node one (lib/h2-frames.mjs) takes a fifth of
// the cores it is measuring the servers on (see the C file's header).
//
// The build goes to a cache directory keyed by a hash of the source and of `cc --version`, so a
// second run reuses the binary; no compiler means the benchmark says so and uses the Node client.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { children } from './children.mjs';
import { headerBlocks } from './h2-frames.mjs';

const SOURCE = fileURLToPath(new URL('../native/envoy-load.c', import.meta.url));

/** Why the C load generator cannot be built here, or null when it can. */
export function nativeLoadUnavailable() {
  const cc = spawnSync('cc', ['--version'], { encoding: 'utf8' });
  if (cc.error !== undefined || cc.status !== 0)
    return 'no C compiler (`cc`) on PATH (Debian: apt-get install gcc)';
  return null;
}

/** Builds bench/native/envoy-load.c (or reuses the cached build) and resolves to the binary's path. */
export function buildNativeLoad() {
  const hash = createHash('sha256')
    .update(readFileSync(SOURCE))
    .update(spawnSync('cc', ['--version'], { encoding: 'utf8' }).stdout ?? '');
  const dir = path.join(tmpdir(), 'attache-native-build');
  mkdirSync(dir, { recursive: true });
  const binary = path.join(dir, `envoy-load-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(binary)) return Promise.resolve(binary);
  // A build killed half-way leaves only the temporary name, never a binary a later run would take.
  const partial = `${binary}.${process.pid}.partial`;
  return new Promise((resolve, reject) => {
    execFile('cc', ['-O2', '-Wall', '-Wextra', '-pthread', '-o', partial, SOURCE], (error, _out, err) => {
      if (error !== null) {
        reject(new Error(`cc ${SOURCE} failed:\n${err || error.message}`));
        return;
      }
      renameSync(partial, binary);
      resolve(binary);
    });
  });
}

/**
 * Starts the C load generator on `ports` and resolves once its threads run, with:
 * `pid`, `tids` (its worker threads), `mark()` (running totals: lib/occupancy.mjs's
 * `{ t, emptyMs, areaMs }` plus `completed`, `errors`, `goaways`, `reads`, `arrived`, `overflow`,
 * `reconnects`), `start()` (a mark, and latencies recorded from then), and `stop()`, which returns two
 * promises: `mark`, the last mark, and `done`, the line that follows once no stream is in flight
 * (at most 3 s: `inflight`, the final `completed` and `errors`, latency percentiles in µs,
 * `goawayCodes`, `lastFailure`, `fatal`);
 * the process then exits.
 *
 * @param {string} binary from buildNativeLoad()
 * @param {{ ports: number[], workers: number, concurrency: number, rate: number,
 *   lb: 'round-robin' | 'least-request', rstCode: number | null,
 *   headers: Record<string, string>, message: Buffer }} options
 */
export function startNativeLoad(
  binary,
  { ports, workers, concurrency, rate, lb, rstCode, headers, message },
) {
  const blocks = headerBlocks(headers);
  const child = spawn(
    binary,
    [
      `ports=${ports.join(',')}`,
      `workers=${workers}`,
      `concurrency=${concurrency}`,
      `rate=${rate}`,
      `lb=${lb === 'least-request' ? 'lr' : 'rr'}`,
      `rst=${rstCode ?? -1}`,
      `first=${blocks.first.toString('hex')}`,
      `rest=${blocks.rest.toString('hex')}`,
      `message=${message.toString('hex')}`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  children.add(child);
  /** @type {Array<{ resolve: (line: any) => void, reject: (error: Error) => void }>} */
  const waiters = [];
  let ended = null;
  const failAll = (error) => {
    ended = error;
    for (const w of waiters.splice(0)) w.reject(error);
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter === undefined) return;
    try {
      waiter.resolve(JSON.parse(line));
    } catch {
      waiter.reject(new Error(`envoy-load said: ${line}`));
    }
  });
  child.on('exit', (code, signal) => {
    children.delete(child);
    failAll(new Error(`envoy-load exited (${signal ?? `status ${code}`})`));
  });
  child.on('error', failAll);
  const next = () =>
    ended !== null
      ? Promise.reject(ended)
      : new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  const send = (command) => {
    const reply = next();
    child.stdin.write(`${command}\n`);
    return reply;
  };
  return next().then((ready) => ({
    pid: ready.pid,
    tids: ready.tids,
    mark: () => send('mark'),
    start: () => send('start'),
    stop() {
      const mark = next();
      const done = next();
      child.stdin.write('stop\n');
      // Two promises: the window's end is the mark, not the drain after it.
      return { mark, done };
    },
    kill: () => child.kill('SIGKILL'),
  }));
}
