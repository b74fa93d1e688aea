/**
 * pan-mask scans large chunks in the worker pool and small ones inline: the committed corpus
 * (corpus/*.tsv) through both paths, in every body mode and chunking, must give the same bytes
 * and the same counts.
 */

import { createProcessor, type Processor } from 'attache-extproc';
import { type ExchangeResult, runExchange } from 'attache-extproc/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { workerPoolStats } from '../../src/workers/pool.js';
import { corpusBodies } from '../../test/support/pan-mask-corpus.js';
import panMask from './index.js';

const NS = 'attache.pan-mask';
const MODES = ['BUFFERED', 'STREAMED', 'FULL_DUPLEX_STREAMED'] as const;

/** Every corpus body (true positives and look-alikes), one per line: about 60 KiB. */
const CORPUS = corpusBodies().join('\n');

const made: Processor[] = [];
afterAll(async () => {
  for (const p of made) await p.close();
});

async function processor(workerThreshold: number): Promise<Processor> {
  const p = await createProcessor({
    plugins: [{ plugin: panMask, options: { workerThreshold } }],
    processingMode: { requestTrailerMode: 'SEND', responseTrailerMode: 'SEND' },
    timeoutMs: 8000,
    messageTimeoutMs: 9000,
  });
  made.push(p);
  return p;
}

/** The corpus cut into `size`-byte chunks. */
function chunks(size: number): Buffer[] {
  const bytes = Buffer.from(CORPUS);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

async function post(p: Processor, mode: (typeof MODES)[number], body: Buffer[]): Promise<ExchangeResult> {
  const r = await runExchange(p, {
    envoy: {
      messageTimeoutMs: 10_000,
      processingMode: { requestBodyMode: mode, requestTrailerMode: 'SEND' },
      metadataOptions: { receivingNamespaces: { untyped: [NS] } },
    },
    request: { method: 'POST', headers: { 'content-type': 'text/plain' }, body, pacing: 'on-idle' },
  });
  expect(r.violations).toEqual([]);
  return r;
}

describe('pan-mask: pool and inline scans are byte-identical', () => {
  for (const mode of MODES) {
    for (const size of [CORPUS.length, 4096, 777]) {
      it(`${mode}, chunks of ${size} bytes: same body and counts`, async () => {
        const tasks = () => workerPoolStats().plugins['pan-mask']?.tasks.ok ?? 0;
        const before = tasks();
        const inline = await post(await processor(2 ** 30), mode, chunks(size));
        expect(tasks()).toBe(before);
        const pooled = await post(await processor(0), mode, chunks(size));
        // Every chunk of the pooled run was scanned in the pool (a buffered body is one).
        expect(tasks() - before).toBeGreaterThanOrEqual(mode === 'BUFFERED' ? 1 : chunks(size).length);
        expect(pooled.upstream?.body.equals(inline.upstream?.body ?? Buffer.alloc(0))).toBe(true);
        expect(pooled.dynamicMetadata[NS]).toEqual(inline.dynamicMetadata[NS]);
        // The corpus has numbers: the comparison is not between two untouched bodies.
        expect(inline.upstream?.body.toString()).not.toBe(CORPUS);
        expect((inline.dynamicMetadata[NS] as { request: { total: number } }).request.total).toBeGreaterThan(
          500,
        );
      });
    }
  }
});
