/** Processor.reload: new streams get the new pipeline, open ones finish on the old one. */
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../test/support/recording-logger.js';
import { definePlugin } from './plugin/define-plugin.js';
import { createProcessor } from './processor.js';
import { runExchange } from './testing/exchange.js';

function tagger(tag: string, events: string[], gate?: Promise<void>) {
  return definePlugin({
    name: `tag-${tag}`,
    setup: () => ({
      async requestHeaders(ctx) {
        if (gate !== undefined) await gate;
        ctx.mutate.set('x-pipeline', tag);
      },
      close: () => void events.push(`close ${tag}`),
    }),
  });
}

describe('Processor.reload', () => {
  it('swaps the pipeline for new streams; open streams finish on the old one, closed after them', async () => {
    const events: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const processor = await createProcessor({
      plugins: [{ plugin: tagger('one', events, gate) }],
      timeoutMs: 5000,
    });
    const inFlight = runExchange(processor, { envoy: { messageTimeoutMs: 10_000 } });
    await new Promise((r) => setTimeout(r, 10));
    expect(processor.activeStreams).toBe(1);

    await processor.reload({ plugins: [{ plugin: tagger('two', events) }] });
    const fresh = await runExchange(processor, {});
    expect(fresh.upstream?.headers.get('x-pipeline')).toBe('two');
    expect(events).toEqual([]); // "one" still serves the open stream

    open();
    const old = await inFlight;
    expect(old.upstream?.headers.get('x-pipeline')).toBe('one');
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual(['close one']);

    await processor.close();
    expect(events).toEqual(['close one', 'close two']);
  });

  it('a pipeline that cannot be prepared is rejected with its error; the old one keeps serving', async () => {
    const events: string[] = [];
    const processor = await createProcessor({ plugins: [{ plugin: tagger('one', events) }] });
    const broken = definePlugin({
      name: 'broken',
      setup() {
        throw new Error('missing secret');
      },
    });
    await expect(
      processor.reload({ plugins: [{ plugin: broken }], where: 'new.yaml: plugins' }),
    ).rejects.toThrow('new.yaml: plugins[0] (broken): setup failed: missing secret');
    const r = await runExchange(processor, {});
    expect(r.upstream?.headers.get('x-pipeline')).toBe('one');
    expect(events).toEqual([]);
  });

  it('closes a replaced pipeline at once when no stream is open on it', async () => {
    const events: string[] = [];
    const processor = await createProcessor({ plugins: [{ plugin: tagger('one', events) }] });
    await runExchange(processor, {});
    await new Promise((r) => setTimeout(r, 5));
    await processor.reload({ plugins: [{ plugin: tagger('two', events) }] });
    expect(events).toEqual(['close one']);
  });

  it('warns when a reload changes the mode overrides attache may send (Envoy keeps its old list)', async () => {
    const { log, lines } = recordingLogger();
    const plain = definePlugin({ name: 'plain', setup: () => ({ requestHeaders: () => undefined }) });
    const buffering = definePlugin({
      name: 'buffering',
      setup: () => ({ modeOverrides: [{ requestBody: 'buffered' }], requestHeaders: () => undefined }),
    });
    const processor = await createProcessor({ plugins: [{ plugin: plain }], log });
    const warnings = () => lines.filter((l) => l.level === 'warn').map((l) => l.msg);
    await processor.reload({ plugins: [{ plugin: plain, name: 'renamed' }] });
    expect(warnings()).toEqual([]);
    await processor.reload({ plugins: [{ plugin: buffering }] });
    expect(warnings()).toEqual([
      "the mode overrides attache may send changed with this reload: check the Envoy filter's allowed_override_modes (attache envoy overrides)",
    ]);
    await processor.close();
  });
});
