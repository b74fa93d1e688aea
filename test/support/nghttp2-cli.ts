/**
 * nghttp2's own command-line tools as test clients (Debian's `nghttp2-client`): `nghttp` for one
 * connection whose every frame it logs, `h2load` for many streams. They share nghttp2, the
 * HTTP/2 library of Envoy's codec, so a server that satisfies them talks to Envoy the same way.
 *
 * `nghttp -v` writes its frame log and the response bodies to the same stdout, interleaved;
 * {@link runNghttp} separates them and checks the body it kept against the DATA lengths the log
 * reports, so a log it misread fails the test instead of passing it.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `binary` runs (`--version`); false when it is not on PATH. */
export function onPath(binary: string): boolean {
  const run = spawnSync(binary, ['--version'], { stdio: 'ignore' });
  return run.error === undefined && run.status === 0;
}

/** One frame in nghttp's log. */
export interface LoggedFrame {
  readonly direction: 'send' | 'recv';
  readonly type: string;
  readonly length: number;
  readonly flags: number;
  readonly id: number;
  /** The indented lines nghttp prints under the frame (settings, error codes, header fields). */
  readonly detail: string;
}

/** A header block received on a stream, in order. */
export interface ReceivedBlock {
  readonly fields: ReadonlyArray<readonly [string, string]>;
  readonly endStream: boolean;
}

/** What one `nghttp -v` run saw. */
export interface NghttpRun {
  readonly frames: readonly LoggedFrame[];
  /** Received header blocks by stream id: the response headers first, then trailers. */
  readonly blocks: ReadonlyMap<number, readonly ReceivedBlock[]>;
  /** Every response body byte, in arrival order (one stream's reply whole when there is one). */
  readonly body: Buffer;
  /** ALPN's choice over TLS (`The negotiated protocol:`), undefined in cleartext. */
  readonly protocol: string | undefined;
  /** stdout without the body bytes, and stderr: for failure messages. */
  readonly log: string;
}

/** The error code of GOAWAY or RST_STREAM frames (e.g. `NO_ERROR`), by direction. */
export function errorCodes(
  run: NghttpRun,
  type: 'GOAWAY' | 'RST_STREAM',
  direction: 'send' | 'recv',
): string[] {
  return run.frames
    .filter((f) => f.type === type && f.direction === direction)
    .map((f) => /error_code=(\w+)/.exec(f.detail)?.[1] ?? '?');
}

/** The response headers of stream `id` (its first block) as a map. */
export function responseHeaders(run: NghttpRun, id: number): Map<string, string> {
  return new Map(run.blocks.get(id)?.[0]?.fields ?? []);
}

/** The trailers of stream `id` (a second block ending the stream), or undefined. */
export function trailers(run: NghttpRun, id: number): Map<string, string> | undefined {
  const blocks = run.blocks.get(id) ?? [];
  const last = blocks[blocks.length - 1];
  return blocks.length > 1 && last?.endStream ? new Map(last.fields) : undefined;
}

// A log entry: "[  0.015] recv HEADERS frame <...>" and its indented lines (10 spaces each).
const ENTRY = /\[ *\d+\.\d{3}\] ([^\n]*)\n((?: {10}[^\n]*\n)*)/g;
// Lines nghttp prints without a timestamp.
const NOTE =
  /(?:The negotiated protocol: [^\n]*|\[(?:WARNING|ERROR)\] [^\n]*|Some requests were not processed[^\n]*)\n/g;
const FRAME = /^(send|recv) (\w+) frame <length=(\d+), flags=0x([0-9a-f]+), stream_id=(\d+)>$/;
const FIELD = /^recv \(stream_id=(\d+)\) (:?[^:]+): (.*)$/;

/** Splits `nghttp -v` stdout (read as latin1, one char per byte) into its log and the body bytes. */
export function parseNghttp(stdout: string, stderr = ''): NghttpRun {
  const frames: LoggedFrame[] = [];
  const blocks = new Map<number, ReceivedBlock[]>();
  let pending: Array<[string, string]> = [];
  let protocol: string | undefined;
  for (const note of stdout.matchAll(NOTE)) {
    const alpn = /^The negotiated protocol: (.*)\n$/.exec(note[0]);
    if (alpn !== null) protocol = alpn[1];
  }
  const withoutNotes = stdout.replace(NOTE, '');
  const body = withoutNotes.replace(ENTRY, (_entry, line: string, detail: string) => {
    const field = FIELD.exec(line);
    if (field !== null) {
      pending.push([field[2] as string, field[3] as string]);
      return '';
    }
    const f = FRAME.exec(line);
    if (f === null) return '';
    const frame: LoggedFrame = {
      direction: f[1] as 'send' | 'recv',
      type: f[2] as string,
      length: Number(f[3]),
      flags: Number.parseInt(f[4] as string, 16),
      id: Number(f[5]),
      detail,
    };
    frames.push(frame);
    if (frame.direction === 'recv' && frame.type === 'HEADERS') {
      const list = blocks.get(frame.id) ?? [];
      list.push({ fields: pending, endStream: (frame.flags & 0x1) !== 0 });
      blocks.set(frame.id, list);
      pending = [];
    }
    return '';
  });
  const run: NghttpRun = {
    frames,
    blocks,
    body: Buffer.from(body, 'latin1'),
    protocol,
    log: `${withoutNotes.replace(/[^\n\x20-\x7e]/g, '.')}\n${stderr}`,
  };
  const announced = frames
    .filter((f) => f.direction === 'recv' && f.type === 'DATA')
    .reduce((sum, f) => sum + f.length, 0);
  if (announced !== run.body.length) {
    throw new Error(
      `nghttp's log announces ${announced} DATA bytes, ${run.body.length} were kept:\n${run.log}`,
    );
  }
  return run;
}

/** A request for {@link runNghttp}: a POST of `body` with gRPC's headers, and extra nghttp flags. */
export interface NghttpRequest {
  readonly url: string;
  readonly body: Buffer;
  readonly args?: readonly string[];
}

/** Runs a command with a 20 s cap; resolves with stdout (latin1) and stderr whatever its exit code. */
function run(command: string, args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { encoding: 'latin1', timeout: 20_000, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        // nghttp exits 0 even when a stream failed; a kill (timeout) or a missing binary is an error.
        if (error !== null && (error.killed || typeof error.code !== 'number')) reject(error);
        else resolve({ stdout, stderr });
      },
    );
  });
}

/** Writes `body` to a temporary file for the tools' `-d`, runs `use`, removes the file. */
async function withDataFile<T>(body: Buffer, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'attache-nghttp2-'));
  try {
    const file = join(dir, 'request.bin');
    await writeFile(file, body);
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const GRPC_HEADERS = ['-H', 'content-type: application/grpc', '-H', 'te: trailers'];

/** `nghttp -v` POSTing `body` once (or `-m N` times) with gRPC's request headers. */
export function runNghttp(request: NghttpRequest): Promise<NghttpRun> {
  return withDataFile(request.body, async (file) => {
    const { stdout, stderr } = await run('nghttp', [
      '-v',
      '-t',
      '10',
      ...GRPC_HEADERS,
      '-d',
      file,
      ...(request.args ?? []),
      request.url,
    ]);
    return parseNghttp(stdout, stderr);
  });
}

/** What `h2load` reports. */
export interface H2loadRun {
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly errored: number;
  readonly timeout: number;
  /** Response DATA bytes over all streams (its `traffic:` line). */
  readonly dataBytes: number;
  /** ALPN's choice over TLS, undefined in cleartext. */
  readonly protocol: string | undefined;
  readonly output: string;
}

/** Reads h2load's summary; throws with the whole output when a line is missing. */
export function parseH2load(output: string): H2loadRun {
  const requests =
    /requests: (\d+) total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout/.exec(
      output,
    );
  const traffic = /traffic: .*, \S+ \((\d+)\) data/.exec(output);
  if (requests === null || traffic === null) throw new Error(`h2load printed no summary:\n${output}`);
  return {
    total: Number(requests[1]),
    succeeded: Number(requests[2]),
    failed: Number(requests[3]),
    errored: Number(requests[4]),
    timeout: Number(requests[5]),
    dataBytes: Number(traffic[1]),
    protocol: /Application protocol: (\S+)/.exec(output)?.[1],
    output,
  };
}

/** `h2load` POSTing `body` on every stream with gRPC's request headers; `args` gives -n, -c, -m... */
export function runH2load(url: string, body: Buffer, args: readonly string[]): Promise<H2loadRun> {
  return withDataFile(body, async (file) => {
    const { stdout, stderr } = await run('h2load', [...GRPC_HEADERS, '-d', file, ...args, url]);
    return parseH2load(`${stdout}\n${stderr}`);
  });
}
