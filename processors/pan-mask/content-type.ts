/**
 * Which bodies are scanned, from their `content-type`.
 *
 * @module
 */

/**
 * Compiles media ranges (`application/json`, `text/*`, `application/*+json`, `*\/*`) once into a
 * test of a `content-type` value (parameters ignored, case-insensitive).
 */
export function mediaMatcher(ranges: readonly string[]): (contentType: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const suffixes: [string, string][] = [];
  let any = false;
  for (const r of ranges) {
    const range = r.toLowerCase();
    const [type, sub = ''] = range.split('/') as [string, string?];
    if (type === '*') any = true;
    else if (sub === '*') prefixes.push(`${type}/`);
    else if (sub.startsWith('*')) suffixes.push([`${type}/`, sub.slice(1)]);
    else exact.add(range);
  }
  return (contentType) => {
    if (any) return true;
    const semi = contentType.indexOf(';');
    const media = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
    if (exact.has(media)) return true;
    for (const p of prefixes) if (media.startsWith(p)) return true;
    for (const [p, s] of suffixes) if (media.startsWith(p) && media.endsWith(s)) return true;
    return false;
  };
}
