/**
 * `match`: which requests a plugin runs for. Compiled once at startup; evaluated once per
 * exchange on the request headers (and, for `responseContentType`, on the response headers).
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import type { HeaderView } from '../http/header-map.js';

/** A string condition: exact text, or a regular expression. */
export type StringMatch = string | { readonly regex: string };

/**
 * Conditions on an exchange; all given ones must hold. Request conditions are read from the
 * request headers Envoy sends (a plugin whose `match` cannot be evaluated because Envoy skips
 * the request headers does not run).
 */
export interface MatchSpec {
  /** Path prefix (`/api` matches `/api` and `/api/x`, not `/apix`); the query string is ignored. */
  readonly path?: string;
  /** Regular expression tested against the path without the query string. */
  readonly pathRegex?: string;
  /** One method or a list (case-sensitive, as HTTP methods are). */
  readonly method?: string | readonly string[];
  /** Header name → exact value or `{ regex }`, tested on each value; `true`: present. */
  readonly headers?: Readonly<Record<string, StringMatch | true>>;
  /**
   * Request media type(s) (`application/json`, `text/*`), compared without parameters and
   * case-insensitively.
   */
  readonly contentType?: string | readonly string[];
  /**
   * As `contentType`, for the response: decided when the response headers arrive, for the
   * response phases only (the request phases, a request body still streaming included, run on).
   */
  readonly responseContentType?: string | readonly string[];
}

type Test = (headers: HeaderView) => boolean;

/** @internal A compiled {@link MatchSpec}. */
export interface Matcher {
  /** The request conditions, or `null` when there are none. */
  readonly request: Test | null;
  /** The response conditions, or `null` when there are none. */
  readonly response: Test | null;
}

function compileRegex(source: string, where: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${where}: invalid regular expression: ${(error as Error).message}`,
    );
  }
}

function pathOf(headers: HeaderView): string | undefined {
  const path = headers.get(':path');
  if (path === undefined) return undefined;
  const q = path.indexOf('?');
  return q === -1 ? path : path.slice(0, q);
}

function mediaTypes(list: string | readonly string[], where: string): Test {
  const wanted = (typeof list === 'string' ? [list] : list).map((t) => t.trim().toLowerCase());
  for (const t of wanted) {
    if (!/^[a-z0-9!#$&^_.+-]+\/(\*|[a-z0-9!#$&^_.+-]+)$/.test(t)) {
      throw new AttacheError(
        ErrorCode.CONFIG_INVALID,
        `${where}: "${t}" is not a media type like text/plain or text/*`,
      );
    }
  }
  return (headers) => {
    const raw = headers.get('content-type');
    if (raw === undefined) return false;
    const type = (raw.split(';', 1)[0] as string).trim().toLowerCase();
    return wanted.some((w) => (w.endsWith('/*') ? type.startsWith(w.slice(0, -1)) : type === w));
  };
}

function headerTest(name: string, cond: StringMatch | true, where: string): Test {
  const key = name.toLowerCase();
  if (cond === true) return (headers) => headers.has(key);
  if (typeof cond === 'string') return (headers) => headers.getAll(key).includes(cond);
  const re = compileRegex(cond.regex, `${where}.${name}.regex`);
  return (headers) => headers.getAll(key).some((v) => re.test(v));
}

function all(tests: Test[]): Test | null {
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0] as Test;
  return (headers) => tests.every((t) => t(headers));
}

/**
 * Compiles `spec` (regexes once, here).
 *
 * @param where - the config location for errors, e.g. `attache.yaml: plugins[1].match`.
 * @throws AttacheError `ATTACHE_ERR_CONFIG_INVALID` naming the field for a bad regex or media type.
 * @internal
 */
export function compileMatch(spec: MatchSpec, where: string): Matcher {
  const request: Test[] = [];
  const prefix = spec.path;
  if (prefix !== undefined) {
    if (!prefix.startsWith('/')) {
      throw new AttacheError(ErrorCode.CONFIG_INVALID, `${where}.path: must start with "/", got "${prefix}"`);
    }
    const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
    request.push((h) => {
      const path = pathOf(h);
      return path !== undefined && (path === prefix || path.startsWith(base));
    });
  }
  if (spec.pathRegex !== undefined) {
    const re = compileRegex(spec.pathRegex, `${where}.pathRegex`);
    request.push((h) => {
      const path = pathOf(h);
      return path !== undefined && re.test(path);
    });
  }
  if (spec.method !== undefined) {
    const methods = new Set(typeof spec.method === 'string' ? [spec.method] : spec.method);
    request.push((h) => methods.has(h.get(':method') ?? ''));
  }
  for (const [name, cond] of Object.entries(spec.headers ?? {})) {
    request.push(headerTest(name, cond, `${where}.headers`));
  }
  if (spec.contentType !== undefined) request.push(mediaTypes(spec.contentType, `${where}.contentType`));
  const response =
    spec.responseContentType === undefined
      ? null
      : mediaTypes(spec.responseContentType, `${where}.responseContentType`);
  return { request: all(request), response };
}

/** @internal Which plugins run, from the request headers (`undefined`: Envoy did not send them). */
export function evaluateRequest(
  matchers: ReadonlyArray<Matcher | null>,
  headers: HeaderView | undefined,
): Uint8Array {
  const runs = new Uint8Array(matchers.length);
  matchers.forEach((m, i) => {
    const test = m?.request ?? null;
    runs[i] = test === null ? 1 : headers !== undefined && test(headers) ? 1 : 0;
  });
  return runs;
}

/**
 * @internal Which plugins run in the response phases, once the response headers arrived: `runs`
 * narrowed by the response conditions. `runs` itself is left as it is, since it still decides
 * the request phases (a request body may still be streaming): the result is a copy when a
 * condition fails, else `runs`.
 */
export function evaluateResponse(
  matchers: ReadonlyArray<Matcher | null>,
  runs: Uint8Array,
  headers: HeaderView,
): Uint8Array {
  let out = runs;
  matchers.forEach((m, i) => {
    if (runs[i] === 1 && m?.response != null && !m.response(headers)) {
      if (out === runs) out = runs.slice();
      out[i] = 0;
    }
  });
  return out;
}
