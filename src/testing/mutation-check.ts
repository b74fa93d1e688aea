/**
 * Envoy's header validation and `mutation_rules` checker (doc §6.1–§6.3).
 *
 * Written from the doc; Envoy's `mutation_rules.cc` / `header_utility.cc` were read only to settle
 * the doubts noted inline.
 *
 * @module
 */

import type { MutationRules } from '../http/header-rules.js';

/** Which operation a header mutation attempts. */
export type CheckOperation = 'set' | 'append' | 'remove';

/** Outcome of a rule check: apply, ignore (and count), or fail the whole reply. */
export type CheckResult = 'ok' | 'ignore' | 'fail';

// RFC 9110 token characters ("tchar"), which Envoy uses for regular header names; upper case is
// allowed here (the name is lower-cased afterwards).
const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]*$/;

/**
 * Envoy `HeaderUtility::headerNameIsValid`: token characters, optionally after a single `:`.
 * An empty name passes (doc §19.4: "an empty header name passes Envoy's name validation").
 */
export function headerNameIsValid(name: string): boolean {
  if (name.startsWith(':')) {
    const rest = name.slice(1);
    return rest.length > 0 && TCHAR.test(rest);
  }
  return TCHAR.test(name);
}

/**
 * Envoy `HeaderUtility::headerValueIsValid` with obs-text allowed (doc §6.1): HTAB, SP, VCHAR and
 * 0x80–0xFF. Doubt (§6.1 only says "valid HTTP field value"): Envoy delegates to its HTTP/2
 * validator; we follow RFC 9110 field-value characters, so CR, LF, NUL, other controls and DEL
 * are all refused.
 */
export function headerValueIsValid(value: Uint8Array): boolean {
  for (const c of value) {
    if (c === 0x09) continue;
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

// Envoy's authority character table: RFC 3986 authority characters (unreserved, sub-delims, ':',
// '@', '[', ']', '%'); no spaces, controls, '/', '?', '#' or non-ASCII bytes.
const AUTHORITY = /^[A-Za-z0-9\-._~!$&'()*+,;=:@[\]%]*$/;

function authorityIsValid(value: string): boolean {
  return AUTHORITY.test(value);
}

/** absl::SimpleAtoi into uint32: optional surrounding whitespace and a leading '+'. */
export function parseUint32(text: string): number | undefined {
  const m = /^\s*\+?(\d+)\s*$/.exec(text);
  if (m === null || m[1] === undefined) return undefined;
  const n = Number(m[1]);
  return n <= 0xffffffff ? n : undefined;
}

/** absl::SimpleAtoi into uint64 (used for content-length comparisons). */
export function parseUint64(text: string): number | undefined {
  const m = /^\s*\+?(\d+)\s*$/.exec(text);
  if (m === null || m[1] === undefined) return undefined;
  return Number(m[1]);
}

const ROUTING_HEADERS = new Set(['host', ':authority', ':method', ':scheme']);

/** Envoy `HeaderUtility::isModifiableHeader`: `host` and `:`-headers can never be removed. */
function isRemovable(name: string): boolean {
  return (name.length === 0 || !name.startsWith(':')) && name !== 'host';
}

/**
 * The configured mutation checker (doc §6.3). Also used for ImmediateResponse headers (doc §6.3
 * last bullet: the permissive checker exists but is unused).
 *
 * @example
 * ```ts
 * const checker = new MutationChecker({ disallowIsError: true });
 * checker.check('set', ':authority', Buffer.from('x')); // 'fail'
 * ```
 */
export class MutationChecker {
  readonly rules: MutationRules;
  readonly #allow: RegExp | undefined;
  readonly #disallow: RegExp | undefined;

  constructor(rules: MutationRules) {
    this.rules = rules;
    this.#allow =
      rules.allowExpression === undefined ? undefined : new RegExp(`^(?:${rules.allowExpression})$`);
    this.#disallow =
      rules.disallowExpression === undefined ? undefined : new RegExp(`^(?:${rules.disallowExpression})$`);
  }

  /** Checks one operation on a lower-cased name (value ignored for removals). */
  check(op: CheckOperation, name: string, value: Uint8Array): CheckResult {
    if (this.#isAllowed(op, name) && (op === 'remove' || isValidValue(name, value))) return 'ok';
    return this.rules.disallowIsError ? 'fail' : 'ignore';
  }

  #isAllowed(op: CheckOperation, name: string): boolean {
    if (op === 'remove' && !isRemovable(name)) return false;
    if (this.#disallow?.test(name)) return false;
    if (this.#allow?.test(name)) return true;
    if (this.rules.disallowAll) return false;
    if (!this.rules.allowAllRouting && ROUTING_HEADERS.has(name)) return false;
    // A pseudo-header holds exactly one value, so appending to one is refused.
    if (name.startsWith(':') && (op === 'append' || this.rules.disallowSystem)) return false;
    // Envoy's header prefix is "x-envoy" (no trailing dash).
    if (!this.rules.allowEnvoy && name.startsWith('x-envoy')) return false;
    return true;
  }
}

/** The value as latin1 text (one char per byte), only for the few names whose value has a syntax. */
function latin1(value: Uint8Array): string {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
}

function isValidValue(name: string, value: Uint8Array): boolean {
  if (!name.startsWith(':') && !headerValueIsValid(value)) return false;
  if ((name === 'host' || name === ':authority') && !authorityIsValid(latin1(value))) return false;
  // Envoy compares the scheme case-insensitively with "http" / "https".
  if (name === ':scheme' && !/^https?$/i.test(latin1(value))) return false;
  if (name === ':status') {
    const status = parseUint32(latin1(value));
    if (status === undefined || status < 200) return false;
  }
  return true;
}
