/**
 * Reads and validates `attache.yaml`. Errors name the file, the field path and the reason.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { AttacheError, ErrorCode } from '../errors.js';
import { type Config, configSchema } from './schema.js';

/** A loaded configuration and where it came from (plugin paths resolve from its folder). */
export interface LoadedConfig {
  readonly file: string;
  readonly dir: string;
  readonly config: Config;
}

function fieldPath(issuePath: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of issuePath)
    out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(top level)' : out;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

/** Validates an already parsed configuration object. */
export function parseConfig(value: unknown, file: string): Config {
  const result = configSchema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${file}: ${fieldPath(i.path)}: ${describe(i)}`);
  throw new AttacheError(ErrorCode.CONFIG_INVALID, `invalid configuration\n  ${lines.join('\n  ')}`);
}

/**
 * Loads a YAML configuration file.
 *
 * @throws AttacheError `ATTACHE_ERR_CONFIG_INVALID` for an unreadable file, invalid YAML (with
 *   line and column) or a schema violation (with the field path).
 */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (cause) {
    throw new AttacheError(ErrorCode.CONFIG_INVALID, `${file}: cannot read: ${(cause as Error).message}`, {
      cause,
    });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: ${e.message.split('\n')[0]}`;
    });
    throw new AttacheError(ErrorCode.CONFIG_INVALID, `invalid YAML\n  ${lines.join('\n  ')}`);
  }
  return { file, dir: path.dirname(abs), config: parseConfig(doc.toJS(), file) };
}
