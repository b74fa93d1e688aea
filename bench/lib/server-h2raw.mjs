// Server C: the "raw-h2 reference" of performance.md (§2.3, §7.4): node:http2 with
// hand-rolled gRPC framing (5-byte prefix, content-type application/grpc, trailers grpc-status 0).
// Every complete request frame gets the precomputed reply frame; the trailers go out when the
// client half-closes. With --decode it also decodes each request like server B. With
// --reset-limit it raises nghttp2's stream reset limit as attache's http2 transport does (Node
// 22+), so Envoy's END_STREAM+RST close no longer brings a GOAWAY every ~1,000 streams.
import http2 from 'node:http2';
import { decodeRequest } from '../../dist/src/protocol/codec.js';
import { NODE_HAS_RESET_RATE_OPTIONS, STREAM_RESET_LIMIT } from '../../dist/src/transport/http2.js';
import { childLifecycle, ready } from './child.mjs';
import { grpcFrame, PROCESS_PATH, replyBytes } from './messages.mjs';

const scenario = process.argv[2];
const decode = process.argv.includes('--decode');
const resetLimit = process.argv.includes('--reset-limit') && NODE_HAS_RESET_RATE_OPTIONS;
const REPLY_FRAME = grpcFrame(replyBytes(scenario));
const RESPONSE_HEADERS = { ':status': 200, 'content-type': 'application/grpc' };
const OK_TRAILERS = { 'grpc-status': '0' };
const EMPTY = Buffer.alloc(0);

function inspect(bytes) {
  const request = decodeRequest(bytes).request;
  if (request?.$case === 'requestHeaders') {
    return request.value.headers?.headers?.some((h) => h.key === ':path') === true;
  }
  return request?.$case === 'requestBody' && (request.value.body?.length ?? 0) > 0;
}

function sendTrailers(stream) {
  if (stream.destroyed) return;
  try {
    stream.sendTrailers(OK_TRAILERS);
  } catch {
    // The client reset the stream first (Envoy's half-close + reset); nothing to do.
  }
}

const server = http2.createServer(
  resetLimit ? { streamResetBurst: STREAM_RESET_LIMIT.burst, streamResetRate: STREAM_RESET_LIMIT.rate } : {},
);
server.on('sessionError', () => {});
server.on('stream', (stream, headers) => {
  stream.on('error', () => {});
  if (headers[':path'] !== PROCESS_PATH) {
    stream.respond(
      { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' },
      { endStream: true },
    );
    return;
  }
  let responded = false;
  let pending = EMPTY;
  stream.on('data', (chunk) => {
    let buf = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (buf.length >= 5) {
      const length = buf.readUInt32BE(1);
      if (buf.length < 5 + length) break;
      if (decode && !inspect(buf.subarray(5, 5 + length))) throw new Error('unexpected request');
      if (!responded) {
        responded = true;
        stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
        stream.on('wantTrailers', () => sendTrailers(stream));
      }
      stream.write(REPLY_FRAME);
      buf = buf.subarray(5 + length);
    }
    pending = buf.length === 0 ? EMPTY : buf;
  });
  stream.on('end', () => {
    if (stream.destroyed) return;
    if (!responded) {
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '0' },
        { endStream: true },
      );
      return;
    }
    stream.end();
  });
});
const sessions = new Set();
server.on('session', (session) => {
  sessions.add(session);
  session.on('close', () => sessions.delete(session));
});
childLifecycle('server-h2raw', () => {
  for (const session of sessions) session.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
});
server.listen(0, '127.0.0.1', () => ready(server.address().port));
