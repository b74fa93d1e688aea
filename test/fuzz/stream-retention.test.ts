/**
 * Nothing outlives its stream: after many random streams (the fuzz cases of
 * `stream-sequences.test.ts`, every ending and plugin outcome) are over, a full garbage
 * collection frees every stream context the plugin was handed. A context held by anything
 * (a timer not cleared, a map entry not deleted, a listener not removed) keeps its whole
 * stream (exchange, header maps, bodies) alive and shows up here, on either transport.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS_PATH } from '../../src/protocol/service.js';
import type { TransportName } from '../../src/server/transport.js';
import { driveStream, type FuzzServer, startFuzzServer, waitIdle } from './fuzz-server.js';
import { dataFrames, streamCase } from './sequences.js';

// A full (mark-compact) collection on demand, without starting the test process with --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const STREAMS = 300;
const BUDGET_MS = 5_000;

describe.each(['http2', 'grpc-js', 'wire'] as TransportName[])('stream retention over %s', (transport) => {
  let server: FuzzServer;
  beforeAll(async () => {
    server = await startFuzzServer(transport, 'closed');
  });
  afterAll(() => server.close());

  it(`frees every stream of ${STREAMS} random ones once they are over`, { timeout: 120_000 }, async () => {
    const cases = fc.sample(streamCase, { numRuns: STREAMS, seed: 42 });
    for (const c of cases) {
      server.plan(c.outcomes);
      await driveStream(
        server.session(),
        PROCESS_PATH,
        dataFrames(c),
        c.ending,
        c.ending === 'halfClose',
        BUDGET_MS,
      );
    }
    await waitIdle(server, BUDGET_MS);
    expect(server.server.processor.activeStreams).toBe(0);
    expect(server.seen.length).toBeGreaterThan(STREAMS / 2);
    // WeakRef targets stay alive until the current job ends: collect from a later macrotask.
    await new Promise((r) => setTimeout(r, 50));
    gc();
    await new Promise((r) => setTimeout(r, 0));
    gc();
    const alive = new Set(server.seen.map((ref) => ref.deref()).filter((s) => s !== undefined));
    expect(
      alive.size,
      `${alive.size} stream contexts of ${new Set(server.seen).size} outlived their streams`,
    ).toBe(0);
  });
});
