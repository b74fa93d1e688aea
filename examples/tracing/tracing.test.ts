/**
 * The tracing example as a user runs it: `attache serve` with `--import ./otel.mjs`, a request
 * carrying Envoy's trace context in its call metadata, and the spans on stdout.
 */
import { fileURLToPath } from 'node:url';
import { grpcChannel, runExchange } from 'attache-extproc/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServeProcess, startServe } from '../../test/support/serve-process.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const CONFIG = here('./attache.yaml');
const OTEL = here('./otel.mjs');

const started: ServeProcess[] = [];
afterEach(async () => {
  for (const p of started.splice(0)) {
    p.child.kill('SIGKILL');
    await p.exit;
  }
});

function serve(nodeArgs: string[], processes = 1): ServeProcess {
  const args = ['--processes', String(processes), '--address', '127.0.0.1:0', '--config', CONFIG];
  const p = startServe(args, {
    nodeArgs,
    stdout: true,
  });
  started.push(p);
  return p;
}

describe('examples/tracing', () => {
  it.each([1, 2])(
    'writes an exchange span parented on the metadata, with the plugin spans under it (%i processes)',
    async (processes) => {
      const p = serve(['--import', OTEL], processes);
      const listening = await p.waitFor((l) => l.msg === 'attache listening', 'the listening line');
      const channel = grpcChannel(String(listening.address));
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const envoySpan = '00f067aa0ba902b7';
      try {
        const r = await runExchange(channel, {
          envoy: {
            grpcInitialMetadata: { traceparent: `00-${traceId}-${envoySpan}-01` },
            // The first request of a fresh process (OpenTelemetry loaded, nothing compiled yet)
            // can take longer than Envoy's 200 ms on a loaded machine; that 504 is not this test's.
            messageTimeoutMs: 5000,
          },
          request: { authority: 'acme.example.com', path: '/orders' },
        });
        expect(r.violations).toEqual([]);
        expect(r.upstream?.headers.get('x-tenant')).toBe('acme');
      } finally {
        channel.close();
      }
      // ConsoleSpanExporter prints each span when it ends; the exchange span ends last.
      await expect.poll(() => p.stdout(), { timeout: 10_000 }).toContain("name: 'ext_proc GET'");
      const out = p.stdout();
      for (const name of ['tenant request_headers', 'tenant lookup', 'headers response_headers']) {
        expect(out).toContain(`name: '${name}'`);
      }
      // Every span is in Envoy's trace; the exchange's parent is Envoy's span.
      expect(out.match(/traceId: '([0-9a-f]+)'/g)?.every((m) => m.includes(traceId))).toBe(true);
      expect(out).toContain(`spanId: '${envoySpan}'`);
    },
  );

  it('refuses to start without otel.mjs, since the config says tracing.enabled: on', async () => {
    const p = serve([]);
    expect(await p.exit).toBe(1);
    expect(p.text()).toContain(
      `${CONFIG}: tracing.enabled: on, but no OpenTelemetry tracer provider is registered: start attache with node --import ./otel.mjs`,
    );
  });
});
