/**
 * Reads Gateway API and kgateway resources from a YAML file or a folder of them (`*.yaml`,
 * `*.yml`, in name order), each document checked against its strict schema. Every error names
 * the file, the document (1-based, with its kind and name) and the field path.
 *
 * @module
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { AttacheError, ErrorCode } from '../../errors.js';
import {
  type GatewayExtensionResource,
  type GatewayResource,
  type HttpRouteResource,
  SCHEMAS,
  type TrafficPolicyResource,
} from './schema.js';

/** A resource and where it was declared. */
export interface Located<T> {
  readonly value: T;
  /** `routes/app.yaml: document 2 (HTTPRoute app)`. */
  readonly where: string;
  /** `metadata.namespace`, or `default`. */
  readonly namespace: string;
}

/** Every resource read. */
export interface RouteResources {
  readonly gateways: ReadonlyArray<Located<GatewayResource>>;
  readonly httpRoutes: ReadonlyArray<Located<HttpRouteResource>>;
  readonly extensions: ReadonlyArray<Located<GatewayExtensionResource>>;
  readonly policies: ReadonlyArray<Located<TrafficPolicyResource>>;
}

function fieldPath(issuePath: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of issuePath)
    out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(document)' : out;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unsupported field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (attache does not translate it)`;
  }
  return issue.message;
}

/** The YAML files of `target` (a file, or a folder's `*.yaml` / `*.yml` in name order). */
async function yamlFiles(
  target: string,
  shown: string,
  setting: string,
): Promise<Array<{ abs: string; shown: string }>> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(target);
  } catch (error) {
    throw new AttacheError(
      ErrorCode.CONFIG_INVALID,
      `${setting}: ${shown}: cannot read: ${(error as Error).message}`,
    );
  }
  if (!info.isDirectory()) return [{ abs: target, shown }];
  const names = (await readdir(target)).filter((n) => /\.ya?ml$/.test(n)).sort();
  if (names.length === 0)
    throw new AttacheError(ErrorCode.CONFIG_INVALID, `${setting}: ${shown}: no .yaml file in the folder`);
  return names.map((n) => ({ abs: path.join(target, n), shown: path.join(shown, n) }));
}

/**
 * Reads the resources.
 *
 * @param target the file or folder (absolute).
 * @param shown how errors name it (as the config wrote it).
 * @param setting names the setting that gave it, for errors about the path itself.
 * @throws AttacheError listing every problem found, each with file, document and path.
 */
export async function loadRouteResources(
  target: string,
  shown: string,
  setting = 'envoy.routes',
): Promise<RouteResources> {
  const out = {
    gateways: [] as Located<GatewayResource>[],
    httpRoutes: [] as Located<HttpRouteResource>[],
    extensions: [] as Located<GatewayExtensionResource>[],
    policies: [] as Located<TrafficPolicyResource>[],
  };
  const problems: string[] = [];
  for (const file of await yamlFiles(target, shown, setting)) {
    const text = await readFile(file.abs, 'utf8');
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((doc, i) => {
      const at = `${file.shown}: document ${i + 1}`;
      if (doc.errors.length > 0) {
        for (const e of doc.errors) {
          const pos = lineCounter.linePos(e.pos[0]);
          problems.push(`${file.shown}${pos ? `:${pos.line}:${pos.col}` : ''}: ${e.message.split('\n')[0]}`);
        }
        return;
      }
      const value = doc.toJS() as Record<string, unknown> | null;
      if (value === null || value === undefined) return; // an empty document (a trailing ---)
      const key = `${String(value.apiVersion)} ${String(value.kind)}` as keyof typeof SCHEMAS;
      const schema = SCHEMAS[key];
      if (schema === undefined) {
        problems.push(
          `${at}: unsupported resource ${String(value.apiVersion)} ${String(value.kind)} (attache reads ${Object.keys(SCHEMAS).join(', ')})`,
        );
        return;
      }
      const name = (value.metadata as { name?: unknown } | undefined)?.name;
      const where = `${at} (${String(value.kind)} ${typeof name === 'string' ? name : '?'})`;
      const result = schema.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues)
          problems.push(`${where}: ${fieldPath(issue.path)}: ${describe(issue)}`);
        return;
      }
      const namespace = result.data.metadata.namespace ?? 'default';
      const located = { value: result.data, where, namespace };
      if (result.data.kind === 'Gateway') out.gateways.push(located as Located<GatewayResource>);
      else if (result.data.kind === 'HTTPRoute') out.httpRoutes.push(located as Located<HttpRouteResource>);
      else if (result.data.kind === 'GatewayExtension')
        out.extensions.push(located as Located<GatewayExtensionResource>);
      else out.policies.push(located as Located<TrafficPolicyResource>);
    });
  }
  if (problems.length > 0) {
    throw new AttacheError(ErrorCode.CONFIG_INVALID, `invalid route resources\n  ${problems.join('\n  ')}`);
  }
  return out;
}
