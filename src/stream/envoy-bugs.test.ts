/**
 * Envoy's known ext_proc bugs and later additions, survived: what a real Envoy can send that the
 * protocol says it should not (§19, transform-parity.md §6), driven into the stream state machine
 * message by message, since the test kit, being faithful to the protocol, never sends them.
 */
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { recordingSink } from '../../test/support/recording-sink.js';
import { ProcessingMode_BodySendMode as BodyMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type {
  ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { Handlers } from '../plugin/types.js';
import { decodeRequest, encodeRequest } from '../protocol/codec.js';
import { ProcessorStream } from './processor-stream.js';

type Phase = 'request' | 'response';

/** A stream of one plugin (or none), and what it sent. */
async function open(handlers: Handlers | null) {
  const { log, lines } = recordingLogger();
  const entries = handlers === null ? [] : [{ plugin: definePlugin({ name: 'p', setup: () => handlers }) }];
  const pipeline = await Pipeline.create(entries, { log });
  const { sink, replies, events } = recordingSink();
  return { stream: new ProcessorStream(pipeline, sink, new Map(), log), replies, events, lines };
}

const headers = (
  phase: Phase,
  endOfStream: boolean,
  config?: ProcessingRequest['protocolConfig'],
): ProcessingRequest => ({
  request: {
    $case: phase === 'request' ? 'requestHeaders' : 'responseHeaders',
    value: { headers: { headers: [{ key: ':path', value: '', rawValue: Buffer.from('/') }] }, endOfStream },
  },
  ...(config === undefined ? {} : { protocolConfig: config }),
});
const chunk = (phase: Phase, text: string, endOfStream: boolean): ProcessingRequest => ({
  request: {
    $case: phase === 'request' ? 'requestBody' : 'responseBody',
    value: { body: Buffer.from(text), endOfStream, endOfStreamWithoutMessage: false },
  },
});
const fullDuplex = (phase: Phase) => ({
  requestBodyMode: phase === 'request' ? BodyMode.FULL_DUPLEX_STREAMED : BodyMode.NONE,
  responseBodyMode: phase === 'response' ? BodyMode.FULL_DUPLEX_STREAMED : BodyMode.NONE,
  sendBodyWithoutWaitingForHeaderResponse: false,
});
const settle = () => new Promise((r) => setTimeout(r, 10));

/** The body Envoy would forward: the streamed chunks of the replies, and how many said end. */
function streamedBody(replies: ProcessingResponse[]): { text: string; ends: number } {
  let text = '';
  let ends = 0;
  for (const r of replies) {
    const v = r.response?.value as {
      response?: { bodyMutation?: { mutation?: { $case: string; value: unknown } } };
    };
    const m = v?.response?.bodyMutation?.mutation;
    if (m?.$case !== 'streamedResponse') continue;
    const s = m.value as { body?: Uint8Array; endOfStream?: boolean };
    text += Buffer.from(s.body ?? []).toString();
    if (s.endOfStream) ends++;
  }
  return { text, ends };
}

describe('envoy#46237: the last FULL_DUPLEX_STREAMED chunk sent twice', () => {
  const plugins: Array<[string, Handlers | null, (s: string) => string]> = [
    ['no body plugin (chunks echoed)', null, (s) => s],
    [
      'a whole-body plugin',
      {
        requestBody: (ctx) => void ctx.mutate.replaceBody(ctx.body.text().toUpperCase()),
        responseBody: (ctx) => void ctx.mutate.replaceBody(ctx.body.text().toUpperCase()),
      },
      (s) => s.toUpperCase(),
    ],
    [
      'a chunk plugin',
      {
        requestBodyChunk: (ctx) => void ctx.mutate.replaceChunk(ctx.chunk.text().toUpperCase()),
        responseBodyChunk: (ctx) => void ctx.mutate.replaceChunk(ctx.chunk.text().toUpperCase()),
      },
      (s) => s.toUpperCase(),
    ],
  ];
  for (const phase of ['request', 'response'] as const) {
    for (const [name, handlers, expected] of plugins) {
      it(`${phase}, ${name}: the body is forwarded once, whole, with one end; the copy is logged and not answered`, async () => {
        let runs = 0;
        const counted =
          handlers === null
            ? null
            : Object.fromEntries(
                Object.entries(handlers).map(([k, f]) => [
                  k,
                  (ctx: never) => {
                    runs++;
                    return (f as (c: never) => unknown)(ctx);
                  },
                ]),
              );
        const { stream, replies, events, lines } = await open(counted as Handlers | null);
        if (phase === 'response') stream.message(headers('request', true, fullDuplex(phase)));
        stream.message(headers(phase, false, phase === 'request' ? fullDuplex(phase) : undefined));
        for (const [text, eos] of [
          ['ab', false],
          ['cd', false],
          ['ef', true],
          ['ef', true],
        ] as const) {
          stream.message(chunk(phase, text, eos));
          await settle();
        }
        const forwarded = streamedBody(replies);
        expect(forwarded).toEqual({ text: expected('abcdef'), ends: 1 });
        if (handlers !== null) expect(runs).toBe(name === 'a chunk plugin' ? 3 : 1);
        expect(events).toEqual([]);
        expect(lines.filter((l) => l.msg.includes('envoy#46237'))).toHaveLength(1);
        // The stream goes on: Envoy's next message is answered as usual.
        const before = replies.length;
        if (phase === 'request') stream.message(headers('response', true));
        else stream.message({ request: { $case: 'responseTrailers', value: { trailers: { headers: [] } } } });
        await settle();
        expect(replies.length).toBe(before + 1);
      });
    }
  }
});

describe('envoy#47458: the side stream closed early while a response body is processed', () => {
  for (const end of ['half-close then reset', 'reset only'] as const) {
    it(`${end}: the handler's signal aborts, streamEnd runs once, nothing is sent after the end, nothing throws`, async () => {
      let signal: AbortSignal | undefined;
      let release!: () => void;
      let ended = 0;
      const { stream, replies, events, lines } = await open({
        responseBody: async (ctx) => {
          signal = ctx.stream.signal;
          await new Promise<void>((r) => {
            release = r;
          });
          ctx.mutate.replaceBody('late');
        },
        streamEnd: () => void ended++,
      });
      stream.message(
        headers('request', true, {
          requestBodyMode: BodyMode.NONE,
          responseBodyMode: BodyMode.BUFFERED,
          sendBodyWithoutWaitingForHeaderResponse: false,
        }),
      );
      stream.message(headers('response', false));
      stream.message(chunk('response', 'the whole body', true));
      await settle();
      const sent = replies.length;
      expect(sent).toBe(2); // the headers' replies; the body's is pending
      if (end === 'half-close then reset') stream.halfClose();
      stream.cancel();
      expect(signal?.aborted).toBe(true);
      release();
      await settle();
      expect(replies.length).toBe(sent);
      expect(ended).toBe(1);
      expect(events.filter((e) => e.startsWith('fail'))).toEqual([]);
      expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    });
  }
});

describe('fields Envoy or proxyless gRPC clients add later', () => {
  it('a ProcessingRequest with flow_control_init (12) and client_window_update (13) decodes as without them', () => {
    const plain = encodeRequest(headers('request', true));
    // Field 12: a message (tag 0x62) holding a varint; field 13: a message (tag 0x6a), empty.
    const extended = Buffer.concat([plain, Buffer.from([0x62, 0x02, 0x08, 0x40, 0x6a, 0x00])]);
    expect(Buffer.from(encodeRequest(decodeRequest(extended)))).toEqual(Buffer.from(plain));
  });

  it('the GRPC body mode (5) in protocol_config is treated as NONE, as Envoy does: headers answered, nothing refused', async () => {
    const { stream, replies, events, lines } = await open({ requestBody: () => undefined });
    stream.message(
      headers('request', false, {
        requestBodyMode: 5 as BodyMode,
        responseBodyMode: 5 as BodyMode,
        sendBodyWithoutWaitingForHeaderResponse: false,
      }),
    );
    stream.message(headers('response', true));
    await settle();
    expect(replies.map((r) => r.response?.$case)).toEqual(['requestHeaders', 'responseHeaders']);
    expect(events).toEqual([]);
    const notes = lines.filter((l) => l.msg.includes('body mode Envoy does not implement'));
    expect(notes.map((l) => [l.level, l.fields.direction, l.fields.mode])).toEqual([
      ['debug', 'request', 5],
      ['debug', 'response', 5],
    ]);
  });
});
