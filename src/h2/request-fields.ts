/**
 * The checks RFC 9113 asks of a request's decoded header fields before it is served (§8.1.1,
 * §8.2, §8.3): a request that fails one is malformed, and the server must answer it with a
 * stream error of type PROTOCOL_ERROR rather than hand it to the application. node:http2
 * (nghttp2) makes the same checks; the `wire` server makes them here, once per header block.
 *
 * @module
 */

/** Fields HTTP/2 forbids because they describe an HTTP/1.1 connection (RFC 9113 §8.2.2). */
export const CONNECTION_SPECIFIC: ReadonlySet<string> = new Set([
  'connection',
  'proxy-connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
]);

/** The request pseudo-header fields (RFC 9113 §8.3.1); anything else starting with `:` is malformed. */
const METHOD = 1;
const SCHEME = 2;
const AUTHORITY = 4;
const PATH = 8;
const PSEUDO: ReadonlyMap<string, number> = new Map([
  [':method', METHOD],
  [':scheme', SCHEME],
  [':authority', AUTHORITY],
  [':path', PATH],
]);

/**
 * Whether `name` is a valid regular field name as HTTP/2 carries it: a non-empty token in lower
 * case (RFC 9113 §8.2.1, RFC 9110 §5.1). Pseudo-header names are checked against the known ones.
 */
function validName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    // tchar: ALPHA / DIGIT / "!#$%&'*+-.^_`|~", with upper case excluded.
    if (c >= 0x61 && c <= 0x7a) continue; // a-z
    if (c >= 0x30 && c <= 0x39) continue; // 0-9
    if (c === 0x2d || c === 0x5f || c === 0x2e) continue; // - _ . (the common ones first)
    if (c === 0x21 || (c >= 0x23 && c <= 0x27) || c === 0x2a || c === 0x2b) continue; // ! # $ % & ' * +
    if (c === 0x5e || c === 0x60 || c === 0x7c || c === 0x7e) continue; // ^ ` | ~
    return false;
  }
  return true;
}

/**
 * Whether `value` is a valid field value: no NUL, CR or LF anywhere, no space or tab at either
 * end (RFC 9113 §8.2.1).
 */
function validValue(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  if (first === 0x20 || first === 0x09 || last === 0x20 || last === 0x09) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x00 || c === 0x0a || c === 0x0d) return false;
  }
  return true;
}

/**
 * Why a request's header fields (`[name, value, …]`, in order) make it malformed, or `null` when
 * they do not. The reason is for the debug log, not for the peer.
 */
export function malformedRequest(fields: readonly string[]): string | null {
  let seen = 0;
  let regular = false;
  let method: string | undefined;
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i] as string;
    const value = fields[i + 1] as string;
    if (name.charCodeAt(0) === 0x3a /* : */) {
      if (regular) return `pseudo-header ${name} after a regular field`;
      const bit = PSEUDO.get(name);
      if (bit === undefined) return `unknown pseudo-header ${name}`;
      if (seen & bit) return `repeated ${name}`;
      seen |= bit;
      if (bit === METHOD) method = value;
      else if (bit === PATH && value === '') return 'empty :path';
    } else {
      regular = true;
      if (!validName(name)) return `invalid field name ${JSON.stringify(name)}`;
      if (CONNECTION_SPECIFIC.has(name)) return `connection-specific field ${name}`;
      if (name === 'te' && value !== 'trailers') return 'te other than "trailers"';
    }
    if (!validValue(value)) return `invalid value of ${name}`;
  }
  if (method === undefined) return 'no :method';
  // CONNECT carries neither :scheme nor :path (RFC 9113 §8.5); every other method needs both.
  if (method === 'CONNECT') return (seen & (SCHEME | PATH)) === 0 ? null : ':scheme or :path with CONNECT';
  if ((seen & SCHEME) === 0) return 'no :scheme';
  if ((seen & PATH) === 0) return 'no :path';
  return null;
}

/**
 * Why trailers (a header block that ends a request) are malformed, or `null`: they may carry no
 * pseudo-header (RFC 9113 §8.1), and their names and values follow the request's rules.
 */
export function malformedTrailers(fields: readonly string[]): string | null {
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i] as string;
    if (name.charCodeAt(0) === 0x3a) return `pseudo-header ${name} in trailers`;
    if (!validName(name)) return `invalid field name ${JSON.stringify(name)}`;
    if (CONNECTION_SPECIFIC.has(name)) return `connection-specific field ${name}`;
    if (!validValue(fields[i + 1] as string)) return `invalid value of ${name}`;
  }
  return null;
}
