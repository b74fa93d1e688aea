/**
 * Envoy's v3 API types, from the descriptor set `npm run gen:envoy-api` builds into
 * `envoy/api/envoy-api.binpb` (Bootstrap and all it reaches, the HTTP connection manager, the
 * router, the ext_proc filter at Envoy 1.37+, the upstream HTTP protocol options).
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createFileRegistry, type FileRegistry, fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { AttacheError, ErrorCode } from '../errors.js';

/** `src/envoy-config/` and `dist/src/envoy-config/` sit at different depths below the package. */
const CANDIDATES = ['../../envoy/api/envoy-api.binpb', '../../../envoy/api/envoy-api.binpb'];

let registry: FileRegistry | undefined;

/** The registry of Envoy's API types, loaded once. */
export function envoyApi(): FileRegistry {
  if (registry !== undefined) return registry;
  const file = CANDIDATES.map((c) => fileURLToPath(new URL(c, import.meta.url))).find((f) => existsSync(f));
  if (file === undefined) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      'envoy/api/envoy-api.binpb is missing from the package (run npm run gen:envoy-api)',
    );
  }
  registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(file)));
  return registry;
}

/** Type URL prefix of every `@type` Envoy reads. */
export const TYPE_URL_PREFIX = 'type.googleapis.com/';

/** The type names a generated bootstrap uses. */
export const TYPES = {
  bootstrap: 'envoy.config.bootstrap.v3.Bootstrap',
  hcm: 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  router: 'envoy.extensions.filters.http.router.v3.Router',
  extProc: 'envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor',
  extProcPerRoute: 'envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute',
  httpProtocolOptions: 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
  upstreamTls: 'envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
} as const;

/** `type.googleapis.com/<name>`. */
export const typeUrl = (name: string): string => `${TYPE_URL_PREFIX}${name}`;
