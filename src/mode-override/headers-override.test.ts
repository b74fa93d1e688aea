/**
 * The shared override of a headers reply is the one working it out per stream gives (the phase
 * skip, then the trailers asked for, then Envoy's proto), for random pipelines, plugin
 * selections, phases and body modes; it is made once per combination and stays bounded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHASES, Pipeline } from '../pipeline/pipeline.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { Handlers } from '../plugin/types.js';
import { decodeResponse, encodeResponseFrame } from '../protocol/codec.js';
import { headersOverride, MAX_HEADERS_OVERRIDES } from './headers-override.js';
import { skipOverride } from './phase-skip.js';
import { modeOverride } from './proto.js';
import { askTrailers } from './trailers.js';

const noop = () => undefined;

/** A pipeline whose plugin `i` handles the phases of bit mask `masks[i]`. */
function pipelineOf(masks: readonly number[], trailers: 'SEND' | 'SKIP') {
  return Pipeline.create(
    masks.map((mask, i) => {
      const handlers: Handlers = {};
      PHASES.forEach((phase, bit) => {
        if ((mask & (1 << bit)) !== 0) (handlers as Record<string, unknown>)[phase] = noop;
      });
      return { plugin: definePlugin({ name: `p${i}`, setup: () => handlers }) };
    }),
    {
      allowModeOverride: true,
      processingMode: { requestTrailerMode: trailers, responseTrailerMode: trailers },
    },
  );
}

/** What answerHeaders worked out per stream before the cache (no explicit override). */
function perStream(
  p: Pipeline,
  runs: Uint8Array | null,
  requestRuns: Uint8Array | null,
  phase: 'requestHeaders' | 'responseHeaders',
  eos: boolean,
  requestBody: number,
  responseBody: number,
) {
  const skip = skipOverride(
    p,
    runs,
    phase,
    !eos && phase === 'requestHeaders' && requestBody !== 0,
    responseBody !== 0,
  );
  const wanted = askTrailers(
    p,
    requestRuns,
    runs,
    phase,
    !eos && phase === 'requestHeaders',
    skip,
    requestBody,
    responseBody,
  );
  return wanted === null ? undefined : modeOverride(wanted, requestBody, responseBody);
}

const selection = (n: number) =>
  fc.option(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { nil: null });

describe('headersOverride', () => {
  it('equals the per-stream computation, and its unchanged reply carries exactly that override', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 63 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('SEND' as const, 'SKIP' as const),
        fc.array(
          fc.record({
            runs: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
            requestRuns: selection(4),
            matched: fc.boolean(),
            phase: fc.constantFrom('requestHeaders' as const, 'responseHeaders' as const),
            eos: fc.boolean(),
            requestBody: fc.integer({ min: 0, max: 4 }),
            responseBody: fc.integer({ min: 0, max: 4 }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        async (masks, trailers, cases) => {
          const p = await pipelineOf(masks, trailers);
          for (const c of cases) {
            const runs = c.matched ? Uint8Array.from(c.runs.slice(0, masks.length), Number) : null;
            // Set together at the request headers, so never a response selection without a request one.
            const requestRuns =
              runs === null
                ? null
                : Uint8Array.from((c.requestRuns ?? c.runs).slice(0, masks.length), Number);
            const args = [p, runs, requestRuns, c.phase, c.eos, c.requestBody, c.responseBody] as const;
            const made = headersOverride(...args);
            expect(made.mode).toEqual(perStream(...args));
            expect(headersOverride(...args)).toBe(made);
            if (made.mode === undefined) {
              expect(made.unchanged).toBeNull();
            } else {
              expect(Object.isFrozen(made.mode)).toBe(true);
              const frame = encodeResponseFrame(made.unchanged as NonNullable<typeof made.unchanged>);
              expect(encodeResponseFrame(made.unchanged as NonNullable<typeof made.unchanged>)).toBe(frame);
              expect(decodeResponse(frame.subarray(5))).toEqual(
                decodeResponse(
                  encodeResponseFrame({
                    response: { $case: c.phase, value: {} },
                    modeOverride: perStream(...args),
                  }).subarray(5),
                ),
              );
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it(`keeps at most ${MAX_HEADERS_OVERRIDES} combinations per pipeline, and works out the rest per call`, async () => {
    // Six plugins with one phase each: 2^6 selections x 2 phases x 2 ends x 25 mode pairs.
    const p = await pipelineOf([1, 2, 4, 8, 16, 32], 'SEND');
    let calls = 0;
    for (let selected = 0; selected < 64; selected++) {
      const runs = Uint8Array.from({ length: 6 }, (_, i) => (selected >> i) & 1);
      for (const phase of ['requestHeaders', 'responseHeaders'] as const) {
        for (const eos of [false, true]) {
          for (let requestBody = 0; requestBody <= 4; requestBody++) {
            for (let responseBody = 0; responseBody <= 4; responseBody++) {
              const args = [p, runs, runs, phase, eos, requestBody, responseBody] as const;
              expect(headersOverride(...args).mode).toEqual(perStream(...args));
              calls++;
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(MAX_HEADERS_OVERRIDES);
    expect(p.headersOverrides.size).toBe(MAX_HEADERS_OVERRIDES);
  });
});
