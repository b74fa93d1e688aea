/**
 * The template helpers: kgateway 2.5's functions under camelCase names, plus what kgateway users
 * ask for (regex extraction, metadata and attributes, repeated headers). Helpers read the message
 * through the {@link Scope} in Handlebars' `@data`, so one compiled template serves every request.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { HelperOptions } from 'handlebars';
import { TransformFailure } from './failure.js';
import type { CompiledRegex } from './regex.js';
import type { Scope, TemplateHeaders } from './scope.js';

/** What the helpers need from start-up: the prepared regexes and environment values. */
export interface HelperTables {
  readonly regexes: ReadonlyMap<string, CompiledRegex>;
  readonly env: ReadonlyMap<string, string>;
}

type Helper = (...args: unknown[]) => unknown;

function scopeOf(options: HelperOptions): Scope {
  const scope = (options.data as { scope?: Scope } | undefined)?.scope;
  if (scope === undefined) throw new TransformFailure('helper called outside a transformation');
  return scope;
}

/*
 * Handlebars passes its options object last; the arguments are the rest. These read them in
 * place: helpers run many times per render (once per item of an `#each`), and slicing the
 * arguments into new arrays was a measurable part of a render.
 */

/** The `i`th argument the template passed (`undefined` when it passed fewer). */
function arg(a: readonly unknown[], i: number): unknown {
  return i < a.length - 1 ? a[i] : undefined;
}

/** Handlebars' options object. */
function optionsOf(a: readonly unknown[]): HelperOptions {
  return a[a.length - 1] as HelperOptions;
}

/** Every argument the template passed, for helpers taking any number. */
function argsOf(a: readonly unknown[]): unknown[] {
  return a.slice(0, -1);
}

function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function missing(scope: Scope, what: string): string {
  if (scope.missingIsError) throw new TransformFailure(`${what} is missing`);
  return '';
}

function headerOf(scope: Scope, view: TemplateHeaders | undefined, name: string, what: string): string {
  const v = view?.get(name);
  return v === undefined ? missing(scope, `${what} ${name}`) : v;
}

function cookies(scope: Scope): Map<string, string> {
  if (scope.cookies) return scope.cookies;
  const jar = new Map<string, string>();
  const request = scope.direction === 'request' ? scope.headers : scope.stream.requestHeaders;
  for (const line of request?.getAll('cookie') ?? []) {
    for (const pair of line.split(';')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      let value = pair.slice(eq + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      if (!jar.has(name)) jar.set(name, value);
    }
  }
  return (scope.cookies = jar);
}

/** Reads `path` ("a.b.0.c") in a parsed JSON value. */
export function jsonPath(root: unknown, path: string): unknown {
  if (path === '' || path === '.') return root;
  let v: unknown = root;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decode(s: string, pattern: RegExp, encoding: 'base64' | 'base64url'): string {
  if (!pattern.test(s) || (encoding === 'base64url' && s.length % 4 === 1)) return '';
  try {
    return strictUtf8.decode(Buffer.from(s, encoding));
  } catch {
    return '';
  }
}

/**
 * Whether `s` is its own JSON string contents: no quote, backslash, control character or
 * surrogate (the last so that lone ones still come out escaped). Most values are, and skipping
 * JSON.stringify for them was the largest single cut in rendering a JSON body.
 */
function plainJsonText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/** A JSON string's contents without the quotes (kgateway's `raw_string`). */
export function rawString(s: string): string {
  return plainJsonText(s) ? s : JSON.stringify(s).slice(1, -1);
}

/** Any value as a JSON literal; `undefined` becomes `null`. Lone surrogates come out escaped. */
export function toJsonLiteral(v: unknown): string {
  if (typeof v === 'string' && plainJsonText(v)) return `"${v}"`;
  return v === undefined ? 'null' : (JSON.stringify(v) ?? 'null');
}

/**
 * The helpers, by name. `tables` holds what start-up prepared; nothing here compiles anything.
 */
export function createHelpers(tables: HelperTables): Record<string, Helper> {
  return {
    /** This direction's header (values of a repeated header joined with ", "). */
    header(...a) {
      const name = arg(a, 0);
      const o = optionsOf(a);
      const s = scopeOf(o);
      return headerOf(s, s.headers, str(name), 'header');
    },
    /** Every value of a repeated header, as a list for `#each` or `join`. */
    headers(...a) {
      const name = arg(a, 0);
      const o = optionsOf(a);
      return scopeOf(o).headers?.getAll(str(name)) ?? [];
    },
    /** A request header, also from response templates. */
    requestHeader(...a) {
      const name = arg(a, 0);
      const o = optionsOf(a);
      const s = scopeOf(o);
      const view = s.direction === 'request' ? s.headers : s.stream.requestHeaders;
      return headerOf(s, view, str(name), 'request header');
    },
    /** A cookie of the request, by its exact name. */
    cookie(...a) {
      const name = arg(a, 0);
      const o = optionsOf(a);
      const s = scopeOf(o);
      return cookies(s).get(str(name)) ?? missing(s, `cookie ${str(name)}`);
    },
    /** A cookie of the request, name compared case-insensitively (kgateway's `get_cookie_i`). */
    cookieIgnoreCase(...a) {
      const name = arg(a, 0);
      const o = optionsOf(a);
      const s = scopeOf(o);
      const want = str(name).toLowerCase();
      for (const [k, v] of cookies(s)) if (k.toLowerCase() === want) return v;
      return missing(s, `cookie ${str(name)}`);
    },
    /** The body as text. */
    body(...a) {
      const o = optionsOf(a);
      const s = scopeOf(o);
      return s.strictText ? s.body.text() : s.body.lossyText();
    },
    /** A field of the JSON body by dotted path (`json "user.id"`); no path: the whole body. */
    json(...a) {
      const path = arg(a, 0);
      const o = optionsOf(a);
      const s = scopeOf(o);
      const v = jsonPath(s.body.json(), path === undefined ? '' : str(path));
      if (v === undefined && s.missingIsError)
        throw new TransformFailure(`body field ${str(path)} is missing`);
      return v;
    },
    /** The whole parsed body (kgateway's `context()`). */
    context(...a) {
      const o = optionsOf(a);
      return scopeOf(o).body.json();
    },
    /** An allow-listed environment variable of the processor, read at start. */
    env(...a) {
      const name = arg(a, 0);
      const o = optionsOf(a);
      const v = tables.env.get(str(name));
      return v === undefined ? missing(scopeOf(o), `environment variable ${str(name)}`) : v;
    },
    /** `substring s start [length]`, in characters (code points). */
    substring(...a) {
      const s = arg(a, 0);
      const start = arg(a, 1);
      const len = arg(a, 2);
      const chars = Array.from(str(s));
      const from = Math.max(0, Math.trunc(Number(start) || 0));
      const to = len === undefined ? chars.length : from + Math.max(0, Math.trunc(Number(len) || 0));
      return chars.slice(from, to).join('');
    },
    /** Literal replace-all (kgateway's `replace_with_string`). */
    replace(...a) {
      const s = arg(a, 0);
      const needle = arg(a, 1);
      const repl = arg(a, 2);
      const n = str(needle);
      return n === '' ? str(s) : str(s).replaceAll(n, () => str(repl));
    },
    /**
     * Replaces `needle` with a random 128-bit base64 value (kgateway's `replace_with_random`),
     * drawn per exchange: every request gets its own, and one needle gives the same value across
     * the templates and both directions of one exchange.
     */
    randomReplace(...a) {
      const s = arg(a, 0);
      const needle = arg(a, 1);
      const drawn = scopeOf(optionsOf(a)).draws();
      const n = str(needle);
      let value = drawn.get(n);
      if (value === undefined) drawn.set(n, (value = randomBytes(16).toString('base64')));
      const v = value;
      return n === '' ? str(s) : str(s).replaceAll(n, () => v);
    },
    base64Encode(...a) {
      const s = arg(a, 0);
      return Buffer.from(str(s), 'utf8').toString('base64');
    },
    /** Decodes standard base64 to UTF-8 text; `""` when it is not valid base64 or UTF-8. */
    base64Decode(...a) {
      const s = arg(a, 0);
      return decode(str(s), BASE64, 'base64');
    },
    base64UrlEncode(...a) {
      const s = arg(a, 0);
      return Buffer.from(str(s), 'utf8').toString('base64url');
    },
    /** Decodes unpadded base64url to UTF-8 text; `""` when invalid. */
    base64UrlDecode(...a) {
      const s = arg(a, 0);
      return decode(str(s).replace(/=+$/, ''), BASE64URL, 'base64url');
    },
    /** Any value as a JSON literal (strings quoted and escaped): `{"id": {{jsonEscape (json "id")}}}`. */
    jsonEscape(...a) {
      const v = arg(a, 0);
      return toJsonLiteral(v);
    },
    /** A string's JSON-escaped contents without quotes (kgateway's `raw_string`): `"{{rawString x}}"`. */
    rawString(...a) {
      const v = arg(a, 0);
      return rawString(str(v));
    },
    /** `regex input "pattern" [group]`: the group (default 1, or the match without groups), `""` when no match. */
    regex(...a) {
      const input = arg(a, 0);
      const pattern = arg(a, 1);
      const group = arg(a, 2);
      const re = tables.regexes.get(str(pattern));
      if (re === undefined) throw new TransformFailure(`regex ${JSON.stringify(pattern)} was not prepared`);
      return re.extract(str(input), group as number | string | undefined);
    },
    /** A key of a namespace of the dynamic metadata Envoy forwarded. */
    metadata(...a) {
      const ns = arg(a, 0);
      const key = arg(a, 1);
      const o = optionsOf(a);
      const s = scopeOf(o);
      const v = s.stream.envoyMetadata(str(ns))?.[str(key)];
      return v === undefined ? missing(s, `metadata ${str(ns)}.${str(key)}`) : v;
    },
    /** An Envoy attribute (`request.path`, `source.address`...) the filter sends. */
    attribute(...a) {
      const name = arg(a, 0);
      const o = optionsOf(a);
      const s = scopeOf(o);
      const v = s.stream.attribute(str(name));
      return v === undefined ? missing(s, `attribute ${str(name)}`) : v;
    },
    eq(...a) {
      const x = arg(a, 0);
      const y = arg(a, 1);
      return str(x) === str(y);
    },
    ne(...a) {
      const x = arg(a, 0);
      const y = arg(a, 1);
      return str(x) !== str(y);
    },
    and(...a) {
      const args = argsOf(a);
      return args.every(Boolean);
    },
    or(...a) {
      const args = argsOf(a);
      return args.some(Boolean);
    },
    not(...a) {
      const x = arg(a, 0);
      return !x;
    },
    /** The first argument that is not empty. */
    default(...a) {
      const args = argsOf(a);
      return args.find((v) => v !== undefined && v !== null && v !== '') ?? '';
    },
    lower(...a) {
      const s = arg(a, 0);
      return str(s).toLowerCase();
    },
    upper(...a) {
      const s = arg(a, 0);
      return str(s).toUpperCase();
    },
    trim(...a) {
      const s = arg(a, 0);
      return str(s).trim();
    },
    /** Joins a list (e.g. `headers "x"`) with a separator (default ", "). */
    join(...a) {
      const list = arg(a, 0);
      const sep = arg(a, 1);
      return Array.isArray(list) ? list.map(str).join(sep === undefined ? ', ' : str(sep)) : str(list);
    },
    /** Concatenates its arguments. */
    concat(...a) {
      const args = argsOf(a);
      return args.map(str).join('');
    },
  };
}

/** Handlebars' own helpers that templates may use. `log` is left out: it writes to the console. */
export const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'] as const;

/** Helpers whose result depends on the body. */
export const BODY_HELPERS = new Set(['body', 'json', 'context']);
