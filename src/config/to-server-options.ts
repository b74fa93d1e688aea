/**
 * From a validated config to `createServer` options: plugins resolved, settings mapped.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import { registeredTracerProvider } from '../observe/tracing/tracing-option.js';
import type { PipelineEntry } from '../pipeline/pipeline.js';
import type { ServerOptions } from '../server/create-server.js';
import type { LoadedConfig } from './load-config.js';
import { resolvePlugin } from './resolve-plugin.js';
import { readTlsFiles } from './tls-files.js';

/**
 * Resolves every plugin of a loaded config and returns the server options. Plugin files are
 * imported afresh only when their content changed since their last import (see `resolvePlugin`).
 */
export async function toServerOptions(loaded: LoadedConfig, log: Logger): Promise<ServerOptions> {
  const { config, file, dir } = loaded;
  if (config.tracing.enabled === 'on' && registeredTracerProvider() === null) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${file}: tracing.enabled: on, but no OpenTelemetry tracer provider is registered: start attache with node --import ./otel.mjs (README, Tracing), or set tracing.enabled to auto`,
    );
  }
  const plugins: PipelineEntry[] = [];
  for (const [i, entry] of config.plugins.entries()) {
    const plugin = await resolvePlugin(entry.use, dir, `${file}: plugins[${i}].use`);
    plugins.push({
      plugin,
      options: entry.options,
      name: entry.name,
      failure: entry.failure,
      timeoutMs: entry.timeoutMs,
      match: entry.match,
    });
  }
  return {
    plugins,
    address: config.grpc.address,
    maxMessageBytes: config.grpc.maxMessageBytes,
    transport: config.grpc.transport,
    tls: config.grpc.tls === undefined ? undefined : await readTlsFiles(config.grpc.tls, file, dir),
    keepalive: config.grpc.keepalive,
    failure: config.failure.mode,
    failureStatus: config.failure.status,
    timeoutMs: config.timeouts.handlerMs,
    messageTimeoutMs: config.timeouts.messageMs,
    setupTimeoutMs: config.timeouts.setupMs,
    shutdownGraceMs: config.timeouts.shutdownGraceMs,
    drainDelayMs: config.timeouts.drainDelayMs,
    strayErrors: config.strayErrors,
    mutationRules: config.envoy.mutationRules,
    maxMessageTimeoutMs: config.envoy.maxMessageTimeoutMs,
    allowContentLengthHeader: config.envoy.allowContentLengthHeader,
    allowModeOverride: config.envoy.allowModeOverride,
    processingMode: config.envoy.processingMode,
    processingModeWhere: `${file}: envoy.processingMode`,
    // A config that names its routes or upstream is the source of a generated Envoy side
    // (attache envoy / kgateway / envoy-gateway): the filter sends what those derive. Without
    // them the filter is hand-written and only what envoy.processingMode declares is known.
    processingModeDerived: config.envoy.routes !== undefined || config.envoy.upstream !== undefined,
    maxHeadersCount: config.envoy.maxHeadersCount,
    maxHeadersKb: config.envoy.maxHeadersKb,
    maxBodyBytes: config.body.maxBytes,
    workers: config.workers,
    where: `${file}: plugins`,
    tracing: config.tracing.enabled === 'off' ? false : config.tracing.enabled,
    log,
  };
}
