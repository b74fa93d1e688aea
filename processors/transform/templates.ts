/**
 * Handlebars templates, checked and compiled once at start-up. The checker walks each template's
 * syntax tree: an unknown helper, a partial, a `regex` whose pattern is not a literal, or an `env`
 * name outside the allow-list fails the start with the field and the line and column. It also
 * records whether the template reads the body, so a transformation that never does is not sent
 * the body by Envoy.
 *
 * @module
 */
import Handlebars from 'handlebars';
import { separateClosingBraces } from './braces.js';
import { BODY_HELPERS, BUILTIN_HELPERS, createHelpers } from './helpers.js';
import type { ParseAs } from './options.js';
import { type CompiledRegex, compileRegex } from './regex.js';
import { type PreparedRuntime, prepareRuntime } from './render-options.js';
import type { Scope } from './scope.js';

/** One compiled template. */
export interface Template {
  /** Where it came from in the options, e.g. `request.set.x-user`. */
  readonly where: string;
  /** Whether it reads the body (helpers `body`, `json`, `context`, or body fields under `parseAs: json`). */
  readonly usesBody: boolean;
  /** Renders it for one message; `context` is what bare names (`{{user.id}}`) read. */
  render(scope: Scope, context: unknown): string;
}

type Node = hbs.AST.Node;
type RuntimeOptions = Handlebars.RuntimeOptions;
type Call = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

function position(node: Node): string {
  const loc = node.loc;
  return loc ? `line ${loc.start.line}, column ${loc.start.column + 1}` : 'unknown position';
}

/** Compiles the templates of one plugin instance, sharing one Handlebars environment. */
export class TemplateCompiler {
  readonly #hb = Handlebars.create();
  readonly #regexes = new Map<string, CompiledRegex>();
  readonly #env = new Map<string, string>();
  readonly #known: Set<string>;
  readonly #allowedEnv: ReadonlySet<string>;
  readonly #parseAs: ParseAs;
  readonly #regexMaxInput: number;
  readonly #strict: boolean;
  readonly #runtime: PreparedRuntime;

  constructor(options: {
    env: readonly string[];
    parseAs: ParseAs;
    regexMaxInput: number;
    missingIsError: boolean;
  }) {
    this.#allowedEnv = new Set(options.env);
    this.#parseAs = options.parseAs;
    this.#regexMaxInput = options.regexMaxInput;
    this.#strict = options.missingIsError;
    const helpers = createHelpers({ regexes: this.#regexes, env: this.#env });
    for (const name of Object.keys(this.#hb.helpers)) {
      if (!(BUILTIN_HELPERS as readonly string[]).includes(name) && !name.endsWith('Missing')) {
        this.#hb.unregisterHelper(name);
      }
    }
    this.#hb.registerHelper(helpers);
    this.#known = new Set([...Object.keys(helpers), ...BUILTIN_HELPERS]);
    this.#runtime = prepareRuntime(this.#hb.helpers as Record<string, (...a: unknown[]) => unknown>);
  }

  /**
   * Checks and compiles `source`.
   *
   * @throws Error naming `where`, the position and the reason.
   */
  compile(where: string, source: string): Template {
    let ast: hbs.AST.Program;
    try {
      ast = this.#hb.parse(separateClosingBraces(source));
    } catch (e) {
      const message = (e as Error).message.replace(/^Parse error on (line \d+):\n/, 'syntax error on $1: ');
      throw new Error(`${where}: ${message}`);
    }
    const usesBody = this.#check(where, ast, new Set());
    const compiled = this.#hb.compile(ast, {
      noEscape: true,
      strict: this.#strict,
      knownHelpers: Object.fromEntries([...this.#known].map((n) => [n, true])),
      // Every helper is known here (the check refuses any other call), so a bare name that is
      // not a helper can only be a field: compiled as a plain lookup, not a per-render test
      // whether a helper of that name exists (a third of the render of a list of fields).
      knownHelpersOnly: true,
    });
    try {
      // Handlebars compiles lazily on first render; this makes it compile now, at start-up.
      (compiled as unknown as { _setup(o: object): void })._setup({});
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
    const runtime = this.#runtime;
    return {
      where,
      usesBody,
      render(scope, context) {
        const root = context ?? {};
        // `data` is what Handlebars' own set-up would build: `@root`, plus the scope for helpers.
        return compiled(root, { ...runtime, data: { root, scope } } as RuntimeOptions);
      },
    };
  }

  /** Walks the tree; returns whether it reads the body. */
  #check(where: string, node: Node | undefined, params: ReadonlySet<string>): boolean {
    if (node === undefined) return false;
    const fail = (at: Node, reason: string): never => {
      throw new Error(`${where}: ${reason} at ${position(at)}`);
    };
    switch (node.type) {
      case 'Program': {
        const p = node as hbs.AST.Program;
        const inner = p.blockParams?.length ? new Set([...params, ...p.blockParams]) : params;
        let body = false;
        for (const s of p.body) body = this.#check(where, s, inner) || body;
        return body;
      }
      case 'MustacheStatement':
      case 'BlockStatement':
      case 'SubExpression': {
        const c = node as Call;
        let body = this.#checkCall(c, params, fail);
        for (const p of c.params) body = this.#check(where, p, params) || body;
        for (const pair of c.hash?.pairs ?? []) body = this.#check(where, pair.value, params) || body;
        if (node.type === 'BlockStatement') {
          const b = node as hbs.AST.BlockStatement;
          body = this.#check(where, b.program, params) || body;
          body = this.#check(where, b.inverse, params) || body;
        }
        return body;
      }
      case 'PathExpression':
        return this.#fieldReadsBody(node as hbs.AST.PathExpression, params);
      case 'PartialStatement':
      case 'PartialBlockStatement':
      case 'Decorator':
      case 'DecoratorBlock':
        return fail(node, 'partials and decorators are not supported');
      default:
        return false; // content, comments, literals
    }
  }

  #checkCall(c: Call, params: ReadonlySet<string>, fail: (at: Node, r: string) => never): boolean {
    if (c.path.type !== 'PathExpression') return fail(c, 'a call needs a helper name');
    const path = c.path as hbs.AST.PathExpression;
    const name = path.original;
    const isCall = c.type !== 'MustacheStatement' || c.params.length > 0 || (c.hash?.pairs.length ?? 0) > 0;
    const simple = !path.data && path.parts.length === 1 && !params.has(name);
    if (!this.#known.has(name) || !simple) {
      if (isCall && !(c.type === 'BlockStatement' && c.params.length === 0 && !c.hash)) {
        return fail(c, `unknown helper ${JSON.stringify(name)}`);
      }
      return this.#fieldReadsBody(path, params); // {{field}} or {{#field}}...{{/field}}
    }
    if (name === 'regex') this.#prepareRegex(c, fail);
    if (name === 'env') this.#prepareEnv(c, fail);
    if ((name === 'json' || name === 'context') && this.#parseAs !== 'json') {
      fail(c, `${name} needs body.parseAs: json`);
    }
    return BODY_HELPERS.has(name);
  }

  #fieldReadsBody(path: hbs.AST.PathExpression, params: ReadonlySet<string>): boolean {
    if (path.data || this.#parseAs !== 'json') return false;
    const head = path.parts[0];
    return head === undefined ? path.original === 'this' || path.original === '.' : !params.has(head);
  }

  #prepareRegex(c: Call, fail: (at: Node, r: string) => never): void {
    const [, pattern, group] = c.params;
    if (pattern?.type !== 'StringLiteral') {
      fail(c, 'regex needs its pattern as a string literal (it is compiled at start-up)');
    }
    const source = (pattern as hbs.AST.StringLiteral).value;
    let re = this.#regexes.get(source);
    if (re === undefined) {
      try {
        re = compileRegex(source, this.#regexMaxInput);
      } catch (e) {
        fail(pattern, (e as Error).message);
      }
      this.#regexes.set(source, re);
    }
    if (group?.type === 'NumberLiteral' || group?.type === 'StringLiteral') {
      const g = (group as hbs.AST.NumberLiteral | hbs.AST.StringLiteral).value;
      if (!re.hasGroup(g)) fail(group, `regex ${JSON.stringify(source)} has no group ${JSON.stringify(g)}`);
    }
  }

  #prepareEnv(c: Call, fail: (at: Node, r: string) => never): void {
    const [name] = c.params;
    if (name?.type !== 'StringLiteral') fail(c, 'env needs the variable name as a string literal');
    const key = (name as hbs.AST.StringLiteral).value;
    if (!this.#allowedEnv.has(key)) fail(name, `env ${JSON.stringify(key)} is not in the env allow-list`);
    const value = process.env[key];
    if (value !== undefined) this.#env.set(key, value);
  }
}
