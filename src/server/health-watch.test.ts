/**
 * `grpc.health.v1.Health/Watch` on both transports, driven by a grpc-js client: the current
 * status at once, then every change (the drain's NOT_SERVING), and an unknown service as
 * SERVICE_UNKNOWN on the stream.
 */
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { useServers } from '../../test/support/servers.js';
import { EXT_PROC_SERVICE } from '../protocol/service.js';
import type { TransportName } from './create-server.js';

const servers = useServers();

const encodeService = (service: string) => {
  const s = Buffer.from(service);
  return Buffer.concat([Buffer.from([0x0a, s.length]), s]);
};
const statusOf = (b: Buffer) => (b.length >= 2 && b[0] === 0x08 ? (b[1] as number) : 0);

function watch(address: string, service: string) {
  const client = servers.grpcClient(address);
  const seen: number[] = [];
  let end: grpc.StatusObject | null = null;
  const call = client.makeServerStreamRequest(
    '/grpc.health.v1.Health/Watch',
    (x: Buffer) => x,
    (x: Buffer) => x,
    encodeService(service),
  );
  call.on('data', (b: Buffer) => seen.push(statusOf(b)));
  call.on('status', (s: grpc.StatusObject) => (end = s));
  call.on('error', () => {});
  return { seen, ended: () => end, call };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

describe.each<TransportName>(['grpc-js', 'http2', 'wire'])('health Watch over %s', (transport) => {
  it('sends SERVING at once, NOT_SERVING when the drain starts; an unknown service is SERVICE_UNKNOWN', async () => {
    const { server, address } = await servers.start({ plugins: [], transport, drainDelayMs: 600_000 });
    const all = watch(address, '');
    const extProc = watch(address, EXT_PROC_SERVICE);
    const unknown = watch(address, 'other');
    await waitFor(() => all.seen.length === 1 && extProc.seen.length === 1 && unknown.seen.length === 1);
    expect([all.seen, extProc.seen, unknown.seen]).toEqual([[1], [1], [3]]);
    const stopping = server.shutdown();
    await waitFor(() => all.seen.length === 2 && extProc.seen.length === 2);
    expect([all.seen, extProc.seen]).toEqual([
      [1, 2],
      [1, 2],
    ]);
    extProc.call.cancel();
    unknown.call.cancel();
    if (transport !== 'grpc-js') {
      // http2 and wire end open Watch calls when they stop accepting, so they do not hold the grace period.
      await server.close(60_000);
      await waitFor(() => all.ended() !== null);
      expect(all.ended()?.code).toBe(grpc.status.UNAVAILABLE);
    } else {
      all.call.cancel();
      await server.close(100);
    }
    await stopping;
  });
});
