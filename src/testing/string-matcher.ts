/**
 * Envoy `type.matcher.v3.StringMatcher` subset, used by `forward_rules` (doc §3.6).
 *
 * @module
 */

/**
 * One string matcher: exactly one of `exact`, `prefix`, `suffix`, `contains`, `safeRegex`.
 * `ignoreCase` applies to all but `safeRegex` (as in Envoy). Regexes must match the whole name.
 *
 * @example
 * ```ts
 * const rules = { allowedHeaders: [{ prefix: 'x-' }, { exact: ':path' }], disallowedHeaders: [{ safeRegex: { regex: 'x-secret.*' } }] };
 * ```
 */
export type StringMatcherInput = (
  | { exact: string }
  | { prefix: string }
  | { suffix: string }
  | { contains: string }
  | { safeRegex: { regex: string } }
) & { ignoreCase?: boolean };

/** A compiled matcher. */
export type StringMatcher = (value: string) => boolean;

/** Compiles a {@link StringMatcherInput}. */
export function compileStringMatcher(input: StringMatcherInput): StringMatcher {
  const fold = (s: string): string => (input.ignoreCase ? s.toLowerCase() : s);
  if ('exact' in input) {
    const want = fold(input.exact);
    return (v) => fold(v) === want;
  }
  if ('prefix' in input) {
    const want = fold(input.prefix);
    return (v) => fold(v).startsWith(want);
  }
  if ('suffix' in input) {
    const want = fold(input.suffix);
    return (v) => fold(v).endsWith(want);
  }
  if ('contains' in input) {
    const want = fold(input.contains);
    return (v) => fold(v).includes(want);
  }
  if ('safeRegex' in input) {
    // RE2 full match; JavaScript regex syntax is close enough for header names.
    const re = new RegExp(`^(?:${input.safeRegex.regex})$`);
    return (v) => re.test(v);
  }
  throw new TypeError('string matcher needs one of exact, prefix, suffix, contains, safeRegex');
}

/** Envoy `headerCanBeForwarded`: the disallow list wins; an empty allow list allows all (§3.6). */
export function headerCanBeForwarded(
  key: string,
  allowed: StringMatcher[],
  disallowed: StringMatcher[],
): boolean {
  if (disallowed.some((m) => m(key))) return false;
  return allowed.length === 0 || allowed.some((m) => m(key));
}
