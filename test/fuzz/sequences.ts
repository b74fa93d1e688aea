/**
 * Random `Process` streams for the fuzz tests: message sequences Envoy sends and ones it never
 * sends (body before headers, two header messages, messages after the end, empty requests,
 * unknown fields, bytes that are not protobuf), random body modes, random cuts of the bytes
 * into DATA frames, random ends of the stream, and a random outcome per plugin handler.
 */
import fc from 'fast-check';
import { ProcessingMode_BodySendMode as BodySendMode } from '../../src/gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type { ProcessingRequest } from '../../src/gen/envoy/service/ext_proc/v3/external_processor.js';
import { PHASES } from '../../src/pipeline/pipeline.js';
import type { Phase } from '../../src/plugin/types.js';
import { encodeRequest } from '../../src/protocol/codec.js';
import { frame } from '../support/raw-grpc.js';

export type { Phase };

/** What the fuzz plugin's handler for a phase does. */
export type Outcome = 'continue' | 'mutate' | 'throw' | 'reject' | 'hang' | 'respond' | 'replaceBody';

/** One item of a stream: a message, or bytes that are not one. */
export type Item =
  | { kind: 'message'; phase: Phase; endOfStream: boolean; body: Uint8Array; unknownField: boolean }
  | { kind: 'empty' }
  /** Bytes that cannot decode: field 1 announcing more bytes than follow, then random bytes. */
  | { kind: 'garbage'; bytes: Uint8Array }
  /** Random bytes: they may decode (often as an empty request), or not. */
  | { kind: 'noise'; bytes: Uint8Array };

/** How the client ends its side of the stream after writing everything. */
export type Ending = 'halfClose' | 'envoyClose' | 'cancel' | 'open';

/** One random stream. */
export interface StreamCase {
  readonly items: readonly Item[];
  readonly requestBodyMode: BodySendMode;
  readonly responseBodyMode: BodySendMode;
  /** Whether the first message carries a `protocol_config` (Envoy sends one on the first). */
  readonly protocolConfig: boolean;
  readonly outcomes: Readonly<Record<Phase, Outcome>>;
  /** Where the concatenated frames are cut into DATA frames (sorted offsets). */
  readonly cuts: readonly number[];
  readonly ending: Ending;
}

const bodyModes = fc.constantFrom(
  BodySendMode.NONE,
  BodySendMode.STREAMED,
  BodySendMode.BUFFERED,
  BodySendMode.BUFFERED_PARTIAL,
  BodySendMode.FULL_DUPLEX_STREAMED,
);

const item: fc.Arbitrary<Item> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('message' as const),
      phase: fc.constantFrom(...PHASES),
      endOfStream: fc.boolean(),
      body: fc.uint8Array({ maxLength: 48 }),
      unknownField: fc.oneof(
        { weight: 6, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('garbage' as const), bytes: fc.uint8Array({ maxLength: 8 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('noise' as const),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }),
    }),
  },
);

const outcome = fc.constantFrom<Outcome>(
  'continue',
  'continue',
  'mutate',
  'throw',
  'reject',
  'hang',
  'respond',
  'replaceBody',
);

/** The arbitrary of {@link StreamCase}. */
export const streamCase: fc.Arbitrary<StreamCase> = fc.record({
  items: fc.array(item, { maxLength: 7 }),
  requestBodyMode: bodyModes,
  responseBodyMode: bodyModes,
  protocolConfig: fc.boolean(),
  outcomes: fc.record({
    requestHeaders: outcome,
    requestBody: outcome,
    requestTrailers: outcome,
    responseHeaders: outcome,
    responseBody: outcome,
    responseTrailers: outcome,
  }),
  cuts: fc.uniqueArray(fc.nat({ max: 600 }), { maxLength: 5 }).map((cuts) => cuts.sort((a, b) => a - b)),
  ending: fc.constantFrom<Ending>('halfClose', 'halfClose', 'envoyClose', 'cancel', 'open'),
});

/** Field 1 (length-delimited) announcing 2^28 bytes more than any test sends: never decodes. */
const TRUNCATED = Buffer.from([0x0a, 0x80, 0x80, 0x80, 0x80, 0x01]);

/** A field number no ext_proc message uses (varint 1), appended to a message: unknown to attache. */
const UNKNOWN_FIELD = Buffer.from([0xf8, 0x07, 0x01]);

function message(it: Extract<Item, { kind: 'message' }>, c: StreamCase, first: boolean): Uint8Array {
  const headers = {
    headers: [
      { key: ':path', value: '', rawValue: Buffer.from('/fuzz') },
      { key: 'content-type', value: '', rawValue: Buffer.from('text/plain') },
    ],
  };
  let request: ProcessingRequest['request'];
  switch (it.phase) {
    case 'requestHeaders':
    case 'responseHeaders':
      request = { $case: it.phase, value: { headers, endOfStream: it.endOfStream } };
      break;
    case 'requestBody':
    case 'responseBody':
      request = {
        $case: it.phase,
        value: { body: Buffer.from(it.body), endOfStream: it.endOfStream, endOfStreamWithoutMessage: false },
      };
      break;
    case 'requestTrailers':
    case 'responseTrailers':
      request = {
        $case: it.phase,
        value: { trailers: { headers: [{ key: 'x-t', value: '', rawValue: Buffer.from('1') }] } },
      };
      break;
  }
  const bytes = encodeRequest({
    request,
    ...(first && c.protocolConfig
      ? {
          protocolConfig: {
            requestBodyMode: c.requestBodyMode,
            responseBodyMode: c.responseBodyMode,
            sendBodyWithoutWaitingForHeaderResponse: false,
          },
        }
      : {}),
  });
  return it.unknownField ? Buffer.concat([bytes, UNKNOWN_FIELD]) : bytes;
}

/** The gRPC frames of a case, concatenated. */
export function wireBytes(c: StreamCase): Buffer {
  const frames = c.items.map((it, i) => {
    if (it.kind === 'empty') return frame(new Uint8Array(0));
    if (it.kind === 'garbage') return frame(Buffer.concat([TRUNCATED, it.bytes]));
    if (it.kind === 'noise') return frame(it.bytes);
    return frame(message(it, c, i === 0));
  });
  return Buffer.concat(frames);
}

/** The bytes of a case cut into DATA frames at its cut points (those inside the bytes). */
export function dataFrames(c: StreamCase): Buffer[] {
  const bytes = wireBytes(c);
  const out: Buffer[] = [];
  let at = 0;
  for (const cut of c.cuts) {
    if (cut <= at || cut >= bytes.length) continue;
    out.push(bytes.subarray(at, cut));
    at = cut;
  }
  if (at < bytes.length) out.push(bytes.subarray(at));
  return out;
}

/**
 * {@link streamCase} narrowed to streams whose every message the processor must answer while
 * the client keeps its side open: messages only, whole bodies (NONE or BUFFERED), no immediate
 * response (after one Envoy sends nothing more, so later messages go unanswered by design).
 */
export const answerableCase: fc.Arbitrary<StreamCase> = fc
  .tuple(
    streamCase,
    fc.constantFrom(BodySendMode.NONE, BodySendMode.BUFFERED),
    fc.constantFrom(BodySendMode.NONE, BodySendMode.BUFFERED),
  )
  .map(([c, requestBodyMode, responseBodyMode]) => ({
    ...c,
    items: c.items.filter((i) => i.kind === 'message'),
    requestBodyMode,
    responseBodyMode,
    outcomes: Object.fromEntries(
      Object.entries(c.outcomes).map(([phase, o]) => [phase, o === 'respond' ? 'continue' : o]),
    ) as Record<Phase, Outcome>,
    ending: 'open' as const,
  }))
  .filter((c) => c.items.length > 0);
