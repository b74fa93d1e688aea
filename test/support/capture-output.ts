/**
 * Test helpers that capture what a command writes to stdout or stderr (restore with
 * `vi.restoreAllMocks()`).
 */
import { vi } from 'vitest';

function capture(stream: NodeJS.WriteStream): () => string {
  let text = '';
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  return () => text;
}

/** Captures stderr; the returned function reads what was written so far. */
export const captureStderr = (): (() => string) => capture(process.stderr);
/** Captures stdout; the returned function reads what was written so far. */
export const captureStdout = (): (() => string) => capture(process.stdout);
