/**
 * One direction's transformation, compiled: which templates run in the headers phase (those that
 * do not read the body) and which wait for the body, and the body template or expression.
 * kgateway's order holds within a message: the body first, then headers, then metadata.
 *
 * @module
 */
import { type BodyExpression, compileExpression } from './expression.js';
import { TransformFailure } from './failure.js';
import type { DirectionOptions, ParseAs } from './options.js';
import { checkHeaderValue, checkJsonBody, checkStatus, isJsonType, type Output } from './output.js';
import type { Scope } from './scope.js';
import type { Template, TemplateCompiler } from './templates.js';

/** Templates rendered together. */
interface Group {
  readonly set: Array<[string, Template]>;
  readonly add: Array<[string, Template]>;
  readonly metadata: Array<[string, Template]>;
  status: Template | undefined;
}

/** One direction, compiled. */
export interface DirectionPlan {
  readonly parseAs: ParseAs;
  /** Rendered in the headers phase. */
  readonly early: Group;
  /** Rendered once the body is there (they read it). */
  readonly late: Group;
  readonly remove: readonly string[];
  readonly bodyTemplate: Template | undefined;
  readonly bodyExpression: BodyExpression | undefined;
  /** Whether anything reads or replaces the body: only then is a body handler registered. */
  readonly needsBody: boolean;
  /** Whether the headers phase has anything to do when the body follows. */
  readonly hasEarly: boolean;
  /**
   * Whether templates that read the body change headers or the status: those need Envoy to still
   * hold the headers when the body comes (BUFFERED), see `headersFromBody`.
   */
  readonly lateHeaders: boolean;
}

const emptyGroup = (): Group => ({ set: [], add: [], metadata: [], status: undefined });

/**
 * Compiles one direction block.
 *
 * @throws Error naming the field (`request.set.x-user`) and the position.
 */
export function compileDirection(
  block: 'request' | 'response',
  o: DirectionOptions,
  compiler: TemplateCompiler,
  jsonataTimeoutMs: number,
): DirectionPlan {
  const early = emptyGroup();
  const late = emptyGroup();
  const place = (t: Template): Group => (t.usesBody ? late : early);
  for (const [key, list] of [
    ['set', 'set'],
    ['add', 'add'],
    ['metadata', 'metadata'],
  ] as const) {
    for (const [name, source] of Object.entries(o[key])) {
      const t = compiler.compile(`${block}.${key}.${name}`, source);
      place(t)[list].push([key === 'metadata' ? name : name.toLowerCase(), t]);
    }
  }
  if (o.status !== undefined) {
    const t = compiler.compile(`${block}.status`, o.status);
    place(t).status = t;
  }
  const parseAs = o.body?.parseAs ?? 'none';
  const bodyTemplate =
    o.body?.value === undefined ? undefined : compiler.compile(`${block}.body.value`, o.body.value);
  let bodyExpression: BodyExpression | undefined;
  if (o.body?.jsonata !== undefined) {
    try {
      bodyExpression = compileExpression(o.body.jsonata, jsonataTimeoutMs);
    } catch (e) {
      throw new Error(`${block}.body.jsonata: ${(e as Error).message}`);
    }
  }
  const lateCount = late.set.length + late.add.length + late.metadata.length + (late.status ? 1 : 0);
  const earlyCount = early.set.length + early.add.length + early.metadata.length + (early.status ? 1 : 0);
  return {
    parseAs,
    early,
    late,
    remove: o.remove.map((n) => n.toLowerCase()),
    bodyTemplate,
    bodyExpression,
    needsBody: bodyTemplate !== undefined || bodyExpression !== undefined || lateCount > 0,
    hasEarly: earlyCount > 0 || o.remove.length > 0,
    lateHeaders: late.set.length + late.add.length > 0 || late.status !== undefined,
  };
}

/** Renders a group's headers, status and metadata into `out`. */
export function renderGroup(g: Group, scope: Scope, context: unknown, out: Output): void {
  for (const [name, t] of g.set) {
    const v = checkHeaderValue(name, t.render(scope, context));
    // kgateway's rule: a header template rendering empty removes the header.
    if (v === '') out.remove.push(name);
    else out.set.push([name, v]);
  }
  for (const [name, t] of g.add) {
    const v = checkHeaderValue(name, t.render(scope, context));
    if (v !== '') out.add.push([name, v]);
  }
  if (g.status !== undefined) {
    const v = g.status.render(scope, context).trim();
    if (v !== '') out.status = checkStatus(v);
  }
  for (const [key, t] of g.metadata) {
    const v = t.render(scope, context);
    if (v !== '') out.metadata[key] = v;
  }
}

/** Reads the body as `parseAs` says, so bad input fails before anything renders. */
export function bodyContext(plan: DirectionPlan, scope: Scope): unknown {
  if (plan.parseAs === 'json') return scope.body.json();
  if (plan.parseAs === 'string') scope.body.text();
  return undefined;
}

/** Evaluates the direction's JSONata expression; the result is serialized as JSON. */
export async function evaluateBody(
  expression: BodyExpression,
  context: unknown,
  bindings: Record<string, unknown>,
): Promise<Buffer> {
  const result = await expression.evaluate(context, bindings);
  if (result === undefined) return Buffer.alloc(0);
  const text = JSON.stringify(result);
  if (text === undefined) throw new TransformFailure('body.jsonata: the result is not JSON (a function?)');
  return Buffer.from(text, 'utf8');
}

/**
 * Renders the direction's body template, if it has one.
 *
 * @param contentType - the message's content-type after this transformation: with a JSON one,
 *   the output must be valid JSON.
 */
export function renderBodyTemplate(
  plan: DirectionPlan,
  scope: Scope,
  context: unknown,
  contentType: string | undefined,
): Buffer | undefined {
  if (plan.bodyTemplate === undefined) return undefined;
  const text = plan.bodyTemplate.render(scope, context);
  if (text !== '' && isJsonType(contentType)) checkJsonBody(text);
  return Buffer.from(text, 'utf8');
}
