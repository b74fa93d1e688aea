/**
 * The benchmark's child processes (lib/children.mjs): the ready message, job calls, stop, and an
 * exit nobody asked for. Each case runs in a driver process of its own, since children.mjs
 * installs exit and signal handlers, and an unasked exit ends the driver.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const lib = (file: string) => pathToFileURL(path.join(import.meta.dirname, file)).href;
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-children-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A child as lib/loadgen.mjs is one: says ready, answers jobs by id, stops when asked.
// `exit` makes it exit by itself; `slow` never answers.
const CHILD = path.join(dir, 'child.mjs');
writeFileSync(
  CHILD,
  `import { childLifecycle, ready } from ${JSON.stringify(lib('child.mjs'))};
childLifecycle('fixture', async () => { process.stderr.write('fixture stopping\\n'); });
process.on('message', (m) => {
  if (m?.type === 'double') process.send({ id: m.id, ok: true, result: m.value * 2 });
  else if (m?.type === 'fail') process.send({ id: m.id, ok: false, error: 'no such thing' });
  else if (m?.type === 'exit') setTimeout(() => process.exit(7), 20);
});
ready(4321);
`,
);

/** Runs `body` (a module body with `startIpcChild`, `startReadyChild`, `pinnedTo` and `CHILD` in scope) in a driver process. */
function drive(body: string) {
  const driver = path.join(dir, `driver-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(
    driver,
    `import { pinnedTo, startIpcChild, startReadyChild } from ${JSON.stringify(lib('children.mjs'))};
const CHILD = ${JSON.stringify(CHILD)};
${body}
`,
  );
  const run = spawnSync(process.execPath, [driver], { encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('bench children', () => {
  it('startIpcChild: ready with the child message, job results and errors, a timeout, then a stop', () => {
    const run = drive(`
const c = startIpcChild('fixture', process.execPath, [CHILD]);
const ready = await c.ready;
const doubled = await c.call({ type: 'double', value: 21 });
const failed = await c.call({ type: 'fail' }).then(() => 'resolved', (e) => e.message);
const late = await c.call({ type: 'nothing' }, 100).then(() => 'resolved', (e) => e.message);
await c.stop();
console.log(JSON.stringify({ ready, doubled, failed, late, exit: c.child.exitCode }));
`);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.ready).toMatchObject({ type: 'ready', port: 4321 });
    expect(out.ready.pid).toBeGreaterThan(0);
    expect(out.doubled).toBe(42);
    expect(out.failed).toBe('fixture: no such thing');
    expect(out.late).toBe('fixture: no answer to nothing within 100 ms');
    // stop() went over IPC: the child ran its onStop and exited cleanly.
    expect(out.exit).toBe(0);
    expect(run.stderr).toContain('fixture stopping');
  });

  it('startReadyChild resolves with the port and pid the child sent', () => {
    const run = drive(`
const s = await startReadyChild('fixture', process.execPath, [CHILD]);
console.log(JSON.stringify({ port: s.port, pid: s.pid, childPid: s.child.pid }));
await s.stop();
`);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.port).toBe(4321);
    expect(out.pid).toBe(out.childPid);
  });

  it('an exit nobody asked for stops the benchmark at once, with status 1 and the child named', () => {
    const run = drive(`
const c = startIpcChild('fixture', process.execPath, [CHILD]);
await c.ready;
const pending = c.call({ type: 'nothing' });
c.call({ type: 'exit' });
await pending.catch(() => {});
console.log('still running');
`);
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('still running');
    expect(run.stderr).toContain('bench: fixture exited unexpectedly (code 7, signal null); stopping');
  });

  it('a child that exits before it is ready stops the benchmark too', () => {
    const run = drive(`
const c = startIpcChild('early', process.execPath, ['-e', 'process.exit(3)']);
await c.ready.catch(() => {});
console.log('still running');
`);
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('still running');
    expect(run.stderr).toContain('bench: early exited unexpectedly (code 3, signal null); stopping');
  });

  it('pinnedTo runs the command under taskset only when given a core', () => {
    const run = drive(`
console.log(JSON.stringify([pinnedTo(undefined, 'node', ['a']), pinnedTo(1, 'node', ['a']), pinnedTo('0,1', 'node', [])]));
`);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      ['node', ['a']],
      ['taskset', ['-c', '1', 'node', 'a']],
      ['taskset', ['-c', '0,1', 'node']],
    ]);
  });
});
