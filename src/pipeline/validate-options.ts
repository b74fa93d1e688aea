/**
 * Validates a plugin's options against its Standard Schema, with errors that name the field.
 *
 * @module
 */
import { AttacheError, ErrorCode } from '../errors.js';
import type { Plugin } from '../plugin/define-plugin.js';
import type { StandardSchemaV1 } from '../plugin/standard-schema.js';

function pathOf(issue: StandardSchemaV1.Issue): string {
  if (!issue.path || issue.path.length === 0) return '';
  return issue.path
    .map((p) => (typeof p === 'object' ? p.key : p))
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
    .join('');
}

/**
 * Absent options (`undefined`): what the schema makes of `undefined` if it accepts it, else
 * what it makes of `{}`, so a plugin whose options all have defaults needs no `options: {}`.
 * When neither passes, the issues of `{}` if one names a field (a required one), else those
 * of `undefined` (a schema that wants no object at all).
 */
async function validateAbsent(schema: StandardSchemaV1): Promise<StandardSchemaV1.Result<unknown>> {
  const absent = await schema['~standard'].validate(undefined);
  if (absent.issues === undefined) return absent;
  const empty = await schema['~standard'].validate({});
  if (empty.issues === undefined || empty.issues.some((i) => (i.path?.length ?? 0) > 0)) return empty;
  return absent;
}

/**
 * Returns the parsed options, or throws one error listing every issue as `where.field: reason`.
 * A plugin without a schema receives its options unchanged; absent options validate as
 * `undefined` or, when the schema refuses that, as `{}` (see {@link validateAbsent}).
 */
export async function validateOptions(
  plugin: Plugin<unknown>,
  raw: unknown,
  where: string,
): Promise<unknown> {
  const schema = plugin.options;
  if (schema === undefined) return raw;
  const result = raw === undefined ? await validateAbsent(schema) : await schema['~standard'].validate(raw);
  if (result.issues === undefined) return result.value;
  const lines = result.issues.map((i) => `${where}${pathOf(i)}: ${i.message}`);
  throw new AttacheError(ErrorCode.PLUGIN_OPTIONS, `invalid plugin options:\n  ${lines.join('\n  ')}`);
}
