/**
 * The `attache` command, as a function (the bin entry is `main.ts`).
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { AttacheError } from '../errors.js';
import { ATTACHE_VERSION } from '../version.js';

const USAGE = `Usage: attache <command> [options]

Commands:
  serve --config <file.yaml> [--address host:port] [--watch]
      Start the ext_proc server with the plugins of the config file. SIGHUP reloads the config
      (new streams use it, open ones finish on the old pipeline; a bad config is rejected and
      the old one keeps serving); --watch also reloads when the config file or a plugin file
      it loads changes. SIGTERM drains first (timeouts.drainDelayMs), SIGINT stops at once.
  dev --config <file.yaml> [--upstream http://host:port] [--listen host:port]
      [--request-body-mode none|streamed|buffered|buffered_partial|full_duplex_streamed]
      [--response-body-mode none|streamed|buffered|buffered_partial|full_duplex_streamed]
      [--receive-namespace NS]... [--watch]
      Development only: an HTTP/1.1 proxy (127.0.0.1:8000) that runs each request through the
      pipeline as Envoy would, then forwards it to the upstream (default: a demo echo server).
      Try a pipeline with curl, without Envoy; production traffic goes through Envoy.
      SIGHUP or --watch reload the pipeline, as with serve.
  send --target <host:port> [--method M] [--path P] [-H 'name: value']... [--data BODY]
       [--request-body-mode M] [--response-body-mode M] [--status N]
       [--upstream-body TEXT] [--receive-namespace NS]... [--message-timeout-ms N] [--json]
      Send one HTTP exchange through a running server, as Envoy would, and print what the
      upstream and the client would see.
  envoy overrides --config <file.yaml> [--request-header-mode default|send|skip]
      [--response-header-mode M] [--request-body-mode M] [--response-body-mode M]
      [--request-trailer-mode M] [--response-trailer-mode M] [--send-body-without-waiting]
      [--json]
      Print the ext_proc filter's allow_mode_override and allowed_override_modes for the config,
      given the filter's processing_mode (the flags; Envoy's defaults otherwise): exactly the
      mode overrides attache may send.
  new plugin <name> [--dir <path>]
      Create a plugin package in ./<name> (or <path>): package.json with the attache peer
      dependency, src/index.ts (typed options, one handler), a test using the test kit, a README.
  version
      Print the version.
`;

/**
 * Runs one `attache` command line; resolves with the exit code. Errors are printed to stderr:
 * configuration and usage errors as their message (they name file and field), others with a stack.
 */
export async function run(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    const plain =
      error instanceof AttacheError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(
      `attache: ${plain ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`,
    );
    return 1;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({
        args: rest,
        options: {
          config: { type: 'string', short: 'c' },
          address: { type: 'string' },
          watch: { type: 'boolean', default: false },
        },
        strict: true,
      });
      if (!values.config)
        throw new AttacheError('ATTACHE_ERR_CONFIG_INVALID', 'serve: --config <file.yaml> is required');
      const { serve } = await import('./serve.js');
      await serve({ config: values.config, address: values.address, watch: values.watch });
      return 0;
    }
    case 'dev': {
      const { values } = parseArgs({
        args: rest,
        options: {
          config: { type: 'string', short: 'c' },
          upstream: { type: 'string' },
          listen: { type: 'string' },
          'request-body-mode': { type: 'string' },
          'response-body-mode': { type: 'string' },
          'receive-namespace': { type: 'string', multiple: true, default: [] },
          watch: { type: 'boolean', default: false },
        },
        strict: true,
      });
      if (!values.config)
        throw new AttacheError('ATTACHE_ERR_CONFIG_INVALID', 'dev: --config <file.yaml> is required');
      const { dev } = await import('./dev.js');
      await dev({
        config: values.config,
        upstream: values.upstream,
        listen: values.listen,
        requestBodyMode: values['request-body-mode'],
        responseBodyMode: values['response-body-mode'],
        receiveNamespaces: values['receive-namespace'],
        watch: values.watch,
      });
      return 0;
    }
    case 'send': {
      const { send } = await import('./send.js');
      return send(rest);
    }
    case 'envoy': {
      const { envoyCommand } = await import('./envoy-overrides.js');
      return envoyCommand(rest);
    }
    case 'new': {
      const { newCommand } = await import('./new-plugin.js');
      return newCommand(rest);
    }
    case 'version':
    case '--version':
      process.stdout.write(`${ATTACHE_VERSION}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`attache: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
