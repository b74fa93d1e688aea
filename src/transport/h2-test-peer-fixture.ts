/**
 * The battery's fixture (h2-conformance*.test.ts): an attache server per case on the transport
 * under test, started with the public `createServer` (through test/support/servers.ts, which
 * closes it after the case), and raw HTTP/2 peers to it, closed after the case too, each case
 * failing if the server broke the protocol towards any of them.
 *
 * @module
 */
import { afterEach, expect } from 'vitest';
import { pluginOf, useServers } from '../../test/support/servers.js';
import type { Handlers } from '../plugin/types.js';
import type { AttacheServer, ServerOptions } from '../server/create-server.js';
import type { TransportName } from '../server/transport.js';
import { Flag, FrameType, H2Peer, type H2PeerOptions } from './h2-test-peer.js';

/** What a case of the battery starts: see {@link useBattery}. */
export interface Battery {
  /** An attache server of one plugin made of `handlers`, on `transport`, listening on loopback. */
  start(
    transport: TransportName,
    handlers: Handlers,
    options?: Partial<ServerOptions>,
  ): Promise<{ address: string; server: AttacheServer }>;
  /**
   * A raw HTTP/2 connection to `address`, its SETTINGS exchange done both ways (unless
   * `options.preface` is null: then only connected).
   */
  connect(address: string, options?: H2PeerOptions): Promise<H2Peer>;
}

/** The fixture of a test file; call it at the top level. */
export function useBattery(): Battery {
  const servers = useServers();
  const peers: H2Peer[] = [];
  // Registered after useServers' hook, so it runs first (vitest runs afterEach hooks in reverse):
  // the peers close before their servers do. Whatever a case provokes, a server must never
  // break the protocol towards the client (H2Peer.violations): checked after every case.
  afterEach(() => {
    const violations = peers.flatMap((peer) => peer.violations);
    for (const peer of peers.splice(0)) peer.close();
    expect(violations, 'what the server sent that breaks RFC 9113 / RFC 7541').toEqual([]);
  });
  return {
    async start(transport, handlers, options = {}) {
      return servers.start({ plugins: [{ plugin: pluginOf(handlers) }], ...options, transport });
    },
    async connect(address, options) {
      const peer = await H2Peer.connect(address, options);
      peers.push(peer);
      if (options?.preface === null) return peer;
      await peer.until(
        () =>
          peer.settingsAcks > 0 &&
          peer.frames.some((f) => f.type === FrameType.SETTINGS && !(f.flags & Flag.ACK)),
        'the SETTINGS exchange',
      );
      return peer;
    },
  };
}
