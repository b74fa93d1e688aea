/**
 * Replaced bodies go out by reference on the `node:http2` transport (encodeResponseFrameParts):
 * the reply's bytes are read when the socket takes them. What a change made after the reply was
 * queued does (the ownership rule of `replaceBody`), and that the frame stays well-formed.
 */
import { describe, expect, it } from 'vitest';
import { frame, rawStream } from '../../test/support/raw-grpc.js';
import { pluginOf, useServers } from '../../test/support/servers.js';
import { ProcessingMode_BodySendMode as BodySendMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type { ProcessingResponse } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { decodeResponse, encodeRequest } from '../protocol/codec.js';
import { BY_REFERENCE_BYTES } from '../protocol/encode-reply.js';
import { PROCESS_PATH } from '../protocol/service.js';
import type { ProcessStreamTarget } from './types.js';

const servers = useServers();

const bodyMessage = (body: Buffer) =>
  Buffer.from(
    encodeRequest({
      request: { $case: 'requestBody', value: { body, endOfStream: true } },
      protocolConfig: { requestBodyMode: BodySendMode.BUFFERED },
    }),
  );

const replaced = (body: Buffer): ProcessingResponse => ({
  response: {
    $case: 'requestBody',
    value: { response: { bodyMutation: { mutation: { $case: 'body', value: body } } } },
  },
});

/** The body a reply replaces, as Envoy decodes it. */
function replacedBody(reply: Buffer): Buffer {
  const r = decodeResponse(reply).response;
  const mutation = r?.$case === 'requestBody' ? r.value.response?.bodyMutation?.mutation : undefined;
  if (mutation?.$case !== 'body') throw new Error(`not a body replacement: ${JSON.stringify(r)}`);
  return Buffer.from(mutation.value);
}

describe('a replaced body sent by reference (http2 transport)', () => {
  it('changed after its reply was queued: Envoy gets a well-formed reply of the queued length, with the bytes as written', async () => {
    const size = 8 * BY_REFERENCE_BYTES;
    const target: ProcessStreamTarget = {
      connect(sink) {
        return {
          message() {
            const scratch = Buffer.alloc(size, 0x61);
            sink.send(replaced(scratch));
            // A plugin breaking the rule: the reply is queued, the socket has not taken it yet.
            scratch.fill(0x62);
            sink.send(replaced(Buffer.from('after')));
            sink.end();
          },
          halfClose() {},
          cancel() {},
        };
      },
    };
    const { address } = await servers.serve('http2', target);
    const session = servers.session(address);
    const r = await rawStream(session, PROCESS_PATH, [frame(bodyMessage(Buffer.from('{}')))]).response;
    expect(r.grpcStatus).toBe(0);
    expect(r.messages).toHaveLength(2);
    const first = replacedBody(r.messages[0] as Buffer);
    expect(first.length).toBe(size);
    // Read when the socket took it, after the change: no copy was made when the reply was queued.
    expect(first.equals(Buffer.alloc(size, 0x62))).toBe(true);
    expect(replacedBody(r.messages[1] as Buffer).toString()).toBe('after');
  });

  it('sends a plugin’s replacement intact below, at and above the by-reference size (up to 3 MiB)', async () => {
    const sizes = [BY_REFERENCE_BYTES - 1, BY_REFERENCE_BYTES, 256 * 1024, 3 << 20];
    for (const size of sizes) {
      const body = Buffer.alloc(size);
      for (let i = 0; i < size; i++) body[i] = (i * 31) & 0xff;
      const { address } = await servers.start({
        plugins: [
          {
            plugin: pluginOf({
              requestBody: (ctx) => {
                ctx.mutate.replaceBody(body);
              },
            }),
          },
        ],
        transport: 'http2',
      });
      const session = servers.session(address);
      const r = await rawStream(session, PROCESS_PATH, [frame(bodyMessage(Buffer.from('{"a":1}')))]).response;
      expect(r.grpcStatus, `size ${size}`).toBe(0);
      expect(replacedBody(r.messages[0] as Buffer).equals(body), `size ${size}`).toBe(true);
    }
  });

  it('copies a view of a resizable ArrayBuffer at replaceBody, so shrinking it cannot cut the reply', async () => {
    type Resizable = ArrayBuffer & { resize(length: number): void };
    const Resizable = ArrayBuffer as unknown as new (
      length: number,
      o: { maxByteLength: number },
    ) => Resizable;
    const size = 4 * BY_REFERENCE_BYTES;
    const { address } = await servers.start({
      plugins: [
        {
          plugin: pluginOf({
            requestBody: (ctx) => {
              const memory = new Resizable(size, { maxByteLength: 2 * size });
              new Uint8Array(memory).fill(0x63);
              ctx.mutate.replaceBody(new Uint8Array(memory, 0, size));
              memory.resize(0);
            },
          }),
        },
      ],
      transport: 'http2',
    });
    const session = servers.session(address);
    const r = await rawStream(session, PROCESS_PATH, [frame(bodyMessage(Buffer.from('{}')))]).response;
    expect(r.grpcStatus).toBe(0);
    expect(replacedBody(r.messages[0] as Buffer).equals(Buffer.alloc(size, 0x63))).toBe(true);
  });
});
