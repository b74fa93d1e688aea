/**
 * The names of the ext_proc gRPC service, shared by the server transport and the test kit.
 *
 * @module
 */

/** Fully qualified ext_proc service name (also the gRPC health service name). */
export const EXT_PROC_SERVICE = 'envoy.service.ext_proc.v3.ExternalProcessor';

/**
 * The path of the service's one RPC, `Process` (a bidi stream), as it appears in the HTTP/2
 * `:path` of every call Envoy opens.
 *
 * @example
 * ```ts
 * client.makeBidiStreamRequest(PROCESS_PATH, serialize, deserialize, metadata);
 * ```
 */
export const PROCESS_PATH = `/${EXT_PROC_SERVICE}/Process`;
