/**
 * Plugin-side checks that mirror what Envoy does with a header mutation, so a change Envoy
 * would refuse or silently drop fails loudly in the plugin that made it (protocol doc §6).
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';

/**
 * The subset of Envoy's `mutation_rules` (config.common.mutation_rules.v3.HeaderMutationRules)
 * that decides which header changes Envoy applies. Keep it equal to the Envoy filter's config.
 * Defaults are Envoy's: everything `false`.
 */
export interface MutationRules {
  /** Allow setting `host`, `:authority`, `:method` and `:scheme`. */
  readonly allowAllRouting?: boolean;
  /** Allow changing `x-envoy-*` headers. */
  readonly allowEnvoy?: boolean;
  /** Refuse every `:`-prefixed header and `host`. */
  readonly disallowSystem?: boolean;
  /** Refuse every header change. */
  readonly disallowAll?: boolean;
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
 * Lower-cases and validates a header name. Envoy lower-cases keys itself, and accepts an empty
 * name (§19.4), but an empty or malformed name is always a plugin bug, so it is refused here.
 * @internal
 */
export function normalizeHeaderName(name: string): string {
  const lower = name.toLowerCase();
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
 *   server change `:method` without `allowAllRouting` (§5.1).
 * @internal
 */
export function checkSet(
  name: string,
  block: HeaderBlock,
  rules: MutationRules,
  append: boolean,
  replacing: boolean,
): void {
  checkCommon(name, block, rules, 'set');
  if (name.startsWith(':') && append) refuse(`cannot append to pseudo-header ${name}: Envoy refuses it`);
  if (ROUTING.has(name) && !rules.allowAllRouting && !(replacing && name === ':method')) {
    refuse(
      `Envoy refuses to change routing header ${name} unless the filter's mutation_rules.allow_all_routing is set` +
        (name === ':method' ? ' (or the body is replaced with CONTINUE_AND_REPLACE)' : ''),
    );
  }
}

/** @internal Throws unless Envoy would apply removing `name` in `block`. */
export function checkRemove(name: string, block: HeaderBlock, rules: MutationRules): void {
  if (name.startsWith(':') || name === 'host') refuse(`Envoy never removes ${name}`);
  checkCommon(name, block, rules, 'remove');
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

function checkCommon(name: string, block: HeaderBlock, rules: MutationRules, op: 'set' | 'remove'): void {
  if (rules.disallowAll)
    refuse(`the filter's mutation_rules.disallow_all refuses every header change (${name})`);
  if (name.startsWith(':')) {
    if (rules.disallowSystem) refuse(`mutation_rules.disallow_system refuses ${name}`);
    if (block === 'trailers' || block === 'immediate')
      refuse(`pseudo-header ${name} is not allowed in ${block}`);
    if (block === 'request' && !REQUEST_PSEUDO.has(name)) refuse(`${name} is not a request pseudo-header`);
    if (block === 'response' && name !== ':status') refuse(`${name} is not a response pseudo-header`);
  } else if (name === 'host' && rules.disallowSystem) {
    refuse('mutation_rules.disallow_system refuses host');
  }
  if (name.startsWith('x-envoy-') && !rules.allowEnvoy) {
    refuse(`Envoy refuses to ${op} ${name} unless the filter's mutation_rules.allow_envoy is set`);
  }
}
