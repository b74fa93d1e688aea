/** The processing mode derived from what the plugins read (and from their match conditions). */
import { describe, expect, it } from 'vitest';
import { configWith, project } from '../../test/support/envoy-project.js';
import { loadContext } from './context.js';

const modeFor = async (plugins: string[], extra?: string) =>
  (await loadContext(await project(configWith(plugins, extra)))).settings;

describe('deriveProcessingMode', () => {
  it('sends only the request headers to a pipeline that reads only them', async () => {
    const s = await modeFor(['req-headers']);
    expect(s.processingMode).toEqual({
      requestHeaderMode: 'SEND',
      responseHeaderMode: 'SKIP',
      requestBodyMode: 'NONE',
      responseBodyMode: 'NONE',
      requestTrailerMode: 'SKIP',
      responseTrailerMode: 'SKIP',
    });
    expect(s.modeReasons).toContain('requestBodyMode: NONE (no plugin reads the request body)');
  });

  it('skips the request headers when only the response headers are read', async () => {
    const s = await modeFor(['resp-headers']);
    expect(s.processingMode).toMatchObject({ requestHeaderMode: 'SKIP', responseHeaderMode: 'SEND' });
  });

  it('buffers a body read whole, and streams one read in chunks with its trailers', async () => {
    const s = await modeFor(['whole-body', 'chunk-body']);
    expect(s.processingMode).toMatchObject({
      requestBodyMode: 'BUFFERED',
      requestTrailerMode: 'SKIP',
      responseBodyMode: 'STREAMED',
      responseTrailerMode: 'SEND',
    });
    expect(s.modeReasons).toContain('responseBodyMode: STREAMED ("chunk-body" reads it in chunks)');
    expect(s.modeReasons).toContain(
      'responseTrailerMode: SEND (the response body streams: its trailers mark where it ends)',
    );
  });

  it('sends trailers a plugin reads', async () => {
    expect((await modeFor(['trailers'])).processingMode).toMatchObject({
      requestTrailerMode: 'SEND',
      requestHeaderMode: 'SKIP',
    });
  });

  it('sends the headers a match condition is evaluated on', async () => {
    const file = await project(
      'envoy:\n  upstream: 127.0.0.1:8080\nplugins:\n  - use: ./chunk-body.js\n    match: { path: /api, responseContentType: application/json }\n',
    );
    const { settings } = await loadContext(file);
    expect(settings.processingMode).toMatchObject({ requestHeaderMode: 'SEND', responseHeaderMode: 'SEND' });
    expect(settings.modeReasons).toContain('requestHeaderMode: SEND (match conditions of "chunk-body")');
  });

  it('sends the request headers when attache may answer them with a mode_override', async () => {
    const s = await modeFor(
      ['whole-body'],
      'envoy:\n  upstream: 127.0.0.1:8080\n  allowModeOverride: true\n',
    );
    expect(s.processingMode.requestHeaderMode).toBe('SEND');
  });

  it('sends nothing to a pipeline without plugins', async () => {
    const s = await modeFor([]);
    expect(Object.values(s.processingMode)).toEqual(['SKIP', 'SKIP', 'NONE', 'NONE', 'SKIP', 'SKIP']);
  });

  it('keeps the fields envoy.processingMode declares, derives the rest, and remembers what is needed', async () => {
    const s = await modeFor(
      ['whole-body'],
      'envoy:\n  upstream: 127.0.0.1:8080\n  processingMode: { requestBodyMode: STREAMED, requestTrailerMode: SEND }\n',
    );
    expect(s.processingMode).toMatchObject({
      requestBodyMode: 'STREAMED',
      requestTrailerMode: 'SEND',
      responseHeaderMode: 'SKIP',
    });
    expect(s.neededMode.requestBodyMode).toBe('BUFFERED');
    expect(s.modeReasons).toContain('requestBodyMode: STREAMED (envoy.processingMode)');
  });
});
