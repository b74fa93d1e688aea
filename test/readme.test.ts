/** The README's plugin code must be exactly the examples that CI runs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const blocks = [...readme.matchAll(/```(?:ts|js)\n(\/\/ (\S+)\n[\s\S]*?)```/g)];

describe('README code', () => {
  it('has the first-plugin files', () => {
    expect(blocks.map((b) => b[2])).toEqual([
      'tenant.ts',
      'mask-word.ts',
      'tenant.test.ts',
      'redact.ts',
      'redact.worker.mjs',
      'api-keys.ts',
      'api-keys.test.ts',
    ]);
  });
  for (const [, body, name] of blocks) {
    it(`matches examples/first-plugin/${name}`, () => {
      expect(readFileSync(new URL(`examples/first-plugin/${name}`, root), 'utf8')).toBe(body);
    });
  }
});
