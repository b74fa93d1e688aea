/**
 * The V8 setting `attache dev` runs with: allocation-site pretenuring off.
 *
 * Why: the development proxy runs the simulated filter, the gRPC client and the server in one
 * process, and V8's pretenuring decides from a few exchanges that outlived a scavenge (node:http2
 * keeps closed streams' objects alive until a full collection) that the kit's allocation sites
 * make long-lived objects. It then allocates every later exchange's objects straight in old
 * space, where they keep the young objects they point to alive through each scavenge, which
 * confirms the decision. Measured with the kit in process (one exchange at a time, a real
 * processor): ~32% of new space survived each scavenge with it, ~1% without, and the CPU per
 * exchange fell by half (bench/README.md, "Development proxy"). The flag changes only when
 * objects are promoted, never what a program computes.
 *
 * @module
 */
import v8 from 'node:v8';

/** The flag, and the names by which a user's own setting (either polarity) is recognised. */
const FLAG = '--no-allocation-site-pretenuring';
const NAMES = /(^|\s)--(no-)?allocation[-_]site[-_]pretenuring(\s|=|$)/;

/**
 * The V8 flags `attache dev` sets at start: none when the user chose pretenuring themselves, on
 * the command line (`execArgv`) or in `NODE_OPTIONS`.
 */
export function devV8Flags(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  if (execArgv.some((arg) => NAMES.test(arg)) || NAMES.test(nodeOptions ?? '')) return [];
  return [FLAG];
}

/** Applies {@link devV8Flags} to this process (V8 reads this flag at every collection). */
export function applyDevV8Flags(): void {
  for (const flag of devV8Flags(process.execArgv, process.env.NODE_OPTIONS)) v8.setFlagsFromString(flag);
}
