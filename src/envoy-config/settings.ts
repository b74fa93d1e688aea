/**
 * Everything the Envoy side of attache must say, derived from `attache.yaml` and the plugins it
 * loads: the one source every generator (`attache envoy`, `attache kgateway`,
 * `attache envoy-gateway`) and `attache check` read.
 *
 * @module
 */
import type { LoadedConfig } from '../config/load-config.js';
import { type AllowedOverrideMode, overridesOf } from '../mode-override/allowed.js';
import { PHASE_BITS, type Pipeline } from '../pipeline/pipeline.js';
import type { Phase } from '../plugin/types.js';
import type { ProcessingModeConfig } from '../protocol/processing-mode.js';
import { deriveProcessingMode } from './processing-mode.js';

/** Added to `timeouts.messageMs` for the default `message_timeout`: attache's answer must travel back. */
export const MESSAGE_TIMEOUT_MARGIN_MS = 20;

/** Envoy's `HeaderMutationRules`, as attache's config writes it. */
export type MutationRulesConfig = LoadedConfig['config']['envoy']['mutationRules'];

/** A metadata namespace and the plugins that write it. */
export interface NamespaceUse {
  readonly namespace: string;
  readonly plugins: readonly string[];
}

/** The ext_proc filter settings attache needs, in attache's terms. */
export interface ExtProcSettings {
  /** The filter-level processing mode (every field set): `envoy.processingMode`'s fields over {@link neededMode}. */
  readonly processingMode: ProcessingModeConfig;
  /** The least the plugins need, whatever the config declares. */
  readonly neededMode: ProcessingModeConfig;
  /** Per phase, the plugins that read it. */
  readonly readers: Readonly<Record<Phase, readonly string[]>>;
  /**
   * Per direction, the plugins that change its headers from the body (`headersFromBody`), each
   * with whether it declared a `modeOverrides` entry asking for that body BUFFERED (so with
   * mode overrides on it gets the body buffered even from a filter that streams it).
   */
  readonly headersFromBody: {
    readonly request: ReadonlyArray<{ readonly name: string; readonly asksBuffered: boolean }>;
    readonly response: ReadonlyArray<{ readonly name: string; readonly asksBuffered: boolean }>;
  };
  /** Plugins with request / response `match` conditions (evaluated on the headers). */
  readonly conditions: { readonly request: readonly string[]; readonly response: readonly string[] };
  /** Why each mode field has its value. */
  readonly modeReasons: readonly string[];
  /** `failure.mode: open`. */
  readonly failOpen: boolean;
  /** `failure.status`: Envoy's `status_on_error` when fail-closed. */
  readonly statusOnError: number;
  readonly messageTimeoutMs: number;
  /** 0: `override_message_timeout` off. */
  readonly maxMessageTimeoutMs: number;
  readonly allowModeOverride: boolean;
  /** Exactly the overrides attache may send (empty when none). */
  readonly allowedOverrideModes: readonly AllowedOverrideMode[];
  readonly mutationRules: MutationRulesConfig;
  /** Receiving namespaces, each with the plugins that write it. */
  readonly namespaces: readonly NamespaceUse[];
  readonly allowContentLengthHeader: boolean;
  readonly maxHeadersCount: number;
  readonly maxHeadersKb: number;
  /** `body.maxBytes`: Envoy's buffer limits must let a BUFFERED body of this size through. */
  readonly maxBodyBytes: number;
  /** attache's own per-message budget (`timeouts.messageMs`). */
  readonly attacheMessageMs: number;
  /** Each plugin's name and time budget. */
  readonly plugins: ReadonlyArray<{ readonly name: string; readonly timeoutMs: number }>;
}

/** The settings for a loaded config whose plugins are set up in `pipeline`. */
export function extProcSettings(loaded: LoadedConfig, pipeline: Pipeline): ExtProcSettings {
  const { config } = loaded;
  const derived = deriveProcessingMode(pipeline, config.envoy.processingMode ?? {});
  const overrides = overridesOf(pipeline, { processingMode: derived.mode });
  const byNamespace = new Map<string, string[]>();
  config.plugins.forEach((entry, i) => {
    for (const ns of entry.metadataNamespaces ?? []) {
      const list = byNamespace.get(ns) ?? [];
      list.push(pipeline.names[i] as string);
      byNamespace.set(ns, list);
    }
  });
  const readers = {} as Record<Phase, string[]>;
  for (const [phase, bit] of PHASE_BITS) {
    readers[phase] = pipeline.phaseMasks.flatMap((mask, i) =>
      mask & bit ? [pipeline.names[i] as string] : [],
    );
  }
  const matchers = pipeline.matchers ?? [];
  const writers = (direction: 'request' | 'response') => {
    const field = direction === 'request' ? 'requestBody' : 'responseBody';
    return pipeline.names.flatMap((name, i) =>
      pipeline.headersFromBody[i]?.includes(direction) === true
        ? [{ name, asksBuffered: (pipeline.modeOverrides[i] ?? []).some((m) => m[field] === 'buffered') }]
        : [],
    );
  };
  return {
    processingMode: derived.mode,
    neededMode: deriveProcessingMode(pipeline).mode,
    readers,
    headersFromBody: { request: writers('request'), response: writers('response') },
    conditions: {
      request: pipeline.names.filter((_, i) => matchers[i]?.request != null),
      response: pipeline.names.filter((_, i) => matchers[i]?.response != null),
    },
    modeReasons: derived.reasons,
    failOpen: config.failure.mode === 'open',
    statusOnError: config.failure.status,
    messageTimeoutMs: config.envoy.messageTimeoutMs ?? config.timeouts.messageMs + MESSAGE_TIMEOUT_MARGIN_MS,
    maxMessageTimeoutMs: config.envoy.maxMessageTimeoutMs,
    allowModeOverride: overrides.ignored === null && overrides.modes.length > 0,
    allowedOverrideModes: overrides.ignored === null ? overrides.modes : [],
    mutationRules: config.envoy.mutationRules,
    namespaces: [...byNamespace.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([namespace, plugins]) => ({ namespace, plugins })),
    allowContentLengthHeader: config.envoy.allowContentLengthHeader,
    maxHeadersCount: config.envoy.maxHeadersCount,
    maxHeadersKb: config.envoy.maxHeadersKb,
    maxBodyBytes: config.body.maxBytes,
    attacheMessageMs: config.timeouts.messageMs,
    plugins: config.plugins.map((entry, i) => ({
      name: pipeline.names[i] as string,
      timeoutMs: entry.timeoutMs ?? config.timeouts.handlerMs,
    })),
  };
}
