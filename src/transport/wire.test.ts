/**
 * The `wire` transport as a whole: Envoy's close on every Node (no reset limiter, so no GOAWAY
 * and no start-up warning, Node 20 included), and a third independent client, curl (libcurl
 * with nghttp2), for a health check and an ext_proc call.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http2 from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frame, messagesOf } from '../../test/support/raw-grpc.js';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { useServers } from '../../test/support/servers.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { decodeResponse, encodeRequest } from '../protocol/codec.js';
import { PROCESS_PATH } from '../protocol/service.js';
import { HEALTH_CHECK_PATH } from './grpc-health.js';

const servers = useServers();

const plugin = definePlugin({
  name: 'tag',
  setup: () => ({ requestHeaders: (ctx) => void ctx.mutate.set('x-seen', '1') }),
});

const REQUEST = frame(
  encodeRequest({
    request: { $case: 'requestHeaders', value: { headers: { headers: [] }, endOfStream: true } },
  }),
);

/** One stream as Envoy runs it: the message, the reply, then END_STREAM and RST_STREAM at once. */
function envoyStyleStream(session: http2.ClientHttp2Session): Promise<boolean> {
  return new Promise((resolve) => {
    const stream = session.request({
      ':method': 'POST',
      ':path': PROCESS_PATH,
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    let answered = false;
    stream.on('error', () => {});
    stream.on('data', () => {
      if (answered) return;
      answered = true;
      stream.end();
      stream.close(http2.constants.NGHTTP2_CANCEL);
    });
    stream.on('close', () => resolve(answered));
    stream.write(REQUEST);
  });
}

describe('wire: Envoy-style END_STREAM + RST_STREAM', () => {
  it(`2,500 streams, 16 in flight, each half-closed then reset, on Node ${process.versions.node}: no GOAWAY, every stream answered, no start-up warning`, async () => {
    const { log, lines } = recordingLogger();
    const { address } = await servers.start({ plugins: [{ plugin }], transport: 'wire', log });
    const session = servers.session(address);
    let goaways = 0;
    session.on('goaway', () => void goaways++);
    const total = 2500;
    let next = 0;
    let answered = 0;
    const worker = async () => {
      while (next < total && goaways === 0) {
        next++;
        if (await envoyStyleStream(session)) answered++;
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect({ goaways, answered }).toEqual({ goaways: 0, answered: total });
    expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
  }, 60_000);
});

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
    const replies = messagesOf(r.body).map((m) => decodeResponse(m));
    expect(replies.map((m) => m.response?.$case)).toEqual(['requestHeaders']);
    expect(JSON.stringify(replies[0])).toContain('x-seen');
  });
});
