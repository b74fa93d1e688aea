import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureStdout } from '../../test/support/capture-output.js';
import { useServers } from '../../test/support/servers.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { respond } from '../plugin/respond.js';
import { rawH2Server } from '../testing/fixtures/raw-h2-server.js';
import { send } from './send.js';

const servers = useServers();
afterEach(() => {
  vi.restoreAllMocks();
});

async function start() {
  const plugin = definePlugin({
    name: 'demo',
    setup: () => ({
      requestHeaders: (ctx) => {
        if (ctx.headers.get(':path') === '/deny') return respond(403, { body: 'no\n' });
        ctx.mutate.set('x-demo', ctx.headers.get('x-in') ?? 'none');
        return undefined;
      },
      requestBody: (ctx) => void ctx.mutate.replaceBody(ctx.body.text().toUpperCase()),
    }),
  });
  return (await servers.start({ plugins: [{ plugin }] })).address;
}

describe('attache send', () => {
  it('redacts credential headers (length and fingerprint shown) in text and JSON, unless --show-secrets', async () => {
    const target = await start();
    const secrets = ['mk-auth-51aa', 'mk-cookie-0b7e', 'mk-proxy-c2d9'];
    const args = [
      '--target',
      target,
      '--path',
      '/x',
      '-H',
      `authorization: Bearer ${secrets[0]}`,
      '-H',
      `cookie: sid=${secrets[1]}`,
      '-H',
      `proxy-authorization: Basic ${secrets[2]}`,
      '-H',
      'x-in: visible',
    ];
    for (const extra of [[], ['--json']]) {
      const out = captureStdout();
      expect(await send([...args, ...extra])).toBe(0);
      const text = out();
      vi.restoreAllMocks();
      expect(
        secrets.filter((s) => text.includes(s)),
        `redacted in ${extra.join(' ') || 'text'}`,
      ).toEqual([]);
      expect(text).toContain('visible');
      expect(text).toMatch(/\[redacted: \d+ bytes, sha256 [0-9a-f]{8}\]/);
    }
    const out = captureStdout();
    expect(await send([...args, '--show-secrets'])).toBe(0);
    expect(out()).toContain(`authorization: Bearer ${secrets[0]}`);
  });

  it('prints what the upstream and the client see', async () => {
    const target = await start();
    const out = captureStdout();
    const code = await send([
      '--target',
      target,
      '--path',
      '/x',
      '-H',
      'x-in: hi',
      '-X',
      'POST',
      '-d',
      'body',
      '--request-body-mode',
      'buffered',
    ]);
    expect(code).toBe(0);
    expect(out()).toContain('  x-demo: hi');
    expect(out()).toContain('  BODY');
    expect(out()).toContain('client received: 200');
    expect(out()).toContain('protocol: no violations');
  });

  it('shows an immediate response and prints JSON on request', async () => {
    const target = await start();
    const out = captureStdout();
    expect(await send(['--target', target, '--path', '/deny', '--json'])).toBe(0);
    const result = JSON.parse(out()) as { downstream: { status: number }; upstream: unknown };
    expect(result.downstream.status).toBe(403);
    expect(result.upstream).toBeNull();
  });

  it('refuses a malformed header flag and an unknown body mode', async () => {
    await expect(send(['-H', 'nocolon'])).rejects.toThrow(/name: value/);
    await expect(send(['--request-body-mode', 'sometimes'])).rejects.toThrow(
      /request-body-mode must be one of/,
    );
    await expect(send(['--status', 'ok'])).rejects.toThrow(
      'send: --status must be an integer from 100 to 599, got "ok"',
    );
    await expect(send(['--message-timeout-ms=-1'])).rejects.toThrow(
      'send: --message-timeout-ms must be an integer from 0 to 3600000, got "-1"',
    );
  });

  it("--close: reset is Envoy's END_STREAM then RST_STREAM, graceful waits for the server's trailers; unix: targets work", async () => {
    const raw = await rawH2Server(undefined, { unix: true });
    try {
      const out = captureStdout();
      expect(await send(['--target', raw.address])).toBe(0);
      expect(await send(['--target', raw.address, '--close', 'graceful'])).toBe(0);
      expect(out()).toContain('protocol: no violations');
      await Promise.all(raw.calls.map((call) => call.closed));
      // http2.constants: NGHTTP2_CANCEL = 8 (the reset), NGHTTP2_NO_ERROR = 0 (no reset).
      expect(raw.calls.map((call) => [call.halfClosed, call.rstCode])).toEqual([
        [true, 8],
        [true, 0],
      ]);
    } finally {
      await raw.close();
    }
    await expect(send(['--close', 'auto'])).rejects.toThrow(
      'send: --close must be one of reset|graceful, got "auto"',
    );
  });
});
