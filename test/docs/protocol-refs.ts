/**
 * The rules that tie `§` references in the repository to `docs/protocol.md`.
 *
 * Targets come from the document's structure: `## N. Title` is section `N`, `### N.M Title` is
 * subsection `N.M`, and a numbered list item `K. …` written at the start of a line is item `K` of
 * the heading above it (`N.K` under a section, `N.M.K` under a subsection). Fenced code is skipped.
 *
 * References are `§` followed by dotted digits. One that the same sentence attributes to another
 * document (an `RFC 9110`, a `performance.md`; the nearest such name before it wins, so
 * `docs/protocol.md §4.6` stays ours) is that document's business and is not checked.
 */

/** The numbered targets of the protocol document, or why its numbering is broken. */
export interface ProtocolTargets {
  /** Every id a reference may name: `4`, `4.6`, `1.6`, `4.2.5`, `18.50`. */
  readonly ids: ReadonlySet<string>;
  /** Item numbers per heading id, in document order (`'18'` → 1…71). */
  readonly items: ReadonlyMap<string, readonly number[]>;
  /** Structural faults: a subsection outside its section, a repeated id, items not numbered 1, 2, 3…. */
  readonly problems: readonly string[];
}

/** One `§` reference found in a file. */
export interface SectionRef {
  /** The id after `§`, e.g. `4.2.5`. */
  readonly id: string;
  /** 1-based line of the reference. */
  readonly line: number;
}

const SECTION = /^## (\d+)\. \S/;
const SUBSECTION = /^### (\d+)\.(\d+) \S/;
const ITEM = /^(\d+)\. \S/;
const FENCE = /^\s*(```|~~~)/;

/** Reads the targets out of the protocol document's markdown. */
export function parseProtocolTargets(markdown: string): ProtocolTargets {
  const ids = new Set<string>();
  const items = new Map<string, number[]>();
  const problems: string[] = [];
  let section: string | undefined;
  let heading: string | undefined;
  let inFence = false;

  const define = (id: string, lineNo: number): void => {
    if (ids.has(id)) problems.push(`line ${lineNo}: §${id} is defined twice`);
    ids.add(id);
  };

  markdown.split('\n').forEach((text, index) => {
    const lineNo = index + 1;
    if (FENCE.test(text)) {
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    const sec = SECTION.exec(text);
    if (sec) {
      section = heading = sec[1] as string;
      define(heading, lineNo);
      return;
    }
    const sub = SUBSECTION.exec(text);
    if (sub) {
      if (sub[1] !== section)
        problems.push(`line ${lineNo}: subsection ${sub[1]}.${sub[2]} is not under ## ${sub[1]}.`);
      heading = `${sub[1]}.${sub[2]}`;
      define(heading, lineNo);
      return;
    }
    if (text.startsWith('#')) {
      // Any other heading ends the numbered scope: items under it would be ambiguous.
      heading = undefined;
      return;
    }
    const item = ITEM.exec(text);
    if (item && heading !== undefined) {
      const n = Number(item[1]);
      const list = items.get(heading) ?? [];
      if (n !== list.length + 1)
        problems.push(`line ${lineNo}: item ${n} under §${heading} should be ${list.length + 1}`);
      list.push(n);
      items.set(heading, list);
      define(`${heading}.${n}`, lineNo);
    }
  });
  return { ids, items, problems };
}

const REF = /§(\d+(?:\.\d+)*)/g;
// A sentence ends at . ! ? before white space, at a blank (or comment-only) line, or at `*/`.
const SENTENCE_END = /[.!?](?=\s)|\n[ \t]*(?:\/\/|\*|#)?[ \t]*\n|\*\//g;
// Names of documents a reference can belong to.
const DOCUMENT = /\bRFC ?\d+\b|[\w.-]+\.md\b/g;
const OURS = 'protocol.md';

/** The `§` references in `text` that point into the protocol document. */
export function findProtocolRefs(text: string): SectionRef[] {
  const sentenceStarts = [0];
  for (const m of text.matchAll(SENTENCE_END)) sentenceStarts.push(m.index + m[0].length);
  const documents = [...text.matchAll(DOCUMENT)].map((m) => ({ at: m.index, name: m[0] }));

  const refs: SectionRef[] = [];
  let sentence = 0;
  for (const m of text.matchAll(REF)) {
    while (sentence + 1 < sentenceStarts.length && (sentenceStarts[sentence + 1] as number) <= m.index) {
      sentence++;
    }
    const from = sentenceStarts[sentence] as number;
    let named: string | undefined;
    for (const d of documents) {
      if (d.at >= m.index) break;
      if (d.at >= from) named = d.name;
    }
    if (named !== undefined && named !== OURS) continue;
    refs.push({ id: m[1] as string, line: lineOf(text, m.index) });
  }
  return refs;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
