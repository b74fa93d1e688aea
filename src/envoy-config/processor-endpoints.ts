/**
 * The processor endpoints a generated config lists: those of `attache serve --processes N` for the
 * config's `grpc.address`, or the ones an `--endpoints-file` of a running serve names.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { AttacheError, ErrorCode } from '../errors.js';
import { type ListenTarget, parseListenAddress } from '../server/listen-address.js';
import { endpointAddresses } from '../supervisor/endpoints.js';

/** Where the endpoints come from. */
export interface EndpointSource {
  /** The config's `grpc.address`. */
  readonly address: string;
  /** The config's `grpc.processes`. */
  readonly configProcesses?: number;
  /** `--processes`, which wins over the config, as for `attache serve`. */
  readonly processes?: number;
  /** `--endpoints-file` of a running `attache serve`: its addresses are listed as they are. */
  readonly endpointsFile?: string;
  /** Names the address setting in errors. */
  readonly where: string;
}

/** The endpoints of a `serve`-written endpoints file (`{ version: 1, transport, endpoints }`). */
export async function readEndpointsFile(file: string): Promise<string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${file}: cannot read the endpoints: ${(error as Error).message}`,
    );
  }
  const p = parsed as { version?: unknown; endpoints?: unknown };
  if (p?.version !== 1 || !Array.isArray(p.endpoints) || p.endpoints.length === 0) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${file}: expected { "version": 1, "endpoints": [{ "worker", "address" }, ...] } as attache serve --endpoints-file writes it`,
    );
  }
  return p.endpoints.map((e: unknown, i: number) => {
    const address = (e as { address?: unknown })?.address;
    if (typeof address !== 'string') {
      throw new AttacheError(ErrorCode.CONFIG_INVALID, `${file}: endpoints[${i}].address: expected a string`);
    }
    return address;
  });
}

/**
 * The processor endpoints, as `attache serve` with the same config and process count listens on
 * them (its default count is this machine's available parallelism, as for serve).
 *
 * @throws AttacheError for port 0 (each process picks its port: give an endpoints file), or an
 *   unreadable endpoints file.
 */
export async function processorEndpoints(source: EndpointSource): Promise<ListenTarget[]> {
  let addresses: string[];
  let where = source.where;
  if (source.endpointsFile !== undefined) {
    addresses = await readEndpointsFile(source.endpointsFile);
    where = source.endpointsFile;
  } else {
    const count = source.processes ?? source.configProcesses ?? availableParallelism();
    addresses = endpointAddresses(source.address, count, source.where);
  }
  return addresses.map((address) => {
    let target: ListenTarget;
    try {
      target = parseListenAddress(address);
    } catch (error) {
      throw new AttacheError(ErrorCode.CONFIG_INVALID, `${where}: ${(error as Error).message}`);
    }
    if (target.kind === 'tcp' && target.port === 0) {
      throw new AttacheError(
        ErrorCode.CONFIG_INVALID,
        `${where}: port 0 (each process picks a free port): run attache serve --endpoints-file and generate with --endpoints-file`,
      );
    }
    return target;
  });
}
