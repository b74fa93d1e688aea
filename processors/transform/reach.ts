/**
 * Which forwarded metadata namespaces and Envoy attributes a direction's templates and JSONata
 * expression can read, found in their syntax trees at start-up. A pool task carries a snapshot
 * of exactly these (a thread cannot read the stream); when a template or expression names one
 * by a computed value (`{{metadata ns "k"}}`, `$attribute(name)`, `$f := $metadata`), the
 * reachable set is unknown and that direction's bodies are transformed inline whatever their size.
 *
 * @module
 */
import Handlebars from 'handlebars';
import { separateClosingBraces } from './braces.js';
import type { DirectionOptions } from './options.js';
import type { DirectionPlan } from './plan.js';

/** What a direction can reach, or `null` when a name is computed (see the module comment). */
export interface Reach {
  /** Metadata namespaces named by `metadata "ns" ...` / `$metadata("ns", ...)`. */
  readonly namespaces: readonly string[];
  /** Attribute names named by `attribute "name"` / `$attribute("name")`. */
  readonly attributes: readonly string[];
}

/** The helpers (and JSONata functions) that read the stream by a name, and their name argument. */
const NAMED = { metadata: 'namespaces', attribute: 'attributes' } as const;
type Named = keyof typeof NAMED;
const isNamed = (name: unknown): name is Named => name === 'metadata' || name === 'attribute';

interface Found {
  readonly namespaces: Set<string>;
  readonly attributes: Set<string>;
  computed: boolean;
}

function note(found: Found, helper: Named, arg: { type: string; value?: unknown } | undefined): void {
  const literal = arg?.type === 'StringLiteral' || arg?.type === 'string';
  if (literal && typeof arg?.value === 'string') found[NAMED[helper]].add(arg.value);
  else found.computed = true;
}

/** Walks every object member of a Handlebars tree (calls sit in statements, params, hashes). */
function walkTemplate(node: unknown, found: Found): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) walkTemplate(n, found);
    return;
  }
  const n = node as { type?: string; path?: { type: string; original?: string; data?: boolean } };
  const call = n.type === 'MustacheStatement' || n.type === 'SubExpression' || n.type === 'BlockStatement';
  if (call && n.path?.type === 'PathExpression' && n.path.data !== true && isNamed(n.path.original)) {
    note(found, n.path.original, (node as { params: Array<{ type: string; value?: unknown }> }).params[0]);
  }
  for (const [key, v] of Object.entries(node)) if (key !== 'loc') walkTemplate(v, found);
}

/** Walks a JSONata tree: every `$metadata` / `$attribute` must be called with a literal name. */
function walkExpression(ast: unknown, found: Found): void {
  const called = new Set<unknown>();
  const refs: unknown[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const n = node as {
      type?: string;
      value?: unknown;
      procedure?: { type?: string; value?: unknown };
      arguments?: Array<{ type: string; value?: unknown }>;
    };
    if (n.type === 'variable' && isNamed(n.value)) refs.push(node);
    if (n.type === 'function' && n.procedure?.type === 'variable' && isNamed(n.procedure.value)) {
      called.add(n.procedure);
      note(found, n.procedure.value, n.arguments?.[0]);
    }
    for (const v of Object.values(node)) walk(v);
  };
  walk(ast);
  // A reference that is not a call's own name (`$f := $metadata`, a partial application).
  if (refs.some((r) => !called.has(r))) found.computed = true;
}

/**
 * What the templates and the expression of one direction block can read (see the module
 * comment). Runs on options that already compiled into `plan`, so their syntax is valid.
 */
export function reachOf(o: DirectionOptions, plan: DirectionPlan): Reach | null {
  const found: Found = { namespaces: new Set(), attributes: new Set(), computed: false };
  const sources = [
    ...Object.values(o.set),
    ...Object.values(o.add),
    ...Object.values(o.metadata),
    ...(o.status === undefined ? [] : [o.status]),
    ...(o.body?.value === undefined ? [] : [o.body.value]),
  ];
  for (const source of sources) walkTemplate(Handlebars.parse(separateClosingBraces(source)), found);
  if (plan.bodyExpression !== undefined) walkExpression(plan.bodyExpression.ast(), found);
  if (found.computed) return null;
  return { namespaces: [...found.namespaces], attributes: [...found.attributes] };
}
