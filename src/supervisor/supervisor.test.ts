/**
 * `attache serve --processes N` as a real process tree (the built CLI, real signals): every
 * worker serves on its own endpoint, a dead worker comes back on the same one, a worker that
 * cannot start fails the start, signals drain every worker, a reload reaches every worker, and
 * no worker outlives its supervisor. Every test ends with no process of its tree left.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer as createNetServer, type Server } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeConfig } from '../../test/support/config-files.js';
import { HEALTH, healthCheck } from '../../test/support/health-check.js';
import { connect, frame, rawStream } from '../../test/support/raw-grpc.js';
import {
  alive,
  childPids,
  type LogLine,
  type ServeProcess,
  startServe,
} from '../../test/support/serve-process.js';
import { upstreamHeader } from '../../test/support/upstream-header.js';
import { ProcessingRequest } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { PROCESS_PATH } from '../protocol/service.js';
import { grpcChannel } from '../testing/channel-grpc.js';
import { NODE_HAS_RESET_RATE_OPTIONS, RESET_RATE_WARNING } from '../transport/http2.js';
import type { EndpointsFile } from './endpoints.js';

const SLOW = { timeout: 30_000, interval: 50 };

/** Every process a test started (supervisors and the workers they reported), checked at the end. */
const started: number[] = [];
const running: ServeProcess[] = [];

afterEach(async () => {
  for (const p of running.splice(0)) {
    if (alive(p.pid)) p.child.kill('SIGKILL');
    await p.exit;
  }
  // The workers of a supervisor killed above stop on the IPC disconnect; none may stay.
  await vi.waitFor(() => expect(started.filter(alive)).toEqual([]), SLOW);
  started.length = 0;
});

function config(opts: {
  address: string;
  value?: string;
  drainDelayMs?: number;
  graceMs?: number;
  processes?: number;
}): string {
  return (
    `grpc:\n  address: ${opts.address}\n  transport: http2\n` +
    (opts.processes === undefined ? '' : `  processes: ${opts.processes}\n`) +
    `timeouts:\n  drainDelayMs: ${opts.drainDelayMs ?? 0}\n  shutdownGraceMs: ${opts.graceMs ?? 5000}\n` +
    // Port 0: test files run in parallel, and the default 9464 would be taken by the first.
    'admin:\n  address: 127.0.0.1:0\n' +
    `plugins:\n  - use: headers\n    options: { request: { set: { x-a: ${opts.value ?? 'one'} } } }\n`
  );
}

function serve(args: string[]): ServeProcess {
  const p = startServe(args);
  running.push(p);
  started.push(p.pid);
  return p;
}

const listening = (worker: number) => (l: LogLine) => l.msg === 'attache listening' && l.worker === worker;

/** Waits until every worker listens; records their pids; returns their addresses by index. */
async function workersUp(p: ServeProcess, n: number): Promise<{ address: string; pid: number }[]> {
  const out = [];
  for (let i = 0; i < n; i++) {
    const line = await p.waitFor(listening(i), `worker ${i} listening`);
    started.push(line.pid as number);
    out.push({ address: line.address as string, pid: line.pid as number });
  }
  await p.waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith('attache serving on'), 'serving');
  return out;
}

/** The `x-a` header the upstream received through the server at `address`. */
function served(address: string): Promise<string | undefined> {
  return upstreamHeader(grpcChannel(address), 'x-a');
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

/** A free port whose next port is free too. */
async function twoFreePorts(): Promise<number> {
  for (;;) {
    const first = await listenOn(0);
    const { port } = first.address() as AddressInfo;
    try {
      const second = await listenOn(port + 1);
      await new Promise((r) => second.close(r));
      await new Promise((r) => first.close(r));
      return port;
    } catch {
      await new Promise((r) => first.close(r));
    }
  }
}

describe('attache serve --processes', () => {
  it('serves on ports base, base+1, lists them in the endpoints file, drains every worker on SIGTERM and exits 0', async () => {
    const base = await twoFreePorts();
    const file = await writeConfig(
      'attache.yaml',
      config({ address: `127.0.0.1:${base}`, drainDelayMs: 600_000 }),
    );
    const endpointsFile = path.join(path.dirname(file), 'endpoints.json');
    const p = serve(['--config', file, '--processes', '2', '--endpoints-file', endpointsFile]);
    const workers = await workersUp(p, 2);
    expect(workers.map((w) => w.address)).toEqual([`127.0.0.1:${base}`, `127.0.0.1:${base + 1}`]);
    expect(new Set(workers.map((w) => w.pid)).size).toBe(2);
    expect(childPids(p.pid).sort()).toEqual(workers.map((w) => w.pid).sort());
    const list = JSON.parse(await readFile(endpointsFile, 'utf8')) as EndpointsFile;
    expect(list).toEqual({
      version: 1,
      transport: 'http2',
      endpoints: [
        { worker: 0, address: `127.0.0.1:${base}` },
        { worker: 1, address: `127.0.0.1:${base + 1}` },
      ],
    });
    for (const { address } of workers) {
      expect(await healthCheck(address, '')).toEqual({ status: HEALTH.SERVING });
      expect(await served(address)).toBe('one');
    }
    // A Node that cannot raise HTTP/2's reset limit is named once, by the supervisor, not per worker.
    const resetWarnings = p.lines.filter((l) => l.msg === RESET_RATE_WARNING);
    expect(resetWarnings.map((l) => l.worker)).toEqual(NODE_HAS_RESET_RATE_OPTIONS ? [] : [undefined]);

    p.child.kill('SIGTERM');
    for (const { address } of workers) {
      await vi.waitFor(
        async () => expect(await healthCheck(address, '')).toEqual({ status: HEALTH.NOT_SERVING }),
        SLOW,
      );
      expect(await served(address)).toBe('one'); // still serving during the drain delay
    }
    // A second signal ends the drain delay of every worker.
    p.child.kill('SIGINT');
    expect(await p.exit).toBe(0);
    expect(p.lines.find((l) => l.msg === 'every worker drained cleanly')).toBeDefined();
    for (const { pid } of workers) expect(alive(pid)).toBe(false);
  });

  it('restarts a worker that dies on its endpoint, and still serves; then drains and exits 0', async () => {
    const file = await writeConfig('attache.yaml', config({ address: '127.0.0.1:0', drainDelayMs: 100 }));
    const p = serve(['--config', file, '--processes', '2']);
    const workers = await workersUp(p, 2);
    const dead = workers[1] as { address: string; pid: number };
    process.kill(dead.pid, 'SIGKILL');
    const why = await p.waitFor((l) => l.worker === 1 && l.signal === 'SIGKILL', 'the death logged');
    expect(why.msg).toMatch(/worker 1 ended \(signal SIGKILL\); restarting it in \d+ ms/);
    const back = await p.waitFor((l) => l.msg === 'worker restarted' && l.worker === 1, 'the restart');
    started.push(back.pid as number);
    expect(back.pid).not.toBe(dead.pid);
    expect(back.address).toBe(dead.address); // port 0 at start, then the same port for good
    expect(alive(dead.pid)).toBe(false);
    expect(await healthCheck(dead.address, '')).toEqual({ status: HEALTH.SERVING });
    expect(await served(dead.address)).toBe('one');
    expect(await served((workers[0] as { address: string }).address)).toBe('one');

    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
    expect(alive(back.pid as number)).toBe(false);
  });

  it('keeps restarting a worker that fails to come back, with a growing delay, until it can', async () => {
    const file = await writeConfig('attache.yaml', config({ address: '127.0.0.1:0' }));
    const p = serve(['--config', file, '--processes', '2']);
    const workers = await workersUp(p, 2);
    // The config breaks after the start: a restart now fails in the plugin's options.
    await writeFile(file, config({ address: '127.0.0.1:0' }).replace('{ x-a: one }', '5'));
    process.kill((workers[1] as { pid: number }).pid, 'SIGKILL');
    const failures = () =>
      p.lines.filter((l) => l.worker === 1 && String(l.msg).startsWith('worker 1 failed to restart'));
    await vi.waitFor(() => expect(failures().length).toBeGreaterThanOrEqual(2), SLOW);
    expect(failures()[0]?.msg).toContain('plugins[0] (headers).options.request.set');
    const delays = p.lines
      .filter((l) => l.worker === 1 && typeof l.restartInMs === 'number')
      .map((l) => l.restartInMs);
    expect(delays.slice(0, 3)).toEqual([100, 200, 400]); // the death, then each failed restart
    // The other worker serves meanwhile; the fixed config brings worker 1 back on its port.
    expect(await served((workers[0] as { address: string }).address)).toBe('one');
    await writeFile(file, config({ address: '127.0.0.1:0', value: 'again' }));
    const back = await p.waitFor((l) => l.msg === 'worker restarted' && l.worker === 1, 'the restart');
    started.push(back.pid as number);
    expect(back.address).toBe((workers[1] as { address: string }).address);
    expect(await served(back.address as string)).toBe('again');

    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });

  it('fails the whole start with the error of a worker that cannot start (port taken), leaving no process', async () => {
    const base = await twoFreePorts();
    const taken = await listenOn(base + 1);
    try {
      const file = await writeConfig('attache.yaml', config({ address: `127.0.0.1:${base}` }));
      const p = serve(['--config', file, '--processes', '2']);
      expect(await p.exit).toBe(1);
      expect(p.text()).toContain(`attache: cannot listen on 127.0.0.1:${base + 1}`);
      expect(p.text()).toContain('EADDRINUSE');
      expect(p.lines.some((l) => l.msg === 'worker restarted')).toBe(false);
      for (const line of p.lines) if (typeof line.pid === 'number') started.push(line.pid);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });

  it('fails the start with a plugin error found in the workers, as a single process would', async () => {
    const file = await writeConfig(
      'attache.yaml',
      'grpc:\n  address: 127.0.0.1:0\nplugins:\n  - use: headers\n    options: { request: { set: 5 } }\n',
    );
    const plain = (p: ServeProcess) => p.lines.filter((l) => l.text !== undefined).map((l) => l.text);
    const single = serve(['--config', file, '--processes', '1']);
    expect(await single.exit).toBe(1);
    const p = serve(['--config', file, '--processes', '2']);
    expect(await p.exit).toBe(1);
    expect(plain(p)).toEqual(plain(single));
    expect(plain(p).join('\n')).toMatch(
      /^attache: invalid plugin options:\n.*attache\.yaml: plugins\[0\] \(headers\)\.options\.request\.set: /,
    );
    expect(p.text()).not.toContain('    at '); // a config error, not a crash
  });

  it('takes grpc.processes from the config, and reloads every worker on SIGHUP and with --watch', async () => {
    const file = await writeConfig('attache.yaml', config({ address: '127.0.0.1:0', processes: 2 }));
    const p = serve(['--config', file, '--watch']);
    const workers = await workersUp(p, 2);
    await writeFile(file, config({ address: '127.0.0.1:0', processes: 2, value: 'two' }));
    p.child.kill('SIGHUP');
    await p.waitFor(
      (l) =>
        l.msg === 'config reloaded; new streams use it, open ones finish on the old pipeline' &&
        l.worker === undefined,
      'the reload',
    );
    for (const { address } of workers) expect(await served(address)).toBe('two');
    // Each worker reloaded itself (its own line) before the supervisor said so.
    expect(
      p.lines
        .filter((l) => typeof l.worker === 'number' && String(l.msg).startsWith('config reloaded'))
        .map((l) => l.worker)
        .sort(),
    ).toEqual([0, 1]);

    // --watch: an edit of the config reaches every worker too (the supervisor watches, once).
    await writeFile(file, config({ address: '127.0.0.1:0', processes: 2, value: 'three' }));
    for (const { address } of workers)
      await vi.waitFor(async () => expect(await served(address)).toBe('three'), SLOW);

    p.child.kill('SIGINT');
    expect(await p.exit).toBe(0);
  });

  it('exits 1 when a worker had to cut a stream at the end of its grace period', async () => {
    const file = await writeConfig('attache.yaml', config({ address: '127.0.0.1:0', graceMs: 300 }));
    const p = serve(['--config', file, '--processes', '2']);
    const workers = await workersUp(p, 2);
    // A Process stream still open at the stop: one message answered, never half-closed.
    const session = connect((workers[0] as { address: string }).address);
    const message = ProcessingRequest.encode({
      request: { $case: 'requestHeaders', value: { headers: { headers: [] }, endOfStream: false } },
    }).finish();
    const { stream } = rawStream(session, PROCESS_PATH, [frame(message)], { end: false });
    await new Promise((resolve) => stream.once('data', resolve));
    try {
      p.child.kill('SIGINT');
      expect(await p.exit).toBe(1);
      const warned = p.lines.find((l) => l.msg === 'worker 0 did not drain cleanly');
      expect(warned?.cutStreams).toBe(1);
    } finally {
      session.destroy();
    }
  });

  it('stops every worker when the supervisor dies (IPC disconnect)', async () => {
    const file = await writeConfig('attache.yaml', config({ address: '127.0.0.1:0', drainDelayMs: 600_000 }));
    const p = serve(['--config', file, '--processes', '2']);
    const workers = await workersUp(p, 2);
    p.child.kill('SIGKILL');
    await p.exit;
    await vi.waitFor(() => expect(workers.map((w) => alive(w.pid))).toEqual([false, false]), SLOW);
  });

  it('--processes 1 (over grpc.processes) serves in the command itself, without workers', async () => {
    const file = await writeConfig('attache.yaml', config({ address: '127.0.0.1:0', processes: 2 }));
    const endpointsFile = path.join(path.dirname(file), 'endpoints.json');
    const p = serve(['--config', file, '--processes', '1', '--endpoints-file', endpointsFile]);
    const line = await p.waitFor((l) => l.msg === 'attache listening', 'listening');
    expect(line.worker).toBeUndefined();
    expect(childPids(p.pid)).toEqual([]);
    // Written right after the listening line.
    await vi.waitFor(async () => {
      const list = JSON.parse(await readFile(endpointsFile, 'utf8')) as EndpointsFile;
      expect(list.endpoints).toEqual([{ worker: 0, address: line.address }]);
    }, SLOW);
    expect(await served(line.address as string)).toBe('one');
    p.child.kill('SIGINT');
    expect(await p.exit).toBe(0);
  });
});
