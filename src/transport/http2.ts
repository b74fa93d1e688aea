/**
 * The `node:http2` transport: `ExternalProcessor/Process` and `grpc.health.v1.Health` served
 * with attache's own gRPC framing, no gRPC library on the path.
 *
 * @module
 */
import http2 from 'node:http2';
import type { TLSSocket } from 'node:tls';
import type { Logger } from '../log.js';
import { limitedLog } from '../log-limit.js';
import { decodeRequest, encodeResponseFrameParts } from '../protocol/codec.js';
import { decodeRequestFast } from '../protocol/decode-request.js';
import { EXT_PROC_SERVICE, PROCESS_PATH } from '../protocol/service.js';
import { checkKeepalive, type ServerKeepalive, type ServerTls } from '../server/tls-options.js';
import type { ServerTransport } from '../server/transport.js';
import { type FrameProblem, type MessageListener, MessageReader } from './grpc-frames.js';
import { fromRequestHeaders, parseGrpcTimeout } from './grpc-headers.js';
import { callOf, GrpcCall, rejectStream } from './http2-call.js';
import { HEALTH_CHECK_PATH, HEALTH_WATCH_PATH, HealthService } from './http2-health.js';
import { startKeepalive } from './http2-keepalive.js';
import { LazyMetadata } from './lazy-metadata.js';
import {
  GrpcStatus,
  type ProcessingResponse,
  type ProcessStreamTarget,
  type StreamHandler,
  type StreamSink,
} from './types.js';
import { unknownFieldsLogger } from './unknown-fields.js';

/**
 * The reset-rate limit this transport gives nghttp2 (`streamResetBurst` / `streamResetRate`).
 *
 * Envoy ends every ext_proc stream with END_STREAM then RST_STREAM (unless its runtime flag
 * `envoy.reloadable_features.ext_proc_graceful_grpc_close` is on), so resets arrive at the rate
 * streams do. nghttp2's default bucket (1,000 tokens, 33 per second) exists against "Rapid
 * Reset" (CVE-2023-44487) and sends a GOAWAY after about 1,000 such streams, killing the
 * streams in flight. A processor's only peer is Envoy, each reset stream costs attache no more
 * than a completed one, and the stream rate is already bounded by the server's CPU: one core
 * serves at most ~60k streams/s (the fastest Go server measured on our machines, bench/README.md).
 * A bucket of 100,000 refilled at 100,000/s stays above that with room, so Envoy's close never
 * drains it; a peer resetting faster than any server could serve streams still meets the limit.
 */
export const STREAM_RESET_LIMIT = { burst: 100_000, rate: 100_000 } as const;

/** This Node's major version: which HTTP/2 options it honours, and which it stalls under. */
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/**
 * Whether this Node passes `streamResetBurst` / `streamResetRate` to nghttp2: added by
 * nodejs/node#54875, in Node 22 and later; Node 20 ignores them without a word.
 */
export const NODE_HAS_RESET_RATE_OPTIONS = NODE_MAJOR >= 22;

/** The start-up warning of a Node that cannot raise the reset-rate limit. */
export const RESET_RATE_WARNING =
  `Node ${process.versions.node} cannot raise HTTP/2's stream reset rate limit (streamResetBurst/streamResetRate need Node 22+): ` +
  "Envoy's default ext_proc close (END_STREAM then RST_STREAM) will make it send GOAWAY about every 1,000 streams and lose the streams in flight. " +
  'Run on Node 22+ or set the Envoy runtime flag envoy.reloadable_features.ext_proc_graceful_grpc_close: true';

/**
 * HTTP/2 receive windows: Envoy sends buffered bodies of up to `grpc.maxMessageBytes` in one
 * message, and Node's default 64 KiB windows make such a body wait for a window update every
 * 64 KiB. 1 MiB per stream and 16 MiB per connection keep a large body flowing (performance.md
 * §2.2 measured about twice the throughput for 512 KB bodies) at a memory cost bounded per connection.
 */
const STREAM_WINDOW_BYTES = 1 << 20;
const CONNECTION_WINDOW_BYTES = 16 << 20;

/**
 * Whether the stream window is raised too. Node 20's HTTP/2 stalls with both windows raised: with
 * a client whose own windows are large (Envoy's default 256 MiB, or 16 MiB here), 64 streams of
 * 256 KiB each way, a reply stopped part-way and every stream on the connection waited, the
 * server idle (a bare node:http2 server, no attache code: 6 stalls in 6 runs with both, none in 10
 * with either alone or neither; none on Node 24). Below Node 24 only the connection window is
 * raised, so a stream is paced per 64 KiB there. http2-windows.test.ts checks it.
 */
const RAISE_STREAM_WINDOW = NODE_MAJOR >= 24;

const CONTENT_TYPE = /^application\/grpc(\+proto)?(;|$)/;
/** The content-type last accepted: a client sends the same one on every stream. */
let acceptedContentType = 'application/grpc';

/** Whether a request's content-type is gRPC's; the pattern runs once per distinct value. */
function grpcContentType(contentType: string | undefined): boolean {
  if (contentType === acceptedContentType) return true;
  if (contentType === undefined || !CONTENT_TYPE.test(contentType)) return false;
  acceptedContentType = contentType;
  return true;
}

const SERVICES = ['', EXT_PROC_SERVICE];

/** Options of {@link createHttp2Transport}. */
export interface Http2TransportOptions {
  readonly log: Logger;
  /** Serve TLS (ALPN `h2` only); absent: cleartext HTTP/2 (h2c), as Envoy's default cluster speaks. */
  readonly tls?: ServerTls | undefined;
  /** Default: gRPC's (a PING after 2 h idle, 20 s to answer). */
  readonly keepalive?: ServerKeepalive | undefined;
}

/**
 * One `Process` call: the sink the processor writes to, and the listener of the messages the
 * reader cuts from the stream. One object per stream, so a stream costs few allocations.
 */
class ProcessCall extends GrpcCall implements StreamSink, MessageListener {
  handler: StreamHandler | null = null;
  /** Made at the first chunk that is not one whole message ({@link push}), or when the call rejects. */
  reader: MessageReader | null = null;
  timer: NodeJS.Timeout | null = null;
  /** What the handler was told: 0 nothing yet, 1 Envoy's half-close, 2 the call is over (cancel). */
  told: 0 | 1 | 2 = 0;
  readonly log: Logger;
  readonly max: number;
  /** The transport's one listener for unknown fields (no closure per message). */
  readonly onUnknown: (fields: number[]) => void;

  constructor(
    stream: http2.ServerHttp2Stream,
    log: Logger,
    max: number,
    onUnknown: (fields: number[]) => void,
  ) {
    super(stream);
    this.log = log;
    this.max = max;
    this.onUnknown = onUnknown;
  }

  /**
   * Takes one DATA chunk. A chunk that is exactly one whole message (what Envoy sends: each
   * message in one DATA frame) is decoded where it lies; the reader, which splits and joins
   * messages across chunks, is made at the first chunk that is anything else, and from then on
   * reads every chunk.
   */
  push(chunk: Buffer): void {
    let reader = this.reader;
    if (reader === null) {
      if (chunk.length > 5 && chunk[0] === 0) {
        const length = chunk.readUInt32BE(1);
        if (length === chunk.length - 5 && length <= this.max) {
          this.#take(chunk, 5);
          return;
        }
      }
      reader = this.reader = new MessageReader(this.max, this);
    }
    reader.push(chunk);
  }

  send(reply: ProcessingResponse): boolean {
    const frame = encodeResponseFrameParts(reply);
    return frame instanceof Uint8Array ? this.sendFrame(frame) : this.sendFrameParts(frame);
  }
  end(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.finish(GrpcStatus.OK, '');
  }
  fail(code: number, message: string): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.finish(code, message);
    // As with grpc-js, a call failed by the processor is over for it at once.
    this.settle(false);
  }

  /**
   * Tells the handler Envoy's half-close (`halfClosed`), or that the call is over (a cancel),
   * each at most once. As with grpc-js (and the test kit's in-process channel), every call ends
   * with a cancel for the handler, after the half-close when there was one: Envoy's normal end is
   * half-close then reset, and the handler sees the same events whatever the transport.
   */
  settle(halfClosed: boolean): void {
    if (halfClosed) {
      if (this.told !== 0) return;
      this.told = 1;
      this.handler?.halfClose();
    } else if (this.told !== 2) {
      this.told = 2;
      this.handler?.cancel();
    }
  }

  message(bytes: Buffer): void {
    this.#take(bytes, 0);
  }

  /**
   * Decodes the message `buf[start, buf.length)` and hands it to the handler. Decoded in place,
   * so a message behind its frame prefix needs no view of it; a message outside the fast
   * decoder's shapes gets one, for `decodeRequest` (which tries the fast decoder again, then the
   * generated one: only such rare messages pay that twice).
   */
  #take(buf: Buffer, start: number): void {
    let request: ReturnType<typeof decodeRequest>;
    try {
      request =
        decodeRequestFast(buf, start) ??
        decodeRequest(start === 0 ? buf : buf.subarray(start), this.onUnknown);
    } catch (error) {
      this.log.debug({ err: error }, 'undecodable ProcessingRequest');
      this.reject(GrpcStatus.INVALID_ARGUMENT, `malformed ProcessingRequest: ${(error as Error).message}`);
      return;
    }
    if (this.told === 0) this.handler?.message(request);
  }

  problem(problem: FrameProblem): void {
    if (problem.kind === 'too-large') {
      this.reject(
        GrpcStatus.RESOURCE_EXHAUSTED,
        `ProcessingRequest of ${problem.length} bytes exceeds maxMessageBytes (${this.max}); raise grpc.maxMessageBytes in the attache config`,
      );
    } else {
      // Envoy never compresses ext_proc messages, and no compression was negotiated.
      this.reject(GrpcStatus.UNIMPLEMENTED, 'compressed messages are not supported');
    }
  }

  /** Fails the call for a message it cannot take, logged like the grpc-js transport does. */
  reject(code: number, reason: string): void {
    // A stopped reader ignores every later chunk (made here if no chunk needed one yet).
    (this.reader ??= new MessageReader(this.max, this)).stop();
    // Rate-limited per status: a client sending garbage on every stream cannot flood the log.
    if (!this.finished) limitedLog(this.log, 'error', `GRPC_STATUS_${code}`, { code }, reason);
    this.fail(code, reason);
  }

  onEnd(): void {
    if (this.reader?.midMessage && !this.finished) {
      this.reject(GrpcStatus.INTERNAL, 'the client half-closed in the middle of a message');
      return;
    }
    this.settle(true);
  }

  onClose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    // Reset, aborted or its session gone: whatever was not over yet is cancelled.
    this.markClosed();
    this.settle(false);
  }

  onDeadline(): void {
    this.timer = null;
    if (this.finished) return;
    this.fail(GrpcStatus.DEADLINE_EXCEEDED, 'deadline exceeded (grpc-timeout)');
  }
}

// The stream listeners of Process calls: one function for every stream (`this` is the stream),
// where per-call arrow functions would be four closures per stream.
function onData(this: http2.ServerHttp2Stream, chunk: Buffer): void {
  callOf<ProcessCall>(this)?.push(chunk);
}
function onEnd(this: http2.ServerHttp2Stream): void {
  callOf<ProcessCall>(this)?.onEnd();
}
function onClose(this: http2.ServerHttp2Stream): void {
  callOf<ProcessCall>(this)?.onClose();
}

function swallow(): void {}

/**
 * Creates the `node:http2` transport for `target`: not listening until `listen`.
 * @internal
 */
export function createHttp2Transport(
  target: ProcessStreamTarget,
  options: Http2TransportOptions,
): ServerTransport {
  const { log } = options;
  const keepalive = options.keepalive ?? checkKeepalive(undefined);
  const max = target.maxReceiveMessageBytes ?? 2 ** 32 - 1;
  const onUnknown = unknownFieldsLogger(log);
  const health = new HealthService(SERVICES);
  const sessions = new Set<http2.ServerHttp2Session>();
  const server = createHttp2Server(options.tls, log);

  server.on('session', (session) => {
    sessions.add(session);
    session.on('error', swallow); // reported as the streams' 'close'; nothing else to do
    session.once('close', () => sessions.delete(session));
    try {
      session.setLocalWindowSize(CONNECTION_WINDOW_BYTES);
    } catch {
      // The session closed before we got to it.
    }
    startKeepalive(session, keepalive, log);
  });
  server.on('sessionError', swallow);

  server.on('stream', (stream, headers) => {
    stream.on('error', swallow); // a reset or a dead session; the 'close' event handles the call
    if (headers[':method'] !== 'POST') {
      rejectStream(stream, GrpcStatus.UNIMPLEMENTED, 'gRPC requires POST', 405);
      return;
    }
    const contentType = headers['content-type'];
    if (!grpcContentType(contentType)) {
      rejectStream(
        stream,
        GrpcStatus.UNKNOWN,
        `unsupported content-type ${JSON.stringify(contentType ?? '')}; expected application/grpc`,
        415,
      );
      return;
    }
    const path = headers[':path'];
    if (path === PROCESS_PATH) serveProcess(stream, headers);
    else if (path === HEALTH_CHECK_PATH) health.serve(stream, false);
    else if (path === HEALTH_WATCH_PATH) health.serve(stream, true);
    else rejectStream(stream, GrpcStatus.UNIMPLEMENTED, `unknown method ${path ?? ''}`);
  });

  function serveProcess(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    const encoding = headers['grpc-encoding'];
    if (encoding !== undefined && encoding !== 'identity') {
      rejectStream(stream, GrpcStatus.UNIMPLEMENTED, `grpc-encoding ${encoding} is not supported`);
      return;
    }
    let timeoutMs: number | null = null;
    const timeout = headers['grpc-timeout'];
    if (timeout !== undefined) {
      timeoutMs = typeof timeout === 'string' ? parseGrpcTimeout(timeout) : null;
      if (timeoutMs === null) {
        rejectStream(stream, GrpcStatus.INTERNAL, `malformed grpc-timeout ${JSON.stringify(timeout)}`);
        return;
      }
    }
    const call = new ProcessCall(stream, log, max, onUnknown);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('close', onClose);
    call.handler = target.connect(call, new LazyMetadata(headers, fromRequestHeaders));
    // Envoy sends no grpc-timeout (§1.4): this closure is only made for other clients.
    if (timeoutMs !== null && !call.finished) call.timer = setTimeout(() => call.onDeadline(), timeoutMs);
  }

  return {
    listen(target) {
      if (!NODE_HAS_RESET_RATE_OPTIONS) log.warn(RESET_RATE_WARNING);
      return new Promise<number>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        const onListening = () => {
          server.off('error', onError);
          // A listening server's own errors (e.g. out of file descriptors on accept) are logged,
          // never thrown: the open connections keep being served.
          server.on('error', (error) => log.error({ err: error }, 'HTTP/2 server error'));
          const bound = server.address();
          resolve(typeof bound === 'object' && bound !== null ? bound.port : 0);
        };
        server.once('error', onError);
        if (target.kind === 'unix') server.listen(target.path, onListening);
        else server.listen(target.port, target.host, onListening);
      });
    },
    setServing(serving) {
      health.setServing(serving);
    },
    stopAccepting() {
      return new Promise<void>((resolve) => {
        if (!server.listening) {
          resolve();
          return;
        }
        // Resolves once every session has closed; session.close() sends GOAWAY and lets open
        // streams finish, refusing new ones.
        server.close(() => resolve());
        health.endWatches();
        for (const session of sessions) session.close();
      });
    },
    forceClose() {
      for (const session of sessions) session.destroy();
    },
  };
}

/** Server settings both the cleartext and the TLS server take. */
function serverSettings(): http2.ServerOptions {
  return {
    ...(RAISE_STREAM_WINDOW ? { settings: { initialWindowSize: STREAM_WINDOW_BYTES } } : {}),
    // Node's default (10 MB of queued data per session) refuses new streams under big bodies;
    // attache bounds memory with grpc.maxMessageBytes and body.maxBytes instead, as grpc-js does.
    maxSessionMemory: Number.MAX_SAFE_INTEGER,
    ...(NODE_HAS_RESET_RATE_OPTIONS
      ? { streamResetBurst: STREAM_RESET_LIMIT.burst, streamResetRate: STREAM_RESET_LIMIT.rate }
      : {}),
  } as http2.ServerOptions;
}

/**
 * The HTTP/2 server: cleartext (h2c), or TLS offering ALPN `h2` only (gRPC needs HTTP/2, so no
 * HTTP/1.1 fallback) with client certificates asked for and checked as `tls.clientAuth` says.
 */
function createHttp2Server(tls: ServerTls | undefined, log: Logger): http2.Http2Server {
  if (tls === undefined) return http2.createServer(serverSettings());
  const server = http2.createSecureServer({
    ...serverSettings(),
    cert: tls.cert,
    key: tls.key,
    ...(tls.ca === undefined ? {} : { ca: tls.ca }),
    ALPNProtocols: ['h2'],
    allowHTTP1: false,
    requestCert: tls.clientAuth !== 'none',
    // `request` must accept a client without a certificate, so Node cannot reject for it: a
    // certificate that is sent but does not verify is refused below instead.
    rejectUnauthorized: tls.clientAuth === 'require',
  });
  if (tls.clientAuth === 'request') {
    server.on('secureConnection', (socket: TLSSocket) => {
      if (socket.authorized || socket.getPeerX509Certificate() === undefined) return;
      log.debug(
        { reason: socket.authorizationError },
        'TLS client certificate does not verify against tls.ca; connection refused',
      );
      socket.destroy();
    });
  }
  // A failed handshake (no or a bad client certificate, no ALPN h2, plain text on the TLS port)
  // ends that connection only; visible at debug level for mTLS set-ups.
  server.on('tlsClientError', (error) => log.debug({ err: error }, 'TLS handshake failed'));
  return server;
}
