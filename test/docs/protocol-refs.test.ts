/**
 * Every `§` reference in the repository names something in docs/protocol.md, and the document
 * keeps the numbering the sources rely on (§18's 71 scenarios, §19's six points).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findProtocolRefs, parseProtocolTargets } from './protocol-refs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DOC = 'docs/protocol.md';
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage']);
const SKIP_PATHS = new Set(['src/gen']);
const TEXT = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.md', '.yaml', '.yml', '.proto']);

function* repoFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(root, path);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !SKIP_PATHS.has(rel)) yield* repoFiles(path);
    } else if (TEXT.has(extname(entry.name))) {
      yield rel;
    }
  }
}

const targets = parseProtocolTargets(readFileSync(join(root, DOC), 'utf8'));
const files = [...repoFiles(root)].map((rel) => ({ rel, text: readFileSync(join(root, rel), 'utf8') }));

describe('docs/protocol.md', () => {
  it('is numbered consistently (no repeated ids, items 1, 2, 3… under each heading)', () => {
    expect(targets.problems).toEqual([]);
  });

  it('has sections §0–§19, the 71 conformance scenarios of §18 and the six points of §19', () => {
    for (let n = 0; n <= 19; n++) expect(targets.ids.has(String(n)), `§${n}`).toBe(true);
    expect(targets.items.get('18')?.length).toBe(71);
    expect(targets.items.get('19')?.length).toBe(6);
  });

  it('resolves every § reference in the repository', () => {
    const dangling: string[] = [];
    let count = 0;
    for (const { rel, text } of files) {
      for (const ref of findProtocolRefs(text)) {
        count++;
        if (!targets.ids.has(ref.id)) dangling.push(`${rel}:${ref.line}: §${ref.id}`);
      }
    }
    expect(dangling).toEqual([]);
    // The sources cite the document hundreds of times; a scan that finds few has lost its way.
    expect(count).toBeGreaterThan(500);
  });

  it('is the only protocol reference: no file sends the reader to a document outside the repository', () => {
    const outside = files
      .filter(({ text }) => /extproc-protocol\.md|shared\/docs\//.test(text))
      .map(({ rel }) => rel);
    expect(outside).toEqual([]);
  });
});

// The synthetic texts below write § as \u00a7 so that this file's own scan does not see them.
describe('protocol reference rules', () => {
  const doc = [
    '## 1. Transport',
    '1. one',
    '2. two',
    '## 4. Flow',
    '### 4.2 General',
    '1. a',
    '5. skipped a number',
    '### 4.6 STREAMED',
    '```',
    '## 9. inside a fence',
    '```',
  ].join('\n');
  const t = parseProtocolTargets(doc);

  it('turns headings and numbered items into ids', () => {
    expect([...t.ids].sort()).toEqual(['1', '1.1', '1.2', '4', '4.2', '4.2.1', '4.2.5', '4.6']);
    expect(t.ids.has('9')).toBe(false);
  });

  it('reports numbering faults and repeated ids', () => {
    expect(t.problems).toEqual(['line 7: item 5 under \u00a74.2 should be 2']);
    const twice = parseProtocolTargets('## 4. A\n### 4.2 B\n## 4. C\n### 5.1 D');
    expect(twice.problems).toEqual([
      'line 3: \u00a74 is defined twice',
      'line 4: subsection 5.1 is not under ## 5.',
    ]);
  });

  it('finds references and their lines, and a dangling one fails the check', () => {
    const refs = findProtocolRefs(
      '// see \u00a74.6 and\n// (\u00a74.2.5, \u00a718.50). \u00a74.9 is not there.',
    );
    expect(refs).toEqual([
      { id: '4.6', line: 1 },
      { id: '4.2.5', line: 2 },
      { id: '18.50', line: 2 },
      { id: '4.9', line: 2 },
    ]);
    expect(refs.filter((r) => !t.ids.has(r.id)).map((r) => r.id)).toEqual(['18.50', '4.9']);
  });

  it('leaves references to other documents alone, within their sentence', () => {
    expect(findProtocolRefs('hop-by-hop (RFC 9110 \u00a77.6.1). Then \u00a74.6.')).toEqual([
      { id: '4.6', line: 1 },
    ]);
    expect(findProtocolRefs('performance.md\n// \u00a77.4 step 5 and \u00a79')).toEqual([]);
    expect(findProtocolRefs('performance.md \u00a72.3; see docs/protocol.md \u00a71.6')).toEqual([
      { id: '1.6', line: 1 },
    ]);
    expect(findProtocolRefs('RFC 7541 \u00a75.1\n\n\u00a71.2')).toEqual([{ id: '1.2', line: 3 }]);
  });
});
