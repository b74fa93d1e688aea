/**
 * §18.14–§18.21, §18.30 and §18.53 conformance, STREAMED bodies: attache's own server driven by
 * the Envoy-faithful test kit, with whole-body plugins (attache collects and answers earlier
 * chunks with empty replacements) and chunk plugins (one reply per chunk, held bytes moving to a
 * later reply), in both directions.
 */
import { type BodyContext, type ChunkContext, ErrorCode, type Handlers, respond } from 'attache-extproc';
import { describe, expect, it } from 'vitest';
import {
  type BodyReplyShape,
  bodyMessages,
  bodyPlugin,
  bodyReplies,
  carrying,
  chunkBody,
  codeOf,
  DIRECTIONS,
  type Dir,
  deferred,
  delivered,
  expectReplyDiscipline,
  flow,
  headersOf,
  KINDS,
  type Kind,
  loggedCodes,
  modeOf,
  processorOf,
  sentKinds,
  sleep,
  throwsOnSecondChunk,
  trailersOf,
  wholeBody,
} from './helpers.js';
import { runExchange } from './wire.js';

/** STREAMED, with the trailers sent unless `opts` says otherwise (what processorOf declares). */
const STREAMED = (dir: Dir, opts?: Parameters<typeof modeOf>[2]) => ({
  processingMode: modeOf(dir, 'STREAMED', { trailers: 'SEND', ...opts }),
});

const reply = (mutation: BodyReplyShape['mutation'], body = ''): BodyReplyShape => ({
  mutation,
  body,
  eos: false,
  headerMutation: false,
  status: 0,
});

/**
 * Whole-body: `[BODY]`. Chunk: each non-empty chunk upper-cased with a `|` after it (grows every
 * chunk), recording `text|last|endOfStream`.
 */
function rewriter(kind: Kind, dir: Dir, seen: string[] = [], delayMs?: number): Handlers {
  const whole = (ctx: BodyContext): void => {
    seen.push(`${ctx.body.text()}|-|${ctx.body.endOfStream}`);
    ctx.mutate.replaceBody(`[${ctx.body.text().toUpperCase()}]`);
  };
  const chunk = (ctx: ChunkContext): void => {
    seen.push(`${ctx.chunk.text()}|${ctx.chunk.last}|${ctx.chunk.endOfStream}`);
    if (ctx.chunk.length > 0) ctx.mutate.replaceChunk(`${ctx.chunk.text().toUpperCase()}|`);
  };
  return bodyPlugin(kind, dir, whole, chunk, delayMs);
}

describe('STREAMED chunks and replies (§4.6)', () => {
  for (const dir of DIRECTIONS) {
    for (const kind of KINDS) {
      it(`§18.14 ${dir}, ${kind} plugin, chunks one by one (on-idle) → one body message per chunk (eos only on the last), one reply each, applied FIFO`, async () => {
        const seen: string[] = [];
        const { processor } = await processorOf(rewriter(kind, dir, seen));
        const res = await runExchange(processor, {
          envoy: STREAMED(dir),
          ...carrying(dir, { body: ['one', 'two', 'three'], pacing: 'on-idle' }),
        });
        expect(res.violations).toEqual([]);
        expectReplyDiscipline(res);
        expect(bodyMessages(res, dir)).toEqual([
          ['one', false],
          ['two', false],
          ['three', true],
        ]);
        // Each chunk is answered before the next one is even read.
        const f = flow(res).filter((e) => e.endsWith(`${dir}Body`));
        expect(f).toEqual([
          `>${dir}Body`,
          `<${dir}Body`,
          `>${dir}Body`,
          `<${dir}Body`,
          `>${dir}Body`,
          `<${dir}Body`,
        ]);
        const out = delivered(res, dir);
        if (kind === 'chunk') {
          expect(seen).toEqual(['one|false|false', 'two|false|false', 'three|true|true']);
          expect(bodyReplies(res, dir)).toEqual([
            reply('body', 'ONE|'),
            reply('body', 'TWO|'),
            reply('body', 'THREE|'),
          ]);
          expect(out?.chunks).toEqual(['ONE|', 'TWO|', 'THREE|']);
        } else {
          expect(seen).toEqual(['onetwothree|-|true']);
          expect(bodyReplies(res, dir)).toEqual([
            reply('clearBody'),
            reply('clearBody'),
            reply('body', '[ONETWOTHREE]'),
          ]);
          expect(out?.chunks).toEqual(['[ONETWOTHREE]']);
        }
        expect(out?.headers.has('content-length')).toBe(false);
      });
    }

    it(`§18.14 ${dir}, headers SKIP (eager): five chunks outstanding at once, an awaiting chunk plugin that grows, drops, keeps and shrinks chunks still answers each in order`, async () => {
      const delays = [8, 1, 4, 0, 2];
      let n = 0;
      const seen: string[] = [];
      const { processor } = await processorOf(
        chunkBody(dir, async (ctx) => {
          const i = n++;
          await sleep(delays[i] ?? 0);
          const text = ctx.chunk.text();
          seen.push(`${text}|${ctx.chunk.last}`);
          if (text === 'grow') ctx.mutate.replaceChunk('grow'.repeat(3));
          else if (text === 'drop') ctx.mutate.replaceChunk('');
          else if (text === 'shrink') ctx.mutate.replaceChunk('s');
        }),
      );
      const res = await runExchange(processor, {
        envoy: STREAMED(dir, { headers: 'SKIP' }),
        ...carrying(dir, { body: ['grow', 'drop', 'keep', 'shrink', ''] }),
      });
      expect(res.violations).toEqual([]);
      expectReplyDiscipline(res);
      const f = flow(res).filter((e) => e.endsWith(`${dir}Body`));
      expect(f.slice(0, 5)).toEqual(Array(5).fill(`>${dir}Body`));
      expect(bodyMessages(res, dir)).toEqual([
        ['grow', false],
        ['drop', false],
        ['keep', false],
        ['shrink', false],
        ['', true],
      ]);
      expect(seen).toEqual(['grow|false', 'drop|false', 'keep|false', 'shrink|false', '|true']);
      expect(bodyReplies(res, dir).map((r) => [r.mutation, r.body])).toEqual([
        ['body', 'growgrowgrow'],
        ['clearBody', ''],
        ['none', ''],
        ['body', 's'],
        ['none', ''],
      ]);
      expect(delivered(res, dir)?.chunks).toEqual(['growgrowgrow', 'keep', 's']);
    });
  }

  for (const dir of DIRECTIONS) {
    it(`§18.15 ${dir}: chunks that arrive while the headers reply is pending (watermark at 3 bytes) are coalesced into one body message (eos=false); both plugin kinds still rewrite the whole body`, async () => {
      for (const kind of KINDS) {
        const seen: string[] = [];
        const { processor } = await processorOf(rewriter(kind, dir, seen));
        const res = await runExchange(processor, {
          envoy: { ...STREAMED(dir), bufferLimitBytes: 3 },
          ...carrying(dir, { body: ['ab', 'cd', 'ef'] }),
        });
        expect(res.violations, kind).toEqual([]);
        expectReplyDiscipline(res);
        expect(bodyMessages(res, dir), kind).toEqual([
          ['abcd', false],
          ['ef', true],
        ]);
        const out = delivered(res, dir);
        if (kind === 'chunk') {
          expect(seen).toEqual(['abcd|false|false', 'ef|true|true']);
          expect(out?.chunks).toEqual(['ABCD|', 'EF|']);
        } else {
          expect(seen).toEqual(['abcdef|-|true']);
          expect(bodyReplies(res, dir).map((r) => r.mutation)).toEqual(['clearBody', 'body']);
          expect(out?.chunks).toEqual(['[ABCDEF]']);
        }
      }
    });

    it(`§18.15 ${dir}: the whole body in before the headers reply → one body message (eos=true) that both plugin kinds see as the last chunk`, async () => {
      for (const kind of KINDS) {
        const seen: string[] = [];
        const { processor } = await processorOf(rewriter(kind, dir, seen, 1));
        const res = await runExchange(processor, {
          envoy: STREAMED(dir),
          ...carrying(dir, { body: ['ab', 'cd', 'ef'] }),
        });
        expect(res.violations, kind).toEqual([]);
        expect(bodyMessages(res, dir), kind).toEqual([['abcdef', true]]);
        expect(seen, kind).toEqual([kind === 'whole' ? 'abcdef|-|true' : 'abcdef|true|true']);
        expect(delivered(res, dir)?.body, kind).toBe(kind === 'whole' ? '[ABCDEF]' : 'ABCDEF|');
      }
    });
  }

  for (const dir of DIRECTIONS) {
    it(`§18.16 ${dir} STREAMED + send_body_without_waiting: chunks reach attache while its awaiting headers handler runs; attache answers the headers first, then every chunk in order`, async () => {
      for (const kind of KINDS) {
        const { processor } = await processorOf({
          ...headersOf(dir, async (ctx) => {
            await sleep(3);
            ctx.mutate.set('x-headers', 'answered-first');
          }),
          ...rewriter(kind, dir, [], 1),
        });
        const res = await runExchange(processor, {
          envoy: { ...STREAMED(dir), sendBodyWithoutWaitingForHeaderResponse: true },
          ...carrying(dir, { body: ['ab', 'cd', 'ef'] }),
        });
        expect(res.violations, kind).toEqual([]);
        expectReplyDiscipline(res);
        expect(res.sent[0]?.protocolConfig?.sendBodyWithoutWaitingForHeaderResponse).toBe(true);
        const f = flow(res).filter((e) => e.includes(dir));
        // Every chunk was sent before the headers reply; the headers reply still came first.
        expect(f.slice(0, 5)).toEqual([
          `>${dir}Headers`,
          `>${dir}Body`,
          `>${dir}Body`,
          `>${dir}Body`,
          `<${dir}Headers`,
        ]);
        expect(f.slice(5)).toEqual([`<${dir}Body`, `<${dir}Body`, `<${dir}Body`]);
        expect(res.stats.spurious_msgs_received).toBe(0);
        const out = delivered(res, dir);
        expect(out?.headers.get('x-headers')).toBe('answered-first');
        expect(out?.body, kind).toBe(kind === 'whole' ? '[ABCDEF]' : 'AB|CD|EF|');
      }
    });
  }

  it('§18.16 send_body_without_waiting: an awaiting headers handler that answers respond(403) while chunks are outstanding → one ImmediateResponse, the chunks are never answered', async () => {
    const calls: string[] = [];
    const { processor } = await processorOf({
      requestHeaders: async () => {
        await sleep(3);
        return respond(403, { body: 'denied' });
      },
      requestBodyChunk: () => void calls.push('chunk'),
    });
    const res = await runExchange(processor, {
      envoy: { ...STREAMED('request'), sendBodyWithoutWaitingForHeaderResponse: true },
      request: { method: 'POST', body: ['ab', 'cd'] },
    });
    expect(res.violations).toEqual([]);
    expectReplyDiscipline(res);
    expect(sentKinds(res)).toEqual(['requestHeaders', 'requestBody', 'requestBody']);
    expect(res.received.map((m) => m.response?.$case)).toEqual(['immediateResponse']);
    expect(calls).toEqual([]);
    expect(res.downstream).toMatchObject({ status: 403, localReply: true });
    expect(res.downstream.body.toString()).toBe('denied');
    expect(res.upstream).toBeNull();
  });
});

describe('STREAMED ends and trailers (§4.6)', () => {
  for (const dir of DIRECTIONS) {
    for (const pacing of ['eager', 'on-idle'] as const) {
      it(`§18.17 ${dir} with trailers and trailer mode DEFAULT (${pacing}): Envoy would send no end-of-stream, so attache (allowModeOverride) asks for the trailers in its headers reply; a chunk plugin gets its last chunk before them`, async () => {
        const seen: string[] = [];
        const { processor } = await processorOf(rewriter('chunk', dir, seen), {
          allowModeOverride: true,
          processingMode: undefined,
        });
        const res = await runExchange(processor, {
          envoy: { ...STREAMED(dir, { trailers: 'DEFAULT' }), allowModeOverride: true },
          ...carrying(dir, { body: ['ab', 'cd'], trailers: { 'grpc-status': '0' }, pacing }),
        });
        expect(res.violations).toEqual([]);
        expectReplyDiscipline(res);
        const messages = bodyMessages(res, dir);
        expect(messages.every(([, eos]) => !eos)).toBe(true);
        expect(messages.map(([b]) => b).join('')).toBe('abcd');
        expect(sentKinds(res)).toContain(`${dir}Trailers`);
        expect(seen.at(-1)).toBe('|true|false');
        const out = delivered(res, dir);
        expect(out?.body).toBe(pacing === 'eager' ? 'ABCD|' : 'AB|CD|');
        expect(out?.trailers?.get('grpc-status')).toBe('0');
      });

      it(`§18.17 ${dir} with trailer mode DEFAULT and no way to ask for the trailers (${pacing}): attache refuses the exchange at its first message, fail-closed, rather than risk a cut body`, async () => {
        const { processor, log } = await processorOf(rewriter('whole', dir), { processingMode: undefined });
        for (let i = 0; i < 2; i++) {
          const res = await runExchange(processor, {
            envoy: STREAMED(dir, { trailers: 'DEFAULT' }),
            ...carrying(dir, { body: ['ab', 'cd'], trailers: { 'grpc-status': '0' }, pacing }),
          });
          expect(res.violations).toEqual([]);
          expect(res.downstream.status).toBe(500);
          expect(res.downstream.details).toBe('attache_body_end_unseen');
          expect(bodyMessages(res, dir)).toEqual([]);
        }
        // Once per loaded config, not per exchange, naming the fix.
        const logged = log.errors.filter((e) => e.msg?.includes('where a body with trailers ends'));
        expect(logged).toHaveLength(1);
        expect(logged[0]?.msg).toContain(`${dir}_trailer_mode: SEND`);
      });
    }

    it(`§18.18 ${dir} + trailer SEND: the trailers message follows only after every (slow, awaited) chunk reply; the chunk plugin gets a last empty chunk before the trailers, with no reply of its own`, async () => {
      const seen: string[] = [];
      const { processor } = await processorOf({
        ...rewriter('chunk', dir, seen, 2),
        ...trailersOf(
          dir,
          (ctx) => void ctx.mutate.set('x-checksum', `seen-${ctx.trailers.get('x-checksum')}`),
        ),
      });
      const res = await runExchange(processor, {
        envoy: STREAMED(dir, { headers: 'SKIP', trailers: 'SEND' }),
        ...carrying(dir, { body: ['ab', 'cd', 'ef'], trailers: { 'x-checksum': '7' } }),
      });
      expect(res.violations).toEqual([]);
      expectReplyDiscipline(res);
      const f = flow(res).filter((e) => e.includes(dir));
      const trailersAt = f.indexOf(`>${dir}Trailers`);
      expect(trailersAt).toBe(f.lastIndexOf(`<${dir}Body`) + 1);
      expect(f.filter((e) => e === `<${dir}Body`)).toHaveLength(3);
      expect(seen).toEqual(['ab|false|false', 'cd|false|false', 'ef|false|false', '|true|false']);
      const out = delivered(res, dir);
      expect(out?.chunks).toEqual(['AB|', 'CD|', 'EF|']);
      expect(out?.trailers?.get('x-checksum')).toBe('seen-7');
    });
  }

  it('§18.18 request + trailer SEND: a chunk plugin that appends a footer at its last chunk has nowhere to put it (the flush before the trailers gets no reply of its own) → 500 attache_body_unflushable rather than a silently cut body', async () => {
    const { processor, log } = await processorOf(
      chunkBody(
        'request',
        (ctx) => void ctx.mutate.replaceChunk(ctx.chunk.last ? `${ctx.chunk.text()}<EOF>` : ctx.chunk.text()),
      ),
    );
    const res = await runExchange(processor, {
      envoy: STREAMED('request', { trailers: 'SEND' }),
      request: { method: 'POST', body: ['ab', 'cd'], trailers: { t: '1' }, pacing: 'on-idle' },
    });
    expect(res.violations).toEqual([]);
    expectReplyDiscipline(res);
    expect(sentKinds(res)).toEqual(['requestHeaders', 'requestBody', 'requestBody', 'requestTrailers']);
    expect(res.received.map((m) => m.response?.$case)).toEqual([
      'requestHeaders',
      'requestBody',
      'requestBody',
      'immediateResponse',
    ]);
    expect(res.downstream).toMatchObject({ status: 500, details: 'attache_body_unflushable' });
    expect(res.upstream?.complete).toBe(false);
    expect(log.errors.map((e) => e.msg)).toEqual([expect.stringContaining('5 held-back request body bytes')]);
  });

  it('§18.18 response + trailer SEND with a whole-body plugin: the collected body cannot follow the trailers, and the response headers are already downstream → attache fails the exchange, Envoy resets the stream', async () => {
    const { processor } = await processorOf(wholeBody('response', (ctx) => void ctx.mutate.replaceBody('X')));
    const res = await runExchange(processor, {
      envoy: STREAMED('response', { trailers: 'SEND' }),
      upstream: { body: ['ab', 'cd'], trailers: { t: '1' }, pacing: 'on-idle' },
    });
    expect(res.violations).toEqual([]);
    expectReplyDiscipline(res);
    expect(res.received.map((m) => m.response?.$case).slice(-1)).toEqual(['immediateResponse']);
    expect(res.downstream).toMatchObject({ reset: true, details: 'attache_body_unflushable' });
    expect(res.downstream.body.toString()).toBe('');
  });

  for (const dir of DIRECTIONS) {
    it(`§18.19 ${dir}: a terminal empty DATA frame is a body message ""/eos=true that attache answers; bytes a chunk plugin held back go out in that reply, with a footer`, async () => {
      const { processor } = await processorOf(
        chunkBody(dir, (ctx) => {
          if (ctx.chunk.last) {
            ctx.mutate.replaceChunk(`${ctx.chunk.text()}\n--`);
            return;
          }
          ctx.mutate.replaceChunk(ctx.chunk.text().toUpperCase());
          ctx.holdBack(1);
        }),
      );
      const res = await runExchange(processor, {
        envoy: STREAMED(dir),
        ...carrying(dir, { body: ['ab', 'cd', ''], pacing: 'on-idle' }),
      });
      expect(res.violations).toEqual([]);
      expectReplyDiscipline(res);
      expect(bodyMessages(res, dir)).toEqual([
        ['ab', false],
        ['cd', false],
        ['', true],
      ]);
      expect(bodyReplies(res, dir).map((r) => [r.mutation, r.body])).toEqual([
        ['body', 'A'],
        ['body', 'BC'],
        ['body', 'D\n--'],
      ]);
      expect(delivered(res, dir)?.chunks).toEqual(['A', 'BC', 'D\n--']);
    });

    it(`§18.19 ${dir}: with a whole-body plugin the terminal empty chunk's reply carries the whole new body; an empty body ('') is filled the same way`, async () => {
      const { processor } = await processorOf(
        wholeBody(
          dir,
          (ctx) => void ctx.mutate.replaceBody(ctx.body.length === 0 ? 'EMPTY' : `[${ctx.body.text()}]`),
        ),
      );
      const res = await runExchange(processor, {
        envoy: STREAMED(dir),
        ...carrying(dir, { body: ['ab', 'cd', ''], pacing: 'on-idle' }),
      });
      expect(res.violations).toEqual([]);
      expect(bodyReplies(res, dir)).toEqual([
        reply('clearBody'),
        reply('clearBody'),
        reply('body', '[abcd]'),
      ]);
      expect(delivered(res, dir)?.chunks).toEqual(['[abcd]']);

      const empty = await runExchange(processor, { envoy: STREAMED(dir), ...carrying(dir, { body: '' }) });
      expect(empty.violations).toEqual([]);
      expect(bodyMessages(empty, dir)).toEqual([['', true]]);
      expect(delivered(empty, dir)?.body).toBe('EMPTY');
      expect(delivered(empty, dir)?.headers.has('content-length')).toBe(false);
    });

    it(`§18.20 ${dir}: STREAMED body replies never carry header_mutation, CONTINUE_AND_REPLACE or streamed_response; a body-phase header change is refused at the API (PHASE_UNSUPPORTED)`, async () => {
      for (const pacing of ['eager', 'on-idle'] as const) {
        for (const kind of KINDS) {
          const codes: string[] = [];
          const { processor } = await processorOf(
            kind === 'whole'
              ? wholeBody(dir, (ctx) => {
                  codes.push(codeOf(() => ctx.mutate.set('x-late', '1')));
                  ctx.mutate.replaceBody(ctx.body.text().toUpperCase());
                })
              : chunkBody(dir, (ctx) => {
                  codes.push(codeOf(() => ctx.mutate.set('x-late', '1')));
                  ctx.mutate.replaceChunk(ctx.chunk.text().toUpperCase());
                }),
          );
          const res = await runExchange(processor, {
            envoy: STREAMED(dir),
            ...carrying(dir, { body: ['ab', 'cd'], pacing }),
          });
          const what = `${kind} ${pacing}`;
          expect(res.violations, what).toEqual([]);
          expect(res.stats.spurious_msgs_received, what).toBe(0);
          expect(codes.length, what).toBeGreaterThan(0);
          expect(new Set(codes), what).toEqual(new Set([ErrorCode.PHASE_UNSUPPORTED]));
          for (const r of bodyReplies(res, dir)) {
            expect(r.headerMutation, what).toBe(false);
            expect(r.status, what).toBe(0);
            expect(['none', 'body', 'clearBody'], what).toContain(r.mutation);
          }
          expect(delivered(res, dir)?.body, what).toBe('ABCD');
          expect(delivered(res, dir)?.headers.has('x-late'), what).toBe(false);
        }
      }
    });
  }
});

describe('STREAMED flow control and failures (§4.6, §11, §8)', () => {
  for (const dir of DIRECTIONS) {
    it(`§18.21 ${dir}: a whole-body plugin never withholds replies, so a body far over Envoy's buffer limit does not stall or time out; neither does a chunk plugin holding everything back`, async () => {
      const body = ['aaa', 'bbb', 'ccc', 'ddd', 'eee'];
      const holdAll = chunkBody(dir, (ctx: ChunkContext) => {
        if (!ctx.chunk.last) ctx.holdBack(ctx.chunk.length);
        else ctx.mutate.replaceChunk(ctx.chunk.text().toUpperCase());
      });
      for (const [what, handlers] of [
        ['whole', rewriter('whole', dir)],
        ['hold-all', holdAll],
      ] as const) {
        const { processor } = await processorOf(handlers);
        for (const headers of ['SEND', 'SKIP'] as const) {
          const res = await runExchange(processor, {
            envoy: { ...STREAMED(dir, { headers }), bufferLimitBytes: 4 },
            ...carrying(dir, { body, pacing: headers === 'SEND' ? 'on-idle' : 'eager' }),
          });
          expect(res.violations, `${what} ${headers}`).toEqual([]);
          expect(res.stats.message_timeouts).toBe(0);
          expect(
            bodyMessages(res, dir)
              .map(([b]) => b)
              .join(''),
          ).toBe(body.join(''));
          expect(delivered(res, dir)?.body, `${what} ${headers}`).toBe(
            what === 'whole' ? '[AAABBBCCCDDDEEE]' : 'AAABBBCCCDDDEEE',
          );
          expect(res.downstream.status).toBe(200);
        }
      }
    });
  }

  it("§18.21 attache's own limit instead of a stall: a collected body exactly at maxBodyBytes passes; one byte over → 413 for a request, a reset for a response whose headers already left", async () => {
    const { processor } = await processorOf(
      { ...rewriter('whole', 'request'), ...rewriter('whole', 'response') },
      { maxBodyBytes: 6 },
    );
    const at = await runExchange(processor, {
      envoy: STREAMED('request'),
      request: { method: 'POST', body: ['ab', 'cd', 'ef'], pacing: 'on-idle' },
    });
    expect(at.violations).toEqual([]);
    expect(at.upstream?.body.toString()).toBe('[ABCDEF]');

    const over = await runExchange(processor, {
      envoy: STREAMED('request'),
      request: { method: 'POST', body: ['ab', 'cd', 'efg'], pacing: 'on-idle' },
    });
    expect(over.violations).toEqual([]);
    expectReplyDiscipline(over);
    expect(over.downstream).toMatchObject({ status: 413, details: 'attache_body_too_large' });
    expect(over.upstream?.complete).toBe(false);

    const response = await runExchange(processor, {
      envoy: STREAMED('response'),
      upstream: { body: ['ab', 'cd', 'efg'], pacing: 'on-idle' },
    });
    expect(response.violations).toEqual([]);
    expect(response.downstream).toMatchObject({ reset: true, details: 'attache_body_too_large' });
  });

  for (const dir of DIRECTIONS) {
    for (const failure of ['closed', 'open'] as const) {
      it(`§18.14 ${dir}: an awaiting chunk plugin (holding 1 byte back) throws on the 2nd chunk, failure ${failure}`, async () => {
        const { processor, log } = await processorOf(throwsOnSecondChunk(dir), { entry: { failure } });
        const res = await runExchange(processor, {
          envoy: STREAMED(dir),
          ...carrying(dir, { body: ['ab', 'cd', 'ef'], pacing: 'on-idle' }),
        });
        expect(res.violations).toEqual([]);
        expectReplyDiscipline(res);
        expect(loggedCodes(log)).toEqual([['p', undefined]]);
        const out = delivered(res, dir);
        if (failure === 'open') {
          // The held "B" goes first, then the failing chunk unchanged; nothing lost or reordered.
          expect(out?.chunks).toEqual(['A', 'Bcd', 'EF']);
          expect(res.downstream.status).toBe(200);
        } else if (dir === 'request') {
          expect(res.downstream).toMatchObject({ status: 500, details: 'attache_plugin_error{p}' });
          expect(res.upstream?.complete).toBe(false);
          expect(res.upstream?.body.toString()).toBe('A');
        } else {
          // The response headers and "A" are already downstream: Envoy can only reset (§5.4).
          expect(res.downstream).toMatchObject({ reset: true, details: 'attache_plugin_error{p}' });
          expect(res.downstream.body.toString()).toBe('A');
        }
      });
    }
  }
});

describe('interleaving and content-length (§4.2, §6.4)', () => {
  it('§18.30 the upstream answers while request chunks are outstanding: response_headers interleave with request_body, attache answers across directions in any order, each direction in its own order', async () => {
    const responseSeen = deferred<void>();
    const requestDone = deferred<void>();
    const { processor } = await processorOf({
      requestBodyChunk: async (ctx) => {
        // Hold the first chunk's reply until the response headers were answered.
        if (ctx.chunk.text() === 'a') await responseSeen.promise;
        ctx.mutate.replaceChunk(ctx.chunk.text().toUpperCase());
        if (ctx.chunk.last) requestDone.resolve();
      },
      responseHeaders: (ctx) => {
        ctx.mutate.set('x-interleaved', 'yes');
        responseSeen.resolve();
      },
      responseBody: async (ctx) => {
        // Let the request finish first: Envoy resets the request once the response is complete.
        await requestDone.promise;
        ctx.mutate.replaceBody(`<${ctx.body.text()}>`);
      },
    });
    const res = await runExchange(processor, {
      envoy: { processingMode: { requestBodyMode: 'STREAMED', responseBodyMode: 'BUFFERED' } },
      request: { method: 'POST', body: ['a', 'b', 'c'], pacing: 'on-idle' },
      upstreamTiming: 'after-request-headers',
      upstream: { body: 'resp' },
    });
    expect(res.violations).toEqual([]);
    expectReplyDiscipline(res);
    const f = flow(res);
    expect(f.indexOf('>responseHeaders')).toBeLessThan(f.indexOf('<requestBody'));
    // A response reply overtook the pending request reply.
    expect(f.indexOf('<responseHeaders')).toBeLessThan(f.indexOf('<requestBody'));
    expect(f.indexOf('>responseBody')).toBeLessThan(f.lastIndexOf('>requestBody'));
    expect(res.upstream?.bodyChunks.map(String)).toEqual(['A', 'B', 'C']);
    expect(res.upstream?.complete).toBe(true);
    expect(res.downstream.headers.get('x-interleaved')).toBe('yes');
    expect(res.downstream.body.toString()).toBe('<resp>');
  });

  for (const dir of DIRECTIONS) {
    it(`§18.53 ${dir}: STREAMED, FULL_DUPLEX_STREAMED and BUFFERED_PARTIAL → no content-length at the next hop whatever the plugins do to the body; a plugin cannot set one (MUTATION_REFUSED) so nothing is dropped by Envoy`, async () => {
      for (const mode of ['STREAMED', 'FULL_DUPLEX_STREAMED', 'BUFFERED_PARTIAL'] as const) {
        let code = '';
        const { processor } = await processorOf({
          ...headersOf(dir, (ctx) => {
            code = codeOf(() => ctx.mutate.set('content-length', '5'));
          }),
          ...rewriter('chunk', dir),
        });
        const res = await runExchange(processor, {
          envoy: {
            processingMode: modeOf(dir, mode, {
              trailers: mode === 'FULL_DUPLEX_STREAMED' ? 'SEND' : undefined,
            }),
          },
          ...carrying(dir, { body: 'hello' }),
        });
        expect(res.violations, mode).toEqual([]);
        expect(code, mode).toBe(ErrorCode.MUTATION_REFUSED);
        const out = delivered(res, dir);
        expect(out?.headers.has('content-length'), mode).toBe(false);
        expect(out?.body, mode).toBe('HELLO|');
      }
    });
  }

  it('§18.53 mode_override into STREAMED on a chunked request (no content-length): the chunk plugin rewrites every chunk', async () => {
    const { processor } = await processorOf(
      {
        modeOverrides: [{ requestBody: 'streamed' }],
        requestHeaders: (ctx) => ctx.overrideMode({ requestBody: 'streamed' }),
        ...rewriter('chunk', 'request'),
      },
      { allowModeOverride: true },
    );
    const res = await runExchange(processor, {
      envoy: { allowModeOverride: true },
      request: { method: 'POST', body: ['ab', 'cd'], pacing: 'on-idle' },
    });
    expect(res.violations).toEqual([]);
    expectReplyDiscipline(res);
    expect(bodyMessages(res)).toEqual([
      ['ab', false],
      ['cd', true],
    ]);
    expect(res.upstream?.bodyChunks.map(String)).toEqual(['AB|', 'CD|']);
    expect(res.upstream?.headers.has('content-length')).toBe(false);
  });

  for (const dir of DIRECTIONS) {
    // BUG (§9 last bullet: the content-length decision was made with the pre-override mode NONE,
    // so Envoy keeps content-length; §6.4): attache overrides into STREAMED and lets a chunk
    // plugin change the body's length without removing content-length in the same headers reply
    // (removal is allowed; only a set is dropped). The next hop gets "content-length: 4" with an
    // 8-byte body (an HTTP/1 peer would cut it). The kit does not flag this; the doc's rules do.
    it(`§18.53 ${dir}: after mode_override from NONE into STREAMED, a length-changing chunk plugin must not leave the kept content-length stale`, async () => {
      const { processor } = await processorOf(
        {
          modeOverrides: [{ requestBody: 'streamed' }, { responseBody: 'streamed' }],
          ...headersOf(dir, (ctx) =>
            ctx.overrideMode(dir === 'request' ? { requestBody: 'streamed' } : { responseBody: 'streamed' }),
          ),
          ...chunkBody(dir, (ctx) => void ctx.mutate.replaceChunk(ctx.chunk.text().repeat(2))),
        },
        { allowModeOverride: true },
      );
      const res = await runExchange(processor, {
        envoy: { allowModeOverride: true },
        ...carrying(dir, { body: ['ab', 'cd'], headers: { 'content-length': '4' }, pacing: 'on-idle' }),
      });
      expect(res.violations).toEqual([]);
      const out = delivered(res, dir);
      expect(out?.body).toBe('ababcdcd');
      const length = out?.headers.get('content-length');
      expect(length === undefined || length === '8', `content-length ${length}`).toBe(true);
    });

    // BUG (§9 + §4.6 + §6.4): after mode_override into STREAMED with the whole body already in,
    // Envoy sends one body message handled like a buffered body and checks the content-length it
    // kept (decided before the override) against the replaced body. attache neither fixes nor
    // removes it → Envoy answers 500 "mismatch between content length and the length of the
    // mutated body". Same root cause as the test above.
    it(`§18.15 ${dir}: after mode_override into STREAMED with the whole body in before the headers reply, replacing the body does not trip Envoy's content-length check`, async () => {
      const { processor } = await processorOf(
        {
          modeOverrides: [{ requestBody: 'streamed' }, { responseBody: 'streamed' }],
          ...headersOf(dir, (ctx) =>
            ctx.overrideMode(dir === 'request' ? { requestBody: 'streamed' } : { responseBody: 'streamed' }),
          ),
          ...chunkBody(dir, (ctx) => void ctx.mutate.replaceChunk(ctx.chunk.text().repeat(2))),
        },
        { allowModeOverride: true },
      );
      const res = await runExchange(processor, {
        envoy: { allowModeOverride: true },
        ...carrying(dir, { body: 'abcd' }),
      });
      expect(res.violations).toEqual([]);
      expect(res.downstream.status).toBe(200);
      expect(delivered(res, dir)?.body).toBe('abcdabcd');
    });
  }
});
