/**
 * The `mode_override`s a plugin declares it may send (`modeOverrides` next to its handlers):
 * checked when the pipeline is built, and again when a handler calls `ctx.overrideMode`, so the
 * Envoy filter's `allowed_override_modes` can list exactly what attache sends.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import type { BodyMode, ModeOverride } from '../plugin/types.js';

const SEND_MODES: readonly string[] = ['send', 'skip'];
const BODY_MODES: readonly BodyMode[] = [
  'none',
  'streamed',
  'buffered',
  'buffered_partial',
  'full_duplex_streamed',
];
/** The fields of a {@link ModeOverride}, in the order of its canonical key. */
const FIELDS = {
  responseHeaders: SEND_MODES,
  requestBody: BODY_MODES,
  responseBody: BODY_MODES,
  requestTrailers: SEND_MODES,
  responseTrailers: SEND_MODES,
} as const satisfies Record<keyof ModeOverride, readonly string[]>;
const FIELD_NAMES = Object.keys(FIELDS) as Array<keyof ModeOverride>;

/**
 * A canonical string for an override (field order and absent fields do not matter), or
 * `undefined` when `mode` is not a well-formed {@link ModeOverride}.
 */
export function overrideKey(mode: unknown): string | undefined {
  if (typeof mode !== 'object' || mode === null || Array.isArray(mode)) return undefined;
  let key = '';
  let seen = 0;
  for (const field of FIELD_NAMES) {
    const value = (mode as Record<string, unknown>)[field];
    if (value === undefined) continue;
    seen++;
    if (typeof value !== 'string' || !(FIELDS[field] as readonly string[]).includes(value)) return undefined;
    key += `${field}=${value};`;
  }
  // Count defined own fields only: `{ requestBody: undefined }` is the same as `{}`.
  let own = 0;
  for (const value of Object.values(mode)) if (value !== undefined) own++;
  return own === seen ? key : undefined;
}

/** The override as source text, for messages. */
export function describeOverride(mode: ModeOverride): string {
  const parts = FIELD_NAMES.flatMap((f) => (mode[f] === undefined ? [] : [`${f}: '${mode[f]}'`]));
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

/**
 * Validates a plugin's declared `modeOverrides`, naming the first bad entry.
 *
 * @param at - the plugin, for errors (`plugins[1] (name)`).
 * @param headersHandler - whether the plugin has a headers handler (the only place to send one).
 * @throws AttacheError `ATTACHE_ERR_PLUGIN_INVALID`.
 */
export function checkModeOverrides(
  value: unknown,
  at: string,
  headersHandler: boolean,
): readonly ModeOverride[] {
  if (value === undefined) return [];
  const fail = (reason: string): never => {
    throw new AttacheError(ErrorCode.PLUGIN_INVALID, `${at}: modeOverrides${reason}`);
  };
  if (!Array.isArray(value)) fail(' must be an array of mode overrides');
  const list = value as unknown[];
  list.forEach((entry, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(`[${i}] must be an object`);
    for (const [field, v] of Object.entries(entry as object)) {
      const allowed = (FIELDS as Record<string, readonly string[]>)[field];
      if (allowed === undefined) fail(`[${i}]: unknown field "${field}"; expected ${FIELD_NAMES.join(', ')}`);
      else if (v !== undefined && (typeof v !== 'string' || !allowed.includes(v))) {
        fail(`[${i}].${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
      }
    }
  });
  if (list.length > 0 && !headersHandler) {
    fail(' declared, but only a requestHeaders or responseHeaders handler can send a mode override');
  }
  return Object.freeze(list.map((m) => Object.freeze({ ...(m as ModeOverride) })));
}
