import { describe, expect, it } from 'vitest';
import { processingModeFromFlags } from './modes.js';

describe('processingModeFromFlags', () => {
  it("keeps Envoy's defaults and sends the trailers of a streamed body", () => {
    expect(processingModeFromFlags('dev', undefined, undefined)).toEqual({
      requestBodyMode: 'NONE',
      responseBodyMode: 'NONE',
    });
    expect(processingModeFromFlags('send', 'Full_Duplex_Streamed', 'streamed')).toEqual({
      requestBodyMode: 'FULL_DUPLEX_STREAMED',
      responseBodyMode: 'STREAMED',
      requestTrailerMode: 'SEND',
      responseTrailerMode: 'SEND',
    });
    expect(processingModeFromFlags('send', 'buffered', undefined)).toEqual({
      requestBodyMode: 'BUFFERED',
      responseBodyMode: 'NONE',
    });
  });

  it("starts from the config's processing mode; flags replace its body modes", () => {
    const base = {
      requestBodyMode: 'STREAMED',
      responseHeaderMode: 'SKIP',
      requestTrailerMode: 'SKIP',
    } as const;
    // The config's trailer mode stands, even where it hides the end of the body (attache then
    // refuses the start, naming the field).
    expect(processingModeFromFlags('dev', undefined, undefined, base)).toEqual({
      ...base,
      responseBodyMode: 'NONE',
    });
    expect(processingModeFromFlags('dev', 'none', 'streamed', base)).toEqual({
      ...base,
      requestBodyMode: 'NONE',
      responseBodyMode: 'STREAMED',
      responseTrailerMode: 'SEND',
    });
  });

  it('names the command and flag for an unknown mode', () => {
    expect(() => processingModeFromFlags('send', 'grpc', undefined)).toThrow(
      'send: --request-body-mode must be one of none|streamed|buffered|buffered_partial|full_duplex_streamed, got "grpc"',
    );
  });
});
