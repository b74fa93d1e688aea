/**
 * Listen addresses: `host:port` (`[v6]:port`) or a Unix domain socket (`unix:path`,
 * `unix:///abs/path`, gRPC's spelling), and making a socket path free to bind.
 *
 * @module
 */
import { lstat, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/** Where a transport listens. @internal */
export type ListenTarget =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'unix'; readonly path: string };

const HOST_PORT = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]/]+)):(\d{1,5})$/;

/** What an address must look like, for error messages. @internal */
export const ADDRESS_FORMS = 'host:port (e.g. 127.0.0.1:50051 or [::1]:50051) or unix:/path/to.sock';

/**
 * Parses a listen address; a relative socket path resolves against the working directory, as
 * gRPC's `unix:path` does. Throws an `Error` saying what was expected.
 * @internal
 */
export function parseListenAddress(address: string): ListenTarget {
  if (address.startsWith('unix:')) {
    let file = address.slice('unix:'.length);
    if (file.startsWith('//')) {
      file = file.slice(2);
      if (!file.startsWith('/')) {
        throw new Error(
          `unix:// takes an absolute path (unix:///run/x.sock), got ${JSON.stringify(address)}`,
        );
      }
    }
    if (file === '' || file.includes('\0')) {
      throw new Error(`expected a socket path after unix:, got ${JSON.stringify(address)}`);
    }
    return { kind: 'unix', path: path.resolve(file) };
  }
  const match = HOST_PORT.exec(address);
  const port = Number(match?.[3]);
  if (match === null) throw new Error(`expected ${ADDRESS_FORMS}, got ${JSON.stringify(address)}`);
  if (port > 65535) {
    throw new Error(
      `port ${port} is out of range (0-65535; 0 picks a free one), in ${JSON.stringify(address)}`,
    );
  }
  return { kind: 'tcp', host: (match[1] ?? match[2]) as string, port };
}

/** How a bound target is reported: `unix:/abs/path`, or `host:port` with the bound port. @internal */
export function formatListenTarget(target: ListenTarget, port: number): string {
  if (target.kind === 'unix') return `unix:${target.path}`;
  return target.host.includes(':') ? `[${target.host}]:${port}` : `${target.host}:${port}`;
}

/** Resolves with whether something accepts connections on the socket at `file`. */
function accepting(file: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(file);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      // ECONNREFUSED: a socket file nobody listens on (its server died without removing it).
      if (error.code === 'ECONNREFUSED') resolve(false);
      else reject(error);
    });
  });
}

/**
 * Makes `file` free for a Unix socket server: nothing there, or a stale socket file left by a
 * process that died (nothing accepts on it), which is removed. A live socket, or a file that is
 * not a socket, is left alone and reported as an `Error`.
 * @internal
 */
export async function freeSocketPath(file: string): Promise<void> {
  let stats: Awaited<ReturnType<typeof lstat>>;
  try {
    stats = await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!stats.isSocket()) throw new Error(`${file} exists and is not a socket; not replacing it`);
  if (await accepting(file)) throw new Error(`another server is listening on ${file}`);
  try {
    await unlink(file);
  } catch (error) {
    // Someone else removed it meanwhile: as good.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
