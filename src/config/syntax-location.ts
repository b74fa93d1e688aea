/**
 * Where a plugin's syntax error is. V8 reports a SyntaxError met while loading an ES module
 * without its position (the message only: "Unexpected token '*'"); Node prints the position
 * when the error ends the process, but keeps it out of the error object. A plugin author needs
 * file, line and column, so the file is parsed again, only on this failure path, with acorn (the
 * parser Node itself bundles), which reports them.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'acorn';

/** A position in a file, 1-based line and column, as editors show them. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The position of the syntax error in `file`, or null when it cannot be found there: not a
 * JavaScript file (TypeScript and other syntaxes acorn does not parse), unreadable, or parsed
 * without error (the error is in a module it imports, or in syntax newer than acorn's).
 */
export async function syntaxErrorPosition(file: string): Promise<SourcePosition | null> {
  if (!/\.(?:m|c)?js$/.test(file)) return null;
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  // A .js file may be either kind; its package.json decides, but the first kind that parses tells.
  const kinds: Array<'module' | 'script'> = file.endsWith('.cjs') ? ['script'] : ['module', 'script'];
  let first: SourcePosition | null = null;
  for (const sourceType of kinds) {
    try {
      parse(source, { ecmaVersion: 'latest', sourceType, allowHashBang: true });
      return null;
    } catch (error) {
      const loc = (error as { loc?: { line: number; column: number } }).loc;
      if (loc !== undefined) first ??= { file, line: loc.line, column: loc.column + 1 };
    }
  }
  return first;
}
