/**
 * The `attache` command, as a function (the bin entry is `main.ts`).
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import { ATTACHE_VERSION } from '../version.js';
import {
  CHECK,
  COMMANDS,
  type CommandGroup,
  type CommandSpec,
  DEV,
  ENVOY_BOOTSTRAP,
  ENVOY_GATEWAY,
  ENVOY_OVERRIDES,
  isGroup,
  KGATEWAY,
  NEW_PLUGIN,
  SEND,
  SERVE,
  VERSION,
} from './commands.js';
import {
  commandUsage,
  groupUsage,
  listValue,
  overviewUsage,
  parseCommand,
  stringValue,
  wantsHelp,
} from './usage.js';

/**
 * Runs one `attache` command line; resolves with the exit code. Errors are printed to stderr:
 * configuration and usage errors as their message (they name file and field), others with a stack.
 */
export async function run(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    const plain = error instanceof AttacheError || isParseError(error);
    process.stderr.write(
      `attache: ${plain ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`,
    );
    return 1;
  }
}

/** A `node:util` parseArgs error: an unknown option, a missing value... */
function isParseError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

type Resolved =
  | { readonly spec: CommandSpec; readonly args: string[] }
  | { readonly group: CommandGroup; readonly args: string[] };

/** The command (or group, when no subcommand of it follows) named first in `argv`. */
function resolve(argv: readonly string[]): Resolved | undefined {
  const [name, ...rest] = argv;
  const entry = COMMANDS.find((e) => (isGroup(e) ? e.name : e.path[0]) === name);
  if (entry === undefined) return undefined;
  if (!isGroup(entry)) return { spec: entry, args: rest };
  const sub = entry.subcommands.find((s) => s.path[1] === rest[0]);
  return sub === undefined ? { group: entry, args: rest } : { spec: sub, args: rest.slice(1) };
}

function unknownSubcommand(group: CommandGroup, args: readonly string[]): never {
  const names = group.subcommands.map((s) => s.path[1]).join(', ');
  throw new AttacheError(
    ErrorCode.CONFIG_INVALID,
    `${group.name}: ${args[0] === undefined ? 'a subcommand is required' : `unknown subcommand ${JSON.stringify(args[0])}`} (${names}); run 'attache ${group.name} --help'`,
  );
}

function unknownCommand(name: string): number {
  process.stderr.write(`attache: unknown command "${name}"\n\n${overviewUsage()}`);
  return 2;
}

/** `attache help [command [subcommand]]`. */
function help(argv: readonly string[]): number {
  if (argv.length === 0) {
    process.stdout.write(overviewUsage());
    return 0;
  }
  const found = resolve(argv);
  if (found === undefined) return unknownCommand(argv[0] as string);
  if ('group' in found) {
    if (found.args.length > 0) unknownSubcommand(found.group, found.args);
    process.stdout.write(groupUsage(found.group));
  } else {
    process.stdout.write(commandUsage(found.spec));
  }
  return 0;
}

async function dispatch(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
      process.stdout.write(overviewUsage());
      return 2;
    case '--help':
    case '-h':
      process.stdout.write(overviewUsage());
      return 0;
    case 'help':
      return help(rest);
    case '--version':
      process.stdout.write(`${ATTACHE_VERSION}\n`);
      return 0;
  }
  const found = resolve(argv);
  if (found === undefined) return unknownCommand(first);
  if ('group' in found) {
    const options = found.group.subcommands.flatMap((s) => s.options);
    const help = wantsHelp(options, found.args);
    // `attache envoy --config x` is `attache envoy bootstrap --config x`.
    if (!help && found.group.name === 'envoy' && found.args[0]?.startsWith('-') === true) {
      return runParsed(ENVOY_BOOTSTRAP, found.args);
    }
    if (!help) unknownSubcommand(found.group, found.args);
    process.stdout.write(groupUsage(found.group));
    return 0;
  }
  const { spec, args } = found;
  if (wantsHelp(spec.options, args)) {
    process.stdout.write(commandUsage(spec));
    return 0;
  }
  return runParsed(spec, args);
}

/** Runs a command, turning an option parse error into a usage error naming the command. */
async function runParsed(spec: CommandSpec, args: string[]): Promise<number> {
  try {
    return await runCommand(spec, args);
  } catch (error) {
    if (!isParseError(error)) throw error;
    const name = spec.path.join(' ');
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${name}: ${(error as Error).message}\nRun 'attache ${name} --help' for its options.`,
    );
  }
}

/** `--config`, which serve and dev require. */
function requiredConfig(spec: CommandSpec, values: Record<string, unknown>): string {
  const file = stringValue(values, 'config');
  if (file === undefined || file === '') {
    const name = spec.path.join(' ');
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${name}: --config <file.yaml> is required (run 'attache ${name} --help')`,
    );
  }
  return file;
}

async function runCommand(spec: CommandSpec, args: string[]): Promise<number> {
  switch (spec) {
    case SERVE: {
      const { values } = parseCommand(spec, args);
      const config = requiredConfig(spec, values);
      const { serve } = await import('./serve.js');
      return serve({
        config,
        address: stringValue(values, 'address'),
        watch: values.watch === true,
        processes: stringValue(values, 'processes'),
        endpointsFile: stringValue(values, 'endpoints-file'),
        adminAddress: stringValue(values, 'admin-address'),
      });
    }
    case DEV: {
      const { values } = parseCommand(spec, args);
      const config = requiredConfig(spec, values);
      const { dev } = await import('./dev.js');
      await dev({
        config,
        upstream: stringValue(values, 'upstream'),
        listen: stringValue(values, 'listen'),
        requestBodyMode: stringValue(values, 'request-body-mode'),
        responseBodyMode: stringValue(values, 'response-body-mode'),
        receiveNamespaces: listValue(values, 'receive-namespace'),
        close: stringValue(values, 'close'),
        bypass: values.bypass === true,
        serverThread: values['server-thread'] === true,
        watch: values.watch === true,
      });
      return 0;
    }
    case SEND: {
      const { send } = await import('./send.js');
      return send(args);
    }
    case ENVOY_OVERRIDES: {
      const { envoyCommand } = await import('./envoy-overrides.js');
      return envoyCommand(['overrides', ...args]);
    }
    case ENVOY_BOOTSTRAP:
    case CHECK:
    case KGATEWAY:
    case ENVOY_GATEWAY: {
      const { values } = parseCommand(spec, args);
      const config = requiredConfig(spec, values);
      const { runGenerator } = await import('./generate.js');
      return runGenerator(
        spec === ENVOY_BOOTSTRAP
          ? 'envoy'
          : spec === CHECK
            ? 'check'
            : spec === KGATEWAY
              ? 'kgateway'
              : 'envoy-gateway',
        {
          config,
          processes: stringValue(values, 'processes'),
          endpointsFile: stringValue(values, 'endpoints-file'),
          bootstrap: stringValue(values, 'bootstrap'),
          namespace: stringValue(values, 'namespace'),
          image: stringValue(values, 'image'),
          out: stringValue(values, 'out'),
        },
      );
    }
    case NEW_PLUGIN: {
      const { newPlugin } = await import('./new-plugin.js');
      return newPlugin(args);
    }
    case VERSION:
      parseCommand(spec, args);
      process.stdout.write(`${ATTACHE_VERSION}\n`);
      return 0;
    default:
      throw new Error(`attache: no implementation for "${spec.path.join(' ')}"`);
  }
}
