/**
 * Allocation-site pretenuring off where attache serves: the flag it sets, the node flag that
 * keeps V8's default, and `attache serve` saying which way it went, in its own process and in
 * each worker of `--processes 2`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { type ServeProcess, startServe } from '../../test/support/serve-process.js';
import { turnOffPretenuring } from './pretenuring.js';

describe('turnOffPretenuring', () => {
  afterEach(() => vi.restoreAllMocks());

  it('sets --no-allocation-site-pretenuring', () => {
    // Not in the test runner's own process: only the call is checked.
    const set = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => {});
    expect(turnOffPretenuring([])).toBe(true);
    expect(set).toHaveBeenCalledWith('--no-allocation-site-pretenuring');
  });

  it('keeps V8 default when node was started with --allocation-site-pretenuring (either spelling)', () => {
    const set = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => {});
    expect(turnOffPretenuring(['--allocation-site-pretenuring'])).toBe(false);
    expect(turnOffPretenuring(['--inspect', '--allocation_site_pretenuring'])).toBe(false);
    expect(set).not.toHaveBeenCalled();
  });
});

describe('attache serve', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attache-pretenuring-'));
  const config = path.join(dir, 'attache.yaml');
  writeFileSync(
    config,
    'grpc:\n  address: 127.0.0.1:0\nlog:\n  level: debug\nadmin:\n  address: "off"\n' +
      'plugins:\n  - use: headers\n    options: { request: { set: { x-a: "1" } } }\n',
  );
  const started: ServeProcess[] = [];
  afterEach(async () => {
    for (const p of started.splice(0)) {
      p.child.kill('SIGKILL');
      await p.exit;
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pretenuringLines = (p: ServeProcess) => p.lines.filter((l) => 'allocationSitePretenuring' in l);

  it('turns pretenuring off in the process that serves', async () => {
    const p = startServe(['--processes', '1', '--config', config]);
    started.push(p);
    await p.waitFor((l) => l.msg === 'attache listening', 'the listener', 20_000);
    expect(pretenuringLines(p).map((l) => l.allocationSitePretenuring)).toEqual(['off']);
  });

  it('keeps it on when node was started with --allocation-site-pretenuring', async () => {
    const p = startServe(['--processes', '1', '--config', config], {
      nodeArgs: ['--allocation-site-pretenuring'],
    });
    started.push(p);
    await p.waitFor((l) => l.msg === 'attache listening', 'the listener', 20_000);
    const [line] = pretenuringLines(p);
    expect(line?.allocationSitePretenuring).toBe('on');
    expect(String(line?.msg)).toContain('--allocation-site-pretenuring');
  });

  it('turns it off in each worker of --processes 2, not in the supervisor', async () => {
    const p = startServe(['--processes', '2', '--config', config]);
    started.push(p);
    for (const worker of [0, 1]) {
      await p.waitFor(
        (l) => l.worker === worker && l.allocationSitePretenuring === 'off',
        `worker ${worker}'s pretenuring line`,
        20_000,
      );
    }
    // The supervisor serves no stream and keeps V8's default: only the workers say it.
    expect(pretenuringLines(p).map((l) => l.worker)).toEqual(expect.arrayContaining([0, 1]));
    expect(pretenuringLines(p).every((l) => l.worker !== undefined)).toBe(true);
  });
});
