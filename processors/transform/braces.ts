/**
 * Lets a template close a mustache right before a literal `}`, as JSON bodies do all the time
 * (`{"id": {{jsonEscape id}}}`). Handlebars reads `}}}` as the end of a triple-stash (and `}}}}`
 * as the end of a raw block) and refuses such templates; since templates here never HTML-escape,
 * a `}` right after a mustache's end can only be a literal brace. This inserts an empty comment
 * there (`{{x}}{{!}}}`), which renders nothing. Triple-stashes written as such keep working.
 *
 * @module
 */

const LONG_COMMENT_END = /--~?\}\}/g;

/** Rewrites `source` so that Handlebars parses `{{x}}}` as `{{x}}` followed by `}`. */
export function separateClosingBraces(source: string): string {
  if (!source.includes('}}}') || source.includes('{{{{')) return source;
  let out = '';
  let i = 0;
  const n = source.length;
  while (i < n) {
    if (source.startsWith('\\{{', i)) {
      out += '\\{{';
      i += 3;
      continue;
    }
    if (!source.startsWith('{{', i)) {
      out += source[i];
      i++;
      continue;
    }
    const triple = source.startsWith('{{{', i);
    const tilde = source[i + 2] === '~' ? 1 : 0;
    if (!triple && source[i + 2 + tilde] === '!') {
      // A comment: `{{!-- … --}}` may hold `}}`, `{{! … }}` may not.
      const body = i + 3 + tilde;
      const long = source.startsWith('--', body);
      let close: number;
      if (long) {
        LONG_COMMENT_END.lastIndex = body + 2;
        const m = LONG_COMMENT_END.exec(source);
        close = m === null ? -1 : m.index + m[0].length;
      } else {
        const end = source.indexOf('}}', body);
        close = end < 0 ? -1 : end + 2;
      }
      if (close < 0) return out + source.slice(i);
      out += source.slice(i, close);
      i = close;
      continue;
    }
    let j = i + (triple ? 3 : 2);
    while (j < n && !source.startsWith('}}', j)) {
      const c = source[j];
      if (c === '"' || c === "'") {
        const end = source.indexOf(c, j + 1);
        j = end < 0 ? n : end + 1;
      } else {
        j++;
      }
    }
    const end = Math.min(n, j + (triple ? 3 : 2));
    out += source.slice(i, end);
    i = end;
    if (source[i] === '}') out += '{{!}}';
  }
  return out;
}
