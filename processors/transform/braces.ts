/**
 * Lets a template close a mustache right before a literal `}`, as JSON bodies do all the time
 * (`{"id": {{jsonEscape id}}}`). Handlebars reads `}}}` as the end of a triple-stash and refuses
 * such templates; since templates here never HTML-escape, the triple-stash has no use, and a
 * `}}` followed by `}` can only mean a mustache's end and a literal brace. This inserts an empty
 * comment between them (`}}{{!}}}`), which renders nothing.
 *
 * @module
 */

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
    const afterOpen = source.slice(i + 2, i + 5);
    if (!triple && (afterOpen.startsWith('!') || afterOpen.startsWith('~!'))) {
      // A comment: `{{!-- … --}}` may hold `}}`, `{{! … }}` may not.
      const long = afterOpen.replace('~', '').startsWith('!--');
      const end = source.indexOf(long ? '--' : '}}', i + 3);
      const close = end < 0 ? -1 : source.indexOf('}}', end);
      if (close < 0) return out + source.slice(i);
      out += source.slice(i, close + 2);
      i = close + 2;
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
    if (!triple && source[i] === '}') out += '{{!}}';
  }
  return out;
}
