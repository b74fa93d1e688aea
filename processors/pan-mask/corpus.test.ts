/**
 * The committed corpus (corpus/*.tsv, from corpus/generate.mjs) through the scanner, whole and
 * streamed at every offset: counts false negatives and false positives, and checks them against
 * the figures README.md states.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusRows } from '../../test/support/pan-mask-corpus.js';
import { BUCKETS } from './brands.js';
import { PanScanner, START_STATE } from './scanner.js';

const here = new URL('.', import.meta.url);

const positives = corpusRows('true-positives.tsv').map(([brand, layout, context, body, written]) => ({
  brand: brand as string,
  label: `${brand} ${layout} ${context}`,
  body: JSON.parse(body as string) as string,
  written: written as string,
}));
const lookAlikes = corpusRows('look-alikes.tsv').map(([kind, body]) => ({
  kind: kind as string,
  body: JSON.parse(body as string) as string,
}));

const scanner = new PanScanner({ mask: true, keep: 'last4', maskByte: 0x2a, brands: 0 });
function maskedWhole(text: string): { out: string; found: number; counts: number[] } {
  scanner.counts.fill(0);
  const b = Buffer.from(text);
  scanner.scan(b, START_STATE, true);
  return { out: (scanner.out ?? b).toString(), found: scanner.found, counts: [...scanner.counts] };
}
function maskedSplit(text: string, cut: number): string {
  const b = Buffer.from(text);
  scanner.scan(b.subarray(0, cut), START_STATE, false);
  const first = scanner.out ?? b.subarray(0, cut);
  const sent = Buffer.from(first.subarray(0, cut - scanner.hold));
  const rest = Buffer.concat([first.subarray(cut - scanner.hold), b.subarray(cut)]);
  scanner.scan(rest, scanner.state, true);
  return Buffer.concat([sent, scanner.out ?? rest]).toString();
}
const hide = (written: string) => {
  let seen = 0;
  const total = written.replace(/\D/g, '').length;
  return written.replace(/\d/g, (d) => (++seen > total - 4 ? d : '*'));
};

// The figures of README.md's "Measured on the corpus" tables: the cells of the row whose first
// cell is `label` (Biome aligns the tables, so rows are compared cell by cell).
const README = readFileSync(new URL('README.md', here), 'utf8');
function readmeRow(label: string): string[] | undefined {
  for (const line of README.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells[0] === label) return cells.slice(1);
  }
  return undefined;
}

describe('pan-mask corpus', () => {
  it('every true positive is found once, of its brand, masked with the bytes around it unchanged', () => {
    const missed: string[] = [];
    for (const p of positives) {
      const r = maskedWhole(p.body);
      const written = p.body.includes(p.written) ? p.written : p.written.replaceAll(' ', '+');
      const expected = p.body.replace(written, hide(written));
      if (r.found !== 1 || r.out !== expected || r.counts[BUCKETS.indexOf(p.brand)] !== 1)
        missed.push(p.label);
    }
    expect(positives.length).toBeGreaterThan(300);
    expect(missed).toEqual([]);
    expect(readmeRow('true positives (public test numbers, every brand and layout)')).toEqual([
      String(positives.length),
      `${missed.length} false negatives`,
    ]);
  });

  it('the look-alikes are left alone (false positives counted per kind)', () => {
    const byKind = new Map<string, number>();
    for (const l of lookAlikes) {
      const r = maskedWhole(l.body);
      byKind.set(l.kind, (byKind.get(l.kind) ?? 0) + (r.found > 0 ? 1 : 0));
      if (r.found === 0) expect(r.out).toBe(l.body);
    }
    const fp = [...byKind.values()].reduce((a, b) => a + b, 0);
    expect(readmeRow(`look-alikes (${[...byKind.keys()].join(', ')})`)).toEqual([
      String(lookAlikes.length),
      `${fp} false positives`,
    ]);
    for (const [kind, n] of byKind) {
      const bodies = lookAlikes.filter((l) => l.kind === kind).length;
      expect(readmeRow(`\`${kind}\``)).toEqual([String(n), String(bodies)]);
    }
  });

  it('with every brand listed, numbers of no known brand and length are left too', () => {
    const branded = new PanScanner({ mask: false, keep: 'last4', maskByte: 0x2a, brands: 0xff });
    let fp = 0;
    for (const l of lookAlikes) {
      branded.scan(Buffer.from(l.body), START_STATE, true);
      if (branded.found > 0) fp++;
    }
    let fn = 0;
    for (const p of positives) {
      branded.scan(Buffer.from(p.body), START_STATE, true);
      if (branded.found !== 1) fn++;
    }
    expect(readmeRow('the same, every brand listed in `brands`')).toEqual([
      '',
      `${fn} false negatives, ${fp} false positives`,
    ]);
  });

  it('streamed at every offset, every corpus body gives the whole-buffer result', () => {
    for (const { body } of [...positives, ...lookAlikes]) {
      const whole = maskedWhole(body).out;
      const n = Buffer.byteLength(body);
      for (let cut = 0; cut <= n; cut++) expect(maskedSplit(body, cut)).toBe(whole);
    }
  });
});
