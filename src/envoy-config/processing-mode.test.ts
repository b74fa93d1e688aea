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

  it('buffers a body a plugin changes the headers from, sends those headers, even when another reads it in chunks', async () => {
    const fromBody = `import { definePlugin } from 'attache-extproc';
export default definePlugin({ name: 'from-body', setup: () => ({
  headersFromBody: ['response'],
  responseBody(ctx) { ctx.mutate.set('x-n', String(ctx.body.length)); },
}) });
`;
    const file = await project(configWith(['from-body', 'chunk-body']), { 'from-body.js': fromBody });
    const s = (await loadContext(file)).settings;
    expect(s.processingMode).toMatchObject({
      responseHeaderMode: 'SEND',
      responseBodyMode: 'BUFFERED',
      responseTrailerMode: 'SKIP',
    });
    expect(s.modeReasons).toContain(
      'responseBodyMode: BUFFERED ("from-body" changes the response headers from the whole body: Envoy ignores header changes in streamed body replies; "chunk-body" reads it in chunks and gets it as one)',
    );
    expect(s.modeReasons).toContain(
      'responseHeaderMode: SEND ("from-body" changes them from the body: Envoy applies that only to headers it holds)',
    );
  });

  it('buffers the direction whose transform header or status templates read the body, and only that one', async () => {
    const config = `envoy:
  upstream: 127.0.0.1:8080
plugins:
  - use: transform
    options:
      request: { body: { parseAs: json }, set: { x-user: '{{user.id}}' } }
  - use: ./chunk-body.js
`;
    const s = (await loadContext(await project(config))).settings;
    expect(s.processingMode).toMatchObject({ requestBodyMode: 'BUFFERED', responseBodyMode: 'STREAMED' });
    expect(s.modeReasons).toContain(
      'requestBodyMode: BUFFERED ("transform" changes the request headers from the whole body: Envoy ignores header changes in streamed body replies)',
    );
  });
});
