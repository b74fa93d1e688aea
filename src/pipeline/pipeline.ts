/**
 * The plugin pipeline, prepared once at startup: options validated, `setup` run, and handlers
 * sorted into one array per phase (`null` where no plugin handles the phase), so the per-message
 * path only indexes arrays.
 *
 * @module
 */
import satisfies from 'semver/functions/satisfies.js';
import { withDeadline } from '../deadline.js';
import { deriveProcessingMode } from '../envoy-config/processing-mode.js';
import { AttacheError, ErrorCode, toError } from '../errors.js';
import {
  checkRemove,
  checkSet,
  type MutationRules,
  normalizeHeaderName,
  prepareMutationRules,
  validateMutationRules,
} from '../http/header-rules.js';
import { type Logger, silentLogger } from '../log.js';
import { checkModeOverrides, overrideKey } from '../mode-override/declarations.js';
import type { HeadersOverride } from '../mode-override/headers-override.js';
import type { PluginMetrics } from '../observe/metrics/api.js';
import { noPluginMetrics } from '../observe/metrics/metrics.js';
import { isPlugin, type Plugin, pluginFileOf } from '../plugin/define-plugin.js';
import type { Direction, Handlers, ModeOverride, Phase, SetupApi, StreamContext } from '../plugin/types.js';
import type { ProcessingModeInput } from '../protocol/processing-mode.js';
import { ATTACHE_VERSION } from '../version.js';
import { configureWorkerPool } from '../workers/pool.js';
import type { WorkerPoolOptions } from '../workers/types.js';
import { createWorkers } from '../workers/workers.js';
import { checkBodyEnd, trailersDeclared } from './body-end-check.js';
import { checkHeadersFromBody } from './headers-from-body.js';
import { compileMatch, type Matcher, type MatchSpec } from './match.js';
import { validateOptions } from './validate-options.js';

/** What happens to a message when a plugin throws or runs out of time. */
export type FailureMode = 'closed' | 'open';

/** One plugin in the configured order. */
export interface PipelineEntry {
  /** The plugin (from {@link definePlugin}). */
  // biome-ignore lint/suspicious/noExplicitAny: entries hold plugins of any options type.
  readonly plugin: Plugin<any>;
  /** Raw options; validated against the plugin's schema. */
  readonly options?: unknown;
  /** Instance name; defaults to the plugin name. Must be unique in the pipeline. */
  readonly name?: string;
  /** Overrides the pipeline's failure mode for this plugin. */
  readonly failure?: FailureMode;
  /** Overrides the pipeline's per-handler time budget for this plugin. */
  readonly timeoutMs?: number;
  /** Runs the plugin only for exchanges that match (compiled at startup). */
  readonly match?: MatchSpec;
}

/** Pipeline-wide settings. */
export interface PipelineOptions {
  /**
   * `closed` (default): answer the client with `failureStatus` and a generic body.
   * `open`: pass the message on unchanged.
   */
  readonly failure?: FailureMode;
  /** Status of the fail-closed response (default 500). */
  readonly failureStatus?: number;
  /**
   * Time budget of one handler call in ms (default 150). Keep it below Envoy's
   * `message_timeout` (200 ms by default) so the configured failure mode, not Envoy's 504, decides.
   */
  readonly timeoutMs?: number;
  /**
   * Time budget of a whole message (all handlers of one phase) in ms (default 180). A handler gets
   * the smaller of its own budget and what is left of the message's, so a chain of slow plugins
   * still answers before Envoy's `message_timeout` (200 ms by default).
   */
  readonly messageTimeoutMs?: number;
  /**
   * Envoy's `max_message_timeout` for this filter in ms (default 0: Envoy ignores
   * `override_message_timeout`, so `ctx.requestMoreTime` is refused).
   */
  readonly maxMessageTimeoutMs?: number;
  /** Time limit for each plugin's `setup` in ms (default 10 000). */
  readonly setupTimeoutMs?: number;
  /** Envoy's `mutation_rules` for this filter (defaults: Envoy's). */
  readonly mutationRules?: MutationRules;
  /**
   * Envoy's `allow_mode_override` for this filter (default false). When set, attache tells Envoy
   * in each headers reply to skip the phases no plugin running for the exchange needs (Envoy's
   * `mode_override`), saving round trips.
   */
  readonly allowModeOverride?: boolean;
  /**
   * Most bytes of one body direction attache holds at a time (default 64 MiB): whole-body
   * plugins under STREAMED / FULL_DUPLEX_STREAMED collect the body, chunk plugins hold bytes
   * back. Over it the request gets 413 and the response 500, as with Envoy's own buffer limit.
   */
  readonly maxBodyBytes?: number;
  /**
   * Envoy 1.38+'s `allow_content_length_header` for this filter (default false). When set, Envoy
   * keeps `content-length` in streamed and partial body modes, so attache removes it from the
   * headers when body plugins may change a body whose final length it cannot know yet.
   */
  readonly allowContentLengthHeader?: boolean;
  /**
   * The HCM's `max_headers_count` (default 100): Envoy rejects a reply whose mutation has more
   * entries, or leaves more headers, than this (§6.3).
   */
  readonly maxHeadersCount?: number;
  /** The HCM's `max_request_headers_kb` (default 60): the header size limit a mutation must keep. */
  readonly maxHeadersKb?: number;
  /**
   * The Envoy filter's `processing_mode`, when the config declares it (unset: unknown). attache
   * reads its trailer modes: a body streamed to body plugins must show where it ends (§4.6), so
   * without trailer SEND and without `allowModeOverride` such a pipeline is refused at start
   * (see `body-end-check.ts`). Body modes still come from each stream's `protocol_config`.
   */
  readonly processingMode?: ProcessingModeInput;
  /** Names {@link processingMode} in error messages, e.g. `attache.yaml: envoy.processingMode`. */
  readonly processingModeWhere?: string;
  /**
   * Take the `processing_mode` fields {@link processingMode} leaves out as `attache envoy`,
   * `attache kgateway` and `attache envoy-gateway` derive them (what the plugins need, e.g.
   * trailers SEND behind a streamed body), because the Envoy side is generated from the same
   * config. Default false: only declared fields are relied on. `attache serve` sets it for a
   * config with `envoy.routes` or `envoy.upstream` (what the generators read); a hand-written
   * filter must then match the generated one (`attache check` compares them).
   */
  readonly processingModeDerived?: boolean;
  /**
   * The process's worker pool (`api.workers`): its size, queue and thread heap limit. Applied
   * when the pool is next created (it lives as long as some plugin uses it).
   */
  readonly workers?: WorkerPoolOptions;
  /** Where plugin logs go. */
  readonly log?: Logger;
  /** Prefix for error messages locating an entry, e.g. the config file (default `plugins`). */
  readonly where?: string;
}

/** @internal A handler bound to its plugin instance. */
export interface Step {
  readonly name: string;
  /** A body chunk handler (`requestBodyChunk`/`responseBodyChunk`) rather than a whole-body one. */
  readonly chunk: boolean;
  /** Index of the plugin instance in the pipeline (for per-exchange `match` results). */
  readonly plugin: number;
  readonly fn: (ctx: never) => unknown;
  readonly timeoutMs: number;
  readonly failure: FailureMode;
  readonly log: Logger;
  /** {@link overrideKey}s of the mode overrides the plugin declared (headers phases only). */
  readonly overrides: ReadonlySet<string>;
}

/** @internal Every phase a plugin can handle, in Envoy's order. */
export const PHASES: readonly Phase[] = [
  'requestHeaders',
  'requestBody',
  'requestTrailers',
  'responseHeaders',
  'responseBody',
  'responseTrailers',
];
/** @internal One bit per phase, to combine the phases that the plugins running for an exchange need. */
export const PHASE_BITS: ReadonlyMap<Phase, number> = new Map<Phase, number>([
  ['requestHeaders', 1],
  ['requestBody', 2],
  ['requestTrailers', 4],
  ['responseHeaders', 8],
  ['responseBody', 16],
  ['responseTrailers', 32],
]);

const CHUNK_KEYS = { requestBody: 'requestBodyChunk', responseBody: 'responseBodyChunk' } as const;
const HANDLER_KEYS = new Set<string>([...PHASES, ...Object.values(CHUNK_KEYS), 'streamEnd', 'close']);
/** What setup may return besides handlers. */
const DECLARATION_KEYS = new Set<string>(['modeOverrides', 'headersFromBody']);
/** Default of {@link PipelineOptions.maxBodyBytes}. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** One plugin instance after its setup ran. */
interface Instance {
  name: string;
  handlers: Handlers;
  failure: FailureMode;
  timeoutMs: number;
  log: Logger;
  matcher: Matcher | null;
  modeOverrides: readonly ModeOverride[];
  headersFromBody: readonly Direction[];
  /** Ends the plugin's worker registrations (after its `close`). */
  releases: Array<() => Promise<void>>;
}

/** @internal A ready-to-run pipeline. Create it with {@link Pipeline.create}. */
export class Pipeline {
  /** Steps per phase, in configured order; `null` when no plugin handles the phase. */
  readonly steps: { readonly [P in Phase]: readonly Step[] | null };
  /** End-of-stream hooks, or `null`. */
  readonly streamEnd: ReadonlyArray<{ name: string; fn: (s: StreamContext) => void; log: Logger }> | null;
  /** Status of a fail-closed response. */
  readonly failureStatus: number;
  /** Time budget of one message, all handlers together. */
  readonly messageTimeoutMs: number;
  /** Envoy's `max_message_timeout` (0: overrides are off). */
  readonly maxMessageTimeoutMs: number;
  /** Envoy's mutation rules the plugins are checked against. */
  readonly mutationRules: MutationRules;
  /** Whether any plugin handles a body phase of the request / response. */
  readonly hasBody: { readonly request: boolean; readonly response: boolean };
  /** Most bytes of one body direction held at a time. */
  readonly maxBodyBytes: number;
  /** Envoy keeps `content-length` in streamed body modes (1.38+ `allow_content_length_header`). */
  readonly allowContentLengthHeader: boolean;
  /** Envoy's header count limit. */
  readonly maxHeadersCount: number;
  /** Envoy's header size limit in bytes. */
  readonly maxHeadersBytes: number;
  /** Instance names in order. */
  readonly names: readonly string[];
  /** Each instance's compiled `match` (`null`: always runs), or `null` when no plugin has one. */
  readonly matchers: ReadonlyArray<Matcher | null> | null;
  /** Envoy's `allow_mode_override`: attache may skip phases per exchange. */
  readonly allowModeOverride: boolean;
  /** Per instance, the {@link PHASE_BITS} of the phases it handles. */
  readonly phaseMasks: readonly number[];
  /** The {@link PHASE_BITS} of every phase some plugin handles (all of {@link phaseMasks}). */
  readonly phaseBits: number;
  /**
   * The headers replies' computed `mode_override`s, made once per combination of what they
   * depend on (`mode-override/headers-override.ts` keys and bounds it).
   */
  readonly headersOverrides = new Map<number, HeadersOverride>();
  /** Per instance, the mode overrides its handlers may send (its declared `modeOverrides`). */
  readonly modeOverrides: ReadonlyArray<readonly ModeOverride[]>;
  /** Per instance, the directions whose headers it changes from the body (its declared `headersFromBody`). */
  readonly headersFromBody: ReadonlyArray<readonly Direction[]>;
  /** Per direction, whether the declared filter trailer mode is SEND (see `body-end-check.ts`). */
  readonly trailersDeclared: { readonly request: boolean; readonly response: boolean };
  /**
   * The filter's `processing_mode` as attache relies on it: the declared one, or with
   * {@link PipelineOptions.processingModeDerived} every field (declared over derived);
   * `undefined` when nothing is known.
   */
  readonly filterMode: ProcessingModeInput | undefined;
  readonly #closers: Array<{ name: string; close: () => unknown; log: Logger }>;
  readonly #releases: ReadonlyArray<() => Promise<void>>;
  readonly #log: Logger;

  private constructor(instances: readonly Instance[], options: PipelineOptions) {
    const overrideKeys = instances.map((i) => new Set(i.modeOverrides.map((m) => overrideKey(m) as string)));
    const steps = {} as { [P in Phase]: Step[] | null };
    for (const phase of PHASES) {
      const list: Step[] = [];
      const chunkKey = phase === 'requestBody' || phase === 'responseBody' ? CHUNK_KEYS[phase] : null;
      const headers = phase === 'requestHeaders' || phase === 'responseHeaders';
      for (const [index, inst] of instances.entries()) {
        const whole = inst.handlers[phase];
        const chunk = chunkKey === null ? undefined : inst.handlers[chunkKey];
        const fn = whole ?? chunk;
        if (fn)
          list.push({
            name: inst.name,
            plugin: index,
            chunk: whole === undefined,
            fn: fn as Step['fn'],
            timeoutMs: inst.timeoutMs,
            failure: inst.failure,
            log: inst.log,
            overrides: headers ? (overrideKeys[index] as ReadonlySet<string>) : NO_OVERRIDES,
          });
      }
      steps[phase] = list.length === 0 ? null : list;
    }
    this.steps = steps;
    const ends = instances.flatMap((i) =>
      i.handlers.streamEnd ? [{ name: i.name, fn: i.handlers.streamEnd, log: i.log }] : [],
    );
    this.streamEnd = ends.length === 0 ? null : ends;
    this.#closers = instances.flatMap((i) =>
      i.handlers.close ? [{ name: i.name, close: i.handlers.close, log: i.log }] : [],
    );
    this.#releases = instances.flatMap((i) => i.releases);
    this.failureStatus = options.failureStatus ?? 500;
    this.messageTimeoutMs = options.messageTimeoutMs ?? 180;
    this.maxMessageTimeoutMs = options.maxMessageTimeoutMs ?? 0;
    this.mutationRules = prepareMutationRules(options.mutationRules);
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.allowContentLengthHeader = options.allowContentLengthHeader ?? false;
    this.maxHeadersCount = options.maxHeadersCount ?? 100;
    this.maxHeadersBytes = (options.maxHeadersKb ?? 60) * 1024;
    this.hasBody = { request: steps.requestBody !== null, response: steps.responseBody !== null };
    this.names = Object.freeze(instances.map((i) => i.name));
    this.matchers = instances.some((i) => i.matcher !== null) ? instances.map((i) => i.matcher) : null;
    this.allowModeOverride = options.allowModeOverride ?? false;
    // Derived from the steps, which already know each plugin's whole-body and chunk handlers.
    const masks = instances.map(() => 0);
    for (const [phase, bit] of PHASE_BITS) {
      for (const step of steps[phase] ?? []) masks[step.plugin] = (masks[step.plugin] as number) | bit;
    }
    this.phaseMasks = masks;
    this.phaseBits = masks.reduce((all, mask) => all | mask, 0);
    this.modeOverrides = instances.map((i) => i.modeOverrides);
    this.headersFromBody = instances.map((i) => i.headersFromBody);
    this.filterMode =
      options.processingModeDerived === true
        ? deriveProcessingMode(this, options.processingMode).mode
        : options.processingMode;
    this.trailersDeclared = trailersDeclared(this.filterMode);
    this.#log = options.log ?? silentLogger;
  }

  /**
   * Validates every entry's options, runs each `setup` once (in order, each within its time
   * limit) and binds the handlers.
   *
   * @throws AttacheError naming the entry (`plugins[1] (name)`) and the reason.
   */
  static async create(
    entries: readonly PipelineEntry[],
    options: PipelineOptions = {},
    metrics: (where: string) => PluginMetrics = noPluginMetrics,
  ): Promise<Pipeline> {
    const log = options.log ?? silentLogger;
    const where = options.where ?? 'plugins';
    const failure = options.failure ?? 'closed';
    const timeoutMs = options.timeoutMs ?? 150;
    const setupTimeoutMs = options.setupTimeoutMs ?? 10_000;
    checkStatus(options.failureStatus);
    validateMutationRules(options.mutationRules ?? {});
    if (options.workers !== undefined) configureWorkerPool(options.workers);
    for (const [key, value] of [
      ['timeoutMs', options.timeoutMs],
      ['messageTimeoutMs', options.messageTimeoutMs],
      ['setupTimeoutMs', options.setupTimeoutMs],
      ['maxBodyBytes', options.maxBodyBytes],
      ['maxHeadersCount', options.maxHeadersCount],
      ['maxHeadersKb', options.maxHeadersKb],
    ] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
        throw new AttacheError(ErrorCode.CONFIG_INVALID, `${key} must be a positive integer, got ${value}`);
      }
    }
    const seen = new Set<string>();
    const ready: Instance[] = [];
    /** Worker registrations made so far, released if the pipeline does not come up. */
    const releases: Array<() => Promise<void>> = [];
    try {
      for (const [index, entry] of entries.entries()) {
        const at = `${where}[${index}]`;
        if (!isPlugin(entry.plugin)) {
          throw new AttacheError(
            ErrorCode.PLUGIN_INVALID,
            `${at}: not a plugin (export the result of definePlugin())`,
          );
        }
        const name = entry.name ?? entry.plugin.name;
        const range = entry.plugin.attache;
        if (range !== undefined && !satisfies(ATTACHE_VERSION, range, { includePrerelease: true })) {
          throw new AttacheError(
            ErrorCode.PLUGIN_INVALID,
            `${at} (${name}): the plugin supports attache ${range}, this is attache ${ATTACHE_VERSION}; install a plugin version made for it`,
          );
        }
        if (seen.has(name)) {
          throw new AttacheError(
            ErrorCode.CONFIG_INVALID,
            `${at}: duplicate plugin name "${name}"; give one of them another \`name\``,
          );
        }
        seen.add(name);
        const matcher = entry.match === undefined ? null : compileMatch(entry.match, `${at}.match`);
        const pluginLog = log.child({ plugin: name });
        const opts = await validateOptions(entry.plugin, entry.options, `${at} (${name}).options`);
        const rules = options.mutationRules ?? {};
        const own: Array<() => Promise<void>> = [];
        const pluginFile = pluginFileOf(entry.plugin);
        const api: SetupApi = {
          name,
          log: pluginLog,
          maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
          metrics: metrics(`${at} (${name})`),
          checkHeader(header, { block, op }) {
            const key = normalizeHeaderName(header);
            if (key === 'content-length' && op !== 'remove') {
              throw new AttacheError(
                ErrorCode.MUTATION_REFUSED,
                `${at} (${name}): content-length is managed by attache`,
              );
            }
            if (op === 'remove') checkRemove(key, block, rules);
            else checkSet(key, block, rules, op === 'append', false);
          },
          async workers(spec) {
            const { handle, release } = await createWorkers(spec, {
              plugin: name,
              pluginFile,
              at: `${at} (${name})`,
              log: pluginLog,
            });
            own.push(release);
            releases.push(release);
            return handle as never;
          },
        };
        const { handlers, modeOverrides, headersFromBody } = await runSetup(
          entry.plugin,
          opts,
          api,
          setupTimeoutMs,
          at,
        );
        ready.push({
          name,
          handlers,
          failure: entry.failure ?? failure,
          timeoutMs: entry.timeoutMs ?? timeoutMs,
          log: pluginLog,
          matcher,
          modeOverrides,
          headersFromBody,
          releases: own,
        });
      }
      const pipeline = new Pipeline(ready, options);
      // No body byte silently lost: refuse a declared mode that hides where a body ends.
      checkBodyEnd(
        ready.map((i) => i.handlers),
        { ...options, processingMode: pipeline.filterMode },
      );
      return pipeline;
    } catch (error) {
      await closeAll(
        ready.flatMap((i) =>
          i.handlers.close ? [{ name: i.name, close: i.handlers.close, log: i.log }] : [],
        ),
      );
      await Promise.all(releases.map((release) => release()));
      throw error;
    }
  }

  /** Calls every plugin's `close()` (in reverse order); errors are logged, not thrown. */
  async close(): Promise<void> {
    await closeAll(this.#closers);
    // After `close`: a plugin may still finish work in its close.
    await Promise.all(this.#releases.map((release) => release()));
    this.#log.debug('pipeline closed');
  }
}

function checkStatus(status: number | undefined): void {
  if (status !== undefined && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `failureStatus must be an integer 400-599, got ${status}`,
    );
  }
}

async function runSetup(
  // biome-ignore lint/suspicious/noExplicitAny: any options type.
  plugin: Plugin<any>,
  options: unknown,
  api: SetupApi,
  limitMs: number,
  at: string,
): Promise<{
  handlers: Handlers;
  modeOverrides: readonly ModeOverride[];
  headersFromBody: readonly Direction[];
}> {
  const name = api.name;
  let handlers: unknown;
  try {
    handlers = await withDeadline(
      Promise.resolve().then(() => plugin.setup(options, api)),
      limitMs,
      () =>
        new AttacheError(
          ErrorCode.PLUGIN_SETUP,
          `${at} (${name}): setup did not finish within ${limitMs} ms`,
        ),
    );
  } catch (error) {
    if (error instanceof AttacheError && error.code === ErrorCode.PLUGIN_SETUP) throw error;
    const cause = toError(error);
    throw new AttacheError(ErrorCode.PLUGIN_SETUP, `${at} (${name}): setup failed: ${cause.message}`, {
      cause,
    });
  }
  if (typeof handlers !== 'object' || handlers === null) {
    throw new AttacheError(
      ErrorCode.PLUGIN_INVALID,
      `${at} (${name}): setup must return an object of handlers`,
    );
  }
  for (const [key, value] of Object.entries(handlers)) {
    if (DECLARATION_KEYS.has(key)) continue;
    if (!HANDLER_KEYS.has(key)) {
      throw new AttacheError(
        ErrorCode.PLUGIN_INVALID,
        `${at} (${name}): setup returned unknown handler "${key}"; expected one of ${[...HANDLER_KEYS].join(', ')}`,
      );
    }
    if (value !== undefined && typeof value !== 'function') {
      throw new AttacheError(
        ErrorCode.PLUGIN_INVALID,
        `${at} (${name}): handler "${key}" must be a function`,
      );
    }
  }
  const h = handlers as Handlers;
  for (const [whole, chunk] of Object.entries(CHUNK_KEYS) as Array<[keyof typeof CHUNK_KEYS, string]>) {
    if (h[whole] !== undefined && h[chunk as typeof CHUNK_KEYS.requestBody] !== undefined) {
      throw new AttacheError(
        ErrorCode.PLUGIN_INVALID,
        `${at} (${name}): setup returned both "${whole}" and "${chunk}"; a plugin sees a body either whole or in chunks`,
      );
    }
  }
  const modeOverrides = checkModeOverrides(
    h.modeOverrides,
    `${at} (${name})`,
    h.requestHeaders !== undefined || h.responseHeaders !== undefined,
  );
  const headersFromBody = checkHeadersFromBody(h, `${at} (${name})`);
  return { handlers: h, modeOverrides, headersFromBody };
}

const NO_OVERRIDES: ReadonlySet<string> = new Set();

async function closeAll(
  closers: ReadonlyArray<{ name: string; close: () => unknown; log: Logger }>,
): Promise<void> {
  for (const c of [...closers].reverse()) {
    try {
      await c.close();
    } catch (error) {
      c.log.error({ err: toError(error) }, 'plugin close() failed');
    }
  }
}
