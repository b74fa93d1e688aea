/**
 * The endpoints of `attache serve --processes N`: one address per process, derived from the
 * configured one, and the machine-readable list of them (`--endpoints-file`).
 *
 * Envoy holds one HTTP/2 connection per worker thread to each endpoint and balances streams over
 * the endpoints, not over connections; processes sharing one port would get the connections, and
 * so the load, unevenly. Each process therefore gets its own port (or socket).
 *
 * @module
 */
import { rename, writeFile } from 'node:fs/promises';
import { AttacheError, ErrorCode } from '../errors.js';
import { formatListenTarget, type ListenTarget, parseListenAddress } from '../server/listen-address.js';

/**
 * The address of each of `count` processes for the configured `address`: `host:port` gives ports
 * `port, port+1, …` (port 0: each process picks a free one, so every address keeps port 0); a
 * `unix:` address (`unix:/path` or `unix:///path`) gives the sockets `path.0, path.1, …` (a
 * relative path resolved against the working directory, as the server resolves it).
 * `where` names the setting in errors (`attache.yaml: grpc.address`).
 *
 * @throws AttacheError `CONFIG_INVALID` when the ports would pass 65535, or the address is not
 *   `host:port` / `unix:path`.
 */
export function endpointAddresses(address: string, count: number, where: string): string[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `process count must be a positive integer, got ${count}`,
    );
  }
  let target: ListenTarget;
  try {
    target = parseListenAddress(address);
  } catch (error) {
    throw new AttacheError(ErrorCode.CONFIG_INVALID, `${where}: ${(error as Error).message}`);
  }
  if (target.kind === 'unix') {
    if (address.endsWith('/')) {
      throw new AttacheError(ErrorCode.CONFIG_INVALID, `${where}: ${address} names no socket file`);
    }
    return Array.from({ length: count }, (_, i) => `unix:${target.path}.${i}`);
  }
  const { port } = target;
  // formatListenTarget keeps an IPv6 host bracketed.
  if (port === 0) return Array.from({ length: count }, () => formatListenTarget(target, 0));
  const last = port + count - 1;
  if (last > 65_535) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${where}: ${count} processes need the ports ${port}-${last}, past 65535; use a lower port or fewer processes`,
    );
  }
  return Array.from({ length: count }, (_, i) => formatListenTarget(target, port + i));
}

/** One entry of the endpoints file. */
export interface Endpoint {
  /** The process's index, as its log lines carry it (`worker`). */
  readonly worker: number;
  /** The address it listens on: `host:port` with the bound port, or `unix:path`. */
  readonly address: string;
}

/** What `--endpoints-file` holds. */
export interface EndpointsFile {
  /** Bumped on an incompatible change of this shape. */
  readonly version: 1;
  /** The transport every endpoint speaks (`http2`, `grpc-js`); both are gRPC over HTTP/2. */
  readonly transport: string;
  readonly endpoints: readonly Endpoint[];
}

/**
 * Writes the endpoints file as JSON, replacing any earlier one at once (a reader never sees a
 * half-written file): written beside it, then renamed over it.
 */
export async function writeEndpointsFile(
  file: string,
  transport: string,
  endpoints: readonly Endpoint[],
): Promise<void> {
  const content: EndpointsFile = { version: 1, transport, endpoints };
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`);
    await rename(temporary, file);
  } catch (error) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `--endpoints-file: cannot write ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
