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
 * Returns the parsed options, or throws one error listing every issue as `where.field: reason`.
 * A plugin without a schema receives its options unchanged.
 */
export async function validateOptions(
  plugin: Plugin<unknown>,
  raw: unknown,
  where: string,
): Promise<unknown> {
  const schema = plugin.options;
  if (schema === undefined) return raw;
  const result = await schema['~standard'].validate(raw);
  if (result.issues === undefined) return result.value;
  const lines = result.issues.map((i) => `${where}${pathOf(i)}: ${i.message}`);
  throw new AttacheError(ErrorCode.PLUGIN_OPTIONS, `invalid plugin options:\n  ${lines.join('\n  ')}`);
}
