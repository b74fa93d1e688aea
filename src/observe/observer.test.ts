/**
 * The observer seam: what a processor reports, in order, for each way a handler and a stream
 * can end. Metrics and tracing are built on these events, so they are pinned here.
 */
import { describe, expect, it, vi } from 'vitest';
import { AttacheError, ErrorCode } from '../errors.js';
import type { ProcessingRequest } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import type { Step } from '../pipeline/pipeline.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { respond } from '../plugin/respond.js';
import type { Handlers, Phase } from '../plugin/types.js';
import { addObserver, createProcessor } from '../processor.js';
import { runExchange } from '../testing/exchange.js';
import { failureKind, fanOut, type Observer, type StreamObserver } from './observer.js';

/** Records every event as a short string. */
function recorder(events: string[], tag = ''): Observer {
  return {
    open(metadata) {
      events.push(`${tag}open${metadata.size >= 0 ? '' : '?'}`);
      const stream: StreamObserver = {
        received: (r: ProcessingRequest) => events.push(`${tag}received ${r.request?.$case}`),
        callHandler: (phase: Phase, step: Step, fn, ctx) => {
          events.push(`${tag}call ${step.name} ${phase}`);
          return fn(ctx);
        },
        handlerEnded: (phase, step, outcome, error) =>
          events.push(`${tag}ended ${step.name} ${phase} ${outcome}${error === null ? '' : ' (error)'}`),
        responded: (phase, step, status) => events.push(`${tag}responded ${step.name} ${phase} ${status}`),
        failed: (phase, step, kind, outcome) =>
          events.push(`${tag}failed ${step.name} ${phase} ${kind} ${outcome}`),
        modeOverrideSent: (phase) => events.push(`${tag}override ${phase}`),
        sent: (reply) => events.push(`${tag}sent ${reply.response?.$case ?? 'other'}`),
        closed: (end) => events.push(`${tag}closed ${end}`),
      };
      return stream;
    },
  };
}

async function observed(handlers: Handlers, failure: 'open' | 'closed' = 'closed', timeoutMs = 50) {
  const events: string[] = [];
  const p = await createProcessor({
    plugins: [{ plugin: definePlugin({ name: 'p', setup: () => handlers }), failure }],
    timeoutMs,
  });
  addObserver(p, recorder(events));
  return { p, events };
}

describe('observer seam', () => {
  it('reports a headers exchange a handler continued, in order', async () => {
    const { p, events } = await observed({
      requestHeaders: () => undefined,
      responseHeaders: async () => {},
    });
    const r = await runExchange(p, { request: { path: '/' } });
    expect(r.violations).toEqual([]);
    // Envoy's stream end reaches the server after the exchange's last reply.
    await vi.waitFor(() => expect(events).toContain('closed completed'));
    expect(events).toEqual([
      'open',
      'received requestHeaders',
      'call p requestHeaders',
      'ended p requestHeaders continue',
      'sent requestHeaders',
      'received responseHeaders',
      'call p responseHeaders',
      'ended p responseHeaders continue',
      'sent responseHeaders',
      'closed completed',
    ]);
  });

  it('reports an immediate response with its status', async () => {
    const { p, events } = await observed({ requestHeaders: () => respond(403) });
    await runExchange(p, { request: { path: '/' } });
    expect(events).toContain('ended p requestHeaders respond');
    expect(events).toContain('responded p requestHeaders 403');
    expect(events).toContain('sent immediateResponse');
  });

  it('reports a throw under fail-closed and a rejection under fail-open', async () => {
    const closed = await observed({
      requestHeaders: () => {
        throw new Error('boom');
      },
    });
    await runExchange(closed.p, { request: { path: '/' } });
    expect(closed.events).toContain('ended p requestHeaders throw (error)');
    expect(closed.events).toContain('failed p requestHeaders throw closed');

    const open = await observed({ requestHeaders: () => Promise.reject(new Error('boom')) }, 'open');
    await runExchange(open.p, { request: { path: '/' } });
    expect(open.events).toContain('ended p requestHeaders throw (error)');
    expect(open.events).toContain('failed p requestHeaders throw open');
  });

  it('reports a handler that runs out of time, and one that returns a wrong value', async () => {
    const slow = await observed({ requestHeaders: () => new Promise(() => {}) }, 'open', 20);
    await runExchange(slow.p, { request: { path: '/' } });
    expect(slow.events).toContain('ended p requestHeaders timeout (error)');
    expect(slow.events).toContain('failed p requestHeaders timeout open');

    const wrong = await observed({ requestHeaders: () => 42 as unknown as undefined });
    await runExchange(wrong.p, { request: { path: '/' } });
    expect(wrong.events).toContain('ended p requestHeaders invalid_result (error)');
    expect(wrong.events).toContain('failed p requestHeaders invalid_result closed');
  });

  it('reports a change Envoy would refuse as a refused mutation', async () => {
    const { p, events } = await observed({
      requestHeaders: (ctx) => {
        ctx.mutate.set(':scheme', 'ftp');
      },
    });
    await runExchange(p, { request: { path: '/' } });
    expect(events.filter((e) => e.startsWith('failed'))).toEqual([
      'failed p requestHeaders refused_mutation closed',
    ]);
  });

  it('reports a body over the limit as body_limit, closed whatever the policy', async () => {
    const events: string[] = [];
    const p = await createProcessor({
      plugins: [
        {
          plugin: definePlugin({ name: 'p', setup: () => ({ requestBody: () => undefined }) }),
          failure: 'open',
        },
      ],
      maxBodyBytes: 5,
      processingMode: { requestBodyMode: 'STREAMED', requestTrailerMode: 'SEND' },
    });
    addObserver(p, recorder(events));
    const r = await runExchange(p, {
      envoy: { processingMode: { requestBodyMode: 'STREAMED', requestTrailerMode: 'SEND' } },
      request: { method: 'POST', body: ['ab', 'cd', 'ef'], pacing: 'on-idle' },
    });
    expect(r.downstream.status).toBe(413);
    expect(events).toContain('failed p requestBody body_limit closed');
  });

  it('reports a mode override sent with a headers reply', async () => {
    const events: string[] = [];
    const p = await createProcessor({
      plugins: [
        {
          plugin: definePlugin({
            name: 'p',
            setup: () => ({
              modeOverrides: [{ requestBody: 'buffered' }],
              requestHeaders: (ctx) => {
                ctx.overrideMode({ requestBody: 'buffered' });
              },
              requestBody: () => undefined,
            }),
          }),
        },
      ],
      allowModeOverride: true,
    });
    addObserver(p, recorder(events));
    const r = await runExchange(p, {
      envoy: { allowModeOverride: true },
      request: { path: '/', method: 'POST', body: ['x'] },
    });
    expect(r.violations).toEqual([]);
    expect(events).toContain('override requestHeaders');
  });

  it('reports a cancelled stream, and a handler cut off by it never ends', async () => {
    const events: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const p = await createProcessor({
      plugins: [
        {
          plugin: definePlugin({
            name: 'p',
            setup: () => ({
              requestHeaders: () => {
                started();
                return new Promise(() => {});
              },
            }),
          }),
        },
      ],
      timeoutMs: 10_000,
    });
    addObserver(p, recorder(events));
    const sink = { send: () => true, end: () => {}, fail: () => {}, whenWritable: () => Promise.resolve() };
    const stream = p.connect(sink as never, new Map());
    stream.message({ request: { $case: 'requestHeaders', value: { headers: { headers: [] } } } } as never);
    await running;
    stream.cancel();
    expect(events).toEqual(['open', 'received requestHeaders', 'call p requestHeaders', 'closed cancelled']);
  });

  it('fans out to several observers, the first outermost', async () => {
    const events: string[] = [];
    const p = await createProcessor({
      plugins: [{ plugin: definePlugin({ name: 'p', setup: () => ({ requestHeaders: () => undefined }) }) }],
    });
    addObserver(p, recorder(events, 'a:'));
    addObserver(p, recorder(events, 'b:'));
    await runExchange(p, { request: { path: '/' } });
    expect(events.slice(0, 6)).toEqual([
      'a:open',
      'b:open',
      'a:received requestHeaders',
      'b:received requestHeaders',
      'a:call p requestHeaders',
      'b:call p requestHeaders',
    ]);
    expect(fanOut([])).toBeNull();
  });

  it('tells each handler end how long the handler ran, from the runner’s own clock reads', async () => {
    const took: Array<[string, number]> = [];
    const timing: Observer = {
      open: () => ({
        received: () => {},
        callHandler: (_phase, _step, fn, ctx) => fn(ctx),
        handlerEnded: (phase, step, outcome, _error, ms) =>
          void took.push([`${step.name} ${phase} ${outcome}`, ms]),
        responded: () => {},
        failed: () => {},
        modeOverrideSent: () => {},
        sent: () => {},
        closed: () => {},
      }),
    };
    const p = await createProcessor({
      plugins: [
        {
          plugin: definePlugin({
            name: 'p',
            setup: () => ({
              requestHeaders: () => undefined,
              // Settles after a 30 ms timer: its duration covers the wait, not only the call.
              responseHeaders: () =>
                new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 30)),
            }),
          }),
        },
        {
          plugin: definePlugin({
            name: 'q',
            setup: () => ({
              responseHeaders: () => new Promise(() => {}),
            }),
          }),
          timeoutMs: 20,
          failure: 'open',
        },
      ],
    });
    addObserver(p, timing);
    // Envoy's timer generous, so a loaded machine cannot end the exchange before the response.
    await runExchange(p, { envoy: { messageTimeoutMs: 10_000 }, request: { path: '/' } });
    expect(took.map(([what]) => what)).toEqual([
      'p requestHeaders continue',
      'p responseHeaders continue',
      'q responseHeaders timeout',
    ]);
    for (const [, ms] of took) expect(Number.isFinite(ms) && ms >= 0).toBe(true);
    // Lower bounds only: a timer never fires early by more than a millisecond.
    expect(took[1]?.[1]).toBeGreaterThanOrEqual(29);
    expect(took[2]?.[1]).toBeGreaterThanOrEqual(19);
  });

  it('closes observers when the processor closes, after its plugins', async () => {
    const events: string[] = [];
    const p = await createProcessor({
      plugins: [
        {
          plugin: definePlugin({
            name: 'p',
            setup: () => ({
              requestHeaders: () => undefined,
              close: () => void events.push('plugin closed'),
            }),
          }),
        },
      ],
    });
    for (const tag of ['a', 'b']) {
      addObserver(p, { open: () => null, close: async () => void events.push(`${tag} closed`) });
    }
    addObserver(p, { open: () => null });
    await p.close();
    expect(events).toEqual(['plugin closed', 'a closed', 'b closed']);
  });

  it('maps errors to failure kinds', () => {
    expect(failureKind(new Error('x'))).toBe('throw');
    expect(failureKind(new AttacheError(ErrorCode.HANDLER_TIMEOUT, 'x'))).toBe('timeout');
    expect(failureKind(new AttacheError(ErrorCode.MUTATION_REFUSED, 'x'))).toBe('refused_mutation');
    expect(failureKind(new AttacheError(ErrorCode.BODY_TOO_LARGE, 'x'))).toBe('body_limit');
    expect(failureKind(new AttacheError(ErrorCode.BODY_INVALID_JSON, 'x'))).toBe('throw');
  });
});
