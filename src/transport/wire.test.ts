/**
 * The `wire` transport and a third independent client, curl (libcurl with nghttp2), for a
 * health check and an ext_proc call. (Envoy's close over wire: http2-resets.test.ts.)
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frame, messagesOf } from '../../test/support/raw-grpc.js';
import { useServers } from '../../test/support/servers.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { decodeResponse, encodeRequest } from '../protocol/codec.js';
import { PROCESS_PATH } from '../protocol/service.js';
import { HEALTH_CHECK_PATH } from './grpc-health.js';

const servers = useServers();

/** Answers the request headers with the `:path` it read, as a header for the upstream. */
const plugin = definePlugin({
  name: 'echo-path',
  setup: () => ({
    requestHeaders: (ctx) => void ctx.mutate.set('x-path-seen', ctx.headers.get(':path') ?? 'none'),
  }),
});

const REQUEST = frame(
  encodeRequest({
    request: {
      $case: 'requestHeaders',
      value: {
        headers: { headers: [{ key: ':path', value: '', rawValue: Buffer.from('/from-curl') }] },
        endOfStream: true,
      },
    },
  }),
);

/** Runs curl; `null` when curl is not installed. */
function curl(args: string[]): Promise<{ stdout: string } | null> {
  return new Promise((resolve, reject) => {
    execFile('curl', args, (error, stdout) => {
      if (error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT') resolve(null);
      else if (error !== null) reject(error);
      else resolve({ stdout });
    });
  });
}

const hasCurl = (await curl(['--version'])) !== null;
if (!hasCurl) console.log('wire.test.ts: curl not found; the curl --http2-prior-knowledge cases are skipped');

describe.runIf(hasCurl)('wire: curl --http2-prior-knowledge as the client', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function post(address: string, path: string, body: Buffer) {
    dir ||= await mkdtemp(join(tmpdir(), 'attache-wire-'));
    const input = join(dir, 'in.bin');
    const output = join(dir, 'out.bin');
    await writeFile(input, body);
    const result = await curl([
      '-sS',
      '--http2-prior-knowledge',
      '-D',
      '-',
      '-o',
      output,
      '-H',
      'content-type: application/grpc',
      '-H',
      'te: trailers',
      '--data-binary',
      `@${input}`,
      `http://${address}${path}`,
    ]);
    return { head: result?.stdout ?? '', body: await readFile(output) };
  }

  it('health Check: SERVING, grpc-status 0 in the trailers', async () => {
    const { address } = await servers.start({ plugins: [{ plugin }], transport: 'wire' });
    const r = await post(address, HEALTH_CHECK_PATH, frame(Buffer.alloc(0)));
    expect(r.head).toMatch(/^HTTP\/2 200/);
    expect(r.head).toContain('content-type: application/grpc');
    expect(r.head).toContain('grpc-status: 0');
    expect(r.body.equals(frame(Buffer.from([0x08, 0x01])))).toBe(true);
  });

  it('an ext_proc call: the request headers message answered with the plugin’s mutation', async () => {
    const { address } = await servers.start({ plugins: [{ plugin }], transport: 'wire' });
    const r = await post(address, PROCESS_PATH, REQUEST);
    expect(r.head).toContain('grpc-status: 0');
    const replies = messagesOf(r.body).map((m) => decodeResponse(m).response);
    expect(replies.map((m) => m?.$case)).toEqual(['requestHeaders']);
    const reply = replies[0];
    const set =
      reply?.$case === 'requestHeaders' ? (reply.value.response?.headerMutation?.setHeaders ?? []) : [];
    expect(set.map((h) => `${h.header?.key}=${Buffer.from(h.header?.rawValue ?? []).toString()}`)).toEqual([
      'x-path-seen=/from-curl',
    ]);
  });
});
