/**
 * Small HTTP/1 helpers shared by the development proxy and the demo upstream.
 *
 * @module
 */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Connection-scoped (hop-by-hop) headers. Node's HTTP stack owns framing and connection reuse
 * on each hop, so these must not leak from one hop to the next (RFC 9110 §7.6.1). `te` is
 * handled by {@link isHopByHop}: `te: trailers` is end-to-end meaningful and kept.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/** Whether the header `name: value` belongs to one connection only and must not be forwarded. */
export function isHopByHop(name: string, value: string): boolean {
  // Called for every header on every hop: most names are ruled out by their length alone
  // (te 2, upgrade 7, connection and keep-alive 10, proxy-connection 16, transfer-encoding 17).
  const length = name.length;
  if (length !== 2 && length !== 7 && length !== 10 && length !== 16 && length !== 17) return false;
  const n = name.toLowerCase();
  if (n === 'te') return value.trim().toLowerCase() !== 'trailers';
  return HOP_BY_HOP.has(n);
}

/** What the development proxy reads from a request's raw header list, in one pass. */
export interface RequestHead {
  /** `[name, value]` pairs, names lower-cased, order and repeats kept; no `host`, no hop-by-hop header. */
  readonly headers: Array<[string, string]>;
  /** The first `host` value (what Node's `req.headers.host` holds). */
  readonly host: string | undefined;
  /** The first `content-length` value (what Node's `req.headers['content-length']` holds). */
  readonly contentLength: string | undefined;
  /** Whether the request has a `transfer-encoding` header. */
  readonly transferEncoding: boolean;
  /** Whether a `transfer-encoding` value names `chunked`. */
  readonly chunked: boolean;
}

const CHUNKED = /\bchunked\b/i;

/**
 * Reads Node's flat `rawHeaders` list once: the headers to forward and the few the proxy itself
 * looks at. Why not `req.headers`: Node builds that object on first read, a second pass over the
 * same list on every request.
 */
export function scanRequestHead(raw: readonly string[]): RequestHead {
  const headers: Array<[string, string]> = [];
  let host: string | undefined;
  let contentLength: string | undefined;
  let transferEncoding = false;
  let chunked = false;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    if (name === 'host') {
      host ??= value;
      continue;
    }
    if (name === 'content-length') contentLength ??= value;
    else if (name === 'transfer-encoding') {
      transferEncoding = true;
      if (CHUNKED.test(value)) chunked = true;
    }
    if (!isHopByHop(name, value)) headers.push([name, value]);
  }
  return { headers, host, contentLength, transferEncoding, chunked };
}

/** `[name, value]` pairs from Node's flat `rawHeaders` list, names lower-cased, order and repeats kept. */
export function rawPairs(raw: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2)
    pairs.push([(raw[i] as string).toLowerCase(), raw[i + 1] as string]);
  return pairs;
}

/** Splits `host:port` (`[::1]:port` for IPv6) into its parts. */
export function parseHostPort(address: string, what: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  const port = Number(address.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${what}: expected host:port, got "${address}"`);
  }
  return { host: address.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port };
}

/** Formats a bound address as `host:port` (brackets around IPv6). */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The body was larger than allowed; `read` stops buffering at that point. */
export class BodyTooLargeError extends Error {}

/** Reads a whole message body, failing with {@link BodyTooLargeError} past `maxBytes`. */
export function readBody(message: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop keeping bytes; the caller answers and Node discards the rest of the upload.
        message.off('data', onData);
        reject(new BodyTooLargeError(`body over ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    message.on('data', onData);
    message.once('end', () => resolve(Buffer.concat(chunks)));
    message.once('error', reject);
  });
}

/** A listening HTTP server's address and a close that also ends kept-alive connections. */
export interface Listening {
  readonly address: string;
  close(): Promise<void>;
}

/** Starts `server` on `host:port` (rejecting on a bind error) and returns how to reach and stop it. */
export async function listenHttp(server: Server, host: string, port: number): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  return {
    address: formatHostPort(bound.address, bound.port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
