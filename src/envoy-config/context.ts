/**
 * Loads what every generator and `attache check` start from: the config, its plugins set up (to
 * learn what they read), the derived ext_proc settings and the route table.
 *
 * @module
 */
import path from 'node:path';
import { type LoadedConfig, loadConfig } from '../config/load-config.js';
import { toServerOptions } from '../config/to-server-options.js';
import { AttacheError, ErrorCode } from '../errors.js';
import { silentLogger } from '../log.js';
import { createProcessor, pipelineOf } from '../processor.js';
import { parseListenAddress } from '../server/listen-address.js';
import { loadRouteResources, type RouteResources } from './gateway/load.js';
import { translateRoutes } from './gateway/translate.js';
import type { HostPort, RouteTable } from './route-table.js';
import { singleUpstreamTable } from './route-table.js';
import { type ExtProcSettings, extProcSettings } from './settings.js';

/** Defaults of the config's `envoy.listen` and `envoy.admin`. */
export const DEFAULT_LISTEN = '127.0.0.1:10000';
export const DEFAULT_ADMIN = '127.0.0.1:9901';

/** Everything loaded. */
export interface GenerationContext {
  readonly loaded: LoadedConfig;
  readonly settings: ExtProcSettings;
  readonly routes: RouteTable;
  /** The parsed route resources (`null` without `envoy.routes`). */
  readonly resources: RouteResources | null;
  readonly admin: HostPort;
  /** Problems found while translating (kgateway fields attache overrides...), for `attache check`. */
  readonly notes: readonly string[];
}

/** A `host:port` the schema already checked. */
export function hostPort(address: string): HostPort {
  const target = parseListenAddress(address);
  if (target.kind !== 'tcp') throw new Error(`expected host:port, got ${address}`);
  return { host: target.host, port: target.port };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * Loads the config, sets its plugins up (then closes them) and builds the settings and routes.
 *
 * @throws AttacheError naming file and field for a bad config, bad route resources, a missing
 *   upstream or a non-loopback admin address.
 */
export async function loadContext(file: string): Promise<GenerationContext> {
  const loaded = await loadConfig(file);
  const processor = await createProcessor(await toServerOptions(loaded, silentLogger));
  let settings: ExtProcSettings;
  try {
    settings = extProcSettings(loaded, pipelineOf(processor));
  } finally {
    await processor.close();
  }
  const { envoy } = loaded.config;
  const admin = hostPort(envoy.admin ?? DEFAULT_ADMIN);
  if (!LOOPBACK.test(admin.host)) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${loaded.file}: envoy.admin: ${admin.host} is not a loopback address; Envoy's admin interface can stop Envoy and must not be reachable from outside`,
    );
  }
  const listen = hostPort(envoy.listen ?? DEFAULT_LISTEN);
  if (envoy.routes === undefined) {
    if (envoy.upstream === undefined) {
      throw new AttacheError(
        ErrorCode.CONFIG_INVALID,
        `${loaded.file}: envoy: give envoy.upstream (host:port every request goes to) or envoy.routes (Gateway API resources)`,
      );
    }
    return {
      loaded,
      settings,
      routes: singleUpstreamTable(listen, hostPort(envoy.upstream)),
      resources: null,
      admin,
      notes: [],
    };
  }
  const resources = await loadRouteResources(
    path.resolve(loaded.dir, envoy.routes),
    envoy.routes,
    `${loaded.file}: envoy.routes`,
  );
  const { table, notes } = translateRoutes(resources, {
    listenHost: listen.host,
    backends: envoy.backends ?? {},
    where: `${loaded.file}: envoy.backends`,
  });
  return { loaded, settings, routes: table, resources, admin, notes };
}
