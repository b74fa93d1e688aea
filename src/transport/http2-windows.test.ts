/**
 * The http2 transport's receive windows against a client with large windows of its own, as Envoy
 * has: many big bodies in flight each way must all be answered. On Node 20, raising both the
 * stream and the connection window stalled such a connection part-way through a reply (see
 * `RAISE_STREAM_WINDOW` in http2.ts).
 */
import type http2 from 'node:http2';
import { describe, expect, it } from 'vitest';
import { frame } from '../../test/support/raw-grpc.js';
import { pluginOf, useServers } from '../../test/support/servers.js';
import { encodeRequest } from '../protocol/codec.js';
import { PROCESS_PATH } from '../protocol/service.js';

const servers = useServers();
const BODY = 256 * 1024;
const WINDOW = 16 * 1024 * 1024;

const request = frame(
  encodeRequest({
    request: {
      $case: 'requestBody',
      value: { body: Buffer.alloc(BODY, 0x61), endOfStream: true, endOfStreamWithoutMessage: false },
    },
  }),
);
const replacement = Buffer.alloc(BODY, 0x62);

/** One call: the request frame with END_STREAM; resolves with the bytes of the reply stream. */
function call(session: http2.ClientHttp2Session): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ':method': 'POST',
      ':path': PROCESS_PATH,
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    stream.on('error', reject);
    stream.on('close', () => resolve(bytes));
    stream.end(request);
  });
}

describe('http2 transport windows', () => {
  it('answers 600 calls of 256 KiB each way, 64 in flight over 2 connections with 16 MiB client windows', async () => {
    const { address } = await servers.start({
      plugins: [{ plugin: pluginOf({ requestBody: (ctx) => void ctx.mutate.replaceBody(replacement) }) }],
      transport: 'http2',
    });
    const sessions = [0, 1].map(() => {
      // The client's own session memory must hold what its windows let in: node:http2's default
      // (10 MB) is below them, the likely reason a busy machine once saw this session end with
      // ENHANCE_YOUR_CALM while the server did nothing wrong.
      const session = servers.session(address, {
        settings: { initialWindowSize: WINDOW },
        maxSessionMemory: 64, // megabytes: four times the 16 MiB window
      });
      session.on('connect', () => session.setLocalWindowSize(WINDOW));
      return session;
    });
    const sizes: number[] = [];
    let started = 0;
    async function lane(): Promise<void> {
      while (started < 600) {
        const session = sessions[started++ % 2] as http2.ClientHttp2Session;
        sizes.push(await call(session));
      }
    }
    await Promise.all(Array.from({ length: 64 }, lane));
    expect(sizes).toHaveLength(600);
    // Each reply: one gRPC message holding the replaced 256 KiB body and its envelope.
    expect(Math.min(...sizes)).toBeGreaterThan(BODY);
  }, 20_000);
});
