import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goBuild, goUnavailable } from './go-build.mjs';

const unavailable = goUnavailable();
if (unavailable !== null) console.warn(`[go-build] skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)('goBuild', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'go-build-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const program = (word: string): void =>
    writeFileSync(
      path.join(dir, 'main.go'),
      `package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("${word}") }\n`,
    );

  it('builds a program once per source version: the same sources give the cached binary, changed ones a new one', async () => {
    program('first');
    const first = await goBuild(dir);
    expect(await goBuild(dir)).toBe(first);
    expect(execFileSync(first, { encoding: 'utf8' })).toBe('first\n');

    program('second');
    const second = await goBuild(dir);
    expect(second).not.toBe(first);
    expect(execFileSync(second, { encoding: 'utf8' })).toBe('second\n');
  }, 60_000);

  it('rejects with Go’s own message when the program does not compile', async () => {
    writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() { undefinedName() }\n');
    await expect(goBuild(dir)).rejects.toThrow(/undefined: undefinedName/);
  }, 60_000);
});
