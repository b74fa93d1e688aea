// Lifecycle shared by the benchmark's child processes (servers and load generator).
//
// A child talks to bench/streams.mjs over the IPC channel only. It exits when that channel
// closes (the orchestrator died, even by SIGKILL), when asked to stop, and in any case after a
// hard lifetime cap, so a crashed run never leaves a process behind.

/** No child outlives this, whatever happens to the orchestrator. */
const MAX_LIFETIME_MS = 20 * 60 * 1000;

/**
 * Wires the lifecycle. `onStop` runs on a `{ type: 'stop' }` message before a clean exit (a clean
 * exit is what lets `node --cpu-prof` write its profile). `lifetimeMs` replaces the cap for a
 * child that is meant to run longer (the soak's server).
 */
export function childLifecycle(name, onStop = async () => {}, lifetimeMs = MAX_LIFETIME_MS) {
  if (typeof process.send !== 'function') {
    console.error(`${name}: this is a child of bench/streams.mjs; run \`npm run bench\` instead`);
    process.exit(2);
  }
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => {
    console.error(`${name}: lifetime cap reached; exiting`);
    process.exit(3);
  }, lifetimeMs).unref();
  process.on('message', (message) => {
    if (message?.type !== 'stop') return;
    // A graceful close that hangs (an open session) must not keep the process: 1 s at most.
    const bounded = () =>
      Promise.race([
        Promise.resolve().then(onStop),
        new Promise((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
    Promise.resolve()
      .then(bounded)
      .catch((error) => console.error(`${name}: stop failed:`, error))
      .finally(() => process.exit(0));
  });
}

/**
 * Tells the orchestrator the server is listening. `pid` is the process whose CPU the orchestrator
 * measures: this one, or the server a wrapper runs (lib/server-go.mjs).
 */
export function ready(port, pid = process.pid) {
  process.send({ type: 'ready', port, pid });
}
