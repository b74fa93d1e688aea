/**
 * The pan-mask corpus (processors/pan-mask/corpus/*.tsv, written by its generate.mjs) for tests:
 * one reader for the tab-separated rows, and the bodies of every row.
 */
import { readFileSync } from 'node:fs';

const corpus = new URL('../../processors/pan-mask/corpus/', import.meta.url);

/** The corpus files and the column holding each row's body (a JSON string). */
const BODY_COLUMN = { 'true-positives.tsv': 3, 'look-alikes.tsv': 1 } as const;

/** The rows of a corpus file, split at tabs (blank lines and `#` comments left out). */
export function corpusRows(file: keyof typeof BODY_COLUMN): string[][] {
  return readFileSync(new URL(file, corpus), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

/** Every body of the corpus: the true positives, then the look-alikes. */
export function corpusBodies(): string[] {
  return (Object.keys(BODY_COLUMN) as Array<keyof typeof BODY_COLUMN>).flatMap((file) =>
    corpusRows(file).map((r) => JSON.parse(r[BODY_COLUMN[file]] as string) as string),
  );
}
