import { createProcessor } from 'attache-extproc';
import { runExchange } from 'attache-extproc/testing';
import { describe, expect, it } from 'vitest';
import maskWord from './mask-word.js';

describe('mask-word', () => {
  it('masks the word in every body mode, wherever a chunk boundary cuts it', async () => {
    const processor = await createProcessor({
      plugins: [{ plugin: maskWord, options: { word: 'SECRET' } }],
      // As the filter below: it sends the trailers, so attache sees where a streamed body ends.
      processingMode: { requestTrailerMode: 'SEND' },
    });
    const body = 'aSECRETbSECRET';
    for (const requestBodyMode of ['BUFFERED', 'STREAMED', 'FULL_DUPLEX_STREAMED'] as const) {
      for (let cut = 0; cut <= body.length; cut++) {
        const result = await runExchange(processor, {
          envoy: { processingMode: { requestBodyMode, requestTrailerMode: 'SEND' } },
          request: { method: 'POST', body: [body.slice(0, cut), body.slice(cut)], pacing: 'on-idle' },
        });
        expect(result.violations).toEqual([]);
        expect(result.upstream?.body.toString(), `${requestBodyMode}, cut at ${cut}`).toBe('a******b******');
      }
    }
  });
});
