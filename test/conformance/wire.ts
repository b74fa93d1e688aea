/**
 * The transport the §18 suite drives attache over, chosen per run by
 * `ATTACHE_CONFORMANCE_TRANSPORT` (vitest.config.ts runs the suite once per value: its projects
 * `conformance:grpc-js`, `conformance:http2` and `conformance:wire`, and in-process within the main project):
 *
 * - `in-process` (default): the kit's in-process channel, no network;
 * - `grpc-js` / `http2` / `wire`: each processor a test drives is served on that transport on a loopback
 *   port, and the kit reaches it with its gRPC client (`grpcChannel`), as Envoy would.
 *
 * Tests import {@link runExchange} and {@link settle} from here instead of the kit, and stay the
 * same for every transport: a case that held in process must hold over the wire.
 */
import {
  type ExchangeResult,
  type ExchangeSpec,
  type ExtProcChannel,
  type ExtProcPerRoute,
  runExchange as kitRunExchange,
} from 'attache-extproc/testing';
import { afterEach } from 'vitest';
import type { TransportName } from '../../src/server/transport.js';
import { isExtProcChannel } from '../../src/testing/channel.js';
import type { ProcessStreamTarget, StreamHandler } from '../../src/transport/types.js';
import { useServers } from '../support/servers.js';

/** What the suite runs over. */
export type ConformanceTransport = 'in-process' | TransportName;

const CHOICES: readonly ConformanceTransport[] = ['in-process', 'grpc-js', 'http2', 'wire'];

function chosen(value: string | undefined): ConformanceTransport {
  const transport = (value ?? 'in-process') as ConformanceTransport;
  if (!CHOICES.includes(transport)) {
    throw new Error(
      `ATTACHE_CONFORMANCE_TRANSPORT must be one of ${CHOICES.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return transport;
}

/** The transport of this run. */
export const TRANSPORT: ConformanceTransport = chosen(process.env.ATTACHE_CONFORMANCE_TRANSPORT);

/**
 * How much wider a case's time budgets are over a network than in process. Budgets of tens of
 * ms (Envoy's message timeout, attache's handler timeout, an override) leave room for a
 * loopback round trip only on an idle machine; scaling them all keeps each case's order of
 * events (whose timer fires first) and stops it measuring the load of the machine.
 */
export const TIME_SCALE = TRANSPORT === 'in-process' ? 1 : 4;

/** A case's time budget of `n` ms, widened by {@link TIME_SCALE} over a network. */
export function ms(n: number): number {
  return n * TIME_SCALE;
}

/**
 * Envoy's message timeout over a network where a case leaves it at Envoy's default (200 ms):
 * cases that rely on the default only need attache to answer first, which its own budgets
 * (150/180 ms) decide; the margin of 20 ms to Envoy's is checked in process.
 */
const WIRE_MESSAGE_TIMEOUT_MS = 2000;

/**
 * Call metadata of {@link settle}'s probe streams: the served wrapper ends them at once, so they
 * never reach the processor a test observes.
 */
const PROBE = 'x-conformance-probe';
const NOTHING: StreamHandler = { message() {}, halfClose() {}, cancel() {} };

const servers = useServers();
/** The channel of each target served during the current test. */
const served = new Map<ProcessStreamTarget, Promise<ExtProcChannel>>();
afterEach(() => served.clear());

/** `target` on this run's transport: served once per test, one kit channel (connection) to it. */
function channelFor(target: ProcessStreamTarget): Promise<ExtProcChannel> {
  let channel = served.get(target);
  if (channel === undefined) {
    const probed: ProcessStreamTarget = {
      maxReceiveMessageBytes: target.maxReceiveMessageBytes,
      connect(sink, metadata) {
        if (!metadata.has(PROBE)) return target.connect(sink, metadata);
        sink.end();
        return NOTHING;
      },
    };
    // Connected before the test's first exchange, as Envoy's connection usually is: connecting
    // is no part of any case, and must not count against the first message's timeout.
    channel = servers.serve(TRANSPORT as TransportName, probed).then(async ({ address }) => {
      const connected = servers.channel(address);
      await probe(connected);
      return connected;
    });
    served.set(target, channel);
  }
  return channel;
}

/** A per-route `grpc_service` target put on the wire too. */
async function routeOverWire(route: ExtProcPerRoute): Promise<ExtProcPerRoute> {
  if (!('overrides' in route)) return route;
  const service = route.overrides?.grpcService;
  if (service === undefined || isExtProcChannel(service.target)) return route;
  const target = await channelFor(service.target);
  return { ...route, overrides: { ...route.overrides, grpcService: { ...service, target } } };
}

/**
 * The kit's `runExchange` with `target` reached over this run's transport (per-route
 * `grpc_service` targets too), Envoy's default message timeout widened there (see
 * {@link WIRE_MESSAGE_TIMEOUT_MS}).
 */
export async function runExchange(
  target: ProcessStreamTarget,
  spec: ExchangeSpec = {},
): Promise<ExchangeResult> {
  if (TRANSPORT === 'in-process') return kitRunExchange(target, spec);
  const envoy =
    spec.envoy?.messageTimeoutMs === undefined
      ? { ...spec.envoy, messageTimeoutMs: WIRE_MESSAGE_TIMEOUT_MS }
      : spec.envoy;
  const { perRoute } = spec;
  const routes =
    perRoute === undefined
      ? undefined
      : await Promise.all((Array.isArray(perRoute) ? perRoute : [perRoute]).map(routeOverWire));
  return kitRunExchange(await channelFor(target), {
    ...spec,
    envoy,
    ...(routes === undefined ? {} : { perRoute: routes }),
  });
}

/**
 * Lets what Envoy did last (its half-close, its reset) reach the server before a test looks at
 * the server's side. In process: a few turns of the event loop. Over a transport: first a probe
 * stream on every connection used, answered only after the server read everything sent before it
 * on that connection (HTTP/2 frames of one connection arrive in order), then those turns.
 */
export async function settle(rounds = 5): Promise<void> {
  for (const channel of served.values()) await probe(await channel);
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

function probe(channel: ExtProcChannel): Promise<void> {
  return new Promise<void>((resolve) => {
    const call = channel.open({ [PROBE]: '1' }, { reply() {}, close: () => resolve() });
    call.halfClose();
  });
}
