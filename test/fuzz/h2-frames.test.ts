/**
 * Random HTTP/2 connections against a real attache server on every transport (fast-check,
 * `h2-frame-cases.ts`): the preface, then random whole frames in random socket writes, then a
 * PING. For every connection:
 * - it is alive or closed, never stuck: the PING's acknowledgement comes back, or the server has
 *   closed the connection, within the budget;
 * - a connection the server closes gets a GOAWAY first, unless the client sent one itself
 *   (RFC 9113 §5.4.1: an endpoint that meets a connection error sends GOAWAY);
 * - what the server sends is well-formed: whole frames, on stream 0 or on a stream the client
 *   named, header blocks that decode, and a PING acknowledgement carrying our payload;
 * - nothing is kept: once the client is gone the processor counts no open stream;
 * - nothing escapes: no unhandled error in the process (vitest fails the run on one), and after
 *   every case the server still answers a well-formed call.
 * `wire` is attache's own HTTP/2 code; `http2` and `grpc-js` are node:http2's, run for the same
 * properties. A failure prints the shrunk case and its seed.
 */
import net, { type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameReader } from '../../src/h2/frame-reader.js';
import { Flag, FrameType, frame, PREFACE, settingsFrame } from '../../src/h2/frames.js';
import { HpackDecoder } from '../../src/h2/hpack-decoder.js';
import { silentLogger } from '../../src/log.js';
import { definePlugin } from '../../src/plugin/define-plugin.js';
import { PROCESS_PATH } from '../../src/protocol/service.js';
import { type AttacheServer, createServer } from '../../src/server/create-server.js';
import { TRANSPORTS } from '../../src/server/transport.js';
import { connect, rawStream } from '../support/raw-grpc.js';
import { type FrameCase, frameCase, REQUEST_HEADERS_MESSAGE } from './h2-frame-cases.js';

/** Connections per transport. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
/** How long a connection may take to acknowledge the PING or close. */
const ANSWER_BUDGET_MS = 3_000;
/** How long the server may take to let go of a gone client's streams. */
const IDLE_BUDGET_MS = 3_000;

/** What one fuzzed connection did. */
interface Outcome {
  readonly acked: boolean;
  readonly closed: boolean;
  /** The error code of the server's GOAWAY, if it sent one. */
  readonly goaway: number | undefined;
  /** Protocol faults in what the server sent (empty when it was well-formed). */
  readonly faults: string[];
}

/** Stream ids a client frame names (HEADERS and every other frame type alike). */
function namedIds(c: FrameCase): Set<number> {
  const ids = new Set<number>([0]);
  for (const f of c.frames) ids.add(f.bytes.readUInt32BE(5) & 0x7fff_ffff);
  return ids;
}

/**
 * Runs one case. With `stopAtGoaway` the case is over at the server's GOAWAY, closed or not (for
 * node:http2 on Node 20, which never closes after one: see the test).
 */
async function drive(
  port: number,
  c: FrameCase,
  stopAtGoaway = false,
  budgetMs = ANSWER_BUDGET_MS,
): Promise<Outcome> {
  const probe = Buffer.from('fuzzping');
  const named = namedIds(c);
  const faults: string[] = [];
  const decoder = new HpackDecoder();
  let acked = false;
  let goaway: number | undefined;
  let closed = false;
  let over: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    over = resolve;
  });
  const reader = new FrameReader(1 << 24, (type, flags, id, payload) => {
    if (!named.has(id)) faults.push(`frame type ${type} on stream ${id}, which the client never named`);
    if (type === FrameType.GOAWAY && payload.length >= 8) {
      goaway = payload.readUInt32BE(4);
      if (stopAtGoaway) over();
    }
    if (type === FrameType.PING && flags & Flag.ACK && Buffer.compare(payload, probe) === 0) {
      acked = true;
      over();
    }
    if (type === FrameType.HEADERS) {
      try {
        decoder.decode(payload);
      } catch (error) {
        faults.push(`HEADERS on ${id} does not decode: ${(error as Error).message}`);
      }
    }
  });
  const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
  socket.on('error', () => {});
  socket.on('data', (chunk: Buffer) => {
    try {
      reader.push(chunk);
    } catch (error) {
      faults.push(`server bytes are not HTTP/2 frames: ${(error as Error).message}`);
    }
  });
  socket.on('close', () => {
    closed = true;
    over();
  });
  const budget = setTimeout(over, budgetMs);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const bytes = Buffer.concat([PREFACE, settingsFrame([]), ...c.frames.map((f) => f.bytes)]);
  const ends = [...c.cuts.map((cut) => cut + PREFACE.length + 9), bytes.length];
  let at = 0;
  for (const end of ends) {
    if (socket.destroyed) break;
    socket.write(bytes.subarray(at, end));
    at = end;
    await new Promise((r) => setImmediate(r));
  }
  if (!socket.destroyed) socket.write(frame(FrameType.PING, 0, 0, probe));
  await done;
  clearTimeout(budget);
  socket.destroy();
  return { acked, closed, goaway, faults };
}

describe.each(TRANSPORTS)('random HTTP/2 frames over %s', (transport) => {
  let server: AttacheServer;
  let port = 0;
  // node:http2 on Node 20 sends GOAWAY for a connection error, then stops reading the socket and
  // neither closes it nor tells the server (no 'error', no 'close'): the streams the peer opened
  // stay open even after it goes away, until a keepalive PING goes unanswered (Node 24 closes at
  // once; Node 22 was not checked, so it is treated as 20). Checked with a bare node:http2 server;
  // README, Keepalive, tells Node 20 users. Here the keepalive is short, so the no-stream-kept
  // check holds there too.
  const keepsErroredOpen = transport !== 'wire' && Number(process.versions.node.split('.')[0]) < 24;

  beforeAll(async () => {
    server = await createServer({
      plugins: [
        {
          plugin: definePlugin({
            name: 'fuzz-frames',
            setup: () => ({ requestHeaders: (ctx) => void ctx.mutate.set('x-fuzz', '1') }),
          }),
        },
      ],
      transport,
      timeoutMs: 50,
      ...(keepsErroredOpen ? { keepalive: { timeMs: 1_000, timeoutMs: 500 } } : {}),
      log: silentLogger,
    });
    const { address } = await server.listen('127.0.0.1:0');
    port = Number(address.slice(address.lastIndexOf(':') + 1));
  });
  afterAll(async () => {
    await server.close(100);
  });

  it('keeps every connection alive or closes it with a GOAWAY, sends well-formed frames, keeps no stream', async () => {
    await fc.assert(
      fc.asyncProperty(frameCase, async (c) => {
        const outcome = await drive(port, c, keepsErroredOpen);
        const clientGoaway = c.frames.some((f) => f.bytes[3] === FrameType.GOAWAY);
        expect(outcome.faults).toEqual([]);
        const stopped = outcome.closed || (keepsErroredOpen && outcome.goaway !== undefined);
        expect(outcome.acked || stopped, 'neither the PING acknowledged nor the connection closed').toBe(
          true,
        );
        if (outcome.closed && !outcome.acked && !clientGoaway)
          expect(outcome.goaway, 'closed without a GOAWAY').toBeDefined();
        // RFC 9113 §5.4.1: after a GOAWAY for an error, the endpoint closes the connection.
        if (outcome.goaway !== undefined && outcome.goaway !== 0 && !keepsErroredOpen)
          expect(outcome.closed, `GOAWAY ${outcome.goaway} but the connection stays open`).toBe(true);
        const until = Date.now() + IDLE_BUDGET_MS;
        while (server.processor.activeStreams > 0 && Date.now() < until)
          await new Promise((r) => setTimeout(r, 5));
        expect(server.processor.activeStreams, 'streams still open after the client left').toBe(0);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('still answers a well-formed call after the random connections', async () => {
    const session = connect(`127.0.0.1:${port}`);
    try {
      const response = await rawStream(session, PROCESS_PATH, [REQUEST_HEADERS_MESSAGE]).response;
      expect(response.grpcStatus).toBe(0);
      expect(response.messages).toHaveLength(1);
    } finally {
      session.destroy();
    }
  });
});

// The probe itself must be able to fail: a server that reads and never answers is "stuck".
describe('the frame fuzz probe', () => {
  it('reports a server that neither acknowledges the PING nor closes', async () => {
    const silent = net.createServer((socket) => socket.on('data', () => {}));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const outcome = await drive(
        (silent.address() as AddressInfo).port,
        {
          frames: [{ bytes: frame(FrameType.PING, 0, 0, Buffer.alloc(8)), label: 'PING' }],
          cuts: [],
        },
        false,
        300,
      );
      expect(outcome).toMatchObject({ acked: false, closed: false });
    } finally {
      silent.close();
    }
  });
});
