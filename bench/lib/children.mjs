// The benchmark's child processes (servers, load generators, proxies), killed however the
// benchmark ends: a normal exit, an exception, or Ctrl-C / SIGTERM / SIGHUP. A server left
// behind would hold its port and a core and skew the next run.
import { spawn } from 'node:child_process';

/** Every child still to be killed; a script adds each one it spawns (and may delete it once stopped). */
export const children = new Set();

/** Kills (SIGKILL) every child that is still running. */
export function killAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

process.on('exit', killAll);
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the benchmark processes`);
    killAll();
    process.exit(code);
  });
}

/** `command argv` as spawn's arguments, run under `taskset -c core` when `core` is a number. */
export function pinnedTo(core, command, argv) {
  return core === undefined ? [command, argv] : ['taskset', ['-c', String(core), command, ...argv]];
}

/**
 * Spawns a benchmark child that speaks lib/child.mjs's IPC: `{ type: 'ready', ... }` once it
 * serves, then, for a child that takes jobs (lib/loadgen.mjs), an answer `{ id, ok, result }` or
 * `{ id, ok: false, error }` to each `{ ...job, id }` sent. Returns at once
 * `{ name, child, ready, call, stop }`:
 * - `ready` resolves with the ready message; it rejects if that does not come within 15 s or the
 *   child exits first.
 * - `call(job, timeoutMs)` sends a job and resolves with its result; it rejects with the child's
 *   error, or when `timeoutMs` (if given) passes.
 * - `stop()` asks the child to stop over IPC and waits for its exit (SIGKILL after 5 s).
 *
 * An exit nobody asked for (before `stop()`, ready or not) stops the whole benchmark at once
 * (status 1): its figures would be a dead child's. `stdout`: 'pipe' to read it (`child.stdout`), else it goes to stderr.
 *
 * @param {string} name for messages
 * @param {string} command
 * @param {readonly string[]} argv
 * @param {{ stdout?: 'pipe' | 'stderr' }} [options]
 */
export function startIpcChild(name, command, argv, { stdout = 'stderr' } = {}) {
  const child = spawn(command, argv, { stdio: ['ignore', stdout === 'pipe' ? 'pipe' : 2, 2, 'ipc'] });
  children.add(child);
  const calls = new Map();
  let nextId = 1;
  let stopping = false;
  let readyResolve;
  let readyReject;
  const ready = new Promise((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  const readyTimer = setTimeout(() => readyReject(new Error(`${name}: not ready within 15 s`)), 15_000);
  child.on('message', (m) => {
    if (m?.type === 'ready') {
      clearTimeout(readyTimer);
      readyResolve(m);
      return;
    }
    const call = calls.get(m?.id);
    if (call === undefined) return;
    calls.delete(m.id);
    clearTimeout(call.timer);
    if (m.ok) call.resolve(m.result);
    else call.reject(new Error(`${name}: ${m.error}`));
  });
  child.on('error', (error) => readyReject(error));
  child.on('exit', (code, signal) => {
    children.delete(child);
    clearTimeout(readyTimer);
    const error = new Error(`${name} exited (code ${code}, signal ${signal})`);
    readyReject(error);
    for (const call of calls.values()) {
      clearTimeout(call.timer);
      call.reject(error);
    }
    calls.clear();
    if (!stopping) {
      console.error(`bench: ${name} exited unexpectedly (code ${code}, signal ${signal}); stopping`);
      killAll();
      process.exit(1);
    }
  });
  return {
    name,
    child,
    ready,
    call(job, timeoutMs) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                calls.delete(id);
                reject(new Error(`${name}: no answer to ${job.type} within ${timeoutMs} ms`));
              }, timeoutMs);
        calls.set(id, { resolve, reject, timer });
        child.send({ ...job, id });
      });
    },
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(kill);
    },
  };
}

/**
 * {@link startIpcChild} for a server child: resolves with `{ child, port, pid, stop }` once it
 * says it is ready (with its port), and rejects as `ready` does.
 *
 * @param {string} name for messages
 * @param {string} command
 * @param {readonly string[]} argv
 * @param {{ stdout?: 'pipe' | 'stderr' }} [options]
 */
export async function startReadyChild(name, command, argv, options) {
  const started = startIpcChild(name, command, argv, options);
  const { port, pid } = await started.ready;
  return { child: started.child, port, pid, stop: started.stop };
}
