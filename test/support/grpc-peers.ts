/**
 * gRPC's own client stacks as test peers, run as child processes: the C core (the core of
 * Envoy's `google_grpc` client) through Debian's Python grpcio, and grpc-go built from Debian's
 * sources. Both run the same JSON scenario (test/peers/grpc-core-peer.py describes it) and
 * answer with one result per step; each is skipped with a one-line reason when missing.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
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
      /** Call i sends metadata `x-seq: i` and `x-pad`: `i-` repeated to this many characters. */
      readonly metadataPad?: number;
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

/** One running peer process, which runs scenarios one after the other. */
export interface PeerSession {
  /**
   * Runs `scenario`; `onEvent` is awaited at each `event` the scenario reaches, and the peer
   * goes on when it settles. Resolves with one result per step; rejects with the peer's stderr
   * when it fails or takes more than `timeoutMs` (default 30 s; the process is killed, and the
   * next run starts another).
   */
  run(
    scenario: PeerScenario,
    onEvent?: (name: string) => Promise<void> | void,
    timeoutMs?: number,
  ): Promise<unknown[]>;
  /** Ends the process (it exits at the end of its stdin) and waits for it. */
  close(): Promise<void>;
}

/** A peer: its name, why it cannot run here (or null), and how to start it. */
export interface GrpcPeer {
  readonly name: 'grpc-core' | 'grpc-go';
  readonly unavailable: string | null;
  /** A session: the process starts at its first run (Python and grpcio take ~0.4 s). */
  session(): PeerSession;
}

function pythonGrpcUnavailable(): string | null {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import grpc'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0
    ? null
    : `no grpcio for ${SYSTEM_PYTHON} (Debian: apt-get install python3-grpcio)`;
}

/** The run in progress on a session. */
interface Pending {
  readonly resolve: (results: unknown[]) => void;
  readonly reject: (error: Error) => void;
  readonly onEvent: (name: string) => Promise<void> | void;
  readonly timer: NodeJS.Timeout;
}

class PeerProcess implements PeerSession {
  readonly #command: () => Promise<[string, string[]]>;
  #child: ChildProcessWithoutNullStreams | null = null;
  #stderr = '';
  #pending: Pending | null = null;

  constructor(command: () => Promise<[string, string[]]>) {
    this.#command = command;
  }

  async run(
    scenario: PeerScenario,
    onEvent: (name: string) => Promise<void> | void = () => undefined,
    timeoutMs = 30_000,
  ): Promise<unknown[]> {
    if (this.#pending !== null) throw new Error('a peer session runs one scenario at a time');
    const child = this.#child ?? (await this.#spawn());
    this.#stderr = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#fail(new Error(`the peer took over ${timeoutMs} ms:\n${this.#stderr}`));
        child.kill('SIGKILL');
      }, timeoutMs);
      this.#pending = { resolve, reject, onEvent, timer };
      child.stdin.write(`${JSON.stringify(scenario)}\n`);
    });
  }

  async #spawn(): Promise<ChildProcessWithoutNullStreams> {
    const [command, args] = await this.#command();
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child = child;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderr += chunk;
    });
    child.stdin.on('error', () => {}); // a peer that died: 'close' reports it
    createInterface({ input: child.stdout }).on('line', (line) => this.#line(child, line));
    child.on('close', (code) => {
      if (this.#child === child) this.#child = null;
      this.#fail(new Error(`${path.basename(command)} exited ${code}:\n${this.#stderr}`));
    });
    return child;
  }

  #line(child: ChildProcessWithoutNullStreams, line: string): void {
    const pending = this.#pending;
    if (pending === null) return;
    const parsed = JSON.parse(line) as { event?: string; results?: unknown[] };
    if (parsed.results !== undefined) {
      clearTimeout(pending.timer);
      this.#pending = null;
      pending.resolve(parsed.results);
    } else if (parsed.event !== undefined) {
      Promise.resolve(pending.onEvent(parsed.event)).then(
        () => child.stdin.write('\n'),
        (error: unknown) => {
          this.#fail(error as Error);
          child.kill('SIGKILL');
        },
      );
    }
  }

  #fail(error: Error): void {
    const pending = this.#pending;
    if (pending === null) return;
    clearTimeout(pending.timer);
    this.#pending = null;
    pending.reject(error);
  }

  async close(): Promise<void> {
    const child = this.#child;
    if (child === null) return;
    const exited = new Promise((resolve) => child.once('close', resolve));
    child.stdin.end();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(kill);
  }
}

function peer(
  name: GrpcPeer['name'],
  unavailable: string | null,
  command: () => Promise<[string, string[]]>,
): GrpcPeer {
  return { name, unavailable, session: () => new PeerProcess(command) };
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
