/**
 * The stream state machine under random input, through both transports (fast-check): message
 * sequences Envoy sends and ones it never sends, random body modes, random DATA frame cuts,
 * random ends of the stream and a random outcome per plugin handler (continue, mutate, throw,
 * reject, hang past the budget, immediate response, body replacement). For every stream:
 * - nothing escapes: no stray error on the server, no unhandled error in the process (vitest
 *   fails the run on one);
 * - it ends: a stream the client half-closes gets its gRPC status within its time budget, and
 *   so does one that carries bytes that are not a `ProcessingRequest`; every reply decodes;
 * - nothing is kept: once the stream is over the processor counts no open stream, and
 *   `stream-retention.test.ts` checks the heap.
 * A failure prints the shrunk case and the seed to replay it (`fc.assert`'s report).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponse } from '../../src/protocol/codec.js';
import { PROCESS_PATH } from '../../src/protocol/service.js';
import type { TransportName } from '../../src/server/transport.js';
import { driveStream, type FuzzServer, startFuzzServer, waitIdle } from './fuzz-server.js';
import { answerableCase, dataFrames, type StreamCase, streamCase } from './sequences.js';

/** Longest a half-closed stream may take to get its status: handler budget × phases, with room. */
const STATUS_BUDGET_MS = 5_000;

/** Runs per transport and failure mode; each is one stream. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

const TRANSPORTS: readonly TransportName[] = ['http2', 'grpc-js', 'wire'];

describe.each(TRANSPORTS)('random streams over %s', (transport) => {
  const started: FuzzServer[] = [];
  beforeAll(async () => {
    started.push(await startFuzzServer(transport, 'closed'), await startFuzzServer(transport, 'open'));
  });
  afterAll(async () => {
    for (const s of started.splice(0)) await s.close();
  });

  it.each(['closed', 'open'] as const)(
    'failure mode %s: every stream ends, nothing escapes, nothing is kept',
    { timeout: 200_000 },
    async (mode) => {
      const server = started[mode === 'closed' ? 0 : 1] as FuzzServer;
      await fc.assert(
        fc.asyncProperty(streamCase, async (c: StreamCase) => {
          server.plan(c.outcomes);
          const malformed = c.items.some((i) => i.kind === 'garbage');
          const mustEnd = c.ending === 'halfClose' || (c.ending === 'open' && malformed);
          const frames = dataFrames(c);
          const result = await driveStream(
            server.session(),
            PROCESS_PATH,
            frames,
            c.ending,
            mustEnd,
            STATUS_BUDGET_MS,
          );
          if (mustEnd) {
            expect(result.timedOut, 'the stream did not end in time').toBe(false);
            expect(result.grpcStatus, 'the stream ended without a gRPC status').toBeDefined();
          }
          for (const reply of result.messages) expect(() => decodeResponse(reply)).not.toThrow();
          await waitIdle(server, STATUS_BUDGET_MS);
          expect(server.server.processor.activeStreams, 'a stream is still open on the server').toBe(0);
          expect(server.server.strayErrors.total, 'an error escaped').toBe(0);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it.each(['closed', 'open'] as const)(
    'failure mode %s: a stream kept open gets a reply to every message',
    { timeout: 200_000 },
    async (mode) => {
      const server = started[mode === 'closed' ? 0 : 1] as FuzzServer;
      await fc.assert(
        fc.asyncProperty(answerableCase, async (c: StreamCase) => {
          server.plan(c.outcomes);
          const frames = dataFrames(c);
          const result = await driveStream(
            server.session(),
            PROCESS_PATH,
            frames,
            'open',
            false,
            STATUS_BUDGET_MS,
            c.items.length,
          );
          expect(result.timedOut, `${result.messages.length} replies to ${c.items.length} messages`).toBe(
            false,
          );
          await waitIdle(server, STATUS_BUDGET_MS);
          expect(server.server.processor.activeStreams, 'a stream is still open on the server').toBe(0);
          expect(server.server.strayErrors.total, 'an error escaped').toBe(0);
        }),
        { numRuns: RUNS },
      );
    },
  );
});
