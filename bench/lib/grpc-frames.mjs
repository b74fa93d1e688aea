// What a node:http2 client needs to play Envoy's side of a `Process` call: the request headers
// Envoy's gRPC client sends, and a reader that cuts the server's DATA into gRPC messages.
// Shared by the load generator (bench/lib/loadgen.mjs) and the soak (bench/soak.mjs).
import { PROCESS_PATH } from './messages.mjs';

/** The HTTP/2 request headers of a `Process` call. */
export const GRPC_REQUEST_HEADERS = {
  ':method': 'POST',
  ':scheme': 'http',
  ':path': PROCESS_PATH,
  ':authority': 'ext_proc_cluster',
  'content-type': 'application/grpc',
  te: 'trailers',
  'user-agent': 'attache-bench (envoy-like)',
};

/** Accumulates DATA chunks and counts complete gRPC frames. */
export class FrameReader {
  #pending = null;
  #collect;
  /** With `collect`: the messages (without their 5-byte prefix) not yet taken by the caller. */
  frames = [];

  constructor(collect = false) {
    this.#collect = collect;
  }

  /** Returns the number of frames completed by `chunk`. */
  push(chunk) {
    let buf = this.#pending === null ? chunk : Buffer.concat([this.#pending, chunk]);
    let n = 0;
    while (buf.length >= 5) {
      const end = 5 + buf.readUInt32BE(1);
      if (buf.length < end) break;
      if (this.#collect) this.frames.push(Buffer.from(buf.subarray(5, end)));
      n++;
      buf = buf.subarray(end);
    }
    this.#pending = buf.length === 0 ? null : buf;
    return n;
  }
}
