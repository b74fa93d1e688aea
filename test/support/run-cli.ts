/** The CLI run in-process for tests: its exit code and what it printed on stdout and stderr. */
import { vi } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureStderr, captureStdout } from './capture-output.js';

/** Runs `attache ...argv` in this process, capturing its output. */
export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = captureStdout();
  const err = captureStderr();
  try {
    const code = await run(argv);
    return { code, out: out(), err: err() };
  } finally {
    vi.restoreAllMocks();
  }
}
