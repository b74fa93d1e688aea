/**
 * No secret in any output. Markers are planted in every place a secret travels (the
 * authorization and cookie headers, set-cookie, request and response bodies, the query string,
 * forwarded dynamic metadata, and a plugin's error message), traffic of every kind runs over the
 * wire (headers only, buffered and streamed bodies, immediate responses, plugin throws and time-
 * outs fail-open and fail-closed, malformed and oversized messages), with the log at debug. Then
 * every output is swept:
 * - the server's log, every level, errors with their stacks: no marker but the plugin's error
 *   message (documented: a plugin error's message and stack are logged);
 * - everything sent to Envoy (replies, immediate responses and their details, gRPC statuses):
 *   no marker, the error message included (never sent to the client);
 * - anything written to stdout or stderr by anyone: none;
 * - the metrics a scrape of `/metrics` would return: none (traces are swept in
 *   src/observe/tracing/tracing.test.ts).
 * `attache send`'s output is swept in src/cli/send.test.ts.
 */
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProcessingMode_BodySendMode as BodyMode } from '../../src/gen/envoy/extensions/filters/http/ext_proc/v3/processing_mode.js';
import { respond } from '../../src/plugin/respond.js';
import type { Handlers } from '../../src/plugin/types.js';
import { encodeRequest } from '../../src/protocol/codec.js';
import { PROCESS_PATH } from '../../src/protocol/service.js';
import { runExchange } from '../../src/testing/exchange.js';
import { captureStderr, captureStdout } from '../support/capture-output.js';
import { frame, rawStream } from '../support/raw-grpc.js';
import { recordingLogger } from '../support/recording-logger.js';
import { pluginOf, useServers } from '../support/servers.js';

const SECRETS = {
  authorization: 'Bearer mk-auth-7d1e0c',
  cookie: 'sid=mk-cookie-93ab',
  setCookie: 'sid=mk-setcookie-41f0; HttpOnly',
  query: 'mk-query-5c2a',
  requestBody: 'mk-reqbody-0e77',
  responseBody: 'mk-respbody-b8d2',
  metadata: 'mk-meta-61c4',
};
const ERROR_MARKER = 'mk-plugin-error-2f9e';
/** The marker inside a planted value. */
const bare = (s: string): string => s.replace(/^Bearer |^sid=|; HttpOnly$/g, '');
const ALL = [...Object.values(SECRETS).map(bare), ERROR_MARKER];

/** A plugin that reads everything a secret can be in, and fails or answers as the path says. */
const handlers: Handlers = {
  requestHeaders(ctx) {
    ctx.headers.get('authorization');
    ctx.headers.get('cookie');
    const path = ctx.headers.get(':path') ?? '';
    if (path.startsWith('/throw')) throw new Error(`cannot process ${ERROR_MARKER}`);
    if (path.startsWith('/reject')) return Promise.reject(new Error(`rejected ${ERROR_MARKER}`));
    if (path.startsWith('/hang')) return new Promise(() => {});
    if (path.startsWith('/deny')) return respond(403, { body: 'denied' });
    return undefined;
  },
  requestBody(ctx) {
    if (ctx.body.text().includes('fail')) throw new Error(`body ${ERROR_MARKER}`);
    ctx.mutate.replaceBody(ctx.body.text().replace(SECRETS.requestBody, 'masked'));
  },
  responseHeaders(ctx) {
    ctx.headers.get('set-cookie');
  },
  responseBody(ctx) {
    ctx.body.text();
  },
};

const servers = useServers();
let readErr: () => string;
let readOut: () => string;
beforeEach(() => {
  readErr = captureStderr();
  readOut = captureStdout();
});
afterEach(() => vi.restoreAllMocks());

function sweep(text: string, allowed: readonly string[] = []): string[] {
  return ALL.filter((m) => !allowed.includes(m) && text.includes(m));
}

describe.each(['http2', 'grpc-js', 'wire'] as const)('secrets over %s', (transport) => {
  it.each(['open', 'closed'] as const)(
    'failure mode %s: no marker leaves where it must not',
    async (failure) => {
      const { log, lines } = recordingLogger();
      const registry = new Registry();
      const { address } = await servers.start({
        metrics: { registry },
        plugins: [{ plugin: pluginOf(handlers, 'reader') }],
        transport,
        failure,
        timeoutMs: 30,
        maxMessageBytes: 64 * 1024,
        log,
      });
      const channel = servers.http2Channel(address);
      const toEnvoy: unknown[] = [];
      for (const path of ['/', '/throw', '/reject', '/hang', '/deny']) {
        for (const mode of ['NONE', 'BUFFERED', 'STREAMED'] as const) {
          for (const body of [SECRETS.requestBody, `fail ${SECRETS.requestBody}`]) {
            const result = await runExchange(channel, {
              envoy: {
                processingMode: {
                  requestBodyMode: mode,
                  responseBodyMode: mode,
                  requestTrailerMode: 'SEND',
                  responseTrailerMode: 'SEND',
                },
                metadataOptions: { forwardingNamespaces: { untyped: ['auth'] } },
              },
              dynamicMetadata: { auth: { token: SECRETS.metadata } },
              request: {
                method: 'POST',
                path: `${path}?token=${SECRETS.query}`,
                headers: { authorization: SECRETS.authorization, cookie: SECRETS.cookie },
                body,
              },
              upstream: {
                status: 200,
                headers: { 'set-cookie': SECRETS.setCookie },
                body: SECRETS.responseBody,
              },
            });
            toEnvoy.push(result.received, result.stream);
          }
        }
      }
      // Messages that never decode, or are too large, with markers inside.
      const session = servers.session(address);
      const garbage = Buffer.concat([Buffer.from([0x12, 0x7f]), Buffer.from(ALL.join(' '))]);
      const big = Buffer.from(
        encodeRequest({
          request: {
            $case: 'requestBody',
            value: {
              body: Buffer.from(`${SECRETS.requestBody} `.repeat(8192)),
              endOfStream: true,
              endOfStreamWithoutMessage: false,
            },
          },
          protocolConfig: {
            requestBodyMode: BodyMode.BUFFERED,
            responseBodyMode: BodyMode.NONE,
            sendBodyWithoutWaitingForHeaderResponse: false,
          },
        }),
      );
      for (const bytes of [garbage, big]) {
        const r = await rawStream(session, PROCESS_PATH, [frame(bytes)]).response;
        toEnvoy.push(r);
        expect(r.grpcStatus).not.toBe(0);
      }

      const logged = lines.map((l) =>
        JSON.stringify(l, (_k, v) => (v instanceof Error ? { message: v.message, stack: v.stack } : v)),
      );
      expect(sweep(logged.join('\n'), [ERROR_MARKER]), 'markers in the log').toEqual([]);
      // The plugin's error message is logged (documented), so an operator can see what failed.
      expect(logged.join('\n')).toContain(ERROR_MARKER);
      const sent = JSON.stringify(toEnvoy, (_k, v) =>
        v?.type === 'Buffer' && Array.isArray(v.data) ? Buffer.from(v.data).toString('latin1') : v,
      );
      // Bodies travel back to Envoy as body mutations in the modes that hold them (that is the
      // processor's job); no header, query, metadata or error text does.
      expect(
        sweep(sent, [bare(SECRETS.requestBody), bare(SECRETS.responseBody)]),
        'markers sent to Envoy',
      ).toEqual([]);
      expect(sweep(readErr() + readOut()), 'markers on stdout/stderr').toEqual([]);
      // Metrics carry bounded labels only: no header, path, body or error text.
      const scraped = await registry.metrics();
      expect(scraped).toContain('attache_plugin_failures_total');
      expect(sweep(scraped), 'markers in /metrics').toEqual([]);
    },
  );
});
