/**
 * The `attache.yaml` schema. Every object is strict: an unknown key is an error (a typo must
 * not silently fall back to a default).
 *
 * @module
 */
import { z } from 'zod';
import { DEFAULT_MAX_BODY_BYTES } from '../pipeline/pipeline.js';
import {
  DEFAULT_ADMIN_ADDRESS,
  DEFAULT_DRAIN_DELAY_MS,
  DEFAULT_TRANSPORT,
  MAX_PROCESSES,
} from '../server/defaults.js';
import { parseListenAddress } from '../server/listen-address.js';

const failureMode = z.enum(['closed', 'open']);

const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const stringMatch = z.union([z.string(), z.strictObject({ regex: z.string() })]);
const regex = z.string().superRefine((source, ctx) => {
  try {
    new RegExp(source);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(error as Error).message}` });
  }
});

const headerSendMode = z.enum(['DEFAULT', 'SEND', 'SKIP']);
const bodySendMode = z.enum(['NONE', 'STREAMED', 'BUFFERED', 'BUFFERED_PARTIAL', 'FULL_DUPLEX_STREAMED']);

/** Envoy's `ProcessingMode`, field names in camelCase; an unset field is Envoy's default. */
const processingMode = z.strictObject({
  requestHeaderMode: headerSendMode.optional(),
  responseHeaderMode: headerSendMode.optional(),
  requestBodyMode: bodySendMode.optional(),
  responseBodyMode: bodySendMode.optional(),
  requestTrailerMode: headerSendMode.optional(),
  responseTrailerMode: headerSendMode.optional(),
});

/** `plugins[].match`: regexes and media types are checked when the pipeline compiles them. */
const match = z
  .strictObject({
    path: z.string().min(1).optional(),
    pathRegex: z.string().min(1).optional(),
    method: oneOrMany.optional(),
    headers: z.record(z.string().min(1), z.union([stringMatch, z.literal(true)])).optional(),
    contentType: oneOrMany.optional(),
    responseContentType: oneOrMany.optional(),
  })
  .refine((m) => Object.values(m).some((v) => v !== undefined), 'give at least one condition');

const pluginEntry = z.strictObject({
  /** A built-in name, a path relative to the config file (`./x.js`), or an npm package name. */
  use: z.string().min(1),
  /** Instance name; defaults to the plugin's own name. */
  name: z.string().min(1).optional(),
  /** Options for the plugin, validated by its own schema. */
  options: z.unknown().optional(),
  /** Overrides `failure.mode` for this plugin. */
  failure: failureMode.optional(),
  /** Overrides `timeouts.handlerMs` for this plugin. */
  timeoutMs: z.number().int().positive().optional(),
  /** Runs the plugin only for exchanges that match. */
  match: match.optional(),
  /**
   * The dynamic metadata namespaces the plugin writes (`ctx.setMetadata`): generated Envoy
   * configs list them in the filter's `metadata_options.receiving_namespaces.untyped`.
   */
  metadataNamespaces: z.array(z.string().min(1)).optional(),
});

/** `grpc.address`: `host:port` or `unix:/path`, as `createServer` takes it. */
const listenAddress = z.string().superRefine((address, ctx) => {
  try {
    parseListenAddress(address);
  } catch (error) {
    // The parser's reason (a port out of range, a relative unix:// path, the forms it takes).
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

/**
 * `grpc.tls`: PEM files, relative to the config file's folder. The files are read and checked
 * (PEM parses, key matches certificate, `clientAuth` has its CA) when the server options are made.
 */
const tls = z.strictObject({
  /** The server's certificate chain, PEM. */
  certFile: z.string().min(1),
  /** Its private key, PEM. */
  keyFile: z.string().min(1),
  /** The CA client certificates must chain to: with it, clientAuth defaults to `require` (mTLS). */
  caFile: z.string().min(1).optional(),
  clientAuth: z.enum(['none', 'request', 'require']).optional(),
});

/**
 * `envoy.processorTls`: Envoy's side of `grpc.tls` in generated configs. The files live where
 * Envoy runs (a mounted secret), so attache only writes their paths.
 */
const processorTls = z
  .strictObject({
    /** The CA Envoy verifies attache's certificate with (PEM path as Envoy sees it). */
    caFile: z.string().min(1),
    /** The name Envoy sends as SNI and requires among the certificate's DNS names. */
    sni: z.string().min(1).optional(),
    /** Envoy's client certificate (mTLS: signed by `grpc.tls.caFile`'s CA), with `keyFile`. */
    certFile: z.string().min(1).optional(),
    /** Its private key, with `certFile`. */
    keyFile: z.string().min(1).optional(),
  })
  .refine((t) => (t.certFile === undefined) === (t.keyFile === undefined), {
    message: 'certFile and keyFile go together (Envoy presents the certificate with its key)',
  });

/** A timer delay in ms: Node's timers take at most 2^31 - 1. */
const delayMs = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1);

/** `grpc.keepalive`: absent keys take gRPC's defaults (2 h, 20 s). */
const keepalive = z.strictObject({
  /** Idle time on a connection before the server sends a PING. */
  timeMs: delayMs.optional(),
  /** Time the PING has to be acknowledged before the connection is closed. */
  timeoutMs: delayMs.optional(),
});

/** A TCP `host:port` (no Unix socket): what Envoy listens on or connects to. */
const hostPort = z.string().superRefine((address, ctx) => {
  try {
    if (parseListenAddress(address).kind === 'tcp') return;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'expected host:port (e.g. 127.0.0.1:8080 or [::1]:8080)' });
});

/** The configuration file's shape. */
export const configSchema = z.strictObject({
  grpc: z
    .strictObject({
      /** `host:port` or `unix:/path/to.sock` to listen on. */
      address: listenAddress,
      /** Largest ProcessingRequest accepted, in bytes. */
      maxMessageBytes: z.number().int().min(1024).optional(),
      /**
       * The gRPC transport: `http2` (default; attache's own framing over node:http2), `grpc-js`,
       * or `wire` (attache's own HTTP/2 server too).
       */
      transport: z.enum(['http2', 'grpc-js', 'wire']).default(DEFAULT_TRANSPORT),
      /** TLS, or mTLS with `caFile`; absent: cleartext HTTP/2. */
      tls: tls.optional(),
      /** HTTP/2 keepalive PINGs; absent: gRPC's defaults. */
      keepalive: keepalive.optional(),
      /**
       * `attache serve`'s processes, each its own endpoint (`--processes` wins; default: the
       * machine's available parallelism). 1 runs the server in the command's own process.
       */
      processes: z.number().int().min(1).max(MAX_PROCESSES).optional(),
    })
    .default({ address: '127.0.0.1:50051', transport: DEFAULT_TRANSPORT }),
  failure: z
    .strictObject({
      mode: failureMode.default('closed'),
      status: z.number().int().min(400).max(599).default(500),
    })
    .default({ mode: 'closed', status: 500 }),
  timeouts: z
    .strictObject({
      handlerMs: z.number().int().positive().default(150),
      messageMs: z.number().int().positive().default(180),
      setupMs: z.number().int().positive().default(10_000),
      shutdownGraceMs: z.number().int().nonnegative().default(10_000),
      /** On SIGTERM, how long health reports NOT_SERVING while new streams are still served. */
      drainDelayMs: z.number().int().nonnegative().default(DEFAULT_DRAIN_DELAY_MS),
    })
    .default({
      handlerMs: 150,
      messageMs: 180,
      setupMs: 10_000,
      shutdownGraceMs: 10_000,
      drainDelayMs: DEFAULT_DRAIN_DELAY_MS,
    }),
  /**
   * A plugin's stray asynchronous error: `log` it and keep serving, `exit` after a graceful
   * shutdown, or `off` (Node's default: the process crashes).
   */
  strayErrors: z.enum(['log', 'exit', 'off']).default('log'),
  body: z
    .strictObject({
      /**
       * Most bytes of one body direction attache holds at a time (whole-body plugins on streamed
       * bodies collect them; chunk plugins hold bytes back). Over it: 413 / 500.
       */
      maxBytes: z.number().int().positive().default(DEFAULT_MAX_BODY_BYTES),
    })
    .default({ maxBytes: DEFAULT_MAX_BODY_BYTES }),
  /**
   * The worker pool plugins run CPU-heavy body work in (`api.workers`), one per process, started
   * only when a plugin needs it. Default size: the cores this process may use minus one for its
   * main thread (with `serve --processes N`: `floor(cores / N) - 1`), at least 1.
   */
  workers: z
    .strictObject({
      threads: z.number().int().min(1).max(256).optional(),
      /** Tasks that may wait for a thread; more fail at once. */
      maxQueue: z.number().int().min(1).max(4096).optional(),
      /** Heap limit of each thread in MiB: a task over it fails alone, its thread is replaced. */
      maxHeapMb: z.number().int().min(16).optional(),
    })
    .optional(),
  log: z
    .strictObject({
      level: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
      /**
       * `json` (one JSON object per line, for collectors), `pretty` (coloured, human-readable,
       * for a terminal), or `auto` (default): `pretty` when stderr is a terminal, else `json`.
       */
      format: z.enum(['auto', 'json', 'pretty']).default('auto'),
      /**
       * Header names redacted wherever a log line holds headers, besides authorization,
       * proxy-authorization, cookie and set-cookie (always redacted).
       */
      redactHeaders: z
        .array(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'expected a header name'))
        .default([]),
    })
    .default({ level: 'info', format: 'auto', redactHeaders: [] }),
  /**
   * The admin HTTP listener: `/metrics`, `/healthz`, `/readyz` (`attache serve`; one listener
   * in the supervisor with `--processes N`).
   */
  admin: z
    .strictObject({
      /** `host:port`, or `off`. Default loopback 127.0.0.1:9464; `0.0.0.0:9464` in containers. */
      address: z.union([z.literal('off'), hostPort]).default(DEFAULT_ADMIN_ADDRESS),
    })
    .default({ address: DEFAULT_ADMIN_ADDRESS }),
  /**
   * What Envoy must do for this processor. `attache envoy` (and `attache kgateway`,
   * `attache envoy-gateway`) derive the Envoy side from it; `attache check` compares an existing
   * Envoy config with it. "Must equal" below is what the check checks.
   */
  /** Prometheus metrics (README, Metrics); the admin listener serves them on `/metrics`. */
  metrics: z
    .strictObject({
      /** Prefix of every metric name, attache's and plugins' (empty, or the start of a metric name). */
      prefix: z
        .string()
        .regex(
          /^([a-zA-Z_:][a-zA-Z0-9_:]*)?$/,
          'must be empty or start a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)',
        )
        .default('attache_'),
    })
    .default({ prefix: 'attache_' }),
  envoy: z
    .strictObject({
      /** Must equal the Envoy filter's `max_message_timeout` (ms; 0 = overrides off). */
      maxMessageTimeoutMs: z.number().int().min(0).max(3_600_000).default(0),
      /**
       * Must equal the Envoy filter's `mutation_rules` (the `MutationRules` shape; an expression
       * is the `regex` of Envoy's RegexMatcher). `disallowIsError` is accepted, so the rules can
       * be copied whole, and only matters to Envoy.
       */
      mutationRules: z
        .strictObject({
          allowAllRouting: z.boolean().optional(),
          allowEnvoy: z.boolean().optional(),
          disallowSystem: z.boolean().optional(),
          disallowAll: z.boolean().optional(),
          allowExpression: regex.optional(),
          disallowExpression: regex.optional(),
          disallowIsError: z.boolean().optional(),
        })
        .default({}),
      /** Must equal the Envoy filter's `allow_content_length_header` (Envoy 1.38+). */
      allowContentLengthHeader: z.boolean().default(false),
      /** Must equal the Envoy filter's `allow_mode_override`: attache then skips unneeded phases. */
      allowModeOverride: z.boolean().default(false),
      /**
       * The Envoy filter's `processing_mode`, when known (optional). attache checks at start that
       * it can see where every streamed body ends (trailer mode SEND, or `allowModeOverride`).
       */
      processingMode: processingMode.optional(),
      /** Must equal the HTTP connection manager's `max_headers_count`. */
      maxHeadersCount: z.number().int().positive().default(100),
      /** Must equal the HTTP connection manager's `max_request_headers_kb`. */
      maxHeadersKb: z.number().int().positive().max(8192).default(60),
      /**
       * The filter's `message_timeout` in ms for generated configs (`attache envoy`); absent:
       * `timeouts.messageMs` + 20 ms, so attache's own budget always ends first.
       */
      messageTimeoutMs: z.number().int().min(1).max(3_600_000).optional(),
      /** Gateway API / kgateway route resources (a YAML file or a folder of them), for `attache envoy`. */
      routes: z.string().min(1).optional(),
      /**
       * Where a `backendRef` runs outside Kubernetes: `name`, `name:port` or `namespace/name:port`
       * → `host:port`.
       */
      backends: z.record(z.string().min(1), hostPort).optional(),
      /** Without `routes`: the one upstream every request goes to (`host:port`). */
      upstream: hostPort.optional(),
      /** Without `routes`: Envoy's listener; with them, its host is used for each Gateway listener's port. */
      listen: hostPort.optional(),
      /** Envoy's admin interface; loopback only (it can stop Envoy). Default 127.0.0.1:9901. */
      admin: hostPort.optional(),
      /**
       * How Envoy speaks TLS to attache when `grpc.tls` is set (generated configs): paths as Envoy
       * reads them, not read by attache.
       */
      processorTls: processorTls.optional(),
    })
    .default({
      maxMessageTimeoutMs: 0,
      mutationRules: {},
      allowContentLengthHeader: false,
      allowModeOverride: false,
      maxHeadersCount: 100,
      maxHeadersKb: 60,
    }),
  /** OpenTelemetry tracing (README, Tracing). */
  tracing: z
    .strictObject({
      /**
       * `auto`: trace when a tracer provider is registered at start (`node --import ./otel.mjs`);
       * `on`: the same, but fail to start without one; `off`: never.
       */
      enabled: z.enum(['auto', 'on', 'off']).default('auto'),
    })
    .default({ enabled: 'auto' }),
  plugins: z.array(pluginEntry),
});

/** A validated configuration. */
export type Config = z.output<typeof configSchema>;
/** One `plugins` entry. */
export type PluginEntryConfig = z.output<typeof pluginEntry>;
