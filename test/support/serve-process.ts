/**
 * `attache serve` as a real child process (the built CLI, `dist/`), for tests that need real
 * signals and real worker processes: its JSON log lines, waited for by predicate, and its exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = path.resolve(fileURLToPath(import.meta.url), '../../../dist/src/cli/main.js');

/** One log line of the process (pino JSON), or `{ text }` for anything else on stderr. */
export type LogLine = Record<string, unknown>;

/** A running `attache serve`. */
export interface ServeProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Every stderr line so far, parsed. */
  readonly lines: LogLine[];
  /** Resolves with the first line (past or future) `match` accepts. */
  waitFor(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit code (or the signal's name). */
  readonly exit: Promise<number | string>;
  /** stderr as text, for failure messages. */
  text(): string;
  /** stdout as text (empty unless `startServe` was asked to keep it). */
  stdout(): string;
}

/** How {@link startServe} runs the process. */
export interface ServeProcessOptions {
  /** Node options before the CLI's path (e.g. `--import ./otel.mjs`). */
  readonly nodeArgs?: readonly string[];
  /** Keep stdout (default: ignored). */
  readonly stdout?: boolean;
}

/** Starts `node [...nodeArgs] dist/src/cli/main.js serve ...args`. */
export function startServe(args: readonly string[], options: ServeProcessOptions = {}): ServeProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, 'serve', ...args], {
    stdio: ['ignore', options.stdout === true ? 'pipe' : 'ignore', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    out += chunk;
  });
  const lines: LogLine[] = [];
  const waiters: Array<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }> = [];
  let raw = '';
  let pending = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    raw += chunk;
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const text of parts) {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { text };
      }
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  const exit = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? (code as number))),
  );
  return {
    child,
    pid: child.pid as number,
    lines,
    exit,
    text: () => raw,
    stdout: () => out,
    waitFor(match, what, timeoutMs = 30_000) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(entry), 1);
          reject(new Error(`no log line for ${what} within ${timeoutMs} ms; stderr:\n${raw}`));
        }, timeoutMs);
        const entry = {
          match,
          resolve: (line: LogLine) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        waiters.push(entry);
        void exit.then((code) => {
          if (!waiters.includes(entry)) return;
          waiters.splice(waiters.indexOf(entry), 1);
          clearTimeout(timer);
          reject(new Error(`attache serve exited (${code}) before ${what}; stderr:\n${raw}`));
        });
      });
    },
  };
}

/** Whether a process with this id exists (and is not a zombie). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The ids of the processes whose parent is `pid` (Linux: from /proc). */
export function childPids(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid && fields[0] !== 'Z') found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
