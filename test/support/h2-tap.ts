/**
 * A cleartext TCP relay in front of a server that reads the HTTP/2 frame headers going each way:
 * what a test needs to see of a client it does not control (gRPC's C core, grpc-go), such as
 * how many connections it opened, whether it sent PINGs, and whether the server sent GOAWAY.
 * Bytes pass through unchanged; only the 9-byte frame headers (and GOAWAY's error code) are read.
 */
import { type AddressInfo, createConnection, createServer, type Server, type Socket } from 'node:net';

/** One frame seen by the tap. */
export interface TappedFrame {
  /** `client` for frames the client sent, `server` for the server's. */
  readonly from: 'client' | 'server';
  /** The connection's number, from 0, in accept order. */
  readonly connection: number;
  readonly type: number;
  readonly flags: number;
  readonly stream: number;
  /** GOAWAY's error code; undefined for other frames. */
  readonly errorCode?: number;
}

/** HTTP/2 frame types the tests look for. */
export const FrameType = {
  DATA: 0,
  HEADERS: 1,
  RST_STREAM: 3,
  SETTINGS: 4,
  PING: 6,
  GOAWAY: 7,
  CONTINUATION: 9,
} as const;

/** The client connection preface, which precedes the client's first frame. */
const PREFACE_BYTES = 24;

/** Reads frame headers from one direction of a connection as its chunks pass. */
class FrameReader {
  #pending = Buffer.alloc(0);
  #skip: number;

  constructor(
    skip: number,
    readonly emit: (type: number, flags: number, stream: number, payload: Buffer) => void,
  ) {
    this.#skip = skip;
  }

  push(chunk: Buffer): void {
    let data = Buffer.concat([this.#pending, chunk]);
    const skipped = Math.min(this.#skip, data.length);
    this.#skip -= skipped;
    data = data.subarray(skipped);
    // Frames are read whole (payload included), so GOAWAY's code is at hand; a big DATA frame
    // waits in `pending` until it is complete, which a test's few MiB can afford.
    while (data.length >= 9) {
      const length = data.readUIntBE(0, 3);
      if (data.length < 9 + length) break;
      this.emit(
        data[3] as number,
        data[4] as number,
        data.readUInt32BE(5) & 0x7fffffff,
        data.subarray(9, 9 + length),
      );
      data = data.subarray(9 + length);
    }
    this.#pending = Buffer.from(data);
  }
}

/** A running tap: its address, what it saw, and how to close it. */
export interface H2Tap {
  /** `127.0.0.1:port` to give the client. */
  readonly address: string;
  readonly frames: TappedFrame[];
  /** Connections accepted so far. */
  connections(): number;
  /** Frames of `type` sent by `from`. */
  count(from: 'client' | 'server', type: number, flags?: number): number;
  close(): Promise<void>;
}

/** Starts a tap relaying to `target` (`host:port`). */
export async function startH2Tap(target: string): Promise<H2Tap> {
  const [host, port] = [
    target.slice(0, target.lastIndexOf(':')),
    Number(target.slice(target.lastIndexOf(':') + 1)),
  ];
  const frames: TappedFrame[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((client) => {
    const connection = accepted++;
    const upstream = createConnection({ host, port });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    const record =
      (from: 'client' | 'server') => (type: number, flags: number, stream: number, payload: Buffer) =>
        frames.push({
          from,
          connection,
          type,
          flags,
          stream,
          ...(type === FrameType.GOAWAY && payload.length >= 8 ? { errorCode: payload.readUInt32BE(4) } : {}),
        });
    const fromClient = new FrameReader(PREFACE_BYTES, record('client'));
    const fromServer = new FrameReader(0, record('server'));
    client.on('data', (chunk: Buffer) => {
      fromClient.push(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      fromServer.push(chunk);
      client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    frames,
    connections: () => accepted,
    count: (from, type, flags) =>
      frames.filter((f) => f.from === from && f.type === type && (flags === undefined || f.flags === flags))
        .length,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
