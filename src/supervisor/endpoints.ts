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

const UNIX = 'unix:';

/**
 * The address of each of `count` processes for the configured `address`: `host:port` gives ports
 * `port, port+1, …` (port 0: each process picks a free one, so every address keeps port 0); a
 * `unix:` address (`unix:/path` or `unix:///path`) gives the sockets `path.0, path.1, …`.
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
  if (address.startsWith(UNIX)) {
    if (address.length === UNIX.length || address.endsWith('/')) {
      throw new AttacheError(ErrorCode.CONFIG_INVALID, `${where}: ${address} names no socket file`);
    }
    return Array.from({ length: count }, (_, i) => `${address}.${i}`);
  }
  const colon = address.lastIndexOf(':');
  const portText = address.slice(colon + 1);
  if (colon <= 0 || !/^\d{1,5}$/.test(portText) || Number(portText) > 65_535) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${where}: expected host:port or unix:path, got ${JSON.stringify(address)}`,
    );
  }
  const host = address.slice(0, colon);
  const port = Number(portText);
  if (port === 0) return Array.from({ length: count }, () => `${host}:0`);
  const last = port + count - 1;
  if (last > 65_535) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${where}: ${count} processes need the ports ${port}-${last}, past 65535; use a lower port or fewer processes`,
    );
  }
  return Array.from({ length: count }, (_, i) => `${host}:${port + i}`);
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
