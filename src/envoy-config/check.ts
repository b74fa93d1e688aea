/**
 * `attache check`: every disagreement between what the processor needs (its config and plugins)
 * and what Envoy will do (the route resources' per-route modes and GatewayExtension, or an
 * existing bootstrap), each with a fix.
 *
 * @module
 */
import type { ProcessingModeConfig, ProcessingModeInput } from '../protocol/processing-mode.js';
import { withDefaults } from '../protocol/processing-mode.js';
import type { ListenTarget } from '../server/listen-address.js';
import { duration, envoyMode, GRACEFUL_CLOSE_FLAG, routeMode } from './bootstrap.js';
import type { GenerationContext } from './context.js';
import { TYPES, typeUrl } from './envoy-api.js';
import { durationMs, kgatewayMode } from './gateway/translate.js';
import { type EndpointOptions, envoyFor } from './generate-envoy.js';
import { processorEndpoints } from './processor-endpoints.js';
import type { ExtProcSettings } from './settings.js';
import { type Finding, list, starvedBy } from './starved.js';
import { extProcFilters, validateBootstrap } from './validate.js';

export type { Finding } from './starved.js';

/** What {@link runCheck} compares. */
export interface CheckInput {
  /** An existing bootstrap (parsed); absent: the generated one, with the route resources. */
  readonly bootstrap?: unknown;
  readonly bootstrapFile?: string;
  readonly endpoints: EndpointOptions;
}

/** The findings and their text. */
export interface CheckReport {
  readonly findings: readonly Finding[];
  readonly text: string;
}

const field = (o: unknown, name: string): unknown => {
  if (typeof o !== 'object' || o === null) return undefined;
  const r = o as Record<string, unknown>;
  return name in r ? r[name] : r[name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())];
};

const modeOf = (raw: unknown): ProcessingModeConfig =>
  withDefaults({
    requestHeaderMode: field(raw, 'request_header_mode'),
    responseHeaderMode: field(raw, 'response_header_mode'),
    requestBodyMode: field(raw, 'request_body_mode'),
    responseBodyMode: field(raw, 'response_body_mode'),
    requestTrailerMode: field(raw, 'request_trailer_mode'),
    responseTrailerMode: field(raw, 'response_trailer_mode'),
  } as ProcessingModeInput);

/** Envoy's JSON duration in ms (`0.2s`, `1.5s`), or `undefined`. */
function jsonDurationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+)(?:\.(\d{1,9}))?s$/.exec(value);
  return m === null ? undefined : Number(m[1]) * 1000 + Number(`0.${m[2] ?? '0'}`) * 1000;
}

const canon = (v: unknown): string =>
  JSON.stringify(v, (_, x) =>
    typeof x === 'object' && x !== null && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort())
      : x,
  );

/** The timing findings of the config itself: Envoy's timeout must outlast attache's budget. */
function timingFindings(settings: ExtProcSettings, envoyTimeoutMs: number, where: string): Finding[] {
  const out: Finding[] = [];
  if (envoyTimeoutMs <= settings.attacheMessageMs) {
    out.push({
      where,
      problem: `${envoyTimeoutMs} ms is not longer than attache's timeouts.messageMs (${settings.attacheMessageMs} ms): a slow plugin gets Envoy's 504 instead of attache's failure mode`,
      fix: `set it above ${settings.attacheMessageMs} ms (attache envoy writes ${settings.attacheMessageMs + 20} ms), or lower timeouts.messageMs`,
    });
  }
  return out;
}

/** The findings about the route resources' GatewayExtensions and per-route processing modes. */
function resourceFindings(context: GenerationContext): Finding[] {
  const { settings } = context;
  const out: Finding[] = [];
  for (const ext of context.resources?.extensions ?? []) {
    const p = ext.value.spec.extProc;
    const at = `${ext.where}: spec.extProc`;
    const failOpen = p.failOpen ?? true; // kgateway's default since 2.1
    if (failOpen !== settings.failOpen) {
      out.push({
        where: `${at}.failOpen`,
        problem: `${failOpen}${p.failOpen === undefined ? " (kgateway's default)" : ''}, but failure.mode is ${settings.failOpen ? 'open' : 'closed'}: when attache is unreachable Envoy ${failOpen ? 'passes requests through unprocessed' : 'fails them'}`,
        fix: `set failOpen: ${settings.failOpen} (attache kgateway writes it)`,
      });
    }
    const timeout = p.messageTimeout === undefined ? 200 : durationMs(p.messageTimeout);
    out.push(...timingFindings(settings, timeout, `${at}.messageTimeout`));
    const declared =
      p.processingMode === undefined ? withDefaults({}) : withDefaults(kgatewayMode(p.processingMode));
    out.push(...starvedBy(declared, settings, `${at}.processingMode`));
    const maxMs = p.maxMessageTimeout === undefined ? 0 : durationMs(p.maxMessageTimeout);
    if (maxMs !== settings.maxMessageTimeoutMs) {
      out.push({
        where: `${at}.maxMessageTimeout`,
        problem: `${maxMs} ms, but envoy.maxMessageTimeoutMs is ${settings.maxMessageTimeoutMs}: attache's override_message_timeout ${maxMs < settings.maxMessageTimeoutMs ? 'is ignored' : 'is never sent'}`,
        fix: `make them equal (attache kgateway writes ${settings.maxMessageTimeoutMs === 0 ? 'none' : duration(settings.maxMessageTimeoutMs)})`,
      });
    }
    if ((p.allowProcessingModeOverride ?? false) !== settings.allowModeOverride) {
      out.push({
        where: `${at}.allowProcessingModeOverride`,
        problem: `${p.allowProcessingModeOverride ?? false}, but attache ${settings.allowModeOverride ? 'sends mode overrides' : 'sends none'} for this config`,
        fix: `set allowProcessingModeOverride: ${settings.allowModeOverride}`,
      });
    }
  }
  for (const listener of context.routes.listeners) {
    for (const vh of listener.virtualHosts) {
      for (const route of vh.routes) {
        const mode = routeMode(settings.processingMode, route);
        if (mode === null || route.extProc.kind !== 'override') continue;
        out.push(
          ...starvedBy(
            mode,
            settings,
            `${route.extProc.source}: spec.extProc.processingMode (route ${route.name})`,
          ),
        );
      }
    }
  }
  return out;
}

/** The findings of an existing bootstrap against the settings and the expected endpoints. */
function bootstrapFindings(
  doc: unknown,
  settings: ExtProcSettings,
  endpoints: readonly ListenTarget[],
  file: string,
  serverTls: boolean,
): Finding[] {
  const issues = validateBootstrap(doc);
  if (issues.length > 0) {
    return issues.map((i) => ({
      where: `${file}: ${i.path}`,
      problem: i.message,
      fix: 'Envoy refuses this config: correct the field',
    }));
  }
  const out: Finding[] = [];
  const filters = extProcFilters(doc);
  if (filters.length === 0) {
    return [
      {
        where: file,
        problem: 'no ext_proc filter: attache never runs',
        fix: 'generate the bootstrap with attache envoy',
      },
    ];
  }
  for (const { path, config } of filters) {
    const at = `${file}: ${path}`;
    const mode = modeOf(field(config, 'processing_mode'));
    out.push(...starvedBy(mode, settings, `${at}.processing_mode`));
    const failOpen = field(config, 'failure_mode_allow') === true;
    if (failOpen !== settings.failOpen) {
      out.push({
        where: `${at}.failure_mode_allow`,
        problem: `${failOpen}, but failure.mode is ${settings.failOpen ? 'open' : 'closed'}`,
        fix: `set failure_mode_allow: ${settings.failOpen}`,
      });
    }
    const timeout = jsonDurationMs(field(config, 'message_timeout')) ?? 200;
    out.push(...timingFindings(settings, timeout, `${at}.message_timeout`));
    const maxMs = jsonDurationMs(field(config, 'max_message_timeout')) ?? 0;
    if (maxMs !== settings.maxMessageTimeoutMs) {
      out.push({
        where: `${at}.max_message_timeout`,
        problem: `${maxMs} ms, but envoy.maxMessageTimeoutMs is ${settings.maxMessageTimeoutMs}`,
        fix: `set max_message_timeout: ${duration(settings.maxMessageTimeoutMs)}`,
      });
    }
    const allow = field(config, 'allow_mode_override') === true;
    const allowed = (field(config, 'allowed_override_modes') as unknown[] | undefined) ?? [];
    if (allow !== settings.allowModeOverride) {
      out.push({
        where: `${at}.allow_mode_override`,
        problem: `${allow}, but attache ${settings.allowModeOverride ? 'sends mode overrides (Envoy ignores them: every phase is sent)' : 'sends none'} for this config`,
        fix: `set allow_mode_override: ${settings.allowModeOverride} (attache envoy overrides prints both fields)`,
      });
    } else if (allow) {
      const listed = new Set(allowed.map((m) => canon(envoyMode(modeOf(m)))));
      const missing = settings.allowedOverrideModes.filter(
        (m) => !listed.has(canon(envoyMode(withDefaults(m)))),
      );
      if (allowed.length > 0 && missing.length > 0) {
        out.push({
          where: `${at}.allowed_override_modes`,
          problem: `misses ${missing.length} override${missing.length > 1 ? 's' : ''} attache sends (Envoy drops them without a word): ${missing.map((m) => canon(envoyMode(m))).join(', ')}`,
          fix: 'list every one (attache envoy overrides --config prints them)',
        });
      }
    }
    const rules = field(config, 'mutation_rules') ?? {};
    const expectedRules = settings.mutationRules;
    const got = {
      allowAllRouting: field(rules, 'allow_all_routing'),
      allowEnvoy: field(rules, 'allow_envoy'),
      disallowSystem: field(rules, 'disallow_system'),
      disallowAll: field(rules, 'disallow_all'),
      allowExpression: field(field(rules, 'allow_expression'), 'regex'),
      disallowExpression: field(field(rules, 'disallow_expression'), 'regex'),
      disallowIsError: field(rules, 'disallow_is_error'),
    };
    const differs = (Object.keys(got) as Array<keyof typeof got>).filter(
      (k) =>
        (got[k] ?? (typeof got[k] === 'string' ? '' : false)) !==
        (expectedRules[k] ?? (typeof expectedRules[k] === 'string' ? '' : false)),
    );
    if (differs.length > 0) {
      out.push({
        where: `${at}.mutation_rules`,
        problem: `differs from envoy.mutationRules in ${differs.join(', ')}: plugins are checked against other rules than Envoy applies`,
        fix: "make them equal (attache envoy writes the config's rules)",
      });
    }
    const receiving = new Set(
      (field(field(field(config, 'metadata_options'), 'receiving_namespaces'), 'untyped') as
        | string[]
        | undefined) ?? [],
    );
    for (const ns of settings.namespaces) {
      if (!receiving.has(ns.namespace)) {
        out.push({
          where: `${at}.metadata_options.receiving_namespaces.untyped`,
          problem: `misses ${ns.namespace}: Envoy drops the dynamic metadata ${list(ns.plugins)} write${ns.plugins.length > 1 ? '' : 's'}`,
          fix: `add ${ns.namespace}`,
        });
      }
    }
    if ((field(config, 'allow_content_length_header') === true) !== settings.allowContentLengthHeader) {
      out.push({
        where: `${at}.allow_content_length_header`,
        problem: `differs from envoy.allowContentLengthHeader (${settings.allowContentLengthHeader})`,
        fix: `set allow_content_length_header: ${settings.allowContentLengthHeader}`,
      });
    }
    const processorCluster = field(field(field(config, 'grpc_service'), 'envoy_grpc'), 'cluster_name');
    const clusters = (field(field(doc, 'static_resources'), 'clusters') as unknown[] | undefined) ?? [];
    const cluster = clusters.find((c) => field(c, 'name') === processorCluster);
    const listed = new Set<string>();
    for (const e of (field(field(cluster, 'load_assignment'), 'endpoints') as unknown[] | undefined) ?? []) {
      for (const lb of (field(e, 'lb_endpoints') as unknown[] | undefined) ?? []) {
        const address = field(field(lb, 'endpoint'), 'address');
        const sa = field(address, 'socket_address');
        const pipe = field(field(address, 'pipe'), 'path');
        if (sa !== undefined)
          listed.add(`${String(field(sa, 'address'))}:${String(field(sa, 'port_value'))}`);
        if (typeof pipe === 'string') listed.add(`unix:${pipe}`);
      }
    }
    for (const target of endpoints) {
      const host =
        target.kind === 'tcp'
          ? target.host === '0.0.0.0'
            ? '127.0.0.1'
            : target.host === '::'
              ? '::1'
              : target.host
          : '';
      const key = target.kind === 'unix' ? `unix:${target.path}` : `${host}:${target.port}`;
      if (!listed.has(key)) {
        out.push({
          where: `${file}: cluster ${String(processorCluster)}`,
          problem: `does not list the processor endpoint ${key}: Envoy never sends it a stream`,
          fix: 'list every endpoint of attache serve (attache envoy --processes N, or --endpoints-file)',
        });
      }
    }
    if (cluster !== undefined && (field(cluster, 'transport_socket') !== undefined) !== serverTls) {
      out.push({
        where: `${file}: cluster ${String(processorCluster)}.transport_socket`,
        problem: serverTls
          ? 'absent, but attache serves TLS (grpc.tls): Envoy speaks cleartext to it and every stream fails'
          : 'set, but attache serves cleartext HTTP/2 (no grpc.tls): every TLS handshake fails',
        fix: serverTls
          ? 'add the UpstreamTlsContext (attache envoy writes it from envoy.processorTls)'
          : 'remove it, or set grpc.tls',
      });
    }
  }
  const hcmFields = (fn: (hcm: unknown, at: string) => void) => {
    ((field(field(doc, 'static_resources'), 'listeners') as unknown[] | undefined) ?? []).forEach((l, li) => {
      ((field(l, 'filter_chains') as unknown[] | undefined) ?? []).forEach((fc, ci) => {
        ((field(fc, 'filters') as unknown[] | undefined) ?? []).forEach((f, fi) => {
          fn(
            field(f, 'typed_config'),
            `${file}: static_resources.listeners[${li}].filter_chains[${ci}].filters[${fi}].typed_config`,
          );
        });
      });
    });
  };
  hcmFields((hcm, at) => {
    const kb = (field(hcm, 'max_request_headers_kb') as number | undefined) ?? 60;
    if (kb !== settings.maxHeadersKb) {
      out.push({
        where: `${at}.max_request_headers_kb`,
        problem: `${kb}, but envoy.maxHeadersKb is ${settings.maxHeadersKb}: attache checks header mutations against another limit`,
        fix: 'make them equal',
      });
    }
    const count =
      (field(field(hcm, 'common_http_protocol_options'), 'max_headers_count') as number | undefined) ?? 100;
    if (count !== settings.maxHeadersCount) {
      out.push({
        where: `${at}.common_http_protocol_options.max_headers_count`,
        problem: `${count}, but envoy.maxHeadersCount is ${settings.maxHeadersCount}`,
        fix: 'make them equal',
      });
    }
    const filterMode =
      filters[0] === undefined
        ? settings.processingMode
        : modeOf(field(filters[0].config, 'processing_mode'));
    for (const [vi, vh] of (
      (field(field(hcm, 'route_config'), 'virtual_hosts') as unknown[] | undefined) ?? []
    ).entries()) {
      for (const [ri, r] of ((field(vh, 'routes') as unknown[] | undefined) ?? []).entries()) {
        const per = field(field(r, 'typed_per_filter_config'), 'envoy.filters.http.ext_proc');
        if (per === undefined || field(per, '@type') !== typeUrl(TYPES.extProcPerRoute)) continue;
        const overrides = field(field(per, 'overrides'), 'processing_mode');
        if (overrides === undefined) continue;
        const raw = overrides as Record<string, unknown>;
        const merged = { ...filterMode };
        const m = modeOf(raw);
        for (const k of Object.keys(merged) as Array<keyof ProcessingModeConfig>) {
          const snake = k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
          if (field(raw, snake) !== undefined) (merged as Record<string, string>)[k] = m[k];
        }
        out.push(
          ...starvedBy(
            merged,
            settings,
            `${at}.route_config.virtual_hosts[${vi}].routes[${ri}].typed_per_filter_config.envoy.filters.http.ext_proc.overrides.processing_mode`,
          ),
        );
      }
    }
  });
  const admin = field(field(field(doc, 'admin'), 'address'), 'socket_address');
  const adminHost = field(admin, 'address');
  if (typeof adminHost === 'string' && !/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(adminHost)) {
    out.push({
      where: `${file}: admin.address.socket_address.address`,
      problem: `${adminHost}: Envoy's admin interface (which can stop Envoy) is reachable from outside`,
      fix: 'bind it to 127.0.0.1',
    });
  }
  const layers = (field(field(doc, 'layered_runtime'), 'layers') as unknown[] | undefined) ?? [];
  if (!layers.some((l) => field(field(l, 'static_layer'), GRACEFUL_CLOSE_FLAG) === true)) {
    out.push({
      where: `${file}: layered_runtime`,
      problem: `no ${GRACEFUL_CLOSE_FLAG}: Envoy resets every ext_proc stream, and on Node 20 or with grpc.transport: grpc-js Node's HTTP/2 reset limiter answers with a GOAWAY about every 1,000 streams`,
      fix: `add a static layer with ${GRACEFUL_CLOSE_FLAG}: true`,
    });
  }
  return out;
}

/** Runs the check. */
export async function runCheck(context: GenerationContext, input: CheckInput): Promise<CheckReport> {
  const { settings, loaded } = context;
  const findings: Finding[] = [];
  if (loaded.config.envoy.processingMode !== undefined) {
    findings.push(...starvedBy(settings.processingMode, settings, `${loaded.file}: envoy.processingMode`));
  }
  findings.push(
    ...timingFindings(
      settings,
      settings.messageTimeoutMs,
      `${loaded.file}: ${loaded.config.envoy.messageTimeoutMs === undefined ? 'timeouts (message_timeout derived from timeouts.messageMs)' : 'envoy.messageTimeoutMs'}`,
    ),
  );
  findings.push(...resourceFindings(context));
  if (input.bootstrap !== undefined) {
    const endpoints = await processorEndpoints({
      address: loaded.config.grpc.address,
      configProcesses: loaded.config.grpc.processes,
      processes: input.endpoints.processes,
      endpointsFile: input.endpoints.endpointsFile,
      where: `${loaded.file}: grpc.address`,
    });
    findings.push(
      ...bootstrapFindings(
        input.bootstrap,
        settings,
        endpoints,
        input.bootstrapFile ?? 'bootstrap',
        loaded.config.grpc.tls !== undefined,
      ),
    );
  } else {
    // The generated bootstrap must itself pass (it is validated as it is built).
    await envoyFor(context, input.endpoints);
  }
  const text =
    findings.length === 0
      ? `attache check: ${loaded.file}${input.bootstrapFile === undefined ? '' : ` and ${input.bootstrapFile}`}: no disagreement\n`
      : `${findings.map((f) => `${f.where}: ${f.problem}\n  fix: ${f.fix}`).join('\n')}\nattache check: ${findings.length} disagreement${findings.length > 1 ? 's' : ''}\n`;
  return { findings, text };
}
