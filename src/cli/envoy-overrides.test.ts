import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { captureStderr, captureStdout } from '../../test/support/capture-output.js';
import { envoyProcessingMode } from '../mode-override/filter-config.js';
import { withDefaults } from '../protocol/processing-mode.js';
import { renderOverrides } from './envoy-overrides.js';
import { run } from './run.js';

afterEach(() => vi.restoreAllMocks());

// A body plugin for /api only, and a plugin that may switch the request body to BUFFERED.
const PLUGIN = `import { definePlugin } from 'attache-extproc';
export default definePlugin({
  name: 'buffer-json',
  setup: () => ({
    modeOverrides: [{ requestBody: 'buffered' }],
    requestHeaders(ctx) {
      if (ctx.headers.get('content-type') === 'application/json') ctx.overrideMode({ requestBody: 'buffered' });
    },
    requestBody() {},
  }),
});
`;

async function config(allowModeOverride: boolean): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'attache-envoy-'));
  await writeFile(path.join(dir, 'buffer-json.js'), PLUGIN);
  const file = path.join(dir, 'attache.yaml');
  await writeFile(
    file,
    `envoy:\n  allowModeOverride: ${allowModeOverride}\nplugins:\n  - use: ./buffer-json.js\n    match: { path: /api }\n`,
  );
  return file;
}

describe('attache envoy overrides', () => {
  it('prints the filter lines: allow_mode_override and exactly the overrides attache may send', async () => {
    const file = await config(true);
    const stdout = captureStdout();
    expect(await run(['envoy', 'overrides', '--config', file, '--response-header-mode', 'send'])).toBe(0);
    const text = stdout();
    expect(text).toContain(`# From ${file}, behind an ext_proc filter with`);
    expect(text).toContain('#   processing_mode: { response_header_mode: SEND }');
    expect(parse(text)).toEqual({
      allow_mode_override: true,
      // Nobody needs the response, so every request override also skips it (the filter's SEND
      // would otherwise stand); the plugin's own one adds the buffered request body.
      allowed_override_modes: [
        { response_header_mode: 'SKIP', request_body_mode: 'BUFFERED' },
        { response_header_mode: 'SKIP' },
      ],
    });
  });

  it('--json, and a filter mode under which Envoy ignores overrides', async () => {
    const file = await config(true);
    const stdout = captureStdout();
    const flags = ['--request-body-mode', 'FULL_DUPLEX_STREAMED', '--request-trailer-mode', 'send', '--json'];
    expect(await run(['envoy', 'overrides', '--config', file, ...flags])).toBe(0);
    expect(JSON.parse(stdout())).toEqual({
      allow_mode_override: false,
      allowed_override_modes: [],
      ignored: 'Envoy ignores mode_override when a body mode is FULL_DUPLEX_STREAMED',
    });
  });

  it("reads the filter's mode from envoy.processingMode, and lists the trailers asked for a streamed body", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'attache-envoy-'));
    await writeFile(path.join(dir, 'buffer-json.js'), PLUGIN);
    const file = path.join(dir, 'attache.yaml');
    await writeFile(
      file,
      'envoy:\n  allowModeOverride: true\n  processingMode: { requestBodyMode: STREAMED }\nplugins:\n  - use: ./buffer-json.js\n',
    );
    const stdout = captureStdout();
    expect(await run(['envoy', 'overrides', '--config', file])).toBe(0);
    const text = stdout();
    expect(text).toContain('#   processing_mode: { request_body_mode: STREAMED }');
    expect(parse(text).allowed_override_modes).toEqual([
      { response_header_mode: 'SKIP', request_body_mode: 'BUFFERED' },
      { response_header_mode: 'SKIP', request_body_mode: 'STREAMED' },
      // the whole-body plugin sees the streamed body: attache asks for its trailers (§4.6)
      { response_header_mode: 'SKIP', request_body_mode: 'STREAMED', request_trailer_mode: 'SEND' },
    ]);
  });

  it('refuses a bad flag value or subcommand before loading anything', async () => {
    const stderr = captureStderr();
    expect(
      await run(['envoy', 'overrides', '--config', 'missing.yaml', '--response-header-mode', 'on']),
    ).toBe(1);
    expect(stderr()).toContain(
      'envoy overrides: --response-header-mode must be one of default|send|skip, got "on"',
    );
    expect(await run(['envoy', 'config'])).toBe(1);
    expect(stderr()).toContain('envoy: unknown subcommand "config"');
  });
});

describe('renderOverrides', () => {
  const context = { file: 'attache.yaml', allowModeOverride: false, processingMode: withDefaults({}) };

  it('no override: allow_mode_override false, and a hint when the config does not skip phases', () => {
    const text = renderOverrides({ modes: [], ignored: null }, context);
    expect(parse(text)).toEqual({ allow_mode_override: false });
    expect(text).toContain('envoy.allowModeOverride: true');
    expect(
      renderOverrides({ modes: [], ignored: null }, { ...context, allowModeOverride: true }),
    ).not.toContain('envoy.allowModeOverride');
  });

  it('writes an all-default mode as {}', () => {
    const mode = { ...withDefaults({}), requestHeaderMode: undefined };
    const text = renderOverrides({ modes: [withDefaults({})], ignored: null }, context);
    expect(parse(text).allowed_override_modes).toEqual([{}]);
    expect(envoyProcessingMode(mode)).toEqual({});
  });
});
