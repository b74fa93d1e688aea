/**
 * `attache dev --config <file>`: try a pipeline with curl, without Envoy. Starts the gRPC server
 * exactly as `serve` does (so Envoy or `attache send` can use it too), puts the development proxy
 * (`src/dev`) in front of it, talking to it over gRPC through the test kit's Envoy-faithful client,
 * and stops gracefully on SIGTERM/SIGINT (exit 0). Development only: production traffic goes
 * through Envoy.
 *
 * @module
 */
import { loadConfig } from '../config/load-config.js';
import { startDevProxy } from '../dev/dev-proxy.js';
import { startDevServer } from '../dev/server-thread.js';
import { createLogger } from '../log.js';
import { routeGrpcJsLog } from '../server/grpc-js-log.js';
import { servingPretenuring } from '../server/pretenuring.js';
import { http2Channel } from '../testing/channel-http2.js';
import { closeModeFlag } from './close-mode.js';
import { DEFAULT_DEV_LISTEN } from './commands.js';
import { processingModeFromFlags } from './modes.js';
import { startConfigReloader } from './reloader.js';
import { waitForSignal } from './signals.js';

/** Options of {@link dev}. */
export interface DevArgs {
  readonly config: string;
  /** Upstream base URL; absent = a demo echo upstream on a free loopback port. */
  readonly upstream?: string | undefined;
  /** Proxy address (default {@link DEFAULT_DEV_LISTEN}, `127.0.0.1:8000`). */
  readonly listen?: string | undefined;
  /** Envoy `processing_mode.request_body_mode`, lower-case (`none`). */
  readonly requestBodyMode?: string | undefined;
  /** Envoy `processing_mode.response_body_mode`, lower-case (`none`). */
  readonly responseBodyMode?: string | undefined;
  /**
   * Envoy `metadata_options.receiving_namespaces.untyped`: dynamic metadata namespaces Envoy keeps
   * (none by default, so a plugin's `setMetadata` is reported as ignored).
   */
  readonly receiveNamespaces?: readonly string[] | undefined;
  /** Reload the pipeline when the config file or a plugin file it loads changes. */
  readonly watch?: boolean | undefined;
  /** `auto` (default), `reset` or `graceful`: how the simulated Envoy ends each stream (close-mode.ts). */
  readonly close?: string | undefined;
  /** Forward requests straight to the upstream (the proxy's own cost, for benchmarks). */
  readonly bypass?: boolean | undefined;
  /** Run the server in a worker thread (`--server-thread`); default: on the proxy's thread. */
  readonly serverThread?: boolean | undefined;
}

/** Runs the development proxy until a termination signal; resolves when it has stopped. */
export async function dev(args: DevArgs): Promise<void> {
  // Envoy's defaults (headers SEND, bodies NONE) unless a flag says otherwise; checked before
  // any plugin starts so a typo fails fast.
  const loaded = await loadConfig(args.config);
  const processingMode = processingModeFromFlags(
    'dev',
    args.requestBodyMode,
    args.responseBodyMode,
    loaded.config.envoy.processingMode,
  );
  const close = closeModeFlag(args.close ?? 'auto', 'dev', { transport: loaded.config.grpc.transport });
  const log = createLogger(loaded.config.log.level, loaded.config.log.format);
  routeGrpcJsLog(log);
  // The proxy and the server (thread or not) share this process's V8 flags.
  servingPretenuring(log);
  // The server sits behind the filter this command simulates: it is told that filter's mode, as
  // `envoy.processingMode` tells it Envoy's (and it keeps it across reloads).
  const declared = {
    processingMode,
    processingModeWhere: `${loaded.file}: envoy.processingMode with attache dev's body-mode flags`,
    // The simulated filter runs exactly this mode, not the one `attache envoy` would generate.
    processingModeDerived: false,
  };
  // The proxy is a local cleartext client of this server, so `dev` serves without grpc.tls.
  if (loaded.config.grpc.tls !== undefined) {
    log.warn(`${loaded.file}: grpc.tls is not used by attache dev; its gRPC server speaks cleartext HTTP/2`);
  }
  // On the proxy's thread unless --server-thread asks for a worker thread (run from the build):
  // on 2 cores the second V8 instance cost more CPU per request than the thread saved.
  const server = await startDevServer({
    file: loaded.file,
    loaded,
    log,
    overrides: declared,
    demo: args.upstream === undefined,
    thread: args.serverThread === true,
  });
  const grpcAddress = server.address;
  const channel = http2Channel(grpcAddress, { close });
  try {
    const upstream = args.upstream ?? `http://${server.demo}`;
    const proxy = await startDevProxy({
      target: channel,
      upstream,
      listen: args.listen ?? DEFAULT_DEV_LISTEN,
      // The config's mutation rules must equal Envoy's, so the simulation judges with them too.
      envoy: {
        processingMode,
        mutationRules: loaded.config.envoy.mutationRules,
        allowContentLengthHeader: loaded.config.envoy.allowContentLengthHeader,
        allowModeOverride: loaded.config.envoy.allowModeOverride,
        maxHeadersCount: loaded.config.envoy.maxHeadersCount,
        maxHeadersKb: loaded.config.envoy.maxHeadersKb,
        metadataOptions: { receivingNamespaces: { untyped: [...(args.receiveNamespaces ?? [])] } },
      },
      log,
      bypass: args.bypass === true,
    });
    process.stderr.write(
      `\nattache dev: ${loaded.file}\n` +
        `  ext_proc gRPC server  ${grpcAddress}  (point Envoy or \`attache send\` here)\n` +
        `  development proxy     http://${proxy.address} -> ${upstream}${server.demo === null ? '' : ' (demo echo upstream)'}\n` +
        (args.bypass === true
          ? '  --bypass: requests go straight to the upstream, the server sees none\n'
          : `  stream close          ${close}${close === 'graceful' ? " (Envoy's ext_proc_graceful_grpc_close; --close reset for Envoy's default)" : " (Envoy's default)"}\n`) +
        'Development only: each request runs through a simulated Envoy; production traffic goes through Envoy.\n' +
        `Try it:\n  curl -i http://${proxy.address}/hello -H 'x-debug: 1'\n\n`,
    );
    const reloader = startConfigReloader({
      file: loaded.file,
      started: loaded.config,
      log,
      watch: args.watch === true,
      apply: () => server.reload(),
    });
    const quit = new AbortController();
    try {
      // A crashed server thread ends the command with its error: the proxy cannot serve without it.
      await Promise.race([waitForSignal(log, quit.signal), server.lost]);
    } finally {
      quit.abort();
      reloader.stop();
      await proxy.close();
    }
  } finally {
    channel.close();
    await server.close();
  }
}
