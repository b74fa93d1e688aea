/** What a processor did to a plain request, seen from the upstream: one header's value. */
import { expect } from 'vitest';
import type { ExtProcChannel } from '../../src/testing/channel.js';
import { runExchange } from '../../src/testing/exchange.js';

/**
 * Runs one `GET /` through `channel` (closed afterwards), checks that Envoy would accept every
 * reply, and returns header `name` as the upstream received it.
 */
export async function upstreamHeader(
  channel: ExtProcChannel & { close(): void },
  name: string,
): Promise<string | undefined> {
  try {
    const result = await runExchange(channel, { request: { path: '/' } });
    expect(result.violations).toEqual([]);
    return result.upstream?.headers.get(name);
  } finally {
    channel.close();
  }
}
