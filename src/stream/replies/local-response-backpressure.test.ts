/**
 * Backpressure of streamed local responses: the producer is not pulled while the transport's
 * buffer is full, and stops once the stream ends. First with a controllable sink, then over
 * each transport with an HTTP/2 client that never reads.
 */
import http2 from 'node:http2';
import { describe, expect, it } from 'vitest';
import { useServers } from '../../../test/support/servers.js';
import { ProcessingRequest } from '../../gen/envoy/service/ext_proc/v3/external_processor.js';
import { definePlugin } from '../../plugin/define-plugin.js';
import { respond } from '../../plugin/respond.js';
import { PROCESS_PATH } from '../../protocol/service.js';
import type { TransportName } from '../../server/create-server.js';
import { streamLocalResponse } from './local-response.js';

const PIECE = 'x'.repeat(64 * 1024);

/** A producer that counts how often it was asked for a piece, and whether it was closed. */
function producer(limit: number) {
  const state = { pulls: 0, closed: false };
  async function* body() {
    try {
      for (; state.pulls < limit; ) {
        state.pulls++;
        yield PIECE;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, body: body() };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('streamLocalResponse backpressure', () => {
  it('waits for whenWritable before pulling the next piece, and stops when the stream ended', async () => {
    const { state, body } = producer(1000);
    let writable = true;
    let release: (() => void) | undefined;
    let ended = false;
    const sent: string[] = [];
    const sink = {
      get ended() {
        return ended;
      },
      send(reply: { response?: { $case: string } }) {
        sent.push(reply.response?.$case ?? '');
        return writable;
      },
      whenWritable: () => new Promise<void>((resolve) => (release = resolve)),
    };
    // A transport that is never full: the producer runs to its end.
    await streamLocalResponse(sink as never, respond(200, { body }), null);
    expect(state.pulls).toBe(1000);
    expect(sent.at(-1)).toBe('streamedImmediateResponse');

    const second = producer(1000);
    writable = false;
    const d2 = streamLocalResponse(sink as never, respond(200, { body: second.body }), null);
    await settle();
    expect(second.state.pulls).toBe(1); // sent one piece, buffer full: waits
    release?.();
    await settle();
    expect(second.state.pulls).toBe(2);
    ended = true;
    release?.();
    await d2;
    expect(second.state.pulls).toBe(2);
    expect(second.state.closed).toBe(true); // the generator was returned: no leak
  });
});

describe.each<TransportName>(['grpc-js', 'http2', 'wire'])('over %s', (transport) => {
  const servers = useServers();

  it('a client that stops reading stops the producer; resetting the stream releases it', async () => {
    const { state, body } = producer(4000); // 250 MiB if nobody held it back
    const plugin = definePlugin({
      name: 'big',
      setup: () => ({ requestHeaders: () => respond(200, { body }) }),
    });
    const { server, address } = await servers.start({ plugins: [{ plugin }], transport });
    const client = servers.session(address);
    const req = client.request({
      ':method': 'POST',
      ':path': PROCESS_PATH,
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    req.pause(); // never read: HTTP/2 flow control stops the server after its windows fill
    const message = ProcessingRequest.encode({
      request: { $case: 'requestHeaders', value: { headers: { headers: [] }, endOfStream: true } },
      // Request body mode NONE: attache may stream the local response (§5.5).
      protocolConfig: {
        requestBodyMode: 0,
        responseBodyMode: 0,
        sendBodyWithoutWaitingForHeaderResponse: false,
      },
    }).finish();
    const frame = Buffer.alloc(5 + message.length);
    frame.writeUInt32BE(message.length, 1);
    frame.set(message, 5);
    req.write(frame);
    // Wait until the producer stops moving (or gives up after 5 s of progress). A loaded
    // machine may take longer than one settle() to start it: 0 pulls is not "stopped".
    let last = -1;
    for (let i = 0; i < 250 && (state.pulls !== last || state.pulls === 0); i++) {
      last = state.pulls;
      await settle();
    }
    expect(state.pulls).toBeGreaterThan(0);
    expect(state.pulls).toBeLessThan(400); // < 25 MiB buffered, not 250 MiB
    req.close(http2.constants.NGHTTP2_CANCEL);
    for (let i = 0; i < 100 && !state.closed; i++) await settle();
    expect(state.closed).toBe(true);
    expect(server.processor.activeStreams).toBe(0);
  });
});
