/**
 * A bare `node:http2` gRPC client for transport tests: writes exactly the bytes given (split into
 * DATA frames as the test wants) and reports the response headers, messages and status as sent.
 */
import http2 from 'node:http2';

/** A length-prefixed gRPC frame (`flag` 1 = compressed). */
export function frame(message: Uint8Array, flag = 0): Buffer {
  const out = Buffer.alloc(5 + message.length);
  out[0] = flag;
  out.writeUInt32BE(message.length, 1);
  out.set(message, 5);
  return out;
}

/** What came back on one stream. */
export interface RawResponse {
  httpStatus: number;
  /** grpc-status from the trailers, or from the headers of a trailers-only response. */
  grpcStatus: number | undefined;
  grpcMessage: string | undefined;
  trailersOnly: boolean;
  messages: Buffer[];
}

/**
 * Splits a response body into its complete gRPC messages: a frame still arriving (its prefix or
 * part of its bytes) is not one yet, so a count taken mid-stream never runs ahead.
 */
export function messagesOf(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at + 5 <= body.length) {
    const length = body.readUInt32BE(at + 1);
    if (at + 5 + length > body.length) break;
    out.push(body.subarray(at + 5, at + 5 + length));
    at += 5 + length;
  }
  return out;
}

/**
 * Opens one stream, writes `chunks` one DATA frame each (a turn of the event loop apart), then
 * half-closes: at once, after `endAfterReplies` replies (as Envoy waits for its answers), or
 * never (`end: false`).
 */
export function rawStream(
  session: http2.ClientHttp2Session,
  path: string,
  chunks: readonly Buffer[],
  options: { headers?: http2.OutgoingHttpHeaders; end?: boolean; endAfterReplies?: number } = {},
): { response: Promise<RawResponse>; stream: http2.ClientHttp2Stream } {
  const stream = session.request({
    ':method': 'POST',
    ':path': path,
    'content-type': 'application/grpc',
    te: 'trailers',
    ...options.headers,
  });
  const response = new Promise<RawResponse>((resolve, reject) => {
    let head: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders | null = null;
    const body: Buffer[] = [];
    let done = false;
    // A gRPC client's call is over at the status (trailers, or a trailers-only response), even
    // while its own side of the stream is still open.
    const finish = () => {
      if (done) return;
      done = true;
      const status = trailers ?? head;
      const code = status['grpc-status'];
      const message = status['grpc-message'];
      resolve({
        httpStatus: Number(head[':status']),
        grpcStatus: code === undefined ? undefined : Number(code),
        grpcMessage: typeof message === 'string' ? message : undefined,
        trailersOnly: trailers === null && head['grpc-status'] !== undefined,
        messages: messagesOf(Buffer.concat(body)),
      });
    };
    stream.on('response', (h) => {
      head = h;
      if (h['grpc-status'] !== undefined) finish();
    });
    stream.on('trailers', (t) => {
      trailers = t;
      finish();
    });
    stream.on('data', (c: Buffer) => {
      body.push(c);
      const after = options.endAfterReplies;
      if (after !== undefined && messagesOf(Buffer.concat(body)).length === after) stream.end();
    });
    stream.on('error', (e) => (done ? undefined : reject(e)));
    stream.on('close', finish);
  });
  void (async () => {
    for (const chunk of chunks) {
      stream.write(chunk);
      await new Promise((r) => setImmediate(r));
    }
    if (options.end !== false && options.endAfterReplies === undefined) stream.end();
  })();
  return { response, stream };
}

/** A client session to `address` (`host:port`). */
export function connect(address: string, options: http2.ClientSessionOptions = {}): http2.ClientHttp2Session {
  const session = http2.connect(`http://${address}`, options);
  session.on('error', () => {});
  return session;
}
