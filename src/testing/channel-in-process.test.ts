import { describe, expect, it } from 'vitest';
import {
  type ProcessingRequest,
  ProcessingResponse,
} from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { constantReply, encodeResponse } from '../protocol/codec.js';
import { GrpcStatus, type ProcessStreamTarget, type StreamSink } from '../transport/types.js';
import type { CallStatus } from './channel.js';
import { inProcessChannel } from './channel-in-process.js';
import { settle } from './fixtures/test-support.js';

const HEADERS_MSG: ProcessingRequest = {
  request: { $case: 'requestHeaders', value: { headers: { headers: [] }, endOfStream: true } },
};
const OK_REPLY: ProcessingResponse = { response: { $case: 'requestHeaders', value: {} } };

/** A target that records everything and exposes its sink. */
function recordingTarget(maxReceiveMessageBytes?: number) {
  const log: string[] = [];
  const received: ProcessingRequest[] = [];
  let sink: StreamSink | undefined;
  const target: ProcessStreamTarget = {
    maxReceiveMessageBytes,
    connect(s, metadata) {
      sink = s;
      log.push(`connect ${metadata.get('x-k') ?? ''}`);
      return {
        message: (m) => {
          received.push(m);
          log.push(`message ${m.request?.$case}`);
        },
        halfClose: () => log.push('halfClose'),
        cancel: () => log.push('cancel'),
      };
    },
  };
  return { target, log, received, sink: () => sink as StreamSink };
}

function client() {
  const replies: ProcessingResponse[] = [];
  const closes: CallStatus[] = [];
  return {
    replies,
    closes,
    events: { reply: (r: ProcessingResponse) => replies.push(r), close: (s: CallStatus) => closes.push(s) },
  };
}

describe('inProcessChannel', () => {
  it('delivers asynchronously and in order, decoding on the other side (proto3 defaults appear)', async () => {
    const t = recordingTarget();
    const c = client();
    const call = inProcessChannel(t.target).open({ 'X-K': 'v' }, c.events);
    call.send(HEADERS_MSG);
    call.send({ request: { $case: 'requestBody', value: { body: Buffer.from('x') } } });
    call.halfClose();
    expect(t.log).toEqual([]);
    await settle();
    expect(t.log).toEqual(['connect v', 'message requestHeaders', 'message requestBody', 'halfClose']);
    expect(t.received[0]?.observabilityMode).toBe(false);
    expect(t.received[0]?.attributes).toEqual({});
  });

  it('drops fields that do not exist on the wire', async () => {
    const t = recordingTarget();
    const c = client();
    inProcessChannel(t.target).open({}, c.events);
    await settle();
    t.sink().send({ ...OK_REPLY, bogus: 1 } as ProcessingResponse);
    await settle();
    expect(c.replies).toHaveLength(1);
    expect(c.replies[0]?.response?.$case).toBe('requestHeaders');
    expect('bogus' in (c.replies[0] ?? {})).toBe(false);
  });

  it('sink.end() → status OK; replies after end are dropped', async () => {
    const t = recordingTarget();
    const c = client();
    inProcessChannel(t.target).open({}, c.events);
    await settle();
    t.sink().send(OK_REPLY);
    t.sink().end();
    t.sink().send(OK_REPLY);
    t.sink().fail(GrpcStatus.INTERNAL, 'late');
    await settle();
    expect(c.replies).toHaveLength(1);
    expect(c.closes).toEqual([{ code: 0, message: '' }]);
  });

  it('sink.fail() → that status', async () => {
    const t = recordingTarget();
    const c = client();
    inProcessChannel(t.target).open({}, c.events);
    await settle();
    t.sink().fail(GrpcStatus.UNAVAILABLE, 'down');
    await settle();
    expect(c.closes).toEqual([{ code: 14, message: 'down' }]);
  });

  it("a constant reply's bytes stay the server's: what the client receives is its own copy", async () => {
    const reply = constantReply({
      response: {
        $case: 'requestBody',
        value: { response: { bodyMutation: { mutation: { $case: 'body', value: Buffer.from('abc') } } } },
      },
    });
    const body = (r: ProcessingResponse | undefined): Uint8Array => {
      const mutation =
        r?.response?.$case === 'requestBody' ? r.response.value.response?.bodyMutation?.mutation : undefined;
      return mutation?.$case === 'body' ? mutation.value : new Uint8Array();
    };
    const t = recordingTarget();
    const c = client();
    inProcessChannel(t.target).open({}, c.events);
    await settle();
    t.sink().send(reply);
    await settle();
    body(c.replies[0]).fill(0x7a); // a test changing what it received
    t.sink().send(reply);
    await settle();
    expect(Buffer.from(body(c.replies[1])).toString()).toBe('abc');
    expect(encodeResponse(reply).toString('hex')).toBe(
      Buffer.from(ProcessingResponse.encode(reply).finish()).toString('hex'),
    );
  });

  it('after the client cancels, the handler is cancelled and nothing more reaches the client', async () => {
    const t = recordingTarget();
    const c = client();
    const call = inProcessChannel(t.target).open({}, c.events);
    call.send(HEADERS_MSG);
    await settle();
    t.sink().send(OK_REPLY);
    call.cancel();
    t.sink().send(OK_REPLY);
    t.sink().end();
    await settle();
    expect(c.replies).toEqual([]);
    expect(c.closes).toEqual([]);
    expect(t.log).toEqual(['connect ', 'message requestHeaders', 'cancel']);
  });

  it('enforces maxReceiveMessageBytes like grpc-js: RESOURCE_EXHAUSTED and the handler is cancelled', async () => {
    const t = recordingTarget(50);
    const c = client();
    const call = inProcessChannel(t.target).open({}, c.events);
    call.send(HEADERS_MSG);
    call.send({ request: { $case: 'requestBody', value: { body: Buffer.alloc(100) } } });
    call.send(HEADERS_MSG);
    await settle();
    expect(t.log).toEqual(['connect ', 'message requestHeaders', 'cancel']);
    expect(c.closes).toHaveLength(1);
    expect(c.closes[0]?.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(c.closes[0]?.message).toMatch(/^Received message larger than max \(\d+ vs\. 50\)$/);
  });

  it('a reply that cannot be serialized fails the call with INTERNAL', async () => {
    const t = recordingTarget();
    const c = client();
    inProcessChannel(t.target).open({}, c.events);
    await settle();
    t.sink().send({
      response: { $case: 'requestBody', value: { response: { status: 'nope' as unknown as number } } },
    });
    await settle();
    expect(c.closes[0]?.code).toBe(GrpcStatus.INTERNAL);
  });

  it('a throwing handler fails the call with UNKNOWN', async () => {
    const c = client();
    const target: ProcessStreamTarget = {
      connect: () => ({
        message: () => {
          throw new Error('handler bug');
        },
        halfClose: () => {},
        cancel: () => {},
      }),
    };
    const call = inProcessChannel(target).open({}, c.events);
    call.send(HEADERS_MSG);
    await settle();
    expect(c.closes).toEqual([{ code: GrpcStatus.UNKNOWN, message: 'handler bug' }]);
  });
});
