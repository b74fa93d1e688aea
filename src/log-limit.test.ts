import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../test/support/recording-logger.js';
import { LOG_BURST, LOG_LINES_PER_SECOND, LogLimiter } from './log-limit.js';
import { definePlugin } from './plugin/define-plugin.js';
import { createProcessor } from './processor.js';
import { runExchange } from './testing/exchange.js';

describe('LogLimiter', () => {
  it('lets the burst through, then the rate, and hands the suppressed count to the next line written', () => {
    const reported: number[] = [];
    const limiter = new LogLimiter((n) => reported.push(n), 10, 3);
    const at0 = [0, 0, 0, 0, 0].map(() => limiter.take(1000));
    expect(at0).toEqual([0, 0, 0, -1, -1]);
    // 100 ms later one token is back: the line goes out carrying the two suppressed before it.
    expect(limiter.take(1100)).toBe(2);
    expect(limiter.take(1100)).toBe(-1);
    expect(limiter.take(1200)).toBe(1);
    expect(reported).toEqual([]);
  });

  it('reports lines suppressed with no written line after them in one summary, a second later', async () => {
    const reported: number[] = [];
    const limiter = new LogLimiter((n) => reported.push(n), 1, 1);
    limiter.take(0);
    for (let i = 0; i < 5; i++) expect(limiter.take(0)).toBe(-1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(reported).toEqual([5]);
  });
});

describe('plugin failure lines', () => {
  it('a plugin failing on every stream writes a bounded number of lines, each with stream, request id, plugin, phase and outcome; the counts add up', async () => {
    const { log, lines } = recordingLogger();
    const processor = await createProcessor({
      plugins: [
        {
          plugin: definePlugin({
            name: 'broken',
            setup: () => ({
              requestHeaders: () => {
                throw new Error('it broke: token=hunter2');
              },
            }),
          }),
        },
      ],
      failure: 'open',
      log,
    });
    const exchanges = 500;
    const started = performance.now();
    for (let i = 0; i < exchanges; i++) {
      const r = await runExchange(processor, {
        request: { path: '/', headers: { 'x-request-id': `rid-${i}` } },
      });
      // The error's message stays in the log: the client sees the upstream's answer (fail-open).
      expect(JSON.stringify(r.downstream)).not.toContain('hunter2');
    }
    const seconds = (performance.now() - started) / 1000;
    const failures = lines.filter((l) => l.msg === 'plugin handler failed');
    // The burst, then the rate over however long the run took on this machine.
    expect(failures.length).toBeGreaterThanOrEqual(LOG_BURST);
    expect(failures.length).toBeLessThanOrEqual(LOG_BURST + Math.ceil(seconds * LOG_LINES_PER_SECOND));
    expect(failures.length).toBeLessThan(exchanges);
    const first = failures[0]?.fields;
    expect(first).toMatchObject({
      plugin: 'broken',
      phase: 'requestHeaders',
      outcome: 'pass-through',
      requestId: 'rid-0',
      kind: 'PLUGIN_THREW',
    });
    expect(typeof first?.stream).toBe('number');
    expect((first?.err as Error | undefined)?.message).toContain('it broke');
    await new Promise((r) => setTimeout(r, 1_100));
    const summaries = lines.filter((l) => l.msg.includes('were not logged (rate limit)'));
    const suppressed = [...failures, ...summaries].reduce((n, l) => n + Number(l.fields.suppressed ?? 0), 0);
    expect(failures.length + suppressed).toBe(exchanges);
  });
});
