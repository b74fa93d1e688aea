/**
 * The built package exposes exactly its documented names. A plugin imports `attache-extproc` by
 * name, so Node resolves the package's `exports` to dist/: this test does the same (in a plain
 * `node` process, outside vitest's source aliases) and walks every object a handler receives,
 * in every phase and body mode, against explicit allow-lists; then it reads the published
 * `.d.ts` with the TypeScript compiler and checks the same lists at the type level.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DTS = {
  root: path.join(root, 'dist/src/index.d.ts'),
  testing: path.join(root, 'dist/src/testing/index.d.ts'),
};

const sorted = (list: readonly string[]) => [...list].sort();
const BASE = ['direction', 'log', 'phase', 'requestMoreTime', 'setMetadata', 'stream'];
const HEADER_MUTATIONS = ['append', 'remove', 'set'];

/** Every member, per documented interface: the runtime walk and the types must both match. */
const MEMBERS = {
  HeadersContext: sorted([
    ...BASE,
    'endOfStream',
    'headers',
    'modeOverrideRefusal',
    'mutate',
    'overrideMode',
  ]),
  BodyContext: sorted([...BASE, 'body', 'headers', 'mutate']),
  ChunkContext: sorted([...BASE, 'chunk', 'headers', 'holdBack', 'mutate']),
  TrailersContext: sorted([...BASE, 'mutate', 'trailers']),
  StreamContext: sorted([
    'attribute',
    'envoyMetadata',
    'get',
    'grpcMetadata',
    'id',
    'observability',
    'requestHeaders',
    'responseHeaders',
    'set',
    'signal',
  ]),
  HeaderView: sorted(['entries', 'get', 'getAll', 'getRaw', 'has', 'size']),
  BodyView: sorted(['bytes', 'endOfStream', 'json', 'length', 'partial', 'text']),
  ChunkView: sorted(['bytes', 'carried', 'endOfStream', 'last', 'length', 'partial', 'text']),
  HeaderMutations: sorted(HEADER_MUTATIONS),
  Mutations: sorted([...HEADER_MUTATIONS, 'clearBody', 'replaceBody']),
  ChunkMutations: sorted([...HEADER_MUTATIONS, 'replaceChunk']),
  Processor: sorted([
    'activeStreams',
    'close',
    'connect',
    'log',
    'maxReceiveMessageBytes',
    'plugins',
    'reload',
  ]),
  StreamHandler: sorted(['cancel', 'halfClose', 'message']),
  AttacheServer: sorted(['close', 'listen', 'processor', 'readiness', 'shutdown', 'strayErrors']),
  Readiness: sorted(['lastReload', 'onChange', 'ready', 'recordReload', 'report', 'set', 'state']),
  StrayErrorCounts: sorted(['byPlugin', 'total', 'unattributed']),
  /** What `setup` may return: the handlers and the declarations next to them. */
  Handlers: sorted([
    'close',
    'headersFromBody',
    'modeOverrides',
    'requestBody',
    'requestBodyChunk',
    'requestHeaders',
    'requestTrailers',
    'responseBody',
    'responseBodyChunk',
    'responseHeaders',
    'responseTrailers',
    'streamEnd',
  ]),
  SetupApi: sorted(['checkHeader', 'log', 'maxBodyBytes', 'metrics', 'name', 'workers']),
  PluginMetrics: sorted(['counter', 'enabled', 'gauge', 'histogram']),
  /** Envoy's HeaderMutationRules, every field: the one shape of attache and the kit. */
  MutationRules: sorted([
    'allowAllRouting',
    'allowEnvoy',
    'allowExpression',
    'disallowAll',
    'disallowExpression',
    'disallowIsError',
    'disallowSystem',
  ]),
} as const;

/** The members of each entry point's error-code table (one code per kind of failure). */
const CODES = {
  root: {
    ErrorCode: sorted([
      'BODY_INVALID_JSON',
      'BODY_INVALID_UTF8',
      'BODY_TOO_LARGE',
      'BODY_UNFLUSHABLE',
      'CONFIG_INVALID',
      'HANDLER_RESULT',
      'HANDLER_TIMEOUT',
      'INVALID_ARGUMENT',
      'INVALID_HEADER',
      'LISTEN_FAILED',
      'MODE_OVERRIDE_REFUSED',
      'MUTATION_REFUSED',
      'PHASE_CLOSED',
      'PHASE_UNSUPPORTED',
      'PLUGIN_INVALID',
      'PLUGIN_OPTIONS',
      'PLUGIN_SETUP',
      'TIMEOUT_OVERRIDE_REFUSED',
      'WORKER_FAILED',
      'WORKER_SHED',
    ]),
  },
  testing: {
    TestKitErrorCode: sorted(['EXCHANGE_TIMEOUT', 'INVALID_CONFIG', 'UNSUPPORTED_FEATURE']),
  },
} as const;

/** What `ctx.stream.grpcMetadata` offers: a ReadonlyMap, without `set`, `delete` or `clear`. */
const READONLY_MAP = sorted([
  'Symbol(Symbol.iterator)',
  'entries',
  'forEach',
  'get',
  'has',
  'keys',
  'size',
  'values',
]);

/** The run-time exports (values) of each entry point. */
const VALUES = {
  root: sorted([
    'ATTACHE_VERSION',
    'AttacheError',
    'DEFAULT_MAX_BODY_BYTES',
    'DEFAULT_MAX_MESSAGE_BYTES',
    'DEFAULT_WORKER_THRESHOLD',
    'EXT_PROC_SERVICE',
    'ErrorCode',
    'GrpcStatus',
    'PROCESS_PATH',
    'Processor',
    'Readiness',
    'allowedOverrideModes',
    'createLogger',
    'createProcessor',
    'createServer',
    'createStateKey',
    'definePlugin',
    'incompleteUtf8Tail',
    'isImmediateResponse',
    'isPlugin',
    'respond',
    'silentLogger',
    'startAdminServer',
    'z',
  ]),
  testing: sorted([
    'ExchangeTimeoutError',
    'HeaderList',
    'InvalidConfigError',
    'HeaderMutationDetails',
    'KNOWN_ATTRIBUTES',
    'PROCESS_PATH',
    'TestKitError',
    'TestKitErrorCode',
    'UnsupportedFeatureError',
    'grpcChannel',
    'http2Channel',
    'inProcessChannel',
    'runExchange',
  ]),
};

/** The type-only exports of each entry point (documented in their TSDoc). */
const TYPES = {
  root: sorted([
    'AdminServer',
    'AdminServerOptions',
    'AllowedOverrideMode',
    'AllowedOverrides',
    'AttacheServer',
    'BodyContext',
    'BodyMode',
    'BodySendMode',
    'BodySource',
    'BodyView',
    'CallMetadata',
    'ChunkContext',
    'ChunkMutations',
    'ChunkView',
    'ClientAuth',
    'Direction',
    'FailureMode',
    'FilterModeInput',
    'Handler',
    'HandlerResult',
    'Handlers',
    'HeaderInit',
    'HeaderMutations',
    'HeaderSendMode',
    'HeaderView',
    'HeadersContext',
    'HistogramSpec',
    'ImmediateResponse',
    'JsonValue',
    'KeepaliveOptions',
    'LogFormat',
    'LogLevel',
    'Logger',
    'LoggerOptions',
    'MatchSpec',
    'MaybePromise',
    'MetricCounter',
    'MetricGauge',
    'MetricHistogram',
    'MetricLabels',
    'MetricSpec',
    'MetricsOptions',
    'MetricsRegistry',
    'ModeOverride',
    'MutationRules',
    'Mutations',
    'Phase',
    'PhaseContextBase',
    'PipelineEntry',
    'PipelineOptions',
    'Plugin',
    'PluginDefinition',
    'PluginMetrics',
    'ProcessStreamTarget',
    'ProcessingModeConfig',
    'ProcessingModeInput',
    'ProcessorOptions',
    'ReadinessReport',
    'ReadinessState',
    'ReloadRecord',
    'RespondInit',
    'ServerOptions',
    'SetupApi',
    'ShutdownOutcome',
    'StandardSchemaV1',
    'StateKey',
    'StreamContext',
    'StreamHandler',
    'StreamSink',
    'StrayErrorAction',
    'StrayErrorCounts',
    'StringMatch',
    'TlsOptions',
    'TrailersContext',
    'TracingOption',
    'TransportName',
    'WorkerArgOf',
    'WorkerModule',
    'WorkerOptionsOf',
    'WorkerPoolOptions',
    'WorkerResultOf',
    'Workers',
    'WorkersSpec',
  ]),
  testing: sorted([
    'BodyInit',
    'BodySendMode',
    'CallStatus',
    'ChannelCloseMode',
    'ClientSideStream',
    'ClientStreamEvents',
    'ConnectionInfo',
    'Direction',
    'DownstreamResult',
    'EnvoyFilterConfig',
    'ExchangeResult',
    'ExchangeSpec',
    'ExtProcChannel',
    'ExtProcOverrides',
    'ExtProcPerRoute',
    'ExtProcStats',
    'GrpcChannelOptions',
    'HeaderInit',
    'HeaderSendMode',
    'Http2ChannelOptions',
    'Http2ChannelTls',
    'MutationRules',
    'Pacing',
    'PerRouteGrpcService',
    'ProcessingModeInput',
    'ReceivedRequest',
    'ReplyDisposition',
    'RequestSpec',
    'RouteCacheAction',
    'StreamOutcome',
    'StringMatcherInput',
    'TranscriptEntry',
    'UpstreamResponseSpec',
    'UpstreamResult',
    'Violation',
    'ViolationKind',
  ]),
};

function requireDist(): void {
  const missing = Object.values(DTS).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `the built package is missing (${missing.map((f) => path.relative(root, f)).join(', ')}): run \`npm run build\` before the tests (CI does)`,
    );
  }
}

interface Surface {
  exports: { root: string[]; testing: string[] };
  contexts: Record<string, Array<Record<string, string[] | string | null>>>;
  processor: string[];
  streamHandler: string[];
  processorStatics: string[];
  byMode: Record<string, string[]>;
  server: string[];
  strayErrors: string[];
  setupApi: Record<string, string[] | boolean>;
}

describe('the built package, as a plugin imports it', () => {
  let surface: Surface;
  beforeAll(async () => {
    requireDist();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'test/package/probe.mjs')],
      {
        cwd: root,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    surface = JSON.parse(stdout) as Surface;
  }, 60_000);

  it('exports exactly the documented values', () => {
    expect(surface.exports.root).toEqual(VALUES.root);
    expect(surface.exports.testing).toEqual(VALUES.testing);
  });

  it('hands handlers contexts with exactly the members of their phase, in every phase and body mode', () => {
    const phases = {
      headers: 'HeadersContext',
      body: 'BodyContext',
      chunk: 'ChunkContext',
      trailers: 'TrailersContext',
    } as const;
    const parts = {
      headers: { headers: 'HeaderView', mutate: 'Mutations' },
      body: { body: 'BodyView', headers: 'HeaderView', mutate: 'Mutations' },
      chunk: { chunk: 'ChunkView', headers: 'HeaderView', mutate: 'ChunkMutations' },
      trailers: { trailers: 'HeaderView', mutate: 'HeaderMutations' },
    } as const;
    for (const [label, type] of Object.entries(phases) as Array<[keyof typeof phases, string]>) {
      const entries = surface.contexts[label] ?? [];
      expect(entries.length, label).toBeGreaterThan(0);
      for (const entry of entries) {
        expect(entry.ctx, label).toEqual(MEMBERS[type as keyof typeof MEMBERS]);
        expect(entry.stream, `${label}.stream`).toEqual(MEMBERS.StreamContext);
        expect(entry.grpcMetadata, `${label}.stream.grpcMetadata`).toEqual(READONLY_MAP);
        for (const [part, partType] of Object.entries(parts[label])) {
          expect(entry[part], `${label}.${part}`).toEqual(MEMBERS[partType as keyof typeof MEMBERS]);
        }
      }
    }
    for (const entry of surface.contexts.streamEnd ?? []) expect(entry.stream).toEqual(MEMBERS.StreamContext);
    expect(surface.contexts.streamEnd).toHaveLength(3);
  });

  it('keeps the pipeline and the stream internals off the processor and its stream handlers', () => {
    expect(surface.processor).toEqual(MEMBERS.Processor);
    expect(surface.processorStatics).toEqual([]);
    expect(surface.streamHandler).toEqual(MEMBERS.StreamHandler);
  });

  it('reaches the body handlers in every body mode', () => {
    const all = ['body', 'chunk', 'headers', 'trailers'];
    expect(surface.byMode.BUFFERED).toEqual(all);
    expect(surface.byMode.STREAMED).toEqual(all.filter((c) => c !== 'trailers')); // sent without trailers
    expect(surface.byMode.FULL_DUPLEX_STREAMED).toEqual(all);
  });

  it('hands setup exactly its documented API, with metrics on or off', () => {
    for (const key of ['off', 'on'] as const) {
      expect(surface.setupApi[key], key).toEqual(MEMBERS.SetupApi);
      expect(surface.setupApi[`${key}Metrics`], key).toEqual(MEMBERS.PluginMetrics);
      expect(surface.setupApi[`${key}Counter`], key).toEqual(expect.arrayContaining(['inc']));
    }
    expect(surface.setupApi.offEnabled).toBe(false);
    expect(surface.setupApi.onEnabled).toBe(true);
  });

  it("keeps the server's internals, and a way to change its stray-error counts, off the server", () => {
    expect(surface.server).toEqual(MEMBERS.AttacheServer);
    expect(surface.strayErrors).toEqual(MEMBERS.StrayErrorCounts);
  });
});

describe('the published .d.ts', () => {
  let program: ts.Program;
  let checker: ts.TypeChecker;
  beforeAll(() => {
    requireDist();
    program = ts.createProgram(Object.values(DTS), {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: ['node'],
      skipLibCheck: true,
      noEmit: true,
    });
    checker = program.getTypeChecker();
  }, 60_000);

  const exportsOf = (file: string): ts.Symbol[] => {
    const source = program.getSourceFile(file) as ts.SourceFile;
    return checker.getExportsOfModule(checker.getSymbolAtLocation(source) as ts.Symbol);
  };
  const isValue = (symbol: ts.Symbol): boolean => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return (target.flags & ts.SymbolFlags.Value) !== 0;
  };

  it('compiles without errors', { timeout: 60_000 }, () => {
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  });

  it('declares exactly the documented exports, values and types', () => {
    for (const entry of ['root', 'testing'] as const) {
      const symbols = exportsOf(DTS[entry]);
      expect(sorted(symbols.filter(isValue).map((s) => s.name)), entry).toEqual(VALUES[entry]);
      expect(sorted(symbols.filter((s) => !isValue(s)).map((s) => s.name)), entry).toEqual(TYPES[entry]);
    }
  });

  it('declares exactly the documented members of the plugin surface', () => {
    const exported = new Map(exportsOf(DTS.root).map((s) => [s.name, s]));
    for (const [name, members] of Object.entries(MEMBERS)) {
      const symbol = exported.get(name);
      expect(symbol, name).toBeDefined();
      const target = checker.getAliasedSymbol(symbol as ts.Symbol);
      const type = checker.getDeclaredTypeOfSymbol(target);
      const declared = checker
        .getPropertiesOfType(type)
        .map((p) => p.name)
        .filter((n) => !n.startsWith('#') && !n.startsWith('__#'));
      expect(sorted(declared), name).toEqual(members);
    }
  });

  it('declares exactly the documented error codes', () => {
    for (const entry of ['root', 'testing'] as const) {
      const exported = new Map(exportsOf(DTS[entry]).map((s) => [s.name, s]));
      for (const [name, members] of Object.entries(CODES[entry])) {
        const symbol = exported.get(name);
        expect(symbol, name).toBeDefined();
        const target = checker.getAliasedSymbol(symbol as ts.Symbol);
        const type = checker.getTypeOfSymbol(target);
        expect(sorted(checker.getPropertiesOfType(type).map((p) => p.name)), name).toEqual(members);
      }
    }
  });

  it('declares nothing else: every exported declaration of a file the root entry reaches is public', () => {
    const publicNames = new Set([...VALUES.root, ...TYPES.root]);
    const reached = program
      .getSourceFiles()
      .filter((f) => f.fileName.startsWith(path.join(root, 'dist/src/')))
      // The kit's own files (and the generated protos it reads) are the kit's surface.
      .filter((f) => !f.fileName.includes('/testing/') && !f.fileName.includes('/gen/'));
    const extra: string[] = [];
    for (const file of reached) {
      for (const statement of file.statements) {
        const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
        if (!modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
        const names = ts.isVariableStatement(statement)
          ? statement.declarationList.declarations.map((d) => d.name.getText(file))
          : [(statement as ts.DeclarationStatement).name?.getText(file) ?? '?'];
        for (const name of names) {
          if (!publicNames.has(name)) extra.push(`${path.relative(root, file.fileName)}: ${name}`);
        }
      }
    }
    expect(extra).toEqual([]);
  });
});
