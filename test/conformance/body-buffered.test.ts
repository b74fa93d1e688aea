/**
 * §18.5–§18.13 conformance, BUFFERED and BUFFERED_PARTIAL bodies: attache's own server driven by
 * the Envoy-faithful test kit, with whole-body and chunk plugins that really transform the body,
 * in both directions. §19 errata override §18 where they disagree (§19.1 for §18.10, §19.3 for
 * §18.13, §19.5 for §18.7).
 */
import { type BodyContext, type ChunkContext, ErrorCode, type Handlers } from 'attache-extproc';
import { describe, expect, it } from 'vitest';
import { ProcessingMode_BodySendMode } from '../../src/gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import {
  bodyMessages,
  bodyPlugin,
  bodyReplies,
  carrying,
  chunkBody,
  codeOf,
  DIRECTIONS,
  type Dir,
  delivered,
  expectReplyDiscipline,
  flow,
  headersOf,
  KINDS,
  type Kind,
  loggedCodes,
  modeOf,
  PACINGS,
  processorOf,
  sentKinds,
  sleep,
  trailersOf,
  wholeBody,
} from './helpers.js';
import { runExchange } from './wire.js';

/** `[HELLO]`: upper-cases and brackets (the body grows by 2 bytes). */
const shout = (s: string): string => `[${s.toUpperCase()}]`;

/** The phases Envoy sends for a body in `dir` with default header modes and no trailers. */
function kindsFor(dir: Dir, body: boolean): string[] {
  const b = body ? [`${dir}Body`] : [];
  return dir === 'request'
    ? ['requestHeaders', ...b, 'responseHeaders']
    : ['requestHeaders', 'responseHeaders', ...b];
}

/**
 * A plugin of `kind` on `dir` that shouts the body and records what it saw as
 * `text|endOfStream|last|partial` (`last` is `-` for a whole-body handler). With `delayMs` the
 * handler awaits before answering; `extra` runs after the rewrite (e.g. to set a header).
 */
function shouter(
  kind: Kind,
  dir: Dir,
  seen: string[],
  opts: { delayMs?: number; extra?: (ctx: BodyContext | ChunkContext, text: string) => void } = {},
): Handlers {
  const whole = (ctx: BodyContext): void => {
    const text = ctx.body.text();
    seen.push(`${text}|${ctx.body.endOfStream}|-|${ctx.body.partial}`);
    ctx.mutate.replaceBody(shout(text));
    opts.extra?.(ctx, text);
  };
  const chunk = (ctx: ChunkContext): void => {
    const text = ctx.chunk.text();
    seen.push(`${text}|${ctx.chunk.endOfStream}|${ctx.chunk.last}|${ctx.chunk.partial}`);
    ctx.mutate.replaceChunk(shout(text));
    opts.extra?.(ctx, text);
  };
  const delayMs = opts.delayMs;
  return bodyPlugin(kind, dir, whole, chunk, delayMs);
}

describe('BUFFERED (§4.4)', () => {
  for (const dir of DIRECTIONS) {
    for (const pacing of PACINGS) {
      for (const kind of KINDS) {
        it(`§18.5 ${dir} body in three DATA frames (${pacing}), ${kind} plugin → exactly one body message (whole body, eos); the rewrite, a header set in the body phase and the fixed content-length arrive together`, async () => {
          const seen: string[] = [];
          const { processor } = await processorOf(
            shouter(kind, dir, seen, {
              extra: (ctx, text) => void ctx.mutate.set(`x-${dir}-seen`, String(text.length)),
            }),
          );
          const res = await runExchange(processor, {
            envoy: { processingMode: modeOf(dir, 'BUFFERED') },
            ...carrying(dir, {
              body: ['hello ', 'buffered ', 'world'],
              headers: { 'content-length': '20' },
              pacing,
            }),
          });
          expect(res.violations).toEqual([]);
          expectReplyDiscipline(res);
          expect(sentKinds(res)).toEqual(kindsFor(dir, true));
          expect(bodyMessages(res, dir)).toEqual([['hello buffered world', true]]);
          expect(seen).toEqual([
            kind === 'whole' ? 'hello buffered world|true|-|false' : 'hello buffered world|true|true|false',
          ]);
          expect(bodyReplies(res, dir)).toEqual([
            { mutation: 'body', body: '[HELLO BUFFERED WORLD]', eos: false, headerMutation: true, status: 0 },
          ]);
          const out = delivered(res, dir);
          // The header set in the body phase made it: Envoy held the headers until the body reply.
          expect(out?.headers.get(`x-${dir}-seen`)).toBe('20');
          expect(out?.headers.get('content-length')).toBe('22');
          expect(out?.chunks).toEqual(['[HELLO BUFFERED WORLD]']);
          expect(res.downstream.status).toBe(200);
        });
      }
    }
  }

  for (const dir of DIRECTIONS) {
    it(`§18.6 ${dir}: the whole body is in before an awaiting headers handler answers → one body message right after the headers reply; whole and chunk plugins (async) both rewrite it`, async () => {
      for (const kind of KINDS) {
        const seen: string[] = [];
        const headersPhase = dir === 'request' ? 'requestHeaders' : 'responseHeaders';
        const { processor } = await processorOf({
          ...headersOf(dir, async (ctx) => {
            await sleep(3);
            ctx.mutate.set('x-headers', 'late');
          }),
          // An awaiting body handler too: the reply still goes out in order.
          ...shouter(kind, dir, seen, { delayMs: 1 }),
        });
        const res = await runExchange(processor, {
          envoy: { processingMode: modeOf(dir, 'BUFFERED') },
          ...carrying(dir, { body: ['ab', 'cd', 'ef'], pacing: 'eager' }),
        });
        expect(res.violations, kind).toEqual([]);
        expectReplyDiscipline(res);
        const f = flow(res);
        const at = f.indexOf(`<${headersPhase}`);
        expect(f.slice(at, at + 3), kind).toEqual([`<${headersPhase}`, `>${dir}Body`, `<${dir}Body`]);
        expect(bodyMessages(res, dir), kind).toEqual([['abcdef', true]]);
        expect(delivered(res, dir)?.body, kind).toBe('[ABCDEF]');
        expect(delivered(res, dir)?.headers.get('x-headers'), kind).toBe('late');
      }
    });

    it(`§18.6 ${dir}: an empty body (one empty DATA frame with eos) is still one body message ""/eos that plugins can fill; content-length follows`, async () => {
      for (const kind of KINDS) {
        const seen: string[] = [];
        const { processor } = await processorOf(
          kind === 'whole'
            ? wholeBody(dir, (ctx) => {
                seen.push(`${ctx.body.length}|${ctx.body.endOfStream}`);
                ctx.mutate.replaceBody('{"default":true}');
              })
            : chunkBody(dir, (ctx) => {
                seen.push(`${ctx.chunk.length}|${ctx.chunk.last}`);
                ctx.mutate.replaceChunk('{"default":true}');
              }),
        );
        const res = await runExchange(processor, {
          envoy: { processingMode: modeOf(dir, 'BUFFERED') },
          ...carrying(dir, { body: '' }),
        });
        expect(res.violations, kind).toEqual([]);
        expect(bodyMessages(res, dir), kind).toEqual([['', true]]);
        expect(seen, kind).toEqual(['0|true']);
        const out = delivered(res, dir);
        expect(out?.body, kind).toBe('{"default":true}');
        expect(out?.headers.get('content-length'), kind).toBe('16');
      }
    });
  }

  for (const pacing of PACINGS) {
    it(`§18.7 request body exactly at the buffer limit is processed; one byte over → 413 without a body message, and the 413 passes through attache's responseHeaders (§19.5) (${pacing})`, async () => {
      for (const kind of KINDS) {
        const seen: string[] = [];
        const statuses: string[] = [];
        const { processor } = await processorOf({
          ...shouter(kind, 'request', seen),
          ...headersOf('response', (ctx) => {
            statuses.push(ctx.headers.get(':status') ?? '');
            ctx.mutate.set('x-seen-status', ctx.headers.get(':status') ?? '');
          }),
        });
        const envoy = { processingMode: modeOf('request', 'BUFFERED'), bufferLimitBytes: 8 };
        const at = await runExchange(processor, {
          envoy,
          request: { method: 'POST', body: ['abcd', 'efgh'], pacing },
        });
        expect(at.violations, kind).toEqual([]);
        expect(bodyMessages(at)).toEqual([['abcdefgh', true]]);
        expect(at.upstream?.body.toString()).toBe('[ABCDEFGH]');

        const over = await runExchange(processor, {
          envoy,
          request: { method: 'POST', body: ['abcd', 'efghi'], pacing },
        });
        expect(over.violations, kind).toEqual([]);
        expectReplyDiscipline(over);
        expect(sentKinds(over), kind).toEqual(['requestHeaders', 'responseHeaders']);
        expect(over.downstream).toMatchObject({
          status: 413,
          localReply: true,
          details: 'request_payload_too_large',
        });
        expect(over.downstream.headers.get('x-seen-status')).toBe('413');
        expect(over.upstream).toBeNull();
        expect(seen, kind).toEqual([`abcdefgh|true|${kind === 'whole' ? '-' : 'true'}|false`]);
        expect(statuses, kind).toEqual(['200', '413']);
      }
    });
  }

  it('§18.7 response body exactly at the buffer limit is processed; one byte over → 500 local reply, the response body handler never runs', async () => {
    for (const kind of KINDS) {
      const seen: string[] = [];
      const { processor } = await processorOf(shouter(kind, 'response', seen));
      const envoy = { processingMode: modeOf('response', 'BUFFERED'), bufferLimitBytes: 8 };
      const at = await runExchange(processor, { envoy, upstream: { body: ['abcd', 'efgh'] } });
      expect(at.violations, kind).toEqual([]);
      expect(at.downstream.body.toString()).toBe('[ABCDEFGH]');

      const over = await runExchange(processor, { envoy, upstream: { body: ['abcd', 'efgh', 'i'] } });
      expect(over.violations, kind).toEqual([]);
      expectReplyDiscipline(over);
      expect(sentKinds(over)).toEqual(['requestHeaders', 'responseHeaders']);
      expect(over.downstream).toMatchObject({
        status: 500,
        localReply: true,
        details: 'response_payload_too_large',
        reset: false,
      });
      expect(seen, kind).toHaveLength(1);
    }
  });

  for (const dir of DIRECTIONS) {
    it(`§18.8 ${dir} BUFFERED + trailer SEND with trailers → body message eos=false, its reply, then the trailers message; plugins see endOfStream=false (chunk: last), content-length fixed, trailers rewritten`, async () => {
      for (const kind of KINDS) {
        const seen: string[] = [];
        const trailers = dir === 'request' ? 'requestTrailers' : 'responseTrailers';
        const { processor } = await processorOf({
          ...shouter(kind, dir, seen),
          ...trailersOf(dir, (ctx) => void ctx.mutate.set('x-sum', `was-${ctx.trailers.get('x-sum')}`)),
        });
        const res = await runExchange(processor, {
          envoy: { processingMode: modeOf(dir, 'BUFFERED', { trailers: 'SEND' }) },
          ...carrying(dir, {
            body: ['ab', 'cd'],
            headers: { 'content-length': '4' },
            trailers: { 'x-sum': '42' },
          }),
        });
        expect(res.violations, kind).toEqual([]);
        expectReplyDiscipline(res);
        expect(bodyMessages(res, dir)).toEqual([['abcd', false]]);
        expect(seen, kind).toEqual([kind === 'whole' ? 'abcd|false|-|false' : 'abcd|false|true|false']);
        const f = flow(res);
        const at = f.indexOf(`>${dir}Body`);
        expect(f.slice(at, at + 4)).toEqual([`>${dir}Body`, `<${dir}Body`, `>${trailers}`, `<${trailers}`]);
        const out = delivered(res, dir);
        expect(out?.body).toBe('[ABCD]');
        expect(out?.headers.get('content-length')).toBe('6');
        expect(out?.trailers?.get('x-sum')).toBe('was-42');
      }
    });

    it(`§18.8 ${dir} BUFFERED with trailers but trailer mode DEFAULT → body message eos=false, no trailers message; the trailers pass unchanged after the rewritten body`, async () => {
      const seen: string[] = [];
      const { processor } = await processorOf(shouter('chunk', dir, seen));
      const res = await runExchange(processor, {
        envoy: { processingMode: modeOf(dir, 'BUFFERED') },
        ...carrying(dir, { body: ['ab', 'cd'], trailers: { 'x-sum': '42' }, pacing: 'on-idle' }),
      });
      expect(res.violations).toEqual([]);
      expect(sentKinds(res)).toEqual(kindsFor(dir, true));
      expect(bodyMessages(res, dir)).toEqual([['abcd', false]]);
      expect(delivered(res, dir)?.body).toBe('[ABCD]');
      expect(delivered(res, dir)?.trailers?.get('x-sum')).toBe('42');
    });

    it(`§18.9 ${dir} HEADERS then TRAILERS without DATA → no body message (body plugins never run), only the trailers message`, async () => {
      const calls: string[] = [];
      const { processor } = await processorOf({
        ...wholeBody(dir, () => void calls.push('body')),
        ...trailersOf(dir, (ctx) => {
          calls.push('trailers');
          ctx.mutate.set('x-t', 'rewritten');
        }),
      });
      const res = await runExchange(processor, {
        envoy: { processingMode: modeOf(dir, 'BUFFERED', { trailers: 'SEND' }) },
        ...carrying(dir, { trailers: { 'x-t': 'orig' } }),
      });
      expect(res.violations).toEqual([]);
      expectReplyDiscipline(res);
      expect(sentKinds(res)).toEqual(
        dir === 'request'
          ? ['requestHeaders', 'requestTrailers', 'responseHeaders']
          : ['requestHeaders', 'responseHeaders', 'responseTrailers'],
      );
      const headers = res.sent.find((m) => m.request?.$case === `${dir}Headers`)?.request;
      expect(headers?.value).toMatchObject({ endOfStream: false });
      expect(calls).toEqual(['trailers']);
      expect(delivered(res, dir)?.body).toBe('');
      expect(delivered(res, dir)?.trailers?.get('x-t')).toBe('rewritten');
    });

    it(`§18.10 / §19.1 ${dir} BUFFERED + header SKIP → the body message comes alone (first one carries protocol_config); content-length removed; the body phase cannot change headers (PHASE_UNSUPPORTED), so no header_mutation is sent for Envoy to drop`, async () => {
      for (const kind of KINDS) {
        const codes: string[] = [];
        const headersSeen: unknown[] = [];
        const { processor } = await processorOf(
          kind === 'whole'
            ? wholeBody(dir, (ctx) => {
                headersSeen.push(ctx.headers);
                codes.push(codeOf(() => ctx.mutate.set('x-from-body', '1')));
                ctx.mutate.replaceBody(shout(ctx.body.text()));
              })
            : chunkBody(dir, (ctx) => {
                headersSeen.push(ctx.headers);
                codes.push(codeOf(() => ctx.mutate.set('x-from-body', '1')));
                ctx.mutate.replaceChunk(shout(ctx.chunk.text()));
              }),
        );
        const res = await runExchange(processor, {
          envoy: { processingMode: modeOf(dir, 'BUFFERED', { headers: 'SKIP' }) },
          ...carrying(dir, { body: 'abcd' }),
        });
        expect(res.violations, kind).toEqual([]);
        expectReplyDiscipline(res);
        expect(sentKinds(res), kind).toEqual(
          dir === 'request' ? ['requestBody', 'responseHeaders'] : ['requestHeaders', 'responseBody'],
        );
        if (dir === 'request') {
          expect(res.sent[0]?.protocolConfig?.requestBodyMode).toBe(ProcessingMode_BodySendMode.BUFFERED);
        }
        expect(headersSeen, kind).toEqual([undefined]);
        expect(codes, kind).toEqual([ErrorCode.PHASE_UNSUPPORTED]);
        expect(bodyReplies(res, dir).map((r) => r.headerMutation)).toEqual([false]);
        const out = delivered(res, dir);
        expect(out?.body, kind).toBe('[ABCD]');
        expect(out?.headers.has('content-length'), kind).toBe(false);
        expect(out?.headers.has('x-from-body'), kind).toBe(false);
      }
    });

    it(`§18.11 ${dir} BUFFERED + header SEND with content-length: attache keeps it equal to the replaced body (grow, shrink, clear), so Envoy never sees a mismatch; a plugin cannot set content-length itself`, async () => {
      const cases: Array<[string, Handlers, string, string]> = [
        [
          'whole grows',
          wholeBody(dir, (ctx) => void ctx.mutate.replaceBody(ctx.body.text().repeat(3))),
          'abcdabcdabcd',
          '12',
        ],
        ['whole clears', wholeBody(dir, (ctx) => void ctx.mutate.clearBody()), '', '0'],
        [
          'chunk shrinks',
          chunkBody(dir, (ctx) => void ctx.mutate.replaceChunk(ctx.chunk.text().replace(/[aeiou]/g, ''))),
          'bcd',
          '3',
        ],
        ['chunk empties', chunkBody(dir, (ctx) => void ctx.mutate.replaceChunk('')), '', '0'],
      ];
      for (const [what, handlers, body, length] of cases) {
        const { processor } = await processorOf(handlers);
        const res = await runExchange(processor, {
          envoy: { processingMode: modeOf(dir, 'BUFFERED') },
          ...carrying(dir, { body: 'abcd' }),
        });
        expect(res.violations, what).toEqual([]);
        expect(res.stats.streams_failed, what).toBe(0);
        const out = delivered(res, dir);
        expect(out?.body, what).toBe(body);
        expect(out?.headers.get('content-length'), what).toBe(length);
        expect(res.downstream.status, what).toBe(200);
        expect(bodyReplies(res, dir)[0]?.mutation, what).toBe(body === '' ? 'clearBody' : 'body');
      }

      let code = '';
      const { processor } = await processorOf(
        wholeBody(dir, (ctx) => {
          code = codeOf(() => ctx.mutate.set('content-length', '999'));
          ctx.mutate.replaceBody('xy');
        }),
      );
      const res = await runExchange(processor, {
        envoy: { processingMode: modeOf(dir, 'BUFFERED') },
        ...carrying(dir, { body: 'abcd' }),
      });
      expect(code).toBe(ErrorCode.MUTATION_REFUSED);
      expect(res.violations).toEqual([]);
      expect(delivered(res, dir)?.headers.get('content-length')).toBe('2');
    });

    it(`§18.11 ${dir} an unchanged buffered body gets a plain reply (no body mutation, content-length untouched)`, async () => {
      const { processor } = await processorOf(chunkBody(dir, (ctx) => void ctx.chunk.text()));
      const res = await runExchange(processor, {
        envoy: { processingMode: modeOf(dir, 'BUFFERED') },
        ...carrying(dir, { body: 'abcd' }),
      });
      expect(res.violations).toEqual([]);
      expect(bodyReplies(res, dir)).toEqual([
        { mutation: 'none', body: '', eos: false, headerMutation: false, status: 0 },
      ]);
      expect(delivered(res, dir)?.headers.get('content-length')).toBe('4');
    });
  }

  it('§18.11 a throwing body plugin: fail-closed → 500 (no partial body upstream), fail-open → the body passes unchanged with its content-length', async () => {
    for (const failure of ['closed', 'open'] as const) {
      const { processor, log } = await processorOf(
        wholeBody('request', (ctx) => {
          ctx.mutate.replaceBody('half-done');
          throw new Error('boom');
        }),
        { entry: { failure } },
      );
      const res = await runExchange(processor, {
        envoy: { processingMode: modeOf('request', 'BUFFERED') },
        request: { method: 'POST', body: 'abcd' },
      });
      expect(res.violations, failure).toEqual([]);
      expect(loggedCodes(log), failure).toEqual([['p', undefined]]);
      if (failure === 'closed') {
        expect(res.downstream).toMatchObject({ status: 500, details: 'attache_plugin_error{p}' });
        expect(res.upstream).toBeNull();
      } else {
        expect(res.upstream?.body.toString()).toBe('abcd');
        expect(res.upstream?.headers.get('content-length')).toBe('4');
      }
    }
  });

  it('§18.5 mode_override from response headers into BUFFERED: the response body is one message, the body phase still changes the held headers and content-length follows the new body', async () => {
    const { processor } = await processorOf(
      {
        modeOverrides: [{ responseBody: 'buffered' }],
        responseHeaders: (ctx) => ctx.overrideMode({ responseBody: 'buffered' }),
        responseBody: (ctx) => {
          ctx.mutate.set('x-original-length', String(ctx.body.length));
          ctx.mutate.replaceBody(shout(ctx.body.text()));
        },
      },
      { allowModeOverride: true },
    );
    const res = await runExchange(processor, {
      envoy: { allowModeOverride: true },
      upstream: { body: ['resp', 'onse'], headers: { 'content-length': '8' }, pacing: 'on-idle' },
    });
    expect(res.violations).toEqual([]);
    expectReplyDiscipline(res);
    expect(bodyMessages(res, 'response')).toEqual([['response', true]]);
    expect(res.downstream.body.toString()).toBe('[RESPONSE]');
    expect(res.downstream.headers.get('content-length')).toBe('10');
    expect(res.downstream.headers.get('x-original-length')).toBe('8');
  });
});

describe('BUFFERED_PARTIAL (§4.5)', () => {
  for (const dir of DIRECTIONS) {
    for (const pacing of PACINGS) {
      it(`§18.12 ${dir} body exactly at the limit (${pacing}) → one body message with eos=true, not partial; content-length removed (§6.4); whole and chunk plugins rewrite it`, async () => {
        for (const kind of KINDS) {
          const seen: string[] = [];
          const { processor } = await processorOf(shouter(kind, dir, seen));
          const res = await runExchange(processor, {
            envoy: { processingMode: modeOf(dir, 'BUFFERED_PARTIAL'), bufferLimitBytes: 6 },
            ...carrying(dir, { body: ['abc', 'def'], headers: { 'content-length': '6' }, pacing }),
          });
          expect(res.violations, kind).toEqual([]);
          expectReplyDiscipline(res);
          expect(bodyMessages(res, dir), kind).toEqual([['abcdef', true]]);
          expect(seen, kind).toEqual([kind === 'whole' ? 'abcdef|true|-|false' : 'abcdef|true|true|false']);
          const out = delivered(res, dir);
          expect(out?.body, kind).toBe('[ABCDEF]');
          expect(out?.headers.has('content-length'), kind).toBe(false);
        }
      });

      it(`§18.13 ${dir} body one byte over the limit (${pacing}) → one body message (eos=false, partial) that plugins rewrite and whose reply may still change headers; the rest passes unseen; trailers still go to the server`, async () => {
        for (const kind of KINDS) {
          const seen: string[] = [];
          const trailers = dir === 'request' ? 'requestTrailers' : 'responseTrailers';
          const { processor } = await processorOf({
            ...shouter(kind, dir, seen, { extra: (ctx) => void ctx.mutate.set('x-partial', 'yes') }),
            ...trailersOf(dir, (ctx) => void ctx.mutate.set('x-t', 'seen')),
          });
          const res = await runExchange(processor, {
            envoy: {
              processingMode: modeOf(dir, 'BUFFERED_PARTIAL', { trailers: 'SEND' }),
              bufferLimitBytes: 6,
            },
            ...carrying(dir, { body: ['abcd', 'efg', 'hi'], trailers: { 'x-t': 'orig' }, pacing }),
          });
          expect(res.violations, kind).toEqual([]);
          expectReplyDiscipline(res);
          expect(bodyMessages(res, dir), kind).toEqual([['abcdefg', false]]);
          expect(seen, kind).toEqual([kind === 'whole' ? 'abcdefg|false|-|true' : 'abcdefg|false|true|true']);
          expect(sentKinds(res).filter((k) => k === trailers)).toEqual([trailers]);
          const out = delivered(res, dir);
          // §19.3: trailers are seen because no data was queued while the partial reply was pending.
          expect(out?.body, kind).toBe('[ABCDEFG]hi');
          expect(out?.headers.get('x-partial'), kind).toBe('yes');
          expect(out?.headers.has('content-length'), kind).toBe(false);
          expect(out?.trailers?.get('x-t'), kind).toBe('seen');
        }
      });
    }
  }
});
