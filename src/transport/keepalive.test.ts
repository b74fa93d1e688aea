import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../log.js';
import { Keepalive, type KeepalivePeer } from './keepalive.js';

const SETTINGS = { timeMs: 1000, timeoutMs: 200 };

/** A connection whose activity, PING answers and closing the test drives. */
class FakePeer implements KeepalivePeer {
  closed = false;
  reads = 0;
  pings = 0;
  destroyed = 0;
  /** What {@link ping} answers: `false` plays a peer that owes too many acknowledgements. */
  accepts = true;

  activity(): number {
    return this.reads;
  }
  ping(): boolean {
    this.pings++;
    return this.accepts;
  }
  destroy(): void {
    this.destroyed++;
    this.closed = true;
  }
}

function logger(): Logger & { warnings: unknown[][] } {
  const warnings: unknown[][] = [];
  const log = {
    warnings,
    error() {},
    warn: (...args: unknown[]) => void warnings.push(args),
    info() {},
    debug() {},
    child: () => log,
  };
  return log;
}

function started(peer: FakePeer, log = logger()): { keepalive: Keepalive; log: ReturnType<typeof logger> } {
  const keepalive = new Keepalive(peer, SETTINGS, log);
  keepalive.start();
  return { keepalive, log };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Keepalive', () => {
  it('PINGs an idle connection after timeMs and keeps it while the PINGs are acknowledged', () => {
    const peer = new FakePeer();
    const { keepalive, log } = started(peer);
    vi.advanceTimersByTime(SETTINGS.timeMs - 1);
    expect(peer.pings).toBe(0);
    vi.advanceTimersByTime(1);
    expect(peer.pings).toBe(1);
    for (let round = 2; round <= 4; round++) {
      vi.advanceTimersByTime(SETTINGS.timeoutMs - 1);
      peer.reads++; // the acknowledgement's own read is not traffic
      keepalive.acknowledged();
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(SETTINGS.timeMs);
      expect(peer.pings).toBe(round);
    }
    expect(peer.destroyed).toBe(0);
    expect(log.warnings).toEqual([]);
  });

  it('sends no PING while the connection shows activity, and PINGs within 2 x timeMs of the last', () => {
    const peer = new FakePeer();
    started(peer);
    for (let i = 0; i < 5; i++) {
      peer.reads++;
      vi.advanceTimersByTime(SETTINGS.timeMs);
    }
    expect(peer.pings).toBe(0);
    peer.reads++;
    vi.advanceTimersByTime(SETTINGS.timeMs); // the activity is seen here, a tick later than it came
    expect(peer.pings).toBe(0);
    vi.advanceTimersByTime(SETTINGS.timeMs);
    expect(peer.pings).toBe(1);
  });

  it('closes a connection whose PING is not acknowledged within timeoutMs, and says why', () => {
    const peer = new FakePeer();
    const { log } = started(peer);
    vi.advanceTimersByTime(SETTINGS.timeMs);
    expect(peer.pings).toBe(1);
    peer.reads++; // traffic during the wait does not stand in for the acknowledgement
    vi.advanceTimersByTime(SETTINGS.timeoutMs - 1);
    expect(peer.destroyed).toBe(0);
    vi.advanceTimersByTime(1);
    expect(peer.destroyed).toBe(1);
    expect(log.warnings).toEqual([
      [
        { timeoutMs: SETTINGS.timeoutMs },
        'keepalive PING not acknowledged in time; closing the connection and cancelling its streams',
      ],
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('closes the connection at once when the PING cannot go out for lack of acknowledgements', () => {
    const peer = new FakePeer();
    peer.accepts = false;
    const { log } = started(peer);
    vi.advanceTimersByTime(SETTINGS.timeMs);
    expect(peer.pings).toBe(1);
    expect(peer.destroyed).toBe(1);
    expect(log.warnings).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no timer behind when the connection closes first, idle or waiting for an acknowledgement', () => {
    const idle = new FakePeer();
    const first = started(idle);
    expect(vi.getTimerCount()).toBe(1);
    idle.closed = true;
    first.keepalive.stop();
    expect(vi.getTimerCount()).toBe(0);

    const waiting = new FakePeer();
    const second = started(waiting);
    vi.advanceTimersByTime(SETTINGS.timeMs);
    expect(waiting.pings).toBe(1);
    waiting.closed = true;
    second.keepalive.stop();
    expect(vi.getTimerCount()).toBe(0);
    second.keepalive.acknowledged(); // an acknowledgement racing the close arms nothing
    expect(vi.getTimerCount()).toBe(0);
    expect(waiting.destroyed + idle.destroyed).toBe(0);
  });

  it('stops on its own when it finds the connection closed, and ignores acknowledgements it did not ask for', () => {
    const peer = new FakePeer();
    const { keepalive } = started(peer);
    keepalive.acknowledged();
    expect(vi.getTimerCount()).toBe(1); // still the one idle timer
    peer.closed = true;
    vi.advanceTimersByTime(SETTINGS.timeMs);
    expect(peer.pings).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never keeps the process alive', () => {
    vi.useRealTimers();
    const peer = new FakePeer();
    const keepalive = new Keepalive(peer, { timeMs: 60_000, timeoutMs: 60_000 }, logger());
    const spy = vi.spyOn(globalThis, 'setTimeout');
    keepalive.start();
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    spy.mockRestore();
    expect(timer.hasRef()).toBe(false);
    keepalive.stop();
  });
});
