/**
 * The one server-and-client fixture of the transport, server and conformance tests: what a test
 * starts through it (an attache server, a bare transport serving a target, a kit channel, a raw
 * HTTP/2 session, a grpc-js client) is closed after the test, clients before servers, so no test
 * repeats the start/close bookkeeping and none leaks a listening socket into the next.
 */
import type http2 from 'node:http2';
import * as grpc from '@grpc/grpc-js';
import { afterEach } from 'vitest';
import { type Logger, silentLogger } from '../../src/log.js';
import { definePlugin } from '../../src/plugin/define-plugin.js';
import type { Handlers } from '../../src/plugin/types.js';
import { type AttacheServer, createServer, type ServerOptions } from '../../src/server/create-server.js';
import { checkKeepalive } from '../../src/server/tls-options.js';
import type { ServerTransport, TransportName } from '../../src/server/transport.js';
import { createGrpcJsTransport } from '../../src/server/transport-grpc-js.js';
import type { ExtProcChannel } from '../../src/testing/channel.js';
import { type GrpcChannelOptions, grpcChannel } from '../../src/testing/channel-grpc.js';
import { type Http2ChannelOptions, http2Channel } from '../../src/testing/channel-http2.js';
import { createHttp2Transport } from '../../src/transport/http2.js';
import type { ProcessStreamTarget } from '../../src/transport/types.js';
import { createWireTransport } from '../../src/transport/wire.js';
import { connect } from './raw-grpc.js';

/** Where the fixture's servers listen: a free loopback port. */
const ANY_PORT = '127.0.0.1:0';

/** Grace a server gets to finish its streams when the fixture closes it after a test, in ms. */
const CLOSE_GRACE_MS = 100;

/** A listening attache server. */
export interface Started {
  readonly server: AttacheServer;
  /** `host:port` it listens on. */
  readonly address: string;
}

/** A plugin named `name` made of `handlers`. */
export function pluginOf(handlers: Handlers, name = 'p') {
  return definePlugin({ name, setup: () => handlers });
}

/** The servers and clients of one test; see {@link useServers}. */
export class Servers {
  readonly #servers: Array<() => Promise<unknown>> = [];
  readonly #clients: Array<() => void> = [];

  /** `createServer(options)` listening on a free loopback port (`options.address` ignored). */
  async start(options: ServerOptions): Promise<Started> {
    const server = await createServer({ log: silentLogger, ...options });
    this.#servers.push(() => server.close(CLOSE_GRACE_MS));
    const { address } = await server.listen(ANY_PORT);
    return { server, address };
  }

  /** {@link start} with one plugin made of `handlers`, and a kit channel (`grpcChannel`) to it. */
  async startWith(
    handlers: Handlers,
    options: Partial<ServerOptions> = {},
  ): Promise<Started & { channel: ExtProcChannel }> {
    const started = await this.start({ plugins: [{ plugin: pluginOf(handlers) }], ...options });
    return { ...started, channel: this.channel(started.address) };
  }

  /**
   * Serves `target` (a processor, or a test double wrapping one) on a bare `transport`, without
   * `createServer`: what the conformance suite uses to put its observed processors on the wire.
   */
  async serve(
    transport: TransportName,
    target: ProcessStreamTarget,
    log: Logger = silentLogger,
  ): Promise<{ address: string; transport: ServerTransport }> {
    const served =
      transport === 'http2'
        ? createHttp2Transport(target, { log })
        : transport === 'wire'
          ? createWireTransport(target, { log })
          : createGrpcJsTransport(
              {
                connect: (sink, metadata) => target.connect(sink, metadata),
                // grpc-js's own ceiling when the target sets none.
                maxReceiveMessageBytes: target.maxReceiveMessageBytes ?? 2 ** 31 - 1,
              },
              log,
              {
                grpcOptions: undefined,
                credentials: undefined,
                tls: undefined,
                keepalive: checkKeepalive(undefined),
              },
            );
    this.#servers.push(async () => {
      served.forceClose();
      await served.stopAccepting();
    });
    const port = await served.listen({ kind: 'tcp', host: '127.0.0.1', port: 0 });
    return { address: `127.0.0.1:${port}`, transport: served };
  }

  /** A kit channel (`grpcChannel`) to `address`. */
  channel(address: string, options?: GrpcChannelOptions): ExtProcChannel {
    const channel = grpcChannel(address, options);
    this.#clients.push(() => channel.close());
    return channel;
  }

  /** The kit's own HTTP/2 channel (`http2Channel`) to `address`. */
  http2Channel(address: string, options?: Http2ChannelOptions): ExtProcChannel {
    const channel = http2Channel(address, options);
    this.#clients.push(() => channel.close());
    return channel;
  }

  /** A raw `node:http2` client session to `address` (errors swallowed; see raw-grpc.ts). */
  session(address: string, options?: http2.ClientSessionOptions): http2.ClientHttp2Session {
    const session = connect(address, options);
    this.#clients.push(() => session.destroy());
    return session;
  }

  /** A bare grpc-js client to `address`, for calls the kit does not make (health, raw bytes). */
  grpcClient(address: string): grpc.Client {
    const client = new grpc.Client(address, grpc.credentials.createInsecure());
    this.#clients.push(() => client.close());
    return client;
  }

  /** Closes every client, then every server (each given {@link CLOSE_GRACE_MS}). */
  async closeAll(): Promise<void> {
    for (const close of this.#clients.splice(0)) close();
    await Promise.all(this.#servers.splice(0).map((close) => close()));
  }
}

/**
 * The fixture for a test file: call it at the top level (or in a `describe`); everything started
 * through the returned {@link Servers} during a test is closed after that test.
 *
 * @example
 * ```ts
 * const servers = useServers();
 * it('serves', async () => {
 *   const { channel } = await servers.startWith({ requestHeaders: (ctx) => void ctx.mutate.set('x', '1') });
 *   expect((await runExchange(channel, {})).violations).toEqual([]);
 * });
 * ```
 */
export function useServers(): Servers {
  const servers = new Servers();
  afterEach(() => servers.closeAll());
  return servers;
}
