/**
 * Every transport against nghttp2's own clients (`nghttp`, `h2load`; Debian's nghttp2-client),
 * run as child processes on a real attache server. nghttp2 is the HTTP/2 library of Envoy's
 * codec, and it does what Node's client does not: PRIORITY frames on idle streams and stream ids
 * from 13, a 0-byte HPACK table either way, padded frames, CONTINUATION, request trailers, and
 * its own flow-control windows. Skipped (one line) when the binaries are not on PATH.
 */
import { describe, expect, it } from 'vitest';
import {
  errorCodes,
  type NghttpRun,
  onPath,
  responseHeaders,
  runH2load,
  runNghttp,
  trailers,
} from '../../test/support/nghttp2-cli.js';
import { frame, messagesOf } from '../../test/support/raw-grpc.js';
import { type Started, useServers } from '../../test/support/servers.js';
import { testPki } from '../../test/support/tls-certs.js';
import { ProcessingMode_BodySendMode as BodySendMode } from '../gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import type { ProcessingResponse } from '../gen/envoy/service/ext_proc/v3/external_processor.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { decodeResponse, encodeRequest } from '../protocol/codec.js';
import { PROCESS_PATH } from '../protocol/service.js';
import type { ServerOptions } from '../server/create-server.js';
import { TRANSPORTS, type TransportName } from '../server/transport.js';
import { HEALTH_CHECK_PATH } from './grpc-health.js';

const missing = ['nghttp', 'h2load'].filter((binary) => !onPath(binary));
const suite = missing.length === 0 ? describe : describe.skip;
const title =
  missing.length === 0
    ? 'nghttp2 interop: nghttp and h2load against the %s transport'
    : `nghttp2 interop on %s: skipped, ${missing.join(' and ')} not on PATH (apt-get install nghttp2-client)`;

if (missing.length > 0) console.log(`nghttp2-interop.test.ts: ${missing.join(' and ')} not on PATH; skipped`);

const servers = useServers();

/** Sets `x-path-seen` to the `:path` Envoy reported; replaces a body with its bytes reversed. */
const plugin = definePlugin({
  name: 'nghttp2-interop',
  setup: () => ({
    requestHeaders: (ctx) => void ctx.mutate.set('x-path-seen', ctx.headers.get(':path') ?? 'none'),
    requestBody: (ctx) => void ctx.mutate.replaceBody(Buffer.from(ctx.body.bytes()).reverse()),
  }),
});

const headersMessage = (path: string, endOfStream: boolean) =>
  encodeRequest({
    request: {
      $case: 'requestHeaders',
      value: {
        headers: { headers: [{ key: ':path', value: '', rawValue: Buffer.from(path) }] },
        endOfStream,
      },
    },
    protocolConfig: { requestBodyMode: endOfStream ? BodySendMode.NONE : BodySendMode.BUFFERED },
  });

const bodyMessage = (body: Buffer) =>
  encodeRequest({ request: { $case: 'requestBody', value: { body, endOfStream: true } } });

/** A deterministic body of `n` bytes whose every byte says where it is. */
function pattern(n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) out[i] = (i * 7 + (i >>> 8)) & 0xff;
  return out;
}

/** `name=value` of each header a reply sets. */
function headersSet(reply: ProcessingResponse): string[] {
  const r = reply.response;
  const set = r?.$case === 'requestHeaders' ? (r.value.response?.headerMutation?.setHeaders ?? []) : [];
  return set.map((h) => `${h.header?.key}=${Buffer.from(h.header?.rawValue ?? []).toString()}`);
}

/** The body a reply replaces the request body with. */
function replacedBody(reply: ProcessingResponse): Buffer | undefined {
  const r = reply.response;
  const mutation = r?.$case === 'requestBody' ? r.value.response?.bodyMutation?.mutation : undefined;
  return mutation?.$case === 'body' ? Buffer.from(mutation.value) : undefined;
}

/** Checks one stream of `run` is a complete gRPC success, and returns its decoded replies. */
function grpcOk(run: NghttpRun, id: number): ProcessingResponse[] {
  expect(errorCodes(run, 'GOAWAY', 'send'), run.log).toEqual(['NO_ERROR']);
  expect(errorCodes(run, 'GOAWAY', 'recv'), run.log).toEqual([]);
  expect(errorCodes(run, 'RST_STREAM', 'recv'), run.log).toEqual([]);
  const headers = responseHeaders(run, id);
  expect(headers.get(':status'), run.log).toBe('200');
  expect(headers.get('content-type')).toMatch(/^application\/grpc(\+proto)?$/); // grpc-js says +proto
  expect(trailers(run, id)?.get('grpc-status'), run.log).toBe('0');
  return messagesOf(run.body).map((m) => decodeResponse(m));
}

/** The stream id of nghttp's first request: it opens 3 to 11 as PRIORITY anchors (RFC 7540 tree). */
const FIRST = 13;

suite.each<TransportName>(TRANSPORTS)(title, (transport) => {
  const start = (options: Partial<ServerOptions> = {}): Promise<Started> =>
    servers.start({ plugins: [{ plugin }], transport, ...options });
  const url = (s: Started, path: string, scheme = 'http') => `${scheme}://${s.address}${path}`;

  it('a Process call with request headers: 200, application/grpc, the plugin’s mutation, grpc-status 0', async () => {
    const s = await start();
    const run = await runNghttp({
      url: url(s, PROCESS_PATH),
      body: frame(headersMessage('/from-nghttp', true)),
    });
    const replies = grpcOk(run, FIRST);
    expect(replies.map((r) => r.response?.$case)).toEqual(['requestHeaders']);
    expect(headersSet(replies[0] as ProcessingResponse)).toEqual(['x-path-seen=/from-nghttp']);
  });

  it('two messages in one DATA frame (headers, then a BUFFERED body): both answered, in order', async () => {
    const s = await start();
    const body = Buffer.from('{"order":42}');
    const payload = Buffer.concat([frame(headersMessage('/two', false)), frame(bodyMessage(body))]);
    const run = await runNghttp({ url: url(s, PROCESS_PATH), body: payload });
    expect(run.frames.filter((f) => f.direction === 'send' && f.type === 'DATA')).toHaveLength(1);
    const replies = grpcOk(run, FIRST);
    expect(replies.map((r) => r.response?.$case)).toEqual(['requestHeaders', 'requestBody']);
    expect(headersSet(replies[0] as ProcessingResponse)).toEqual(['x-path-seen=/two']);
    expect(replacedBody(replies[1] as ProcessingResponse)?.toString()).toBe('}24:"redro"{');
  });

  it('a 256 KiB body each way through nghttp’s 16 KiB stream and 32 KiB connection windows', async () => {
    const s = await start();
    const body = pattern(256 * 1024);
    const payload = Buffer.concat([frame(headersMessage('/big', false)), frame(bodyMessage(body))]);
    const run = await runNghttp({ url: url(s, PROCESS_PATH), body: payload, args: ['-w', '14', '-W', '15'] });
    const replies = grpcOk(run, FIRST);
    expect(replies.map((r) => r.response?.$case)).toEqual(['requestHeaders', 'requestBody']);
    expect(replacedBody(replies[1] as ProcessingResponse)?.equals(Buffer.from(body).reverse())).toBe(true);
    // The server waited for nghttp's WINDOW_UPDATEs: never a DATA frame above what a window allowed.
    const received = run.frames.filter((f) => f.direction === 'recv' && f.type === 'DATA');
    expect(Math.max(...received.map((f) => f.length))).toBeLessThanOrEqual(16 * 1024);
    expect(
      run.frames.filter((f) => f.direction === 'send' && f.type === 'WINDOW_UPDATE').length,
    ).toBeGreaterThan(8);
  });

  it('grpc.health.v1.Health/Check: SERVING', async () => {
    const s = await start();
    const run = await runNghttp({ url: url(s, HEALTH_CHECK_PATH), body: frame(Buffer.alloc(0)) });
    grpcOk(run, FIRST);
    expect(run.body.equals(frame(Buffer.from([0x08, 0x01])))).toBe(true);
  });

  it('a 0-byte HPACK table both ways (-c 0, --encoder-header-table-size=0), three streams', async () => {
    const s = await start();
    const run = await runNghttp({
      url: url(s, PROCESS_PATH),
      body: frame(headersMessage('/no-table', true)),
      args: ['-c', '0', '--encoder-header-table-size=0', '-m', '3'],
    });
    for (const id of [FIRST, FIRST + 2, FIRST + 4]) {
      expect(responseHeaders(run, id).get(':status'), run.log).toBe('200');
      expect(trailers(run, id)?.get('grpc-status')).toBe('0');
    }
    const replies = grpcOk(run, FIRST);
    expect(replies.map(headersSet)).toEqual(Array(3).fill(['x-path-seen=/no-table']));
  });

  it('CONTINUATION (an 18 KiB header block), padded DATA, padded request trailers, no PRIORITY tree: answered as usual', async () => {
    const s = await start();
    const run = await runNghttp({
      url: url(s, PROCESS_PATH),
      body: frame(headersMessage('/padded', true)),
      args: ['-b', '200', '--continuation', '--trailer', 'x-request-trailer: 1', '--no-dep'],
    });
    // nghttp logs a header block as one HEADERS frame: above 16 KiB (the default MAX_FRAME_SIZE)
    // it went out as HEADERS + CONTINUATION.
    const sent = run.frames.filter((f) => f.direction === 'send' && f.id === 1);
    const PADDED = 0x8;
    expect(
      sent.map(
        (f) => `${f.type} ${f.length > 16_384 ? 'large' : 'small'} ${f.flags & PADDED ? 'padded' : ''}`,
      ),
    ).toEqual(['HEADERS large ', 'DATA small padded', 'HEADERS small padded']);
    const replies = grpcOk(run, 1);
    expect(replies.map(headersSet)).toEqual([['x-path-seen=/padded']]);
  });

  it('h2load: 10,000 streams on 2 connections, and 3,000 on 1 with a 0-byte HPACK table, 100 at once: all succeed, every reply arrives', async () => {
    const s = await start();
    const payload = frame(headersMessage('/load', true));
    const reply = (await runNghttp({ url: url(s, PROCESS_PATH), body: payload })).body;
    for (const [n, c, extra] of [
      [10_000, 2, []],
      [3_000, 1, ['--header-table-size=0']],
    ] as const) {
      const load = await runH2load(url(s, PROCESS_PATH), payload, [
        '-n',
        String(n),
        '-c',
        String(c),
        '-m',
        '100',
        ...extra,
      ]);
      expect({ ...load, output: undefined }, load.output).toEqual({
        total: n,
        succeeded: n,
        failed: 0,
        errored: 0,
        timeout: 0,
        dataBytes: n * reply.length,
        protocol: 'h2c',
        output: undefined,
      });
    }
    // And the server still answers a fresh connection.
    const after = await runNghttp({ url: url(s, PROCESS_PATH), body: payload });
    expect(grpcOk(after, FIRST).map(headersSet)).toEqual([['x-path-seen=/load']]);
  }, 60_000);

  it('h2load, 256 KiB each way on 8 streams at once: through 16 KiB/32 KiB windows, and with a 1 MiB MAX_FRAME_SIZE and 16 MiB windows', async () => {
    const s = await start();
    const payload = Buffer.concat([
      frame(headersMessage('/wide', false)),
      frame(bodyMessage(pattern(256 * 1024))),
    ]);
    // The reply frames of one stream: the headers reply (its size from a single nghttp call) and
    // the 256 KiB body replaced, with their 5-byte prefixes.
    const one = await runNghttp({ url: url(s, PROCESS_PATH), body: payload });
    expect(grpcOk(one, FIRST).map((r) => r.response?.$case)).toEqual(['requestHeaders', 'requestBody']);
    for (const windows of [
      // 8 replies share one 32 KiB connection window: the server must spread it over its streams.
      ['-w', '14', '-W', '15'],
      // DATA frames up to 1 MiB allowed: nghttp2 checks every frame the server sends against it.
      ['-f', String(1 << 20), '-w', '24', '-W', '24'],
    ]) {
      const load = await runH2load(url(s, PROCESS_PATH), payload, [
        '-n',
        '40',
        '-c',
        '1',
        '-m',
        '8',
        ...windows,
      ]);
      expect([load.succeeded, load.failed, load.errored, load.dataBytes], load.output).toEqual([
        40,
        0,
        0,
        40 * one.body.length,
      ]);
    }
  }, 30_000);

  it('TLS with ALPN h2: nghttp and h2load negotiate h2 and are answered', async () => {
    const pki = testPki();
    const s = await start({ tls: { cert: pki.serverCert, key: pki.serverKey } });
    const payload = frame(headersMessage('/tls', true));
    const run = await runNghttp({ url: url(s, PROCESS_PATH, 'https'), body: payload });
    expect(run.protocol).toBe('h2');
    expect(grpcOk(run, FIRST).map(headersSet)).toEqual([['x-path-seen=/tls']]);
    const load = await runH2load(url(s, PROCESS_PATH, 'https'), payload, [
      '-n',
      '500',
      '-c',
      '2',
      '-m',
      '50',
    ]);
    expect(load.protocol, load.output).toBe('h2');
    expect([load.succeeded, load.failed, load.errored, load.dataBytes]).toEqual([
      500,
      0,
      0,
      500 * run.body.length,
    ]);
  }, 30_000);
});
