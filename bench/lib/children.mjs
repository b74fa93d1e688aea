// The benchmark's child processes (servers, load generators, proxies), killed however the
// benchmark ends: a normal exit, an exception, or Ctrl-C / SIGTERM / SIGHUP. A server left
// behind would hold its port and a core and skew the next run.

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
