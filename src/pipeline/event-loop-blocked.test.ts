/** A handler that holds the event loop past its budget (runner.ts): reported, not silent. */
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { createProcessor } from '../processor.js';
import { runExchange } from '../testing/exchange.js';

describe('a handler that blocks the event loop', () => {
  it('past its budget is reported with plugin, phase and how long it held the loop; its result stands', async () => {
    const { log, lines } = recordingLogger();
    const processor = await createProcessor({
      plugins: [
        {
          plugin: definePlugin({
            name: 'busy',
            setup: () => ({
              requestHeaders: (ctx) => {
                const until = performance.now() + 60;
                while (performance.now() < until) {
                  // Synchronous work: nothing else runs meanwhile, timers included.
                }
                ctx.mutate.set('x-busy', 'done');
              },
            }),
          }),
          timeoutMs: 20,
        },
      ],
      log,
    });
    const r = await runExchange(processor, { request: { path: '/' } });
    expect(r.upstream?.headers.get('x-busy')).toBe('done');
    const reports = lines.filter((l) => l.msg.startsWith('plugin handler blocked the event loop'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      level: 'warn',
      fields: { plugin: 'busy', phase: 'requestHeaders', budgetMs: 20 },
    });
    expect(Number(reports[0]?.fields.heldMs)).toBeGreaterThanOrEqual(60);
  });

  it('within its budget is not reported', async () => {
    const { log, lines } = recordingLogger();
    const processor = await createProcessor({
      plugins: [
        { plugin: definePlugin({ name: 'quick', setup: () => ({ requestHeaders: () => undefined }) }) },
      ],
      log,
    });
    await runExchange(processor, { request: { path: '/' } });
    expect(lines.filter((l) => l.msg.startsWith('plugin handler blocked'))).toEqual([]);
  });
});
