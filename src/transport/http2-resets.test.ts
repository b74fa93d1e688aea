/**
 * Envoy's default end of an ext_proc stream is END_STREAM then RST_STREAM. Node's HTTP/2
 * (nghttp2's rapid-reset limiter: 1,000 tokens, 33 per second) answers that with a GOAWAY about
 * every 1,000 streams unless the server raises the limit, which Node 22+ allows. The `wire`
 * transport (attache's own HTTP/2) has no such limiter, on any Node.
 */
import http2 from 'node:http2';
import { describe, expect, it } from 'vitest';
import { frame } from '../../test/support/raw-grpc.js';
import { recordingLogger } from '../../test/support/recording-logger.js';
import { useServers } from '../../test/support/servers.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { encodeRequest } from '../protocol/codec.js';
import { PROCESS_PATH } from '../protocol/service.js';
import { NODE_HAS_RESET_RATE_OPTIONS, RESET_RATE_WARNING } from './http2.js';

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

/** 2,500 streams, 16 in flight, each closed as Envoy does, on one connection to `address`. */
async function envoyStyleRun(address: string): Promise<{ goaways: number; answered: number }> {
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
  return { goaways, answered };
}

describe('Envoy-style END_STREAM + RST_STREAM on one connection', () => {
  it.runIf(NODE_HAS_RESET_RATE_OPTIONS)(
    'Node 22+: 2,500 streams, 16 in flight, each half-closed then reset: no GOAWAY, every stream answered',
    async () => {
      const { address } = await servers.start({ plugins: [{ plugin }], transport: 'http2' });
      expect(await envoyStyleRun(address)).toEqual({ goaways: 0, answered: 2500 });
    },
    60_000,
  );

  it(`wire, on Node ${process.versions.node}: the same 2,500 streams, no GOAWAY, every stream answered, and no start-up warning`, async () => {
    const { log, lines } = recordingLogger();
    const { address } = await servers.start({ plugins: [{ plugin }], transport: 'wire', log });
    expect(await envoyStyleRun(address)).toEqual({ goaways: 0, answered: 2500 });
    expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
  }, 60_000);

  it.skipIf(NODE_HAS_RESET_RATE_OPTIONS)(
    `Node ${process.versions.node} cannot raise the reset limit: the http2 transport (the default) says so once at start-up, naming Envoy's graceful-close flag`,
    async () => {
      const { log, lines } = recordingLogger();
      // The default transport: no transport named.
      await servers.start({ plugins: [{ plugin }], log });
      const warnings = lines.filter((l) => l.level === 'warn').map((l) => l.msg);
      expect(warnings).toEqual([RESET_RATE_WARNING]);
      expect(RESET_RATE_WARNING).toContain('envoy.reloadable_features.ext_proc_graceful_grpc_close');
      expect(RESET_RATE_WARNING).toContain('grpc.transport: wire');
    },
  );

  it.skipIf(NODE_HAS_RESET_RATE_OPTIONS)(
    `Node ${process.versions.node}: resetRateWarning false (what attache serve's workers get) keeps it quiet`,
    async () => {
      const { log, lines } = recordingLogger();
      await servers.start({ plugins: [{ plugin }], log, resetRateWarning: false });
      expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
    },
  );
});
