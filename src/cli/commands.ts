/**
 * The commands of `attache`: their options, defaults and help text, in one table. The usage
 * printed by `--help` and the options the commands parse both come from it, so a default shown
 * is the default applied.
 *
 * @module
 */

/** One option of a command. */
export interface OptionSpec {
  /** Long name, without `--`. */
  readonly name: string;
  /** One-letter alias, without `-`. */
  readonly short?: string;
  readonly type: 'string' | 'boolean';
  /** May be given more than once (the values are collected in order). */
  readonly multiple?: boolean;
  /** How the usage names the value (`<host:port>`). */
  readonly value?: string;
  /** The value used when the option is absent; parsed in as if given. */
  readonly default?: string;
  /** What happens when the option is absent, when that is not a plain value. */
  readonly absent?: string;
  /** The command fails without it. */
  readonly required?: boolean;
  /** One sentence for people. */
  readonly help: string;
}

/** One command, or a subcommand (`path` has two words). */
export interface CommandSpec {
  /** `['send']`, `['envoy', 'overrides']`. */
  readonly path: readonly string[];
  /** The positional arguments, as the usage shows them (`<name>`). */
  readonly positionals?: string;
  /** One line, for the command list. */
  readonly summary: string;
  /** More about it, shown in its own usage. */
  readonly details?: string;
  readonly options: readonly OptionSpec[];
}

/** A command that only groups subcommands (`new`, `envoy`). */
export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  readonly subcommands: readonly CommandSpec[];
}

/** `attache send --target`: the address `serve` listens on when the config sets none. */
export const DEFAULT_TARGET = '127.0.0.1:50051';

/** `attache dev --listen`. */
export const DEFAULT_DEV_LISTEN = '127.0.0.1:8000';

const BODY_MODES = 'none|streamed|buffered|buffered_partial|full_duplex_streamed';
const HEADER_MODES = 'default|send|skip';

const config: OptionSpec = {
  name: 'config',
  short: 'c',
  type: 'string',
  value: '<file.yaml>',
  required: true,
  help: 'the attache config file',
};

/** `--close` of dev and send: how the simulated Envoy ends each ext_proc stream. */
const close = (dev: boolean): OptionSpec => ({
  name: 'close',
  type: 'string',
  value: dev ? '<auto|reset|graceful>' : '<reset|graceful>',
  default: dev ? 'auto' : 'reset',
  help:
    "how the simulated Envoy ends each ext_proc stream: reset is Envoy's default (END_STREAM then RST_STREAM), " +
    'graceful is Envoy with envoy.reloadable_features.ext_proc_graceful_grpc_close (END_STREAM, then wait for the ' +
    "server's status)" +
    (dev
      ? "; auto is reset when the server is the wire transport, or the http2 transport on Node 22+, and graceful otherwise, where about every 1,000th reset would meet Node's HTTP/2 reset limiter (a GOAWAY); give --close reset for Envoy's exact close"
      : "; one stream per run never meets Node's HTTP/2 reset limiter, so reset is safe on every Node"),
});

const watch: OptionSpec = {
  name: 'watch',
  type: 'boolean',
  help: 'also reload when the config file or a plugin file it loads changes',
};

const receiveNamespace = (what: string): OptionSpec => ({
  name: 'receive-namespace',
  type: 'string',
  multiple: true,
  value: '<ns>',
  absent: "none, so Envoy drops every namespace's dynamic metadata",
  help: `a dynamic metadata namespace ${what} keeps (the filter's metadata_options.receiving_namespaces.untyped); repeatable`,
});

/**
 * A body mode flag. `simulated`: the command drives a simulated filter (dev, send), whose streamed
 * modes also send that direction's trailers (modes.ts); `dev` also starts from the config's mode.
 */
const bodyMode = (direction: 'request' | 'response', simulated?: 'dev' | 'send'): OptionSpec => ({
  name: `${direction}-body-mode`,
  type: 'string',
  value: `<${BODY_MODES}>`,
  default: 'none',
  help:
    `the filter's processing_mode.${direction}_body_mode` +
    (simulated === undefined
      ? ''
      : `; streamed and full_duplex_streamed also send the ${direction} trailers`) +
    (simulated === 'dev'
      ? " (a mode the config's envoy.processingMode sets stands unless this flag is given)"
      : ''),
});

const headerMode = (field: string): OptionSpec => ({
  name: field.replaceAll('_', '-'),
  type: 'string',
  value: `<${HEADER_MODES}>`,
  default: 'default',
  help: `the filter's processing_mode.${field}, where default means ${field.includes('trailer') ? 'skip' : 'send'}`,
});

/** `attache serve`. */
export const SERVE: CommandSpec = {
  path: ['serve'],
  summary: 'Start the ext_proc gRPC server with the plugins of a config file (production, behind Envoy).',
  details:
    'SIGHUP reloads the config: new streams use it, open ones finish on the old pipeline, and a bad ' +
    'config is logged while the old one keeps serving. SIGTERM drains (health NOT_SERVING for ' +
    'timeouts.drainDelayMs while new streams are still served, then open streams get ' +
    'timeouts.shutdownGraceMs); SIGINT, or a second signal, skips the delay. Exit 0 when no open ' +
    'stream had to be cut, else 1. With more than one process, each is its own endpoint (ports ' +
    'port, port+1, ... or sockets path.0, path.1, ...) for Envoy to balance over; a supervisor ' +
    'restarts a process that dies and passes signals and reloads on to every process. In ' +
    'Kubernetes, run one process per pod (--processes 1) and scale with replicas. OpenTelemetry ' +
    'traces: register a tracer provider before attache starts, node --import ./otel.mjs (README, Tracing).',
  options: [
    config,
    {
      name: 'address',
      type: 'string',
      value: '<host:port>',
      absent: `the config's grpc.address, ${DEFAULT_TARGET} when the config sets none`,
      help: 'where to listen (or unix:/path/to.sock for a Unix socket)',
    },
    watch,
    {
      name: 'processes',
      type: 'string',
      value: '<n>',
      absent:
        "the config's grpc.processes, else the machine's available parallelism (os.availableParallelism())",
      help: 'server processes, each on its own endpoint; 1 serves in this process, without a supervisor',
    },
    {
      name: 'endpoints-file',
      type: 'string',
      value: '<file.json>',
      absent: 'none written',
      help: 'write the endpoints as JSON ({ version, transport, endpoints: [{ worker, address }] }) once all listen',
    },
    {
      name: 'admin-address',
      type: 'string',
      value: '<host:port|off>',
      absent: "the config's admin.address, 127.0.0.1:9464 when the config sets none",
      help: 'the admin HTTP listener (/metrics, /healthz, /readyz; one for all processes), or off',
    },
  ],
};

/** `attache dev`. */
export const DEV: CommandSpec = {
  path: ['dev'],
  summary: 'The server plus a development HTTP proxy that runs each request through it as Envoy would.',
  details:
    'Development only: try a pipeline with curl, without Envoy. The proxy runs each HTTP/1.1 request ' +
    "through the gRPC server exactly as Envoy's ext_proc filter would, then forwards it to the upstream; " +
    'each protocol violation Envoy would act on is logged as a warning. Production traffic goes through ' +
    'Envoy. SIGHUP (or --watch) reloads the pipeline, as with serve.',
  options: [
    config,
    {
      name: 'upstream',
      type: 'string',
      value: '<http://host:port>',
      absent: 'a demo upstream on a free loopback port, which answers with the request it received',
      help: 'where the proxy forwards requests',
    },
    {
      name: 'listen',
      type: 'string',
      value: '<host:port>',
      default: DEFAULT_DEV_LISTEN,
      help: "the proxy's address; the gRPC server listens on the config's grpc.address",
    },
    bodyMode('request', 'dev'),
    bodyMode('response', 'dev'),
    receiveNamespace('the simulated Envoy'),
    close(true),
    {
      name: 'bypass',
      type: 'boolean',
      help: "forward every request straight to the upstream, without the simulated filter or the server: the proxy's own cost, for benchmarks",
    },
    {
      name: 'server-thread',
      type: 'boolean',
      help: "run the gRPC server (and the demo upstream) in a worker thread, off the proxy's (from the build only; on 2 cores it costs more CPU than it saves, bench/README.md)",
    },
    watch,
  ],
};

/** `attache send`. */
export const SEND: CommandSpec = {
  path: ['send'],
  summary: 'Send one HTTP exchange through a running server, as Envoy would, and print the outcome.',
  details:
    'Prints what the upstream and the client would see, the dynamic metadata Envoy would keep, and every ' +
    'protocol violation Envoy would act on (exit 1 if there is one).',
  options: [
    {
      name: 'target',
      type: 'string',
      value: '<host:port>',
      default: DEFAULT_TARGET,
      help: 'the ext_proc server',
    },
    { name: 'method', short: 'X', type: 'string', value: '<method>', default: 'GET', help: 'request method' },
    { name: 'path', type: 'string', value: '<path>', default: '/', help: 'request path, with the query' },
    {
      name: 'authority',
      type: 'string',
      value: '<host>',
      default: 'example.com',
      help: "the request's :authority",
    },
    {
      name: 'header',
      short: 'H',
      type: 'string',
      multiple: true,
      value: "<'name: value'>",
      absent: 'none',
      help: 'a request header; repeatable',
    },
    {
      name: 'data',
      short: 'd',
      type: 'string',
      value: '<body>',
      absent: 'none, the headers end the request',
      help: 'the request body',
    },
    bodyMode('request', 'send'),
    bodyMode('response', 'send'),
    {
      name: 'status',
      type: 'string',
      value: '<code>',
      default: '200',
      help: "the upstream's response status",
    },
    {
      name: 'upstream-body',
      type: 'string',
      value: '<text>',
      default: 'hello from the upstream\n',
      help: "the upstream's response body, as text/plain",
    },
    receiveNamespace('Envoy'),
    {
      name: 'message-timeout-ms',
      type: 'string',
      value: '<ms>',
      default: '200',
      help: "the filter's message_timeout",
    },
    close(false),
    { name: 'json', type: 'boolean', help: 'print the whole exchange result as JSON' },
    {
      name: 'show-secrets',
      type: 'boolean',
      help: 'print authorization, proxy-authorization, cookie and set-cookie values (redacted by default, with a fingerprint to compare)',
    },
  ],
};

/** `attache envoy overrides`. */
export const ENVOY_OVERRIDES: CommandSpec = {
  path: ['envoy', 'overrides'],
  summary: "Print the ext_proc filter's allow_mode_override and allowed_override_modes for a config.",
  details:
    'Lists exactly the mode overrides attache may send for the config, behind a filter with the ' +
    "config's envoy.processingMode, each flag replacing its field (Envoy's defaults where neither " +
    'says). Envoy drops an override missing ' +
    'from allowed_override_modes without a word: run it again when plugins or their match change.',
  options: [
    config,
    headerMode('request_header_mode'),
    headerMode('response_header_mode'),
    bodyMode('request'),
    bodyMode('response'),
    headerMode('request_trailer_mode'),
    headerMode('response_trailer_mode'),
    {
      name: 'send-body-without-waiting',
      type: 'boolean',
      help: "the filter's send_body_without_waiting_for_header_response",
    },
    { name: 'json', type: 'boolean', help: 'print JSON instead of YAML lines' },
  ],
};

const processesOption: OptionSpec = {
  name: 'processes',
  type: 'string',
  value: '<n>',
  absent: "the config's grpc.processes, else this machine's available parallelism (as attache serve)",
  help: 'list the endpoints of attache serve --processes <n>',
};

const endpointsFile: OptionSpec = {
  name: 'endpoints-file',
  type: 'string',
  value: '<file.json>',
  absent: 'the endpoints computed from grpc.address and the process count',
  help: 'list the endpoints attache serve --endpoints-file wrote (needed for port 0)',
};

const out: OptionSpec = {
  name: 'out',
  short: 'o',
  type: 'string',
  value: '<file>',
  absent: 'standard output',
  help: 'write to this file',
};

/** `attache envoy bootstrap` (also `attache envoy --config ...`). */
export const ENVOY_BOOTSTRAP: CommandSpec = {
  path: ['envoy', 'bootstrap'],
  summary: 'Write a static Envoy bootstrap (Envoy 1.37+) for a config: routes, ext_proc filter, clusters.',
  details:
    "Listeners, virtual hosts and routes come from the config's envoy.routes (Gateway API Gateway and " +
    'HTTPRoute, kgateway TrafficPolicy.extProc per route), or one route to envoy.upstream. The ext_proc ' +
    'filter sits ahead of the router; its processing mode is the least the plugins read, and its ' +
    'timeouts, failure mode, mode overrides, mutation rules, metadata namespaces and header limits ' +
    "come from the config, so the two cannot disagree. The processor's HTTP/2 cluster lists every " +
    "endpoint of attache serve. The result is checked against Envoy's API types before it is written. " +
    "'attache envoy --config <file.yaml>' runs this subcommand.",
  options: [config, processesOption, endpointsFile, out],
};

/** `attache check`. */
export const CHECK: CommandSpec = {
  path: ['check'],
  summary:
    'Report every disagreement between what the processor needs and what Envoy will do, each with a fix.',
  details:
    'Reads the config and its route resources, or an existing Envoy bootstrap (--bootstrap), and compares the ' +
    'ext_proc filter, the routes and the processor cluster with what the plugins need. Exit 1 when it finds one.',
  options: [
    config,
    {
      name: 'bootstrap',
      type: 'string',
      value: '<envoy.yaml>',
      absent: 'the bootstrap attache envoy would write',
      help: 'an Envoy bootstrap (YAML or JSON) to check',
    },
    processesOption,
    endpointsFile,
  ],
};

const namespaceOption: OptionSpec = {
  name: 'namespace',
  short: 'n',
  type: 'string',
  value: '<ns>',
  default: 'default',
  help: 'the Kubernetes namespace of the processor and its policies',
};

const imageOption: OptionSpec = {
  name: 'image',
  type: 'string',
  value: '<image>',
  default: 'attache:latest',
  help: "the processor's container image (the Dockerfile's)",
};

/** `attache kgateway`. */
export const KGATEWAY: CommandSpec = {
  path: ['kgateway'],
  summary: 'Write the kgateway manifests: GatewayExtension, TrafficPolicies, Deployment, Service, HPA, PDB.',
  details:
    'The GatewayExtension carries the settings kgateway can express; each TrafficPolicy of the route ' +
    "resources is written with attache's processing mode. Where kgateway cannot express what attache " +
    'relies on (receiving metadata namespaces, mutation rules, per-route fail-open), a warning on standard ' +
    'error names the plugin and the consequence.',
  options: [config, namespaceOption, imageOption, out],
};

/** `attache envoy-gateway`. */
export const ENVOY_GATEWAY: CommandSpec = {
  path: ['envoy-gateway'],
  summary: "Write the Envoy Gateway EnvoyExtensionPolicy and the processor's Deployment, Service, HPA, PDB.",
  details:
    'One EnvoyExtensionPolicy per Gateway of the route resources (or HTTPRoute where ext_proc is on for ' +
    'some routes only); warnings on standard error name what Envoy Gateway cannot express.',
  options: [config, namespaceOption, imageOption, out],
};

/** `attache new plugin`. */
export const NEW_PLUGIN: CommandSpec = {
  path: ['new', 'plugin'],
  positionals: '<name>',
  summary: 'Create a plugin package: typed options, one handler, a test with the test kit, a README.',
  details:
    '<name> is the npm package name, scoped or not. The package declares attache-extproc as a peer ' +
    'dependency; nothing is overwritten (the folder must be new or empty).',
  options: [
    {
      name: 'dir',
      type: 'string',
      value: '<path>',
      absent: './<name>, without its @scope/',
      help: 'the folder to create',
    },
    {
      name: 'worker',
      type: 'boolean',
      help: 'a plugin that rewrites request bodies through a worker module (large ones off the main thread)',
    },
  ],
};

/** `attache version`. */
export const VERSION: CommandSpec = {
  path: ['version'],
  summary: 'Print the version.',
  options: [],
};

/** Every command and group, in the order the overview lists them. */
export const COMMANDS: readonly (CommandSpec | CommandGroup)[] = [
  SERVE,
  DEV,
  SEND,
  CHECK,
  {
    name: 'envoy',
    summary: 'Envoy configuration for a config file.',
    subcommands: [ENVOY_BOOTSTRAP, ENVOY_OVERRIDES],
  },
  KGATEWAY,
  ENVOY_GATEWAY,
  { name: 'new', summary: 'Scaffold new projects.', subcommands: [NEW_PLUGIN] },
  VERSION,
];

/** `true` for a group of subcommands. */
export const isGroup = (entry: CommandSpec | CommandGroup): entry is CommandGroup => 'subcommands' in entry;
