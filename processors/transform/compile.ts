/**
 * Compiles an instance's direction blocks into plans: on the main thread at start-up, and once
 * per pool thread (body-worker.ts) from the same options.
 *
 * @module
 */
import type { Direction } from 'attache-extproc';
import type { DirectionOptions, TransformOptions } from './options.js';
import { compileDirection, type DirectionPlan } from './plan.js';
import { TemplateCompiler } from './templates.js';

/** The plans of the directions an instance configures. */
export type Plans = Partial<Record<Direction, DirectionPlan>>;

/**
 * Plans by the options object they came from: the plugin's setup and the worker module's setup
 * on the main thread get the same object and share one compilation (a thread gets a copy, and
 * compiles it once). Kept on the global object: when the plugin runs from its TypeScript
 * sources (tests), the worker module is its compiled copy, a second instance of this module.
 */
const compiled: WeakMap<TransformOptions, Plans> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('attache.transform.plans')
] ??= new WeakMap()) as WeakMap<TransformOptions, Plans>;

/**
 * Compiles every configured direction of `options` (once per options object).
 *
 * @throws Error naming the field and position of a template or expression that does not compile.
 */
export function compilePlans(options: TransformOptions): Plans {
  const known = compiled.get(options);
  if (known !== undefined) return known;
  const plans: Plans = {};
  for (const block of ['request', 'response'] as const) {
    const o = options[block];
    if (o === undefined) continue;
    const compiler = new TemplateCompiler({
      env: options.env,
      parseAs: o.body?.parseAs ?? 'none',
      regexMaxInput: options.regexMaxInput,
      missingIsError: options.missing === 'error',
    });
    plans[block] = compileDirection(
      block,
      { status: undefined, ...o } as DirectionOptions,
      compiler,
      options.jsonataTimeoutMs,
    );
  }
  compiled.set(options, plans);
  return plans;
}
