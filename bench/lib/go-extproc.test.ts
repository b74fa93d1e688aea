/**
 * The Go baseline server (bench/go/extproc-server) built by lib/go-extproc.mjs, spoken to over
 * plain node:http2 with attache's codec: every phase gets its reply, the bench's mutations are
 * the bytes the other bench servers send, a message without a phase is refused, grpc.health.v1
 * answers, and the process exits when its stdin closes. Skipped, with the reason, when Go,
 * grpc-go's sources or protoc are missing.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessingRequest } from '../../src/gen/envoy/service/ext_proc/v3/external_processor.js';
import { decodeResponse, encodeRequest, encodeResponse } from '../../src/protocol/codec.js';
import { PROCESS_PATH } from '../../src/protocol/service.js';
import { connect, frame, rawStream } from '../../test/support/raw-grpc.js';
import { buildGoServer, goServerUnavailable, protoClosure } from './go-extproc.mjs';

const unavailable = goServerUnavailable();
if (unavailable !== null)
  console.log(`bench/lib/go-extproc.test.ts: Go server tests skipped: ${unavailable}`);

/** One gRPC call: the request messages, then half-close; resolves with the reply messages and status. */
async function call(port: number, path: string, messages: Uint8Array[]) {
  const session = connect(`127.0.0.1:${port}`);
  try {
    const { response } = rawStream(session, path, [Buffer.concat(messages.map((m) => frame(m)))]);
    const { grpcStatus, messages: replies } = await response;
    return { status: grpcStatus === undefined ? undefined : String(grpcStatus), replies };
  } finally {
    session.close();
  }
}

const headers = (pairs: [string, string][]) => ({
  headers: pairs.map(([key, value]) => ({ key, rawValue: Buffer.from(value) })),
});

it('generates the Go packages of the service proto and its imports, well-known types aside', () => {
  const files = protoClosure();
  expect(files).toContain('envoy/service/ext_proc/v3/external_processor.proto');
  expect(files).toContain('validate/validate.proto');
  expect(files.some((f) => f.startsWith('google/'))).toBe(false);
  // The filter's own config is not reached from the service.
  expect(files).not.toContain('envoy/extensions/filters/http/ext_proc/v3/ext_proc.proto');
});

describe.skipIf(unavailable !== null)('the Go ext_proc server', () => {
  let server: ChildProcessWithoutNullStreams;
  let port = 0;
  const replacement = Buffer.from('{"replaced":true}');
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'attache-go-test-'));
    const replacementFile = path.join(dir, 'body.json');
    await writeFile(replacementFile, replacement);
    const binary = await buildGoServer();
    server = spawn(binary, ['-listen', '127.0.0.1:0', '-replace-body', replacementFile]);
    const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
    const m = /^listening (\d+) gomaxprocs \d+ go/.exec(line);
    if (m === null) throw new Error(`unexpected first line ${JSON.stringify(line)}`);
    port = Number(m[1]);
  }, 180_000);

  afterAll(async () => {
    if (server !== undefined && server.exitCode === null) server.kill('SIGKILL');
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('answers each phase of one stream, in order, with the bench mutations or an empty reply', async () => {
    const requests: ProcessingRequest[] = [
      {
        request: {
          $case: 'requestHeaders',
          value: { headers: headers([[':path', '/a']]), endOfStream: false },
        },
      },
      { request: { $case: 'requestBody', value: { body: Buffer.from('{"a":1}'), endOfStream: true } } },
      { request: { $case: 'responseHeaders', value: { headers: headers([[':status', '200']]) } } },
      { request: { $case: 'responseBody', value: { body: Buffer.from('x'), endOfStream: true } } },
      { request: { $case: 'requestTrailers', value: { trailers: headers([['t', '1']]) } } },
      { request: { $case: 'responseTrailers', value: { trailers: headers([['t', '2']]) } } },
    ];
    const { status, replies } = await call(port, PROCESS_PATH, requests.map(encodeRequest));
    expect(status).toBe('0');
    expect(replies.map((r) => decodeResponse(r).response?.$case)).toEqual([
      'requestHeaders',
      'requestBody',
      'responseHeaders',
      'responseBody',
      'requestTrailers',
      'responseTrailers',
    ]);
    // Byte for byte what attache's codec encodes for the same replies.
    expect(replies[0]).toEqual(
      encodeResponse({
        response: {
          $case: 'requestHeaders',
          value: {
            response: {
              headerMutation: { setHeaders: [{ header: { key: 'x-a', rawValue: Buffer.from('1') } }] },
            },
          },
        },
      }),
    );
    expect(replies[1]).toEqual(
      encodeResponse({
        response: {
          $case: 'requestBody',
          value: { response: { bodyMutation: { mutation: { $case: 'body', value: replacement } } } },
        },
      }),
    );
    expect(replies[2]).toEqual(encodeResponse({ response: { $case: 'responseHeaders', value: {} } }));
    expect(replies[5]).toEqual(encodeResponse({ response: { $case: 'responseTrailers', value: {} } }));
  });

  it('leaves headers without :path and a body that is not JSON unchanged', async () => {
    const { status, replies } = await call(port, PROCESS_PATH, [
      encodeRequest({ request: { $case: 'requestHeaders', value: { headers: headers([['a', 'b']]) } } }),
      encodeRequest({ request: { $case: 'requestBody', value: { body: Buffer.from('plain') } } }),
    ]);
    expect(status).toBe('0');
    expect(replies).toEqual([
      encodeResponse({ response: { $case: 'requestHeaders', value: { response: {} } } }),
      encodeResponse({ response: { $case: 'requestBody', value: { response: {} } } }),
    ]);
  });

  it('refuses a message without a phase with INVALID_ARGUMENT, and bytes that are not one with INTERNAL', async () => {
    expect((await call(port, PROCESS_PATH, [encodeRequest({})])).status).toBe('3');
    // Field 2 (request_headers) announced as 100 bytes long, with 1: grpc-go fails to unmarshal it.
    expect((await call(port, PROCESS_PATH, [Buffer.from([0x12, 100, 0])])).status).toBe('13');
  });

  it('answers grpc.health.v1 Check with SERVING, for the server and for the ext_proc service', async () => {
    const check = (service: string) =>
      call(port, '/grpc.health.v1.Health/Check', [
        service === ''
          ? Buffer.alloc(0)
          : Buffer.concat([Buffer.from([0x0a, service.length]), Buffer.from(service)]),
      ]);
    for (const service of ['', 'envoy.service.ext_proc.v3.ExternalProcessor']) {
      const { status, replies } = await check(service);
      expect(status).toBe('0');
      expect(replies).toEqual([Buffer.from([0x08, 0x01])]); // status: SERVING
    }
  });

  it('exits when its stdin closes (the wrapper that started it is gone)', async () => {
    const exited = once(server, 'exit');
    server.stdin.end();
    const [code] = await exited;
    expect(code).toBe(0);
  });
});
