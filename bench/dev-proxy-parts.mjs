#!/usr/bin/env node
/**
 * Where `attache dev`'s time per request goes, without HTTP/1 around it: the test kit's
 * simulated Envoy filter runs headers-only exchanges (10 in flight, a constant upstream) against
 * one processor, first in process (no gRPC), then over `http2Channel` (the channel `attache dev`
 * uses) to the same processor served by each transport. Prints CPU µs per exchange of this one
 * process (client and server together) and exchanges/s; the difference between the rows is what
 * the gRPC hop costs. Compare with the dev process's CPU per request in `bench/latency.mjs`,
 * which adds the HTTP/1 proxy and the upstream client.
 *
 *   npm run build && node bench/dev-proxy-parts.mjs [--exchanges 5000] [--close reset|graceful] [--no-pretenuring]
 *   node scripts/with-node.mjs bench/dev-proxy-parts.mjs …   # the same on Node 24
 *
 * `--no-pretenuring` turns V8's allocation-site pretenuring off first (bench/README.md,
 * "Development proxy": it halves the kit's cost in process, and changes nothing over gRPC).
 */
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { createServer, definePlugin, silentLogger } from '../dist/src/index.js';
import { http2Channel } from '../dist/src/testing/channel-http2.js';
import { inProcessChannel } from '../dist/src/testing/channel-in-process.js';
import { normalizeConfig } from '../dist/src/testing/config.js';
import { runPreparedExchange } from '../dist/src/testing/exchange.js';

const { values } = parseArgs({
  options: {
    exchanges: { type: 'string', default: '5000' },
    close: { type: 'string', default: 'graceful' },
    'no-pretenuring': { type: 'boolean', default: false },
  },
});
if (values['no-pretenuring']) v8.setFlagsFromString('--no-allocation-site-pretenuring');
const exchanges = Number(values.exchanges);
const IN_FLIGHT = 10;

// Header changes in both directions, as the quick start's `headers` plugin makes.
const plugin = definePlugin({
  name: 'bench-headers',
  setup: () => ({
    requestHeaders(ctx) {
      ctx.mutate.set('x-attache', 'quickstart').remove('x-debug');
    },
    responseHeaders(ctx) {
      ctx.mutate.set('x-processed-by', 'attache');
    },
  }),
});
// Envoy's 200 ms message timeout would turn a scheduling stall on a busy machine into a 504 that
// stops the run; this measures CPU per exchange, so the simulated filter waits longer.
const config = normalizeConfig({ messageTimeoutMs: 10_000 });
const upstreamBody = Buffer.from('{"ok":true}\n');
const spec = {
  request: {
    method: 'GET',
    path: '/hello',
    authority: '127.0.0.1:8000',
    headers: [
      ['user-agent', 'bench'],
      ['x-debug', '1'],
    ],
  },
  upstream: () => ({ status: 200, headers: [['content-type', 'application/json']], body: upstreamBody }),
};

/** Runs `count` exchanges, IN_FLIGHT at a time; any answer but a clean 200 stops the run. */
async function run(channel, count) {
  let started = 0;
  const lane = async () => {
    while (started++ < count) {
      const result = await runPreparedExchange(config, channel, spec);
      if (result.downstream.status !== 200 || result.violations.length > 0) {
        throw new Error(
          `unexpected exchange: ${result.downstream.status} ${JSON.stringify(result.violations)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

async function measure(name, channel) {
  await run(channel, Math.min(1000, exchanges)); // warm-up, not reported
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run(channel, exchanges);
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - t0) / 1000;
  return `| ${name} | ${Math.round((cpu.user + cpu.system) / exchanges)} | ${Math.round(exchanges / seconds)} |`;
}

const rows = [];
for (const transport of ['grpc-js', 'http2']) {
  const server = await createServer({ plugins: [{ plugin }], log: silentLogger, transport });
  const { address } = await server.listen('127.0.0.1:0');
  try {
    const channel = http2Channel(address, { close: values.close });
    try {
      rows.push(await measure(`kit over http2Channel -> ${transport} server`, channel));
    } finally {
      channel.close();
    }
    // Last, so the kit's code is as warm as in the gRPC rows.
    if (transport === 'http2')
      rows.push(await measure('kit in process (no gRPC)', inProcessChannel(server.processor)));
  } finally {
    await server.close();
  }
}
process.stdout.write(
  `Node ${process.version}, ${exchanges} headers-only exchanges, ${IN_FLIGHT} in flight, --close ${values.close}` +
    `${values['no-pretenuring'] ? ', allocation-site pretenuring off' : ', V8 defaults'}\n\n` +
    '| run | CPU µs per exchange | exchanges/s |\n|---|---|---|\n' +
    `${rows.join('\n')}\n`,
);
