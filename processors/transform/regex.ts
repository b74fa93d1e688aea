/**
 * Regular expressions for the `regex` helper, matched by RE2JS (a JavaScript port of RE2): its
 * automaton runs in time linear in the input whatever the pattern, so a user pattern cannot
 * stall the event loop the way a backtracking `RegExp` can (ReDoS). The price is RE2's syntax:
 * no backreferences, no lookahead. Patterns are compiled once, at start-up.
 *
 * @module
 */
import { RE2JS } from 're2js';
import { TransformFailure } from './failure.js';

/** A compiled pattern. */
export interface CompiledRegex {
  readonly source: string;
  /** Whether `group` (a number or a name) is a group of the pattern (0 is the whole match). */
  hasGroup(group: number | string): boolean;
  /** The capture group, or `""` when the input does not match. */
  extract(input: string, group: number | string | undefined): string;
}

/**
 * Compiles `source` with RE2 semantics.
 *
 * @throws Error with RE2's reason when the pattern is not valid RE2 syntax.
 */
export function compileRegex(source: string, maxInput: number): CompiledRegex {
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (e) {
    throw new Error(
      `invalid regular expression ${JSON.stringify(source)} (RE2 syntax): ${(e as Error).message}`,
    );
  }
  const groups = re.groupCount();
  const names = re.namedGroups();
  const hasGroup = (g: number | string): boolean =>
    typeof g === 'number' ? Number.isInteger(g) && g >= 0 && g <= groups : names[g] !== undefined;
  return {
    source,
    hasGroup,
    extract(input, group) {
      if (input.length > maxInput) {
        throw new TransformFailure(
          `regex input of ${input.length} characters is over regexMaxInput (${maxInput})`,
        );
      }
      const wanted = group ?? (groups > 0 ? 1 : 0);
      if (!hasGroup(wanted)) {
        throw new TransformFailure(`regex ${JSON.stringify(source)} has no group ${JSON.stringify(wanted)}`);
      }
      const m = re.matcher(input);
      if (!m.find()) return '';
      return m.group(wanted) ?? '';
    },
  };
}
