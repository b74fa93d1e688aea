/**
 * gRPC's own client stacks as test peers, run as child processes: the C core (the core of
 * Envoy's `google_grpc` client) through Debian's Python grpcio, and grpc-go built from Debian's
 * sources. Both run the same JSON scenario (test/peers/grpc-core-peer.py describes it) and
 * answer with one result per step; each is skipped with a one-line reason when missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { goBuild, goUnavailable } from '../../bench/lib/go-build.mjs';

const PEERS_DIR = path.resolve(fileURLToPath(import.meta.url), '../../peers');

/** Debian's interpreter: the pyenv `python3` on PATH has no grpcio. */
const SYSTEM_PYTHON = '/usr/bin/python3';

/** One action of a `stream` step, in order. */
export type StreamAction =
  | { readonly send: string }
  | { readonly recv: number }
  | { readonly halfClose: true }
  | { readonly cancel: true }
  | { readonly event: string };

/** One step of a scenario; messages are hex. */
export type PeerStep =
  | {
      readonly call: 'stream';
      readonly path: string;
      readonly timeoutMs?: number;
      readonly compress?: boolean;
      readonly actions: readonly StreamAction[];
    }
  | { readonly call: 'unary'; readonly path: string; readonly message: string; readonly timeoutMs?: number }
  | {
      readonly call: 'serverStream';
      readonly path: string;
      readonly message: string;
      readonly replies: number;
    }
  | {
      readonly call: 'many';
      readonly path: string;
      readonly messages: readonly string[];
      readonly count: number;
      readonly concurrency: number;
    }
  | { readonly call: 'sleep'; readonly ms: number }
  | { readonly call: 'event'; readonly name: string };

/** A scenario: the steps run in order on one channel to `target`. */
export interface PeerScenario {
  /** `host:port` or `unix:/abs/path`. */
  readonly target: string;
  /** PEM texts; `cert` and `key` for mTLS. */
  readonly tls?: { readonly ca: string; readonly cert?: string; readonly key?: string };
  /** C core channel arguments (`grpc.keepalive_time_ms`...); the Go peer ignores them. */
  readonly channelArgs?: Readonly<Record<string, number | string>>;
  readonly steps: readonly PeerStep[];
}

/** How a call ended: gRPC code name (`OK`, `DEADLINE_EXCEEDED`...), details, trailers, replies. */
export interface CallResult {
  readonly code: string;
  readonly details: string;
  readonly trailers: Readonly<Record<string, string>>;
  /** Hex. */
  readonly replies: readonly string[];
  readonly ms: number;
}

/** A `many` step: calls per status code, and calls per reply sequence (hex replies joined by `,`). */
export interface ManyResult {
  readonly codes: Readonly<Record<string, number>>;
  readonly outputs: Readonly<Record<string, number>>;
  readonly ms: number;
}

/** A peer: its name, why it cannot run here (or null), and how to run a scenario on it. */
export interface GrpcPeer {
  readonly name: 'grpc-core' | 'grpc-go';
  readonly unavailable: string | null;
  /**
   * Runs `scenario`; `onEvent` is awaited at each `event` the scenario reaches, and the peer
   * goes on when it settles. Resolves with one result per step; rejects with the peer's stderr
   * when it fails or takes more than `timeoutMs` (default 30 s).
   */
  run(
    scenario: PeerScenario,
    onEvent?: (name: string) => Promise<void> | void,
    timeoutMs?: number,
  ): Promise<unknown[]>;
}

function pythonGrpcUnavailable(): string | null {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import grpc'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0
    ? null
    : `no grpcio for ${SYSTEM_PYTHON} (Debian: apt-get install python3-grpcio)`;
}

/** Spawns `command`, feeds it the scenario, answers its events, parses its last line. */
function runChild(
  command: string,
  args: readonly string[],
  scenario: PeerScenario,
  onEvent: (name: string) => Promise<void> | void,
  timeoutMs: number,
): Promise<unknown[]> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.write(`${JSON.stringify(scenario)}\n`);
  return new Promise((resolve, reject) => {
    let results: unknown[] | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(command)} took over ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const parsed = JSON.parse(line) as { event?: string; results?: unknown[] };
      if (parsed.results !== undefined) results = parsed.results;
      else if (parsed.event !== undefined) {
        Promise.resolve(onEvent(parsed.event)).then(
          () => child.stdin.write('\n'),
          (error: unknown) => {
            child.kill('SIGKILL');
            reject(error);
          },
        );
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && results !== undefined) resolve(results);
      else reject(new Error(`${path.basename(command)} exited ${code}:\n${stderr}`));
    });
  });
}

function peer(
  name: GrpcPeer['name'],
  unavailable: string | null,
  command: () => Promise<[string, string[]]>,
): GrpcPeer {
  return {
    name,
    unavailable,
    async run(scenario, onEvent = () => undefined, timeoutMs = 30_000) {
      const [binary, args] = await command();
      return runChild(binary, args, scenario, onEvent, timeoutMs);
    },
  };
}

/** The C core through Python's grpcio (grpc.aio). */
export const grpcCorePeer: GrpcPeer = peer('grpc-core', pythonGrpcUnavailable(), async () => [
  SYSTEM_PYTHON,
  [path.join(PEERS_DIR, 'grpc-core-peer.py')],
]);

/** grpc-go, built once per source version (cached by bench/lib/go-build.mjs). */
export const grpcGoPeer: GrpcPeer = peer('grpc-go', goUnavailable(), async () => [
  await goBuild(path.join(PEERS_DIR, 'grpc-go-peer')),
  [],
]);

/** Both peers. */
export const GRPC_PEERS: readonly GrpcPeer[] = [grpcCorePeer, grpcGoPeer];
