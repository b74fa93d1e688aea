/**
 * JSONata body expressions: parsed once at start-up, evaluated with a time budget and a depth
 * limit (JSONata checks both at every step, so a runaway expression ends in an error, not a
 * stalled stream). Regex literals in an expression run on RE2JS, like the `regex` helper, and are
 * compiled at start-up too.
 *
 * @module
 */
import jsonata from 'jsonata';
import { RE2JS } from 're2js';
import { TransformFailure } from './failure.js';

/** A compiled body expression. */
export interface BodyExpression {
  /** Evaluates it over the parsed body; `undefined` when it yields nothing. */
  evaluate(input: unknown, bindings: Record<string, unknown>): Promise<unknown>;
  /** Its syntax tree (read at start-up: what it can reach, see reach.ts). */
  ast(): unknown;
}

const STACK_LIMIT = 500;

interface Node {
  type?: string;
  value?: unknown;
  [key: string]: unknown;
}

/** Every regex literal of the tree, found by walking all of its object members. */
function regexLiterals(node: unknown, out: RegExp[], seen = new Set<unknown>()): RegExp[] {
  if (node === null || typeof node !== 'object' || seen.has(node)) return out;
  seen.add(node);
  if ((node as Node).type === 'regex' && (node as Node).value instanceof RegExp)
    out.push((node as Node).value as RegExp);
  for (const v of Object.values(node)) regexLiterals(v, out, seen);
  return out;
}

function flagsOf(re: RegExp): number {
  return (re.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (re.multiline ? RE2JS.MULTILINE : 0);
}

/**
 * A `RegExp` stand-in for JSONata (`exec` and `lastIndex` are all it uses) that matches with
 * patterns compiled at start-up.
 */
function engineFor(prepared: ReadonlyMap<string, RE2JS>) {
  return class Re2Engine {
    lastIndex = 0;
    readonly #re: RE2JS;

    constructor(re: RegExp) {
      const compiled = prepared.get(`${re.flags}/${re.source}`);
      if (compiled === undefined) throw new TransformFailure(`regex /${re.source}/ was not prepared`);
      this.#re = compiled;
    }

    exec(input: string): RegExpExecArray | null {
      const m = this.#re.matcher(input);
      if (!m.find(this.lastIndex)) return null;
      const groups: string[] = [];
      for (let i = 0; i <= this.#re.groupCount(); i++) groups.push(m.group(i) ?? '');
      const result = Object.assign(groups, { index: m.start(0), input }) as unknown as RegExpExecArray;
      this.lastIndex = m.end(0);
      return result;
    }
  };
}

/**
 * Parses `source` and prepares its regexes.
 *
 * @throws Error with JSONata's reason and the character position, or an RE2 syntax error.
 */
export function compileExpression(source: string, timeoutMs: number): BodyExpression {
  const prepared = new Map<string, RE2JS>();
  const engine = engineFor(prepared);
  let expr: jsonata.Expression;
  try {
    expr = jsonata(source, {
      timeout: timeoutMs,
      stack: STACK_LIMIT,
      RegexEngine: engine as unknown as RegExpConstructor,
    });
  } catch (e) {
    const err = e as { message?: string; position?: number };
    throw new Error(`JSONata syntax error at character ${err.position ?? '?'}: ${err.message ?? String(e)}`);
  }
  for (const re of regexLiterals(expr.ast(), [])) {
    try {
      prepared.set(`${re.flags}/${re.source}`, RE2JS.compile(re.source, flagsOf(re)));
    } catch (e) {
      throw new Error(`invalid regular expression /${re.source}/ (RE2 syntax): ${(e as Error).message}`);
    }
  }
  return {
    ast: () => expr.ast(),
    async evaluate(input, bindings) {
      try {
        return await expr.evaluate(input, bindings);
      } catch (e) {
        if (e instanceof TransformFailure) throw e;
        // Code and position only: JSONata's messages may quote values from the body.
        const err = e as { code?: string; position?: number };
        throw new TransformFailure(
          `JSONata evaluation failed (${err.code ?? 'error'}${err.position === undefined ? '' : ` at character ${err.position}`})`,
        );
      }
    },
  };
}
