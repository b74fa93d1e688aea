/**
 * Plugin-side checks that mirror what Envoy does with a header mutation, so a change Envoy
 * would refuse or silently drop fails loudly in the plugin that made it (protocol doc §6).
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';

/**
 * Envoy's `mutation_rules` (`config.common.mutation_rules.v3.HeaderMutationRules`) in camelCase:
 * which header changes the ext_proc filter applies. Every field is optional and defaults to
 * Envoy's default (`false`, no expression). The one shape for both sides: attache's
 * `envoy.mutationRules` (keep it equal to the filter's config, so plugins are checked against
 * the rules Envoy applies) and the test kit's `EnvoyFilterConfig.mutationRules`.
 *
 * attache refuses at the call (`ATTACHE_ERR_MUTATION_REFUSED`) every change Envoy would ignore
 * or reject, so the fields that decide which changes pass (all but `disallowIsError`) are
 * checked, the expressions included. `disallowIsError` only decides what Envoy does with a
 * refused change (ignore it, or fail the reply); attache never sends one, so it ignores the
 * field. The test kit honours every field.
 *
 * @example
 * ```ts
 * const rules: MutationRules = { allowEnvoy: true, disallowExpression: 'x-internal-.*' };
 * ```
 */
export interface MutationRules {
  /** `allow_all_routing`: allow changing `host`, `:authority`, `:method` and `:scheme`. */
  readonly allowAllRouting?: boolean | undefined;
  /** `allow_envoy`: allow changing headers with Envoy's prefix (`x-envoy…`). */
  readonly allowEnvoy?: boolean | undefined;
  /** `disallow_system`: refuse every `:`-prefixed (pseudo-)header. */
  readonly disallowSystem?: boolean | undefined;
  /** `disallow_all`: refuse every header change not matched by `allowExpression`. */
  readonly disallowAll?: boolean | undefined;
  /**
   * `allow_expression` (its `regex`): changes to a header whose lower-cased name fully matches are
   * allowed whatever the flags above say (headers that can never be removed stay so).
   */
  readonly allowExpression?: string | undefined;
  /**
   * `disallow_expression` (its `regex`): changes to a header whose lower-cased name fully matches
   * are refused; wins over everything else.
   */
  readonly disallowExpression?: string | undefined;
  /**
   * `disallow_is_error`: Envoy fails the whole reply (local reply `status_on_error`) for a refused
   * change instead of ignoring it. Only the test kit reads it (see above).
   */
  readonly disallowIsError?: boolean | undefined;
}

/**
 * Compiles a `mutation_rules` expression the way Envoy matches it: against the whole lower-cased
 * header name. Envoy uses RE2; the JavaScript syntax agrees for the expressions header names
 * need (RE2 has no look-around or back-references).
 *
 * @throws AttacheError `ATTACHE_ERR_CONFIG_INVALID` when `source` does not compile.
 */
function compileRulesExpression(source: string, where: string): RegExp {
  try {
    // Compiled alone first: wrapped, an unbalanced source such as `a)|(b` would pass.
    new RegExp(source);
    return new RegExp(`^(?:${source})$`);
  } catch (cause) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${where}: invalid regular expression: ${(cause as Error).message}`,
      { cause },
    );
  }
}

interface CompiledExpressions {
  readonly allowSource: string | undefined;
  readonly disallowSource: string | undefined;
  readonly allow: RegExp | undefined;
  readonly disallow: RegExp | undefined;
}

// Compiled once per rules object (the pipeline freezes its own), never per request; the
// sources are kept so that a caller mutating its object does not see stale expressions.
const compiled = new WeakMap<MutationRules, CompiledExpressions>();

function expressions(rules: MutationRules): CompiledExpressions {
  const { allowExpression: allowSource, disallowExpression: disallowSource } = rules;
  let c = compiled.get(rules);
  if (c === undefined || c.allowSource !== allowSource || c.disallowSource !== disallowSource) {
    c = {
      allowSource,
      disallowSource,
      allow: allowSource === undefined ? undefined : compileRulesExpression(allowSource, 'allowExpression'),
      disallow:
        disallowSource === undefined
          ? undefined
          : compileRulesExpression(disallowSource, 'disallowExpression'),
    };
    compiled.set(rules, c);
  }
  return c;
}

/**
 * Checks the expressions of `rules`, so that a bad one fails at start-up (naming `where`) rather
 * than at the first header change.
 *
 * @throws AttacheError `ATTACHE_ERR_CONFIG_INVALID` for an expression that does not compile.
 * @internal
 */
export function validateMutationRules(rules: MutationRules, where = 'mutationRules'): void {
  if (rules.allowExpression !== undefined)
    compileRulesExpression(rules.allowExpression, `${where}.allowExpression`);
  if (rules.disallowExpression !== undefined)
    compileRulesExpression(rules.disallowExpression, `${where}.disallowExpression`);
}

/**
 * A frozen copy of `rules` with its expressions compiled now, for a long-lived owner (the
 * pipeline): the checks then compile nothing while requests run.
 *
 * @throws AttacheError `ATTACHE_ERR_CONFIG_INVALID` for an expression that does not compile.
 * @internal
 */
export function prepareMutationRules(rules: MutationRules = {}, where = 'mutationRules'): MutationRules {
  validateMutationRules(rules, where);
  const frozen = Object.freeze({ ...rules });
  expressions(frozen);
  return frozen;
}

/**
 * How the expressions decide a change to `name`: `false` refused by `disallowExpression`, `true`
 * allowed by `allowExpression`, `undefined` when neither matches (the flags decide).
 */
function byExpression(name: string, rules: MutationRules): boolean | undefined {
  if (rules.allowExpression === undefined && rules.disallowExpression === undefined) return undefined;
  const { allow, disallow } = expressions(rules);
  if (disallow?.test(name)) return false;
  if (allow?.test(name)) return true;
  return undefined;
}

/** @internal Which header block a change applies to. */
export type HeaderBlock = 'request' | 'response' | 'trailers' | 'immediate';

// RFC 9110 token characters; a leading ':' is allowed for pseudo-headers.
const NAME_CHARS = /^:?[!#$%&'*+\-.^_`|~0-9a-z]+$/;
const ROUTING = new Set(['host', ':authority', ':method', ':scheme']);
const REQUEST_PSEUDO = new Set([':method', ':path', ':scheme', ':authority', ':protocol']);

function refuse(message: string): never {
  throw new AttacheError(ErrorCode.MUTATION_REFUSED, message);
}

/**
 * `name` in lower case: itself when it has no upper-case ASCII letter and nothing outside ASCII
 * (header names nearly always), since `toLowerCase` makes a new string even then.
 * @internal
 */
export function lowerCase(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c > 0x7f) return name.toLowerCase();
  }
  return name;
}

/**
 * Lower-cases and validates a header name. Envoy lower-cases keys itself, and accepts an empty
 * name (§19.4), but an empty or malformed name is always a plugin bug, so it is refused here.
 * @internal
 */
export function normalizeHeaderName(name: string): string {
  const lower = lowerCase(name);
  if (!NAME_CHARS.test(lower)) {
    throw new AttacheError(ErrorCode.INVALID_HEADER, `invalid header name ${JSON.stringify(name)}`);
  }
  return lower;
}

const CONTROL_NAMES: Readonly<Record<number, string>> = { 0: 'NUL', 10: 'LF', 13: 'CR', 127: 'DEL' };

/**
 * Encodes a header value (strings as UTF-8) and refuses what is not an HTTP field value: control
 * bytes other than HTAB, and DEL (obs-text 0x80–0xFF is fine). Envoy rejects the whole reply for
 * them (`header_mutation_set_contains_invalid_character`, §6.1, §18.50), or silently drops the
 * header of an immediate response.
 * @internal
 */
export function headerValueBytes(name: string, value: string | Uint8Array): Buffer {
  const bytes =
    typeof value === 'string'
      ? Buffer.from(value, 'utf8')
      : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if ((b < 0x20 && b !== 0x09) || b === 0x7f) {
      const what = CONTROL_NAMES[b] ?? `0x${b.toString(16).padStart(2, '0')}`;
      throw new AttacheError(
        ErrorCode.INVALID_HEADER,
        `header ${name}: value contains a ${what} byte, which Envoy rejects`,
      );
    }
  }
  return bytes;
}

/**
 * Throws unless Envoy would apply setting (or appending to) `name` in `block`.
 *
 * @param replacing - the reply is CONTINUE_AND_REPLACE, which is the one case Envoy lets a
 *   server change `:method` without `allowAllRouting` (§5.1); whether the body is replaced is
 *   known only when the phase ends, so the caller finishes that check
 *   ({@link methodNeedsReplace}).
 * @internal
 */
export function checkSet(
  name: string,
  block: HeaderBlock,
  rules: MutationRules,
  append: boolean,
  replacing: boolean,
): void {
  checkPlacement(name, block);
  if (name.startsWith(':') && append) refuse(`cannot append to pseudo-header ${name}: Envoy refuses it`);
  const reason = ruleRefusal(name, rules, 'set', replacing && name === ':method');
  if (reason !== null) refuse(reason);
}

/** @internal Throws unless Envoy would apply removing `name` in `block`. */
export function checkRemove(name: string, block: HeaderBlock, rules: MutationRules): void {
  if (name.startsWith(':') || name === 'host') refuse(`Envoy never removes ${name}`);
  checkPlacement(name, block);
  const reason = ruleRefusal(name, rules, 'remove', false);
  if (reason !== null) refuse(reason);
}

/**
 * Whether a `:method` change that {@link checkSet} let through needs the body replaced in the
 * same reply (CONTINUE_AND_REPLACE) for Envoy to apply it.
 * @internal
 */
export function methodNeedsReplace(rules: MutationRules): boolean {
  return ruleRefusal(':method', rules, 'set', false) !== null;
}

// RFC 3986 authority characters (unreserved, sub-delims, ':', '@', '[', ']', '%'): what Envoy's
// authority check accepts for host / :authority (§6.3).
const AUTHORITY_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@[\]%]+$/;

/**
 * Throws unless Envoy accepts `value` for `name` (§6.3 value checks): `:status` numeric ≥ 200,
 * `host` / `:authority` a valid authority, `:scheme` http or https. Envoy ignores a failing
 * change (or rejects the reply with `disallow_is_error`).
 * @internal
 */
export function checkValue(name: string, value: Buffer): void {
  if (name === ':status') {
    const text = value.toString('latin1');
    const code = /^[0-9]{3}$/.test(text) ? Number(text) : Number.NaN;
    if (!(code >= 200)) refuse(`:status must be a 3-digit code of at least 200, got ${JSON.stringify(text)}`);
  } else if (name === 'host' || name === ':authority') {
    const text = value.toString('latin1');
    if (!AUTHORITY_CHARS.test(text))
      refuse(`${name} must be a valid authority (host[:port]), got ${JSON.stringify(text)}`);
  } else if (name === ':scheme') {
    const text = value.toString('latin1');
    if (!/^https?$/i.test(text)) refuse(`:scheme must be http or https, got ${JSON.stringify(text)}`);
  }
}

/** Pseudo-headers belong to one block each; trailers and immediate responses have none. */
function checkPlacement(name: string, block: HeaderBlock): void {
  if (!name.startsWith(':')) return;
  if (block === 'trailers' || block === 'immediate')
    refuse(`pseudo-header ${name} is not allowed in ${block}`);
  if (block === 'request' && !REQUEST_PSEUDO.has(name)) refuse(`${name} is not a request pseudo-header`);
  if (block === 'response' && name !== ':status') refuse(`${name} is not a response pseudo-header`);
}

/**
 * Why Envoy's `mutation_rules` refuse changing `name`, or null when they allow it; in Envoy's
 * order (the expressions first, then `disallow_all`, routing, system and Envoy headers).
 *
 * @param routingAllowed - skip the routing rule (`:method` under CONTINUE_AND_REPLACE).
 */
function ruleRefusal(
  name: string,
  rules: MutationRules,
  op: 'set' | 'remove',
  routingAllowed: boolean,
): string | null {
  const expression = byExpression(name, rules);
  if (expression === false) return `the filter's mutation_rules.disallow_expression refuses ${name}`;
  if (expression === true) return null;
  if (rules.disallowAll)
    return `the filter's mutation_rules.disallow_all refuses every header change (${name})`;
  if (ROUTING.has(name) && !rules.allowAllRouting && !routingAllowed) {
    return (
      `Envoy refuses to change routing header ${name} unless the filter's mutation_rules.allow_all_routing is set` +
      (name === ':method' ? ' (or the body is replaced with CONTINUE_AND_REPLACE)' : '')
    );
  }
  if (name.startsWith(':') && rules.disallowSystem) return `mutation_rules.disallow_system refuses ${name}`;
  // Envoy's prefix is "x-envoy", without a dash.
  if (name.startsWith('x-envoy') && !rules.allowEnvoy) {
    return `Envoy refuses to ${op} ${name} unless the filter's mutation_rules.allow_envoy is set`;
  }
  return null;
}
