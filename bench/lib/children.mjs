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

/**
 * Spawns a benchmark child that says `{ type: 'ready', port, pid }` over IPC when it serves
 * (lib/child.mjs) and resolves with `{ child, port, pid, stop }` then; rejects if it is not ready
 * within 15 s or exits first. Once ready, an exit nobody asked for stops the whole benchmark: its
 * figures would be a dead server's. `stop()` asks it to stop over IPC and waits for its exit
 * (SIGKILL after 5 s). `stdout`: 'pipe' to read it (`child.stdout`), else it goes to stderr.
 *
 * @param {string} name for messages
 * @param {string} command
 * @param {readonly string[]} argv
 * @param {{ stdout?: 'pipe' | 'stderr' }} [options]
 */
export function startReadyChild(name, command, argv, { stdout = 'stderr' } = {}) {
  const child = spawn(command, argv, { stdio: ['ignore', stdout === 'pipe' ? 'pipe' : 2, 2, 'ipc'] });
  children.add(child);
  let stopping = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not ready within 15 s`)), 15_000);
    child.on('message', (m) => {
      if (m?.type !== 'ready') return;
      clearTimeout(timer);
      resolve({
        child,
        port: m.port,
        pid: m.pid,
        async stop() {
          stopping = true;
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          child.send({ type: 'stop' });
          const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(kill);
        },
      });
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`${name} exited (code ${code}, signal ${signal})`));
      if (!stopping) {
        console.error(`bench: ${name} exited unexpectedly; stopping`);
        killAll();
        process.exit(1);
      }
    });
  });
}
