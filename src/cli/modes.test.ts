import { describe, expect, it } from 'vitest';
import { processingModeFromFlags } from './modes.js';

describe('processingModeFromFlags', () => {
  it("keeps Envoy's defaults and adds the trailer SEND that FULL_DUPLEX_STREAMED requires", () => {
    expect(processingModeFromFlags('dev', undefined, undefined)).toEqual({
      requestBodyMode: 'NONE',
      responseBodyMode: 'NONE',
    });
    expect(processingModeFromFlags('send', 'Full_Duplex_Streamed', 'streamed')).toEqual({
      requestBodyMode: 'FULL_DUPLEX_STREAMED',
      responseBodyMode: 'STREAMED',
      requestTrailerMode: 'SEND',
    });
  });

  it('names the command and flag for an unknown mode', () => {
    expect(() => processingModeFromFlags('send', 'grpc', undefined)).toThrow(
      'send: --request-body-mode must be one of none|streamed|buffered|buffered_partial|full_duplex_streamed, got "grpc"',
    );
  });
});
